import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { commands } from '../../commands/index.ts';
import { defineCommand } from '../../src/core/command.ts';
import { RateLimiter } from '../../src/core/rate-limit.ts';
import { createRouter, resolveInvocation } from '../../src/core/router.ts';
import { core, invocation } from '../helpers.ts';

const { engine, router } = core();
const resolve = (text: string) => {
  const r = resolveInvocation(invocation({ text }), commands, engine);
  return { name: r.name, options: r.options };
};

describe('router', () => {
  it('reads free text as a command only when a command claims it, else as a question', () => {
    expect(resolve('summary')).toEqual({ name: 'summary', options: {} });
    expect(resolve('/ai-news topic bans')).toEqual({ name: 'topic', options: { name: 'bans' } });
    expect(resolve('who is yan qiao')).toEqual({ name: 'who', options: { name: 'is yan qiao' } });
    expect(resolve('who banned deepseek')).toEqual({
      name: 'ask',
      options: { question: 'who banned deepseek' },
    });
    expect(resolve('summary of the bans please')).toEqual({
      name: 'ask',
      options: { question: 'summary of the bans please' },
    });
    expect(resolve('ask did nasa ban it')).toEqual({ name: 'ask', options: { question: 'did nasa ban it' } });
    expect(resolve('private did nasa ban it')).toEqual({
      name: 'ask',
      options: { private: true, question: 'did nasa ban it' },
    });
    expect(resolve('Did Congress block DeepSeek?')).toEqual({
      name: 'ask',
      options: { question: 'Did Congress block DeepSeek?' },
    });
  });

  it('makes any command private when asked', async () => {
    for (const text of [
      'private summary',
      'private who yan qiao',
      'private topic bans',
      'ask private did nasa ban it',
    ]) {
      expect((await router.handle(invocation({ text }))).visibility, text).toBe('ephemeral');
    }
    expect((await router.handle(invocation({ text: 'summary' }))).visibility).toBe('channel');
  });

  it('answers an unknown subcommand and invalid options with a clear message', async () => {
    const unknown = await router.handle(invocation({ command: 'dance', source: 'slash' }));
    expect(unknown).toMatchObject({
      kind: 'error',
      visibility: 'ephemeral',
      body: 'There is no command “dance”. Try /ai-news help.',
    });
    const invalid = await router.handle(invocation({ command: 'ask', options: { question: 42 } }));
    expect(invalid.kind).toBe('error');
    expect(invalid.body).toMatch(/^That \/ai-news ask request doesn’t look right \(question: /);
  });

  it('turns a failing handler into an ephemeral apology, never a throw', async () => {
    const failing = defineCommand({
      name: 'boom',
      description: 'fails',
      examples: ['boom'],
      options: z.object({}),
      handle: () => {
        throw new Error('kaput');
      },
    });
    const errors: unknown[] = [];
    const logger = { info() {}, error: (o: unknown) => errors.push(o) } as never;
    const guarded = createRouter({ engine, commands: [failing], logger });
    const reply = await guarded.handle(invocation({ command: 'boom' }));
    expect(reply).toMatchObject({ kind: 'error', visibility: 'ephemeral' });
    expect(reply.body).toMatch(/^Sorry — something went wrong/);
    expect(errors).toHaveLength(1);
  });

  it('survives malformed invocations from a bad payload', async () => {
    const bad = { ...invocation(), text: undefined, options: undefined, command: undefined } as never;
    const reply = await router.handle(bad);
    expect(reply.kind).toBe('help');
  });
});

describe('rate limit', () => {
  it('lets a user ask 5 questions per 10 seconds, then asks them to slow down; others are unaffected', async () => {
    let now = 0;
    const limited = createRouter({ engine, commands, rateLimiter: new RateLimiter(5, 10_000, () => now) });
    const ask = (user: string) =>
      limited.handle(
        invocation({
          platform: 'discord',
          text: 'did nasa ban deepseek',
          user: { id: user, isAdmin: false },
        }),
      );
    for (let i = 0; i < 5; i++) expect((await ask('alice')).kind).toBe('answer');
    const refused = await ask('alice');
    expect(refused).toMatchObject({ kind: 'rate_limited', visibility: 'ephemeral' });
    expect(refused.body).toBe(
      'Slow down a little — you can ask 5 questions every 10 seconds. Try again in 10 s.',
    );
    expect((await ask('bob')).kind).toBe('answer');
    now = 10_001;
    expect((await ask('alice')).kind).toBe('answer');
  });

  it('never limits the console, where one person types or pipes questions', async () => {
    const limited = createRouter({ engine, commands, rateLimiter: new RateLimiter(1, 10_000, () => 0) });
    for (let i = 0; i < 5; i++)
      expect((await limited.handle(invocation({ text: 'did nasa ban deepseek' }))).kind).toBe('answer');
  });

  it('never holds back scheduled posts', async () => {
    const limited = createRouter({ engine, commands, rateLimiter: new RateLimiter(1, 10_000, () => 0) });
    for (let i = 0; i < 3; i++) {
      const reply = await limited.handle(
        invocation({ platform: 'schedule', source: 'schedule', command: 'summary' }),
      );
      expect(reply.kind).toBe('list');
    }
  });
});
