import type { PlatformModule } from '../../core/platform.ts';
import { SLACK_PAIRINGS, type SlackConfig, SlackEnvSchema, toSlackConfig } from './config.ts';

/** Slack: `/ai-news`, @-mentions, DMs and buttons, over HTTP (Events API) or Socket Mode. */
export const slackModule = {
  id: 'slack' as const,
  traits: {
    id: 'slack',
    tenantNoun: 'workspace',
    whoIsAdmin: 'workspace admins and owners, and the users listed in SLACK_ADMIN_USER_IDS',
  },
  configSchema: SlackEnvSchema,
  pairings: SLACK_PAIRINGS,
  toConfig: toSlackConfig,
  // HTTP mode receives Slack's requests on PORT; Socket Mode listens on nothing.
  listensOnHttpPort: (config) => config.appToken === undefined,
  async create(context) {
    // The SDK is loaded only here: a bot without Slack never imports Bolt.
    const { createSlackAdapter } = await import('./app.ts');
    return createSlackAdapter({
      config: context.config,
      dispatcher: context.dispatcher,
      logger: context.logger,
      ...(context.http ? { http: context.http } : {}),
      ...(context.onReconnect ? { onReconnect: context.onReconnect } : {}),
      onReplyRetry: (source) =>
        context.metrics.replies.inc({ platform: 'slack', source, outcome: 'retried' }),
    });
  },
} satisfies PlatformModule<SlackConfig>;
