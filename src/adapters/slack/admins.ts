import { TIMED_OUT, within } from '../../core/timeouts.ts';

/** What users.info says about a user's role in the workspace. */
export interface SlackUserRole {
  is_admin?: boolean;
  is_owner?: boolean;
  is_primary_owner?: boolean;
}

export interface AdminCheckOptions {
  /** Users named in SLACK_ADMIN_USER_IDS: admins without asking Slack. */
  adminUserIds?: readonly string[];
  /** Asks Slack for a user's role (users.info); may throw. */
  lookUpRole: (userId: string) => Promise<SlackUserRole | undefined>;
  /** Called once per failed lookup, e.g. to log it. */
  onLookupFailure?: (userId: string, error: unknown) => void;
  /** How long an answer is remembered; roles change rarely, lookups cost a Web API call. */
  ttlMs?: number;
  /** A lookup slower than this counts as "not an admin" (and is not remembered). */
  timeoutMs?: number;
  now?: () => number;
}

/** How long a failed role lookup counts as "not an admin" before Slack is asked again. */
const FAILURE_TTL_MS = 30_000;

/**
 * Whether a Slack user may run admin-only commands: listed in SLACK_ADMIN_USER_IDS, or a workspace
 * admin or owner according to users.info. Answers are cached; a failed or slow lookup means no.
 */
export function createAdminCheck(options: AdminCheckOptions): (userId: string) => Promise<boolean> {
  const listed = new Set(options.adminUserIds ?? []);
  const ttlMs = options.ttlMs ?? 10 * 60_000;
  const timeoutMs = options.timeoutMs ?? 2_000;
  const now = options.now ?? Date.now;
  const cache = new Map<string, { isAdmin: boolean; until: number }>();

  return async (userId) => {
    if (listed.has(userId)) return true;
    const cached = cache.get(userId);
    if (cached && cached.until > now()) return cached.isAdmin;
    try {
      const role = await within(options.lookUpRole(userId), timeoutMs);
      if (role === TIMED_OUT) return false;
      const isAdmin = Boolean(role?.is_admin || role?.is_owner || role?.is_primary_owner);
      cache.set(userId, { isAdmin, until: now() + ttlMs });
      return isAdmin;
    } catch (error) {
      options.onLookupFailure?.(userId, error);
      // Remembered briefly, so a missing scope does not cost a failing call on every command, yet a
      // passing failure (a rate limit) does not refuse a real admin for long.
      cache.set(userId, { isAdmin: false, until: now() + Math.min(ttlMs, FAILURE_TTL_MS) });
      return false;
    }
  };
}
