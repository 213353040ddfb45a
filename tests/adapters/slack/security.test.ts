import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type SlackHarness, startSlackHarness } from '../../fakes/slack-harness.ts';
import {
  appMention,
  eventBody,
  eventCallback,
  interactionBody,
  postSigned,
  type SlackRequestBody,
  slackSignature,
  slashCommandBody,
  slashCommandPayload,
  suggestionClick,
  TEST_SIGNING_SECRET,
} from '../../fakes/slack-requests.ts';
import { FAKE_BOT } from '../../fakes/slack-web-api.ts';

let h: SlackHarness;

beforeAll(async () => {
  h = await startSlackHarness();
});

afterAll(async () => {
  await h?.stop();
});

beforeEach(() => {
  h.api.calls.length = 0;
  h.handled.length = 0;
});

const now = () => Math.floor(Date.now() / 1000);

function command(): SlackRequestBody {
  return slashCommandBody(slashCommandPayload('summary', h.api.responseUrl('forged')));
}

/** After a rejected request, a genuine one is still answered, and it is the only thing that reached the bot. */
async function expectOnlyTheGenuineRequestHandled(): Promise<void> {
  const genuine = await postSigned(
    h.eventsUrl,
    eventBody(eventCallback(appMention(`<@${FAKE_BOT.userId}> summary`))),
  );
  expect(genuine.status).toBe(200);
  await h.api.waitForPosts(1);
  expect(h.handled).toHaveLength(1);
  expect(h.api.posts).toHaveLength(1);
  expect(h.api.posts.some((c) => c.responseId === 'forged')).toBe(false);
}

describe('signature verification (always on)', () => {
  it.each([
    [
      'a signature made with another secret',
      () => postSigned(h.eventsUrl, command(), { secret: 'not-the-secret' }),
    ],
    ['a garbage signature', () => postSigned(h.eventsUrl, command(), { signature: 'v0=deadbeef' })],
    ['no signature header', () => postSigned(h.eventsUrl, command(), { signature: null })],
    [
      'a timestamp six minutes old (replay)',
      () => postSigned(h.eventsUrl, command(), { timestamp: now() - 6 * 60 }),
    ],
    [
      'a timestamp a day in the future (a replay prepared in advance)',
      () => postSigned(h.eventsUrl, command(), { timestamp: now() + 24 * 60 * 60 }),
    ],
    [
      'a body changed after signing',
      () => {
        const body = command();
        return postSigned(h.eventsUrl, body, { sentBody: body.raw.replace('summary', 'help') });
      },
    ],
    [
      'a signature over another timestamp',
      () => {
        const body = command();
        return postSigned(h.eventsUrl, body, {
          timestamp: now(),
          signature: slackSignature(TEST_SIGNING_SECRET, now() - 1000, body.raw),
        });
      },
    ],
    [
      'a forged event',
      () =>
        postSigned(h.eventsUrl, eventBody(eventCallback(appMention('<@UBOT0001> help'))), { secret: 'x' }),
    ],
    [
      'a forged button click',
      () =>
        postSigned(h.eventsUrl, interactionBody(suggestionClick('Who?', h.api.responseUrl('forged'))), {
          signature: 'v0=0000',
        }),
    ],
  ])('rejects %s with 401, reaching no handler', async (_what, send) => {
    const response = await send();
    expect(response.status).toBe(401);
    expect(h.handled).toHaveLength(0);
    await expectOnlyTheGenuineRequestHandled();
  });
});

describe('signed bodies that are not Slack payloads', () => {
  const json = (raw: string): SlackRequestBody => ({ raw, contentType: 'application/json' });
  const form = (raw: string): SlackRequestBody => ({ raw, contentType: 'application/x-www-form-urlencoded' });

  it.each([
    ['not JSON', json('{not json')],
    ['JSON null', json('null')],
    ['an event that is not an object', json('{"type":"event_callback","event":"app_mention"}')],
    ['an event that is null', json('{"type":"event_callback","event":null}')],
    ['an interaction payload that is not JSON', form('payload=%7Bbroken')],
    ['an interaction payload that is null', form('payload=null')],
    [
      'block_actions without actions list',
      form(`payload=${encodeURIComponent('{"type":"block_actions","actions":5}')}`),
    ],
  ])('answers %s with 400, without crashing', async (_what, body) => {
    const response = await postSigned(h.eventsUrl, body);
    expect(response.status).toBe(400);
    expect(response.text).toBe('');
    expect(h.handled).toHaveLength(0);
    await expectOnlyTheGenuineRequestHandled();
  });

  it('answers JSON of no known kind with 404 once Bolt’s 3 s acknowledgement window passes', async () => {
    const responses = await Promise.all([
      postSigned(h.eventsUrl, json('{"hello":"world"}')),
      postSigned(h.eventsUrl, json('"hello"')),
    ]);
    expect(responses.map((r) => r.status)).toEqual([404, 404]);
    expect(h.handled).toHaveLength(0);
    await expectOnlyTheGenuineRequestHandled();
  });

  it('answers a slash command missing its user with a friendly ephemeral message', async () => {
    const fields = slashCommandPayload('summary', h.api.responseUrl('malformed'));
    delete fields.user_id;
    const response = await postSigned(h.eventsUrl, slashCommandBody(fields));
    expect(response).toEqual({ status: 200, text: '' });
    await h.api.waitFor(1, (c) => c.responseId === 'malformed');
    expect(h.api.posts[0]?.args).toMatchObject({
      response_type: 'ephemeral',
      text: 'Sorry — I couldn’t read that request. Please try again, or type /ai-news help.',
    });
    expect(h.handled).toHaveLength(0);
    expect(h.logs.some((l) => l.includes('malformed slash command'))).toBe(true);
  });

  it('answers a button click without a question with a friendly ephemeral message', async () => {
    const click = suggestionClick('', h.api.responseUrl('empty-click'));
    const response = await postSigned(h.eventsUrl, interactionBody(click));
    expect(response.status).toBe(200);
    await h.api.waitFor(1, (c) => c.responseId === 'empty-click');
    expect(h.api.posts[0]?.args).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(h.handled).toHaveLength(0);
  });

  it('logs a slash command without a response_url and does no work for it', async () => {
    const fields = slashCommandPayload('summary', '');
    delete fields.response_url;
    const response = await postSigned(h.eventsUrl, slashCommandBody(fields));
    expect(response.status).toBe(200);
    await expectOnlyTheGenuineRequestHandled();
    expect(h.logs.some((l) => l.includes('payload without a response_url ignored'))).toBe(true);
  });

  it('serves nothing but POST /slack/events', async () => {
    expect((await fetch(h.eventsUrl)).status).toBe(404);
    const elsewhere = await postSigned(h.eventsUrl.replace('/slack/events', '/slack/other'), command());
    expect(elsewhere.status).toBe(404);
    expect(h.handled).toHaveLength(0);
  });
});
