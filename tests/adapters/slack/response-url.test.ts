import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ResponseUrlError,
  responseUrlSender,
  responseUrlSenders,
} from '../../../src/adapters/slack/response-url.ts';
import { createLogger } from '../../../src/core/logger.ts';

type Step = (res: ServerResponse) => void;

/** A local response_url that plays one step per POST and records every body it got. */
async function fakeResponseUrl(steps: Step[]) {
  const bodies: unknown[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      const step = steps[bodies.length - 1] ?? ok;
      step(res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/respond/1`, bodies };
}

const ok: Step = (res) => res.writeHead(200).end('ok');
const status =
  (code: number, headers: Record<string, string> = {}): Step =>
  (res) =>
    res.writeHead(code, headers).end('no');
const hangUp: Step = (res) => res.socket?.destroy();
const never: Step = () => {};

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

function sender(url: string, timeoutMs = 2_000) {
  const waits: number[] = [];
  const retries: string[] = [];
  const send = responseUrlSender(url, {
    timeoutMs,
    sleep: async (ms) => {
      waits.push(ms);
    },
    onRetry: (_attempt, reason) => retries.push(reason),
  });
  return { send, waits, retries };
}

const message = { response_type: 'in_channel' as const, text: 'Alibaba denied the investment.' };

describe('replies through a response_url', () => {
  it('are posted once when Slack takes them', async () => {
    const fake = await fakeResponseUrl([ok]);
    const { send, retries } = sender(fake.url);
    await send(message);
    expect(fake.bodies).toEqual([message]);
    expect(retries).toEqual([]);
  });

  it.each([
    ['a 500', status(500), 'answered 500', 1_000],
    ['a 503', status(503), 'answered 503', 1_000],
    ['a 429 with Retry-After: 2', status(429, { 'Retry-After': '2' }), 'answered 429', 2_000],
    ['a closed connection', hangUp, 'connection UND_ERR_SOCKET', 1_000],
  ])('are retried after %s, waiting as told, and delivered', async (_name, fault, reason, wait) => {
    const fake = await fakeResponseUrl([fault, ok]);
    const { send, waits, retries } = sender(fake.url);
    await send(message);
    expect(fake.bodies).toEqual([message, message]);
    expect(retries).toEqual([reason]);
    expect(waits).toEqual([wait]);
  });

  it('give up after three tries, as lost, with the last reason', async () => {
    const fake = await fakeResponseUrl([status(500), status(502), status(500), ok]);
    const { send, waits } = sender(fake.url);
    const error = await send(message).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseUrlError);
    expect(error).toMatchObject({
      outcome: 'lost',
      message: expect.stringMatching(/failed 3 times \(last: .*500\)/),
    });
    expect(fake.bodies).toHaveLength(3);
    expect(waits).toEqual([1_000, 3_000]);
  });

  it('are not retried when Slack refuses them for good (404: expired or used up)', async () => {
    const fake = await fakeResponseUrl([status(404), ok]);
    const { send } = sender(fake.url);
    await expect(send(message)).rejects.toMatchObject({
      outcome: 'lost',
      message: expect.stringContaining('404'),
    });
    expect(fake.bodies).toHaveLength(1);
  });

  it('are never retried after a timeout, which may have shown them already: counted unknown', async () => {
    const fake = await fakeResponseUrl([never, ok]);
    const { send, retries } = sender(fake.url, 200);
    await expect(send(message)).rejects.toMatchObject({
      outcome: 'unknown',
      message: expect.stringContaining('did not answer within 0.2 s'),
    });
    expect(fake.bodies).toHaveLength(1);
    expect(retries).toEqual([]);
  });

  it('are retried when the connection is refused, then counted lost', async () => {
    const fake = await fakeResponseUrl([]);
    const server = servers.pop() as Server;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const { send, retries } = sender(fake.url);
    await expect(send(message)).rejects.toMatchObject({ outcome: 'lost' });
    expect(retries).toEqual(['connection ECONNREFUSED', 'connection ECONNREFUSED']);
  });

  it('log each retry as a warning and count it by source', async () => {
    const fake = await fakeResponseUrl([status(503), ok]);
    const lines: string[] = [];
    const log = createLogger({
      level: 'warn',
      destination: { write: (line: string) => void lines.push(line) },
    });
    const counted: string[] = [];
    await responseUrlSenders(log, (source) => counted.push(source))(fake.url, 'button')(message);
    expect(counted).toEqual(['button']);
    expect(lines.join('')).toMatch(/response_url not taken; retrying/);
    expect(fake.bodies).toHaveLength(2);
  });
});
