import type { KeyObject } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DeclineReason, Dispatcher, Responder } from '../../core/dispatcher.ts';
import { arrivalOf, type SharedHttpServer } from '../../core/http-server.ts';
import type { Invocation } from '../../core/invocation.ts';
import type { Logger } from '../../core/logger.ts';
import { checkInteractionPayload } from './gateway-guard.ts';
import { CallbackType, HttpResponder, sendJson, type WebhookContext } from './http-responder.ts';
import { buttonOf, type RawInteraction, slashOf } from './raw-interaction.ts';
import { renderAutocompleteChoices } from './render.ts';
import { createRestAgent } from './rest-agent.ts';
import { checkSignature, publicKeyFromHex } from './signature.ts';
import { buttonToInvocation, slashToInvocation, toAutocompleteRequest } from './to-invocation.ts';

/** The path Discord POSTs interactions to: the Interactions Endpoint URL ends with it. */
export const DISCORD_INTERACTIONS_PATH = '/discord/interactions';

/** The largest body accepted: an interaction is a few kilobytes. */
export const MAX_BODY_BYTES = 64 * 1024;

const DEFAULT_API = 'https://discord.com/api';

export interface InteractionsEndpointOptions {
  config: { publicKey: string; clientId: string; apiUrl?: string };
  dispatcher: Dispatcher;
  logger: Logger;
  /** The bot's shared HTTP server (PORT), also Slack's when both run. */
  http: SharedHttpServer;
  /** How long a command may run before its response is deferred: Discord waits 3 s for the response. */
  deferAfterMs?: number;
  /** Told before each retry of a webhook call Discord did not take. */
  onReplyRetry?: () => void;
}

/** The endpoint, as a part of the Discord platform. */
export interface InteractionsEndpoint {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** True while it listens. */
  isListening(): boolean;
  /** The port it listens on, once started. */
  readonly port: number | undefined;
}

type Refusal = [status: number, error: string];

/**
 * POST /discord/interactions: Discord's Interactions Endpoint URL. Every request is checked (size,
 * type, Ed25519 signature, JSON), then answered in its own HTTP response through the dispatcher:
 * commands and buttons with a message (type 4, or deferred with type 5 and finished through the
 * interaction's webhook), autocomplete with choices (type 8), a PING with a PONG.
 */
export function createInteractionsEndpoint({
  config,
  dispatcher,
  logger,
  http,
  deferAfterMs = 2500,
  onReplyRetry,
}: InteractionsEndpointOptions): InteractionsEndpoint {
  const log = logger.child({ platform: 'discord', door: 'http' });
  const key: KeyObject = publicKeyFromHex(config.publicKey);
  const apiBase = config.apiUrl ?? DEFAULT_API;
  // Shared by every interaction's responder: nothing of it is made again per request.
  const webhooks: WebhookContext = {
    // Deferred answers go out over a bounded pool of kept-alive connections, as the gateway's replies
    // do; made again when the endpoint starts again after a stop, which closes it.
    agent: createRestAgent(),
    apiBase,
    onRetry: () => {
      log.warn('Discord did not take a call to an interaction’s webhook; retrying');
      onReplyRetry?.();
    },
  };
  let listening = false;
  let stopping = false;

  function refuse(response: ServerResponse, [status, error]: Refusal): void {
    if (response.headersSent) return;
    sendJson(response, status, { error }).catch(() => {});
  }

  function handle(request: IncomingMessage, response: ServerResponse): void {
    if (request.method !== 'POST') {
      response.setHeader('allow', 'POST');
      return void refuse(response, [405, 'Discord interactions are POSTed here']);
    }
    if (!/^application\/json\s*(;|$)/i.test(request.headers['content-type'] ?? ''))
      return void refuse(response, [415, 'expected content-type: application/json']);
    const tooLarge: Refusal = [413, `the body is over ${MAX_BODY_BYTES / 1024} KB`];
    if (Number(request.headers['content-length']) > MAX_BODY_BYTES) {
      response.setHeader('connection', 'close');
      request.resume();
      return void refuse(response, tooLarge);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
      else if (!response.headersSent) {
        // Too large, with no length given (chunked): refused at once, and the connection closed once
        // the refusal is out, rather than read to the end of whatever the sender keeps sending.
        response.setHeader('connection', 'close');
        refuse(response, tooLarge);
        response.once('finish', () => request.destroy());
      }
    });
    request.on('error', () => {}); // the caller hung up: nothing to answer
    request.on('end', () => {
      if (size > MAX_BODY_BYTES) return;
      const body = Buffer.concat(chunks, size);
      const problem = checkSignature(
        key,
        request.headers['x-signature-ed25519'],
        request.headers['x-signature-timestamp'],
        body,
      );
      if (problem) {
        log.warn({ problem }, 'Discord interaction refused: signature');
        return void refuse(response, [401, 'invalid request signature']);
      }
      let payload: unknown;
      try {
        payload = JSON.parse(body.toString('utf8'));
      } catch {
        return void refuse(response, [400, 'the body is not JSON']);
      }
      try {
        answer(payload, response, arrivalOf(request));
      } catch (error) {
        log.error({ err: error }, 'Discord interaction failed');
        refuse(response, [500, 'the interaction could not be handled']);
      }
    });
  }

  function answer(payload: unknown, response: ServerResponse, receivedAt: number): void {
    if ((payload as { type?: unknown } | null)?.type === CallbackType.Pong) {
      void sendJson(response, 200, { type: CallbackType.Pong }).catch(() => {});
      return;
    }
    const check = checkInteractionPayload(payload);
    if (!check.ok) {
      log.warn({ id: check.id, problems: check.problems }, 'malformed Discord interaction refused');
      return void refuse(response, [400, `not an interaction: ${check.problems.join('; ')}`.slice(0, 300)]);
    }
    const raw = payload as RawInteraction;
    if (raw.type === 4) return void complete(raw, response);
    const asked = stopping ? 'stopping' : invocationOf(raw);
    if (typeof asked === 'string')
      return void dispatcher.decline('discord', responderOf(response, raw), asked);
    void dispatcher.dispatch(asked, responderOf(response, raw, asked, receivedAt));
  }

  /** What a command or a button asks, or why it cannot be answered. */
  function invocationOf(raw: RawInteraction): Invocation | DeclineReason {
    if (raw.type === 2) {
      if (raw.data?.name !== dispatcher.commandName || raw.data?.type !== 1) return 'unknown-command';
      return slashToInvocation(slashOf(raw));
    }
    if (raw.type === 3) {
      // A button's answer is a new message (type 4), never an edit of the message clicked.
      const invocation = raw.data?.component_type === 2 ? buttonToInvocation(buttonOf(raw)) : undefined;
      return invocation ?? 'stale-button';
    }
    // A modal, or a type Discord added later: told plainly, never left unanswered.
    return 'unreadable';
  }

  function responderOf(
    response: ServerResponse,
    raw: RawInteraction,
    invocation?: Invocation,
    receivedAt?: number,
  ): Responder {
    return new HttpResponder(response, webhooks, raw, invocation, deferAfterMs, receivedAt);
  }

  async function complete(raw: RawInteraction, response: ServerResponse): Promise<void> {
    let values: string[] = [];
    try {
      const interaction = slashOf(raw);
      const request = toAutocompleteRequest(interaction);
      if (request && raw.data?.name === dispatcher.commandName)
        values = await dispatcher.complete({
          platform: 'discord',
          ...request,
          ...(interaction.guildId ? { scope: interaction.guildId } : {}),
          ...(interaction.channelId ? { channelId: interaction.channelId } : {}),
        });
    } catch (error) {
      // An option this code cannot read still gets an answer: no choices, rather than none at all.
      log.warn({ err: error, interactionId: raw.id }, 'autocomplete request not understood');
    }
    const data = { choices: renderAutocompleteChoices(values) };
    await sendJson(response, 200, { type: CallbackType.Choices, data }).catch((error: unknown) =>
      log.warn({ err: error, interactionId: raw.id }, 'autocomplete choices not delivered'),
    );
  }

  http.route(DISCORD_INTERACTIONS_PATH, handle);

  return {
    get port() {
      return listening ? http.boundTo : undefined;
    },
    async start() {
      if (webhooks.agent.closed || webhooks.agent.destroyed) webhooks.agent = createRestAgent();
      const port = await http.open();
      listening = true;
      // Started again after a stop: interactions are answered again, not told to ask again.
      stopping = false;
      log.info({ port, path: DISCORD_INTERACTIONS_PATH }, 'Discord interactions endpoint listening');
    },
    async stop() {
      if (!listening) return;
      // Interactions arriving now are told to ask again; those under way are answered first.
      stopping = true;
      await dispatcher.drain('discord');
      listening = false;
      const cut = await http.release();
      if (cut > 0) log.warn({ requests: cut }, 'Discord interactions still open at shutdown were cut off');
      await webhooks.agent.close().catch(() => {});
    },
    isListening: () => listening,
  };
}
