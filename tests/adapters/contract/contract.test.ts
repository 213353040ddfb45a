import { PassThrough } from 'node:stream';
import { createConsolePlatform } from '../../../src/adapters/console/console-bot.ts';
import type { Dispatcher } from '../../../src/core/dispatcher.ts';
import {
  BOT_USER_ID,
  buttonInteraction,
  CHANNEL_ID,
  DM_CHANNEL_ID,
  messageCreate,
  type RecordedRequest,
  slashInteraction,
} from '../../fakes/discord-fake.ts';
import { startSlackHarness } from '../../fakes/slack-harness.ts';
import {
  appMention,
  eventBody,
  eventCallback,
  interactionBody,
  postSigned,
  slashCommandBody,
  slashCommandPayload,
  suggestionClick,
  TEST_CHANNEL,
} from '../../fakes/slack-requests.ts';
import { FAKE_BOT, type FakeSlackCall } from '../../fakes/slack-web-api.ts';
import { startHarness } from '../discord/discord-harness.ts';
import { allowsNoMentions, buttonsOf, isMessageRequest, messageOf } from '../discord/discord-messages.ts';
import { startEndpoint } from '../discord/endpoint-harness.ts';
import {
  type AdapterDriver,
  contractDispatcher,
  defineAdapterContract,
  type Shown,
  textsOf,
  until,
} from './contract.ts';

/** Mention syntax that could notify someone if a platform read it: @everyone/@here/@channel, <@…>, <!…>, <#…>. */
const LIVE_MENTION = /(?<![\w\u200B])@(everyone|here|channel)\b|<[@!#]/;

/** What `/ai-news <command> [private] [question]` is as typed text. */
function typed(command: string, options: Record<string, string | boolean> = {}): string {
  return [command, options.private ? 'private' : '', String(options.question ?? '')]
    .filter(Boolean)
    .join(' ');
}

/** Waits for the dispatcher to finish a platform's requests, and for something new to have been shown. */
async function settled<T>(dispatcher: Dispatcher, platform: string, shown: () => T[]): Promise<T[]> {
  await until(() => (shown().length > 0 && dispatcher.pending(platform) === 0 ? true : undefined), 'a reply');
  // A moment for a second message of the same answer (a note after a DM) to arrive.
  await new Promise((resolve) => setTimeout(resolve, 30));
  await until(() => (dispatcher.pending(platform) === 0 ? true : undefined), 'the request to end');
  return shown();
}

async function consoleDriver(): Promise<AdapterDriver> {
  const dispatcher = contractDispatcher();
  const input = new PassThrough();
  const output = new PassThrough();
  let out = '';
  output.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  const platform = createConsolePlatform(dispatcher, { input, output, interactive: false });
  await platform.start();
  const sent = (line: string) => {
    const mark = out.length;
    input.write(`${line}\n`);
    // The console is one person's terminal: everything it shows is private to them.
    return () =>
      settled(dispatcher, 'console', () => {
        const text = out.slice(mark);
        return text ? [{ text, private: true, pingSafe: !LIVE_MENTION.test(text) }] : [];
      });
  };
  return {
    platform,
    channel: 'console',
    slash: (command, options) => sent(`/ai-news ${typed(command, options)}`)(),
    mention: (text) => sent(text)(),
    pickSuggestion: (n) => sent(String(n))(),
    async slashStarted(command) {
      const answered = sent(`/ai-news ${command}`);
      await until(() => (dispatcher.pending('console') > 0 ? true : undefined), 'the request to start');
      return answered;
    },
    postFailures: {
      permanent: () => output.destroy(),
    },
    async close() {
      input.end();
      await platform.stop();
    },
  };
}

async function slackDriver(): Promise<AdapterDriver> {
  const dispatcher = contractDispatcher();
  const h = await startSlackHarness({ dispatcher });
  let requests = 0;
  let last: FakeSlackCall[] = [];
  const isMessage = (c: FakeSlackCall) =>
    c.method === 'response_url' || c.method === 'chat.postMessage' || c.method === 'chat.postEphemeral';
  const shownOf = (c: FakeSlackCall): Shown => {
    const text = textsOf(c.args);
    return {
      text,
      private: c.method === 'chat.postEphemeral' || c.args.response_type === 'ephemeral',
      pingSafe: !LIVE_MENTION.test(text),
    };
  };
  const act = async (send: () => Promise<unknown>): Promise<() => Promise<Shown[]>> => {
    const mark = h.api.calls.length;
    await send();
    return async () => {
      const calls = await settled(dispatcher, 'slack', () => h.api.calls.slice(mark).filter(isMessage));
      last = calls;
      return calls.map(shownOf);
    };
  };
  const slash = (text: string) => {
    const id = `contract-${++requests}`;
    return act(() =>
      postSigned(h.eventsUrl, slashCommandBody(slashCommandPayload(text, h.api.responseUrl(id)))),
    );
  };
  return {
    platform: h.adapter,
    channel: TEST_CHANNEL,
    slash: async (command, options) => (await slash(typed(command, options)))(),
    mention: async (text) =>
      (
        await act(() =>
          postSigned(h.eventsUrl, eventBody(eventCallback(appMention(`<@${FAKE_BOT.userId}> ${text}`)))),
        )
      )(),
    async pickSuggestion(n) {
      const question = textsOfButton(last, `ai-news-suggestion-${n - 1}`);
      const id = `contract-${++requests}`;
      return (
        await act(() =>
          postSigned(h.eventsUrl, interactionBody(suggestionClick(question, h.api.responseUrl(id)))),
        )
      )();
    },
    async slashStarted(command) {
      const answered = await slash(command);
      await until(() => (dispatcher.pending('slack') > 0 ? true : undefined), 'the request to start');
      return answered;
    },
    postFailures: {
      permanent: () => h.api.failNext('chat.postMessage', 'channel_not_found'),
      transient: () => h.api.failNext('chat.postMessage', 'internal_error'),
    },
    close: () => h.stop(),
  };
}

/** The value of the Block Kit button with `actionId` among the messages. */
function textsOfButton(calls: FakeSlackCall[], actionId: string): string {
  const found: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      const element = value as { action_id?: unknown; value?: unknown };
      if (element.action_id === actionId && typeof element.value === 'string') found.push(element.value);
      Object.values(value).forEach(walk);
    }
  };
  walk(calls.map((c) => c.args));
  if (!found[0]) throw new Error(`no button ${actionId} was offered`);
  return found[0];
}

async function discordDriver(): Promise<AdapterDriver> {
  let dispatcher: Dispatcher | undefined;
  const h = await startHarness((logger) => {
    dispatcher = contractDispatcher(logger);
    return dispatcher;
  });
  const core = dispatcher as Dispatcher;
  let last: RecordedRequest[] = [];
  const shownOf = (request: RecordedRequest): Shown => {
    const message = messageOf(request);
    const ephemeral = ((message?.flags ?? 0) & 64) !== 0;
    return {
      text: textsOf(message),
      private: ephemeral || request.path === `/channels/${DM_CHANNEL_ID}/messages`,
      pingSafe: allowsNoMentions(request),
    };
  };
  const act = (event: string, payload: unknown): (() => Promise<Shown[]>) => {
    const mark = h.fake.requests.length;
    h.fake.dispatch(event, payload);
    return async () => {
      const sent = await settled(core, 'discord', () => h.fake.requests.slice(mark).filter(isMessageRequest));
      last = sent;
      return sent.map(shownOf);
    };
  };
  const slash = (command: string, options: Record<string, string | boolean> = {}) =>
    act('INTERACTION_CREATE', slashInteraction(command, options));
  return {
    platform: h.adapter,
    channel: CHANNEL_ID,
    slash: (command, options) => slash(command, options)(),
    mention: (text) => act('MESSAGE_CREATE', messageCreate(`<@${BOT_USER_ID}> ${text}`))(),
    pickSuggestion(n) {
      const buttons = last
        .flatMap((request) => buttonsOf(request))
        .filter((b) => b.custom_id.startsWith('ask:'));
      const button = buttons[n - 1];
      if (!button) throw new Error(`no suggestion button ${n} was offered`);
      return act('INTERACTION_CREATE', buttonInteraction(button.custom_id))();
    },
    async slashStarted(command) {
      const answered = slash(command);
      await until(() => (core.pending('discord') > 0 ? true : undefined), 'the request to start');
      return answered;
    },
    postFailures: {
      permanent: () =>
        h.fake.failNext((r) => r.method === 'POST' && r.path === `/channels/${CHANNEL_ID}/messages`, 404, {
          code: 10003,
          message: 'Unknown Channel',
        }),
      transient: () =>
        h.fake.failNext(
          (r) => r.method === 'POST' && r.path === `/channels/${CHANNEL_ID}/messages`,
          500,
          { message: 'Internal Server Error' },
          10,
        ),
    },
    close: () => h.close(),
  };
}

/**
 * Discord with the interactions endpoint and the gateway (DISCORD_PUBLIC_KEY and DISCORD_TOKEN):
 * commands and buttons POSTed, signed, to the endpoint and answered in the response (or through the
 * interaction's webhook when deferred); mentions and posts over the gateway.
 */
async function discordHttpDriver(): Promise<AdapterDriver> {
  let dispatcher: Dispatcher | undefined;
  const gateway = await startHarness((logger) => {
    dispatcher = contractDispatcher(logger);
    return dispatcher;
  });
  const core = dispatcher as Dispatcher;
  const h = await startEndpoint(core, { gateway: gateway.adapter, fake: gateway.fake });
  // biome-ignore lint/suspicious/noExplicitAny: message bodies are arbitrary JSON
  let last: any[] = [];
  // biome-ignore lint/suspicious/noExplicitAny: message bodies are arbitrary JSON
  const shownOf = (message: any): Shown => ({
    text: textsOf(message),
    private: ((message?.flags ?? 0) & 64) !== 0,
    pingSafe: Array.isArray(message?.allowed_mentions?.parse) && message.allowed_mentions.parse.length === 0,
  });
  const interact = (payload: { token: string }): (() => Promise<Shown[]>) => {
    const mark = h.fake.requests.length;
    const answered = h.post(payload);
    return async () => {
      const { body } = await answered;
      await until(() => (core.pending('discord') === 0 ? true : undefined), 'the request to end');
      const later = h.fake.requests
        .slice(mark)
        .filter((r) => r.path.includes(`/${payload.token}`) && isMessageRequest(r))
        .map((r) => r.body);
      last = [...(body?.type === 4 ? [body.data] : []), ...later];
      return last.map(shownOf);
    };
  };
  return {
    platform: h.platform,
    channel: CHANNEL_ID,
    slash: (command, options = {}) => interact(slashInteraction(command, options))(),
    async mention(text) {
      const mark = gateway.fake.requests.length;
      gateway.fake.dispatch('MESSAGE_CREATE', messageCreate(`<@${BOT_USER_ID}> ${text}`));
      const sent = await settled(core, 'discord', () =>
        gateway.fake.requests.slice(mark).filter(isMessageRequest),
      );
      last = sent.map(messageOf);
      // A private answer to a mention goes by direct message.
      return sent.map((r) => {
        const shown = shownOf(messageOf(r));
        return { ...shown, private: shown.private || r.path === `/channels/${DM_CHANNEL_ID}/messages` };
      });
    },
    pickSuggestion(n) {
      const buttons = last
        .flatMap((message) =>
          (message?.components ?? []).flatMap(
            (row: { components: { custom_id: string }[] }) => row.components,
          ),
        )
        .filter((b: { custom_id: string }) => b.custom_id.startsWith('ask:'));
      const button = buttons[n - 1];
      if (!button) throw new Error(`no suggestion button ${n} was offered`);
      return interact(buttonInteraction(button.custom_id))();
    },
    async slashStarted(command) {
      const answered = interact(slashInteraction(command));
      await until(() => (core.pending('discord') > 0 ? true : undefined), 'the request to start');
      return answered;
    },
    postFailures: {
      permanent: () =>
        h.fake.failNext((r) => r.method === 'POST' && r.path === `/channels/${CHANNEL_ID}/messages`, 404, {
          code: 10003,
          message: 'Unknown Channel',
        }),
      transient: () =>
        h.fake.failNext(
          (r) => r.method === 'POST' && r.path === `/channels/${CHANNEL_ID}/messages`,
          500,
          { message: 'Internal Server Error' },
          10,
        ),
    },
    async close() {
      await h.close();
      await gateway.close();
    },
  };
}

defineAdapterContract('console', consoleDriver, ['permanent']);
defineAdapterContract('Slack', slackDriver, ['permanent', 'transient']);
defineAdapterContract('Discord', discordDriver, ['permanent', 'transient']);
defineAdapterContract('Discord over HTTP interactions', discordHttpDriver, ['permanent', 'transient']);
