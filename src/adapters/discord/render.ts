import {
  type APIActionRowComponent,
  type APIApplicationCommandOptionChoice,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  type APIEmbedField,
  ButtonStyle,
  ComponentType,
} from 'discord.js';
import type { Reply } from '../../core/reply.ts';
import { truncateAtWord } from '../../core/text.ts';

/** Discord's size limits for what the bot sends; exceeding any one makes the whole request fail. */
export const DISCORD_LIMITS = {
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  embedFieldName: 256,
  embedFieldValue: 1024,
  embedFooter: 2048,
  embedTotal: 6000,
  actionRows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  customId: 100,
  autocompleteChoices: 25,
  choiceText: 100,
} as const;

/** Custom ids of "did you mean" buttons start with this; the rest is the question to ask. */
export const ASK_BUTTON_PREFIX = 'ask:';
/** Custom ids of the 👍/👎 buttons: `feedback:up:<fact id>` or `feedback:down:<fact id>`. */
export const FEEDBACK_BUTTON_PREFIX = 'feedback:';
/** A 👍/👎 custom id, read back: the vote and the fact id. */
export const FEEDBACK_CUSTOM_ID = /^feedback:(up|down):([a-z0-9-]{1,64})$/;

const COLOURS: Record<Reply['kind'], number> = {
  answer: 0x2e7d32,
  no_answer: 0x9e9e9e,
  list: 0x1565c0,
  help: 0x5865f2,
  error: 0xc62828,
  rate_limited: 0xef6c00,
};

// Discord drops a field whose name or value is empty; a zero-width space keeps the slot visible.
const BLANK = '\u200B';
const ELLIPSIS = '…';
// Below this, a truncated quote or list item says too little to be worth its space.
const MIN_USEFUL_TEXT = 40;
// Fields give way (from the end) rather than squeeze the description below this.
const MIN_DESCRIPTION_BUDGET = 1000;

/** A picture sent with a message: shown in its embed through `attachment://<name>`, with its alt text. */
export interface DiscordFile {
  name: string;
  data: Buffer;
  /** Alt text (Discord: at most 1,024 characters). */
  description: string;
}

/** The API's `attachments` entries of a message's files: each file's id (its `files[<id>]` part), name and alt text. */
export function attachmentEntries(
  files: readonly DiscordFile[],
): { id: number; filename: string; description: string }[] {
  return files.map((file, id) => ({ id, filename: file.name, description: file.description }));
}

/** A reply shaped for Discord: one embed, button rows, the picture to attach, and whether only the asker may see it. */
export interface DiscordMessage {
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponentWithCustomId>[];
  files: DiscordFile[];
  ephemeral: boolean;
}

/** Discord's limit on an attachment's description (its alt text). */
const ATTACHMENT_DESCRIPTION = 1024;

export { truncateAtWord };

/** The question a "did you mean" button carries in its custom id, shortened at a word to fit. */
export function suggestionCustomId(question: string): string {
  const room = DISCORD_LIMITS.customId - ASK_BUTTON_PREFIX.length;
  return ASK_BUTTON_PREFIX + truncateAtWord(question.trim(), room, '');
}

/** Anything escapeText changes: a markup character anywhere, or a line starting as a quote, heading or list. */
const NEEDS_ESCAPE = /[\\*_~`|[\]]|^\s*(?:[>#+-]|\d+\.\s)/m;

/**
 * Reply text is plain: escape it so an asterisk, a "# " or a "> " in a question is shown, not obeyed.
 * A backslash before any punctuation is hidden by Discord, so escaping more than needed is harmless;
 * linear regexes, because discord.js's escapeMarkdown takes ~100 ms on 10,000 characters.
 */
export function escapeText(text: string): string {
  // Most text has nothing to escape: one scan tells, rather than three replacements finding nothing.
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text
    .replace(/[\\*_~`|[\]]/g, '\\$&')
    .replace(/^(\s*)([>#+-])/gm, '$1\\$2')
    .replace(/^(\s*\d+)\.(?=\s)/gm, '$1\\.');
}

function blockQuote(text: string): string {
  return `> ${text.replaceAll('\n', '\n> ')}`;
}

/** Renders `text` through `shape` (which adds markup around it), shortening the text until it fits. */
function fitShaped(text: string, max: number, shape: (t: string) => string): string | undefined {
  let shaped = shape(text);
  let room = max - (shaped.length - text.length);
  while (shaped.length > max) {
    if (room < MIN_USEFUL_TEXT) return undefined;
    shaped = shape(truncateAtWord(text, room));
    room -= Math.max(1, shaped.length - max);
  }
  return shaped;
}

function renderItem(item: NonNullable<Reply['items']>[number], withQuote = true): string {
  const lead = item.label ? `**${escapeText(item.label)}** — ` : '';
  const line = `• ${lead}${escapeText(item.text)}`;
  return withQuote && item.quote ? `${line}\n${blockQuote(escapeText(item.quote))}` : line;
}

function moreNote(count: number): string {
  return `\n*${ELLIPSIS}and ${count} more not shown.*`;
}

/** The description: body, the quote as a block quote, then list items while they fit. */
function composeDescription(reply: Reply, budget: number): string {
  let out = truncateAtWord(escapeText(reply.body), budget);
  if (reply.quote) {
    const quote = fitShaped(escapeText(reply.quote.text), budget - out.length - 2, blockQuote);
    if (quote) out += `\n\n${quote}`;
  }
  const items = reply.items ?? [];
  for (let index = 0; index < items.length; index += 1) {
    const item = items[index] as NonNullable<Reply['items']>[number];
    const isLast = index === items.length - 1;
    const reserve = isLast ? 0 : moreNote(items.length - index).length;
    const room = budget - out.length - 1 - reserve;
    const block = renderItem(item);
    if (block.length <= room) {
      out += `\n${block}`;
      continue;
    }
    // The first item that does not fit is still shown, shortened and without its quote, if room allows.
    const shortened = fitShaped(escapeText(item.text), room, (t) => renderItem({ ...item, text: t }, false));
    let shown = index;
    if (shortened) {
      out += `\n${shortened}`;
      shown += 1;
    }
    const left = items.length - shown;
    if (left > 0 && out.length + moreNote(left).length <= budget) out += moreNote(left);
    break;
  }
  return out;
}

function footerText(reply: Reply): string | undefined {
  const parts: string[] = [];
  if (reply.quote) parts.push(reply.quote.story);
  // Shown discreetly: a small footer note, only where the engine has matched a fact.
  if (reply.confidence !== undefined && reply.kind === 'answer') {
    parts.push(`confidence ${Math.round(reply.confidence * 100)}%`);
  }
  if (reply.footer) parts.push(reply.footer);
  return parts.length > 0 ? parts.join(' · ') : undefined;
}

function renderField(field: NonNullable<Reply['fields']>[number]): APIEmbedField {
  return {
    name: truncateAtWord(escapeText(field.name), DISCORD_LIMITS.embedFieldName) || BLANK,
    value: truncateAtWord(escapeText(field.value), DISCORD_LIMITS.embedFieldValue) || BLANK,
    inline: false,
  };
}

function renderFields(reply: Reply): APIEmbedField[] {
  return (reply.fields ?? []).slice(0, DISCORD_LIMITS.embedFields).map(renderField);
}

/** The room left for the description beside the title and footer (`fixed` characters) and the fields. */
function descriptionBudget(fixed: number, fields: readonly APIEmbedField[]): number {
  let used = fixed;
  for (const field of fields) used += field.name.length + field.value.length;
  return Math.min(DISCORD_LIMITS.embedDescription, DISCORD_LIMITS.embedTotal - used);
}

/** The characters Discord counts towards an embed's 6,000 total. */
export function embedLength(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((sum, f) => sum + f.name.length + f.value.length, 0)
  );
}

/** A Reply as one embed: title, body with the quote as a block quote, items, fields, footer. */
export function renderEmbed(reply: Reply): APIEmbed {
  const title = reply.title ? truncateAtWord(escapeText(reply.title), DISCORD_LIMITS.embedTitle) : undefined;
  const footer = footerText(reply);
  const footerShown = footer ? truncateAtWord(footer, DISCORD_LIMITS.embedFooter) : undefined;
  const fields = renderFields(reply);
  const fixed = (title?.length ?? 0) + (footerShown?.length ?? 0);
  while (fields.length > 0 && descriptionBudget(fixed, fields) < MIN_DESCRIPTION_BUDGET) fields.pop();
  const description = composeDescription(reply, descriptionBudget(fixed, fields));
  return {
    ...(title ? { title } : {}),
    ...(description ? { description } : {}),
    color: COLOURS[reply.kind],
    ...(fields.length > 0 ? { fields } : {}),
    ...(footerShown ? { footer: { text: footerShown } } : {}),
  };
}

/** Suggestions as buttons (up to 5 rows of 5); clicking one asks that question. */
export function renderSuggestionButtons(
  suggestions: readonly string[],
): APIActionRowComponent<APIButtonComponentWithCustomId>[] {
  const seen = new Set<string>();
  const buttons: APIButtonComponentWithCustomId[] = [];
  for (const question of suggestions) {
    const customId = suggestionCustomId(question);
    // Discord rejects a message whose buttons share a custom id.
    if (!question.trim() || seen.has(customId)) continue;
    seen.add(customId);
    buttons.push({
      type: ComponentType.Button,
      style: ButtonStyle.Secondary,
      label: truncateAtWord(question.trim(), DISCORD_LIMITS.buttonLabel),
      custom_id: customId,
    });
  }
  const rows: APIActionRowComponent<APIButtonComponentWithCustomId>[] = [];
  const max = DISCORD_LIMITS.actionRows * DISCORD_LIMITS.buttonsPerRow;
  for (let start = 0; start < Math.min(buttons.length, max); start += DISCORD_LIMITS.buttonsPerRow) {
    rows.push({
      type: ComponentType.ActionRow,
      components: buttons.slice(start, start + DISCORD_LIMITS.buttonsPerRow),
    });
  }
  return rows;
}

/** A Reply as a Discord message: one embed, suggestion buttons, ephemeral when the reply is private. */
/** The 👍/👎 row under an answer. */
export function renderFeedbackButtons(factId: string): APIActionRowComponent<APIButtonComponentWithCustomId> {
  return {
    type: ComponentType.ActionRow,
    components: [feedbackButton(factId, 'up', '👍'), feedbackButton(factId, 'down', '👎')],
  };
}

function feedbackButton(factId: string, vote: 'up' | 'down', emoji: string): APIButtonComponentWithCustomId {
  return {
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    emoji: { name: emoji },
    custom_id: `${FEEDBACK_BUTTON_PREFIX}${vote}:${factId}`.slice(0, DISCORD_LIMITS.customId),
  };
}

export function renderReply(reply: Reply): DiscordMessage {
  const suggestions = renderSuggestionButtons(reply.suggestions ?? []);
  const components = reply.feedback
    ? [...suggestions.slice(0, DISCORD_LIMITS.actionRows - 1), renderFeedbackButtons(reply.feedback.factId)]
    : suggestions;
  const embed = renderEmbed(reply);
  const image = reply.image;
  // The picture is attached and shown in the embed, which refers to it by its file name.
  const files: DiscordFile[] = image
    ? [
        {
          name: image.fileName,
          data: Buffer.from(image.png),
          description: truncateAtWord(image.alt, ATTACHMENT_DESCRIPTION),
        },
      ]
    : [];
  if (image) embed.image = { url: `attachment://${image.fileName}` };
  return { embeds: [embed], components, files, ephemeral: reply.visibility === 'ephemeral' };
}

/** A reply as it goes where its picture was refused (no Attach Files permission): without it, saying why. */
export function renderReplyWithoutPicture(reply: Reply): DiscordMessage {
  const note = 'The chart could not be attached here: the bot needs the Attach Files permission.';
  const { image: _image, ...rest } = reply;
  return renderReply({ ...rest, footer: rest.footer ? `${rest.footer} · ${note}` : note });
}

/** Autocomplete values as Discord choices: at most 25, unique, each name and value within 100 characters. */
export function renderAutocompleteChoices(
  values: readonly string[],
): APIApplicationCommandOptionChoice<string>[] {
  const seen = new Set<string>();
  const choices: APIApplicationCommandOptionChoice<string>[] = [];
  for (const raw of values) {
    const text = raw.replace(/\s+/g, ' ').trim();
    // The value is what the option receives when picked: shorten it at a word, without an ellipsis.
    const value = truncateAtWord(text, DISCORD_LIMITS.choiceText, '');
    if (!value || seen.has(value)) continue;
    seen.add(value);
    choices.push({ name: truncateAtWord(text, DISCORD_LIMITS.choiceText), value });
    if (choices.length === DISCORD_LIMITS.autocompleteChoices) break;
  }
  return choices;
}
