import { withEndpoint } from '../../../src/adapters/discord/combined.ts';
import {
  createInteractionsEndpoint,
  DISCORD_INTERACTIONS_PATH,
  type InteractionsEndpoint,
} from '../../../src/adapters/discord/interactions-endpoint.ts';
import type { Dispatcher } from '../../../src/core/dispatcher.ts';
import { SharedHttpServer } from '../../../src/core/http-server.ts';
import type { Logger } from '../../../src/core/logger.ts';
import type { Platform } from '../../../src/core/platform.ts';
import { APPLICATION_ID, FakeDiscord } from '../../fakes/discord-fake.ts';
import {
  type EndpointAnswer,
  postInteraction,
  type TestKeyPair,
  testKeyPair,
} from '../../fakes/discord-interactions.ts';
import { capturingLogger, type LogLine } from './discord-harness.ts';

/** The interactions endpoint on 127.0.0.1, its webhooks pointed at a fake Discord. */
export interface EndpointHarness {
  fake: FakeDiscord;
  keys: TestKeyPair;
  endpoint: InteractionsEndpoint;
  /** Discord as the bot runs it with DISCORD_PUBLIC_KEY and DISCORD_CLIENT_ID alone. */
  platform: Platform;
  http: SharedHttpServer;
  url: string;
  logs: LogLine[];
  /** POSTs a signed interaction (headers override the signed ones). */
  post(payload: unknown, headers?: Record<string, string>): Promise<EndpointAnswer>;
  close(): Promise<void>;
}

export async function startEndpoint(
  dispatcher: Dispatcher | ((logger: Logger) => Dispatcher),
  options: { deferAfterMs?: number; gateway?: Platform; http?: SharedHttpServer; fake?: FakeDiscord } = {},
): Promise<EndpointHarness> {
  const fake = options.fake ?? (await FakeDiscord.start());
  const keys = testKeyPair();
  const { logger, logs } = capturingLogger();
  const http = options.http ?? new SharedHttpServer(0, '127.0.0.1');
  const endpoint = createInteractionsEndpoint({
    config: { publicKey: keys.publicKeyHex, clientId: APPLICATION_ID, apiUrl: fake.apiUrl },
    dispatcher: typeof dispatcher === 'function' ? dispatcher(logger) : dispatcher,
    logger,
    http,
    ...(options.deferAfterMs !== undefined ? { deferAfterMs: options.deferAfterMs } : {}),
  });
  const platform = withEndpoint(endpoint, options.gateway);
  await endpoint.start();
  const url = `http://127.0.0.1:${endpoint.port}${DISCORD_INTERACTIONS_PATH}`;
  return {
    fake,
    keys,
    endpoint,
    platform,
    http,
    url,
    logs,
    post: (payload, headers) => postInteraction(url, keys, payload, headers),
    async close() {
      await Promise.race([platform.stop(), new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
      if (!options.fake) await fake.close();
    },
  };
}
