import type { Invocation } from './invocation.ts';

/** Which story each channel answers from, when it chose one; channels that did not use the default. */
export interface ChannelStoryStore {
  /** Answers from this process's memory, at once: read without a timeout (see Dispatcher). */
  readonly inProcess?: boolean;
  storyOf(channel: string): Promise<string | undefined>;
  choose(channel: string, story: string, chosenBy: string): Promise<void>;
}

/** The channel a choice of story belongs to: a thread follows its channel; a DM is its own channel. */
export function channelKey(invocation: Pick<Invocation, 'platform' | 'scope' | 'channelId'>): string {
  return `${invocation.platform}:${invocation.scope ?? ''}:${invocation.channelId}`;
}

/** The choices of one process (tests, and the store's shape). */
export class MemoryChannelStoryStore implements ChannelStoryStore {
  readonly inProcess = true;
  private readonly chosen = new Map<string, string>();

  async storyOf(channel: string): Promise<string | undefined> {
    return this.chosen.get(channel);
  }

  async choose(channel: string, story: string): Promise<void> {
    this.chosen.set(channel, story);
  }
}
