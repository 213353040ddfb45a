import {
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandGroupOption,
  type APIApplicationCommandSubcommandOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  type RESTPutAPIApplicationCommandsResult,
  Routes,
} from 'discord.js';
import { z } from 'zod';
import { DEFAULT_COMMAND_NAME } from '../../config.ts';
import { type AnyCommand, commandKey } from '../../core/command.ts';
import { truncateAtWord } from './render.ts';

/** The one application command the bot registers; every `commands/` entry is a subcommand of it. */
export const COMMAND_NAME = DEFAULT_COMMAND_NAME;
const COMMAND_DESCRIPTION = 'Questions about one news story; every answer quotes the article';
// Discord's limits for names and descriptions of commands and options.
const MAX_NAME = 32;
const MAX_DESCRIPTION = 100;
const MAX_OPTIONS = 25;
const NAME_PATTERN = /^[-_\p{Ll}\p{N}]{1,32}$/u;

/**
 * What the bot needs in a channel: see it, answer (also inside threads), show answers as embeds, attach
 * charts, and reply to the message that mentioned it (a reply needs Read Message History).
 */
export const BOT_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.ReadMessageHistory;

/** The URL a server admin opens to add the bot, with its slash commands and the permissions above. */
export function inviteUrl(clientId: string): string {
  const params = new URLSearchParams({
    client_id: clientId,
    scope: 'bot applications.commands',
    permissions: BOT_PERMISSIONS.toString(),
  });
  return `https://discord.com/oauth2/authorize?${params.toString().replace('%20', '+')}`;
}

type Subcommand = APIApplicationCommandSubcommandOption;
type SubcommandGroup = APIApplicationCommandSubcommandGroupOption;

/** A schema Discord cannot express as an option: a programming error, reported before anything is sent. */
export class UnsupportedOptionError extends Error {
  override name = 'UnsupportedOptionError';
}

function checkName(name: string, what: string): string {
  if (!NAME_PATTERN.test(name) || name.length > MAX_NAME) {
    throw new UnsupportedOptionError(
      `${what} name “${name}” must be 1–32 lower-case letters, digits, - or _ for Discord`,
    );
  }
  return name;
}

function describe(text: string | undefined, fallback: string): string {
  return truncateAtWord((text ?? '').trim() || fallback, MAX_DESCRIPTION);
}

/** One option from one field of a command's zod schema: string → type 3, boolean → type 5. */
function optionFromField(
  command: AnyCommand,
  name: string,
  field: z.ZodType,
): APIApplicationCommandBasicOption {
  const inner = field instanceof z.ZodOptional ? (field.unwrap() as z.ZodType) : field;
  const required = !field.isOptional();
  const description = describe(field.description ?? inner.description, name);
  checkName(name, `Option ${commandKey(command)}.`);
  if (inner instanceof z.ZodString) {
    const hasAutocomplete = typeof command.autocomplete?.[name] === 'function';
    return {
      type: ApplicationCommandOptionType.String,
      name,
      description,
      required,
      ...(inner.minLength !== null && inner.minLength > 0 ? { min_length: inner.minLength } : {}),
      ...(inner.maxLength !== null ? { max_length: inner.maxLength } : {}),
      ...(hasAutocomplete ? { autocomplete: true } : {}),
    };
  }
  if (inner instanceof z.ZodBoolean) {
    return { type: ApplicationCommandOptionType.Boolean, name, description, required };
  }
  throw new UnsupportedOptionError(
    `Option ${commandKey(command)}.${name} is a ${inner.def.type}; only strings and booleans become Discord options`,
  );
}

/** A command's options, generated from its zod `options` object; required ones first, as Discord demands. */
export function optionsFromSchema(command: AnyCommand): APIApplicationCommandBasicOption[] {
  const shape = command.options.shape as Record<string, z.ZodType>;
  const options = Object.entries(shape).map(([name, field]) => optionFromField(command, name, field));
  if (options.length > MAX_OPTIONS) {
    throw new UnsupportedOptionError(
      `/${COMMAND_NAME} ${commandKey(command)} has more than ${MAX_OPTIONS} options`,
    );
  }
  return [...options.filter((o) => o.required), ...options.filter((o) => !o.required)];
}

function subcommandOf(command: AnyCommand): Subcommand {
  return {
    type: ApplicationCommandOptionType.Subcommand,
    name: checkName(command.name, 'Command'),
    description: describe(command.description, command.name),
    options: optionsFromSchema(command),
  };
}

/** A group of subcommands (`schedule add`, `schedule list` …), described by what it holds. */
function groupOf(name: string, members: readonly AnyCommand[]): SubcommandGroup {
  const title = `${name.charAt(0).toUpperCase()}${name.slice(1)}`;
  return {
    type: ApplicationCommandOptionType.SubcommandGroup,
    name: checkName(name, 'Group'),
    description: describe(`${title}: ${members.map((m) => m.name).join(', ')}`, name),
    options: members.map(subcommandOf),
  };
}

/**
 * The `/ai-news` command JSON: one subcommand per command, in the order `commands/index.ts` lists
 * them. Commands with a `group` become the subcommands of a group (`/ai-news schedule add`), placed
 * where the group's first command is.
 */
export function buildAiNewsCommand(
  commands: readonly AnyCommand[],
  commandName: string = COMMAND_NAME,
): RESTPostAPIChatInputApplicationCommandsJSONBody {
  // Each command in order; a group takes the place of its first command and gathers the rest.
  const entries: { group?: string; members: AnyCommand[] }[] = [];
  for (const command of commands.filter((c) => !c.hidden)) {
    const group = command.group ? entries.find((e) => e.group === command.group) : undefined;
    if (group) group.members.push(command);
    else entries.push({ ...(command.group ? { group: command.group } : {}), members: [command] });
  }
  const top = entries.map((entry) =>
    entry.group ? groupOf(entry.group, entry.members) : subcommandOf(entry.members[0] as AnyCommand),
  );
  if ([top, ...entries.map((e) => e.members)].some((list) => list.length > MAX_OPTIONS)) {
    throw new UnsupportedOptionError(
      `/${commandName} and each of its groups can have at most ${MAX_OPTIONS} subcommands`,
    );
  }
  return {
    type: ApplicationCommandType.ChatInput,
    name: commandName,
    description: COMMAND_DESCRIPTION,
    // Usable in servers that installed the bot and in a DM with the bot.
    integration_types: [ApplicationIntegrationType.GuildInstall],
    contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
    options: top,
  };
}

/** The part of discord.js's REST client registration needs. */
export interface RestPut {
  put(route: `/${string}`, options: { body: unknown }): Promise<unknown>;
}

export interface RegisterOptions {
  rest: RestPut;
  clientId: string;
  /** Register to this server only (instant, for development); globally when absent. */
  guildId?: string;
  commands: readonly AnyCommand[];
  /** The command's name (COMMAND_NAME); `ai-news` when absent. */
  commandName?: string;
}

export interface Registration {
  scope: 'guild' | 'global';
  guildId?: string;
  commands: RESTPutAPIApplicationCommandsResult;
}

/**
 * Registers `/ai-news` with a bulk overwrite (PUT), so running it again changes nothing and any
 * command this bot no longer has disappears.
 */
export async function registerCommands(options: RegisterOptions): Promise<Registration> {
  const body = [buildAiNewsCommand(options.commands, options.commandName)];
  const route = options.guildId
    ? Routes.applicationGuildCommands(options.clientId, options.guildId)
    : Routes.applicationCommands(options.clientId);
  const registered = (await options.rest.put(route, { body })) as RESTPutAPIApplicationCommandsResult;
  return options.guildId
    ? { scope: 'guild', guildId: options.guildId, commands: registered }
    : { scope: 'global', commands: registered };
}

function describeSubcommand(sub: Subcommand, prefix: string): string {
  const options = (sub.options ?? []).map((o) => {
    const flags = [
      'required' in o && o.required ? 'required' : 'optional',
      ...('autocomplete' in o && o.autocomplete ? ['autocomplete'] : []),
    ];
    return `${o.name} (${flags.join(', ')})`;
  });
  return `  ${prefix}${sub.name}${options.length > 0 ? ` — ${options.join('; ')}` : ''}: ${sub.description}`;
}

/** What a registration did, in lines a person can check: where, then each subcommand and its options. */
export function describeRegistration(registration: Registration): string[] {
  const where =
    registration.scope === 'guild'
      ? `to server ${registration.guildId} (available immediately)`
      : 'globally (may take a few minutes to appear everywhere)';
  const lines = [`Registered ${registration.commands.length} application command(s) ${where}:`];
  for (const command of registration.commands) {
    lines.push(`/${command.name} (id ${command.id})`);
    for (const option of command.options ?? []) {
      if (option.type === ApplicationCommandOptionType.Subcommand) lines.push(describeSubcommand(option, ''));
      if (option.type === ApplicationCommandOptionType.SubcommandGroup) {
        for (const sub of option.options ?? []) lines.push(describeSubcommand(sub, `${option.name} `));
      }
    }
  }
  return lines;
}
