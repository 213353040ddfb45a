import type { types } from '@slack/bolt';
import type { Reply, ReplyItem } from '../../core/reply.ts';
import { neutraliseUserText } from '../../core/safe-text.ts';

/** A message as Slack takes it: blocks, and the plain-text fallback for notifications and old clients. */
export interface SlackMessage {
  text: string;
  blocks: types.KnownBlock[];
}

/** Slack's Block Kit limits (https://docs.slack.dev/reference/block-kit). */
export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3000,
  sectionFieldText: 2000,
  sectionFields: 10,
  contextText: 3000,
  buttonText: 75,
  buttonValue: 2000,
  actionsElements: 25,
} as const;

const ZERO_WIDTH_SPACE = '\u200B';
/** Fallback `text` is shown in notifications; Slack accepts far more, nobody reads more. */
const FALLBACK_TEXT_MAX = 3000;
/** More than a handful of questions is a wall of buttons, not a suggestion. */
const MAX_SUGGESTION_BUTTONS = 5;

/** Prefix of the suggestion buttons' action_id; the index makes each id unique within a message. */
export const SUGGESTION_ACTION_PREFIX = 'ai-news-suggestion-';
/** action_id of the 👍/👎 buttons; their value is the fact id. */
export const FEEDBACK_ACTION_ID = /^ai-news-feedback-(up|down)$/;
/** Either kind of button the bot renders: a suggestion or a 👍/👎. */
export const BUTTON_ACTION_ID = /^ai-news-(suggestion-\d+|feedback-(up|down))$/;
/** block_id of the row of suggestion buttons. */
export const SUGGESTIONS_BLOCK_ID = 'ai-news-suggestions';

/**
 * Escapes text for Slack mrkdwn: `&`, `<` and `>` become entities, so user or data text can never form
 * `<!channel>`, `<!here>`, `<@U…>` or a link. Slack's own entity escaping, nothing more.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Escapes `text` and shortens it so the escaped result fits in `max` characters, never cutting an
 * entity or a surrogate pair in half (a cut `&am` or half an emoji is rejected or shown as garbage).
 * Bare `@here`, `@channel` and `@everyone` get a zero-width space too: they only notify when a
 * message is sent with link_names, but nothing should depend on that flag staying off.
 */
export function escapeAndFit(raw: string, max: number): string {
  const text = raw.replace(/@(everyone|here|channel)\b/gi, `@${ZERO_WIDTH_SPACE}$1`);
  const escaped = escapeMrkdwn(text);
  if (escaped.length <= max) return escaped;
  let out = '';
  for (const char of text) {
    const piece = escapeMrkdwn(char);
    if (out.length + piece.length + 1 > max) break;
    out += piece;
  }
  return `${out.trimEnd()}…`;
}

/** Shortens plain text (no escaping) to `max` characters, by code points. */
export function fitPlainText(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  return `${chars
    .slice(0, max - 1)
    .join('')
    .trimEnd()}…`;
}

function mrkdwn(text: string): types.MrkdwnElement {
  return { type: 'mrkdwn', text };
}

function section(text: string): types.SectionBlock {
  // Slack rejects a section without text.
  return { type: 'section', text: mrkdwn(text.trim() === '' ? '…' : text) };
}

/** Bold around escaped text: a stray `*` in it can at worst spoil the formatting, never form markup. */
function bold(escaped: string): string {
  const inner = escaped.trim();
  return inner === '' ? '' : `*${inner}*`;
}

/** A title is a line, not a page: the rest of the section's 3,000 characters go to the body. */
const TITLE_MAX = 300;

function headSection(reply: Reply): types.SectionBlock {
  const title = reply.title ? escapeAndFit(reply.title, TITLE_MAX) : '';
  const room = SLACK_LIMITS.sectionText - (title ? title.length + 3 : 0);
  const body = escapeAndFit(reply.body, room);
  return section([bold(title), body].filter(Boolean).join('\n'));
}

function quoteContext(text: string, story?: string): types.ContextBlock {
  const elements = [mrkdwn(escapeAndFit(`“${text}”`, SLACK_LIMITS.contextText))];
  if (story) elements.push(mrkdwn(`From ${bold(escapeAndFit(story, SLACK_LIMITS.contextText - 10))}`));
  return { type: 'context', elements };
}

function itemBlocks(item: ReplyItem): types.KnownBlock[] {
  const label = item.label ? `${bold(escapeAndFit(item.label, 200))} — ` : '';
  const blocks: types.KnownBlock[] = [
    section(`• ${label}${escapeAndFit(item.text, SLACK_LIMITS.sectionText - label.length - 2)}`),
  ];
  if (item.quote) blocks.push(quoteContext(item.quote));
  return blocks;
}

function fieldsSection(fields: NonNullable<Reply['fields']>): types.SectionBlock {
  return {
    type: 'section',
    fields: fields.slice(0, SLACK_LIMITS.sectionFields).map((field) => {
      const name = bold(escapeAndFit(field.name, 100));
      return mrkdwn(`${name}\n${escapeAndFit(field.value, SLACK_LIMITS.sectionFieldText - name.length - 1)}`);
    }),
  };
}

function suggestionHeading(kind: Reply['kind']): string {
  if (kind === 'answer') return 'Related questions';
  if (kind === 'no_answer') return 'Did you mean';
  return 'You could ask';
}

/** The suggestion buttons: each carries its question in `value`, which a click asks. */
function suggestionBlocks(reply: Reply): types.KnownBlock[] {
  // Slack parses neither plain_text nor values, but mention forms are broken anyway (zero-width
  // space) so that no posted payload carries `<!channel>` or `<@U…>` at all.
  const safe = (reply.suggestions ?? []).map((s) => neutraliseUserText(s, Number.MAX_SAFE_INTEGER));
  const questions = [...new Set(safe.filter(Boolean))].slice(
    0,
    Math.min(MAX_SUGGESTION_BUTTONS, SLACK_LIMITS.actionsElements),
  );
  if (questions.length === 0) return [];
  return [
    { type: 'context', elements: [mrkdwn(`${suggestionHeading(reply.kind)}:`)] },
    {
      type: 'actions',
      block_id: SUGGESTIONS_BLOCK_ID,
      elements: questions.map(
        (question, index): types.Button => ({
          type: 'button',
          action_id: `${SUGGESTION_ACTION_PREFIX}${index}`,
          text: { type: 'plain_text', text: fitPlainText(question, SLACK_LIMITS.buttonText), emoji: true },
          value: fitPlainText(question, SLACK_LIMITS.buttonValue),
        }),
      ),
    },
  ];
}

/** The 👍/👎 buttons under an answer; a click sends the fact id with the vote. */
function feedbackBlock(factId: string): types.KnownBlock {
  const button = (vote: 'up' | 'down', emoji: string): types.Button => ({
    type: 'button',
    action_id: `ai-news-feedback-${vote}`,
    text: { type: 'plain_text', text: emoji, emoji: true },
    value: factId,
  });
  return {
    type: 'actions',
    block_id: 'ai-news-feedback',
    elements: [button('up', '👍'), button('down', '👎')],
  };
}

/** The plain-text fallback: title, body and the cited passage, escaped like everything else. */
function fallbackText(reply: Reply): string {
  const lines = [reply.title, reply.body].filter((line): line is string => Boolean(line?.trim()));
  if (reply.quote) lines.push(`“${reply.quote.text}” — ${reply.quote.story}`);
  const text = lines.join('\n') || 'ai-news';
  return escapeAndFit(text, FALLBACK_TEXT_MAX);
}

/**
 * Renders a Reply as Block Kit: title and body (the answer) in a section, the quote and the story in
 * a context block, list items as sections with their quotes, fields, footer, and suggestions as
 * buttons. Stays within Slack's limits: items that would pass 50 blocks are counted in a last line.
 */
export function renderReplyAsBlocks(reply: Reply): SlackMessage {
  const head: types.KnownBlock[] = [headSection(reply)];
  if (reply.quote) head.push(quoteContext(reply.quote.text, reply.quote.story));

  const tail: types.KnownBlock[] = [];
  if (reply.fields?.length) tail.push(fieldsSection(reply.fields));
  if (reply.footer)
    tail.push({ type: 'context', elements: [mrkdwn(escapeAndFit(reply.footer, SLACK_LIMITS.contextText))] });
  tail.push(...suggestionBlocks(reply));
  if (reply.feedback) tail.push(feedbackBlock(reply.feedback.factId));

  const budget = SLACK_LIMITS.blocksPerMessage - head.length - tail.length;
  const items = reply.items ?? [];
  const body: types.KnownBlock[] = [];
  let shown = 0;
  for (const item of items) {
    const blocks = itemBlocks(item);
    const isLast = shown === items.length - 1;
    // Keep one block free for the "and N more" line unless this is the last item.
    if (body.length + blocks.length > budget - (isLast ? 0 : 1)) break;
    body.push(...blocks);
    shown += 1;
  }
  if (shown < items.length) {
    const more = items.length - shown;
    body.push({
      type: 'context',
      elements: [mrkdwn(`…and ${more} more not shown (a Slack message holds at most 50 blocks).`)],
    });
  }
  return { text: fallbackText(reply), blocks: [...head, ...body, ...tail] };
}
