import { describe, expect, it } from 'vitest';
import { createCore } from '../../src/app.ts';
import { SqliteInsightsStore } from '../../src/insights/store.ts';
import { openDatabase } from '../../src/storage/sqlite.ts';
import { invocation } from '../helpers.ts';

function setupWithRouter() {
  const db = openDatabase(':memory:');
  const insights = new SqliteInsightsStore(db);
  const { router } = createCore({ insights });
  const say = (text: string, isAdmin = false) =>
    router.handle(invocation({ text, user: { id: 'u', isAdmin } }));
  return { insights, say, router };
}

function setup() {
  const db = openDatabase(':memory:');
  const insights = new SqliteInsightsStore(db);
  const { router } = createCore({ insights });
  const say = (text: string, isAdmin = false) =>
    router.handle(invocation({ text, user: { id: 'u', isAdmin } }));
  return { insights, say, db };
}

describe('unanswered questions and feedback', () => {
  it('stores every unanswered question, counted by its normalised text, and nothing answered', async () => {
    const { insights, say } = setup();
    await say('What is DeepSeek’s valuation?');
    await say('what is deepseek valuation');
    await say('@everyone Has Japan banned DeepSeek?');
    await say('Did Congress block DeepSeek?');
    const top = await insights.topUnanswered(10);
    expect(top.map((q) => [q.normalised, q.count])).toEqual([
      ['what is deepseek valuation', 2],
      ['has japan banned deepseek', 1],
    ]);
    expect(top[1]?.example).toBe('@\u200Beveryone Has Japan banned DeepSeek?');
  });

  it('lists the most-asked unanswered questions to admins only', async () => {
    const { say } = setup();
    for (let i = 0; i < 3; i++) await say('who is the ceo of deepseek');
    await say('which gpus was qwen trained on');
    const refused = await say('admin unanswered');
    expect(refused.body).toMatch(/^Only admins can use \/ai-news admin unanswered/);
    const listed = await say('admin unanswered', true);
    expect(listed.items?.map((i) => `${i.label} ${i.text.split(' (')[0]}`)).toEqual([
      '3× “who is the ceo of deepseek”',
      '1× “which gpus was qwen trained on”',
    ]);
  });

  it('stores a 👍/👎 sent by a button through the feedback command, and keeps it out of help', async () => {
    const { insights, say, router } = setupWithRouter();
    const answer = await say('Did Texas ban DeepSeek?');
    expect(answer.feedback).toEqual({ factId: 'texas-ban' });
    const vote = (v: 'up' | 'down') =>
      router.handle(
        invocation({ source: 'button', command: 'feedback', options: { fact: 'texas-ban', vote: v } }),
      );
    expect((await vote('up')).visibility).toBe('ephemeral');
    await vote('down');
    await vote('up');
    expect(await insights.feedbackFor('texas-ban')).toEqual({ up: 2, down: 1 });
    const bad = await router.handle(
      invocation({ source: 'button', command: 'feedback', options: { fact: 'x', vote: 'meh' } }),
    );
    expect(bad.kind).toBe('error');
    expect((await say('help')).items?.map((i) => i.label)).not.toContain('/ai-news feedback');
  });

  it('stores votes on answers', async () => {
    const { insights } = setup();
    const vote = {
      platform: 'discord' as const,
      userId: 'u1',
      factId: 'texas-ban',
      question: 'did texas ban it',
    };
    await insights.recordFeedback({ ...vote, vote: 'up' });
    await insights.recordFeedback({ ...vote, vote: 'up' });
    await insights.recordFeedback({ ...vote, vote: 'down' });
    expect(await insights.feedbackFor('texas-ban')).toEqual({ up: 2, down: 1 });
  });
});
