import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ask = (args: string[], input?: string) => {
  const child = run('npm', ['run', '--silent', 'ask', '--', ...args], { encoding: 'utf8' });
  if (input !== undefined) {
    child.child.stdin?.end(input);
  }
  return child;
};

describe('npm run ask', () => {
  it('prints one JSON object with the documented fields, and nothing else', async () => {
    const { stdout } = await ask(['--json', 'Did Congress block DeepSeek?']);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const answer = JSON.parse(lines[0] as string);
    expect(Object.keys(answer)).toEqual([
      'question',
      'answered',
      'answer',
      'quote',
      'factId',
      'confidence',
      'suggestions',
      'resolvedQuestion',
      'image',
      'imageAlt',
    ]);
    expect(answer).toMatchObject({
      question: 'Did Congress block DeepSeek?',
      answered: true,
      factId: 'us-bodies-blocking',
      quote: 'The U.S. Navy, Congress, the Pentagon, and NASA',
    });
    expect(answer.answer).toMatch(/^Yes — /);
    expect(answer.answer.length).toBeLessThanOrEqual(400);
  });

  it('writes a chart’s PNG under var/charts/ and gives its path as image, with its alt text', async () => {
    const { stdout } = await ask(['--json', 'chart market']);
    const answer = JSON.parse(stdout.trim());
    expect(answer.image).toMatch(/^var[/\\]charts[/\\]market-figures-[0-9a-f]{10}\.png$/);
    expect(readFileSync(answer.image).subarray(1, 4).toString()).toBe('PNG');
    expect(answer.imageAlt).toContain('down 20%');
    const { stdout: text } = await ask(['chart market']);
    // The terminal gets the chart drawn in text, and the path.
    expect(text).toContain('████████████████████████│  ▼ down 20%');
    expect(text).toContain(`Chart saved as ${answer.image}`);
    const plain = JSON.parse((await ask(['--json', 'Did Congress block DeepSeek?'])).stdout.trim());
    expect(plain.image).toBeNull();
  });

  it('reads questions from stdin and prints one JSON line per question, in order', async () => {
    const { stdout } = await ask(
      ['--json', '-'],
      'What is DeepSeek’s valuation?\nqwen release timing\n\nhow much did nvidia drop\n',
    );
    const answers = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(answers.map((a) => a.question)).toEqual([
      'What is DeepSeek’s valuation?',
      'qwen release timing',
      '',
      'how much did nvidia drop',
    ]);
    expect(answers.map((a) => a.factId)).toEqual([null, 'qwen-release-timing', null, 'nvidia-share-dip']);
    expect(answers[0]).toMatchObject({ answered: false, quote: null });
    expect(answers[0].suggestions).toHaveLength(3);
  });

  it('reads piped lines as one conversation, and --- as the start of another', async () => {
    const { stdout } = await ask(['--json', '-'], 'did nvidia stock drop\nhow much?\n---\nhow much?\n');
    const [first, followUp, fresh] = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(first).toMatchObject({ answered: true, resolvedQuestion: null });
    expect(followUp).toMatchObject({ answered: true, factId: first.factId });
    expect(followUp.answer).toMatch(/^20%/);
    expect(followUp.resolvedQuestion).toMatch(/^How much, given that nvidia/);
    expect(fresh).toMatchObject({ answered: false, resolvedQuestion: null });
    expect(fresh.answer).toMatch(/^What does “that” refer to/);
  });

  it('answers once as text', async () => {
    const { stdout } = await ask(['how much did microsft stock drop']);
    expect(stdout).toContain("Microsoft, OpenAI's biggest investor, saw its stock drop by over 8%");
    expect(stdout).toContain('  > Microsoft (OpenAI’s biggest investor) saw its stock drop by over 8%');
  });

  it('explains its usage when given no question', async () => {
    await expect(ask([])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('Give a question to ask.'),
    });
  });
});

describe('npm start with piped input', () => {
  it('answers and exits', async () => {
    const child = run('npm', ['start', '--silent'], {
      encoding: 'utf8',
      env: { ...process.env, DISCORD_TOKEN: '', SLACK_BOT_TOKEN: '' },
    });
    child.child.stdin?.end('Did Congress block DeepSeek?\n');
    const { stdout } = await child;
    expect(stdout).toContain(
      'Yes — the U.S. bodies blocking DeepSeek include the U.S. Navy, Congress, the Pentagon and NASA.',
    );
  });

  it('exits with code 2 when the database cannot be used, naming the variable but not the password', async () => {
    const child = run('npm', ['start', '--silent'], {
      encoding: 'utf8',
      env: {
        ...process.env,
        DATABASE_URL: 'postgres://bot:hunter2@127.0.0.1:1/ai_news',
        DISCORD_TOKEN: '',
        SLACK_BOT_TOKEN: '',
      },
    });
    child.child.stdin?.end('');
    const failure = await child.catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('DATABASE_URL: cannot use the database at 127.0.0.1:1'),
    });
    expect((failure as { stderr: string }).stderr).not.toContain('hunter2');
  });

  it('exits with code 2 naming each bad variable', async () => {
    const child = run('npm', ['start', '--silent'], {
      encoding: 'utf8',
      env: { ...process.env, DISCORD_TOKEN: 'abc', PORT: 'eighty', SLACK_BOT_TOKEN: '' },
    });
    child.child.stdin?.end('');
    await expect(child).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(
        /PORT: expected a port number[\s\S]*DISCORD_CLIENT_ID: required when DISCORD_TOKEN is set/,
      ),
    });
  });
});
