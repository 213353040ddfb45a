import { REST } from 'discord.js';
import { commands } from '../../../commands/index.ts';
import { ConfigError, loadDotEnv, parseConfig } from '../../config.ts';
import { describeRegistration, inviteUrl, registerCommands } from './register-commands.ts';

/**
 * `npm run register`: registers `/ai-news` to DISCORD_GUILD_ID when set (instant, for development),
 * otherwise globally, and prints what was registered. Safe to run again: it overwrites, never duplicates.
 */
async function main(): Promise<number> {
  loadDotEnv();
  const config = parseConfig(process.env);
  const { discord } = config.platforms;
  if (!discord?.token) {
    process.stderr.write(
      'Registering commands needs DISCORD_TOKEN and DISCORD_CLIENT_ID (and DISCORD_GUILD_ID for one server); the bot can run without the token later.\n',
    );
    return 2;
  }
  const rest = new REST(discord.apiUrl ? { api: discord.apiUrl } : {}).setToken(discord.token);
  const registration = await registerCommands({
    rest,
    clientId: discord.clientId,
    ...(discord.guildId ? { guildId: discord.guildId } : {}),
    commands,
    commandName: config.commandName,
  });
  process.stdout.write(`${describeRegistration(registration).join('\n')}\n`);
  process.stdout.write(`Invite the bot to a server with: ${inviteUrl(discord.clientId)}\n`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`Registration failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
