import { describe, expect, it } from 'vitest';
import { checkInteractionPayload, checkMessagePayload } from '../../../src/adapters/discord/gateway-guard.ts';
import { buttonInteraction, messageCreate, slashInteraction } from '../../fakes/discord-fake.ts';

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
