import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call the fake received: a Web API method, or a POST to a response_url. */
export interface FakeSlackCall {
  /** `chat.postMessage`, `auth.test` … or `response_url`. */
  method: string;
  /** Form fields with JSON values (blocks …) parsed, or the response_url's JSON body. */
  args: Record<string, unknown>;
  /** The bearer token the call was made with (Web API only). */
  token?: string;
  /** For response_url calls: the id in the path, naming the request that carried the URL. */
  responseId?: string;
  /** For uploads to an upload URL (`upload`): the bytes received. */
  data?: Buffer;
  /** performance.now() when the call was complete (for the benchmark). */
  at: number;
}

export interface FakeSlackWebApiOptions {
  botUserId?: string;
  botId?: string;
  /** Users users.info reports as workspace admins. */
  workspaceAdmins?: string[];
  /** The WebSocket URL `apps.connections.open` hands out (Socket Mode). */
  socketUrl?: () => string;
}

/**
 * How a response_url POST is answered instead of 200: an HTTP status, a status with a Retry-After
 * (seconds), `close` (the connection is closed without an answer) or `hang` (taken, never answered).
 */
export type ResponseUrlFault = number | { status: number; retryAfter?: number } | 'close' | 'hang';

/** What the fake does with a request: answer it, close its connection unanswered, or never answer. */
type Handling = {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  action?: 'close' | 'hang';
};

/** Identity of the fake bot, as auth.test reports it. */
export const FAKE_BOT = { userId: 'UBOT0001', botId: 'BBOT0001', teamId: 'T0000001' } as const;

/** A conversation as conversations.info reports it (the fields the bot reads). */
export interface FakeChannel {
  is_member: boolean;
  is_archived: boolean;
}

/**
 * A fake Slack Web API on 127.0.0.1: answers auth.test, chat.postMessage, chat.postEphemeral and
 * apps.connections.open like Slack, takes response_url POSTs at /respond/<id> and file uploads
 * (files.getUploadURLExternal, the bytes at /upload/<file id>, files.completeUploadExternal), and
 * records every call.
 */
export class FakeSlackWebApi {
  readonly calls: FakeSlackCall[] = [];
  /** Conversations the workspace has; conversations.info answers channel_not_found for others. */
  readonly channels = new Map<string, FakeChannel>([
    ['C0CHAN001', { is_member: true, is_archived: false }],
    ['C0DIGEST1', { is_member: true, is_archived: false }],
    ['C0NOTJOIN', { is_member: false, is_archived: false }],
    ['C0ARCHIVE', { is_member: true, is_archived: true }],
  ]);
  private server: Server | undefined;
  private waiters: { count: number; filter: (c: FakeSlackCall) => boolean; resolve: () => void }[] = [];
  private failures = new Map<string, { error: string; extra?: Record<string, unknown>; times: number }>();
  private hangs = new Map<string, number>();
  /** Requests taken and never answered (`hang`) whose connection the client still holds open. */
  private readonly hanging = new Set<IncomingMessage>();
  private nextFile = 1;
  private responseUrlFaults = new Map<string, ResponseUrlFault[]>();
  private nextTs = 1;

  constructor(private readonly options: FakeSlackWebApiOptions = {}) {}

  /** Starts listening on an ephemeral port of 127.0.0.1. */
  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.handle(req)
        .then(({ status, body, headers, action }) => {
          if (action === 'close') return void res.socket?.destroy();
          if (action === 'hang') {
            this.hanging.add(req);
            res.once('close', () => this.hanging.delete(req));
            return;
          }
          res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
        })
        .catch(() => res.writeHead(500).end());
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get origin(): string {
    const address = this.server?.address() as AddressInfo | null;
    if (!address) throw new Error('fake Slack Web API is not listening');
    return `http://127.0.0.1:${address.port}`;
  }

  /** The Web API base URL to give the app (SLACK_API_URL). */
  get apiUrl(): string {
    return `${this.origin}/api/`;
  }

  /** A response_url pointing at this fake; the id tells requests apart. */
  responseUrl(id: string): string {
    return `${this.origin}/respond/${encodeURIComponent(id)}`;
  }

  /** Makes the next POSTs to response_url `id` meet these faults (HTTP statuses …), one each, in order. */
  failResponseUrl(id: string, ...faults: ResponseUrlFault[]): void {
    this.responseUrlFaults.set(id, faults);
  }

  /**
   * Makes the next call (or `times` calls) of `method` fail with Slack's `{ ok: false, error }` (and
   * `extra`, e.g. `needed`).
   */
  failNext(method: string, error: string, extra?: Record<string, unknown>, times = 1): void {
    this.failures.set(method, { error, ...(extra ? { extra } : {}), times });
  }

  /** Makes the next `times` calls of `method` be taken and never answered (recorded all the same). */
  hangNext(method: string, times = 1): void {
    this.hangs.set(method, times);
  }

  /** Requests taken and never answered whose client has not given up on them (closed the connection). */
  get pendingHangs(): number {
    return this.hanging.size;
  }

  /** The files shared, as completed: each with its bytes, alt text, title, channel and thread. */
  get uploads(): {
    bytes: Buffer;
    altText: unknown;
    filename: unknown;
    title: unknown;
    channel: unknown;
    thread?: unknown;
  }[] {
    return this.calls
      .filter((c) => c.method === 'files.completeUploadExternal')
      .flatMap((complete) =>
        (complete.args.files as { id: string; title?: string }[]).map((file) => {
          const asked = this.calls.find(
            (c) => c.method === 'files.getUploadURLExternal' && c.args.__fileId === file.id,
          );
          const sent = this.calls.find((c) => c.method === 'upload' && c.args.fileId === file.id);
          return {
            bytes: sent?.data ?? Buffer.alloc(0),
            altText: asked?.args.alt_txt,
            filename: asked?.args.filename,
            title: file.title,
            channel: complete.args.channel_id,
            ...(complete.args.thread_ts ? { thread: complete.args.thread_ts } : {}),
          };
        }),
      );
  }

  /** Calls other than auth.test and apps.connections.open: what the bot said. */
  get posts(): FakeSlackCall[] {
    return this.calls.filter((c) => c.method !== 'auth.test' && c.method !== 'apps.connections.open');
  }

  /** Resolves once `count` calls matching `filter` have arrived; rejects after `timeoutMs`. */
  waitFor(
    count: number,
    filter: (c: FakeSlackCall) => boolean = () => true,
    timeoutMs = 10_000,
  ): Promise<void> {
    if (this.calls.filter(filter).length >= count) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`fake Slack saw ${this.calls.filter(filter).length} of ${count} expected calls`));
      }, timeoutMs);
      const waiter = {
        count,
        filter,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      this.waiters.push(waiter);
    });
  }

  /** Resolves once `count` posts (anything but auth.test / apps.connections.open) have arrived. */
  waitForPosts(count: number, timeoutMs?: number): Promise<void> {
    return this.waitFor(
      count,
      (c) => c.method !== 'auth.test' && c.method !== 'apps.connections.open',
      timeoutMs,
    );
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private record(call: FakeSlackCall): void {
    this.calls.push(call);
    for (const waiter of [...this.waiters]) {
      if (this.calls.filter(waiter.filter).length >= waiter.count) {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        waiter.resolve();
      }
    }
  }

  private async handle(req: IncomingMessage): Promise<Handling> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    const raw = bytes.toString('utf8');
    const url = new URL(req.url ?? '/', this.origin);
    const at = performance.now();

    // The upload URL files.getUploadURLExternal handed out: the file's bytes, as they are.
    const upload = /^\/upload\/([^/]+)$/.exec(url.pathname);
    if (upload && req.method === 'POST') {
      this.record({ method: 'upload', args: { fileId: upload[1] }, data: bytes, at });
      return { status: 200, body: { ok: true } };
    }

    const respond = /^\/respond\/([^/]+)$/.exec(url.pathname);
    if (respond && req.method === 'POST') {
      const responseId = decodeURIComponent(respond[1] ?? '');
      this.record({ method: 'response_url', responseId, args: JSON.parse(raw), at });
      const fault = this.responseUrlFaults.get(responseId)?.shift();
      if (fault === undefined) return { status: 200, body: { ok: true } };
      if (fault === 'close' || fault === 'hang') return { status: 0, body: null, action: fault };
      const { status, retryAfter } = typeof fault === 'number' ? { status: fault } : fault;
      return {
        status,
        body: { ok: false, error: 'injected_fault' },
        ...(retryAfter !== undefined ? { headers: { 'retry-after': String(retryAfter) } } : {}),
      };
    }

    const api = /^\/api\/([\w.]+)$/.exec(url.pathname);
    if (!api || req.method !== 'POST') return { status: 404, body: { ok: false, error: 'unknown_path' } };
    const method = api[1] ?? '';
    const args = parseForm(raw, req.headers['content-type']);
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    this.record({ method, args, ...(token ? { token } : {}), at });

    const hangs = this.hangs.get(method) ?? 0;
    if (hangs > 0) {
      this.hangs.set(method, hangs - 1);
      return { status: 0, body: null, action: 'hang' };
    }
    const failure = this.failures.get(method);
    if (failure) {
      if (--failure.times <= 0) this.failures.delete(method);
      return { status: 200, body: { ok: false, error: failure.error, ...failure.extra } };
    }
    const ts = `1700000000.${String(this.nextTs++).padStart(6, '0')}`;
    switch (method) {
      case 'auth.test':
        return {
          status: 200,
          body: {
            ok: true,
            url: 'https://fake.slack.test/',
            team: 'Fake',
            user: 'ai-news',
            team_id: FAKE_BOT.teamId,
            user_id: this.options.botUserId ?? FAKE_BOT.userId,
            bot_id: this.options.botId ?? FAKE_BOT.botId,
          },
        };
      case 'chat.postMessage':
        return { status: 200, body: { ok: true, channel: args.channel, ts, message: { ...args, ts } } };
      case 'chat.postEphemeral':
        return { status: 200, body: { ok: true, message_ts: ts } };
      case 'users.info': {
        const user = String(args.user);
        const isAdmin = (this.options.workspaceAdmins ?? []).includes(user);
        return { status: 200, body: { ok: true, user: { id: user, is_admin: isAdmin, is_owner: false } } };
      }
      case 'conversations.info': {
        const channel = this.channels.get(String(args.channel));
        return channel
          ? { status: 200, body: { ok: true, channel: { id: args.channel, ...channel } } }
          : { status: 200, body: { ok: false, error: 'channel_not_found' } };
      }
      case 'files.getUploadURLExternal': {
        const fileId = `F${String(this.nextFile++).padStart(8, '0')}`;
        // Remembered on the call, so the upload and its completion can be matched to it.
        args.__fileId = fileId;
        return {
          status: 200,
          body: { ok: true, upload_url: `${this.origin}/upload/${fileId}`, file_id: fileId },
        };
      }
      case 'files.completeUploadExternal': {
        const files = (args.files as { id: string; title?: string }[] | undefined) ?? [];
        const unknown = files.find(
          (f) => !this.calls.some((c) => c.method === 'upload' && c.args.fileId === f.id),
        );
        if (unknown) return { status: 200, body: { ok: false, error: 'file_not_found' } };
        return { status: 200, body: { ok: true, files: files.map((f) => ({ id: f.id, title: f.title })) } };
      }
      case 'apps.connections.open': {
        const socketUrl = this.options.socketUrl?.();
        return socketUrl
          ? { status: 200, body: { ok: true, url: socketUrl } }
          : { status: 200, body: { ok: false, error: 'not_allowed_token_type' } };
      }
      default:
        return { status: 200, body: { ok: false, error: 'unknown_method' } };
    }
  }
}

/** Fields the Web API client sends as JSON strings inside its form body. */
const JSON_FIELDS = new Set(['blocks', 'attachments', 'metadata', 'files']);

/** Parses the Web API client's form body; nested values (blocks …) arrive as JSON strings. */
function parseForm(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (contentType?.startsWith('application/json'))
    return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    args[key] = JSON_FIELDS.has(key) ? JSON.parse(value) : value;
  }
  return args;
}

/** Starts a fake Slack Web API on 127.0.0.1. */
export function startFakeSlackWebApi(options?: FakeSlackWebApiOptions): Promise<FakeSlackWebApi> {
  return new FakeSlackWebApi(options).start();
}
