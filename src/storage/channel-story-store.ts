import type { ChannelStoryStore } from '../core/channel-stories.ts';
import type { Database } from './database.ts';

/** The channels' choices of story in the bot's database: kept across restarts, shared by instances. */
export class DbChannelStoryStore implements ChannelStoryStore {
  constructor(private readonly database: Database) {}

  async storyOf(channel: string): Promise<string | undefined> {
    const row = await this.database.kysely
      .selectFrom('channelStories')
      .select('story')
      .where('channel', '=', channel)
      .executeTakeFirst();
    return row?.story;
  }

  async choose(channel: string, story: string, chosenBy: string): Promise<void> {
    const chosenAt = new Date().toISOString();
    await this.database.kysely
      .insertInto('channelStories')
      .values({ channel, story, chosenBy, chosenAt })
      .onConflict((oc) => oc.column('channel').doUpdateSet({ story, chosenBy, chosenAt }))
      .execute();
  }
}
