import type { Platform } from './invocation.ts';
import type { Reply } from './reply.ts';

/** What every platform adapter offers the bot process and the scheduler. */
export interface PlatformAdapter {
  readonly platform: Platform;
  /** Connects and starts routing the platform's events to the router. */
  start(): Promise<void>;
  /** Stops taking events, lets replies in flight finish, closes connections. */
  stop(): Promise<void>;
  /** Posts a reply into a channel (scheduled summaries). */
  post(channelId: string, reply: Reply): Promise<void>;
  /** True while connected to the platform (for health checks). */
  isConnected(): boolean;
}
