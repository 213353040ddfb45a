import { webApi } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { createAdminCheck, type SlackUserRole } from '../../../src/adapters/slack/admins.ts';
import { toPostError } from '../../../src/adapters/slack/post-error.ts';
import { PostError } from '../../../src/core/platform.ts';

function lookups(roles: Record<string, SlackUserRole | Error>) {
  const asked: string[] = [];
  const lookUpRole = async (userId: string) => {
    asked.push(userId);
    const role = roles[userId];
    if (role instanceof Error) throw role;
    return role;
  };
  return { asked, lookUpRole };
}

describe('createAdminCheck', () => {
  it('trusts SLACK_ADMIN_USER_IDS without asking Slack', async () => {
    const { asked, lookUpRole } = lookups({});
    const isAdmin = createAdminCheck({ adminUserIds: ['U1'], lookUpRole });
    expect(await isAdmin('U1')).toBe(true);
    expect(asked).toEqual([]);
  });

  it('counts workspace admins and owners, and remembers the answer until it expires', async () => {
    const { asked, lookUpRole } = lookups({
      UADMIN: { is_admin: true },
      UOWNER: { is_owner: true },
      UPRIMARY: { is_primary_owner: true },
      UMEMBER: { is_admin: false },
    });
    let now = 0;
    const isAdmin = createAdminCheck({ lookUpRole, ttlMs: 1000, now: () => now });
    expect(await isAdmin('UADMIN')).toBe(true);
    expect(await isAdmin('UOWNER')).toBe(true);
    expect(await isAdmin('UPRIMARY')).toBe(true);
    expect(await isAdmin('UMEMBER')).toBe(false);
    expect(await isAdmin('UADMIN')).toBe(true);
    expect(asked).toEqual(['UADMIN', 'UOWNER', 'UPRIMARY', 'UMEMBER']);
    now = 1001;
    await isAdmin('UADMIN');
    expect(asked.at(-1)).toBe('UADMIN');
    expect(asked).toHaveLength(5);
  });

  it('asks Slack again half a minute after a failed lookup, so a passing failure does not refuse an admin for long', async () => {
    let now = 0;
    let fail = true;
    const asked: string[] = [];
    const isAdmin = createAdminCheck({
      now: () => now,
      lookUpRole: async (user) => {
        asked.push(user);
        if (fail) throw new Error('ratelimited');
        return { is_admin: true };
      },
    });
    expect(await isAdmin('UADMIN')).toBe(false);
    fail = false;
    now = 29_000;
    expect(await isAdmin('UADMIN')).toBe(false);
    now = 31_000;
    expect(await isAdmin('UADMIN')).toBe(true);
    expect(asked).toEqual(['UADMIN', 'UADMIN']);
  });

  it('says no when the lookup fails (reported once, remembered) or never answers (not remembered)', async () => {
    const failures: string[] = [];
    const { asked, lookUpRole } = lookups({ UFAIL: new Error('missing_scope') });
    const isAdmin = createAdminCheck({ lookUpRole, onLookupFailure: (user) => failures.push(user) });
    expect(await isAdmin('UFAIL')).toBe(false);
    expect(await isAdmin('UFAIL')).toBe(false);
    expect(asked).toEqual(['UFAIL']);
    expect(failures).toEqual(['UFAIL']);

    let calls = 0;
    const hanging = createAdminCheck({
      lookUpRole: () => {
        calls += 1;
        return new Promise(() => {});
      },
      timeoutMs: 5,
    });
    expect(await hanging('USLOW')).toBe(false);
    expect(await hanging('USLOW')).toBe(false);
    expect(calls).toBe(2);
  });
});

describe('toPostError', () => {
  const platform = (error: string) => new webApi.WebAPIPlatformError({ ok: false, error });

  it.each(['channel_not_found', 'not_in_channel', 'is_archived', 'invalid_auth', 'missing_scope'])(
    'treats Slack’s %s as permanent',
    (code) => {
      expect(toPostError(platform(code), 'C1')).toMatchObject({
        permanent: true,
        message: `Slack refused the post to C1: ${code}`,
      });
    },
  );

  it.each([
    ['ratelimited', platform('ratelimited')],
    ['internal_error', platform('internal_error')],
    ['HTTP 503', new webApi.WebAPIHTTPError(503, 'Service Unavailable', {})],
    ['a rate limit', new webApi.WebAPIRateLimitedError(30)],
    ['a network error', new webApi.WebAPIRequestError(new Error('ECONNRESET'))],
    ['anything else', new Error('socket hang up')],
  ])('treats %s as transient', (_what, error) => {
    const postError = toPostError(error, 'C1');
    expect(postError).toBeInstanceOf(PostError);
    expect(postError.permanent).toBe(false);
  });

  it('treats an HTTP 404 as permanent and passes a PostError through', () => {
    expect(toPostError(new webApi.WebAPIHTTPError(404, 'Not Found', {}), 'C1').permanent).toBe(true);
    const original = new PostError('x', true);
    expect(toPostError(original, 'C1')).toBe(original);
  });
});
