import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { interactionWebhook } from '../../../src/adapters/discord/http-responder.ts';

type Step = (res: ServerResponse) => void;

/** A local Discord API that plays one step per call to an interaction's webhook and records each. */
async function fakeWebhookApi(steps: Step[]) {
  const calls: { method: string; path: string }[] = [];
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      calls.push({ method: req.method ?? '', path: req.url ?? '' });
      (steps[calls.length - 1] ?? ok)(res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return { api: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`, calls };
}

const ok: Step = (res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"1"}');
/** Discord took the message (200 and its headers went out), then the connection broke mid-body. */
const tookThenBroke: Step = (res) => {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': '500' });
  res.write('{"id":"1", "content": "');
  setTimeout(() => res.socket?.destroy(), 20);
};
const unavailable: Step = (res) => res.writeHead(503).end();

const servers: Server[] = [];
const agents: Agent[] = [];
afterEach(async () => {
  for (const agent of agents.splice(0)) await agent.close();
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

function webhook(api: string, retries: string[]) {
  const agent = new Agent({ connections: 4 });
  agents.push(agent);
  return interactionWebhook(agent, api, 'app-1', 'token/1', () => retries.push('retry'));
}

describe("an interaction's webhook", () => {
  it('posts a follow-up once when Discord took it and the connection broke while its answer was read', async () => {
    const { api, calls } = await fakeWebhookApi([tookThenBroke]);
    const retries: string[] = [];
    await webhook(api, retries).followUp({ content: 'Alibaba denied the investment.' });
    expect(calls).toEqual([{ method: 'POST', path: '/api/v10/webhooks/app-1/token%2F1' }]);
    expect(retries).toEqual([]);
  });

  it('edits the original message once when the answer to the edit broke off after its status', async () => {
    const { api, calls } = await fakeWebhookApi([tookThenBroke]);
    const retries: string[] = [];
    await webhook(api, retries).edit({ content: 'Yes — the US Navy banned it.' });
    expect(calls).toEqual([
      { method: 'PATCH', path: '/api/v10/webhooks/app-1/token%2F1/messages/@original' },
    ]);
    expect(retries).toEqual([]);
  });

  it('tries a follow-up again when Discord did not take it (503)', async () => {
    const { api, calls } = await fakeWebhookApi([unavailable, ok]);
    const retries: string[] = [];
    const hook = webhook(api, retries);
    await hook.followUp({ content: 'Nvidia fell 17%.' });
    expect(calls.map((c) => c.method)).toEqual(['POST', 'POST']);
    expect(retries).toEqual(['retry']);
  }, 15_000);
});
