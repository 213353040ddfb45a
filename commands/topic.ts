import { z } from 'zod';
import { asReplyImage, figuresChart } from '../src/charts/charts.ts';
import { defineCommand } from '../src/core/command.ts';
import type { Reply } from '../src/core/reply.ts';
import { neutraliseUserText } from '../src/core/safe-text.ts';
import type { QueryEngine } from '../src/engine/engine.ts';
import { factItems, findTopic, suggestTopicIds } from '../src/knowledge/lookup.ts';

function topicList(engine: QueryEngine, lead: string): Reply {
  return {
    kind: 'list',
    title: 'Topics',
    body: lead,
    items: engine.story.topics.map((t) => ({ label: t.id, text: `${t.name}: ${t.description}` })),
    visibility: 'ephemeral',
  };
}

export const topicCommand = defineCommand({
  name: 'topic',
  description: 'Everything the article says on one topic',
  examples: ['topic'],
  storyExamples: (story) => story.topics.slice(0, 3).map((t) => `topic ${t.id}`),
  options: z.object({
    name: z.string().max(100).optional().describe('The topic; leave it out for the list of topics'),
  }),
  textOption: 'name',
  // "topic <anything>" is always meant for this command: an unknown name gets the list of topics.
  claimsText: () => true,
  autocomplete: { name: (partial, engine) => suggestTopicIds(engine.story, partial) },
  handle({ name }, { engine, commandName }): Reply {
    if (!name?.trim()) return topicList(engine, `Pick a topic, e.g. /${commandName} topic bans:`);
    const topic = findTopic(engine.story, name);
    if (!topic) {
      return topicList(
        engine,
        `I don’t know the topic “${neutraliseUserText(name, 60)}”. These are the topics:`,
      );
    }
    const facts = engine.story.facts.filter((f) => f.topics.includes(topic.id));
    // A topic with percentage figures carries their chart.
    const chart = figuresChart(engine.story, topic.id);
    return {
      kind: 'list',
      title: topic.name,
      body: topic.description,
      items: factItems(facts),
      ...(chart ? { image: asReplyImage(chart) } : {}),
      visibility: 'channel',
    };
  },
});
