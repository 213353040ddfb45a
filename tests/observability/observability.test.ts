import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { createCore } from '../../src/app.ts';
import { createLogger } from '../../src/core/logger.ts';
import type { Platform } from '../../src/core/platform.ts';
import { createHealthServer, listen } from '../../src/observability/health-server.ts';
import { BotMetrics } from '../../src/observability/metrics.ts';
import { invocation, testDispatcher } from '../helpers.ts';

function fakeAdapter(platform: 'discord' | 'slack', connected: () => boolean): Platform {
  return {
    id: platform,
    start: async () => {},
    stop: async () => {},
    post: async () => {},
    isConnected: connected,
  };
}

const servers: { close(): void }[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

describe('health and metrics', () => {
  it('/healthz is liveness: 200 while the process answers, even with a platform down', async () => {
    let slackUp = true;
    const adapters = [fakeAdapter('discord', () => true), fakeAdapter('slack', () => slackUp)];
    const server = createHealthServer(new BotMetrics(), () => adapters, {
      database: async () => 'database disk image is malformed',
    });
    servers.push(server);
    const port = await listen(server, 0, '127.0.0.1');
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ status: 'ok', uptimeSeconds: expect.any(Number) });
    slackUp = false;
    const stillAlive = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(stillAlive.status).toBe(200);
    // Readiness is where a platform that is down shows.
    const notReady = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toMatchObject({ status: 'unavailable', failing: ['slack', 'database'] });
    expect((await fetch(`http://127.0.0.1:${port}/nope`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`, { method: 'POST' })).status).toBe(405);
  });

  it('/metrics counts questions by platform and outcome and times answers', async () => {
    const metrics = new BotMetrics();
    const { dispatcher } = createCore({ commands, metrics });
    await dispatcher.answer(invocation({ platform: 'discord', text: 'Did Congress block DeepSeek?' }));
    await dispatcher.answer(invocation({ platform: 'discord', text: 'What is DeepSeek’s valuation?' }));
    await dispatcher.answer(invocation({ platform: 'slack', text: 'summary' }));
    metrics.schedulePosts.inc({ platform: 'slack', outcome: 'posted' });
    metrics.reconnects.inc({ platform: 'discord' });
    const server = createHealthServer(metrics, () => []);
    servers.push(server);
    const port = await listen(server, 0, '127.0.0.1');
    const response = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toContain('ai_news_questions_total{platform="discord",command="ask",outcome="answer"} 1');
    expect(text).toContain('ai_news_questions_total{platform="discord",command="ask",outcome="no_answer"} 1');
    expect(text).toContain('ai_news_questions_total{platform="slack",command="summary",outcome="list"} 1');
    expect(text).toContain('ai_news_answer_latency_seconds_count{platform="discord"} 2');
    expect(text).toContain('ai_news_schedule_posts_total{platform="slack",outcome="posted"} 1');
    expect(text).toContain('ai_news_gateway_reconnects_total{platform="discord"} 1');
  });
});

describe('logs', () => {
  it('log each question with platform, latency and outcome, and never a token or secret', async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(...chunk.toString().trim().split('\n'));
        done();
      },
    });
    const logger = createLogger({ level: 'info', destination });
    const { dispatcher } = createCore({ commands, logger });
    await dispatcher.answer(invocation({ platform: 'slack', text: 'Did Congress block DeepSeek?' }));
    logger.info(
      {
        token: 'xoxb-secret-1',
        config: { discordToken: 'discord-secret-2', slackSigningSecret: 'signing-secret-3' },
        headers: { authorization: 'Bot discord-secret-4' },
        slack: { botToken: 'xoxb-secret-5', signingSecret: 'signing-secret-6', appToken: 'xapp-secret-7' },
      },
      'config loaded',
    );
    // A real Discord API error carries the interaction token in its URL.
    const { DiscordAPIError } = await import('discord.js');
    const apiError = new DiscordAPIError(
      { code: 10062, message: 'Unknown interaction' },
      10062,
      404,
      'POST',
      'https://discord.com/api/v10/interactions/1300000000000000001/aW50ZXJhY3Rpb24tc2VjcmV0LTg/callback',
      { body: {}, files: undefined },
    );
    logger.error({ err: apiError }, 'interaction failed');
    logger.warn(
      { detail: 'could not connect to postgres://ai_news:pw-secret-9@db.internal:5432/ai_news' },
      'db',
    );
    // A frozen object (an engine's remembered answer is one) is redacted all the same, and left as it was.
    const frozen = Object.freeze({ token: 'secret-10', inner: Object.freeze({ botToken: 'secret-11' }) });
    logger.info(frozen, 'frozen');
    // A secret field deeper down is found too, and an array of them.
    logger.info(
      {
        request: { options: { headers: { authorization: 'Bearer secret-12' } } },
        shards: [{ token: 'secret-13' }],
      },
      'nested',
    );
    expect(frozen.token).toBe('secret-10');
    logger.flush();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const handled = JSON.parse(lines.find((l) => l.includes('"handled"')) as string);
    expect(handled).toMatchObject({ platform: 'slack', command: 'ask', outcome: 'answer', msg: 'handled' });
    expect(typeof handled.latencyMs).toBe('number');
    const all = lines.join('\n');
    for (const secret of [
      'secret-1',
      'secret-2',
      'secret-3',
      'secret-4',
      'secret-5',
      'secret-6',
      'secret-7',
      'aW50ZXJhY3Rpb24tc2VjcmV0LTg',
      'pw-secret-9',
      'secret-10',
      'secret-11',
      'secret-12',
      'secret-13',
    ]) {
      expect(all).not.toContain(secret);
    }
    expect(all).toContain('[redacted]');
  });
});

describe('a lost reply', () => {
  it('is counted as lost, not as an answer', async () => {
    const metrics = new BotMetrics();
    const reply = { kind: 'answer', body: 'x', visibility: 'channel' } as const;
    metrics.observe(invocation({ platform: 'slack', source: 'slash' }), 'ask', reply, 1, 'lost');
    metrics.observe(invocation({ platform: 'slack', source: 'slash' }), 'ask', reply, 1, 'unknown');
    metrics.observe(invocation({ platform: 'slack', source: 'mention' }), 'ask', reply, 1);
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/ai_news_questions_total\{platform="slack",command="ask",outcome="lost"\} 2/);
    expect(text).toMatch(/ai_news_questions_total\{platform="slack",command="ask",outcome="answer"\} 1/);
    expect(text).toMatch(/ai_news_replies_total\{platform="slack",source="slash",outcome="lost"\} 1/);
    expect(text).toMatch(/ai_news_replies_total\{platform="slack",source="slash",outcome="unknown"\} 1/);
    expect(text).toMatch(/ai_news_replies_total\{platform="slack",source="mention",outcome="delivered"\} 1/);
  });
});

describe('/readyz', () => {
  it('is 200 when the platforms are connected and every check passes, 503 naming what is not', async () => {
    let databaseFails = false;
    const dispatcher = testDispatcher();
    const server = createHealthServer(
      new BotMetrics(),
      () => [fakeAdapter('slack', () => true)],
      {
        database: async () => {
          if (databaseFails) throw new Error('database disk image is malformed');
          return undefined;
        },
      },
      { deliveries: async () => dispatcher.deliveryProblem() },
    );
    servers.push(server);
    const port = await listen(server, 0, '127.0.0.1');
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ready',
      parts: { slack: 'connected', database: 'ok', deliveries: 'ok' },
    });
    // Every reply lost, as when the platform refuses them all: degraded, still in service.
    for (let i = 0; i < 12; i++) {
      await dispatcher.dispatch(invocation({ text: 'summary', user: { id: `u${i}` } }), {
        reply: async () => {
          throw new Error('HTTP 500');
        },
        isAdmin: async () => false,
      });
    }
    const degraded = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(degraded.status).toBe(200);
    expect(await degraded.json()).toEqual({
      status: 'degraded',
      parts: { slack: 'connected', database: 'ok', deliveries: 'the last 12 replies were all lost' },
      degraded: ['deliveries'],
    });
    databaseFails = true;
    const down = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({
      status: 'unavailable',
      parts: {
        slack: 'connected',
        database: 'database disk image is malformed',
        deliveries: 'the last 12 replies were all lost',
      },
      failing: ['database'],
      degraded: ['deliveries'],
    });
  });
});

describe('/readyz with a platform of several parts', () => {
  it('leaves the load balancer only when a required part is down; another part down degrades it', async () => {
    const states = { endpoint: true, gateway: false };
    const discord: Platform = {
      ...fakeAdapter('discord', () => states.endpoint && states.gateway),
      parts: () => ({ ...states }),
      requiredParts: ['endpoint'],
    };
    const server = createHealthServer(new BotMetrics(), () => [discord]);
    servers.push(server);
    const port = await listen(server, 0, '127.0.0.1');
    const gatewayDown = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(gatewayDown.status).toBe(200);
    expect(await gatewayDown.json()).toEqual({
      status: 'degraded',
      parts: { 'discord endpoint': 'connected', 'discord gateway': 'disconnected' },
      degraded: ['discord gateway'],
    });
    states.endpoint = false;
    const endpointDown = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(endpointDown.status).toBe(503);
    expect(await endpointDown.json()).toMatchObject({ status: 'unavailable', failing: ['discord endpoint'] });
  });
});

/** The `msg` of each JSON log line in `text`. */
function messagesIn(text: string): string[] {
  return text
    .trim()
    .split('\n')
    .map((line) => (JSON.parse(line) as { msg: string }).msg);
}

describe('log lines written in batches', () => {
  it('reach standard error while the bot is idle, and when it exits at once after logging', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/fixtures/scripts/log-then-exit.ts'], {
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    let stderr = '';
    const seen = (text: string) =>
      new Promise<void>((resolve) => {
        const look = () => {
          if (stderr.includes(text)) resolve();
          else child.stderr?.once('data', look);
        };
        look();
      });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    // Under 4 KB of lines: written by the periodic flush, not held until more come.
    await seen('first line');
    child.stdin?.write('go\n');
    const [code] = (await once(child, 'exit')) as [number];
    expect(code).toBe(0);
    expect(messagesIn(stderr)).toEqual(['first line', 'last line']);
  }, 20_000);

  it('write a warning at once, with the lines before it, even if the process is then killed', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'tests/fixtures/scripts/log-then-exit.ts', 'warn-then-kill'],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const [, signal] = (await once(child, 'exit')) as [number | null, string | null];
    expect(signal).toBe('SIGKILL');
    expect(messagesIn(stderr)).toEqual(['info line', 'warning line']);
  }, 20_000);
});

describe('log lines when no one reads them', () => {
  it('never hold the bot up once standard error is a broken pipe', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'tests/fixtures/scripts/log-then-exit.ts', 'broken-pipe'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    // The reader goes away: every write to standard error from now on fails.
    child.stderr?.destroy();
    let stdout = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
    expect(stdout).toBe('done\n');
  }, 20_000);

  it('hide secrets in a child logger’s fields and inside objects that are not plain', async () => {
    const lines: string[] = [];
    const logger = createLogger({
      destination: new Writable({
        write(chunk, _encoding, done) {
          lines.push(chunk.toString());
          done();
        },
      }),
    });
    logger.child({ token: 'secret-14' }).info('child');
    logger.child({ shard: 1 }).child({ botToken: 'secret-16' }).info('grandchild');
    logger.info({ target: new URL('postgres://bot:pw-secret-15@db.internal:5432/ai_news') }, 'url');
    logger.flush();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const all = lines.join('');
    expect(all).toContain('"msg":"child"');
    expect(all).toContain('"msg":"url"');
    expect(all).not.toContain('secret-14');
    expect(all).not.toContain('pw-secret-15');
    expect(all).toContain('"shard":1');
    expect(all).not.toContain('secret-16');
  });
});

describe('the event loop’s busy time in /metrics', () => {
  it('grows by the time the loop spends running, and not while it waits', async () => {
    const metrics = new BotMetrics();
    const read = async () => {
      const text = await metrics.collect().metrics();
      return Number(/^ai_news_event_loop_busy_seconds_total (\S+)$/m.exec(text)?.[1]);
    };
    const start = await read();
    const until = performance.now() + 80;
    while (performance.now() < until);
    const afterWork = await read();
    expect(afterWork - start).toBeGreaterThanOrEqual(0.07);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const afterWait = await read();
    expect(afterWait - afterWork).toBeLessThan(0.1);
  });
});
