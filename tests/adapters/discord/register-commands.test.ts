import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { commands } from '../../../commands/index.ts';
import {
  BOT_PERMISSIONS,
  buildAiNewsCommand,
  describeRegistration,
  inviteUrl,
  optionsFromSchema,
  registerCommands,
  UnsupportedOptionError,
} from '../../../src/adapters/discord/register-commands.ts';
import { type AnyCommand, defineCommand } from '../../../src/core/command.ts';
import { APPLICATION_ID, FakeDiscord, GUILD_ID } from '../../fakes/discord-fake.ts';

const run = promisify(execFile);

function command(options: z.ZodObject, extra: Partial<AnyCommand> = {}): AnyCommand {
  return defineCommand({
    name: 'test',
    description: 'A test command',
    examples: [],
    options,
    handle: () => ({ kind: 'help', body: '', visibility: 'ephemeral' }),
    ...extra,
  }) as AnyCommand;
}

describe('buildAiNewsCommand', () => {
  const json = buildAiNewsCommand(commands);
  const sub = (name: string) =>
    json.options?.find((o) => o.name === name) as { options?: unknown[] } | undefined;

  it('registers one /ai-news chat command for servers and DMs with the bot', () => {
    expect(json).toMatchObject({
      type: 1,
      name: 'ai-news',
      integration_types: [0],
      contexts: [0, 1],
    });
    expect(json.description.length).toBeLessThanOrEqual(100);
  });

  it('mirrors commands/ in order, a group in place of its first command', () => {
    const expected: [number, string][] = [];
    for (const c of commands.filter((command) => !command.hidden)) {
      const entry: [number, string] = c.group ? [2, c.group] : [1, c.name];
      if (!expected.some(([type, name]) => type === entry[0] && name === entry[1])) expected.push(entry);
    }
    expect(json.options?.map((o) => [o.type, o.name])).toEqual(expected);
    expect(json.options?.slice(0, 8).map((o) => o.name)).toEqual([
      'ask',
      'summary',
      'topic',
      'timeline',
      'chart',
      'who',
      'quotes',
      'source',
    ]);
    expect(json.options?.at(-1)?.name).toBe('help');
  });

  it('nests grouped commands as subcommands of their group, described by what it holds', () => {
    expect(sub('schedule')).toMatchObject({
      type: 2,
      description: 'Schedule: add, list, remove, test',
      options: [{ name: 'add' }, { name: 'list' }, { name: 'remove' }, { name: 'test' }],
    });
  });

  it('generates ask’s options from its zod schema: question (autocompleted), then private', () => {
    expect(sub('ask')).toEqual({
      type: 1,
      name: 'ask',
      description: 'Ask a question about the story; the answer quotes the article',
      options: [
        {
          type: 3,
          name: 'question',
          description: 'Your question, in plain words',
          required: true,
          autocomplete: true,
        },
        { type: 5, name: 'private', description: 'Only you see the answer', required: false },
      ],
    });
  });

  it('autocompletes topic and who names, with their zod length limits', () => {
    expect(sub('topic')?.options).toEqual([
      expect.objectContaining({
        type: 3,
        name: 'name',
        required: false,
        max_length: 100,
        autocomplete: true,
      }),
    ]);
    expect(sub('who')?.options).toEqual([
      expect.objectContaining({
        type: 3,
        name: 'name',
        required: false,
        max_length: 100,
        autocomplete: true,
      }),
    ]);
  });

  it('keeps every name and description within Discord’s limits', () => {
    const all: { name: string; description: string; options?: unknown[] }[] = [];
    const walk = (options: unknown[] = []) => {
      for (const option of options as { name: string; description: string; options?: unknown[] }[]) {
        all.push(option);
        walk(option.options);
      }
    };
    walk(json.options);
    for (const option of all) {
      expect(option.name).toMatch(/^[-_a-z0-9]{1,32}$/);
      expect(option.description.length).toBeGreaterThan(0);
      expect(option.description.length).toBeLessThanOrEqual(100);
    }
  });

  it('puts required options before optional ones, as Discord requires', () => {
    const options = optionsFromSchema(
      command(
        z.object({
          later: z.string().optional().describe('Optional'),
          first: z.string().describe('Required'),
        }),
      ),
    );
    expect(options.map((o) => [o.name, o.required])).toEqual([
      ['first', true],
      ['later', false],
    ]);
  });

  it('falls back to the option name when a field has no description', () => {
    expect(optionsFromSchema(command(z.object({ plain: z.string() })))[0]?.description).toBe('plain');
  });

  it('refuses a schema Discord cannot express, naming the option', () => {
    expect(() => optionsFromSchema(command(z.object({ count: z.number() })))).toThrow(UnsupportedOptionError);
    expect(() => optionsFromSchema(command(z.object({ count: z.number() })))).toThrow(
      /test\.count is a number/,
    );
    expect(() => buildAiNewsCommand([command(z.object({}), { name: 'Bad Name' })])).toThrow(/Bad Name/);
  });
});

describe('registerCommands', () => {
  it('overwrites the guild’s commands when a guild is given, the global ones otherwise', async () => {
    const calls: { route: string; body: unknown }[] = [];
    const rest = {
      async put(route: string, options: { body: unknown }) {
        calls.push({ route, body: options.body });
        return [{ id: '1', name: 'ai-news', options: [] }];
      },
    };
    const guild = await registerCommands({ rest, clientId: 'APP', guildId: 'G', commands });
    const global = await registerCommands({ rest, clientId: 'APP', commands });
    expect(calls.map((c) => c.route)).toEqual([
      '/applications/APP/guilds/G/commands',
      '/applications/APP/commands',
    ]);
    expect(calls[0]?.body).toEqual([buildAiNewsCommand(commands)]);
    expect(guild.scope).toBe('guild');
    expect(global.scope).toBe('global');
  });
});

describe('npm run register', () => {
  let fake: FakeDiscord;
  let cwd: string;
  const script = fileURLToPath(new URL('../../../src/adapters/discord/register.ts', import.meta.url));
  const tsx = fileURLToPath(new URL('../../../node_modules/tsx/dist/cli.mjs', import.meta.url));

  beforeAll(async () => {
    fake = await FakeDiscord.start();
    // An empty working directory, so no developer .env is read.
    cwd = mkdtempSync(join(tmpdir(), 'ai-news-register-'));
  });

  afterAll(async () => {
    await fake?.close();
    if (cwd) rmSync(cwd, { recursive: true, force: true });
  });

  /** Runs the script with only the variables given: nothing from this environment can leak in. */
  function register(env: Record<string, string>) {
    return run(process.execPath, [tsx, script], {
      cwd,
      env: { PATH: process.env.PATH ?? '', DISCORD_API_URL: fake.apiUrl, ...env },
      timeout: 15_000,
    });
  }

  it('registers to the development server, idempotently, and prints what it registered', async () => {
    const env = {
      DISCORD_TOKEN: 'fake-bot-token',
      DISCORD_CLIENT_ID: APPLICATION_ID,
      DISCORD_GUILD_ID: GUILD_ID,
    };
    const first = await register(env);
    const registered = fake.registered.get(GUILD_ID);
    const second = await register(env);
    expect(second.stdout).toBe(first.stdout);
    expect(fake.registered.get(GUILD_ID)).toEqual(registered);
    expect(registered).toHaveLength(1);
    const put = fake.requests.filter((r) => r.method === 'PUT');
    expect(put.map((r) => r.path)).toEqual([
      `/applications/${APPLICATION_ID}/guilds/${GUILD_ID}/commands`,
      `/applications/${APPLICATION_ID}/guilds/${GUILD_ID}/commands`,
    ]);
    expect(put[0]?.headers.authorization).toBe('Bot fake-bot-token');
    expect(first.stdout).toContain(
      `Registered 1 application command(s) to server ${GUILD_ID} (available immediately):`,
    );
    expect(first.stdout).toContain(
      '  ask — question (required, autocomplete); private (optional): Ask a question',
    );
    expect(first.stdout).toContain(
      '  schedule add — when (required); timezone (optional, autocomplete); channel (optional)',
    );
  });

  it('registers globally without DISCORD_GUILD_ID', async () => {
    const { stdout } = await register({ DISCORD_TOKEN: 'fake-bot-token', DISCORD_CLIENT_ID: APPLICATION_ID });
    expect(stdout).toContain('globally');
    expect(fake.registered.get('global')).toHaveLength(1);
  });

  it('explains what is missing without the token', async () => {
    const failure = await register({}).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 2 });
    expect((failure as { stderr: string }).stderr).toContain(
      'Registering commands needs DISCORD_TOKEN and DISCORD_CLIENT_ID',
    );
  });

  it('explains that registering needs the token when only the public key is set', async () => {
    const failure = await register({
      DISCORD_CLIENT_ID: APPLICATION_ID,
      DISCORD_PUBLIC_KEY: 'ab'.repeat(32),
    }).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 2 });
    expect((failure as { stderr: string }).stderr).toContain('the bot can run without the token later');
  });
});

describe('inviteUrl', () => {
  it('asks for bot and applications.commands with View Channels, Send Messages (and in threads), Embed Links, Attach Files, Read Message History', () => {
    expect(BOT_PERMISSIONS).toBe(1024n + 2048n + 274877906944n + 16384n + 32768n + 65536n);
    expect(inviteUrl('123456789012345678')).toBe(
      'https://discord.com/oauth2/authorize?client_id=123456789012345678&scope=bot+applications.commands&permissions=274878024704',
    );
  });
});

describe('describeRegistration', () => {
  it('lists where, then each subcommand', () => {
    const lines = describeRegistration({
      scope: 'global',
      commands: [
        {
          id: '9',
          name: 'ai-news',
          options: [{ type: 1, name: 'help', description: 'Help' }],
        } as never,
      ],
    });
    expect(lines).toEqual([
      'Registered 1 application command(s) globally (may take a few minutes to appear everywhere):',
      '/ai-news (id 9)',
      '  help: Help',
    ]);
  });
});
