import type { Schedule } from '../scheduler/store.ts';
import { type ChannelStoryStore, channelKey } from './channel-stories.ts';
import { commandKey, commandOf } from './command.ts';
import {
  type ConversationStore,
  conversationKey,
  MemoryConversationStore,
  nextTurn,
  pickedNumber,
  type Turn,
} from './conversation.ts';
import type { Invocation } from './invocation.ts';
import { type Logger, silentLogger } from './logger.ts';
import { type Platform, type PlatformTraits, type PostCheck, PostError } from './platform.ts';
import type { Reply } from './reply.ts';
import { EVENT_MEMORY_MS, MemoryRequestLedger, type RequestLedger } from './request-ledger.ts';
import type { ResolvedInvocation, Router } from './router.ts';
import { TIMED_OUT, within } from './timeouts.ts';
import { loopTurns, type Turns } from './turns.ts';

/**
 * What the dispatcher needs from a platform to answer one request. An adapter builds one per request
 * from the payload; the dispatcher decides when each part is used.
 */
export interface Responder {
  /** Acknowledges the request at once (Slack's 3-second ack); called before any work. */
  ack?(): Promise<void>;
  /** Holds the request open when the answer is slow (Discord's deferred reply); `privately` when only the asker will see it. */
  defer?(privately: boolean): Promise<void>;
  /** How long an answer may take before `defer` is called. */
  deferAfterMs?: number;
  /**
   * When the platform's request reached this process (performance.now()), if it waited before the
   * dispatcher saw it (an HTTP request queued for its turn under a burst): `deferAfterMs` counts from
   * then, as the platform's own clock does.
   */
  receivedAt?: number;
  /** Shows a reply where the request came from; an ephemeral reply only to the asker where the platform can. */
  reply(reply: Reply): Promise<void>;
  /**
   * Where `reply` cannot show anything privately (a channel message): gives a private answer another
   * way (a direct message), or throws when it cannot. Absent where `reply` is private enough.
   */
  replyPrivately?(reply: Reply): Promise<void>;
  /** Whether the asker may run admin-only commands; asked only for those. */
  isAdmin(): Promise<boolean>;
}

/**
 * What became of a reply: `delivered`; `lost` when the platform surely did not show it; `unknown`
 * when it may have (a try that timed out), which an adapter says with an error whose `outcome` is
 * `unknown`.
 */
export type Delivery = 'delivered' | 'lost' | 'unknown';

function deliveryOf(outcome: Outcome): Delivery {
  if (outcome.status !== 'lost') return 'delivered';
  return (outcome.error as { outcome?: unknown } | undefined)?.outcome === 'unknown' ? 'unknown' : 'lost';
}

/** How one request ended. */
export type Outcome =
  | { status: 'answered'; reply: Reply }
  /** A redelivery of an event already handled (here or by another instance): nothing was sent. */
  | { status: 'duplicate' }
  /** The reply could not be delivered. */
  | { status: 'lost'; reply: Reply; error: unknown };

/** Why an adapter could not make an invocation of a request. */
export type DeclineReason = 'unknown-command' | 'stale-button' | 'unreadable' | 'stopping';

/** A request for values while a user types an option (Discord autocomplete). */
export interface CompletionRequest {
  platform: string;
  /** The command's key: "ask", or "schedule remove". */
  command: string;
  option: string;
  partial: string;
  scope?: string;
  /** The channel being typed in: its story's topics and names are the ones suggested. */
  channelId?: string;
}

export interface DispatcherOptions {
  router: Router;
  /** Each platform's traits by id; unknown platforms get neutral wording. */
  traits?: (platform: string) => PlatformTraits | undefined;
  /** How users type the command, for hints: "ai-news" → "/ai-news help". */
  commandName?: string;
  logger?: Logger;
  /** Each user may type this many requests per window; no limit when absent. */
  rateLimit?: { questions: number; windowSeconds: number };
  /** Shared with other instances through the database when several run; in memory otherwise. */
  ledger?: RequestLedger;
  /** Each conversation's last turn: in memory, or shared through the database by instances. */
  conversations?: ConversationStore;
  /** Which story each channel answers from; every channel answers from the default without it. */
  channelStories?: ChannelStoryStore;
  /** Called once per handled request (metrics). */
  onHandled?: (
    invocation: Invocation,
    command: string,
    reply: Reply,
    latencyMs: number,
    delivery: Delivery,
  ) => void;
  /** How long an autocomplete provider may take: Discord allows 3 s and offers no way to defer. */
  completionTimeoutMs?: number;
  /** How long a slow answer runs before the responder is asked to defer. */
  deferAfterMs?: number;
  /** How long drain waits for replies in flight unless told otherwise; 10 s by default. */
  drainTimeoutMs?: number;
  /** Whose turns of the event loop answers are worked out on: the process's, shared with the HTTP intake. */
  turns?: Turns;
}

/** How long the ledger (a shared database) may take before a request goes on without it. */
const LEDGER_TIMEOUT_MS = 1000;

const APOLOGY: Reply = {
  kind: 'error',
  body: 'Sorry — something went wrong while answering that. It has been logged; please try again.',
  visibility: 'ephemeral',
};

/**
 * The one way every request goes, whatever door it came in by: Discord and Slack commands, mentions,
 * DMs and buttons, console lines, `npm run ask`, autocomplete and scheduled posts. It owns the
 * request: de-duplication, ack and defer, the admin precondition, the rate limit, conversation
 * context, routing, the one error boundary with its apology, the private fallback, in-flight
 * tracking and drain, logs and metrics. Adapters only translate.
 */
export class Dispatcher {
  readonly router: Router;
  readonly commandName: string;
  private readonly traitsOf: (platform: string) => PlatformTraits | undefined;
  private readonly logger: Logger;
  private readonly rateLimit: { questions: number; windowMs: number } | undefined;
  private readonly ledger: RequestLedger;
  private readonly conversations: ConversationStore;
  private readonly channelStories: ChannelStoryStore | undefined;
  private readonly onHandled: NonNullable<DispatcherOptions['onHandled']>;
  private readonly drainTimeoutMs: number;
  private readonly completionTimeoutMs: number;
  private readonly deferAfterMs: number;
  private readonly turns: Turns;
  private readonly inFlight = new Map<Promise<unknown>, string>();
  private readonly platforms = new Map<string, Platform>();
  /** Whether each of the latest replies was delivered, oldest first. */
  private readonly recentDeliveries: boolean[] = [];

  constructor(options: DispatcherOptions) {
    this.router = options.router;
    this.commandName = options.commandName ?? 'ai-news';
    this.traitsOf = options.traits ?? (() => undefined);
    this.logger = options.logger ?? silentLogger();
    this.rateLimit = options.rateLimit
      ? { questions: options.rateLimit.questions, windowMs: options.rateLimit.windowSeconds * 1000 }
      : undefined;
    this.ledger = options.ledger ?? new MemoryRequestLedger();
    this.conversations = options.conversations ?? new MemoryConversationStore();
    this.channelStories = options.channelStories;
    this.onHandled = options.onHandled ?? (() => {});
    this.drainTimeoutMs = options.drainTimeoutMs ?? 10_000;
    this.turns = options.turns ?? loopTurns;
    this.completionTimeoutMs = options.completionTimeoutMs ?? 2000;
    this.deferAfterMs = options.deferAfterMs ?? 1500;
  }

  /** Makes a created platform known: scheduled posts of its id are delivered through it. */
  attach(platform: Platform): void {
    this.platforms.set(platform.id, platform);
  }

  /** The platforms attached, in the order they were. */
  attached(): Platform[] {
    return [...this.platforms.values()];
  }

  /** Whether this process posts a schedule: its platform is attached here and claims it (a shard, its own guilds'). */
  owns(schedule: Schedule): boolean {
    const platform = this.platforms.get(schedule.platform);
    return platform !== undefined && (platform.ownsSchedule?.(schedule) ?? true);
  }

  /** Whether the bot can post into a channel of a platform, or why not. */
  async canPost(platform: string, channelId: string, scope?: string): Promise<PostCheck> {
    const running = this.platforms.get(platform);
    if (!running) return { ok: false, reason: `the bot is not connected to ${platform} here` };
    return running.canPost ? running.canPost(channelId, scope) : { ok: true };
  }

  /**
   * A scheduled summary: the `summary` command run for the schedule's channel and posted by its
   * platform. Throws (a PostError from the platform when it refused) when it was not posted.
   */
  async publish(
    schedule: Pick<Schedule, 'platform' | 'channelId' | 'scope' | 'id'> &
      Partial<Pick<Schedule, 'story' | 'chart'>>,
    heading: string,
    /** Names this post (the schedule's slot), so that the platform shows a repeated try once. */
    key?: string,
  ): Promise<void> {
    const platform = this.platforms.get(schedule.platform);
    if (!platform) throw new PostError(`${schedule.platform} is not connected`, false);
    const outcome = await this.dispatch(
      {
        platform: schedule.platform,
        source: 'schedule',
        command: 'summary',
        text: '',
        options: {},
        user: { id: `schedule:${schedule.id}`, isAdmin: true },
        channelId: schedule.channelId,
        ...(schedule.scope ? { scope: schedule.scope } : {}),
        // A schedule pinned to a story posts it; otherwise its channel's story.
        ...(schedule.story ? { story: schedule.story } : {}),
        // A schedule that asks for it carries the chart of the story's main figures.
        ...(schedule.chart ? { withChart: true } : {}),
        heading,
      },
      {
        reply: (reply) => platform.post(schedule.channelId, reply, key === undefined ? undefined : { key }),
        isAdmin: async () => true,
      },
    );
    if (outcome.status === 'lost') throw outcome.error;
  }

  /** Handles one request to its end and never throws; tracked until then, so `drain` can wait for it. */
  dispatch(invocation: Invocation, responder: Responder): Promise<Outcome> {
    const work = this.run(sanitise(invocation), responder);
    this.track(work, invocation?.platform ?? 'unknown');
    return work;
  }

  private track(work: Promise<unknown>, platform: string): void {
    this.inFlight.set(work, platform);
    void work.finally(() => this.inFlight.delete(work));
  }

  /**
   * Handles one request and returns its reply, for doors that show the reply themselves (console,
   * `npm run ask`, tests). Admin rights are what the invocation says.
   */
  async answer(invocation: Invocation): Promise<Reply> {
    let shown: Reply | undefined;
    const outcome = await this.dispatch(invocation, {
      reply: async (reply) => {
        shown = reply;
      },
      isAdmin: async () => invocation.user?.isAdmin === true,
    });
    if (outcome.status === 'duplicate')
      return { kind: 'error', body: 'That request was already answered.', visibility: 'ephemeral' };
    return shown ?? outcome.reply;
  }

  /**
   * Answers a request the adapter could not turn into an invocation (another app's command, a button
   * from an old version, an unreadable payload) with a short explanation, tracked like any other.
   */
  decline(platform: string, responder: Responder, why: DeclineReason): Promise<Outcome> {
    const help = `/${this.commandName} help`;
    const body = {
      'unknown-command': `I only answer /${this.commandName}. Try ${help}.`,
      'stale-button': `That button no longer does anything. Try ${help}.`,
      unreadable: `Sorry — I couldn’t read that request. Please try again, or type ${help}.`,
      stopping: 'I am restarting just now; please ask again in a moment.',
    }[why];
    const reply: Reply = { kind: 'error', body, visibility: 'ephemeral' };
    const invocation = sanitise({ platform } as Invocation);
    const work = (async (): Promise<Outcome> => {
      this.logger.warn({ platform, why }, 'request declined');
      try {
        await responder.ack?.();
        await responder.reply(reply);
        return { status: 'answered', reply };
      } catch (error) {
        this.logger.error({ err: error, platform }, 'reply not delivered');
        return { status: 'lost', reply, error };
      }
    })();
    this.track(work, invocation.platform);
    return work;
  }

  /** Values for an option being typed; never throws, never waits past the platform's window. */
  async complete(request: CompletionRequest): Promise<string[]> {
    const command = commandOf(this.router.commands, request.command);
    const provider = command?.autocomplete?.[request.option];
    if (!provider) return [];
    try {
      const story =
        request.channelId && this.channelStories && this.router.stories
          ? await this.fromLedger(
              'channel story',
              this.channelStories.storyOf(channelKey({ ...request, channelId: request.channelId })),
              undefined,
              this.channelStories,
            )
          : undefined;
      const engine = this.router.stories?.engine(story) ?? this.router.engine;
      const found = await within(
        Promise.resolve(
          provider(request.partial, engine, {
            platform: request.platform,
            ...(this.router.scheduler ? { scheduler: this.router.scheduler } : {}),
            ...(this.router.stories ? { stories: this.router.stories } : {}),
            ...(request.scope ? { scope: request.scope } : {}),
          }),
        ),
        this.completionTimeoutMs,
      );
      if (found !== TIMED_OUT) return found;
      this.logger.warn({ command: request.command, option: request.option }, 'autocomplete too slow');
    } catch (error) {
      this.logger.error(
        { err: error, command: request.command, option: request.option },
        'autocomplete failed',
      );
    }
    return [];
  }

  /**
   * What is wrong with delivering replies, for /readyz: every one of the latest (at least ten) was
   * lost. Undefined while replies get through, or too few have been sent to tell.
   */
  deliveryProblem(): string | undefined {
    const recent = this.recentDeliveries;
    if (recent.length < 10 || recent.some((delivered) => delivered)) return undefined;
    return `the last ${recent.length} replies were all lost`;
  }

  private noteDelivery(delivered: boolean): void {
    this.recentDeliveries.push(delivered);
    if (this.recentDeliveries.length > 20) this.recentDeliveries.shift();
  }

  /** Requests still being handled, of one platform or of all. */
  pending(platform?: string): number {
    return [...this.inFlight.values()].filter((p) => platform === undefined || p === platform).length;
  }

  /** Waits for the requests in flight (of one platform, or all) to end; false when time ran out first. */
  async drain(platform: string | undefined, timeoutMs = this.drainTimeoutMs): Promise<boolean> {
    const waiting = [...this.inFlight].filter(([, p]) => platform === undefined || p === platform);
    if (waiting.length === 0) return true;
    const done = await within(Promise.allSettled(waiting.map(([work]) => work)), timeoutMs);
    if (done !== TIMED_OUT) return true;
    this.logger.warn({ platform, pending: this.pending(platform) }, 'stopping with replies still in flight');
    return false;
  }

  private async run(invocation: Invocation, responder: Responder): Promise<Outcome> {
    const started = performance.now();
    if (responder.ack) {
      try {
        await responder.ack();
      } catch (error) {
        this.logger.warn({ err: error, platform: invocation.platform }, 'could not acknowledge a request');
      }
    }
    // Wait for this request's turn (see turns.ts): in a burst, reading and acknowledging the next
    // requests comes first. A reply that is itself the acknowledgement, due within the platform's
    // window (a Discord interaction, answered or deferred), is urgent: it never waits behind answers
    // to requests already acknowledged.
    await this.turns.workTurn(responder.defer !== undefined);
    if (invocation.eventId && !(await this.firstDelivery(invocation))) {
      this.logger.debug({ platform: invocation.platform, eventId: invocation.eventId }, 'redelivery dropped');
      return { status: 'duplicate' };
    }
    let command = 'unknown';
    let reply: Reply;
    let privately = false;
    try {
      const handling = this.handle(invocation, responder);
      // The platform's clock started when the request arrived, not now.
      const arrived = Math.min(started, responder.receivedAt ?? started);
      const deferIn = (responder.deferAfterMs ?? this.deferAfterMs) - (performance.now() - arrived);
      const quick = responder.defer ? await within(handling, Math.max(0, deferIn)) : await handling;
      let handled: { command: string; reply: Reply; privately: boolean };
      if (quick === TIMED_OUT) {
        // Slow: hold the request open (Discord: 15 minutes) with the visibility asked for, then answer.
        await responder.defer?.(invocation.options.private === true);
        handled = await handling;
      } else handled = quick;
      ({ command, reply, privately } = handled);
    } catch (error) {
      this.logger.error({ err: error, platform: invocation.platform }, 'command failed');
      // A scheduled post that failed is not posted at all: the scheduler records and retries it.
      if (invocation.source === 'schedule') return { status: 'lost', reply: APOLOGY, error };
      reply = APOLOGY;
    }
    const latencyMs = performance.now() - started;
    this.logger.info(
      {
        platform: invocation.platform,
        source: invocation.source,
        command,
        outcome: reply.kind,
        latencyMs: Math.round(latencyMs * 1000) / 1000,
      },
      'handled',
    );
    const outcome = await this.deliver(invocation, responder, reply, privately);
    this.noteDelivery(outcome.status === 'answered');
    // Counted once its fate is known: a reply that never reached anyone is not an answer.
    this.onHandled(invocation, command, reply, latencyMs, deliveryOf(outcome));
    return outcome;
  }

  /** The request up to its reply: admin precondition, rate limit, conversation, routing. */
  private async handle(
    asked: Invocation,
    responder: Responder,
  ): Promise<{ command: string; reply: Reply; privately: boolean }> {
    // The channel's story, when it chose one: every command answers from it.
    const story =
      asked.story ??
      (this.channelStories
        ? await this.fromLedger(
            'channel story',
            this.channelStories.storyOf(channelKey(asked)),
            undefined,
            this.channelStories,
          )
        : undefined);
    const typed = story ? { ...asked, story } : asked;
    const traits = this.traitsOf(typed.platform);
    const typedByUser = typed.source !== 'schedule';
    const conversation = typedByUser ? conversationKey(typed) : undefined;
    const previous = conversation
      ? await this.fromLedger(
          'conversation',
          this.conversations.last(conversation),
          undefined,
          this.conversations,
        )
      : undefined;
    const picked = this.pickSuggestion(typed, previous);
    if (picked.refusal) return { command: 'ask', reply: picked.refusal, privately: false };
    const invocation = picked.invocation;
    const resolved = this.router.resolve(invocation);
    const key = resolved.command ? commandKey(resolved.command) : 'unknown';
    const limited = typedByUser && !traits?.operator && resolved.command?.hidden !== true;
    if (limited && this.rateLimit) {
      const waitMs = await this.fromLedger(
        'rate limit',
        this.ledger.take(
          `${invocation.platform}:${invocation.user.id}`,
          this.rateLimit.questions,
          this.rateLimit.windowMs,
        ),
        0,
        this.ledger,
      );
      if (waitMs > 0) return { command: 'rate-limit', reply: this.slowDown(waitMs), privately: false };
    }
    const adminOnly = resolved.command?.adminOnly;
    const needsAdmin = typeof adminOnly === 'function' ? adminOnly(invocation) : adminOnly === true;
    if (needsAdmin && !(await this.askIsAdmin(responder, invocation))) {
      return { command: key, reply: this.adminsOnly(key, traits), privately: false };
    }
    const reply = await this.router.run(resolved, invocation, {
      ...(previous ? { previous } : {}),
      ...(traits ? { traits } : {}),
    });
    // Autocomplete never comes here; feedback votes and scheduled posts are not part of a conversation.
    if (conversation && resolved.command?.hidden !== true) {
      const text = invocation.text || String(resolved.options.question ?? key);
      const turn = nextTurn(previous, text, reply, Date.now(), reply.resolvedQuestion);
      await this.fromLedger(
        'conversation',
        this.conversations.remember(conversation, turn),
        undefined,
        this.conversations,
      );
    }
    return { command: key, reply, privately: resolved.options.private === true };
  }

  /** "2" after a reply offering suggestions asks the second; with none on offer it is explained, not guessed at. */
  private pickSuggestion(
    invocation: Invocation,
    previous: Turn | undefined,
  ): { invocation: Invocation; refusal?: undefined } | { refusal: Reply; invocation?: undefined } {
    if (invocation.command || invocation.source === 'schedule') return { invocation };
    const number = pickedNumber(invocation.text);
    if (number === undefined) return { invocation };
    const offered = previous?.suggestions ?? [];
    const question = offered[number - 1];
    if (question) {
      // A suggestion under a private answer is asked privately too.
      const options = { question, ...(previous?.private ? { private: true } : {}) };
      return { invocation: { ...invocation, command: 'ask', text: '', options } };
    }
    const body =
      offered.length === 0
        ? `There are no numbered suggestions to pick from just now. Type your question in words, or /${this.commandName} help.`
        : `There is no suggestion ${number}; pick 1 to ${offered.length}, or type a question.`;
    return { refusal: { kind: 'error', body, visibility: 'ephemeral' } };
  }

  private async askIsAdmin(responder: Responder, invocation: Invocation): Promise<boolean> {
    try {
      return await responder.isAdmin();
    } catch (error) {
      this.logger.warn({ err: error, platform: invocation.platform }, 'could not check admin rights');
      return false;
    }
  }

  private firstDelivery(invocation: Invocation): Promise<boolean> {
    const claim = this.ledger.claimEvent(`${invocation.platform}:${invocation.eventId}`, EVENT_MEMORY_MS);
    return this.fromLedger('redelivery check', claim, true, this.ledger);
  }

  /**
   * A ledger answer, or `fallback` when the ledger fails or is slow (a shared database down): better
   * to answer twice, or past the limit, than to leave someone without an answer or miss the
   * platform's deadline.
   */
  private async fromLedger<T>(
    what: string,
    answer: Promise<T>,
    fallback: T,
    /** The store asked: one in this process's memory answers at once, so no timer is set for it. */
    store?: { inProcess?: boolean },
  ): Promise<T> {
    try {
      const value = store?.inProcess ? await answer : await within(answer, LEDGER_TIMEOUT_MS);
      if (value !== TIMED_OUT) return value;
      this.logger.warn(
        { what, timeoutMs: LEDGER_TIMEOUT_MS },
        'the request ledger is slow; going on without it',
      );
    } catch (error) {
      this.logger.warn({ err: error, what }, 'the request ledger failed; going on without it');
    }
    return fallback;
  }

  /** Sends the reply; a private answer where the platform cannot reply privately goes another way. */
  private async deliver(
    invocation: Invocation,
    responder: Responder,
    reply: Reply,
    privately: boolean,
  ): Promise<Outcome> {
    try {
      if (privately && responder.replyPrivately && reply.visibility === 'ephemeral') {
        await this.replyElsewhere(invocation, responder, reply);
      } else {
        await responder.reply(reply);
      }
      return { status: 'answered', reply };
    } catch (error) {
      this.logger.error(
        { err: error, platform: invocation.platform, source: invocation.source },
        'reply not delivered',
      );
      // A scheduled post's failure is the scheduler's to handle (retry, pause); a person gets an apology,
      // unless the reply may have been shown after all (no answer in time): then nothing more is sent.
      const mayHaveBeenShown = (error as { outcome?: unknown } | undefined)?.outcome === 'unknown';
      if (invocation.source !== 'schedule' && reply !== APOLOGY && !mayHaveBeenShown) {
        await responder.reply(APOLOGY).catch((again: unknown) => {
          this.logger.error({ err: again, platform: invocation.platform }, 'could not apologise either');
        });
      }
      return { status: 'lost', reply, error };
    }
  }

  private async replyElsewhere(invocation: Invocation, responder: Responder, reply: Reply): Promise<void> {
    const note = (body: string): Reply => ({ kind: 'list', body, visibility: 'channel' });
    try {
      await responder.replyPrivately?.(reply);
    } catch (error) {
      this.logger.warn({ err: error, platform: invocation.platform }, 'could not send a private answer');
      await responder.reply(
        note(
          `I couldn’t send you a direct message. For an answer only you can see, use /${this.commandName} ask with the private option.`,
        ),
      );
      return;
    }
    // The answer is delivered: a note that cannot be posted in the channel is no reason to apologise.
    await responder.reply(note('I sent you the answer by direct message.')).catch((error: unknown) => {
      this.logger.warn({ err: error, platform: invocation.platform }, 'could not post the note about a DM');
    });
  }

  private slowDown(waitMs: number): Reply {
    const limit = this.rateLimit as { questions: number; windowMs: number };
    return {
      kind: 'rate_limited',
      body: `Slow down a little — you can ask ${limit.questions} questions every ${Math.round(limit.windowMs / 1000)} seconds. Try again in ${Math.ceil(waitMs / 1000)} s.`,
      visibility: 'ephemeral',
    };
  }

  private adminsOnly(key: string, traits: PlatformTraits | undefined): Reply {
    const who = traits ? `: ${traits.whoIsAdmin}` : '';
    return {
      kind: 'error',
      body: `Only admins can use /${this.commandName} ${key}${who}.`,
      visibility: 'ephemeral',
    };
  }
}

/** A request as an adapter made it, with every field a handler reads present and of its type (a malformed payload must not crash anything). */
function sanitise(invocation: Invocation): Invocation {
  const raw = (invocation ?? {}) as Partial<Invocation>;
  const user = (raw.user ?? {}) as Partial<Invocation['user']>;
  return {
    ...raw,
    platform: typeof raw.platform === 'string' ? raw.platform : 'unknown',
    source: raw.source ?? 'console',
    command: typeof raw.command === 'string' ? raw.command : '',
    text: typeof raw.text === 'string' ? raw.text : '',
    options: raw.options && typeof raw.options === 'object' ? raw.options : {},
    user: { ...user, id: typeof user.id === 'string' ? user.id : 'unknown' },
    channelId: typeof raw.channelId === 'string' ? raw.channelId : '',
    // Keys of the ledger and of conversations: only text, never an object that stringifies alike.
    eventId: typeof raw.eventId === 'string' ? raw.eventId : undefined,
    threadId: typeof raw.threadId === 'string' ? raw.threadId : undefined,
    scope: typeof raw.scope === 'string' ? raw.scope : undefined,
  } as Invocation;
}

export type { ResolvedInvocation };
