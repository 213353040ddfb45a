import { once } from 'node:events';
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

// A fake Discord for the real discord.js client: the REST API (the routes the bot uses) and the
// gateway (hello, identify, ready, guild create, heartbeats, dispatches, reconnect and resume), on
// 127.0.0.1 only. Plain JSON text frames: without the optional zlib-sync package discord.js asks for
// no compression.

/** One HTTP request the client made, with its JSON body parsed. */
export interface RecordedRequest {
  method: string;
  /** Path after /api/v10, percent-decoded (`@original` arrives as `%40original`). */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  // biome-ignore lint/suspicious/noExplicitAny: request bodies are arbitrary JSON, inspected by tests
  body: any;
  /** Files of a multipart request (a message with an attachment): its JSON is in `body`. */
  files: RecordedFile[];
  /** performance.now() when the request arrived. */
  receivedAt: number;
}

/** A file uploaded with a message, as Discord receives it. */
export interface RecordedFile {
  /** The form field, `files[0]` … */
  field: string;
  name: string;
  contentType: string;
  data: Buffer;
}

/** A request body: JSON, or multipart with the JSON in `payload_json` and the files beside it (attachments). */
async function readBody(
  raw: Buffer,
  contentType: string | undefined,
): Promise<{ body: unknown; files: RecordedFile[] }> {
  if (contentType?.startsWith('multipart/form-data')) {
    const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
    const files: RecordedFile[] = [];
    let body: unknown;
    for (const [field, value] of form) {
      if (typeof value === 'string') {
        if (field === 'payload_json') body = JSON.parse(value);
      } else {
        files.push({
          field,
          name: value.name,
          contentType: value.type,
          data: Buffer.from(await value.arrayBuffer()),
        });
      }
    }
    // Discord names an attachment after its file part, `files[<id>]`, when the JSON does not (an
    // interaction callback has the message in `data`).
    type Listed = { attachments?: { id: string | number; filename?: string }[] } | undefined;
    const message = (body as Listed & { data?: Listed })?.data ?? (body as Listed);
    for (const attachment of message?.attachments ?? []) {
      attachment.filename ??= files.find((f) => f.field === `files[${attachment.id}]`)?.name;
    }
    return { body, files };
  }
  const text = raw.toString('utf8');
  return { body: text ? JSON.parse(text) : undefined, files: [] };
}

/** One gateway frame the client sent (identify, resume, heartbeat …). */
export interface GatewayFrame {
  op: number;
  // biome-ignore lint/suspicious/noExplicitAny: gateway payloads are arbitrary JSON
  d: any;
  connection: number;
}

/** The status of a scripted failure that is never answered: the request hangs until the fake closes. */
const HANG = -1;

/** A scripted failure: the next `times` requests matching `match` are answered with `status` and `body`. */
interface Failure {
  match: (request: RecordedRequest) => boolean;
  status: number;
  body: unknown;
  times: number;
}

interface Waiter<T> {
  match: (item: T) => boolean;
  resolve: (item: T) => void;
}

interface Session {
  socket: WebSocket;
  id: number;
  /** Dispatches flow only once the client has identified or resumed. */
  live: boolean;
  /** The shard this connection identified (or resumed) as; 0 until then. */
  shard: number;
}

/** A guild the fake serves: in READY and GUILD_CREATE on the shard Discord would put it on. */
export interface FakeGuild {
  id: string;
  name: string;
  // biome-ignore lint/suspicious/noExplicitAny: channel payloads are arbitrary JSON
  channels: any[];
  // biome-ignore lint/suspicious/noExplicitAny: thread payloads are arbitrary JSON
  threads: any[];
}

/** The shard Discord sends a guild's events to. */
export function shardOf(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

export const APPLICATION_ID = '1100000000000000001';
export const BOT_USER_ID = '1100000000000000002';
export const GUILD_ID = '1100000000000000003';
export const CHANNEL_ID = '1100000000000000004';
export const THREAD_ID = '1100000000000000005';
export const DM_CHANNEL_ID = '1100000000000000006';
export const USER_ID = '1100000000000000007';
export const OTHER_BOT_ID = '1100000000000000008';
export const BOT_TOKEN = 'fake-bot-token';
/** Shard 0's session is `fake-session-1`, shard 1's `fake-session-2`, … */
const sessionId = (shard: number) => `fake-session-${shard + 1}`;
const HEARTBEAT_INTERVAL = 45_000;
const WAIT_LIMIT_MS = 10_000;

let nextId = 2_000_000_000_000_000_000n;
/** A fresh snowflake-shaped id (19 digits), unique within the process. */
export function snowflake(): string {
  nextId += 1n;
  return nextId.toString();
}

export const USER = {
  id: USER_ID,
  username: 'reader',
  global_name: 'Reader',
  discriminator: '0',
  avatar: null,
};

export const BOT_USER = {
  id: BOT_USER_ID,
  username: 'ai-news',
  global_name: null,
  discriminator: '0',
  avatar: null,
  bot: true,
};

/** A fake Discord: REST under `${apiUrl}/v10`, and a gateway the REST points the client to. */
export class FakeDiscord {
  readonly requests: RecordedRequest[] = [];
  readonly frames: GatewayFrame[] = [];
  /** Application commands by scope ('global' or a guild id), as the last PUT left them. */
  readonly registered = new Map<string, unknown[]>();
  private readonly failures: Failure[] = [];
  private readonly requestWaiters: Waiter<RecordedRequest>[] = [];
  private readonly requestListeners = new Set<(request: RecordedRequest) => void>();
  private readonly frameWaiters: Waiter<GatewayFrame>[] = [];
  private readonly log: { s: number; t: string; d: unknown; shard: number }[] = [];
  private readonly sockets = new Set<Socket>();
  /** The most recent connection, whatever its shard. */
  private session: Session | undefined;
  /** The current connection of each shard. */
  private readonly sessions = new Map<number, Session>();
  private readonly seqs = new Map<number, number>();
  private connections = 0;
  /** The shard count the client identified with. */
  private shardCount = 1;
  /** When set, an IDENTIFY (of the listed shards, or any) is answered by closing with this code. */
  refuseIdentify: { code: number; shards?: number[] } | undefined;
  /** What GET /gateway/bot reports: the recommended shard count and how many may identify at once. */
  gateway = { shards: 1, maxConcurrency: 1 };
  /** The guilds the bot is in; the first is the one the payload builders below use. */
  readonly guilds: FakeGuild[] = [
    {
      id: GUILD_ID,
      name: 'Newsroom',
      channels: [{ id: CHANNEL_ID, type: 0, name: 'general', guild_id: GUILD_ID, position: 0 }],
      threads: [
        {
          id: THREAD_ID,
          type: 11,
          name: 'deepseek-thread',
          guild_id: GUILD_ID,
          parent_id: CHANNEL_ID,
          owner_id: USER_ID,
          thread_metadata: { archived: false, auto_archive_duration: 1440, locked: false },
        },
      ],
    },
  ];

  private constructor(
    private readonly server: Server,
    private readonly wss: WebSocketServer,
    readonly port: number,
  ) {}

  /** Starts the fake on a random port of 127.0.0.1. */
  static async start(): Promise<FakeDiscord> {
    const server = createServer();
    const wss = new WebSocketServer({ noServer: true });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const fake = new FakeDiscord(server, wss, (server.address() as AddressInfo).port);
    server.on('connection', (socket) => {
      fake.sockets.add(socket);
      socket.on('close', () => fake.sockets.delete(socket));
    });
    server.on('request', (req, res) => fake.onRequest(req, res));
    server.on('upgrade', (req, socket, head) => {
      wss.handleUpgrade(req, socket, head, (ws) => fake.onConnection(ws));
    });
    return fake;
  }

  /** The REST base to give the client (DISCORD_API_URL); routes live under `/v10`. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}/gateway`;
  }

  /** How many gateway connections the client has opened. */
  get connectionCount(): number {
    return this.connections;
  }

  /** Adds a guild with one text channel; its shard receives it when it identifies. */
  addGuild(id: string, name: string, channelId: string): void {
    this.guilds.push({
      id,
      name,
      channels: [{ id: channelId, type: 0, name: 'general', guild_id: id, position: 0 }],
      threads: [],
    });
  }

  /** Which shards have identified or resumed and are receiving dispatches. */
  get liveShards(): number[] {
    return [...this.sessions.values()]
      .filter((s) => s.live)
      .map((s) => s.shard)
      .sort((a, b) => a - b);
  }

  /**
   * Sends a dispatch (op 0) now, or, while the client is reconnecting, when it resumes. It goes to
   * the shard of its guild_id (shard 0 without one), as Discord routes events, unless `shard` is given.
   */
  dispatch(t: string, d: unknown, shard?: number): number {
    const guildId = (d as { guild_id?: unknown } | null)?.guild_id;
    const target =
      shard ?? (typeof guildId === 'string' && /^\d+$/.test(guildId) ? shardOf(guildId, this.shardCount) : 0);
    const seq = (this.seqs.get(target) ?? 0) + 1;
    this.seqs.set(target, seq);
    this.log.push({ s: seq, t, d, shard: target });
    const session = this.sessions.get(target);
    if (session?.live) this.send(session.socket, { op: 0, t, s: seq, d });
    return seq;
  }

  /** Sends a frame as it is on the current connection: an object as JSON, a string verbatim. */
  sendRaw(frame: unknown): void {
    const socket = this.session?.socket;
    if (!socket || socket.readyState !== socket.OPEN) return;
    socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** Asks the client to reconnect (op 7), as Discord does before moving a session. */
  requestReconnect(): void {
    const session = this.session;
    if (!session) throw new Error('no gateway connection to reconnect');
    session.live = false;
    this.send(session.socket, { op: 7, d: null });
  }

  /** Answers the next `times` requests matching `match` with an error instead of success. */
  failNext(match: (request: RecordedRequest) => boolean, status: number, body: unknown, times = 1): void {
    this.failures.push({ match, status, body, times });
  }

  /** The next `times` requests matching `match` are taken and never answered (a server that hangs). */
  hangNext(match: (request: RecordedRequest) => boolean, times = 1): void {
    this.failures.push({ match, status: HANG, body: undefined, times });
  }

  /** The first request (already made or still to come) that matches. */
  waitForRequest(match: (request: RecordedRequest) => boolean, what = 'a request'): Promise<RecordedRequest> {
    const seen = this.requests.find(match);
    if (seen) return Promise.resolve(seen);
    return this.waitFor(this.requestWaiters, match, what, () => this.describeRequests());
  }

  /**
   * Calls `listener` with each request as it arrives (after it is answered) until the returned
   * function is called. For a caller expecting many requests at once: it can look each one up in
   * O(1), where a waitForRequest per request would compare every request with every waiter.
   */
  onRequestReceived(listener: (request: RecordedRequest) => void): () => void {
    this.requestListeners.add(listener);
    return () => {
      this.requestListeners.delete(listener);
    };
  }

  /** The first gateway frame (already sent or still to come) from the client that matches. */
  waitForFrame(match: (frame: GatewayFrame) => boolean, what = 'a gateway frame'): Promise<GatewayFrame> {
    const seen = this.frames.find(match);
    if (seen) return Promise.resolve(seen);
    return this.waitFor(this.frameWaiters, match, what, () =>
      this.frames.map((f) => `op ${f.op}`).join(', '),
    );
  }

  /** Requests to one interaction (callback and webhook calls), in the order they arrived. */
  requestsFor(interaction: { id: string; token: string }): RecordedRequest[] {
    return this.requests.filter(
      (r) =>
        r.path.startsWith(`/interactions/${interaction.id}/`) || r.path.includes(`/${interaction.token}`),
    );
  }

  /** Stops the servers and drops every connection; bounded, for teardown. */
  async close(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    this.wss.close();
    for (const socket of this.sockets) socket.destroy();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
  }

  private waitFor<T>(
    waiters: Waiter<T>[],
    match: (item: T) => boolean,
    what: string,
    seen: () => string,
  ): Promise<T> {
    return new Promise((resolve, reject) => {
      // A bound so a missing reply fails with a useful message instead of the test's own timeout.
      const timer = setTimeout(() => {
        const index = waiters.indexOf(waiter);
        if (index >= 0) waiters.splice(index, 1);
        reject(new Error(`fake Discord: gave up waiting for ${what}; saw: ${seen() || 'nothing'}`));
      }, WAIT_LIMIT_MS);
      const waiter: Waiter<T> = {
        match,
        resolve: (item) => {
          clearTimeout(timer);
          resolve(item);
        },
      };
      waiters.push(waiter);
    });
  }

  private notify<T>(waiters: Waiter<T>[], item: T): void {
    if (waiters.length === 0) return;
    // One pass, and nothing removed unless every match ran: the matched leave, in order, then resolve.
    const matches = waiters.map((waiter) => waiter.match(item));
    if (!matches.includes(true)) return;
    const matched = waiters.filter((_, i) => matches[i]);
    const waiting = waiters.filter((_, i) => !matches[i]);
    waiters.splice(0, waiters.length, ...waiting);
    for (const waiter of matched) waiter.resolve(item);
  }

  private describeRequests(): string {
    return this.requests.map((r) => `${r.method} ${r.path}`).join(', ');
  }

  private send(socket: WebSocket, frame: unknown): void {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
  }

  private onConnection(socket: WebSocket): void {
    this.connections += 1;
    const connection = this.connections;
    this.session = { socket, id: connection, live: false, shard: 0 };
    const session = this.session;
    socket.on('message', (raw) => {
      const frame = JSON.parse(String(raw)) as { op: number; d: unknown };
      const recorded = { op: frame.op, d: frame.d, connection };
      this.frames.push(recorded);
      this.onFrame(session, recorded);
      this.notify(this.frameWaiters, recorded);
    });
    socket.on('close', () => {
      if (this.session === session) this.session = undefined;
      if (this.sessions.get(session.shard) === session) this.sessions.delete(session.shard);
    });
    // Without HELLO first the client waits a minute before identifying.
    this.send(socket, { op: 10, d: { heartbeat_interval: HEARTBEAT_INTERVAL } });
  }

  private onFrame(session: Session, frame: GatewayFrame): void {
    switch (frame.op) {
      case 1:
        this.send(session.socket, { op: 11 });
        break;
      case 2: {
        const shard: [number, number] = Array.isArray(frame.d?.shard) ? frame.d.shard : [0, 1];
        const refusal = this.refuseIdentify;
        if (refusal && (!refusal.shards || refusal.shards.includes(shard[0]))) {
          session.socket.close(refusal.code, 'refused by the fake');
          break;
        }
        this.identify(session, shard);
        break;
      }
      case 6:
        this.resume(session, String(frame.d?.session_id ?? ''), Number(frame.d?.seq ?? 0));
        break;
      default:
        break;
    }
  }

  private identify(session: Session, [shard, count]: [number, number]): void {
    session.live = true;
    session.shard = shard;
    this.shardCount = count;
    this.sessions.set(shard, session);
    const guilds = this.guilds.filter((g) => shardOf(g.id, count) === shard);
    this.dispatch(
      'READY',
      {
        v: 10,
        user: BOT_USER,
        guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
        session_id: sessionId(shard),
        resume_gateway_url: this.gatewayUrl,
        application: { id: APPLICATION_ID, flags: 0 },
        shard: [shard, count],
      },
      shard,
    );
    // One GUILD_CREATE per guild in READY, else the client waits 15 s before it calls itself ready.
    for (const guild of guilds) {
      this.dispatch(
        'GUILD_CREATE',
        {
          id: guild.id,
          name: guild.name,
          unavailable: false,
          owner_id: USER_ID,
          member_count: 2,
          roles: [],
          emojis: [],
          members: [],
          channels: guild.channels,
          threads: guild.threads,
        },
        shard,
      );
    }
  }

  private resume(session: Session, resumedSession: string, lastSeq: number): void {
    const shard = Math.max(0, Number(/^fake-session-(\d+)$/.exec(resumedSession)?.[1] ?? 1) - 1);
    session.shard = shard;
    this.sessions.set(shard, session);
    // Discord replays what the client missed, then confirms with RESUMED.
    for (const event of this.log.filter((e) => e.shard === shard && e.s > lastSeq)) {
      this.send(session.socket, { op: 0, t: event.t, s: event.s, d: event.d });
    }
    session.live = true;
    this.dispatch('RESUMED', {}, shard);
  }

  private onRequest(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const url = new URL(req.url ?? '/', `http://127.0.0.1:${this.port}`);
      const receivedAt = performance.now();
      let read: { body: unknown; files: RecordedFile[] };
      try {
        read = await readBody(Buffer.concat(chunks), req.headers['content-type']);
      } catch {
        this.respond(res, 400, { message: 'fake Discord: unreadable body', code: 50109 });
        return;
      }
      const { body, files } = read;
      const request: RecordedRequest = {
        method: req.method ?? 'GET',
        path: decodeURIComponent(url.pathname.replace(/^\/api\/v10/, '')),
        query: url.searchParams,
        headers: req.headers,
        body,
        files,
        receivedAt,
      };
      this.requests.push(request);
      const failure = this.failures.find((f) => f.match(request));
      if (failure) {
        failure.times -= 1;
        if (failure.times === 0) this.failures.splice(this.failures.indexOf(failure), 1);
        if (failure.status !== HANG) this.respond(res, failure.status, failure.body);
      } else {
        this.route(request, res);
      }
      this.notify(this.requestWaiters, request);
      for (const listener of this.requestListeners) listener(request);
    });
  }

  private respond(res: ServerResponse, status: number, body?: unknown): void {
    if (body === undefined) {
      res.writeHead(status).end();
      return;
    }
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }

  private route(request: RecordedRequest, res: ServerResponse): void {
    const { method, path, body } = request;
    const channel = /^\/channels\/(\d+)\/messages$/.exec(path);
    const commands = /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/.exec(path);
    if (method === 'GET' && path === '/gateway/bot') {
      this.respond(res, 200, {
        url: this.gatewayUrl,
        shards: this.gateway.shards,
        session_start_limit: {
          total: 1000,
          remaining: 999,
          reset_after: 0,
          max_concurrency: this.gateway.maxConcurrency,
        },
      });
    } else if (method === 'POST' && /^\/interactions\/\d+\/[^/]+\/callback$/.test(path)) {
      this.respond(res, 204);
    } else if (/^\/webhooks\/\d+\/[^/]+\/messages\/@original$/.test(path)) {
      if (method === 'DELETE') this.respond(res, 204);
      else this.respond(res, 200, this.message(snowflake(), '0', body));
    } else if (method === 'POST' && /^\/webhooks\/\d+\/[^/]+$/.test(path)) {
      this.respond(res, 200, this.message(snowflake(), '0', body));
    } else if (method === 'POST' && path === '/users/@me/channels') {
      // Opening a DM with the user who wrote to the bot.
      this.respond(res, 200, { id: DM_CHANNEL_ID, type: 1, recipients: [USER], last_message_id: null });
    } else if (method === 'POST' && channel) {
      this.respond(res, 200, this.message(snowflake(), channel[1] as string, body));
    } else if (method === 'PUT' && commands) {
      const [, applicationId, guildId] = commands;
      const registered = (body as { name: string }[]).map((command) => ({
        ...command,
        // The same name keeps the same id, as Discord's bulk overwrite does.
        id: `19${[...command.name].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 1e15, 7)}`.padEnd(19, '0'),
        application_id: applicationId,
        version: '1',
        ...(guildId ? { guild_id: guildId } : {}),
      }));
      this.registered.set(guildId ?? 'global', registered);
      this.respond(res, 200, registered);
    } else {
      this.respond(res, 404, { message: `fake Discord: no route ${method} ${path}`, code: 0 });
    }
  }

  // biome-ignore lint/suspicious/noExplicitAny: echoes an arbitrary JSON body
  private message(id: string, channelId: string, body: any): unknown {
    return {
      id,
      channel_id: channelId,
      author: BOT_USER,
      content: body?.content ?? '',
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      // What was attached, as Discord lists it back.
      attachments: (body?.attachments ?? []).map(
        (a: { id: number | string; filename: string; description?: string }) => ({
          id: snowflake(),
          filename: a.filename,
          ...(a.description ? { description: a.description } : {}),
          size: 1,
          url: `https://cdn.fake.test/attachments/${a.filename}`,
          proxy_url: `https://media.fake.test/attachments/${a.filename}`,
          content_type: 'image/png',
        }),
      ),
      embeds: body?.embeds ?? [],
      components: body?.components ?? [],
      pinned: false,
      type: body?.message_reference ? 19 : 0,
      flags: body?.flags ?? 0,
    };
  }
}

// Payload builders: what Discord sends, trimmed to what the client needs, with room for overrides.

/** Where an interaction or message happens. */
export type Place = 'channel' | 'thread' | 'dm';

const channelIds: Record<Place, string> = { channel: CHANNEL_ID, thread: THREAD_ID, dm: DM_CHANNEL_ID };
const channelTypes: Record<Place, number> = { channel: 0, thread: 11, dm: 1 };

function channelObject(place: Place): Record<string, unknown> {
  if (place === 'dm') return { id: DM_CHANNEL_ID, type: 1, recipients: [USER] };
  if (place === 'thread') return { id: THREAD_ID, type: 11, guild_id: GUILD_ID, parent_id: CHANNEL_ID };
  return { id: CHANNEL_ID, type: 0, guild_id: GUILD_ID };
}

function interactionBase(
  type: number,
  place: Place,
  permissions = '0',
): Record<string, unknown> & {
  id: string;
  token: string;
} {
  const id = snowflake();
  const where =
    place === 'dm'
      ? { user: USER, context: 1 }
      : {
          guild_id: GUILD_ID,
          member: {
            user: USER,
            roles: [],
            permissions,
            joined_at: '2025-01-01T00:00:00.000Z',
            deaf: false,
            mute: false,
            flags: 0,
          },
          context: 0,
        };
  return {
    id,
    token: `token-${id}`,
    type,
    application_id: APPLICATION_ID,
    version: 1,
    locale: 'en-GB',
    app_permissions: '0',
    channel: channelObject(place),
    channel_id: channelIds[place],
    // Without these two, discord.js 14.28 throws while building the interaction.
    entitlements: [],
    authorizing_integration_owners: { '0': GUILD_ID },
    ...where,
  };
}

type OptionValue = string | boolean;

/** `/ai-news` data for a subcommand, or for "group subcommand" (type 2 wrapping type 1). */
function subcommandData(
  command: string,
  options: Record<string, OptionValue>,
  focused?: string,
): Record<string, unknown> {
  const [first = '', second] = command.split(' ');
  const subcommand = {
    type: 1,
    name: second ?? first,
    options: Object.entries(options).map(([name, value]) => ({
      name,
      type: typeof value === 'boolean' ? 5 : 3,
      value,
      ...(name === focused ? { focused: true } : {}),
    })),
  };
  return {
    id: '1300000000000000001',
    name: 'ai-news',
    type: 1,
    options: [second ? { type: 2, name: first, options: [subcommand] } : subcommand],
  };
}

/** An INTERACTION_CREATE for `/ai-news <subcommand> [options]` ("schedule add" for a grouped one). */
export function slashInteraction(
  subcommand: string,
  options: Record<string, OptionValue> = {},
  place: Place = 'channel',
  permissions = '0',
) {
  return { ...interactionBase(2, place, permissions), data: subcommandData(subcommand, options) };
}

/** An autocomplete interaction (type 4) while typing `option` of `/ai-news <subcommand>`. */
export function autocompleteInteraction(
  subcommand: string,
  option: string,
  typed: string,
  place: Place = 'channel',
) {
  return { ...interactionBase(4, place), data: subcommandData(subcommand, { [option]: typed }, option) };
}

/** A click (type 3) on a button with `customId` of a message the bot sent (flags 64 when it was ephemeral). */
export function buttonInteraction(customId: string, messageFlags = 0, place: Place = 'channel') {
  return {
    ...interactionBase(3, place),
    data: { custom_id: customId, component_type: 2 },
    message: {
      id: snowflake(),
      channel_id: channelIds[place],
      author: BOT_USER,
      content: '',
      timestamp: '2025-01-01T00:00:00.000Z',
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: [],
      components: [],
      pinned: false,
      type: 0,
      flags: messageFlags,
    },
  };
}

/** A MESSAGE_CREATE from `author` (the reader by default) in a channel, a thread or a DM. */
export function messageCreate(content: string, place: Place = 'channel', author: object = USER) {
  return {
    id: snowflake(),
    channel_id: channelIds[place],
    // discord.js builds an uncached DM channel only when it knows the channel type; Discord sends it.
    channel_type: channelTypes[place],
    ...(place === 'dm'
      ? {}
      : { guild_id: GUILD_ID, member: { roles: [], joined_at: '2025-01-01T00:00:00.000Z' } }),
    author,
    content,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: content.includes(`<@${BOT_USER_ID}>`) ? [BOT_USER] : [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    pinned: false,
    type: 0,
  };
}
