/** Where a request came from. */
export type Platform = 'discord' | 'slack' | 'console' | 'schedule';
export type Source = 'slash' | 'mention' | 'dm' | 'button' | 'schedule' | 'console';

/** One request to the bot, translated by an adapter from its platform's payload. */
export interface Invocation {
  platform: Platform;
  source: Source;
  /** Subcommand name ("ask", "summary" …); empty when only free text was given. */
  command: string;
  /** Free text: a question, or the rest of a text command after its name. */
  text: string;
  /** Structured options, e.g. from Discord's slash command options. */
  options: Record<string, unknown>;
  user: { id: string; name?: string; isAdmin: boolean };
  channelId: string;
  threadId?: string;
  /** The Discord guild or Slack team the channel belongs to, when known. */
  scope?: string;
}
