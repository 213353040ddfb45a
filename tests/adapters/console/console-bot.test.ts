import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runConsoleBot } from '../../../src/adapters/console/console-bot.ts';
import { renderReplyAsText } from '../../../src/adapters/console/render.ts';
import { core } from '../../helpers.ts';

async function chat(lines: string[]): Promise<string> {
  const output = new PassThrough();
  const chunks: string[] = [];
  output.on('data', (c: Buffer) => chunks.push(c.toString()));
  await runConsoleBot(core().dispatcher, {
    input: Readable.from(lines.map((l) => `${l}\n`)),
    output,
    interactive: false,
  });
  return chunks.join('');
}

describe('console bot', () => {
  it('answers piped questions and commands in order, then ends with the input', async () => {
    const out = await chat(['Did Congress block DeepSeek?', '/ai-news who yan qiao', 'help']);
    const congress = out.indexOf('Yes — the U.S. bodies blocking DeepSeek');
    const yan = out.indexOf('Yan Qiao: Alibaba Vice President.');
    const help = out.indexOf('/ai-news ask <question>');
    expect(congress).toBeGreaterThanOrEqual(0);
    expect(yan).toBeGreaterThan(congress);
    expect(help).toBeGreaterThan(yan);
    expect(out).toContain('  > The U.S. Navy, Congress, the Pentagon, and NASA');
  });

  it('asks a numbered suggestion when its number is typed', async () => {
    const out = await chat(['Has Japan banned DeepSeek?', '1']);
    expect(out).toContain('The article doesn’t say. It never mentions “japan”.');
    // The first suggestion offered is asked: its answer is titled with it.
    const first = /\n {2}1\. (.+)\n/.exec(out)?.[1];
    expect(first).toBeDefined();
    expect(out).toContain(`Q: ${first}`);
  });

  it('says so when the number typed is not one of the suggestions', async () => {
    const out = await chat(['Has Japan banned DeepSeek?', '9']);
    expect(out).toContain('There is no suggestion 9; pick 1 to 3, or type a question.');
  });

  it('stops at exit without answering what follows', async () => {
    const out = await chat(['summary', 'exit', 'Did Congress block DeepSeek?']);
    expect(out).toContain('Summary:');
    expect(out).not.toContain('Congress, the Pentagon');
  });

  it('renders every reply kind as plain text with the quote and the story', () => {
    const text = renderReplyAsText({
      kind: 'answer',
      title: 'q',
      body: 'answer',
      quote: { text: 'line one\nline two', story: 'Story' },
      suggestions: ['next?'],
      confidence: 0.5,
      visibility: 'channel',
    });
    expect(text).toBe(
      'Q: q\nanswer\n  > line one\n  > line two\n  — Story\nRelated questions:\n  1. next?\n(confidence 50%)',
    );
  });
});
