import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createSlackAdapter, type SlackConfig } from '../../../src/adapters/slack/app.ts';
import { silentLogger } from '../../../src/core/logger.ts';
import { startSlackHarness, TEST_APP_TOKEN, TEST_BOT_TOKEN } from '../../fakes/slack-harness.ts';
import {
  halfSentRequest,
  slashCommandBody,
  slashCommandPayload,
  TEST_SIGNING_SECRET,
} from '../../fakes/slack-requests.ts';
import { type FakeSlackWebApi, startFakeSlackWebApi } from '../../fakes/slack-web-api.ts';
import { testDispatcher } from '../../helpers.ts';

let api: FakeSlackWebApi | undefined;

afterEach(async () => {
  await api?.close();
  api = undefined;
});

function adapterFor(apiUrl: string, extra: Partial<SlackConfig> = {}) {
  return createSlackAdapter({
    config: { botToken: TEST_BOT_TOKEN, signingSecret: TEST_SIGNING_SECRET, apiUrl, port: 0, ...extra },
    dispatcher: testDispatcher(),
    logger: silentLogger(),
    host: '127.0.0.1',
  });
}

describe('Slack adapter lifecycle', () => {
  it('fails to start, loudly, when Slack rejects the bot token', async () => {
    api = await startFakeSlackWebApi();
    api.failNext('auth.test', 'invalid_auth');
    const adapter = adapterFor(api.apiUrl);
    await expect(adapter.start()).rejects.toThrow(/invalid_auth/);
    expect(adapter.isConnected()).toBe(false);
    expect(adapter.port).toBeUndefined();
    await adapter.stop(); // nothing to stop: a no-op
  });

  it('fails to start in Socket Mode when Slack rejects the app-level token', async () => {
    api = await startFakeSlackWebApi();
    api.failNext('apps.connections.open', 'invalid_auth');
    const adapter = adapterFor(api.apiUrl, { appToken: TEST_APP_TOKEN });
    expect(adapter.mode).toBe('socket');
    await expect(adapter.start()).rejects.toThrow(/invalid_auth/);
    expect(adapter.isConnected()).toBe(false);
    await adapter.stop();
  });

  it('listens on the configured port in HTTP mode, and stops listening on stop', async () => {
    api = await startFakeSlackWebApi();
    const adapter = adapterFor(api.apiUrl);
    await adapter.start();
    await adapter.start(); // a second start is a no-op
    const port = adapter.port;
    expect(port).toBeGreaterThan(0);
    expect(adapter.isConnected()).toBe(true);
    await adapter.stop();
    expect(adapter.isConnected()).toBe(false);
    await expect(fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST' })).rejects.toThrow();
  });
});

describe('Slack HTTP shutdown', () => {
  it('answers a request already being received, with Connection: close, and ends its connection cleanly', async () => {
    const harness = await startSlackHarness();
    try {
      const port = Number(new URL(harness.eventsUrl).port);
      // An idle keep-alive connection, as a client pool holds: closed at stop, not left to time out.
      const idle = connect(port, '127.0.0.1');
      await new Promise<void>((resolve) => idle.once('connect', () => resolve()));
      const idleClosed = new Promise<void>((resolve) => idle.once('close', () => resolve()));
      const body = slashCommandBody(slashCommandPayload('summary', harness.api.responseUrl('draining')));
      const request = await halfSentRequest(port, body.raw);
      await new Promise((resolve) => setTimeout(resolve, 50));
      const started = Date.now();
      const stopped = harness.adapter.stop();
      await new Promise((resolve) => setTimeout(resolve, 50));
      request.socket.write(request.rest);
      expect(await request.ended).toBe('end');
      expect(request.received()).toMatch(/^HTTP\/1\.1 200 /);
      expect(request.received()).toMatch(/\r\nconnection: close\r\n/i);
      await idleClosed;
      await stopped;
      // Well inside Node's 5 s keep-alive timeout: nothing waited for a connection to time out.
      expect(Date.now() - started).toBeLessThan(4000);
      // The request was handled, not cut off: the user was told the bot is stopping.
      await harness.api.waitFor(1, (c) => c.responseId === 'draining');
      expect(JSON.stringify(harness.api.calls.find((c) => c.responseId === 'draining')?.args)).toMatch(
        /restart|again/i,
      );
    } finally {
      await harness.stop();
    }
  });
});
