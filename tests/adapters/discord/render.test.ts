import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ASK_BUTTON_PREFIX,
  DISCORD_LIMITS,
  embedLength,
  escapeText,
  renderAutocompleteChoices,
  renderEmbed,
  renderReply,
  renderSuggestionButtons,
  suggestionCustomId,
  truncateAtWord,
} from '../../../src/adapters/discord/render.ts';
import type { Reply } from '../../../src/core/reply.ts';

const answer: Reply = {
  kind: 'answer',
  title: 'Did Congress block DeepSeek?',
  body: 'Yes — Congress, the Navy, the Pentagon and NASA block it.',
  quote: {
    text: 'The U.S. Navy, Congress, the Pentagon, and NASA',
    story: 'Alibaba Denies $1 Billion Investment',
  },
  confidence: 0.874,
  suggestions: ['Who has banned DeepSeek?', 'Why is DeepSeek being banned?'],
  visibility: 'channel',
};

describe('truncateAtWord', () => {
  it('leaves text that fits alone', () => {
    expect(truncateAtWord('short text', 10)).toBe('short text');
  });

  it('cuts at a word and ends with an ellipsis, within the limit', () => {
    const cut = truncateAtWord('The quick brown fox jumps over the lazy dog', 20);
    expect(cut).toBe('The quick brown fox…');
    expect(cut.length).toBeLessThanOrEqual(20);
  });

  it('cuts inside a word only when no space is near', () => {
    expect(truncateAtWord('Supercalifragilisticexpialidocious', 10)).toBe('Supercali…');
  });

  it('drops trailing punctuation and never leaves half a surrogate pair or a dangling escape', () => {
    expect(truncateAtWord('one, two, three, four', 10)).toBe('one, two…');
    expect(truncateAtWord('ab😀cd', 4)).toBe('ab…');
    expect(truncateAtWord('abcd\\*efgh', 6)).toBe('abcd…');
  });

  it('can cut without an ellipsis', () => {
    expect(truncateAtWord('alpha beta gamma', 12, '')).toBe('alpha beta');
  });
});

describe('renderEmbed', () => {
  it('shows the answer, the quote as a block quote, the story and confidence in the footer', () => {
    const embed = renderEmbed(answer);
    expect(embed.title).toBe('Did Congress block DeepSeek?');
    expect(embed.description).toBe(
      'Yes — Congress, the Navy, the Pentagon and NASA block it.\n\n> The U.S. Navy, Congress, the Pentagon, and NASA',
    );
    expect(embed.footer?.text).toBe('Alibaba Denies $1 Billion Investment · confidence 87%');
  });

  it('shows no confidence on replies that are not answers', () => {
    const embed = renderEmbed({
      kind: 'no_answer',
      body: 'The article doesn’t say.',
      confidence: 0,
      visibility: 'channel',
    });
    expect(embed.footer).toBeUndefined();
  });

  it('quotes every line of a multi-line quote', () => {
    const embed = renderEmbed({ ...answer, quote: { text: 'line one\nline two', story: 'S' } });
    expect(embed.description).toContain('\n\n> line one\n> line two');
  });

  it('lists items with bold labels and their quotes', () => {
    const embed = renderEmbed({
      kind: 'list',
      title: 'Timeline',
      body: 'Events.',
      items: [
        {
          label: 'May 2024',
          text: 'DeepSeek-V2 launches.',
          quote: 'Since launching DeepSeek-V2 in May 2024',
        },
        { text: 'Second.' },
      ],
      footer: 'Not financial advice.',
      visibility: 'channel',
    });
    expect(embed.description).toBe(
      'Events.\n• **May 2024** — DeepSeek-V2 launches.\n> Since launching DeepSeek-V2 in May 2024\n• Second.',
    );
    expect(embed.footer?.text).toBe('Not financial advice.');
  });

  it('escapes markdown and block quotes in plain text', () => {
    const embed = renderEmbed({
      kind: 'no_answer',
      title: '**bold** _it_ `code` ~~s~~ ||spoiler||',
      body: '> not a quote\n# not a heading\n1. not a list\n- nor this\n[link](https://example.com) a\\b',
      visibility: 'channel',
    });
    expect(embed.title).toBe('\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\~\\~s\\~\\~ \\|\\|spoiler\\|\\|');
    expect(embed.description).toBe(
      '\\> not a quote\n\\# not a heading\n1\\. not a list\n\\- nor this\n\\[link\\](https://example.com) a\\\\b',
    );
  });

  it('escapes exactly as the three replacements would, also when it finds nothing to escape', () => {
    const reference = (text: string) =>
      text
        .replace(/[\\*_~`|[\]]/g, '\\$&')
        .replace(/^(\s*)([>#+-])/gm, '$1\\$2')
        .replace(/^(\s*\d+)\.(?=\s)/gm, '$1\\.');
    const markupHeavy = fc.string({
      unit: fc.constantFrom(...'ab 1.9\n\t>#+-*_~`|[]\\“é😀'.split('')),
      maxLength: 60,
    });
    fc.assert(
      fc.property(fc.oneof(markupHeavy, fc.string({ unit: 'binary', maxLength: 200 })), (text) => {
        expect(escapeText(text)).toBe(reference(text));
      }),
      { numRuns: 2000 },
    );
    expect(escapeText('Plain prose, 12 words and a “quote”.')).toBe('Plain prose, 12 words and a “quote”.');
    expect(escapeText('one\n  12. two')).toBe('one\n  12\\. two');
  });

  it('keeps fields within their limits and never sends an empty one', () => {
    const embed = renderEmbed({
      kind: 'list',
      body: 'Source.',
      fields: [
        { name: '', value: '' },
        { name: 'n'.repeat(300), value: 'word '.repeat(400) },
      ],
      visibility: 'channel',
    });
    expect(embed.fields?.[0]).toEqual({ name: '\u200B', value: '\u200B', inline: false });
    expect(embed.fields?.[1]?.name.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedFieldName);
    expect(embed.fields?.[1]?.value.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedFieldValue);
    expect(embed.fields?.[1]?.value.endsWith('word…')).toBe(true);
  });

  it('says how many list items did not fit', () => {
    const items = Array.from({ length: 80 }, (_, i) => ({
      text: `Item ${i} ${'text '.repeat(20)}`,
      quote: 'q '.repeat(40),
    }));
    const embed = renderEmbed({ kind: 'list', title: 'Topic', body: 'Many.', items, visibility: 'channel' });
    const description = embed.description as string;
    expect(description.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedDescription);
    const shown = description.split('\n').filter((l) => l.startsWith('• ')).length;
    expect(description.endsWith(`*…and ${80 - shown} more not shown.*`)).toBe(true);
  });

  it('shortens the first item that does not fit rather than showing nothing', () => {
    const embed = renderEmbed({
      kind: 'list',
      body: 'One huge item.',
      items: [{ text: 'word '.repeat(2000), quote: 'quote' }],
      visibility: 'channel',
    });
    const description = embed.description as string;
    expect(description.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedDescription);
    expect(description).toMatch(/^One huge item\.\n• (word )+word…$/);
  });

  it('keeps the whole embed within 6,000 characters, giving up fields before the description', () => {
    const embed = renderEmbed({
      kind: 'list',
      title: 't'.repeat(1000),
      body: 'b '.repeat(5000),
      fields: Array.from({ length: 30 }, (_, i) => ({ name: `Field ${i}`, value: 'v '.repeat(1000) })),
      footer: 'f '.repeat(2000),
      visibility: 'channel',
    });
    expect(embedLength(embed)).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
    expect(embed.title?.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedTitle);
    expect(embed.footer?.text.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedFooter);
    expect((embed.description as string).length).toBeGreaterThanOrEqual(1000);
    expect(embed.fields?.length ?? 0).toBeLessThan(DISCORD_LIMITS.embedFields);
  });

  it('never exceeds a Discord limit, whatever the reply (property)', () => {
    const text = fc.string({ unit: 'binary', maxLength: 3000 });
    const reply = fc.record({
      kind: fc.constantFrom('answer', 'no_answer', 'list', 'help', 'error', 'rate_limited'),
      title: fc.option(text, { nil: undefined }),
      body: text,
      items: fc.option(
        fc.array(
          fc.record({
            text,
            label: fc.option(text, { nil: undefined }),
            quote: fc.option(text, { nil: undefined }),
          }),
          { maxLength: 40 },
        ),
        { nil: undefined },
      ),
      quote: fc.option(fc.record({ text, story: text }), { nil: undefined }),
      fields: fc.option(fc.array(fc.record({ name: text, value: text }), { maxLength: 30 }), {
        nil: undefined,
      }),
      suggestions: fc.option(fc.array(text, { maxLength: 30 }), { nil: undefined }),
      confidence: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
      footer: fc.option(text, { nil: undefined }),
      visibility: fc.constantFrom('channel', 'ephemeral'),
    }) as fc.Arbitrary<Reply>;
    fc.assert(
      fc.property(reply, (r) => {
        const message = renderReply(r);
        const [embed] = message.embeds;
        expect(embed).toBeDefined();
        if (!embed) return;
        expect(embedLength(embed)).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
        expect(embed.title?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.embedTitle);
        expect(embed.description?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.embedDescription);
        expect(embed.footer?.text.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.embedFooter);
        expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.embedFields);
        for (const field of embed.fields ?? []) {
          expect(field.name.length).toBeGreaterThan(0);
          expect(field.name.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedFieldName);
          expect(field.value.length).toBeGreaterThan(0);
          expect(field.value.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedFieldValue);
        }
        expect(message.components.length).toBeLessThanOrEqual(DISCORD_LIMITS.actionRows);
        const ids = new Set<string>();
        for (const row of message.components) {
          expect(row.components.length).toBeLessThanOrEqual(DISCORD_LIMITS.buttonsPerRow);
          for (const button of row.components) {
            expect(button.label?.length ?? 0).toBeGreaterThan(0);
            expect(button.label?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.buttonLabel);
            expect(button.custom_id.length).toBeLessThanOrEqual(DISCORD_LIMITS.customId);
            expect(ids.has(button.custom_id)).toBe(false);
            ids.add(button.custom_id);
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('suggestion buttons', () => {
  it('turn each suggestion into a grey button whose custom id carries the question', () => {
    const [row] = renderSuggestionButtons(['Who has banned DeepSeek?']);
    expect(row).toEqual({
      type: 1,
      components: [
        { type: 2, style: 2, label: 'Who has banned DeepSeek?', custom_id: 'ask:Who has banned DeepSeek?' },
      ],
    });
  });

  it('shorten a long question at a word: label to 80 with an ellipsis, custom id to 100 without', () => {
    const question = `Why ${'exactly '.repeat(20)}did it happen?`;
    const [button] = renderSuggestionButtons([question])[0]?.components ?? [];
    expect(button?.label?.length).toBeLessThanOrEqual(80);
    expect(button?.label?.endsWith('exactly…')).toBe(true);
    expect(button?.custom_id.length).toBeLessThanOrEqual(100);
    expect(button?.custom_id).toMatch(/^ask:Why (exactly )+exactly$/);
    expect(suggestionCustomId(question).startsWith(ASK_BUTTON_PREFIX)).toBe(true);
  });

  it('lay out at most 5 rows of 5, skipping blanks and duplicates', () => {
    const questions = ['', '  ', 'Same?', 'Same?', ...Array.from({ length: 40 }, (_, i) => `Question ${i}?`)];
    const rows = renderSuggestionButtons(questions);
    expect(rows).toHaveLength(5);
    expect(rows.every((r) => r.components.length === 5)).toBe(true);
    expect(rows[0]?.components.map((b) => b.label)).toEqual([
      'Same?',
      'Question 0?',
      'Question 1?',
      'Question 2?',
      'Question 3?',
    ]);
  });
});

describe('renderReply', () => {
  it('marks a private reply ephemeral and a channel reply not', () => {
    expect(renderReply({ ...answer, visibility: 'ephemeral' }).ephemeral).toBe(true);
    expect(renderReply(answer).ephemeral).toBe(false);
  });

  it('sends no button rows when there are no suggestions', () => {
    expect(renderReply({ kind: 'error', body: 'x', visibility: 'ephemeral' }).components).toEqual([]);
  });
});

describe('renderAutocompleteChoices', () => {
  it('returns at most 25 unique choices with names and values within 100 characters', () => {
    const long = `How ${'very '.repeat(30)}long?`;
    const choices = renderAutocompleteChoices([
      long,
      'a',
      'a',
      '',
      '  ',
      ...Array.from({ length: 40 }, (_, i) => `q${i}`),
    ]);
    expect(choices).toHaveLength(25);
    expect(choices[0]?.name.length).toBeLessThanOrEqual(100);
    expect(choices[0]?.name.endsWith('very…')).toBe(true);
    expect(choices[0]?.value.length).toBeLessThanOrEqual(100);
    expect(choices[0]?.value.endsWith('very')).toBe(true);
    expect(choices[1]).toEqual({ name: 'a', value: 'a' });
    expect(choices[2]).toEqual({ name: 'q0', value: 'q0' });
  });
});
