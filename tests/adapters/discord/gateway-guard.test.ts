import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkBySchemas,
  checkInteractionPayload,
  checkMessagePayload,
} from '../../../src/adapters/discord/gateway-guard.ts';
import {
  autocompleteInteraction,
  buttonInteraction,
  messageCreate,
  slashInteraction,
} from '../../fakes/discord-fake.ts';

describe('checkInteractionPayload', () => {
  it('passes what Discord sends, with nothing to fill in', () => {
    expect(checkInteractionPayload(slashInteraction('ask', { question: 'q' }))).toEqual({
      ok: true,
      defaults: {},
    });
    expect(checkInteractionPayload(buttonInteraction('ask:q'))).toEqual({ ok: true, defaults: {} });
  });

  it('fills in the fields Discord added lately instead of refusing older payloads', () => {
    const older = {
      ...slashInteraction('summary'),
      entitlements: undefined,
      authorizing_integration_owners: undefined,
    };
    expect(checkInteractionPayload(older)).toEqual({
      ok: true,
      defaults: { entitlements: [], authorizing_integration_owners: {} },
    });
  });

  it('names every field discord.js would trip on', () => {
    const payload = slashInteraction('ask');
    expect(checkInteractionPayload({ ...payload, data: undefined })).toEqual({
      ok: false,
      id: payload.id,
      problems: ['data: Invalid input: expected object, received undefined'],
    });
    expect(checkInteractionPayload({ ...payload, member: undefined })).toMatchObject({
      ok: false,
      problems: ['user: expected user or member.user'],
    });
    expect(checkInteractionPayload({ ...payload, app_permissions: 'lots' })).toMatchObject({
      ok: false,
      problems: ['app_permissions: expected a permission bit string'],
    });
    expect(checkInteractionPayload({ ...buttonInteraction('ask:q'), message: { id: '1' } })).toMatchObject({
      ok: false,
      problems: ['message.channel_id: Invalid input: expected string, received undefined'],
    });
    expect(checkInteractionPayload(null)).toMatchObject({ ok: false, id: undefined });
  });

  it('checks nested options', () => {
    const payload = slashInteraction('ask', { question: 'q' });
    payload.data = { ...payload.data, options: [{ type: 1, name: 'ask', options: [{ value: 'no name' }] }] };
    expect(checkInteractionPayload(payload)).toMatchObject({ ok: false });
  });

  it('leaves interaction types it does not know to discord.js, which ignores them', () => {
    expect(checkInteractionPayload({ ...slashInteraction('ask'), type: 1, data: undefined })).toMatchObject({
      ok: true,
    });
  });
});

describe('the quick check that passes well-formed interactions without the schemas', () => {
  const payloads = [
    slashInteraction('ask', { question: 'q' }),
    slashInteraction('summary'),
    autocompleteInteraction('ask', 'question', 'nv'),
    buttonInteraction('ask:q'),
    { ...slashInteraction('ask'), type: 5, data: { custom_id: 'm', components: [] } },
  ];
  // Values a field may be replaced with: right and wrong types, edge cases of ids and numbers.
  const odd = fc.oneof(
    fc.constantFrom(
      undefined,
      null,
      '',
      '0',
      '123456789012345678901',
      'abc',
      1.5,
      2 ** 60,
      -1,
      [],
      {},
      [{}],
      true,
    ),
    fc.constantFrom({ id: '1' }, { id: 1 }, { user: { id: '2' } }, { user: { id: '2' }, permissions: 'x' }),
    fc.constantFrom(
      [{ name: 'q', type: 3 }],
      [{ name: 'q' }],
      [{ name: 'q', type: 1, options: [{ type: 1 }] }],
    ),
    fc.string(),
    fc.integer(),
  );
  const paths = [
    ['id'],
    ['token'],
    ['type'],
    ['application_id'],
    ['user'],
    ['member'],
    ['member', 'user'],
    ['member', 'permissions'],
    ['channel'],
    ['channel', 'type'],
    ['app_permissions'],
    ['entitlements'],
    ['authorizing_integration_owners'],
    ['data'],
    ['data', 'name'],
    ['data', 'type'],
    ['data', 'options'],
    ['data', 'custom_id'],
    ['data', 'component_type'],
    ['data', 'components'],
    ['message'],
    ['message', 'channel_id'],
  ];

  function withValue(payload: unknown, path: string[], value: unknown): unknown {
    const copy = structuredClone(payload) as Record<string, unknown>;
    let target = copy;
    for (const key of path.slice(0, -1)) {
      if (typeof target[key] !== 'object' || target[key] === null) return copy;
      target = target[key] as Record<string, unknown>;
    }
    target[path.at(-1) as string] = value;
    return copy;
  }

  it('gives the schemas’ verdict on payloads with fields broken in every way', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...payloads),
        fc.array(fc.tuple(fc.constantFrom(...paths), odd), { minLength: 1, maxLength: 3 }),
        (payload, changes) => {
          const changed = changes.reduce((p, [path, value]) => withValue(p, path, value), payload as unknown);
          expect(checkInteractionPayload(changed)).toEqual(checkBySchemas(changed));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('passes the payloads Discord sends, as the schemas do', () => {
    for (const payload of payloads) expect(checkInteractionPayload(payload)).toEqual(checkBySchemas(payload));
  });
});

describe('checkMessagePayload', () => {
  it('passes a message and refuses one without an author', () => {
    expect(checkMessagePayload(messageCreate('hi'))).toEqual({ ok: true, defaults: {} });
    const message = messageCreate('hi');
    expect(checkMessagePayload({ ...message, author: undefined })).toEqual({
      ok: false,
      id: message.id,
      problems: ['author: Invalid input: expected object, received undefined'],
    });
  });
});
