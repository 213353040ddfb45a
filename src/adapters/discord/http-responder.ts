import type { ServerResponse } from 'node:http';
import { type Agent, request } from 'undici';
import { deliver, tryAnswerOf } from '../../core/delivery.ts';
import type { Responder } from '../../core/dispatcher.ts';
import type { Invocation } from '../../core/invocation.ts';
import type { Reply } from '../../core/reply.ts';
import { attachmentEntries, type DiscordFile, type DiscordMessage, renderReply } from './render.ts';

/** Interaction callback types: PONG, a message, a deferred message, autocomplete choices. */
export const CallbackType = { Pong: 1, Message: 4, Deferred: 5, Choices: 8 } as const;

/** The ephemeral message flag: only the person who asked sees it. */
export const EPHEMERAL = 64;

/** What a message body of the API looks like: never a mention that notifies anyone. */
export function messageData(message: DiscordMessage): Record<string, unknown> {
  return {
    embeds: message.embeds,
    components: message.components,
    allowed_mentions: { parse: [] },
    ...(message.ephemeral ? { flags: EPHEMERAL } : {}),
  };
}

/**
 * Writes a JSON answer and resolves once it has gone out; rejects when the connection closed first
 * (Discord gave up waiting), so a lost reply is counted as lost.
 */
export function sendJson(response: ServerResponse, status: number, body: unknown): Promise<void> {
  return new Promise((resolve, reject) => {
    if (response.headersSent || response.destroyed)
      return reject(new Error('the interaction’s HTTP request was already answered or closed'));
    // 'close' comes once the response is done: after it went out, or alone when the connection closed first.
    response.once('close', () => {
      if (response.writableFinished) resolve();
      else reject(new Error('Discord closed the connection before the answer'));
    });
    // Encoded once, and sent after the headers as it is (a string would be joined to them first).
    const bytes = Buffer.from(JSON.stringify(body));
    response.writeHead(status, ['content-type', 'application/json', 'content-length', String(bytes.length)]);
    response.end(bytes);
  });
}

/**
 * A message with its pictures as Discord takes it: the JSON in `payload_json`, naming each attachment
 * (with its alt text), and each file as `files[<id>]`. A fresh form for every try: a body is read once.
 */
function multipart(body: Record<string, unknown>, files: DiscordFile[]): FormData {
  const form = new FormData();
  form.append('payload_json', JSON.stringify({ ...body, attachments: attachmentEntries(files) }));
  files.forEach((file, id) => {
    form.append(`files[${id}]`, new Blob([file.data], { type: 'image/png' }), file.name);
  });
  return form;
}

/** How long one webhook call (finishing a deferred answer) may take. */
const WEBHOOK_TIMEOUT_MS = 10_000;

/** The interaction's webhook: the message the deferred response left, and follow-ups. */
export interface InteractionWebhook {
  edit(body: Record<string, unknown>, files?: DiscordFile[]): Promise<void>;
  remove(): Promise<void>;
  followUp(body: Record<string, unknown>, files?: DiscordFile[]): Promise<void>;
}

/** `/webhooks/{application id}/{token}` on the API base (Discord's, or DISCORD_API_URL). */
export function interactionWebhook(
  agent: Agent,
  apiBase: string,
  applicationId: string,
  token: string,
  /** Told before each retry of a call Discord did not take. */
  onRetry?: () => void,
): InteractionWebhook {
  const base = `${apiBase.replace(/\/+$/, '')}/v10/webhooks/${applicationId}/${encodeURIComponent(token)}`;
  /**
   * One call, with the bot's delivery policy: retried when Discord did not take it; after a timeout
   * only an edit or a removal is tried again (the same result twice), never a follow-up, which could
   * post twice.
   */
  async function call(
    method: 'PATCH' | 'DELETE' | 'POST',
    path: string,
    body?: Record<string, unknown>,
    files: DiscordFile[] = [],
  ): Promise<void> {
    await deliver(
      async (signal) =>
        tryAnswerOf(
          await request(base + path, {
            method,
            dispatcher: agent,
            signal,
            ...(body === undefined
              ? {}
              : files.length > 0
                ? { body: multipart(body, files) }
                : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
          }),
        ),
      {
        // The URL holds the interaction's token: never in a message that may be logged.
        what: `Discord's interaction webhook (${method})`,
        timeoutMs: WEBHOOK_TIMEOUT_MS,
        retryAfterTimeout: method !== 'POST',
        ...(onRetry ? { onRetry: () => onRetry() } : {}),
      },
    );
  }
  return {
    edit: (body, files) => call('PATCH', '/messages/@original', body, files),
    remove: () => call('DELETE', '/messages/@original'),
    followUp: (body, files) => call('POST', '', body, files),
  };
}

/** What an endpoint's interactions share for their webhooks: the pool, the API base, the retry hook. */
export interface WebhookContext {
  agent: Agent;
  apiBase: string;
  /** Told before each retry of a call Discord did not take. */
  onRetry?: () => void;
}

/**
 * Answers an interaction in its HTTP response: the answer itself (type 4) when quick, else a deferred
 * response (type 5) and the answer PATCHed onto the message it left. A private answer after a public
 * deferral replaces it with a private follow-up, as the gateway responder does. One object per
 * interaction, with no closures of its own; the webhook is made only when an answer goes through it.
 */
export class HttpResponder implements Responder {
  private responded = false;
  private deferred = false;
  private deferredPrivately = false;
  private edited = false;
  private hook: InteractionWebhook | undefined;

  constructor(
    private readonly response: ServerResponse,
    private readonly context: WebhookContext,
    private readonly interaction: { application_id: string; token: string },
    private readonly invocation: Pick<Invocation, 'user'> | undefined,
    readonly deferAfterMs: number,
    /** When Discord's request reached the bot: its 3 s count from then (see Responder.receivedAt). */
    readonly receivedAt?: number,
  ) {}

  private get webhook(): InteractionWebhook {
    const { agent, apiBase, onRetry } = this.context;
    this.hook ??= interactionWebhook(
      agent,
      apiBase,
      this.interaction.application_id,
      this.interaction.token,
      onRetry,
    );
    return this.hook;
  }

  private respond(body: unknown): Promise<void> {
    return sendJson(this.response, 200, body);
  }

  async defer(privately: boolean): Promise<void> {
    this.responded = this.deferred = true;
    this.deferredPrivately = privately;
    await this.respond({ type: CallbackType.Deferred, data: privately ? { flags: EPHEMERAL } : {} });
  }

  async reply(reply: Reply): Promise<void> {
    const message = renderReply(reply);
    const { files } = message;
    if (!this.responded) {
      this.responded = true;
      if (files.length === 0) {
        await this.respond({ type: CallbackType.Message, data: messageData(message) });
        return;
      }
      // A picture cannot go in the HTTP response's JSON: the response defers (with the answer's
      // visibility), and the answer and its picture are edited in through the webhook.
      this.deferred = true;
      this.deferredPrivately = message.ephemeral;
      await this.respond({
        type: CallbackType.Deferred,
        data: message.ephemeral ? { flags: EPHEMERAL } : {},
      });
    }
    if (this.deferred && !this.edited) {
      this.edited = true;
      if (message.ephemeral && !this.deferredPrivately) {
        await this.webhook.remove();
        await this.webhook.followUp(messageData(message), files);
      } else await this.webhook.edit(messageData({ ...message, ephemeral: false }), files);
      return;
    }
    await this.webhook.followUp(messageData(message), files);
  }

  // Interactions carry the member's permissions, read into the invocation.
  async isAdmin(): Promise<boolean> {
    return this.invocation?.user.isAdmin === true;
  }
}
