import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SLACK_EVENTS_PATH } from '../../../src/adapters/slack/app.ts';

const manifest = readFileSync(new URL('../../../slack-manifest.yaml', import.meta.url), 'utf8');
/** The manifest without comments, so that only real settings count. */
const settings = manifest.replace(/^[ \t]*#.*\n/gm, '').replace(/[ \t]+#.*$/gm, '');

/** The items of the YAML list under `key` (two-space indented `- item` lines). */
function listUnder(key: string): string[] {
  const match = new RegExp(`^(\\s*)${key}:\\n((?:\\1\\s+- .*\\n?)+)`, 'm').exec(settings);
  return (match?.[2] ?? '')
    .split('\n')
    .map((line) => line.replace(/^\s*- /, '').trim())
    .filter(Boolean);
}

describe('slack-manifest.yaml', () => {
  it('declares /ai-news, posting to the path the adapter listens on, with channels and users as ids', () => {
    expect(settings).toMatch(/- command: \/ai-news\n\s+url: https:\/\/YOUR-HOST\/slack\/events\n/);
    expect(settings).toMatch(/should_escape: true/);
    expect(SLACK_EVENTS_PATH).toBe('/slack/events');
  });

  it('subscribes to mentions and direct messages, with exactly the scopes the adapter uses', () => {
    expect(listUnder('bot_events')).toEqual(['app_mention', 'message.im']);
    expect(listUnder('bot')).toEqual([
      'commands',
      'app_mentions:read',
      'chat:write',
      'files:write',
      'im:history',
      'users:read',
      'channels:read',
      'groups:read',
    ]);
  });

  it('turns interactivity on for the suggestion buttons and sends every kind of request to /slack/events', () => {
    expect(settings).toMatch(
      /interactivity:\n\s+is_enabled: true\n\s+request_url: https:\/\/YOUR-HOST\/slack\/events/,
    );
    const urls = [...settings.matchAll(/(?:url|request_url): (\S+)/g)].map((m) => m[1]);
    expect(urls).toEqual(Array(3).fill(`https://YOUR-HOST${SLACK_EVENTS_PATH}`));
  });

  it('lets people message the bot, and notes Socket Mode', () => {
    expect(settings).toMatch(/messages_tab_enabled: true\n\s+messages_tab_read_only_enabled: false/);
    expect(settings).toMatch(/socket_mode_enabled: false/);
    expect(manifest).toMatch(/Socket Mode.*socket_mode_enabled to true/s);
    expect(manifest).toContain('connections:write');
  });
});
