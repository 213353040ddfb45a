import { describe, expect, it } from 'vitest';
import { MemoryConversationStore } from '../../src/core/conversation.ts';
import type { Dispatcher } from '../../src/core/dispatcher.ts';
import type { Reply } from '../../src/core/reply.ts';
import { invocation, testDispatcher } from '../helpers.ts';

/** A chat in one Discord channel: each person's messages form their own conversation. */
function chat(dispatcher: Dispatcher = testDispatcher()) {
  return (text: string, user = 'u1', channelId = 'c1'): Promise<Reply> =>
    dispatcher.answer(
      invocation({ platform: 'discord', source: 'mention', text, user: { id: user }, channelId }),
    );
}

describe('follow-ups read against the last answer', () => {
  it('"is that true?" confirms the last answer, not some other fact', async () => {
    const say = chat();
    expect((await say('did nvidia stock drop')).body).toMatch(/Nvidia.*20% dip/);
    const reply = await say('is that true?');
    expect(reply.kind).toBe('answer');
    expect(reply.body).toMatch(/^Yes — the article reports it: Nvidia/);
    expect(reply.body).not.toMatch(/Alibaba/);
  });

  it('"who said that?" after the denial names who denied it', async () => {
    const say = chat();
    await say('did alibaba invest in deepseek');
    const reply = await say('who said that?');
    expect(reply.body).toMatch(/^Alibaba denied it/);
    expect(reply.body).not.toMatch(/Kaifu Zhang/);
    expect(reply.resolvedQuestion).toMatch(/^Who said that alibaba has officially denied/);
  });

  it('says the article does not give a detail it lacks, and keeps the subject for the next follow-up', async () => {
    const say = chat();
    await say('did nvidia stock drop');
    const who = await say('who said that?');
    expect(who.kind).toBe('no_answer');
    expect(who.body).toMatch(/^The article doesn’t say who said it/);
    expect(who.quote?.text).toMatch(/Nvidia/);
    const much = await say('how much?');
    expect(much.kind).toBe('answer');
    expect(much.body).toMatch(/^20%: Nvidia/);
    const why = await say('why?');
    expect(why.kind).toBe('no_answer');
    expect(why.body).toMatch(/^The article doesn’t say why/);
  });

  it('"tell me more" gives the next related fact not yet shown, each once', async () => {
    const say = chat();
    const first = await say('did nvidia stock drop');
    const more = await say('tell me more');
    const again = await say('more');
    expect(more.kind).toBe('answer');
    expect(again.kind).toBe('answer');
    const bodies = [first.body, more.body, again.body];
    expect(new Set(bodies).size).toBe(3);
  });

  it('"and italy?" asks the last question of Italy; "how much did it drop" means the last subject', async () => {
    const say = chat();
    await say('Did Texas ban DeepSeek?');
    const italy = await say('and italy?');
    expect(italy.body).toMatch(/Italy/);
    expect(italy.resolvedQuestion).toBe('Did Italy ban DeepSeek?');
    await say('did nvidia stock drop');
    const drop = await say('how much did it drop');
    expect(drop.body).toMatch(/20%/);
    expect(drop.resolvedQuestion).toBe('how much did Nvidia drop');
  });

  it('follows up on who someone is: "tell me more" brings a fact the list did not show', async () => {
    const say = chat();
    const who = await say('who is greg abbott');
    expect(who.title).toBe('Greg Abbott');
    const more = await say('tell me more');
    expect(more.kind).toBe('answer');
    expect(who.items?.map((i) => i.text)).not.toContain(more.body);
  });

  it('"what about nvidia?" after a bans question is not answered with the stock dip', async () => {
    const say = chat();
    await say('did the us ban deepseek');
    const reply = await say('what about nvidia?');
    expect(reply.body).not.toMatch(/20% dip/);
  });

  it('asks what "that" means when there is nothing to refer to, with questions it can answer', async () => {
    const say = chat();
    for (const text of ['who said that?', 'is that true?', 'why?', 'tell me more', 'when was that']) {
      const reply = await say(text, `fresh-${text}`);
      expect(reply.kind, text).toBe('no_answer');
      expect(reply.body, text).toMatch(/^What does “that” refer to\?/);
      expect(reply.suggestions?.length, text).toBeGreaterThan(0);
    }
  });

  it('keeps two people in one channel apart, and forgets a conversation after its idle time', async () => {
    let now = 0;
    const dispatcher = testDispatcher({ conversations: new MemoryConversationStore(10 * 60_000, () => now) });
    const say = chat(dispatcher);
    await say('did nvidia stock drop', 'alice');
    expect((await say('is that true?', 'bob')).body).toMatch(/^What does “that” refer to/);
    now = 9 * 60_000;
    expect((await say('how much?', 'alice')).body).toMatch(/^20%/);
    now += 10 * 60_000;
    expect((await say('how much?', 'alice')).body).toMatch(/^What does “that” refer to/);
  });
});
