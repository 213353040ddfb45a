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

// Classes rather than object literals with closures: one is made for every interaction.
class RawChannel implements ChannelLike {
  readonly id: string;
  readonly parentId: string | null;
  private readonly type: number;
  constructor(channel: NonNullable<RawInteraction['channel']>) {
    this.id = channel.id;
    this.parentId = channel.parent_id ?? null;
    this.type = channel.type;
  }
  isThread(): boolean {
    return THREAD_TYPES.has(this.type);
  }
  isDMBased(): boolean {
    return DM_TYPES.has(this.type);
  }
}

/** The member's permission bits: present in a server, absent in a DM (as with discord.js). */
class Permissions {
  constructor(private readonly held: bigint) {}
  has(permission: bigint): boolean {
    return (this.held & permission) === permission;
  }
}

function baseOf(raw: RawInteraction): InteractionLike {
  const user = (raw.member?.user ?? raw.user) as RawUser;
  const bits = raw.member?.permissions;
  return {
    user: {
      id: user.id,
      username: user.username ?? 'someone',
      globalName: user.global_name ?? null,
      ...(user.bot ? { bot: true } : {}),
    },
    guildId: raw.guild_id ?? null,
    channelId: raw.channel_id ?? raw.channel?.id ?? null,
    channel: raw.channel ? new RawChannel(raw.channel) : null,
    memberPermissions: bits === undefined ? null : new Permissions(BigInt(bits)),
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
