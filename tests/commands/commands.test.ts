import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { createCore } from '../../src/app.ts';
import { commandKey } from '../../src/core/command.ts';
import type { Reply } from '../../src/core/reply.ts';
import { core, invocation } from '../helpers.ts';

const { dispatcher, story } = core();
const run = (text: string) => dispatcher.answer(invocation({ text }));
const slash = (command: string, options: Record<string, unknown> = {}) =>
  dispatcher.answer(invocation({ platform: 'discord', source: 'slash', command, options }));

describe('/ai-news commands', () => {
  it('every command has a file of its own, a description within Discord limits and examples', () => {
    expect(commands.map(commandKey)).toEqual([
      'ask',
      'summary',
      'topic',
      'timeline',
      'chart',
      'who',
      'quotes',
      'source',
      'story list',
      'story use',
      'schedule add',
      'schedule list',
      'schedule remove',
      'schedule test',
      'admin unanswered',
      'admin reload',
      'feedback',
      'help',
    ]);
    for (const command of commands) {
      expect(command.description.length, command.name).toBeLessThanOrEqual(100);
      expect(command.examples.length, command.name).toBeGreaterThan(0);
      for (const [name, schema] of Object.entries(command.options.shape)) {
        expect((schema as { description?: string }).description, `${command.name}.${name}`).toBeTruthy();
      }
    }
  });

  it('ask answers with the quote and related questions', async () => {
    const reply = await slash('ask', { question: 'How much did Nvidia shares fall?' });
    expect(reply).toMatchObject({
      kind: 'answer',
      visibility: 'channel',
      title: 'How much did Nvidia shares fall?',
    });
    expect(reply.body).toBe('Nvidia, the leading AI chip manufacturer, saw a 20% dip in its share value.');
    expect(reply.quote).toEqual({
      text: 'Nvidia, the leading AI chip manufacturer, experienced a 20% dip in its share value.',
      story: story.title,
    });
    expect(reply.suggestions?.length).toBeGreaterThan(0);
  });

  it('ask with private answers ephemerally', async () => {
    expect((await slash('ask', { question: 'did nasa ban deepseek', private: true })).visibility).toBe(
      'ephemeral',
    );
    expect((await run('private did nasa ban deepseek')).visibility).toBe('ephemeral');
  });

  it('ask says honestly when the article does not answer, with the nearest questions', async () => {
    const reply = await run('What is DeepSeek’s valuation?');
    expect(reply.kind).toBe('no_answer');
    expect(reply.body).toBe(
      'The article doesn’t say. It never mentions “valuation”. Here are the nearest questions it does answer:',
    );
    expect(reply.suggestions?.length).toBe(3);
  });

  it('ask says, in English, that it reads English only, offering questions about the companies named', async () => {
    const reply = await run('阿里巴巴投资DeepSeek了吗？');
    expect(reply).toMatchObject({ kind: 'no_answer', title: '阿里巴巴投资DeepSeek了吗？' });
    expect(reply.body).toBe(
      'Sorry, I can only read questions in English. Here are questions I can answer about Alibaba and DeepSeek:',
    );
    expect(reply.suggestions).toEqual([
      'Is Alibaba investing $1 billion in DeepSeek?',
      'What is Alibaba?',
      'What is DeepSeek?',
    ]);
    expect(reply.quote).toBeUndefined();
    const spanish = await slash('ask', { question: '¿Cuánto cayó la acción de Nvidia?' });
    expect(spanish.kind).toBe('no_answer');
    expect(spanish.body).toBe(
      'Sorry, I can only read questions in English. Here are questions I can answer about Nvidia:',
    );
    expect(spanish.suggestions?.[0]).toBe('How much did Nvidia shares fall?');
    const unnamed = await run('Что нового?');
    expect(unnamed.body).toBe(
      'Sorry, I can only read questions in English. Here are questions I can answer:',
    );
    expect(unnamed.suggestions?.length).toBe(3);
  });

  it('ask echoes words the article never mentions with their accents', async () => {
    const reply = await run('did alibaba invirtió in deepseek');
    expect(reply.kind).toBe('no_answer');
    expect(reply.body).toBe(
      'The article doesn’t say. It never mentions “invirtió”. Here are the nearest questions it does answer:',
    );
  });

  it('summary lists 5–7 points, each citing a verbatim sentence', async () => {
    const reply = await run('summary');
    expect(reply.kind).toBe('list');
    expect(reply.items?.length).toBeGreaterThanOrEqual(5);
    expect(reply.items?.length).toBeLessThanOrEqual(7);
    for (const item of reply.items ?? []) expect(story.text).toContain(item.quote);
    expect(reply.items?.[0]?.text).toMatch(/denied reports/);
  });

  it('answers "what is this about", "tl;dr" and "summary pls" with the summary', async () => {
    for (const text of ['what is this article about?', 'tl;dr', 'give me the gist', 'summary pls']) {
      expect((await run(text)).title, text).toBe(`Summary: ${story.title}`);
    }
  });

  it('topic shows one topic, and lists the topics for an unknown one', async () => {
    const bans = await run('topic bans');
    expect(bans.title).toBe('Bans on DeepSeek');
    expect(bans.items?.some((i) => i.text.includes('statewide ban'))).toBe(true);
    const typo = await slash('topic', { name: 'pricng' });
    expect(typo.title).toBe('Pricing and costs');
    const unknown = await slash('topic', { name: 'football' });
    expect(unknown.body).toBe('I don’t know the topic “football”. These are the topics:');
    expect(unknown.items?.map((i) => i.label)).toEqual(story.topics.map((t) => t.id));
    expect((await run('topic')).body).toMatch(/^Pick a topic/);
    expect((await run('topic football')).body).toBe(
      'I don’t know the topic “football”. These are the topics:',
    );
  });

  it('timeline gives dated events in order, then the relatively dated ones in the article’s order', async () => {
    const reply = await run('timeline');
    const labels = reply.items?.map((i) => i.label) ?? [];
    expect(labels.slice(0, 2)).toEqual(['2017', 'May 2024']);
    expect(labels).toContain('Thursday');
    expect(labels.indexOf('the first day of the Lunar New Year')).toBeLessThan(labels.indexOf('Thursday'));
    for (const item of reply.items ?? []) expect(story.text).toContain(item.quote);
  });

  it('who finds people by name, alias and typo, and says who it does not know', async () => {
    const yan = await slash('who', { name: 'the alibaba vp' });
    expect(yan.title).toBe('Yan Qiao');
    expect(yan.body).toBe('Yan Qiao: Alibaba Vice President.');
    expect(yan.items?.[0]?.text).toMatch(/fake news/);
    expect((await run('who gov abbott')).title).toBe('Greg Abbott');
    expect((await run('who is nvda')).title).toBe('Nvidia');
    const unknown = await slash('who', { name: 'Elon Musk' });
    expect(unknown.body).toMatch(
      /^The article doesn’t mention “Elon Musk”\. People and organisations it does mention: Yan Qiao/,
    );
  });

  it('quotes lists the direct quotes with their speakers', async () => {
    const reply = await run('quotes');
    const bySpeaker = reply.items?.map((i) => `${i.label}: ${i.text}`) ?? [];
    expect(bySpeaker).toContain('Yan Qiao (Alibaba Vice President): “fake news”');
    expect(
      bySpeaker.some((q) => q.startsWith('Greg Abbott (Governor of Texas): “Texas will not allow')),
    ).toBe(true);
    expect(bySpeaker.some((q) => q.startsWith('An industry expert'))).toBe(true);
    expect(reply.items).toHaveLength(4);
  });

  it('source gives the title, story id and disclaimer', async () => {
    const reply = await run('source');
    expect(reply.fields).toEqual([
      { name: 'Title', value: story.title },
      { name: 'Story id', value: '6a071b40dee26c3e' },
      {
        name: 'Disclaimer',
        value:
          'This article is for informational purposes only and does not constitute financial, investment, or legal advice.',
      },
    ]);
  });

  it('help is built from every command’s description and examples', async () => {
    const reply = await run('help');
    expect(reply.kind).toBe('help');
    expect(reply.items?.map((i) => i.label)).toEqual([
      '/ai-news ask <question>',
      '/ai-news summary',
      '/ai-news topic <name>',
      '/ai-news timeline',
      '/ai-news chart <topic>|timeline',
      '/ai-news who <name>',
      '/ai-news quotes',
      '/ai-news source',
      '/ai-news story list',
      '/ai-news story use <slug>',
      '/ai-news schedule add <when> [timezone] [channel] [story <slug>] [chart]',
      '/ai-news schedule list',
      '/ai-news schedule remove <id>',
      '/ai-news schedule test <id>',
      '/ai-news admin unanswered',
      '/ai-news admin reload',
      '/ai-news help',
    ]);
    // Examples come from the story: its featured questions, topics and people.
    const featured = story.factsById.get(story.featuredFactIds[0] as string)?.questions[0];
    expect(reply.items?.[0]?.text).toContain(`/ai-news ask ${featured}`);
    expect(reply.items?.[2]?.text).toContain(`/ai-news topic ${story.topics[0]?.id}`);
    expect(reply.items?.[5]?.text).toContain('/ai-news who Yan Qiao');
    expect(reply.items?.[9]?.text).toContain('/ai-news story use <slug>');
  });
});

describe('who with no name', () => {
  it('asks for a name and lists who the article mentions, instead of a validation error', async () => {
    const reply = await slash('who');
    expect(reply.body).toMatch(
      /^Name someone, e\.g\. \/ai-news who Yan Qiao\. The article mentions: Yan Qiao/,
    );
    expect((await run('who')).body).toMatch(/^Name someone/);
  });
});

describe('lists show each passage once', () => {
  const passagesOf = (reply: Reply) =>
    (reply.items ?? []).flatMap((item) => (item.quote ? [item.quote] : []));
  it('topic, summary and quotes never show a passage twice, nor one inside another', async () => {
    const replies = [
      ...(await Promise.all(
        story.topics.map((t) => dispatcher.answer(invocation({ text: `topic ${t.id}` }))),
      )),
      await dispatcher.answer(invocation({ text: 'summary' })),
      await dispatcher.answer(invocation({ text: 'quotes' })),
    ];
    for (const reply of replies) {
      const passages = passagesOf(reply);
      for (const [i, passage] of passages.entries()) {
        const others = passages.filter((_, j) => j !== i);
        expect(
          others.some((other) => other.includes(passage)),
          `${reply.title}: ${passage}`,
        ).toBe(false);
      }
      const texts = (reply.items ?? []).map((item) => item.text);
      expect(new Set(texts).size, reply.title).toBe(texts.length);
    }
  });

  it('lists the blockers once in topic bans, the list sentence rather than each part of it', async () => {
    const bans = await dispatcher.answer(invocation({ text: 'topic bans' }));
    const mentionsNasa = (bans.items ?? []).filter((item) => /NASA/.test(item.text));
    expect(mentionsNasa).toHaveLength(1);
  });
});

describe('/ai-news chart', () => {
  it('draws a topic’s figures, and the timeline, as pictures with alt text', async () => {
    const market = await run('chart market');
    expect(market).toMatchObject({ kind: 'list', title: 'The market shock', visibility: 'channel' });
    expect(market.image?.fileName).toBe('market-figures.png');
    expect(market.image?.alt).toContain('Nvidia shares: down 20%');
    expect(
      Buffer.from(market.image?.png ?? [])
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
    const timeline = await slash('chart', { subject: 'timeline' });
    expect(timeline.image?.command).toBe('chart timeline');
    expect(timeline.image?.text).toMatch(/^● with calendar dates/);
  });

  it('says why there is no chart: a topic without figures, an unknown topic, nothing asked', async () => {
    const bans = await run('chart bans');
    expect(bans.image).toBeUndefined();
    expect(bans.body).toBe(
      'The article gives no percentage figures on Bans on DeepSeek, so there is no chart of it.',
    );
    expect(bans.items?.map((i) => i.label)).toEqual(['chart market', 'chart timeline']);
    expect((await run('chart football')).body).toMatch(/^I don’t know the topic “football”/);
    expect((await run('chart')).body).toMatch(/^Pick a chart/);
  });

  it('topic replies for a topic with figures, and timeline, carry the picture; others do not', async () => {
    expect((await run('topic market')).image?.fileName).toBe('market-figures.png');
    expect((await run('topic bans')).image).toBeUndefined();
    expect((await run('timeline')).image?.fileName).toBe('timeline.png');
    expect((await run('summary')).image).toBeUndefined();
  });
});

describe('ask: readings remembered by the engine', () => {
  // The same conversation, asked of a bot whose engine remembers nothing and of one that remembers,
  // twice over: every reply is the same, whether it was worked out or recalled.
  const conversation = [
    'which fell more, nvidia or broadcom?',
    'how much did nvidia drop and who banned deepseek',
    'is yan qiao the ceo of alibaba?',
    'how much did it cost to build deepseek?',
    'who said that?',
    'tell me more',
    'what happened to nvidia, broadcom and microsoft?',
    'as an investor: did congress block deepseek? in one line',
    'which fell more, nvidia or broadcom?',
    'how much did they spend on it',
  ];

  it('answers every question the same as a bot that remembers nothing', async () => {
    const { QueryEngine } = await import('../../src/engine/engine.ts');
    const fresh = createCore({ commands, engine: new QueryEngine(story, { answerCache: 0 }) });
    const remembering = createCore({ commands, engine: new QueryEngine(story) });
    for (const round of [1, 2]) {
      for (const text of conversation) {
        const asked = invocation({ text, channelId: `round-${round}` });
        const expected = await fresh.dispatcher.answer(asked);
        const reply = await remembering.dispatcher.answer(asked);
        expect(reply, `${text} (round ${round})`).toEqual(expected);
        expect(reply.body.length).toBeGreaterThan(0);
      }
    }
  });
});
