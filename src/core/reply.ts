/** Where a reply may be seen: by the whole channel, or only by the person who asked. */
export type Visibility = 'channel' | 'ephemeral';

/** One bullet of a list reply (summary, timeline, quotes, topic), with the article passage it cites. */
export interface ReplyItem {
  text: string;
  /** Short lead such as a date or a speaker. */
  label?: string;
  /** Verbatim passage of the article. */
  quote?: string;
}

/**
 * A picture that goes with a reply (a chart, a timeline), drawn by src/charts: adapters only attach
 * the bytes. Its alt text gives everything the picture shows, for anyone who cannot see it.
 */
export interface ReplyImage {
  /** PNG bytes. */
  png: Uint8Array;
  width: number;
  height: number;
  /** A file name for it, e.g. "topic-figures.png". */
  fileName: string;
  title: string;
  /** Every figure or event the picture shows, in words (at most 1,000 characters). */
  alt: string;
  /** The picture drawn in text, for terminals. */
  text: string;
  /** The command (after /ai-news) that shows it again, for a note where a platform cannot show it. */
  command: string;
}

/**
 * What a command answers, before any platform shapes it. Adapters render it as a Discord embed,
 * Slack blocks or terminal text; nothing here knows a platform. Text is plain (no markup), so each
 * renderer can escape it for its own platform.
 */
export interface Reply {
  kind: 'answer' | 'no_answer' | 'list' | 'help' | 'error' | 'rate_limited';
  title?: string;
  body: string;
  items?: ReplyItem[];
  quote?: { text: string; story: string };
  fields?: { name: string; value: string }[];
  /** Questions the bot can answer, offered as "did you mean" / related buttons. */
  suggestions?: string[];
  confidence?: number;
  footer?: string;
  visibility: Visibility;
  /** An answer people can rate: platforms show 👍/👎 buttons that send the `feedback` command. */
  feedback?: { factId: string };
  /** The question as the bot understood it after the conversation's context ("why?" → "why did …"), when that differed. */
  resolvedQuestion?: string;
  /** The fact a reply is about without answering with it (the article lacks the detail asked): follow-ups still refer to it. */
  aboutFactId?: string;
  /** Facts shown in the reply besides the one it is rated on (a multi-part answer's), so "tell me more" skips them. */
  shownFactIds?: string[];
  /** A picture of what the reply says; a platform that cannot show it says where to see it. */
  image?: ReplyImage;
  /** The asker said "private": where a platform cannot reply ephemerally (a mention), it replies by DM. */
  requestedPrivate?: boolean;
}
