import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/reply.ts';
import { neutraliseUserText } from '../../src/core/safe-text.ts';
import { core, invocation } from '../helpers.ts';

const { dispatcher, engine } = core();
const ask = (question: string) => dispatcher.answer(invocation({ command: 'ask', options: { question } }));

// A live mention: Discord's @everyone/@here/<@id>/<@&id>, Slack's <!channel>/<!here>/<@U…>.
const LIVE_MENTION = /@(everyone|here)\b|<@[!&]?\w+>|<!(channel|here|everyone)[|>]|<#\w+>/i;

function allText(reply: Reply): string {
  return [
    reply.title,
    reply.body,
    reply.quote?.text,
    reply.footer,
    ...(reply.items ?? []).flatMap((i) => [i.label, i.text, i.quote]),
    ...(reply.fields ?? []).flatMap((f) => [f.name, f.value]),
    ...(reply.suggestions ?? []),
  ]
    .filter(Boolean)
    .join('\n');
}

describe('bad input', () => {
  it('an empty question gets the help', async () => {
    expect((await ask('')).kind).toBe('help');
    expect((await ask('   ')).kind).toBe('help');
    expect((await dispatcher.answer(invocation({ text: '' }))).kind).toBe('help');
  });

  it('over 500 characters gets a clear message', async () => {
    const reply = await ask(`did congress block deepseek ${'really '.repeat(100)}`);
    expect(reply).toMatchObject({ kind: 'error', visibility: 'ephemeral' });
    expect(reply.body).toBe('That question is 727 characters long; please keep it under 500 characters.');
  });

  it('reads mentions, markup, emoji and control characters as plain text', async () => {
    for (const question of [
      '@everyone did congress block deepseek???',
      '<!channel> did congress block deepseek',
      '<@123456789012345678> **did congress block deepseek**',
      '🚨🚨 did congress\u0000 block\u0007 deepseek 🤔',
      '`did` ~~congress~~ __block__ ||deepseek||',
    ]) {
      const reply = await ask(question);
      expect(reply.kind, question).toBe('answer');
      expect(reply.body, question).toMatch(/^Yes — the U\.S\. bodies blocking DeepSeek/);
      expect(allText(reply), question).not.toMatch(LIVE_MENTION);
    }
  });

  it('never echoes a mention live, even in the question shown back', async () => {
    const reply = await ask('@here <!here> <@U123> <@&987> what is the weather @everyone');
    expect(reply.kind).toBe('no_answer');
    expect(reply.title).toContain('@\u200Beveryone');
    expect(allText(reply)).not.toMatch(LIVE_MENTION);
    expect(neutraliseUserText('<!channel> hi @everyone')).toBe('<\u200B!channel> hi @\u200Beveryone');
  });

  it('words that name JavaScript built-ins are just words', async () => {
    for (const question of [
      'who is the constructor of qwen',
      '__proto__ toString hasOwnProperty',
      'valueOf deepseek',
    ]) {
      const reply = await ask(question);
      expect(reply.kind, question).not.toBe('error');
    }
  });

  it('binary garbage and huge input never throw', async () => {
    const binary = String.fromCharCode(...Array.from({ length: 300 }, (_, i) => (i * 37) % 256));
    expect((await ask(binary)).kind).toMatch(/no_answer|answer/);
    expect((await ask('x'.repeat(100_000))).kind).toBe('error');
  });

  it('no input, however strange, makes the router or engine throw or echo a live mention', async () => {
    const piece = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.constantFrom(
        '@everyone',
        '@here',
        '<!channel>',
        '<@U123>',
        '<@!42>',
        '<#C1>',
        '**',
        '`',
        '(?:',
        '.*',
        '\\',
        '$1',
        'deepseek',
        'congress',
        'topic',
        'who',
        'private',
      ),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 12 }), async (parts) => {
        const text = parts.join(' ');
        expect(() => engine.ask(text)).not.toThrow();
        const reply = await dispatcher.answer(invocation({ text }));
        expect(allText(reply)).not.toMatch(LIVE_MENTION);
      }),
      { numRuns: 1500 },
    );
  });
});
