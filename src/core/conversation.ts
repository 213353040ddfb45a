import type { Invocation } from './invocation.ts';
import type { Reply } from './reply.ts';

/** What the bot remembers of a conversation's last turn: what it offered and what it answered. */
export interface Turn {
  /** The question or command text the user typed. */
  text: string;
  /** The questions offered under the reply, numbered from 1. */
  suggestions: string[];
  /** The fact the reply answered with, when it answered. */
  factId?: string;
  kind: Reply['kind'];
  at: number;
}

/** How long a conversation's last turn is remembered. */
export const CONVERSATION_MEMORY_MS = 30 * 60_000;
/** The most conversations remembered at once; the least recently used go first. */
export const MAX_CONVERSATIONS = 10_000;

/**
 * Where a conversation happens: a thread; a DM; or one person in a channel (two people asking in the
 * same channel are two conversations); the console session.
 */
export function conversationKey(invocation: Invocation): string {
  const place = invocation.threadId ?? invocation.channelId;
  return `${invocation.platform}:${invocation.scope ?? ''}:${place}:${invocation.user.id}`;
}

/** The last turn of each conversation, bounded in number and expiring. */
export class ConversationMemory {
  private readonly turns = new Map<string, Turn>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly ttlMs = CONVERSATION_MEMORY_MS,
    private readonly max = MAX_CONVERSATIONS,
  ) {}

  /** The conversation's last turn, unless it has expired. */
  last(key: string): Turn | undefined {
    const turn = this.turns.get(key);
    if (!turn) return undefined;
    if (this.now() - turn.at >= this.ttlMs) {
      this.turns.delete(key);
      return undefined;
    }
    return turn;
  }

  /** Remembers a reply as the conversation's last turn. */
  remember(key: string, text: string, reply: Reply): void {
    this.turns.delete(key); // re-inserted last: Map order is least recently used first
    this.turns.set(key, {
      text,
      suggestions: reply.suggestions ?? [],
      ...(reply.feedback ? { factId: reply.feedback.factId } : {}),
      kind: reply.kind,
      at: this.now(),
    });
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
