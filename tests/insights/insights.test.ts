import { afterEach, describe, expect, it, vi } from 'vitest';
import { commands } from '../../commands/index.ts';
import { createCore } from '../../src/app.ts';
import type { Invocation } from '../../src/core/invocation.ts';
import { DbInsightsStore, LEGACY_TENANT, tenantOf } from '../../src/insights/store.ts';
import { invocation } from '../helpers.ts';

function setupWithRouter() {
  const insights = new DbInsightsStore(':memory:');
  const { dispatcher } = createCore({ commands, insights });
  const say = (text: string, isAdmin = false) =>
    dispatcher.answer(invocation({ text, user: { id: 'u', isAdmin } }));
  return { insights, say, dispatcher };
}

function setup() {
  const insights = new DbInsightsStore(':memory:');
  const { dispatcher } = createCore({ commands, insights });
  const say = (text: string, isAdmin = false) =>
    dispatcher.answer(invocation({ text, user: { id: 'u', isAdmin } }));
  return { insights, say };
}

describe('unanswered questions and feedback', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

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

  it('keeps a question asked privately out of the unanswered list', async () => {
    const { insights, say } = setup();
    const reply = await say('private what is deepseek valuation');
    expect(reply.kind).toBe('no_answer');
    expect(reply.visibility).toBe('ephemeral');
    await say('ask private: which gpus trained qwen');
    expect(await insights.topUnanswered(10)).toEqual([]);
    await say('what is deepseek valuation');
    expect((await insights.topUnanswered(10)).map((q) => q.count)).toEqual([1]);
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

  it('shows a server’s admins only the questions asked in that server; the console sees every tenant’s', async () => {
    const { insights, dispatcher } = setupWithRouter();
    type Where = Pick<Invocation, 'platform' | 'scope'>;
    const serverA: Where = { platform: 'discord', scope: '111111111111111111' };
    const serverB: Where = { platform: 'discord', scope: '222222222222222222' };
    const workspace: Where = { platform: 'slack', scope: 'T0WORKSPACE' };
    // A minute between askings, so "the latest example" is well defined.
    vi.useFakeTimers({ toFake: ['Date'] });
    let now = Date.UTC(2026, 10, 29, 9);
    const ask = (where: Where, text: string) => {
      now += 60_000;
      vi.setSystemTime(now);
      return dispatcher.answer(
        invocation({ ...where, source: 'mention', text, user: { id: 'member', isAdmin: false } }),
      );
    };
    const adminList = async (where: Where) => {
      const reply = await dispatcher.answer(
        invocation({
          ...where,
          source: 'slash',
          command: 'admin unanswered',
          user: { id: 'admin', isAdmin: true },
        }),
      );
      return { reply, lines: reply.items?.map((i) => `${i.label} ${i.text.split(' (')[0]}`) ?? [] };
    };

    for (let i = 0; i < 3; i++) await ask(serverA, 'Who is the CEO of DeepSeek?');
    await ask(serverA, 'What is DeepSeek’s valuation?');
    await ask(serverB, 'what is deepseek valuation');
    for (let i = 0; i < 4; i++) await ask(workspace, 'Has Japan banned DeepSeek?');
    await ask({ platform: 'discord' }, 'Which GPUs was Qwen trained on?');

    const inB = await adminList(serverB);
    expect(inB.lines).toEqual(['1× “what is deepseek valuation”']);
    expect(JSON.stringify(inB.reply)).not.toMatch(/CEO|Japan|GPUs|DeepSeek’s valuation/);
    expect(inB.reply.body).toMatch(/in this server/);
    expect((await adminList(serverA)).lines).toEqual([
      '3× “Who is the CEO of DeepSeek?”',
      '1× “What is DeepSeek’s valuation?”',
    ]);
    expect((await adminList(workspace)).lines).toEqual(['4× “Has Japan banned DeepSeek?”']);
    expect((await adminList(workspace)).reply.body).toMatch(/in this workspace/);
    expect((await adminList({ platform: 'discord', scope: '333333333333333333' })).reply.body).toBe(
      'Every question asked so far in this server was answered.',
    );

    // The operator's console: every tenant's, the same question summed, and says so.
    const everywhere = await adminList({ platform: 'console' });
    expect(everywhere.reply.body).toMatch(/everywhere the bot runs/);
    expect(everywhere.lines).toEqual([
      '4× “Has Japan banned DeepSeek?”',
      '3× “Who is the CEO of DeepSeek?”',
      '2× “what is deepseek valuation”',
      '1× “Which GPUs was Qwen trained on?”',
    ]);
    expect((await insights.topUnanswered(10, 'discord:dm')).map((q) => q.example)).toEqual([
      'Which GPUs was Qwen trained on?',
    ]);
  });

  it('lists nobody’s questions to an admin where no server or workspace is known', async () => {
    const { say, dispatcher } = setupWithRouter();
    await say('Which GPUs was Qwen trained on?');
    // Discord DMs carry no member permissions, so the router already refuses the admin command there.
    const inDiscordDm = await dispatcher.answer(
      invocation({
        platform: 'discord',
        source: 'slash',
        command: 'admin unanswered',
        user: { id: 'x', isAdmin: false },
      }),
    );
    expect(inDiscordDm.body).toMatch(/^Only admins can use/);
    // An admin with no workspace known (a payload without a team) gets no tenant's list, not the DMs'.
    const noTeam = await dispatcher.answer(
      invocation({
        platform: 'slack',
        source: 'slash',
        command: 'admin unanswered',
        user: { id: 'x', isAdmin: true },
      }),
    );
    expect(noTeam.kind).toBe('error');
    expect(noTeam.items).toBeUndefined();
    expect(noTeam.body).toMatch(/^Run \/ai-news admin unanswered in a channel of your workspace/);
  });

  it('names tenants by platform and server or workspace', () => {
    expect(tenantOf({ platform: 'discord', scope: '111' })).toBe('discord:111');
    expect(tenantOf({ platform: 'slack', scope: 'T01' })).toBe('slack:T01');
    expect(tenantOf({ platform: 'discord' })).toBe('discord:dm');
    expect(tenantOf({ platform: 'slack', scope: '' })).toBe('slack:dm');
    expect(tenantOf({ platform: 'console' })).toBe('console');
    // Rows from before tenants belong to no invocation's tenant.
    for (const platform of ['discord', 'slack', 'console', 'schedule'] as const) {
      expect(tenantOf({ platform })).not.toBe(LEGACY_TENANT);
    }
  });

  it('stores a 👍/👎 sent by a button through the feedback command, and keeps it out of help', async () => {
    const { insights, say, dispatcher } = setupWithRouter();
    const answer = await say('Did Texas ban DeepSeek?');
    expect(answer.feedback).toEqual({ factId: 'texas-ban' });
    const vote = (v: 'up' | 'down') =>
      dispatcher.answer(
        invocation({ source: 'button', command: 'feedback', options: { fact: 'texas-ban', vote: v } }),
      );
    expect((await vote('up')).visibility).toBe('ephemeral');
    await vote('down');
    await vote('up');
    expect(await insights.feedbackFor('texas-ban')).toEqual({ up: 2, down: 1 });
    const bad = await dispatcher.answer(
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
