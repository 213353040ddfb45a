import type { ServerResponse } from 'node:http';
import {
  type Logger as BoltLogger,
  ExpressReceiver,
  LogLevel,
  SocketModeReceiver,
  type webApi,
} from '@slack/bolt';
import { Router } from 'express';
import type { Logger } from '../../core/logger.ts';
import type { SlackConfig } from './config.ts';

/** The one path Slack posts slash commands, events and interactivity to (see slack-manifest.yaml). */
export const SLACK_EVENTS_PATH = '/slack/events';

/** How far ahead of this clock a signed request's timestamp may be: Slack's own five minutes. */
const MAX_CLOCK_SKEW_MS = 5 * 60_000;

/** Bolt logs through the bot's logger (JSON, secrets redacted); the level is LOG_LEVEL's, not Bolt's. */
export function toBoltLogger(log: Logger): BoltLogger {
  const line = (msg: unknown[]) => msg.map((m) => (typeof m === 'string' ? m : String(m))).join(' ');
  const levels: Record<string, LogLevel> = {
    trace: LogLevel.DEBUG,
    debug: LogLevel.DEBUG,
    info: LogLevel.INFO,
  };
  return {
    debug: (...msg: unknown[]) => log.debug(line(msg)),
    info: (...msg: unknown[]) => log.info(line(msg)),
    warn: (...msg: unknown[]) => log.warn(line(msg)),
    error: (...msg: unknown[]) => log.error(line(msg)),
    getLevel: () => levels[log.level] ?? (log.level === 'warn' ? LogLevel.WARN : LogLevel.ERROR),
    setLevel: () => {},
    setName: () => {},
  };
}

/**
 * HTTP mode: everything at /slack/events, signatures always verified. ExpressReceiver rather than
 * Bolt's default HTTPReceiver: that one reads `body.ssl_check` outside its try, so a correctly signed
 * JSON `null` body becomes an unhandled rejection and ends the process.
 */
export function createHttpReceiver(config: SlackConfig, log: Logger): ExpressReceiver {
  // Bolt refuses a signature over five minutes old but not one from the future: a request stamped
  // ahead (a replay prepared in advance) is refused here, before Bolt reads it.
  const router = Router();
  router.use(SLACK_EVENTS_PATH, (request, response, next) => {
    const stamp = Number(request.headers['x-slack-request-timestamp']);
    if (Number.isFinite(stamp) && stamp * 1000 - Date.now() > MAX_CLOCK_SKEW_MS) {
      log.warn(
        { ahead: Math.round(stamp - Date.now() / 1000) },
        'Slack request stamped in the future refused',
      );
      response.writeHead(401).end();
      return;
    }
    next();
  });
  const receiver = new ExpressReceiver({
    router,
    signingSecret: config.signingSecret,
    // Never turned off: an unsigned, stale or tampered request gets 401 and reaches no listener.
    signatureVerification: true,
    endpoints: SLACK_EVENTS_PATH,
    logger: toBoltLogger(log),
    // Ack first: the HTTP 200 goes out as soon as a listener acks, before the answer is worked out.
    processBeforeResponse: false,
    // Bolt throws on signed bodies that are JSON but not a Slack payload (null, wrong types).
    processEventErrorHandler: async ({ error, response }) => {
      log.warn({ err: error }, 'malformed Slack payload rejected');
      if (response.headersSent) return false;
      response.writeHead(400).end();
      return true;
    },
    // Every listener of ours acknowledges at once: a request none has taken after half a second never
    // will be, and waiting Bolt's default three seconds only holds the connection.
    unhandledRequestTimeoutMillis: 500,
    // A signed payload of a kind no listener takes (not a command, event or action of ours).
    unhandledRequestHandler: ({ response }) => {
      log.warn('request to the Slack endpoint was not acknowledged by any listener');
      if (!response.headersSent) response.writeHead(404).end();
    },
  });
  receiver.app.disable('x-powered-by');
  // Last resort for anything thrown in the HTTP layer: a bare 400, never Express's HTML stack trace.
  receiver.app.use((error: unknown, _req: unknown, res: ServerResponse, _next: unknown) => {
    log.warn({ err: error }, 'Slack request failed in the HTTP layer');
    if (!res.headersSent) res.writeHead(400).end();
  });
  return receiver;
}

/** Socket Mode: the app opens a WebSocket to Slack with the app-level token; no public URL needed. */
export function createSocketReceiver(
  config: SlackConfig & { appToken: string },
  clientOptions: webApi.WebClientOptions,
  log: Logger,
): SocketModeReceiver {
  const receiver = new SocketModeReceiver({
    appToken: config.appToken,
    logger: toBoltLogger(log),
    // A copy: the Socket Mode client writes its own defaults into the options it is given.
    installerOptions: { clientOptions: { ...clientOptions } },
    processEventErrorHandler: async ({ error, event }) => {
      log.warn({ err: error, type: event.body?.type }, 'malformed Slack payload ignored');
      // Acknowledged, so Slack does not redeliver a payload that can never be handled.
      return true;
    },
  });
  const { client } = receiver;
  // The one shim over an SDK internal. The Socket Mode client handles each frame in an async listener
  // whose rejections nobody catches: an envelope without `payload.event` (only a faulty server sends
  // one) would end the process. Each frame listener is wrapped so its rejection is logged instead.
  for (const listener of client.listeners('ws_message')) {
    client.removeListener('ws_message', listener as (...args: unknown[]) => void);
    client.on('ws_message', (...args: unknown[]) => {
      Promise.resolve(listener.apply(client, args)).catch((error: unknown) => {
        log.warn({ err: error }, 'malformed Socket Mode frame ignored');
      });
    });
  }
  return receiver;
}
