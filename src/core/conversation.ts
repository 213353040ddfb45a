import type { Invocation } from './invocation.ts';
import type { Reply } from './reply.ts';

/** What the bot remembers of a conversation's last turn: what was asked, understood, answered and offered. */
export interface Turn {
  /** What the user typed. */
  text: string;
  /** The question as understood after the conversation's context, when it differed. */
  resolvedQuestion?: string;
  /** The questions offered under the reply, numbered from 1. */
  suggestions: string[];
  /** The fact the reply answered with, when it answered. */
  factId?: string;
  /** Facts already shown in this conversation, most recent last ("tell me more" skips them). */
  shownFactIds: string[];
  kind: Reply['kind'];
  /** The reply was private: what follows from it (a picked suggestion) stays private. */
  private?: boolean;
  /** When it was said (milliseconds). */
  at: number;
}

/** How long a quiet conversation is remembered, unless CONVERSATION_IDLE_MINUTES says otherwise. */
export const CONVERSATION_IDLE_MS = 10 * 60_000;
/** The most conversations one process remembers at once; the least recently used go first. */
export const MAX_CONVERSATIONS = 10_000;
/** The longest text a turn keeps. */
const MAX_TURN_TEXT = 500;
/** The most shown facts a turn carries forward. */
const MAX_SHOWN = 20;

/**
 * Where a conversation happens: a thread; a DM; or one person in a channel (two people asking in the
 * same channel are two conversations); the console session.
 */
export function conversationKey(invocation: Invocation): string {
  const place = invocation.threadId ?? invocation.channelId;
  return `${invocation.platform}:${invocation.scope ?? ''}:${place}:${invocation.user.id}`;
}

/** Each conversation's last turn. In memory for one process; in the database when instances share one. */
export interface ConversationStore {
  /** Answers from this process's memory, at once: read without a timeout (see Dispatcher). */
  readonly inProcess?: boolean;
  /** The conversation's last turn, unless it has been idle too long. */
  last(key: string): Promise<Turn | undefined>;
  remember(key: string, turn: Turn): Promise<void>;
}

/** The turn a reply makes, following the previous one. */
export function nextTurn(
  previous: Turn | undefined,
  text: string,
  reply: Reply,
  at: number,
  resolvedQuestion?: string,
): Turn {
  const factId = reply.feedback?.factId ?? reply.aboutFactId;
  const shown = [
    ...(previous?.shownFactIds ?? []),
    ...(reply.shownFactIds ?? []),
    ...(factId ? [factId] : []),
  ];
  return {
    // Bounded: a conversation remembers a question, not whatever was pasted.
    text: text.slice(0, MAX_TURN_TEXT),
    ...(resolvedQuestion ? { resolvedQuestion } : {}),
    suggestions: reply.suggestions ?? [],
    ...(factId ? { factId } : {}),
    shownFactIds: [...new Set(shown)].slice(-MAX_SHOWN),
    kind: reply.kind,
    ...(reply.requestedPrivate ? { private: true } : {}),
    at,
  };
}

/** The conversations of one process: bounded in number (least recently used go first) and expiring. */
export class MemoryConversationStore implements ConversationStore {
  readonly inProcess = true;
  /** Each conversation's last turn and when this store last heard of it (its own clock). */
  private readonly turns = new Map<string, { turn: Turn; at: number }>();

  constructor(
    private readonly idleMs = CONVERSATION_IDLE_MS,
    private readonly now: () => number = Date.now,
    private readonly max = MAX_CONVERSATIONS,
  ) {}

  async last(key: string): Promise<Turn | undefined> {
    const entry = this.turns.get(key);
    if (!entry) return undefined;
    if (this.now() - entry.at >= this.idleMs) {
      this.turns.delete(key);
      return undefined;
    }
    return entry.turn;
  }

  async remember(key: string, turn: Turn): Promise<void> {
    this.turns.delete(key); // re-inserted last: Map order is least recently used first
    this.turns.set(key, { turn, at: this.now() });
    while (this.turns.size > this.max) {
      const oldest = this.turns.keys().next().value;
      if (oldest === undefined) break;
      this.turns.delete(oldest);
    }
  }
}

const PICK = /^\s*#?(\d{1,2})\s*[.)]?\s*$/;

/** The suggestion number a message picks ("2", "#2", "2."), if it is nothing but one. */
export function pickedNumber(text: string): number | undefined {
  const match = PICK.exec(text);
  return match ? Number(match[1]) : undefined;
}
