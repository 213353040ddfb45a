import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { checkStory } from '../../src/cli/stories.ts';
import { storySlugs } from '../../src/knowledge/load-story.ts';

const run = promisify(execFile);
const root = mkdtempSync(join(tmpdir(), 'ai-news-stories-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A copy of the project's stories in a folder of its own, with one story's pack changed. */
function brokenCopy(
  slug: string,
  change: (pack: { facts: { id: string; quote: string; questions: string[] }[] }) => void,
): string {
  const dir = mkdtempSync(join(root, 'copy-'));
  for (const folder of ['seeds', 'data', 'tests']) cpSync(folder, join(dir, folder), { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{}');
  const path = join(dir, 'data', `${slug}.json`);
  const pack = JSON.parse(readFileSync(path, 'utf8'));
  change(pack);
  writeFileSync(path, JSON.stringify(pack));
  return dir;
}

describe('npm run stories', () => {
  it('check passes every shipped story: it loads, covers its article, and answers its development set', () => {
    for (const slug of storySlugs()) expect(checkStory(slug).problems, slug).toEqual([]);
  });

  it('check names the file, the fact and the field of a quote that is not in the article', () => {
    const slug = 'vellmouth-council-approves-tram-line';
    const dir = brokenCopy(slug, (pack) => {
      (pack.facts[0] as { quote: string }).quote = 'A sentence the article never had.';
    });
    const { problems } = checkStory(slug, dir);
    expect(problems.join('\n')).toMatch(
      /^data\/vellmouth-council-approves-tram-line.json: fact .*: its quote is not found verbatim in the seed/m,
    );
    expect(problems.join('\n')).toMatch(
      new RegExp(`fact .*${JSON.parse(readFileSync(join('data', `${slug}.json`), 'utf8')).facts[0].id}`),
    );
  });

  it('check reports a question two facts both claim', () => {
    const slug = 'vellmouth-council-approves-tram-line';
    const dir = brokenCopy(slug, (pack) => {
      const [first, second] = pack.facts as { id: string; questions: string[] }[];
      second?.questions.push(first?.questions[0] as string);
    });
    expect(checkStory(slug, dir).problems.some((p) => /facts .* and .*: questions: /.test(p))).toBe(true);
  });

  it('list and check run as commands; check exits 1 on a problem', async () => {
    const { stdout } = await run('npm', ['run', '--silent', 'stories', '--', 'list'], { encoding: 'utf8' });
    expect(stdout).toMatch(/facts; quote \d+ of \d+ informative sentences \(\d+%\)/);
    const failing = run('npm', ['run', '--silent', 'stories', '--', 'check', 'nosuch'], { encoding: 'utf8' });
    await expect(failing).rejects.toMatchObject({ code: 1 });
  });
});
