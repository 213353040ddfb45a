import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { commands } from '../../commands/index.ts';
import { defineCommand } from '../../src/core/command.ts';
import { Dispatcher, type Responder } from '../../src/core/dispatcher.ts';
import type { Invocation } from '../../src/core/invocation.ts';
import type { Reply } from '../../src/core/reply.ts';
import { MemoryRequestLedger } from '../../src/core/request-ledger.ts';
import { createRouter } from '../../src/core/router.ts';
import { traitsOf } from '../../src/platforms.ts';
import { contractDispatcher, releaseSlowCommand } from '../adapters/contract/contract.ts';
import { core, invocation } from '../helpers.ts';

const { engine } = core();

function dispatcherWith(
  options: Partial<ConstructorParameters<typeof Dispatcher>[0]> = {},
  extra = commands,
) {
  return new Dispatcher({ router: createRouter({ engine, commands: extra }), traits: traitsOf, ...options });
}

/** A responder that records what it was asked to do, in order. */
function recorder(overrides: Partial<Responder> = {}) {
  const calls: string[] = [];
  const replies: Reply[] = [];
  const responder: Responder = {
    ack: async () => {
      calls.push('ack');
    },
    reply: async (reply) => {
      calls.push(`reply:${reply.kind}`);
      replies.push(reply);
    },
    isAdmin: async () => {
      calls.push('isAdmin');
      return false;
    },
    ...overrides,
  };
  return { responder, calls, replies };
}

const discordUser = (id: string, text: string): Invocation =>
  invocation({ platform: 'discord', source: 'mention', text, user: { id } });

describe('the dispatcher: rate limit', () => {
  it('lets a user ask 5 questions per 10 seconds, then asks them to slow down; others are unaffected', async () => {
    let now = 0;
    const limited = dispatcherWith({
      rateLimit: { questions: 5, windowSeconds: 10 },
      ledger: new MemoryRequestLedger(() => now),
    });
    const ask = (user: string) => limited.answer(discordUser(user, 'did nasa ban deepseek'));
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

  it('never limits the console, scheduled posts or feedback votes', async () => {
    const limited = dispatcherWith({ rateLimit: { questions: 1, windowSeconds: 10 } });
    for (let i = 0; i < 3; i++) {
      expect((await limited.answer(invocation({ text: 'did nasa ban deepseek' }))).kind).toBe('answer');
      const scheduled = invocation({ platform: 'discord', source: 'schedule', command: 'summary' });
      expect((await limited.answer(scheduled)).kind).toBe('list');
    }
    const vote = (i: number) =>
      limited.answer(
        invocation({
          platform: 'discord',
          source: 'button',
          command: 'feedback',
          options: { fact: 'us-bodies-blocking', vote: i % 2 ? 'up' : 'down' },
          user: { id: 'carol' },
        }),
      );
    expect((await limited.answer(discordUser('carol', 'summary'))).kind).toBe('list');
    for (let i = 0; i < 3; i++) expect((await vote(i)).kind).not.toBe('rate_limited');
    expect((await limited.answer(discordUser('carol', 'summary'))).kind).toBe('rate_limited');
  });
});

describe('the dispatcher: one request', () => {
  it('acknowledges first, asks about admin rights only for admin-only commands, then replies', async () => {
    const dispatcher = dispatcherWith();
    const question = recorder();
    await dispatcher.dispatch(discordUser('u1', 'did nasa ban deepseek'), question.responder);
    expect(question.calls).toEqual(['ack', 'reply:answer']);
    const admin = recorder();
    await dispatcher.dispatch(
      invocation({ platform: 'slack', source: 'slash', command: 'admin unanswered', user: { id: 'u1' } }),
      admin.responder,
    );
    expect(admin.calls).toEqual(['ack', 'isAdmin', 'reply:error']);
    expect(admin.replies[0]?.body).toBe(
      'Only admins can use /ai-news admin unanswered: workspace admins and owners, and the users listed in SLACK_ADMIN_USER_IDS.',
    );
  });

  it('drops a redelivered event, even one first handled by another instance sharing the ledger', async () => {
    const ledger = new MemoryRequestLedger();
    const first = dispatcherWith({ ledger });
    const second = dispatcherWith({ ledger });
    const event = { ...discordUser('u1', 'did nasa ban deepseek'), eventId: 'Ev1' };
    const a = recorder();
    const b = recorder();
    expect((await first.dispatch(event, a.responder)).status).toBe('answered');
    expect((await second.dispatch(event, b.responder)).status).toBe('duplicate');
    expect(b.replies).toEqual([]);
    // Acknowledged all the same, or Slack would send it yet again.
    expect(b.calls).toEqual(['ack']);
  });

  it('answers when the shared ledger fails or hangs, rather than leave the asker without an answer', async () => {
    const failing = dispatcherWith({
      rateLimit: { questions: 1, windowSeconds: 60 },
      ledger: {
        take: () => Promise.reject(new Error('database unreachable')),
        claimEvent: () => new Promise<boolean>(() => {}),
      },
    });
    const { responder, replies } = recorder();
    const outcome = await failing.dispatch(
      { ...discordUser('u1', 'did nasa ban deepseek'), eventId: 'E1' },
      responder,
    );
    expect(outcome.status).toBe('answered');
    expect(replies.map((r) => r.kind)).toEqual(['answer']);
  });

  it('defers a slow answer, then delivers it', async () => {
    const slow = defineCommand({
      name: 'slow',
      description: 'takes its time',
      examples: ['slow'],
      options: z.object({}),
      handle: async () => {
        await new Promise((resolve) => setTimeout(resolve, 60));
        return { kind: 'list', body: 'done', visibility: 'channel' } satisfies Reply;
      },
    });
    const dispatcher = dispatcherWith({}, [slow]);
    const { responder, calls } = recorder({
      deferAfterMs: 10,
      defer: async (privately) => {
        calls.push(`defer:${privately}`);
      },
    });
    await dispatcher.dispatch(invocation({ command: 'slow' }), responder);
    expect(calls).toEqual(['ack', 'defer:false', 'reply:list']);
  });

  it('apologises when delivering the reply fails, and reports the reply as lost', async () => {
    const handled: string[] = [];
    const dispatcher = dispatcherWith({
      onHandled: (_invocation, _command, _reply, _latency, delivery) => handled.push(delivery),
    });
    let tries = 0;
    const { responder, replies } = recorder({
      reply: async (reply) => {
        tries += 1;
        if (tries === 1) throw new Error('the platform refused it');
        replies.push(reply);
      },
    });
    const outcome = await dispatcher.dispatch(discordUser('u1', 'summary'), responder);
    expect(outcome.status).toBe('lost');
    // Counted as lost, never as an answer.
    expect(handled).toEqual(['lost']);
    expect(replies.map((r) => r.body)).toEqual([
      'Sorry — something went wrong while answering that. It has been logged; please try again.',
    ]);
  });

  it('reports a reply whose try timed out as unknown, and a delivered one as delivered', async () => {
    const handled: string[] = [];
    const dispatcher = dispatcherWith({
      onHandled: (_invocation, _command, _reply, _latency, delivery) => handled.push(delivery),
    });
    const timedOut = Object.assign(new Error('no answer within 10 s'), { outcome: 'unknown' });
    const failing = recorder({
      reply: async () => {
        throw timedOut;
      },
    });
    expect((await dispatcher.dispatch(discordUser('u1', 'summary'), failing.responder)).status).toBe('lost');
    await dispatcher.dispatch(discordUser('u2', 'summary'), recorder().responder);
    expect(handled).toEqual(['unknown', 'delivered']);
  });

  it('sends a private answer another way where the reply would be public, and says so', async () => {
    const dispatcher = dispatcherWith();
    const sent = recorder({
      replyPrivately: async (reply) => {
        sent.calls.push(`private:${reply.kind}`);
      },
    });
    await dispatcher.dispatch(discordUser('u1', 'private did nasa ban deepseek'), sent.responder);
    expect(sent.calls).toEqual(['ack', 'private:answer', 'reply:list']);
    expect(sent.replies[0]?.body).toBe('I sent you the answer by direct message.');
    const closed = recorder({
      replyPrivately: async () => {
        throw new Error('Cannot send messages to this user');
      },
    });
    await dispatcher.dispatch(discordUser('u1', 'private did nasa ban deepseek'), closed.responder);
    expect(closed.replies.map((r) => r.body)).toEqual([
      'I couldn’t send you a direct message. For an answer only you can see, use /ai-news ask with the private option.',
    ]);
  });

  it('declines what an adapter could not read, with the way forward', async () => {
    const dispatcher = dispatcherWith({ commandName: 'ai-news-staging' });
    const { responder, replies } = recorder();
    await dispatcher.decline('discord', responder, 'unknown-command');
    expect(replies[0]?.body).toBe('I only answer /ai-news-staging. Try /ai-news-staging help.');
  });

  it('waits on stop for requests in flight, platform by platform', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const dispatcher = dispatcherWith();
    const { responder, replies } = recorder({
      reply: async (reply) => {
        await gate;
        replies.push(reply);
      },
    });
    void dispatcher.dispatch(discordUser('u1', 'summary'), responder);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(dispatcher.pending('discord')).toBe(1);
    expect(await dispatcher.drain('slack', 10)).toBe(true);
    expect(await dispatcher.drain('discord', 10)).toBe(false);
    release();
    expect(await dispatcher.drain('discord', 1000)).toBe(true);
    expect(replies).toHaveLength(1);
  });

  it('drains for SHUTDOWN_GRACE_SECONDS unless told otherwise', async () => {
    const dispatcher = dispatcherWith({ drainTimeoutMs: 20 });
    const { responder } = recorder({ reply: () => new Promise<void>(() => {}) });
    void dispatcher.dispatch(discordUser('u1', 'summary'), responder);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await dispatcher.drain('discord')).toBe(false);
    expect(dispatcher.pending('discord')).toBe(1);
  });
});

describe('the dispatcher: conversation', () => {
  it('asks a numbered suggestion of the same conversation, on every platform', async () => {
    const dispatcher = dispatcherWith();
    const first = await dispatcher.answer(discordUser('u1', 'Has Japan banned DeepSeek?'));
    const offered = first.suggestions ?? [];
    expect(offered.length).toBeGreaterThan(1);
    const picked = await dispatcher.answer(discordUser('u1', '2'));
    expect(picked.title).toBe(offered[1]);
    expect(picked.kind).toBe('answer');
  });

  it('does not guess when no suggestion is on offer, or the number is not one of them', async () => {
    const dispatcher = dispatcherWith();
    expect((await dispatcher.answer(discordUser('u2', '1'))).body).toBe(
      'There are no numbered suggestions to pick from just now. Type your question in words, or /ai-news help.',
    );
    await dispatcher.answer(discordUser('u2', 'Has Japan banned DeepSeek?'));
    expect((await dispatcher.answer(discordUser('u2', '9'))).body).toMatch(
      /^There is no suggestion 9; pick 1 to \d, or type a question\.$/,
    );
    // Another person in the same channel has a conversation of their own.
    expect((await dispatcher.answer(discordUser('u3', '1'))).body).toMatch(
      /^There are no numbered suggestions/,
    );
  });

  it('answers autocomplete through the command’s provider, bounded in time', async () => {
    const dispatcher = dispatcherWith();
    const values = await dispatcher.complete({
      platform: 'discord',
      command: 'ask',
      option: 'question',
      partial: 'nvid',
    });
    expect(values.length).toBeGreaterThan(0);
    expect(values.every((v) => /nvidia/i.test(v))).toBe(true);
    expect(
      await dispatcher.complete({ platform: 'discord', command: 'nosuch', option: 'x', partial: '' }),
    ).toEqual([]);
  });
});

describe('the dispatcher: stores of its own process', () => {
  it('sets no timeout for stores that answer from memory, and one for each read of a store elsewhere', async () => {
    const { MemoryConversationStore } = await import('../../src/core/conversation.ts');
    const router = createRouter({ engine: core().engine, commands });
    const ask = invocation({ text: 'did congress block deepseek', user: { id: 'timers' } });
    const timersDuring = async (dispatcher: Dispatcher) => {
      const spy = vi.spyOn(globalThis, 'setTimeout');
      try {
        const reply = await dispatcher.answer(ask);
        expect(reply.body).toContain('Congress');
        return spy.mock.calls.length;
      } finally {
        spy.mockRestore();
      }
    };
    const inMemory = new Dispatcher({
      router,
      ledger: new MemoryRequestLedger(),
      rateLimit: { questions: 5, windowSeconds: 10 },
    });
    expect(await timersDuring(inMemory)).toBe(0);
    // The same conversations behind a store that does not say it is in this process: each read and
    // write of it gets its timeout (a database may hang), so a slow one is gone on without.
    const memory = new MemoryConversationStore();
    const elsewhere = new Dispatcher({
      router,
      conversations: { last: (key) => memory.last(key), remember: (key, turn) => memory.remember(key, turn) },
    });
    expect(await timersDuring(elsewhere)).toBe(2);
  });
});

describe('the dispatcher: the platform’s clock', () => {
  it('defers a slow answer counting from when the request arrived, not from when its turn came', async () => {
    const dispatcher = contractDispatcher();
    const started = performance.now();
    let deferredAfterMs: number | undefined;
    const outcome = dispatcher.dispatch(
      invocation({ platform: 'discord', source: 'slash', command: 'slow' }),
      {
        // The request reached the process 4.9 s ago (it waited its turn): 0.1 s of the 5 s are left.
        receivedAt: performance.now() - 4_900,
        deferAfterMs: 5_000,
        defer: async () => {
          deferredAfterMs = performance.now() - started;
          releaseSlowCommand();
        },
        reply: async () => {},
        isAdmin: async () => false,
      },
    );
    await outcome;
    expect(deferredAfterMs).toBeDefined();
    expect(deferredAfterMs as number).toBeLessThan(2_000);
  });
});
