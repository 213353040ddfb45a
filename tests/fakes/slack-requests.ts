import { createHmac } from 'node:crypto';
import { connect } from 'node:net';

/** The signing secret the test apps are configured with. */
export const TEST_SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';
export const TEST_USER = 'U0USER001';
export const TEST_CHANNEL = 'C0CHAN001';

/** Slack's request signature: `v0=` + HMAC-SHA256(secret, `v0:<timestamp>:<raw body>`), hex. */
export function slackSignature(secret: string, timestamp: number | string, rawBody: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
}

/** A request body as Slack sends it: form-encoded (commands, interactivity) or JSON (events). */
export interface SlackRequestBody {
  raw: string;
  contentType: 'application/x-www-form-urlencoded' | 'application/json';
}

export interface SignOptions {
  secret?: string;
  /** Seconds since the epoch; now by default. */
  timestamp?: number;
  /** Sent instead of the correct signature (forgeries). */
  signature?: string | null;
  /** Sent instead of the signed body (tampering after signing). */
  sentBody?: string;
}

/** POSTs a body signed like Slack does to the app's /slack/events; returns status and body text. */
export async function postSigned(
  url: string,
  body: SlackRequestBody,
  options: SignOptions = {},
): Promise<{ status: number; text: string }> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const signature =
    options.signature === undefined
      ? slackSignature(options.secret ?? TEST_SIGNING_SECRET, timestamp, body.raw)
      : options.signature;
  const headers: Record<string, string> = {
    'content-type': body.contentType,
    'x-slack-request-timestamp': String(timestamp),
  };
  if (signature !== null) headers['x-slack-signature'] = signature;
  const response = await fetch(url, { method: 'POST', headers, body: options.sentBody ?? body.raw });
  return { status: response.status, text: await response.text() };
}

/** The fields of a slash command payload (https://docs.slack.dev/interactivity/implementing-slash-commands). */
export function slashCommandPayload(
  text: string,
  responseUrl: string,
  overrides: Record<string, string> = {},
): Record<string, string> {
  return {
    token: 'verification-token-unused',
    team_id: 'T0000001',
    team_domain: 'fake',
    channel_id: TEST_CHANNEL,
    channel_name: 'general',
    user_id: TEST_USER,
    user_name: 'ada',
    command: '/ai-news',
    text,
    api_app_id: 'A0000001',
    is_enterprise_install: 'false',
    response_url: responseUrl,
    trigger_id: '1.2.3',
    ...overrides,
  };
}

/** A slash command as the HTTP request body Slack posts. */
export function slashCommandBody(fields: Record<string, string>): SlackRequestBody {
  return { raw: new URLSearchParams(fields).toString(), contentType: 'application/x-www-form-urlencoded' };
}

let eventCounter = 0;

/** An Events API `event_callback` envelope around `event`. */
export function eventCallback(
  event: Record<string, unknown>,
  eventId = `Ev${++eventCounter}`,
): Record<string, unknown> {
  return {
    token: 'verification-token-unused',
    team_id: 'T0000001',
    api_app_id: 'A0000001',
    event,
    type: 'event_callback',
    event_id: eventId,
    event_time: 1_700_000_000,
    authorizations: [{ team_id: 'T0000001', user_id: 'UBOT0001', is_bot: true }],
  };
}

/** An event as the HTTP request body Slack posts. */
export function eventBody(envelope: unknown): SlackRequestBody {
  return { raw: JSON.stringify(envelope), contentType: 'application/json' };
}

/** An `app_mention` event. */
export function appMention(text: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'app_mention',
    user: TEST_USER,
    text,
    ts: '1700000100.000100',
    channel: TEST_CHANNEL,
    event_ts: '1700000100.000100',
    ...extra,
  };
}

/** A `message` event in a DM with the bot (`message.im`). */
export function directMessage(text: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'message',
    channel_type: 'im',
    user: TEST_USER,
    text,
    ts: '1700000200.000200',
    channel: 'D0DIRECT01',
    event_ts: '1700000200.000200',
    ...extra,
  };
}

/** A `block_actions` payload for a click on a suggestion button carrying `question`. */
export function suggestionClick(
  question: string,
  responseUrl: string,
  container: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    type: 'block_actions',
    user: { id: TEST_USER, username: 'ada', name: 'ada', team_id: 'T0000001' },
    api_app_id: 'A0000001',
    token: 'verification-token-unused',
    container: {
      type: 'message',
      message_ts: '1700000300.000300',
      channel_id: TEST_CHANNEL,
      is_ephemeral: false,
      ...container,
    },
    trigger_id: '1.2.3',
    team: { id: 'T0000001', domain: 'fake' },
    channel: { id: TEST_CHANNEL, name: 'general' },
    message: {
      type: 'message',
      ts: '1700000300.000300',
      text: 'answer',
      user: 'UBOT0001',
      bot_id: 'BBOT0001',
    },
    response_url: responseUrl,
    actions: [
      {
        action_id: 'ai-news-suggestion-0',
        block_id: 'ai-news-suggestions',
        text: { type: 'plain_text', text: question, emoji: true },
        value: question,
        type: 'button',
        action_ts: '1700000301.000000',
      },
    ],
  };
}

/** An interactivity payload as the HTTP request body Slack posts (form field `payload`). */
export function interactionBody(payload: unknown): SlackRequestBody {
  return {
    raw: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
    contentType: 'application/x-www-form-urlencoded',
  };
}

/** Opens a raw connection and sends a signed request's head and the first half of its body. */
export async function halfSentRequest(port: number, raw: string) {
  const timestamp = Math.floor(Date.now() / 1000);
  const socket = connect(port, '127.0.0.1');
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  let received = '';
  socket.on('data', (chunk: Buffer) => {
    received += chunk.toString();
  });
  const ended = new Promise<'end' | string>((resolve) => {
    socket.once('end', () => resolve('end'));
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
  });
  const half = Math.floor(raw.length / 2);
  socket.write(
    [
      'POST /slack/events HTTP/1.1',
      `Host: 127.0.0.1:${port}`,
      'Connection: keep-alive',
      'Content-Type: application/x-www-form-urlencoded',
      `Content-Length: ${Buffer.byteLength(raw)}`,
      `X-Slack-Request-Timestamp: ${timestamp}`,
      `X-Slack-Signature: ${slackSignature(TEST_SIGNING_SECRET, timestamp, raw)}`,
      '',
      raw.slice(0, half),
    ].join('\r\n'),
  );
  return { socket, rest: raw.slice(half), received: () => received, ended };
}
