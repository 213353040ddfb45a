import type { Platform } from '../../src/core/platform.ts';
import type { Reply } from '../../src/core/reply.ts';
import type { Clock } from '../../src/scheduler/clock.ts';

/** A clock the test moves by hand; sleeping advances it instantly. */
export function fakeClock(
  start: string | number,
): Clock & { set(time: string | number): void; advance(ms: number): void } {
  let now = typeof start === 'string' ? Date.parse(start) : start;
  return {
    now: () => now,
    sleep: async (ms) => {
      now += ms;
    },
    setInterval: () => ({ cancel() {} }),
    set(time) {
      now = typeof time === 'string' ? Date.parse(time) : time;
    },
    advance(ms) {
      now += ms;
    },
  };
}

/** A platform that records what it is asked to post, and can be told to fail. */
export function recordingAdapter(platform: 'discord' | 'slack' | 'console' = 'console') {
  const posts: { channelId: string; reply: Reply; at: number }[] = [];
  const failures: Error[] = [];
  const unreachable = new Set<string>();
  const adapter: Platform = {
    id: platform,
    async start() {},
    async stop() {},
    async post(channelId, reply) {
      const failure = failures.shift();
      if (failure) throw failure;
      posts.push({ channelId, reply, at: Date.now() });
    },
    isConnected: () => true,
    async canPost(channelId) {
      return unreachable.has(channelId)
        ? { ok: false, reason: 'the bot is not a member of that channel' }
        : { ok: true };
    },
  };
  return { adapter, posts, failures, unreachable };
}
