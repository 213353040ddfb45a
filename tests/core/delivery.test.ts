import { createServer } from 'node:http';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { DeliveryError, deliver } from '../../src/core/delivery.ts';
import { drainConnections } from '../../src/core/http-connections.ts';

const noWait = async () => {};

describe('the delivery policy', () => {
  it('keeps a reply unknown once a try has timed out, whatever the later tries say', async () => {
    let tries = 0;
    const failure = await deliver(
      async (signal) => {
        tries += 1;
        if (tries === 1) {
          // No answer: the try's own timeout fires.
          await new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
        }
        return { status: 503 };
      },
      { what: 'the test platform', timeoutMs: 50, retryAfterTimeout: true, sleep: noWait },
    ).catch((error: unknown) => error);
    expect(tries).toBe(3);
    expect(failure).toBeInstanceOf(DeliveryError);
    expect(failure).toMatchObject({ outcome: 'unknown' });
  });

  it('calls a reply lost when every try was refused outright', async () => {
    const failure = await deliver(async () => ({ status: 502 }), {
      what: 'the test platform',
      sleep: noWait,
    }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ outcome: 'lost', message: expect.stringContaining('failed 3 times') });
  });
});

describe('closing connections at shutdown', () => {
  it('ends a keep-alive connection whose response was already under way once that response is sent', async () => {
    let finish: () => void = () => {};
    const server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.write('part one, ');
      finish = () => response.end('part two');
    });
    const drain = drainConnections(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString();
    });
    const ended = new Promise<void>((resolve) => socket.once('end', () => resolve()));
    socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n`);
    while (!received.includes('part one')) await new Promise((resolve) => setTimeout(resolve, 5));
    drain.closing();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    const started = Date.now();
    finish();
    await ended;
    await closed;
    expect(received).toContain('part two');
    // Closed by the server at once, not after Node's 5 s keep-alive timeout.
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
