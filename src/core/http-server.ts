import {
  createServer,
  type IncomingMessage,
  type RequestListener,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ConnectionDrain, drainConnections } from './http-connections.ts';
import { TIMED_OUT, within } from './timeouts.ts';
import { loopTurns, type Turns } from './turns.ts';

/**
 * Requests and answers waiting for their turn beyond which a new request is refused at once (503,
 * Retry-After: 1) rather than queued: about a second of work. Past it, a queue only grows, each
 * request in it holding its connection and memory, and the answers at its end come too late to be
 * of use (Discord gives up on an interaction after 3 s); refused at once, Slack tries again (after
 * its Retry-After), Discord shows the person the interaction failed, and the requests already taken
 * in are answered in time. The count includes answers of the process's other platforms (a Discord
 * gateway beside the endpoint), which share its turns.
 */
export const MAX_WAITING_REQUESTS = 2_000;

/** When each request reached the server, before it waited for its turn to be taken in. */
const arrivals = new WeakMap<IncomingMessage, number>();

/**
 * When a request reached the shared server (performance.now()), before it waited for its turn; now,
 * for a request that did not come through it.
 */
export function arrivalOf(request: IncomingMessage): number {
  return arrivals.get(request) ?? performance.now();
}

/**
 * The bot's one HTTP server for platform endpoints (Slack's /slack/events, Discord's
 * /discord/interactions) on PORT. Each platform adds its path, then opens the server when it starts
 * and releases it when it stops: the server listens from the first open to the last release, so two
 * platforms share the port instead of fighting over it.
 */
export class SharedHttpServer {
  private readonly routes = new Map<string, RequestListener>();
  private server: Server | undefined;
  private connections: ConnectionDrain | undefined;
  private listening: Promise<number> | undefined;
  private users = 0;
  private boundPort: number | undefined;

  constructor(
    private readonly port: number,
    /** Interface to listen on; every interface when unset (tests pass 127.0.0.1). */
    private readonly host?: string,
    /** Whose turns requests are taken in on: the process's, shared with the dispatcher's work. */
    private readonly turns: Turns = loopTurns,
    /** Requests and answers waiting beyond which new requests are refused (see MAX_WAITING_REQUESTS). */
    private readonly maxWaiting = MAX_WAITING_REQUESTS,
  ) {}

  /** Told of each request refused because too many waited (503): the bot counts them in /metrics. */
  onRefused: (() => void) | undefined;

  /** Serves requests to exactly `path` (any query string) with `handler`. */
  route(path: string, handler: RequestListener): void {
    if (this.routes.has(path)) throw new Error(`${path} is already served`);
    this.routes.set(path, handler);
  }

  /** The port listened on (useful with PORT=0), while open. */
  get boundTo(): number | undefined {
    return this.boundPort;
  }

  /** Listens, the first time it is asked; resolves with the port. Rejects when the port is taken. */
  open(): Promise<number> {
    this.users += 1;
    this.listening ??= this.listen().catch((error: unknown) => {
      this.listening = undefined;
      this.users = 0;
      throw error;
    });
    return this.listening;
  }

  /**
   * One platform is done with the server: it closes when the last is. It stops accepting; requests
   * already received are read and answered with `Connection: close`, and each connection closes after
   * its response (idle keep-alive ones at once), so no client is reset in the middle of a request.
   * Connections still open after `graceMs` are destroyed; resolves with how many requests that cut off.
   */
  async release(graceMs = 10_000): Promise<number> {
    if (this.users === 0) return 0;
    this.users -= 1;
    const server = this.server;
    if (this.users > 0 || !server) return 0;
    const connections = this.connections;
    this.server = undefined;
    this.connections = undefined;
    this.listening = undefined;
    this.boundPort = undefined;
    connections?.closing();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    if ((await within(closed, graceMs)) !== TIMED_OUT) return 0;
    const cut = connections?.destroyRemaining() ?? 0;
    await closed;
    return cut;
  }

  private serve(request: IncomingMessage, response: ServerResponse): void {
    const path = (request.url ?? '/').split('?')[0] as string;
    const handler = this.routes.get(path);
    try {
      if (handler) handler(request, response);
      else response.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
    } catch {
      // A route that throws is a bug; the client still gets an answer and the server goes on.
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      response.end();
    }
  }

  private listen(): Promise<number> {
    // A request is handed to its route on a turn of its own (see turns.ts): in a burst, new
    // connections are accepted and read in between; its body waits in its stream meanwhile.
    const server = createServer((request, response) => {
      const { intake, work } = this.turns.waiting;
      if (intake + work >= this.maxWaiting) {
        this.onRefused?.();
        request.resume();
        response
          .writeHead(503, { 'content-type': 'text/plain', 'retry-after': '1', connection: 'close' })
          .end('busy: try again in a moment\n');
        return;
      }
      arrivals.set(request, performance.now());
      this.turns.takeIn(() => this.serve(request, response));
    });
    // Keep-alive connections from a load balancer outlive a burst; the default 5 s is shorter than most.
    server.keepAliveTimeout = 65_000;
    this.server = server;
    this.connections = drainConnections(server);
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, this.host, () => {
        server.off('error', reject);
        this.boundPort = (server.address() as AddressInfo).port;
        resolve(this.boundPort);
      });
    });
  }
}
