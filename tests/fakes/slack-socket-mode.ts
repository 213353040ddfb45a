import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

/** An acknowledgement the app sent back over the socket. */
export interface SocketAck {
  envelope_id: string;
  payload?: unknown;
}

/**
 * A fake Socket Mode server on 127.0.0.1: says hello to each connection, sends envelopes
 * (`slash_commands`, `events_api`, `interactive`) and records the app's acks.
 */
export class FakeSocketModeServer {
  readonly acks: SocketAck[] = [];
  private server: WebSocketServer | undefined;
  private socket: WebSocket | undefined;
  private connections = 0;
  private waiters: { test: () => boolean; resolve: () => void }[] = [];
  private nextEnvelope = 1;

  /** Starts listening on an ephemeral port of 127.0.0.1. */
  async start(): Promise<this> {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    this.server = server;
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    server.on('connection', (socket) => {
      this.socket = socket;
      this.connections += 1;
      socket.on('message', (data) => {
        const message = JSON.parse(String(data)) as SocketAck;
        if (message.envelope_id) this.acks.push(message);
        this.notify();
      });
      socket.on('close', () => {
        if (this.socket === socket) this.socket = undefined;
        this.notify();
      });
      socket.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'fake' } }));
      this.notify();
    });
    return this;
  }

  /** The URL `apps.connections.open` hands out. */
  get url(): string {
    const address = this.server?.address() as AddressInfo | undefined;
    if (!address) throw new Error('fake Socket Mode server is not listening');
    return `ws://127.0.0.1:${address.port}/link/?ticket=fake`;
  }

  get isConnected(): boolean {
    return this.socket !== undefined;
  }

  /** Sends one envelope and returns its id. */
  send(type: 'slash_commands' | 'events_api' | 'interactive', payload: unknown): string {
    if (!this.socket) throw new Error('no Socket Mode connection');
    const envelope_id = `env-${this.nextEnvelope++}`;
    this.socket.send(
      JSON.stringify({
        envelope_id,
        type,
        payload,
        accepts_response_payload: type !== 'events_api',
        retry_attempt: 0,
      }),
    );
    return envelope_id;
  }

  /** Asks the app to reconnect, as Slack does when it recycles a connection. */
  requestReconnect(): void {
    this.socket?.send(JSON.stringify({ type: 'disconnect', reason: 'refresh_requested' }));
  }

  /** How many connections the app has opened so far. */
  get connectionCount(): number {
    return this.connections;
  }

  /** Resolves once the app has opened `count` connections and is connected. */
  waitForConnection(count: number, timeoutMs = 15_000): Promise<void> {
    return this.until(
      () => this.connections >= count && this.socket !== undefined,
      timeoutMs,
      `connection ${count}`,
    );
  }

  /** Sends raw text down the socket (malformed frames). */
  sendRaw(text: string): void {
    this.socket?.send(text);
  }

  /** Resolves when the app has acked `envelopeId`. */
  waitForAck(envelopeId: string, timeoutMs = 10_000): Promise<SocketAck> {
    return this.until(
      () => this.acks.some((a) => a.envelope_id === envelopeId),
      timeoutMs,
      `ack of ${envelopeId}`,
    ).then(() => this.acks.find((a) => a.envelope_id === envelopeId) as SocketAck);
  }

  /** Resolves when the app's socket has closed (stop() returns before it does). */
  waitForClose(timeoutMs = 10_000): Promise<void> {
    return this.until(() => this.connections > 0 && this.socket === undefined, timeoutMs, 'socket close');
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    for (const client of server.clients) client.terminate();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private until(test: () => boolean, timeoutMs: number, what: string): Promise<void> {
    if (test()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`fake Socket Mode server: no ${what} within ${timeoutMs} ms`));
      }, timeoutMs);
      const waiter = {
        test,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      this.waiters.push(waiter);
    });
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) {
      if (waiter.test()) {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        waiter.resolve();
      }
    }
  }
}

/** Starts a fake Socket Mode server on 127.0.0.1. */
export function startFakeSocketModeServer(): Promise<FakeSocketModeServer> {
  return new FakeSocketModeServer().start();
}
