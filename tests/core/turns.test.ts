import { createConnection } from 'node:net';
import { describe, expect, it } from 'vitest';
import { arrivalOf, SharedHttpServer } from '../../src/core/http-server.ts';
import { Turns } from '../../src/core/turns.ts';

const nextLoopTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

function busyFor(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

describe('sharing the turns of the event loop', () => {
  it('takes requests in, in order, before the answers queued beside them', async () => {
    const turns = new Turns();
    const order: string[] = [];
    const answers = [
      turns.workTurn().then(() => order.push('answer 1')),
      turns.workTurn().then(() => order.push('answer 2')),
    ];
    for (const name of ['request 1', 'request 2', 'request 3']) turns.takeIn(() => order.push(name));
    await Promise.all(answers);
    expect(order).toEqual(['request 1', 'request 2', 'request 3', 'answer 1', 'answer 2']);
  });

  it('lets the event loop go round between slow requests instead of taking a burst in one turn', async () => {
    const turns = new Turns();
    const taken: number[] = [];
    let loopTurns = 0;
    for (let i = 0; i < 60; i++)
      turns.takeIn(() => {
        busyFor(2);
        taken.push(loopTurns);
      });
    while (taken.length < 60) {
      await nextLoopTurn();
      loopTurns++;
    }
    // 60 requests of 2 ms each: a turn or two of them at a time, so the loop went round many times.
    expect(loopTurns).toBeGreaterThan(10);
    expect(new Set(taken).size).toBeGreaterThan(10);
  });

  it('goes on taking requests in after one whose handling throws', async () => {
    const turns = new Turns();
    const taken: string[] = [];
    turns.takeIn(() => taken.push('first'));
    turns.takeIn(() => {
      throw new Error('a bug');
    });
    turns.takeIn(() => taken.push('third'));
    await turns.workTurn();
    expect(taken).toEqual(['first', 'third']);
  });

  it('starts urgent answers on every turn, ahead of answers queued before them, whatever waits to be taken in', async () => {
    const turns = new Turns();
    const order: string[] = [];
    const ordinary = turns.workTurn().then(() => order.push('ordinary'));
    for (let i = 0; i < 50; i++) turns.takeIn(() => busyFor(1));
    const urgent = turns.workTurn(true).then(() => order.push('urgent'));
    await Promise.all([urgent, ordinary]);
    expect(order).toEqual(['urgent', 'ordinary']);
    // The urgent answer did not wait for the burst to be taken in.
    expect(turns.waiting.intake).toBeGreaterThan(0);
  });

  it('starts several quick urgent answers on one turn, and one a turn when each is slow', async () => {
    const turns = new Turns();
    /** How many loop turns `count` urgent answers of `ms` each took to start. */
    async function loopTurnsFor(count: number, ms: number): Promise<number> {
      let started = 0;
      for (let i = 0; i < count; i++)
        void turns.workTurn(true).then(() => {
          busyFor(ms);
          started++;
        });
      let loopTurns = 0;
      while (started < count) {
        await nextLoopTurn();
        loopTurns++;
      }
      return loopTurns;
    }
    // Quick ones: more each turn, so far fewer turns than answers.
    expect(await loopTurnsFor(100, 0)).toBeLessThan(50);
    // Slow ones (over the 2 ms a turn aims for): one a turn, the loop going round between them.
    expect(await loopTurnsFor(10, 3)).toBeGreaterThanOrEqual(9);
  });

  it('still works answers out while a burst of requests keeps arriving', async () => {
    const turns = new Turns();
    let answered = 0;
    const answers = Array.from({ length: 5 }, () => turns.workTurn().then(() => answered++));
    // A request arrives on every turn for 200 turns: answers go on, more slowly, all the same.
    for (let i = 0; i < 200 && answered < 5; i++) {
      turns.takeIn(() => busyFor(5));
      turns.takeIn(() => busyFor(5));
      await nextLoopTurn();
    }
    await Promise.all(answers);
    expect(answered).toBe(5);
    expect(turns.waiting.work).toBe(0);
  });
});

describe('the shared HTTP server', () => {
  it('tells a route when its request arrived, before it waited for its turn', async () => {
    class Late extends Turns {
      override takeIn(task: () => void): void {
        setTimeout(() => super.takeIn(task), 300);
      }
    }
    const http = new SharedHttpServer(0, '127.0.0.1', new Late());
    let waitedMs = 0;
    http.route('/late', (request, response) => {
      waitedMs = performance.now() - arrivalOf(request);
      request.resume();
      response.end('taken in');
    });
    const port = await http.open();
    try {
      const answer = await fetch(`http://127.0.0.1:${port}/late`);
      expect(await answer.text()).toBe('taken in');
      expect(waitedMs).toBeGreaterThanOrEqual(250);
    } finally {
      await http.release(1000);
    }
  });

  it('refuses new requests at once with 503 and Retry-After while too many wait, then serves again', async () => {
    let backlog = 0;
    class Backlogged extends Turns {
      override get waiting() {
        const { intake, work } = super.waiting;
        return { intake, work: work + backlog };
      }
    }
    const http = new SharedHttpServer(0, '127.0.0.1', new Backlogged(), 50);
    http.route('/ok', (request, response) => {
      request.resume();
      response.end('fine');
    });
    let refusals = 0;
    http.onRefused = () => refusals++;
    const port = await http.open();
    try {
      backlog = 50;
      const refused = await fetch(`http://127.0.0.1:${port}/ok`, {
        method: 'POST',
        body: 'x'.repeat(10_000),
      });
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('1');
      expect(await refused.text()).toMatch(/busy: try again/);
      expect(refusals).toBe(1);
      backlog = 49;
      const served = await fetch(`http://127.0.0.1:${port}/ok`);
      expect(served.status).toBe(200);
      expect(await served.text()).toBe('fine');
    } finally {
      await http.release(1000);
    }
  });

  it('answers 500 when a route throws, and goes on serving', async () => {
    const http = new SharedHttpServer(0, '127.0.0.1');
    http.route('/boom', () => {
      throw new Error('a bug in a route');
    });
    http.route('/ok', (_request, response) => response.end('fine'));
    const port = await http.open();
    try {
      const boom = await fetch(`http://127.0.0.1:${port}/boom`);
      expect(boom.status).toBe(500);
      const ok = await fetch(`http://127.0.0.1:${port}/ok`);
      expect(await ok.text()).toBe('fine');
      const missing = await fetch(`http://127.0.0.1:${port}/elsewhere`);
      expect(missing.status).toBe(404);
    } finally {
      await http.release(1000);
    }
  });

  it('reads every request of a burst on new connections while each takes milliseconds to handle', async () => {
    const http = new SharedHttpServer(0, '127.0.0.1');
    http.route('/slow', (request, response) => {
      busyFor(3);
      request.resume();
      request.on('end', () => response.end('done'));
    });
    const port = await http.open();
    try {
      // 80 raw connections at once, each with one request: every one is answered.
      const replies = await Promise.all(
        Array.from(
          { length: 80 },
          () =>
            new Promise<string>((resolve, reject) => {
              const socket = createConnection(port, '127.0.0.1', () =>
                socket.write('GET /slow HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'),
              );
              let text = '';
              socket.on('data', (chunk) => {
                text += chunk.toString();
              });
              socket.on('end', () => resolve(text));
              socket.on('error', reject);
            }),
        ),
      );
      expect(replies.every((r) => r.startsWith('HTTP/1.1 200') && r.endsWith('done'))).toBe(true);
    } finally {
      await http.release(1000);
    }
  });
});
