import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BOT_USER_ID,
  CHANNEL_ID,
  messageCreate,
  type RecordedRequest,
  slashInteraction,
} from '../../fakes/discord-fake.ts';
import { core, testDispatcher } from '../../helpers.ts';
import { type Harness, startHarness } from './discord-harness.ts';

const PNG = Buffer.from([137, 80, 78, 71]);
const market = () => core().engine.story;

describe('charts on Discord, driving the real discord.js against a fake Discord', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness((logger) => testDispatcher({ logger }));
  });

  afterAll(async () => {
    await h?.close();
  });

  /** The message a request sends: an interaction callback's `data`, or a channel message's body. */
  const messageOf = (r: RecordedRequest) => (r.path.endsWith('/callback') ? r.body.data : r.body);

  function expectChart(request: RecordedRequest, fileName: string) {
    const message = messageOf(request);
    expect(request.headers['content-type']).toMatch(/^multipart\/form-data/);
    expect(message.embeds[0].image).toEqual({ url: `attachment://${fileName}` });
    expect(request.files).toHaveLength(1);
    expect(request.files[0]?.name).toBe(fileName);
    expect(request.files[0]?.data.subarray(0, 4)).toEqual(PNG);
    expect(message.attachments).toHaveLength(1);
    // The attachment's entry describes the file part of its id.
    expect(request.files[0]?.field).toBe(`files[${message.attachments[0].id}]`);
    expect(message.attachments[0].filename).toBe(fileName);
    return message.attachments[0].description as string;
  }

  it('answers /ai-news chart market with the PNG attached, shown in the embed, its alt text the description', async () => {
    const callback = await h.interact(slashInteraction('chart', { subject: 'market' }));
    const alt = expectChart(callback, 'market-figures.png');
    expect(alt).toContain('Nvidia shares: down 20%');
    expect(alt).toContain('Microsoft shares: down over 8%');
    expect(alt).toContain(market().factsById.get('nvidia-share-dip')?.quote);
    expect(messageOf(callback).embeds[0].title).toBe('The market shock');
  });

  it('attaches the timeline to /ai-news timeline, and the topic’s chart to a mention asking for the topic', async () => {
    const timeline = await h.interact(slashInteraction('timeline'));
    expect(expectChart(timeline, 'timeline.png')).toMatch(/^Timeline of the story/);
    const message = messageCreate(`<@${BOT_USER_ID}> topic market`);
    h.fake.dispatch('MESSAGE_CREATE', message);
    const reply = await h.fake.waitForRequest(
      (r) => r.method === 'POST' && r.body?.message_reference?.message_id === message.id,
      'the reply to the mention',
    );
    expect(reply.path).toBe(`/channels/${CHANNEL_ID}/messages`);
    expectChart(reply, 'market-figures.png');
  });

  it('posts a scheduled summary with its chart attached', async () => {
    const chart = (
      await core().dispatcher.answer({
        platform: 'console',
        source: 'console',
        command: 'chart',
        text: 'market',
        options: {},
        user: { id: 'u' },
        channelId: 'c',
      })
    ).image;
    await h.adapter.post(CHANNEL_ID, {
      kind: 'list',
      title: 'Daily summary with a chart',
      body: 'The story in 2 points.',
      ...(chart ? { image: chart } : {}),
      visibility: 'channel',
    });
    const posted = await h.fake.waitForRequest(
      (r) =>
        r.path === `/channels/${CHANNEL_ID}/messages` &&
        r.body?.embeds?.[0]?.title === 'Daily summary with a chart',
      'the scheduled post',
    );
    expect(expectChart(posted, 'market-figures.png')).toContain('up nearly 10%');
  });

  it('still answers, without the picture, where the bot lacks Attach Files, and logs the missing permission', async () => {
    const payload = slashInteraction('chart', { subject: 'market' });
    h.fake.failNext((r) => r.path === `/interactions/${payload.id}/${payload.token}/callback`, 403, {
      message: 'Missing Permissions',
      code: 50013,
    });
    h.fake.dispatch('INTERACTION_CREATE', payload);
    const answer = await h.fake.waitForRequest(
      (r) => r.path.endsWith('/callback') && r.path.includes(payload.id) && r.files.length === 0,
      'the answer without its picture',
    );
    const message = answer.body.data;
    expect(message.embeds[0].title).toBe('The market shock');
    expect(message.embeds[0].image).toBeUndefined();
    expect(message.embeds[0].footer.text).toContain('the bot needs the Attach Files permission');
    expect(h.fake.requestsFor(payload)).toHaveLength(2);
    expect(h.logs.some((l) => l.permission === 'Attach Files' && /Attach Files/.test(l.msg))).toBe(true);
    expect(h.logs.some((l) => l.msg === 'reply not delivered')).toBe(false);
  });
});
