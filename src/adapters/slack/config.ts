import { z } from 'zod';
import { optionalText, optionalUrl, type Pairing } from '../../core/env.ts';
import type { SharedSettings } from '../../core/platform.ts';

/** The variables the Slack platform reads. */
export const SlackEnvSchema = z.object({
  SLACK_BOT_TOKEN: optionalText.pipe(
    z.string().startsWith('xoxb-', 'expected a bot token starting with xoxb-').optional(),
  ),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText.pipe(
    z.string().startsWith('xapp-', 'expected an app-level token starting with xapp-').optional(),
  ),
  SLACK_API_URL: optionalUrl,
  SLACK_ADMIN_USER_IDS: optionalText.pipe(
    z
      .string()
      .regex(
        /^[A-Z0-9]+(\s*,\s*[A-Z0-9]+)*$/,
        'expected Slack user ids separated by commas, e.g. U012AB3CD,U045EF6GH',
      )
      .optional(),
  ),
});

export const SLACK_PAIRINGS: readonly Pairing[] = [
  ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET'],
  ['SLACK_SIGNING_SECRET', 'SLACK_BOT_TOKEN'],
  ['SLACK_APP_TOKEN', 'SLACK_BOT_TOKEN'],
];

/** The Slack settings: tokens, the HTTP port (unless Socket Mode), and extra admins. */
export interface SlackConfig {
  botToken: string;
  signingSecret: string;
  /** Socket Mode when set; HTTP on `port` otherwise. */
  appToken?: string;
  apiUrl?: string;
  port: number;
  /** Users who may manage schedules besides workspace admins and owners. */
  adminUserIds?: string[];
}

/** Slack is on exactly when its bot token and signing secret are set. */
export function toSlackConfig(
  values: Record<string, unknown>,
  shared: SharedSettings,
): { config?: SlackConfig } {
  const e = values as z.output<typeof SlackEnvSchema>;
  if (!e.SLACK_BOT_TOKEN || !e.SLACK_SIGNING_SECRET) return {};
  return {
    config: {
      botToken: e.SLACK_BOT_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      ...(e.SLACK_APP_TOKEN ? { appToken: e.SLACK_APP_TOKEN } : {}),
      ...(e.SLACK_API_URL ? { apiUrl: e.SLACK_API_URL } : {}),
      port: shared.httpPort ?? 3000,
      adminUserIds: (e.SLACK_ADMIN_USER_IDS ?? '')
        .split(',')
        .map((id) => id.trim())
        .filter(Boolean),
    },
  };
}
