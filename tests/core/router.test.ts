import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { commands } from '../../commands/index.ts';
import { defineCommand } from '../../src/core/command.ts';
import { Dispatcher } from '../../src/core/dispatcher.ts';
import { createRouter, resolveInvocation } from '../../src/core/router.ts';
import { core, invocation } from '../helpers.ts';

const { engine, dispatcher } = core();
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
      expect((await dispatcher.answer(invocation({ text }))).visibility, text).toBe('ephemeral');
    }
    expect((await dispatcher.answer(invocation({ text: 'summary' }))).visibility).toBe('channel');
  });

  it('answers an unknown subcommand and invalid options with a clear message', async () => {
    const unknown = await dispatcher.answer(invocation({ command: 'dance', source: 'slash' }));
    expect(unknown).toMatchObject({
      kind: 'error',
      visibility: 'ephemeral',
      body: 'There is no command “dance”. Try /ai-news help.',
    });
    const invalid = await dispatcher.answer(invocation({ command: 'ask', options: { question: 42 } }));
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
    const guarded = new Dispatcher({ router: createRouter({ engine, commands: [failing] }), logger });
    const reply = await guarded.answer(invocation({ command: 'boom' }));
    expect(reply).toMatchObject({ kind: 'error', visibility: 'ephemeral' });
    expect(reply.body).toMatch(/^Sorry — something went wrong/);
    expect(errors).toHaveLength(1);
  });

  it('survives malformed invocations from a bad payload', async () => {
    const bad = { ...invocation(), text: undefined, options: undefined, command: undefined } as never;
    const reply = await dispatcher.answer(bad);
    expect(reply.kind).toBe('help');
  });
});
