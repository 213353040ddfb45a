import { afterEach, describe, expect, it } from 'vitest';
import type { Delivery } from '../../../src/core/dispatcher.ts';
import type { Reply } from '../../../src/core/reply.ts';
import { BOT_USER_ID, CHANNEL_ID, messageCreate, slashInteraction } from '../../fakes/discord-fake.ts';
import { testDispatcher } from '../../helpers.ts';
import { type Harness, startHarness } from './discord-harness.ts';

const ANSWER: Reply = {
  kind: 'answer',
  title: 'Posted',
  body: 'A scheduled summary.',
  visibility: 'channel',
};
const isChannelPost = (r: { method: string; path: string }) =>
  r.method === 'POST' && r.path === `/channels/${CHANNEL_ID}/messages`;

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function harness() {
  const retries: string[] = [];
  const deliveries: Delivery[] = [];
  const dispatcher = testDispatcher({ onHandled: (_i, _c, _r, _ms, delivery) => deliveries.push(delivery) });
  h = await startHarness(dispatcher, {
    // A short try, so that a hung request times out within the test.
    restTryTimeoutMs: 400,
    onReplyRetry: (kind) => retries.push(kind),
  });
  return { h, retries, deliveries };
}

describe('Discord REST delivery', () => {
  it('posts a channel message again after a 503, once, with one enforced nonce', async () => {
    const { h, retries } = await harness();
    h.fake.failNext(isChannelPost, 503, { message: 'Service Unavailable' });
    await h.adapter.post(CHANNEL_ID, ANSWER);
    const tries = h.fake.requests.filter(isChannelPost);
    expect(tries).toHaveLength(2);
    const nonces = tries.map((t) => (t.body as { nonce?: string }).nonce);
    expect(nonces[0]).toMatch(/^[\w-]{1,25}$/);
    expect(nonces[1]).toBe(nonces[0]);
    expect(tries.every((t) => (t.body as { enforce_nonce?: boolean }).enforce_nonce === true)).toBe(true);
    expect(retries).toEqual(['channel']);
    expect(h.logs.some((l) => l.msg === 'Discord did not take a request; retrying')).toBe(true);
  });

  it('tries a channel post that got no answer again, since Discord keeps the first message with its nonce', async () => {
    const { h, retries } = await harness();
    h.fake.hangNext(isChannelPost);
    await h.adapter.post(CHANNEL_ID, ANSWER);
    const tries = h.fake.requests.filter(isChannelPost);
    expect(tries).toHaveLength(2);
    const [first, second] = tries.map((t) => (t.body as { nonce?: string }).nonce);
    expect(first).toBeTruthy();
    expect(second).toBe(first);
    expect(retries).toEqual(['channel']);
  });

  it('never repeats an interaction reply that got no answer: it may have been shown, so it counts as unknown', async () => {
    const { h, retries, deliveries } = await harness();
    const interaction = slashInteraction('ask', { question: 'Did Congress block DeepSeek?' });
    const callback = `/interactions/${interaction.id}/${interaction.token}/callback`;
    h.fake.hangNext((r) => r.path === callback);
    h.fake.dispatch('INTERACTION_CREATE', interaction);
    await h.fake.waitForRequest((r) => r.path === callback, 'the callback');
    for (let waited = 0; deliveries.length === 0 && waited < 5000; waited += 50)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(deliveries).toEqual(['unknown']);
    expect(h.fake.requests.filter((r) => r.path === callback)).toHaveLength(1);
    expect(retries).toEqual([]);
  });

  it('retries an interaction reply Discord answered 502, and delivers it', async () => {
    const { h, retries, deliveries } = await harness();
    const interaction = slashInteraction('ask', { question: 'Did Congress block DeepSeek?' });
    const callback = `/interactions/${interaction.id}/${interaction.token}/callback`;
    h.fake.failNext((r) => r.path === callback, 502, { message: 'Bad Gateway' });
    h.fake.dispatch('INTERACTION_CREATE', interaction);
    for (let waited = 0; deliveries.length === 0 && waited < 8000; waited += 50)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(deliveries).toEqual(['delivered']);
    expect(h.fake.requests.filter((r) => r.path === callback)).toHaveLength(2);
    expect(retries).toEqual(['interaction']);
  });

  it("gives every try of a schedule's slot one nonce, the scheduler's own retries included", async () => {
    const { h } = await harness();
    await h.adapter.post(CHANNEL_ID, ANSWER, { key: 'sched1@2026-11-30T09:00:00.000Z' });
    await h.adapter.post(CHANNEL_ID, ANSWER, { key: 'sched1@2026-11-30T09:00:00.000Z' });
    await h.adapter.post(CHANNEL_ID, ANSWER, { key: 'sched1@2026-12-01T09:00:00.000Z' });
    await h.adapter.post(CHANNEL_ID, ANSWER);
    const nonces = h.fake.requests.filter(isChannelPost).map((t) => (t.body as { nonce?: string }).nonce);
    expect(nonces).toHaveLength(4);
    expect(nonces[1]).toBe(nonces[0]);
    expect(nonces[2]).not.toBe(nonces[0]);
    expect(nonces[3]).not.toBe(nonces[0]);
    expect(nonces.every((n) => typeof n === 'string' && n.length <= 25)).toBe(true);
  });

  it('answers a mention with a message Discord keeps once, by its enforced nonce', async () => {
    const { h } = await harness();
    const message = messageCreate(`<@${BOT_USER_ID}> did congress block deepseek?`);
    h.fake.dispatch('MESSAGE_CREATE', message);
    const reply = await h.fake.waitForRequest(
      (r) => r.method === 'POST' && r.body?.message_reference?.message_id === message.id,
      'the reply to the mention',
    );
    expect(reply.body).toMatchObject({ enforce_nonce: true, nonce: expect.any(String) });
  });

  it('counts a retried interaction reply that Discord had taken the first time as delivered, with no apology', async () => {
    const { h, deliveries } = await harness();
    const interaction = slashInteraction('ask', { question: 'Did Congress block DeepSeek?' });
    const callback = `/interactions/${interaction.id}/${interaction.token}/callback`;
    // The first try reached Discord but its answer failed; the second hears it was answered already.
    h.fake.failNext((r) => r.path === callback, 502, { message: 'Bad Gateway' });
    h.fake.failNext((r) => r.path === callback, 400, {
      message: 'Interaction has already been acknowledged.',
      code: 40060,
    });
    h.fake.dispatch('INTERACTION_CREATE', interaction);
    for (let waited = 0; deliveries.length === 0 && waited < 8000; waited += 50)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(deliveries).toEqual(['delivered']);
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Two tries of the answer, and nothing after them: no apology, no follow-up.
    expect(h.fake.requests.filter((r) => r.path.includes(interaction.token))).toHaveLength(2);
  });

  it('still reports any other refusal of a retried interaction reply', async () => {
    const { h, deliveries } = await harness();
    const interaction = slashInteraction('ask', { question: 'Did Congress block DeepSeek?' });
    const callback = `/interactions/${interaction.id}/${interaction.token}/callback`;
    h.fake.failNext((r) => r.path === callback, 502, { message: 'Bad Gateway' });
    h.fake.failNext((r) => r.path === callback, 400, { message: 'Invalid Form Body', code: 50035 }, 2);
    h.fake.dispatch('INTERACTION_CREATE', interaction);
    for (let waited = 0; deliveries.length === 0 && waited < 8000; waited += 50)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(deliveries).toEqual(['lost']);
  });
});
