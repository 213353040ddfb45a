import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  autocompleteInteraction,
  BOT_USER,
  BOT_USER_ID,
  buttonInteraction,
  CHANNEL_ID,
  DM_CHANNEL_ID,
  messageCreate,
  OTHER_BOT_ID,
  type RecordedRequest,
  slashInteraction,
  THREAD_ID,
} from '../../fakes/discord-fake.ts';
import { core, testDispatcher } from '../../helpers.ts';
import { type Harness, startHarness } from './discord-harness.ts';
import { allowsNoMentions, buttonsOf, embedOf, isMessageRequest } from './discord-messages.ts';

const EPHEMERAL = 64;
const story = () => core().engine.story;

describe('the Discord adapter, driving the real discord.js against a fake Discord', () => {
  let h: Harness;
  let reconnects = 0;

  beforeAll(async () => {
    h = await startHarness((logger) => testDispatcher({ logger }), {
      onReconnect: () => {
        reconnects += 1;
      },
    });
  });

  afterAll(async () => {
    await h?.close();
  });

  /** Sends a message and resolves with the bot's reply to it (a channel message referencing it). */
  async function mention(content: string, place: 'channel' | 'thread' | 'dm' = 'channel') {
    const message = messageCreate(content, place);
    h.fake.dispatch('MESSAGE_CREATE', message);
    return h.fake.waitForRequest(
      (r) => r.method === 'POST' && r.body?.message_reference?.message_id === message.id,
      `the reply to message ${message.id}`,
    );
  }

  it('logs in with only the guilds, guild messages and direct messages intents', async () => {
    const identify = await h.fake.waitForFrame((f) => f.op === 2, 'IDENTIFY');
    // 1 (Guilds) + 512 (GuildMessages) + 4096 (DirectMessages); no privileged intent such as MessageContent.
    expect(identify.d.intents).toBe(1 + 512 + 4096);
    expect(identify.d.token).toBe('fake-bot-token');
    expect(h.adapter.isConnected()).toBe(true);
  });

  it('answers /ai-news ask with the answer, the quote as a block quote, the story and confidence in the footer', async () => {
    const payload = slashInteraction('ask', { question: 'Did Congress block DeepSeek?' });
    const callback = await h.interact(payload);
    expect(callback.method).toBe('POST');
    expect(callback.query.get('with_response')).toBe('false');
    expect(callback.body.type).toBe(4);
    expect(callback.body.data.flags ?? 0).toBe(0);
    const embed = embedOf(callback);
    expect(embed.title).toBe('Did Congress block DeepSeek?');
    expect(embed.description).toContain('Yes — the U.S. bodies blocking DeepSeek include');
    expect(embed.description).toContain('\n\n> The U.S. Navy, Congress, the Pentagon, and NASA');
    // A calibrated probability: high for this question, never a flat 100%.
    expect(embed.footer.text.startsWith(`${story().title} · confidence `)).toBe(true);
    expect(embed.footer.text).toMatch(/ · confidence 9\d%$/);
    const buttons = buttonsOf(callback);
    const suggestions = buttons.filter((b: { custom_id: string }) => b.custom_id.startsWith('ask:'));
    expect(suggestions.length).toBeGreaterThan(0);
    for (const button of suggestions) expect(button.custom_id).toBe(`ask:${button.label}`);
    // The last row rates the answer.
    expect(buttons.slice(-2).map((b: { custom_id: string }) => b.custom_id)).toEqual([
      'feedback:up:us-bodies-blocking',
      'feedback:down:us-bodies-blocking',
    ]);
    // Exactly one REST call answered it: no defer, no follow-up.
    expect(h.fake.requestsFor(payload)).toHaveLength(1);
  });

  it('makes the answer ephemeral when ask is given private:true', async () => {
    const callback = await h.interact(
      slashInteraction('ask', { question: 'Did Congress block DeepSeek?', private: true }),
    );
    expect(callback.body.type).toBe(4);
    expect(callback.body.data.flags).toBe(EPHEMERAL);
    expect(embedOf(callback).title).toBe('Did Congress block DeepSeek?');
  });

  it('offers "did you mean" buttons when the article does not say', async () => {
    const callback = await h.interact(
      slashInteraction('ask', { question: 'what is the valuation of deepseek in japan' }),
    );
    const embed = embedOf(callback);
    expect(embed.description).toContain('The article doesn’t say.');
    expect(embed.description).toContain('“valuation”');
    expect(buttonsOf(callback).map((b) => b.label)).toContain('Is Alibaba investing $1 billion in DeepSeek?');
  });

  // Titles mentioning the story are written with %story%, filled in once the story is loaded.
  it.each([
    ['summary', {}, 'Summary: %story%', 0],
    ['topic', { name: 'bans' }, 'Bans on DeepSeek', 0],
    ['topic', {}, 'Topics', EPHEMERAL],
    ['timeline', {}, 'Timeline', 0],
    ['who', { name: 'Yan Qiao' }, 'Yan Qiao', 0],
    ['quotes', {}, 'Direct quotes', 0],
    ['source', {}, '%story%', 0],
    ['help', {}, 'ai-news — questions about one news story', EPHEMERAL],
  ] as const)('answers /ai-news %s %o', async (subcommand, options, title, flags) => {
    const callback = await h.interact(slashInteraction(subcommand, options));
    expect(callback.body.type).toBe(4);
    expect(callback.body.data.flags ?? 0).toBe(flags);
    expect(embedOf(callback).title).toBe(title.replace('%story%', story().title));
  });

  it('routes the schedule group: refuses non-admins, lets admins through', async () => {
    const refused = await h.interact(slashInteraction('schedule add', { when: 'daily 09:00' }));
    expect(refused.body.data.flags).toBe(EPHEMERAL);
    expect(embedOf(refused).description).toContain('Only admins can use /ai-news schedule add');
    // Manage Channels (16) counts as admin; this test core has no scheduler, which the reply says.
    const allowed = await h.interact(
      slashInteraction('schedule add', { when: 'daily 09:00' }, 'channel', '16'),
    );
    expect(embedOf(allowed).description).toBe('Scheduled summaries are not enabled on this bot.');
    const listed = await h.interact(slashInteraction('schedule list'));
    expect(embedOf(listed).description).toBe('Scheduled summaries are not enabled on this bot.');
  });

  it('shows list items with their quotes, and the source fields', async () => {
    const summary = embedOf(await h.interact(slashInteraction('summary')));
    expect(summary.description).toContain(
      '• Alibaba has officially denied reports that it is investing $1 billion in DeepSeek.',
    );
    expect(summary.description).toContain('\n> Chinese tech giant Alibaba has officially denied reports');
    expect(summary.footer.text).toBe(story().disclaimer);
    const source = embedOf(await h.interact(slashInteraction('source')));
    expect(source.fields.map((f: { name: string }) => f.name)).toEqual(['Title', 'Story id', 'Disclaimer']);
  });

  it('lists the help with every subcommand and featured questions as buttons', async () => {
    const callback = await h.interact(slashInteraction('help'));
    const description = embedOf(callback).description as string;
    for (const name of [
      'ask',
      'summary',
      'topic',
      'timeline',
      'who',
      'quotes',
      'source',
      'schedule add',
      'help',
    ]) {
      expect(description).toContain(`**/ai-news ${name}`);
    }
    expect(buttonsOf(callback).length).toBeGreaterThan(0);
  });

  it('autocompletes ask questions ranked by the engine for the text typed so far', async () => {
    const callback = await h.interact(autocompleteInteraction('ask', 'question', 'nvidia stock'));
    expect(callback.body.type).toBe(8);
    const choices = callback.body.data.choices as { name: string; value: string }[];
    const ranked = core()
      .engine.suggestQuestions('nvidia stock', 25)
      .map((s) => s.question);
    expect(choices.map((c) => c.value)).toEqual(ranked);
    expect(choices[0]?.name).toMatch(/nvda|nvidia/i);
    for (const choice of choices) {
      expect(choice.name.length).toBeLessThanOrEqual(100);
      expect(choice.value.length).toBeLessThanOrEqual(100);
    }
  });

  it('autocompletes up to 25 questions before anything is typed', async () => {
    const callback = await h.interact(autocompleteInteraction('ask', 'question', ''));
    expect(callback.body.data.choices).toHaveLength(25);
  });

  it('autocompletes topic and who names', async () => {
    const topics = await h.interact(autocompleteInteraction('topic', 'name', 'ban'));
    expect(topics.body.data.choices.map((c: { value: string }) => c.value)).toContain('bans');
    const people = await h.interact(autocompleteInteraction('who', 'name', 'yan'));
    expect(people.body.data.choices[0]).toEqual({ name: 'Yan Qiao', value: 'Yan Qiao' });
  });

  it('answers an option without autocomplete with no choices rather than failing', async () => {
    const callback = await h.interact(autocompleteInteraction('ask', 'private', 'x'));
    expect(callback.body).toEqual({ type: 8, data: { choices: [] } });
  });

  it('asks the suggested question when a "did you mean" button is clicked', async () => {
    const offer = await h.interact(
      slashInteraction('ask', { question: 'what is the valuation of deepseek in japan' }),
    );
    const button = buttonsOf(offer).find((b) => b.label === 'Is Alibaba investing $1 billion in DeepSeek?');
    expect(button).toBeDefined();
    const click = await h.interact(buttonInteraction(button?.custom_id as string));
    expect(click.body.type).toBe(4);
    expect(click.body.data.flags ?? 0).toBe(0);
    const embed = embedOf(click);
    expect(embed.title).toBe('Is Alibaba investing $1 billion in DeepSeek?');
    expect(embed.description).toMatch(/^No — /);
    expect(embed.description).toContain('\n> ');
  });

  it('keeps the answer private when the button was on a private message', async () => {
    const click = await h.interact(buttonInteraction('ask:Who has banned DeepSeek?', EPHEMERAL));
    expect(click.body.data.flags).toBe(EPHEMERAL);
    expect(embedOf(click).title).toBe('Who has banned DeepSeek?');
  });

  it('thanks the user privately for a 👍 or 👎 on an answer', async () => {
    const up = await h.interact(buttonInteraction('feedback:up:texas-ban'));
    expect(up.body.data.flags).toBe(EPHEMERAL);
    expect(embedOf(up).description).toBe('Thanks — glad that helped. 👍');
    const down = await h.interact(buttonInteraction('feedback:down:texas-ban'));
    expect(embedOf(down).description).toMatch(/^Thanks — noted\./);
  });

  it('answers a button it does not know with a private notice', async () => {
    const click = await h.interact(buttonInteraction('vote:yes'));
    expect(click.body.data.flags).toBe(EPHEMERAL);
    expect(embedOf(click).description).toContain('That button no longer does anything');
  });

  it('replies to a mention in a channel, in that channel, referencing the message', async () => {
    const reply = await mention(`<@${BOT_USER_ID}> did congress block deepseek?`);
    expect(reply.path).toBe(`/channels/${CHANNEL_ID}/messages`);
    expect(reply.headers.authorization).toBe('Bot fake-bot-token');
    expect(reply.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    // Still answered, as a plain message, if the question was deleted meanwhile.
    expect(reply.body.message_reference.fail_if_not_exists).toBe(false);
    const embed = reply.body.embeds[0];
    expect(embed.title).toBe('did congress block deepseek?');
    expect(embed.description).toContain('> The U.S. Navy, Congress, the Pentagon, and NASA');
    expect(reply.body.components[0].components.length).toBeGreaterThan(0);
  });

  it.each([
    ['help', 'ai-news — questions about one news story'],
    ['summary', 'Summary: %story%'],
    ['topic bans', 'Bans on DeepSeek'],
    ['who is yan qiao', 'Yan Qiao'],
  ])('treats "@bot %s" like the subcommand', async (text, title) => {
    const reply = await mention(`<@!${BOT_USER_ID}> ${text}`);
    expect(reply.body.embeds[0].title).toBe(title.replace('%story%', story().title));
  });

  it('answers "@bot private …" by direct message, with only a note in the channel', async () => {
    const note = await mention(`<@${BOT_USER_ID}> private did congress block deepseek`);
    expect(note.path).toBe(`/channels/${CHANNEL_ID}/messages`);
    expect(note.body.embeds[0].description).toBe('I sent you the answer by direct message.');
    const dm = h.fake.requests.find(
      (r) => r.method === 'POST' && r.path === `/channels/${DM_CHANNEL_ID}/messages`,
    );
    expect(dm?.body.embeds[0].description).toContain('Yes — the U.S. bodies blocking DeepSeek include');
    expect(dm?.body.allowed_mentions).toMatchObject({ parse: [] });
  });

  it('says how to ask privately when the direct message cannot be sent', async () => {
    h.fake.failNext((r) => r.path === `/channels/${DM_CHANNEL_ID}/messages`, 403, {
      message: 'Cannot send messages to this user',
      code: 50007,
    });
    const note = await mention(`<@${BOT_USER_ID}> private did congress block deepseek`);
    expect(note.body.embeds[0].description).toBe(
      'I couldn’t send you a direct message. For an answer only you can see, use /ai-news ask with the private option.',
    );
  });

  it('replies to a mention in a thread inside the thread', async () => {
    const reply = await mention(`<@${BOT_USER_ID}> who has banned deepseek`, 'thread');
    expect(reply.path).toBe(`/channels/${THREAD_ID}/messages`);
    expect(reply.body.embeds[0].title).toBe('who has banned deepseek');
  });

  it('answers a DM without a mention', async () => {
    const reply = await mention('how much did nvidia stock drop', 'dm');
    expect(reply.path).toBe(`/channels/${DM_CHANNEL_ID}/messages`);
    expect(reply.body.embeds[0].description).toMatch(/Nvidia/);
  });

  it('ignores bots (itself included) and channel messages that do not mention it', async () => {
    const ignored = [
      messageCreate('did congress block deepseek?'),
      messageCreate(`<@${BOT_USER_ID}> did congress block deepseek?`, 'channel', {
        id: OTHER_BOT_ID,
        username: 'other-bot',
        discriminator: '0',
        avatar: null,
        bot: true,
      }),
      messageCreate(`<@${BOT_USER_ID}> did congress block deepseek?`, 'channel', BOT_USER),
      messageCreate('summary', 'dm', BOT_USER),
    ];
    for (const message of ignored) h.fake.dispatch('MESSAGE_CREATE', message);
    // Messages are handled in order and the decision to ignore is made before any await: once the
    // reply to a later message has arrived, any reply to the ignored ones would have been sent.
    await mention(`<@${BOT_USER_ID}> summary`);
    const ids = new Set(ignored.map((m) => m.id));
    expect(h.fake.requests.filter((r) => ids.has(r.body?.message_reference?.message_id))).toEqual([]);
  });

  it('never lets user text ping anyone', async () => {
    const callback = await h.interact(
      slashInteraction('ask', { question: '@everyone <@123456789012345678> did congress block deepseek' }),
    );
    const title = embedOf(callback).title as string;
    expect(title).not.toContain('@everyone');
    expect(title).not.toContain('<@1');
    expect(callback.body.data.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  it('posts a reply into a channel for the scheduler', async () => {
    await h.adapter.post(CHANNEL_ID, {
      kind: 'list',
      title: 'Daily summary',
      body: 'The story in 2 points.',
      items: [{ text: 'One.' }, { text: 'Two.' }],
      visibility: 'ephemeral',
    });
    const posted = await h.fake.waitForRequest(
      (r) =>
        r.method === 'POST' &&
        r.path === `/channels/${CHANNEL_ID}/messages` &&
        r.body?.embeds?.[0]?.title === 'Daily summary',
      'the scheduled post',
    );
    expect(posted.body.embeds[0].description).toBe('The story in 2 points.\n• One.\n• Two.');
    expect(posted.body.allowed_mentions).toEqual({ parse: [] });
    expect(posted.body.flags).toBeUndefined();
  });

  it('resumes the session after the gateway asks it to reconnect, and answers what it missed', async () => {
    const identifies = h.fake.frames.filter((f) => f.op === 2).length;
    const connections = h.fake.connectionCount;
    h.fake.requestReconnect();
    // Sent while the client is away: the fake replays it after RESUME, as Discord does.
    const missed = slashInteraction('ask', { question: 'Who has banned DeepSeek?' });
    h.fake.dispatch('INTERACTION_CREATE', missed);
    const resume = await h.fake.waitForFrame((f) => f.op === 6, 'RESUME');
    expect(resume.d).toMatchObject({ token: 'fake-bot-token', session_id: 'fake-session-1' });
    expect(resume.connection).toBe(connections + 1);
    const callback = await h.fake.waitForRequest(
      (r) => r.path.startsWith(`/interactions/${missed.id}/`),
      'the replayed reply',
    );
    expect(embedOf(callback).title).toBe('Who has banned DeepSeek?');
    expect(h.fake.frames.filter((f) => f.op === 2)).toHaveLength(identifies);
    // Still answering on the new connection; this reply also means RESUMED (sent before it) was handled.
    const after = await h.interact(slashInteraction('summary'));
    expect(embedOf(after).title).toBe(`Summary: ${story().title}`);
    expect(h.logs.some((l) => l.msg === 'Discord gateway resumed')).toBe(true);
    expect(reconnects).toBe(1);
    expect(h.adapter.isConnected()).toBe(true);
  });

  it('logs and drops malformed payloads without crashing, and keeps answering', async () => {
    const noData = { ...slashInteraction('ask', { question: 'x' }), data: undefined };
    const noUser = { ...slashInteraction('summary'), member: undefined, user: undefined };
    const badButton = { ...buttonInteraction('ask:Who has banned DeepSeek?'), message: undefined };
    const badMessage = { ...messageCreate(`<@${BOT_USER_ID}> summary`), author: undefined };
    h.fake.dispatch('INTERACTION_CREATE', noData);
    h.fake.dispatch('INTERACTION_CREATE', noUser);
    h.fake.dispatch('INTERACTION_CREATE', badButton);
    h.fake.dispatch('INTERACTION_CREATE', 'not even an object');
    h.fake.dispatch('MESSAGE_CREATE', badMessage);
    // Frames Discord would never send: not JSON, and a dispatch without an event name.
    h.fake.sendRaw('{not json');
    h.fake.sendRaw({ op: 0, s: null, t: null, d: {} });
    const next = await h.interact(slashInteraction('timeline'));
    expect(embedOf(next).title).toBe('Timeline');
    const dropped = h.logs.filter((l) => l.msg === 'dropped a malformed Discord payload');
    expect(dropped.map((l) => l.id)).toEqual([noData.id, noUser.id, badButton.id, undefined, badMessage.id]);
    expect(dropped[0]?.problems).toEqual(['data: Invalid input: expected object, received undefined']);
    for (const payload of [noData, noUser, badButton]) expect(h.fake.requestsFor(payload)).toEqual([]);
  });

  it('still answers a payload without the newer entitlements fields', async () => {
    const older = {
      ...slashInteraction('source'),
      entitlements: undefined,
      authorizing_integration_owners: undefined,
    };
    const callback = await h.interact(older);
    expect(embedOf(callback).title).toBe(story().title);
  });

  it('answers an option of the wrong type with a private explanation', async () => {
    const payload = slashInteraction('ask', { question: 'x' });
    payload.data = {
      ...payload.data,
      options: [{ type: 1, name: 'ask', options: [{ type: 4, name: 'question', value: 42 }] }],
    };
    const callback = await h.interact(payload);
    expect(callback.body.data.flags).toBe(EPHEMERAL);
    expect(embedOf(callback).description).toContain('request doesn’t look right');
  });

  it('apologises privately, and logs, when sending a reply fails', async () => {
    const payload = slashInteraction('ask', { question: 'Did Congress block DeepSeek?' });
    h.fake.failNext((r) => r.path.startsWith(`/interactions/${payload.id}/`), 400, {
      message: 'Invalid Form Body',
      code: 50035,
    });
    h.fake.dispatch('INTERACTION_CREATE', payload);
    const apology = await h.fake.waitForRequest(
      (r) => r.path.startsWith(`/interactions/${payload.id}/`) && r.body?.data?.flags === EPHEMERAL,
      'the apology',
    );
    expect(apology.body.type).toBe(4);
    expect(embedOf(apology).description).toContain('Sorry — something went wrong');
    expect(h.fake.requestsFor(payload)).toHaveLength(2);
    expect(h.logs.some((l) => l.msg === 'reply not delivered' && l.platform === 'discord')).toBe(true);
  });

  it('sent nothing, in this whole session, that allows a mention', () => {
    const messages = h.fake.requests.filter(isMessageRequest);
    expect(messages.length).toBeGreaterThan(30);
    const offending = messages.filter((r: RecordedRequest) => !allowsNoMentions(r));
    expect(offending).toEqual([]);
  });
});
