import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Invocation } from '../../../src/core/invocation.ts';
import type { Logger } from '../../../src/core/logger.ts';
import { PostError } from '../../../src/core/platform.ts';
import type { Reply } from '../../../src/core/reply.ts';
import { createRouter, type Router } from '../../../src/core/router.ts';
import {
  APPLICATION_ID,
  autocompleteInteraction,
  BOT_USER_ID,
  CHANNEL_ID,
  messageCreate,
  slashInteraction,
} from '../../fakes/discord-fake.ts';
import { core, testDispatcher } from '../../helpers.ts';
import { type Harness, startHarness } from './discord-harness.ts';
import { allowsNoMentions, embedOf, isMessageRequest } from './discord-messages.ts';

const EPHEMERAL = 64;

/** A promise the test resolves when it chooses: slow work without clocks. */
function gate<T>() {
  let open: (value: T) => void = () => {};
  const promise = new Promise<T>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

const ANSWER: Reply = {
  kind: 'answer',
  title: 'Slow question',
  body: 'A slow answer.',
  visibility: 'channel',
};

describe('the Discord adapter when the work is slow or fails', () => {
  let h: Harness;
  // What the router does with the next invocation; each test sets it.
  let behaviour: (invocation: Invocation) => Promise<Reply> = async () => ANSWER;
  let autocomplete: (partial: string) => string[] | Promise<string[]> = () => [];

  beforeAll(async () => {
    const real = core().router;
    const router = createRouter({
      engine: real.engine,
      commands: [
        ...real.commands.filter((c) => c.name !== 'ask'),
        {
          ...real.commands.find((c) => c.name === 'ask'),
          autocomplete: { question: (partial: string) => autocomplete(partial) },
        } as Router['commands'][number],
      ],
    });
    const dispatcher = (logger: Logger) =>
      testDispatcher({
        router: { ...router, run: (_resolved, invocation) => behaviour(invocation) },
        completionTimeoutMs: 50,
        logger,
      });
    // A short deadline, so that only work the test holds back is slow enough to be deferred.
    h = await startHarness(dispatcher, { deferAfterMs: 20 });
  });

  afterAll(async () => {
    await h?.close();
  });

  it('defers a slow command publicly, then edits in the answer', async () => {
    const held = gate<Reply>();
    behaviour = () => held.promise;
    const payload = slashInteraction('ask', { question: 'Slow question' });
    const deferred = await h.interact(payload);
    expect(deferred.body.type).toBe(5);
    expect(deferred.body.data.flags ?? 0).toBe(0);
    held.open(ANSWER);
    const edit = await h.fake.waitForRequest(
      (r) => r.method === 'PATCH' && r.path.includes(payload.token),
      'the edit',
    );
    expect(edit.path).toBe(`/webhooks/${APPLICATION_ID}/${payload.token}/messages/@original`);
    expect(edit.body.embeds[0].title).toBe('Slow question');
    expect(edit.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(h.fake.requestsFor(payload).map((r) => r.method)).toEqual(['POST', 'PATCH']);
  });

  it('defers privately when private:true was asked', async () => {
    const held = gate<Reply>();
    behaviour = () => held.promise;
    const payload = slashInteraction('ask', { question: 'Slow question', private: true });
    const deferred = await h.interact(payload);
    expect(deferred.body).toEqual({ type: 5, data: { flags: EPHEMERAL } });
    held.open({ ...ANSWER, visibility: 'ephemeral' });
    const edit = await h.fake.waitForRequest(
      (r) => r.method === 'PATCH' && r.path.includes(payload.token),
      'the edit',
    );
    expect(edit.body.embeds[0].description).toBe('A slow answer.');
  });

  it('replaces a public deferral with a private follow-up when the reply turns out private', async () => {
    const held = gate<Reply>();
    behaviour = () => held.promise;
    const payload = slashInteraction('help');
    await h.interact(payload);
    held.open({ kind: 'help', title: 'Help', body: 'Only for you.', visibility: 'ephemeral' });
    const followUp = await h.fake.waitForRequest(
      (r) => r.method === 'POST' && r.path === `/webhooks/${APPLICATION_ID}/${payload.token}`,
      'the follow-up',
    );
    expect(followUp.body.flags).toBe(EPHEMERAL);
    expect(followUp.body.embeds[0].description).toBe('Only for you.');
    expect(h.fake.requestsFor(payload).map((r) => r.method)).toEqual(['POST', 'DELETE', 'POST']);
  });

  it('apologises privately, and logs, when the handler throws', async () => {
    behaviour = async () => {
      throw new Error('engine on fire');
    };
    const payload = slashInteraction('ask', { question: 'anything' });
    const apology = await h.interact(payload);
    expect(apology.body.type).toBe(4);
    expect(apology.body.data.flags).toBe(EPHEMERAL);
    expect(embedOf(apology).description).toContain('Sorry — something went wrong');
    const logged = h.logs.find((l) => l.msg === 'command failed');
    expect(logged?.err).toMatchObject({ message: 'engine on fire' });
  });

  it('apologises in a private follow-up when the handler throws after the deferral', async () => {
    const held = gate<Reply>();
    behaviour = () => held.promise.then(() => Promise.reject(new Error('late failure')));
    const payload = slashInteraction('ask', { question: 'anything' });
    expect((await h.interact(payload)).body.type).toBe(5);
    held.open(ANSWER);
    const apology = await h.fake.waitForRequest(
      (r) => r.method === 'POST' && r.path === `/webhooks/${APPLICATION_ID}/${payload.token}`,
      'the apology follow-up',
    );
    expect(apology.body.flags).toBe(EPHEMERAL);
    expect(apology.body.embeds[0].description).toContain('Sorry — something went wrong');
  });

  it('apologises in the channel when a mention cannot be answered', async () => {
    behaviour = async () => {
      throw new Error('mention failure');
    };
    const message = messageCreate(`<@${BOT_USER_ID}> anything`);
    h.fake.dispatch('MESSAGE_CREATE', message);
    const apology = await h.fake.waitForRequest(
      (r) => r.body?.message_reference?.message_id === message.id,
      'the apology reply',
    );
    expect(apology.body.embeds[0].description).toContain('Sorry — something went wrong');
    expect(h.logs.some((l) => l.msg === 'command failed' && l.platform === 'discord')).toBe(true);
  });

  it('answers autocomplete with no choices when the provider throws or is too slow', async () => {
    autocomplete = () => {
      throw new Error('provider failure');
    };
    const failed = await h.interact(autocompleteInteraction('ask', 'question', 'x'));
    expect(failed.body).toEqual({ type: 8, data: { choices: [] } });
    expect(h.logs.some((l) => l.msg === 'autocomplete failed')).toBe(true);
    autocomplete = () => new Promise<string[]>(() => {});
    const slow = await h.interact(autocompleteInteraction('ask', 'question', 'y'));
    expect(slow.body).toEqual({ type: 8, data: { choices: [] } });
    expect(h.logs.some((l) => l.msg === 'autocomplete too slow')).toBe(true);
    autocomplete = async (partial) => [`async ${partial}`];
    const later = await h.interact(autocompleteInteraction('ask', 'question', 'z'));
    expect(later.body.data.choices).toEqual([{ name: 'async z', value: 'async z' }]);
  });

  it('reports a post Discord refuses as a permanent PostError', async () => {
    h.fake.failNext((r) => r.path === `/channels/${CHANNEL_ID}/messages`, 404, {
      message: 'Unknown Channel',
      code: 10003,
    });
    const refused = await h.adapter.post(CHANNEL_ID, ANSWER).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(PostError);
    expect(refused).toMatchObject({ permanent: true });
    expect((refused as Error).message).toContain('the channel does not exist, or the bot cannot see it');
  });

  it('reports a post that keeps failing with 5xx as a transient PostError', async () => {
    // discord.js retries a 5xx three times before giving up.
    h.fake.failNext((r) => r.path === `/channels/${CHANNEL_ID}/messages`, 502, { message: 'Bad Gateway' }, 4);
    const failed = await h.adapter.post(CHANNEL_ID, ANSWER).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(PostError);
    expect(failed).toMatchObject({ permanent: false });
  });

  it('says whether it can post to a channel before a schedule is added', async () => {
    expect(await h.adapter.canPost?.(CHANNEL_ID)).toEqual({ ok: true });
    expect(await h.adapter.canPost?.('<#general>')).toEqual({
      ok: false,
      reason: '“<#general>” is not a Discord channel id',
    });
    expect(await h.adapter.canPost?.('1199999999999999999')).toEqual({
      ok: false,
      reason: expect.stringContaining('Discord answered 404'),
    });
  });

  it('sent nothing that allows a mention', () => {
    const messages = h.fake.requests.filter(isMessageRequest);
    expect(messages.length).toBeGreaterThan(5);
    expect(messages.filter((r) => !allowsNoMentions(r))).toEqual([]);
  });

  it('waits for a reply in flight when stopping, then disconnects', async () => {
    const held = gate<Reply>();
    behaviour = () => held.promise;
    const payload = slashInteraction('ask', { question: 'Slow question' });
    await h.interact(payload);
    const stopped = h.adapter.stop();
    held.open(ANSWER);
    await stopped;
    expect(h.fake.requestsFor(payload).map((r) => r.method)).toEqual(['POST', 'PATCH']);
    expect(h.adapter.isConnected()).toBe(false);
  });
});
