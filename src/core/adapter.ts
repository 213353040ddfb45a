import type { Platform } from './invocation.ts';
import type { Reply } from './reply.ts';

/** What every platform adapter offers the bot process and the scheduler. */
export interface PlatformAdapter {
  readonly platform: Platform;
  /** Connects and starts routing the platform's events to the router. */
  start(): Promise<void>;
  /** Stops taking events, lets replies in flight finish, closes connections. */
  stop(): Promise<void>;
  /** Posts a reply into a channel (scheduled summaries). Throws PostError when it cannot. */
  post(channelId: string, reply: Reply): Promise<void>;
  /** True while connected to the platform (for health checks). */
  isConnected(): boolean;
  /**
   * Whether the bot can post to a channel (of the given Discord server or Slack workspace, when
   * known); a reason when it cannot. Optional: assumed yes.
   */
  canPost?(channelId: string, scope?: string): Promise<{ ok: true } | { ok: false; reason: string }>;
}

/**
 * A failed post. Permanent failures (the channel is gone, the bot was removed or lacks access) are
 * not retried; transient ones (network, rate limits, 5xx) are retried with backoff within the slot.
 */
export class PostError extends Error {
  override name = 'PostError';
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}
