import { InteractionType } from 'discord.js';
import { z } from 'zod';

// discord.js builds its objects straight from gateway payloads; a field it relies on being absent
// throws deep inside its websocket handler, where no listener of ours can catch it, and the process
// dies of an unhandled rejection. So the payloads this bot acts on are checked here first.

const SNOWFLAKE = /^\d{1,20}$/;
const BITS = /^\d{1,40}$/;
const snowflake = z.string().regex(SNOWFLAKE, 'expected a snowflake id');
const bits = z.string().regex(BITS, 'expected a permission bit string');

const option: z.ZodType = z.lazy(() =>
  z.looseObject({ name: z.string(), type: z.number().int(), options: z.array(option).optional() }),
);
const user = z.looseObject({ id: snowflake });

const common = z
  .looseObject({
    id: snowflake,
    token: z.string().min(1),
    type: z.number().int(),
    application_id: snowflake,
    user: user.optional(),
    member: z.looseObject({ user, permissions: bits.optional() }).optional(),
    channel: z.looseObject({ id: snowflake, type: z.number().int() }).optional(),
    app_permissions: bits.optional(),
    entitlements: z.array(z.looseObject({ id: snowflake })).optional(),
    authorizing_integration_owners: z.record(z.string(), z.unknown()).optional(),
  })
  .refine((d) => d.user !== undefined || d.member !== undefined, {
    message: 'expected user or member.user',
    path: ['user'],
  });

const commandData = z.looseObject({
  data: z.looseObject({ name: z.string(), type: z.number().int(), options: z.array(option).optional() }),
});
const componentData = z.looseObject({
  data: z.looseObject({ custom_id: z.string(), component_type: z.number().int() }),
  message: z.looseObject({ id: snowflake, channel_id: snowflake }),
});
const modalData = z.looseObject({
  data: z.looseObject({ custom_id: z.string(), components: z.array(z.unknown()) }),
});

const byType = new Map<number, z.ZodType>([
  [InteractionType.ApplicationCommand, commandData],
  [InteractionType.ApplicationCommandAutocomplete, commandData],
  [InteractionType.MessageComponent, componentData],
  [InteractionType.ModalSubmit, modalData],
]);

/** The verdict on one gateway payload: fine (with defaults to fill in), or the problems found. */
export type PayloadCheck =
  | { ok: true; defaults: Record<string, unknown> }
  | { ok: false; id: unknown; problems: string[] };

const message = z.looseObject({
  id: snowflake,
  channel_id: snowflake,
  author: z.looseObject({ id: snowflake }),
  content: z.string().optional(),
});

function idOf(payload: unknown): unknown {
  return typeof payload === 'object' && payload !== null ? (payload as { id?: unknown }).id : undefined;
}

function problemsOf(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.map(String).join('.') || 'payload'}: ${i.message}`);
}

/**
 * Checks the fields discord.js dereferences when it builds an interaction. Fields Discord added
 * recently (entitlements, authorizing_integration_owners) come back as defaults to fill in rather than
 * as problems, so an older or partial payload is still answered.
 */
export function checkInteractionPayload(payload: unknown): PayloadCheck {
  // Nearly every payload is well formed: the plain check below says so in a microsecond, where the
  // schemas take fifty. Anything it does not pass goes through the schemas, for their verdict and
  // their words.
  if (wellFormed(payload)) return { ok: true, defaults: defaultsOf(payload) };
  return checkBySchemas(payload);
}

/** The verdict of the schemas alone: what checkInteractionPayload says of a payload it cannot pass at once. */
export function checkBySchemas(payload: unknown): PayloadCheck {
  const base = common.safeParse(payload);
  if (!base.success) {
    return { ok: false, id: idOf(payload), problems: problemsOf(base.error) };
  }
  const specific = byType.get(base.data.type)?.safeParse(payload);
  if (specific && !specific.success)
    return { ok: false, id: base.data.id, problems: problemsOf(specific.error) };
  return { ok: true, defaults: defaultsOf(base.data) };
}

function defaultsOf(payload: {
  entitlements?: unknown;
  authorizing_integration_owners?: unknown;
}): Record<string, unknown> {
  // Assigned, not spread: this runs for every interaction.
  const defaults: Record<string, unknown> = {};
  if (payload.entitlements === undefined) defaults.entitlements = [];
  if (payload.authorizing_integration_owners === undefined) defaults.authorizing_integration_owners = {};
  return defaults;
}

// The same rules as the schemas above, as plain checks: true only where the schemas would pass.
type Fields = Record<string, unknown>;
const isObject = (v: unknown): v is Fields => typeof v === 'object' && v !== null && !Array.isArray(v);
const isSnowflake = (v: unknown) => typeof v === 'string' && SNOWFLAKE.test(v);
const isBits = (v: unknown) => typeof v === 'string' && BITS.test(v);
const isInt = (v: unknown) => Number.isSafeInteger(v);
const optional = (v: unknown, check: (v: unknown) => boolean) => v === undefined || check(v);
const hasId = (v: unknown) => isObject(v) && isSnowflake(v.id);

function isOptionList(v: unknown, depth = 0): boolean {
  return (
    Array.isArray(v) &&
    depth < 8 &&
    v.every(
      (o) =>
        isObject(o) &&
        typeof o.name === 'string' &&
        isInt(o.type) &&
        optional(o.options, (list) => isOptionList(list, depth + 1)),
    )
  );
}

function wellFormed(p: unknown): p is Fields {
  if (!isObject(p)) return false;
  const { member, data } = p;
  const common =
    isSnowflake(p.id) &&
    typeof p.token === 'string' &&
    p.token.length > 0 &&
    isInt(p.type) &&
    isSnowflake(p.application_id) &&
    optional(p.user, hasId) &&
    optional(member, (m) => isObject(m) && hasId(m.user) && optional(m.permissions, isBits)) &&
    (p.user !== undefined || member !== undefined) &&
    optional(p.channel, (c) => hasId(c) && isInt((c as Fields).type)) &&
    optional(p.app_permissions, isBits) &&
    optional(p.entitlements, (e) => Array.isArray(e) && e.every(hasId)) &&
    optional(p.authorizing_integration_owners, isObject);
  if (!common) return false;
  switch (p.type) {
    case InteractionType.ApplicationCommand:
    case InteractionType.ApplicationCommandAutocomplete:
      return (
        isObject(data) &&
        typeof data.name === 'string' &&
        isInt(data.type) &&
        optional(data.options, (o) => isOptionList(o))
      );
    case InteractionType.MessageComponent:
      return (
        isObject(data) &&
        typeof data.custom_id === 'string' &&
        isInt(data.component_type) &&
        isObject(p.message) &&
        isSnowflake(p.message.id) &&
        isSnowflake(p.message.channel_id)
      );
    case InteractionType.ModalSubmit:
      return isObject(data) && typeof data.custom_id === 'string' && Array.isArray(data.components);
    default:
      return true;
  }
}

/** Checks a MESSAGE_CREATE payload for the fields discord.js needs to build a message. */
export function checkMessagePayload(payload: unknown): PayloadCheck {
  const result = message.safeParse(payload);
  return result.success
    ? { ok: true, defaults: {} }
    : { ok: false, id: idOf(payload), problems: problemsOf(result.error) };
}
