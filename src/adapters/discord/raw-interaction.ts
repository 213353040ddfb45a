import type {
  ButtonInteractionLike,
  ChannelLike,
  InteractionLike,
  OptionLike,
  SlashInteractionLike,
} from './to-invocation.ts';

// An interaction as Discord POSTs it to the endpoint: the API's JSON, the same payload the gateway
// sends. The shapes to-invocation.ts reads are made from it here, so both doors translate alike.

/** The fields of an interaction payload this adapter reads; checked by checkInteractionPayload first. */
export interface RawInteraction {
  id: string;
  token: string;
  type: number;
  application_id: string;
  guild_id?: string;
  channel_id?: string;
  channel?: { id: string; type: number; parent_id?: string | null };
  member?: { user: RawUser; permissions?: string };
  user?: RawUser;
  data?: {
    name?: string;
    type?: number;
    options?: OptionLike[];
    custom_id?: string;
    component_type?: number;
  };
  message?: { flags?: number };
}

interface RawUser {
  id: string;
  username?: string;
  global_name?: string | null;
  bot?: boolean;
}

// Channel types: 1 DM, 3 group DM; 10, 11 and 12 are threads.
const DM_TYPES = new Set([1, 3]);
const THREAD_TYPES = new Set([10, 11, 12]);

function channelOf(channel: NonNullable<RawInteraction['channel']>): ChannelLike {
  return {
    id: channel.id,
    isThread: () => THREAD_TYPES.has(channel.type),
    isDMBased: () => DM_TYPES.has(channel.type),
    parentId: channel.parent_id ?? null,
  };
}

/** The member's permission bits: present in a server, absent in a DM (as with discord.js). */
function permissionsOf(bits: string | undefined): InteractionLike['memberPermissions'] {
  if (bits === undefined) return null;
  const held = BigInt(bits);
  return { has: (permission) => (held & permission) === permission };
}

function baseOf(raw: RawInteraction): InteractionLike {
  const user = (raw.member?.user ?? raw.user) as RawUser;
  return {
    user: {
      id: user.id,
      username: user.username ?? 'someone',
      globalName: user.global_name ?? null,
      ...(user.bot ? { bot: true } : {}),
    },
    guildId: raw.guild_id ?? null,
    channelId: raw.channel_id ?? raw.channel?.id ?? null,
    channel: raw.channel ? channelOf(raw.channel) : null,
    memberPermissions: permissionsOf(raw.member?.permissions),
  };
}

/** A command or autocomplete payload as the slash shape. */
export function slashOf(raw: RawInteraction): SlashInteractionLike {
  const interaction = baseOf(raw) as SlashInteractionLike;
  interaction.options = { data: raw.data?.options ?? [] };
  return interaction;
}

/** A button click payload as the button shape. */
export function buttonOf(raw: RawInteraction): ButtonInteractionLike {
  const interaction = baseOf(raw) as ButtonInteractionLike;
  interaction.customId = raw.data?.custom_id ?? '';
  interaction.message = { flags: { bitfield: raw.message?.flags ?? 0 } };
  return interaction;
}
