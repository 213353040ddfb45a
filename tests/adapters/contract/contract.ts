import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { commands } from '../../../commands/index.ts';
import { defineCommand } from '../../../src/core/command.ts';
import type { Dispatcher } from '../../../src/core/dispatcher.ts';
import type { Logger } from '../../../src/core/logger.ts';
import { type Platform, PostError } from '../../../src/core/platform.ts';
import type { Reply } from '../../../src/core/reply.ts';
import { createRouter } from '../../../src/core/router.ts';
import { core, testDispatcher } from '../../helpers.ts';

/** One message the platform showed someone in answer to a request. */
export interface Shown {
  /** Every piece of text in it, joined. */
  text: string;
  /** Only the asker can see it (an ephemeral reply, a DM, the console). */
  private: boolean;
  /** Sent so that it cannot notify anyone: no live mention syntax, or the platform told to ping no one. */
  pingSafe: boolean;
}

/** What the contract needs to drive one platform through its real SDK against local fakes. */
export interface AdapterDriver {
  platform: Platform;
  /** `/ai-news <command>` with options (`ask` with `question`, `private`). */
  slash(command: string, options?: Record<string, string | boolean>): Promise<Shown[]>;
  /** A mention of the bot in a channel (the console: a line typed). */
  mention(text: string): Promise<Shown[]>;
  /** Asks the n-th suggestion offered under the last answer, the platform's way (a button, a number). */
  pickSuggestion(n: number): Promise<Shown[]>;
  /** Sends `/ai-news <command>` and resolves once the request has reached the core, not its answer. */
  slashStarted(command: string): Promise<() => Promise<Shown[]>>;
  /** The kinds of post failure this platform can have; each is made to happen on the next post. */
  postFailures: Partial<Record<'permanent' | 'transient', () => void>>;
  /** A channel the bot may post to. */
  channel: string;
  close(): Promise<void>;
}

/** Held open by the `slow` command until the test lets it finish. */
let releaseSlow: () => void = () => {};
let slowRunning = false;

const boom = defineCommand({
  name: 'boom',
  description: 'Fails, for the contract',
  examples: ['boom'],
  options: z.object({}),
  handle: () => {
    throw new Error('the command broke');
  },
});
const slow = defineCommand({
  name: 'slow',
  description: 'Answers when released, for the contract',
  examples: ['slow'],
  options: z.object({}),
  handle: async (): Promise<Reply> => {
    await new Promise<void>((resolve) => {
      releaseSlow = resolve;
      slowRunning = true;
    });
    slowRunning = false;
    return { kind: 'list', body: 'The slow answer arrived.', visibility: 'channel' };
  },
});

/** Lets the `slow` command's answer go. */
export function releaseSlowCommand(): void {
  releaseSlow();
}

/** The dispatcher every driver runs on: the real commands, plus one that throws and one that waits. */
export function contractDispatcher(logger?: Logger): Dispatcher {
  const router = createRouter({ engine: core().engine, commands: [...commands, boom, slow] });
  return testDispatcher({ router, ...(logger ? { logger } : {}) });
}

const ANSWER =
  'Yes — the U.S. bodies blocking DeepSeek include the U.S. Navy, Congress, the Pentagon and NASA.';
const QUOTE = 'The U.S. Navy, Congress, the Pentagon, and NASA';
const APOLOGY = 'Sorry — something went wrong while answering that.';

/**
 * The behaviour every platform must show its users, whatever its SDK: the same requests in, the same
 * outcomes out. Run against each adapter, the console included.
 */
export function defineAdapterContract(
  name: string,
  start: () => Promise<AdapterDriver>,
  /** The kinds of post failure the platform has: every platform can be refused for good. */
  postFailureKinds: readonly ('permanent' | 'transient')[],
): void {
  describe(`${name}: the adapter contract`, () => {
    let driver: AdapterDriver;
    beforeAll(async () => {
      driver = await start();
    });
    afterAll(async () => {
      await driver?.close();
    });

    it('answers a slash command with the answer and the sentence it comes from', async () => {
      const shown = await driver.slash('ask', { question: 'Did Congress block DeepSeek?' });
      const answer = shown.find((m) => m.text.includes(ANSWER));
      expect(answer?.text).toContain(QUOTE);
    });

    it('answers a mention the same way', async () => {
      const shown = await driver.mention('Did Congress block DeepSeek?');
      expect(shown.find((m) => m.text.includes(ANSWER))?.text).toContain(QUOTE);
    });

    it('asks a suggestion offered under an answer', async () => {
      const shown = await driver.mention('Has Japan banned DeepSeek?');
      expect(shown.some((m) => m.text.includes('The article doesn’t say.'))).toBe(true);
      const picked = await driver.pickSuggestion(1);
      expect(picked.length).toBeGreaterThan(0);
      expect(picked.some((m) => m.text.includes('doesn’t say'))).toBe(false);
    });

    it('keeps a private answer private, by slash command and by mention', async () => {
      for (const shown of [
        await driver.slash('ask', { question: 'Did Congress block DeepSeek?', private: true }),
        await driver.mention('private did congress block deepseek'),
      ]) {
        const withAnswer = shown.filter((m) => m.text.includes(ANSWER));
        expect(withAnswer.length).toBeGreaterThan(0);
        expect(withAnswer.every((m) => m.private)).toBe(true);
      }
    });

    it('apologises, privately, when a command throws', async () => {
      const shown = await driver.slash('boom');
      expect(shown).toHaveLength(1);
      expect(shown[0]?.text).toContain(APOLOGY);
      expect(shown[0]?.private).toBe(true);
    });

    it('never pings anyone, whatever the question holds', async () => {
      const bait =
        '@everyone @here <!channel> <!here> <@1100000000000000009> <@&1100000000000000010> who is yan qiao';
      const shown = [
        ...(await driver.mention(bait)),
        ...(await driver.slash('ask', { question: `${bait} and did alibaba invest in deepseek` })),
      ];
      expect(shown.length).toBeGreaterThanOrEqual(2);
      for (const message of shown) expect(message.pingSafe, message.text).toBe(true);
    });

    it('drains on stop: a request under way is still answered', async () => {
      const answered = await driver.slashStarted('slow');
      await until(() => slowRunning || undefined, 'the slow command to start');
      const stopping = driver.platform.stop();
      releaseSlow();
      await stopping;
      const shown = await answered();
      expect(shown.map((m) => m.text).join('\n')).toContain('The slow answer arrived.');
    });
  });

  describe(`${name}: posting on its own`, () => {
    let driver: AdapterDriver;
    beforeAll(async () => {
      driver = await start();
    });
    afterAll(async () => {
      await driver?.close();
    });
    const reply: Reply = { kind: 'list', body: 'A scheduled summary.', visibility: 'channel' };

    it('posts into a channel', async () => {
      await expect(driver.platform.post(driver.channel, reply)).resolves.toBeUndefined();
    });

    for (const kind of postFailureKinds) {
      it(`reports a ${kind} post failure as ${kind}`, async () => {
        const fail = driver.postFailures[kind];
        expect(fail).toBeDefined();
        fail?.();
        const error = await driver.platform.post(driver.channel, reply).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(PostError);
        expect((error as PostError).permanent).toBe(kind === 'permanent');
      });
    }
  });
}

/** Every string inside a JSON-like value, joined by newlines. */
export function textsOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(textsOf).join('\n');
  if (value && typeof value === 'object') return Object.values(value).map(textsOf).join('\n');
  return '';
}

/** Resolves once `check` returns something other than undefined; polls briefly, fails after `ms`. */
export async function until<T>(check: () => T | undefined, what: string, ms = 5000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
