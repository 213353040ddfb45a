import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { commands } from '../../../commands/index.ts';
import { defineCommand } from '../../../src/core/command.ts';
import type { Logger } from '../../../src/core/logger.ts';
import type { Reply } from '../../../src/core/reply.ts';
import { createRouter } from '../../../src/core/router.ts';
import {
  APPLICATION_ID,
  autocompleteInteraction,
  buttonInteraction,
  slashInteraction,
} from '../../fakes/discord-fake.ts';
import { signatureOf, testKeyPair } from '../../fakes/discord-interactions.ts';
import { core, testDispatcher } from '../../helpers.ts';
import { until } from '../contract/contract.ts';
import { type EndpointHarness, startEndpoint } from './endpoint-harness.ts';

const EPHEMERAL = 64;
const ANSWER = 'Yes — the U.S. bodies blocking DeepSeek include the U.S. Navy, Congress';

/** Held open by the `slow` command until the test lets it finish. */
let releaseSlow: () => void = () => {};
let slowRunning = false;
const slow = defineCommand({
  name: 'slow',
  description: 'Answers when released',
  examples: ['slow'],
  options: z.object({ private: z.boolean().optional() }),
  handle: async (): Promise<Reply> => {
    await new Promise<void>((resolve) => {
      releaseSlow = resolve;
      slowRunning = true;
    });
    slowRunning = false;
    return { kind: 'list', body: 'The slow answer arrived.', visibility: 'channel' };
  },
});

function slowDispatcher(logger?: Logger) {
  const router = createRouter({ engine: core().engine, commands: [...commands, slow] });
  return testDispatcher({ router, ...(logger ? { logger } : {}) });
}

/** The PATCH that finished a deferred interaction, once it reached the fake Discord. */
const deferredAnswer = (h: EndpointHarness, token: string) =>
  h.fake.waitForRequest(
    (r) => r.method === 'PATCH' && r.path === `/webhooks/${APPLICATION_ID}/${token}/messages/@original`,
    'the deferred answer',
  );

// biome-ignore lint/suspicious/noExplicitAny: response bodies are arbitrary JSON
const textOf = (body: any): string => JSON.stringify(body?.data?.embeds ?? []);

describe('POST /discord/interactions: requests Discord signed', () => {
  let h: EndpointHarness;
  beforeAll(async () => {
    h = await startEndpoint((logger) => slowDispatcher(logger), { deferAfterMs: 300 });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('answers a PING with a PONG', async () => {
    const answer = await h.post({ id: '1', type: 1, application_id: APPLICATION_ID, token: 't', version: 1 });
    expect(answer).toEqual({ status: 200, body: { type: 1 } });
  });

  it('answers /ai-news ask in the response itself: the answer, the quote, no mention allowed', async () => {
    const answer = await h.post(slashInteraction('ask', { question: 'Did Congress block DeepSeek?' }));
    expect(answer.status).toBe(200);
    expect(answer.body.type).toBe(4);
    const embed = answer.body.data.embeds[0];
    expect(embed.description).toContain(ANSWER);
    expect(embed.description).toContain('> ');
    expect(answer.body.data.allowed_mentions).toEqual({ parse: [] });
    expect(answer.body.data.flags ?? 0).toBe(0);
    // Answered in the response: no callback, no webhook call.
    expect(h.fake.requests).toHaveLength(0);
  });

  it('answers every subcommand with a message, none with the apology', async () => {
    const admin = String(1n << 5n); // Manage Server
    const cases: [string, Record<string, string | boolean>][] = [
      ['summary', {}],
      ['topic', { name: 'bans' }],
      ['timeline', {}],
      ['who', { name: 'Yan Qiao' }],
      ['quotes', {}],
      ['source', {}],
      ['help', {}],
      ['story list', {}],
      ['story use', { slug: core().engine.story.slug }],
      ['schedule list', {}],
      ['schedule remove', { id: 'nope12' }],
      ['schedule test', { id: 'nope12' }],
      ['schedule add', { when: 'daily 09:00' }],
      ['admin unanswered', {}],
      ['admin reload', {}],
    ];
    for (const [command, options] of cases) {
      const payload = slashInteraction(command, options, 'channel', admin);
      const answer = await h.post(payload);
      expect(answer.status, command).toBe(200);
      // An answer with a picture (the timeline) is deferred and edited in with its file.
      const message =
        answer.body.type === 5
          ? (
              await h.fake.waitForRequest(
                (r) => r.method === 'PATCH' && r.path.includes(payload.token) && r.files.length === 1,
                `${command}'s answer with its picture`,
              )
            ).body
          : answer.body.data;
      expect(answer.body.type, command).toBe(command === 'timeline' ? 5 : 4);
      expect(message.embeds[0].description, command).toBeTruthy();
      expect(JSON.stringify(message.embeds), command).not.toContain('something went wrong');
    }
  });

  it('keeps a private answer private with the ephemeral flag', async () => {
    const answer = await h.post(
      slashInteraction('ask', { question: 'Did Congress block DeepSeek?', private: true }),
    );
    expect(answer.body.type).toBe(4);
    expect(answer.body.data.flags).toBe(EPHEMERAL);
    expect(textOf(answer.body)).toContain(ANSWER);
  });

  it('autocompletes in the response with type 8 choices', async () => {
    const answer = await h.post(autocompleteInteraction('ask', 'question', 'nvidia'));
    expect(answer.body.type).toBe(8);
    const choices = answer.body.data.choices as { name: string; value: string }[];
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(choices.some((c) => /nvidia/i.test(c.value))).toBe(true);
  });

  it('answers a suggestion button with a new message (type 4), never an edit of the one clicked', async () => {
    const asked = await h.post(slashInteraction('ask', { question: 'Has Japan banned DeepSeek?' }));
    const button = asked.body.data.components[0].components[0];
    expect(button.custom_id).toMatch(/^ask:/);
    const clicked = await h.post(buttonInteraction(button.custom_id));
    expect(clicked.body.type).toBe(4);
    expect(clicked.body.data.embeds[0].description).toBeTruthy();
    expect(clicked.body.data.flags ?? 0).toBe(0);
    // On a private message, the answer stays private.
    const privately = await h.post(buttonInteraction(button.custom_id, EPHEMERAL));
    expect(privately.body.type).toBe(4);
    expect(privately.body.data.flags).toBe(EPHEMERAL);
  });

  it('thanks a feedback vote privately', async () => {
    const fact = core().engine.story.facts[0]?.id as string;
    const answer = await h.post(buttonInteraction(`feedback:up:${fact}`));
    expect(answer.body.type).toBe(4);
    expect(answer.body.data.flags).toBe(EPHEMERAL);
    expect(textOf(answer.body)).toContain('Thanks');
  });

  it('answers another app’s command and an unknown button with a private notice', async () => {
    const other = slashInteraction('ask', { question: 'hi' });
    other.data.name = 'other-bot';
    for (const payload of [other, buttonInteraction('from-an-old-version')]) {
      const answer = await h.post(payload);
      expect(answer.body.type).toBe(4);
      expect(answer.body.data.flags).toBe(EPHEMERAL);
      expect(textOf(answer.body)).toMatch(/only answer \/ai-news|no longer does anything/);
    }
  });

  it('defers a slow command (type 5) and finishes it with a PATCH to the interaction’s webhook', async () => {
    const payload = slashInteraction('slow');
    const answer = await h.post(payload);
    expect(answer).toEqual({ status: 200, body: { type: 5, data: {} } });
    releaseSlow();
    const patch = await deferredAnswer(h, payload.token);
    expect(patch.body.embeds[0].description).toContain('The slow answer arrived.');
    expect(patch.body.allowed_mentions).toEqual({ parse: [] });
  });

  it('tries a deferred answer’s PATCH again when Discord did not take it, saying so in the log', async () => {
    const payload = slashInteraction('slow');
    const original = `/webhooks/${APPLICATION_ID}/${payload.token}/messages/@original`;
    const patches = () => h.fake.requests.filter((r) => r.method === 'PATCH' && r.path === original);
    h.fake.failNext((r) => r.method === 'PATCH' && r.path === original, 503, { message: 'unavailable' });
    const answer = await h.post(payload);
    expect(answer).toEqual({ status: 200, body: { type: 5, data: {} } });
    releaseSlow();
    const [refused, taken] = await until(
      () => (patches().length === 2 ? patches() : undefined),
      'the PATCH tried again',
    );
    expect(refused?.body.embeds[0].description).toContain('The slow answer arrived.');
    expect(taken?.body.embeds[0].description).toContain('The slow answer arrived.');
    expect(
      h.logs.filter((l) => l.msg === 'Discord did not take a call to an interaction’s webhook; retrying'),
    ).toHaveLength(1);
  });

  it('answers /ai-news chart with its picture: deferred, then the answer edited in with the PNG attached', async () => {
    const payload = slashInteraction('chart', { subject: 'market' });
    const answer = await h.post(payload);
    expect(answer).toEqual({ status: 200, body: { type: 5, data: {} } });
    const patch = await h.fake.waitForRequest(
      (r) =>
        r.method === 'PATCH' && r.path === `/webhooks/${APPLICATION_ID}/${payload.token}/messages/@original`,
      'the answer with its picture',
    );
    expect(patch.headers['content-type']).toMatch(/^multipart\/form-data/);
    expect(patch.body.embeds[0].image).toEqual({ url: 'attachment://market-figures.png' });
    expect(patch.files).toHaveLength(1);
    expect(patch.files[0]?.name).toBe('market-figures.png');
    expect(patch.files[0]?.data.subarray(0, 4)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    expect(patch.body.attachments[0]).toMatchObject({ id: 0, filename: 'market-figures.png' });
    expect(patch.body.attachments[0].description).toMatch(/20%/);
    expect(patch.body.allowed_mentions).toEqual({ parse: [] });
  });

  it('defers a private slow command privately', async () => {
    const payload = slashInteraction('slow', { private: true });
    const answer = await h.post(payload);
    expect(answer.body).toEqual({ type: 5, data: { flags: EPHEMERAL } });
    releaseSlow();
    await h.fake.waitForRequest((r) => r.method === 'PATCH' && r.path.includes(payload.token), 'the answer');
  });
});

describe('POST /discord/interactions: requests refused', () => {
  let h: EndpointHarness;
  beforeAll(async () => {
    h = await startEndpoint((logger) => testDispatcher({ logger }));
  });
  afterAll(async () => {
    await h?.close();
  });
  const ping = JSON.stringify({ id: '1', type: 1, application_id: APPLICATION_ID, token: 't', version: 1 });
  const now = () => String(Math.floor(Date.now() / 1000));

  it('refuses a request without a signature, or with one made by another key, with 401', async () => {
    const unsigned = await fetch(h.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: ping,
    });
    expect(unsigned.status).toBe(401);
    const stranger = testKeyPair();
    const forged = await h.post(ping, {
      'x-signature-ed25519': signatureOf(stranger, now(), ping),
      'x-signature-timestamp': now(),
    });
    expect(forged.status).toBe(401);
    expect(await h.post(ping, { 'x-signature-ed25519': 'zz' })).toMatchObject({ status: 401 });
  });

  it('refuses a body changed after signing with 401', async () => {
    const stamp = now();
    const signature = signatureOf(h.keys, stamp, ping);
    const changed = ping.replace('"type":1', '"type":2');
    const answer = await h.post(changed, {
      'x-signature-ed25519': signature,
      'x-signature-timestamp': stamp,
    });
    expect(answer.status).toBe(401);
  });

  it('refuses a timestamp more than five minutes old or ahead with 401, though correctly signed', async () => {
    for (const offset of [-301, 301]) {
      const stamp = String(Math.floor(Date.now() / 1000) + offset);
      const answer = await h.post(ping, {
        'x-signature-ed25519': signatureOf(h.keys, stamp, ping),
        'x-signature-timestamp': stamp,
      });
      expect(answer.status, `offset ${offset}`).toBe(401);
    }
    const within = String(Math.floor(Date.now() / 1000) - 240);
    const fine = await h.post(ping, {
      'x-signature-ed25519': signatureOf(h.keys, within, ping),
      'x-signature-timestamp': within,
    });
    expect(fine.body).toEqual({ type: 1 });
  });

  it('refuses a body over 64 KB with 413', async () => {
    const big = JSON.stringify({ type: 1, padding: 'x'.repeat(65 * 1024) });
    const answer = await h.post(big);
    expect(answer.status).toBe(413);
    expect(answer.body.error).toContain('64 KB');
  });

  it('refuses an oversized body sent without a length at once, and closes the connection', async () => {
    const { port, pathname } = new URL(h.url);
    const socket = connect(Number(port), '127.0.0.1');
    let received = '';
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString();
    });
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.on('error', () => {});
    socket.write(
      `POST ${pathname} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`,
    );
    // 80 KB in chunks, and the body never ends: the refusal must not wait for its end.
    const chunk = 'x'.repeat(8 * 1024);
    for (let i = 0; i < 10; i++) socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
    await closed;
    expect(received).toMatch(/^HTTP\/1\.1 413 /);
    expect(received).toContain('64 KB');
  });

  it('refuses another content type with 415', async () => {
    const answer = await h.post(ping, { 'content-type': 'application/x-www-form-urlencoded' });
    expect(answer.status).toBe(415);
    expect(answer.body.error).toContain('application/json');
  });

  it('refuses a signed body that is not JSON, or not an interaction, with 400', async () => {
    expect((await h.post('{"type": 1')).status).toBe(400);
    for (const body of ['null', '[]', '"ping"', JSON.stringify({ type: 2, id: 'x' })]) {
      const answer = await h.post(body);
      expect(answer.status, body).toBe(400);
    }
    const noData = slashInteraction('ask') as Record<string, unknown>;
    delete noData.data;
    expect((await h.post(noData)).status).toBe(400);
  });

  it('answers only POST', async () => {
    const answer = await fetch(h.url);
    expect(answer.status).toBe(405);
    expect(answer.headers.get('allow')).toBe('POST');
  });

  it('still answers after all that', async () => {
    const answer = await h.post(slashInteraction('ask', { question: 'Did Congress block DeepSeek?' }));
    expect(textOf(answer.body)).toContain(ANSWER);
    expect(h.logs.some((l) => l.msg === 'Discord interaction refused: signature')).toBe(true);
  });
});

describe('POST /discord/interactions: stopping with requests in flight', () => {
  it('answers the interactions under way, tells new ones to ask again, then stops listening', async () => {
    const h = await startEndpoint((logger) => slowDispatcher(logger), { deferAfterMs: 60_000 });
    try {
      const inFlight = h.post(slashInteraction('slow'));
      await until(() => slowRunning || undefined, 'the slow command to start');
      const stopping = h.endpoint.stop();
      const late = await h.post(slashInteraction('ask', { question: 'Did Congress block DeepSeek?' }));
      expect(late.body.type).toBe(4);
      expect(late.body.data.flags).toBe(EPHEMERAL);
      expect(textOf(late.body)).toContain('restarting');
      releaseSlow();
      const answered = await inFlight;
      expect(answered.body.type).toBe(4);
      expect(textOf(answered.body)).toContain('The slow answer arrived.');
      await stopping;
      await expect(h.post(slashInteraction('summary'))).rejects.toThrow();
      expect(h.endpoint.isListening()).toBe(false);
    } finally {
      await h.close();
    }
  });
});

describe('POST /discord/interactions: a deferred answer at stop, and a restart', () => {
  it('finishes a deferred answer through the webhook before it stops, then answers again once restarted', async () => {
    const h = await startEndpoint((logger) => slowDispatcher(logger), { deferAfterMs: 100 });
    try {
      const payload = slashInteraction('slow');
      const deferred = await h.post(payload);
      expect(deferred).toEqual({ status: 200, body: { type: 5, data: {} } });
      const stopping = h.endpoint.stop();
      let stopped = false;
      void stopping.then(() => {
        stopped = true;
      });
      await new Promise((resolve) => setTimeout(resolve, 50));
      // The answer under way holds the stop.
      expect(stopped).toBe(false);
      releaseSlow();
      await stopping;
      const patch = h.fake.requests.find(
        (r) =>
          r.method === 'PATCH' &&
          r.path === `/webhooks/${APPLICATION_ID}/${payload.token}/messages/@original`,
      );
      expect(patch?.body.embeds[0].description).toContain('The slow answer arrived.');
      // Started again: answered, not told the bot is restarting.
      await h.endpoint.start();
      const url = `http://127.0.0.1:${h.endpoint.port}/discord/interactions`;
      const { postInteraction } = await import('../../fakes/discord-interactions.ts');
      const again = await postInteraction(
        url,
        h.keys,
        slashInteraction('ask', { question: 'Did Congress block DeepSeek?' }),
      );
      expect(again.body.type).toBe(4);
      expect(textOf(again.body)).toContain(ANSWER);
      expect(textOf(again.body)).not.toContain('restarting');
      // A slow answer after the restart still goes out through the webhook.
      const later = slashInteraction('slow');
      expect(await postInteraction(url, h.keys, later)).toEqual({ status: 200, body: { type: 5, data: {} } });
      releaseSlow();
      const patched = await deferredAnswer(h, later.token);
      expect(patched.body.embeds[0].description).toContain('The slow answer arrived.');
    } finally {
      await h.close();
    }
  });
});

describe('POST /discord/interactions: the rate limit and the conversation, as on every platform', () => {
  /** `/ai-news ask` from one person (the fake's member, or `userId`). */
  const askAs = (question: string, userId?: string) => {
    const payload = slashInteraction('ask', { question }) as ReturnType<typeof slashInteraction> & {
      member: { user: { id: string } };
    };
    if (userId) payload.member.user = { ...payload.member.user, id: userId };
    return payload;
  };

  it('reads a follow-up against the same person’s last answer, and only theirs', async () => {
    const h = await startEndpoint((logger) => testDispatcher({ logger }));
    try {
      const first = await h.post(askAs('is alibaba investing in deepseek', '410000000000000001'));
      expect(textOf(first.body)).toContain('Alibaba has officially denied');
      const followUp = await h.post(askAs('who said that?', '410000000000000001'));
      expect(followUp.body.type).toBe(4);
      expect(textOf(followUp.body)).toContain('Yan Qiao said it');
      // Someone else in the same channel has no answer to follow up.
      const stranger = await h.post(askAs('who said that?', '410000000000000002'));
      expect(textOf(stranger.body)).toContain('What does “that” refer to?');
    } finally {
      await h.close();
    }
  });

  it('holds each person to the rate limit, with a private note saying when to ask again', async () => {
    const h = await startEndpoint((logger) =>
      testDispatcher({ logger, rateLimit: { questions: 2, windowSeconds: 60 } }),
    );
    try {
      for (let i = 0; i < 2; i++) {
        const answer = await h.post(askAs('Did Congress block DeepSeek?', '420000000000000001'));
        expect(textOf(answer.body)).toContain(ANSWER);
      }
      const limited = await h.post(askAs('Did Congress block DeepSeek?', '420000000000000001'));
      expect(limited.body.type).toBe(4);
      expect(limited.body.data.flags).toBe(EPHEMERAL);
      expect(textOf(limited.body)).toMatch(/Slow down a little — you can ask 2 questions every 60 seconds/);
      // Another person is not held back by it.
      const other = await h.post(askAs('Did Congress block DeepSeek?', '420000000000000002'));
      expect(textOf(other.body)).toContain(ANSWER);
    } finally {
      await h.close();
    }
  });
});

describe('POST /discord/interactions: the default deferral', () => {
  it('defers a slow command about 2.5 s after its request arrived, inside Discord’s 3 s', async () => {
    const h = await startEndpoint((logger) => slowDispatcher(logger));
    try {
      const started = performance.now();
      const answer = await h.post(slashInteraction('slow'));
      const tookMs = performance.now() - started;
      expect(answer).toEqual({ status: 200, body: { type: 5, data: {} } });
      expect(tookMs).toBeGreaterThanOrEqual(2_400);
      expect(tookMs).toBeLessThan(3_000);
      releaseSlow();
    } finally {
      await h.close();
    }
  }, 10_000);
});
