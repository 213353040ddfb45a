/** A platform's id, as listed in the platform registry ("discord", "slack", "console"). */
export type Platform = string;
/** The door a request came in by. */
export type Source = 'slash' | 'mention' | 'dm' | 'button' | 'schedule' | 'console' | 'cli';

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
  /**
   * Who asked. `isAdmin` is what the payload itself says (Discord's permission bits; the console's
   * operator); platforms whose payloads do not say are asked by the dispatcher, and only for
   * admin-only commands.
   */
  user: { id: string; name?: string; isAdmin?: boolean };
  channelId: string;
  threadId?: string;
  /** The Discord guild or Slack team the channel belongs to, when known. */
  scope?: string;
  /** The platform's id of the event, when it may deliver the same event again (Slack retries). */
  eventId?: string;
  /** The slug of the story to answer from: the channel's choice, set by the dispatcher; the default when absent. */
  story?: string;
  /** A title chosen by the bot itself rather than the user (a scheduled summary's date line). */
  heading?: string;
  /** A scheduled summary that carries the chart of the story's main figures (its schedule asks for it). */
  withChart?: boolean;
}
