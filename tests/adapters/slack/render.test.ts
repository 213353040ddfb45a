import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  escapeAndFit,
  escapeMrkdwn,
  renderReplyAsBlocks,
  SLACK_LIMITS,
  type SlackMessage,
} from '../../../src/adapters/slack/render.ts';
import type { Reply } from '../../../src/core/reply.ts';

/** Every mrkdwn text in a message, with where it is. */
function mrkdwnTexts(message: SlackMessage): { where: string; text: string }[] {
  const texts: { where: string; text: string }[] = [{ where: 'fallback', text: message.text }];
  message.blocks.forEach((block, i) => {
    if (block.type === 'section') {
      if (block.text) texts.push({ where: `block ${i} text`, text: block.text.text });
      for (const field of block.fields ?? []) texts.push({ where: `block ${i} field`, text: field.text });
    }
    if (block.type === 'context') {
      for (const element of block.elements) {
        if ('text' in element && typeof element.text === 'string') {
          texts.push({ where: `block ${i} context`, text: element.text });
        }
      }
    }
  });
  return texts;
}

const hostile = '<!channel> <!here> <@U123> <#C1|general> <https://evil.example|click> AT&T @here';

describe('renderReplyAsBlocks', () => {
  it('renders an answer: the answer in a section, quote and story in a context block, related questions as buttons', () => {
    const reply: Reply = {
      kind: 'answer',
      title: 'Did Congress block DeepSeek?',
      body: 'Yes — Congress is among the U.S. bodies blocking DeepSeek.',
      quote: { text: 'The U.S. Navy, Congress, the Pentagon, and NASA', story: 'Alibaba Denies Investment' },
      suggestions: ['Who has banned DeepSeek?', 'Why is DeepSeek being banned?'],
      confidence: 1,
      visibility: 'channel',
    };
    expect(renderReplyAsBlocks(reply)).toEqual({
      text:
        'Did Congress block DeepSeek?\nYes — Congress is among the U.S. bodies blocking DeepSeek.\n' +
        '“The U.S. Navy, Congress, the Pentagon, and NASA” — Alibaba Denies Investment',
      blocks: [
        {
          type: 'section',
          text: {
            type: 'mrkdwn',
            text: '*Did Congress block DeepSeek?*\nYes — Congress is among the U.S. bodies blocking DeepSeek.',
          },
        },
        {
          type: 'context',
          elements: [
            { type: 'mrkdwn', text: '“The U.S. Navy, Congress, the Pentagon, and NASA”' },
            { type: 'mrkdwn', text: 'From *Alibaba Denies Investment*' },
          ],
        },
        { type: 'context', elements: [{ type: 'mrkdwn', text: 'Related questions:' }] },
        {
          type: 'actions',
          block_id: 'ai-news-suggestions',
          elements: [
            {
              type: 'button',
              action_id: 'ai-news-suggestion-0',
              text: { type: 'plain_text', text: 'Who has banned DeepSeek?', emoji: true },
              value: 'Who has banned DeepSeek?',
            },
            {
              type: 'button',
              action_id: 'ai-news-suggestion-1',
              text: { type: 'plain_text', text: 'Why is DeepSeek being banned?', emoji: true },
              value: 'Why is DeepSeek being banned?',
            },
          ],
        },
      ],
    });
  });

  it('offers "Did you mean" buttons when there is no answer; a long question is shortened on the button, whole in its value', () => {
    const long = `Which ${'very '.repeat(30)}long question is this?`;
    const { blocks } = renderReplyAsBlocks({
      kind: 'no_answer',
      title: 'has japan banned deepseek',
      body: 'The article doesn’t say.',
      suggestions: [long, 'Which countries have banned DeepSeek?', long],
      visibility: 'channel',
    });
    expect(blocks[1]).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: 'Did you mean:' }] });
    const actions = blocks[2];
    if (actions?.type !== 'actions') throw new Error('expected an actions block');
    expect(actions.elements).toHaveLength(2); // duplicates dropped
    const [first] = actions.elements;
    if (first?.type !== 'button') throw new Error('expected a button');
    expect(first.text.text).toHaveLength(SLACK_LIMITS.buttonText);
    expect(first.text.text.endsWith('…')).toBe(true);
    expect(first.value).toBe(long);
  });

  it('renders list items as sections with their quotes, fields as section fields, and the footer in a context block', () => {
    const { blocks, text } = renderReplyAsBlocks({
      kind: 'list',
      title: 'Timeline',
      body: 'Two events.',
      items: [
        { label: 'Jan 27', text: 'Nvidia fell 17%.', quote: 'Nvidia’s stock fell 17%.' },
        { text: 'No quote here.' },
      ],
      fields: [{ name: 'Story id', value: 'alibaba-deepseek' }],
      footer: 'For information only.',
      visibility: 'channel',
    });
    expect(text).toBe('Timeline\nTwo events.');
    expect(blocks).toEqual([
      { type: 'section', text: { type: 'mrkdwn', text: '*Timeline*\nTwo events.' } },
      { type: 'section', text: { type: 'mrkdwn', text: '• *Jan 27* — Nvidia fell 17%.' } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: '“Nvidia’s stock fell 17%.”' }] },
      { type: 'section', text: { type: 'mrkdwn', text: '• No quote here.' } },
      { type: 'section', fields: [{ type: 'mrkdwn', text: '*Story id*\nalibaba-deepseek' }] },
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'For information only.' }] },
    ]);
  });

  it('escapes & < > in every user- and data-derived text, so nothing can notify or link', () => {
    const message = renderReplyAsBlocks({
      kind: 'answer',
      title: hostile,
      body: hostile,
      quote: { text: hostile, story: hostile },
      items: [{ label: hostile, text: hostile, quote: hostile }],
      fields: [{ name: hostile, value: hostile }],
      footer: hostile,
      suggestions: [hostile],
      visibility: 'channel',
    });
    for (const { where, text } of mrkdwnTexts(message)) {
      expect(text, where).not.toMatch(/[<>]/);
      expect(text, where).not.toMatch(/&(?!amp;|lt;|gt;)/);
    }
    const json = JSON.stringify(message);
    for (const forbidden of ['<!channel>', '<!here>', '<@U123>', '<#C1', '@here']) {
      expect(json).not.toContain(forbidden);
    }
    expect(message.blocks[0]).toEqual({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text:
          '*&lt;!channel&gt; &lt;!here&gt; &lt;@U123&gt; &lt;#C1|general&gt; &lt;https://evil.example|click&gt; AT&amp;T @\u200Bhere*\n' +
          '&lt;!channel&gt; &lt;!here&gt; &lt;@U123&gt; &lt;#C1|general&gt; &lt;https://evil.example|click&gt; AT&amp;T @\u200Bhere',
      },
    });
  });

  it('keeps within Slack limits: 50 blocks, 3,000-character sections, an "and N more" line for what does not fit', () => {
    const items = Array.from({ length: 100 }, (_, i) => ({
      text: `Item ${i} ${'x'.repeat(50)}`,
      quote: `Quote ${i}`,
    }));
    const { blocks } = renderReplyAsBlocks({
      kind: 'list',
      title: 'Many',
      body: '&'.repeat(5000),
      items,
      footer: 'footer',
      suggestions: ['One?', 'Two?'],
      visibility: 'channel',
    });
    expect(blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
    const head = blocks[0];
    if (head?.type !== 'section' || !head.text) throw new Error('expected a section');
    expect(head.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    expect(head.text.text).toMatch(/^\*Many\*\n(&amp;)+…$/);
    // head + 22 items × 2 + "and N more" + footer + suggestion heading + buttons = 49 (a 23rd item needs 2 more)
    expect(blocks).toHaveLength(49);
    expect(blocks[45]).toEqual({
      type: 'context',
      elements: [
        { type: 'mrkdwn', text: '…and 78 more not shown (a Slack message holds at most 50 blocks).' },
      ],
    });
    expect(blocks.at(-1)?.type).toBe('actions');
  });

  it('never sends an empty section', () => {
    const { blocks, text } = renderReplyAsBlocks({ kind: 'error', body: '', visibility: 'ephemeral' });
    expect(blocks).toEqual([{ type: 'section', text: { type: 'mrkdwn', text: '…' } }]);
    expect(text).toBe('ai-news');
  });

  it('holds for any text: escaped, within limits, at most 50 blocks, a non-empty fallback', () => {
    const long = fc.string({ maxLength: 4000, unit: 'grapheme' });
    const short = fc.string({ maxLength: 200, unit: 'grapheme' });
    fc.assert(
      fc.property(
        long,
        long,
        fc.array(fc.record({ text: short, quote: short }), { maxLength: 40 }),
        fc.array(short, { maxLength: 30 }),
        (title, body, items, suggestions) => {
          const message = renderReplyAsBlocks({
            kind: 'list',
            title,
            body,
            items,
            suggestions,
            visibility: 'channel',
          });
          expect(message.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
          expect(message.text.length).toBeGreaterThan(0);
          for (const { where, text: t } of mrkdwnTexts(message)) {
            expect(t.length, where).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
            expect(t, where).not.toMatch(/[<>]/);
          }
          for (const block of message.blocks) {
            if (block.type !== 'actions') continue;
            expect(block.elements.length).toBeLessThanOrEqual(SLACK_LIMITS.actionsElements);
            for (const button of block.elements) {
              if (button.type !== 'button') continue;
              expect([...button.text.text].length).toBeLessThanOrEqual(SLACK_LIMITS.buttonText);
              expect((button.value ?? '').length).toBeLessThanOrEqual(SLACK_LIMITS.buttonValue);
              expect(button.action_id?.length ?? 0).toBeLessThanOrEqual(255);
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('escaping helpers', () => {
  it('escapes Slack’s three control characters and nothing else', () => {
    expect(escapeMrkdwn('a & b < c > d *e* _f_ @here')).toBe('a &amp; b &lt; c &gt; d *e* _f_ @here');
  });

  it('shortens after escaping without cutting an entity or an emoji in half', () => {
    expect(escapeAndFit('&&&&', 12)).toBe('&amp;&amp;…');
    expect(escapeAndFit('ab😀😀', 5)).toBe('ab😀…');
    expect(escapeAndFit('ab😀😀', 4)).toBe('ab…');
    expect(escapeAndFit('short', 10)).toBe('short');
  });
});
