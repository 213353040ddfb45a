import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DbConversationStore } from '../../src/storage/conversation-store.ts';
import { type Database, openPostgres } from '../../src/storage/database.ts';
import { DbRequestLedger } from '../../src/storage/request-ledger.ts';
import { type SlackHarness, startSlackHarness } from '../fakes/slack-harness.ts';
import {
  appMention,
  eventBody,
  eventCallback,
  postSigned,
  slashCommandBody,
  slashCommandPayload,
} from '../fakes/slack-requests.ts';
import { FAKE_BOT } from '../fakes/slack-web-api.ts';
import { testDispatcher } from '../helpers.ts';

// Two bot instances behind one load balancer, sharing one PostgreSQL database: each with its own
// dispatcher, ledger and connection pool, each a real Bolt app with its own HTTP port.
const url = inject('testDatabaseUrl');
const schema = `ai_news_instances_${process.pid}_${randomBytes(3).toString('hex')}`;
const LIMIT = 3;
let databases: Database[] = [];
let instances: SlackHarness[] = [];
let requests = 0;

beforeAll(async () => {
  databases = [await openPostgres(url, { schema, max: 2 }), await openPostgres(url, { schema, max: 2 })];
  instances = await Promise.all(
    databases.map((database) =>
      startSlackHarness({
        dispatcher: testDispatcher({
          ledger: new DbRequestLedger(database),
          conversations: new DbConversationStore(database),
          rateLimit: { questions: LIMIT, windowSeconds: 60 },
        }),
      }),
    ),
  );
});

afterAll(async () => {
  for (const instance of instances) await instance.stop();
  for (const database of databases) await database.close();
  const admin = new pg.Pool({ connectionString: url, max: 1 });
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin.end();
});

/** `/ai-news <text>` from `user` to one instance; resolves with the body of the answer. */
async function slash(instance: SlackHarness, text: string, user: string): Promise<string> {
  const id = `instances-${++requests}`;
  const fields = slashCommandPayload(text, instance.api.responseUrl(id), { user_id: user });
  expect((await postSigned(instance.eventsUrl, slashCommandBody(fields))).status).toBe(200);
  await instance.api.waitFor(1, (c) => c.responseId === id);
  return String(instance.api.calls.find((c) => c.responseId === id)?.args.text);
}

describe('two instances sharing PostgreSQL', () => {
  it('hold each user to one rate limit between them, not one each', async () => {
    const [a, b] = instances as [SlackHarness, SlackHarness];
    const answers: string[] = [];
    // Alternating instances, as a load balancer would: twice the limit in all.
    for (let i = 0; i < LIMIT * 2; i++) answers.push(await slash(i % 2 ? b : a, 'summary', 'U0SHARED1'));
    const refused = answers.filter((text) => text.startsWith('Slow down a little'));
    expect(answers.length - refused.length).toBe(LIMIT);
    expect(refused).toHaveLength(LIMIT);
    // Someone else is not held back by it, on either instance.
    expect(await slash(b, 'summary', 'U0OTHER01')).toMatch(/^Summary: /);
  });

  it('answer an event Slack delivers to both only once', async () => {
    const [a, b] = instances as [SlackHarness, SlackHarness];
    const envelope = eventCallback(appMention(`<@${FAKE_BOT.userId}> who is yan qiao`), 'EvBothInstances');
    await Promise.all([
      postSigned(a.eventsUrl, eventBody(envelope)),
      postSigned(b.eventsUrl, eventBody(envelope)),
    ]);
    const posted = () => [...a.api.calls, ...b.api.calls].filter((c) => c.method === 'chat.postMessage');
    for (let waited = 0; posted().length === 0 && waited < 5000; waited += 10)
      await new Promise((resolve) => setTimeout(resolve, 10));
    // Time enough for a second answer, had one been sent.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(posted()).toHaveLength(1);
    expect(String(posted()[0]?.args.text)).toMatch(/^Yan Qiao/);
    expect([...a.handled, ...b.handled].filter((i) => i.eventId === 'EvBothInstances')).toHaveLength(2);
  });

  it('resolve a follow-up that lands on the other instance against the answer before it', async () => {
    const [a, b] = instances as [SlackHarness, SlackHarness];
    expect(await slash(a, 'did nvidia stock drop', 'U0FOLLOW1')).toMatch(/20% dip/);
    expect(await slash(b, 'how much?', 'U0FOLLOW1')).toMatch(/20%: Nvidia/);
    // Another person asking the same on the other instance has nothing to refer to.
    expect(await slash(b, 'how much?', 'U0FOLLOW2')).toMatch(/What does “that” refer to/);
  });
});
