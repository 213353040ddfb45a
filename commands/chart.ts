import { z } from 'zod';
import { asReplyImage, chartableTopics, figuresChart, timelineChart } from '../src/charts/charts.ts';
import { defineCommand } from '../src/core/command.ts';
import type { Reply } from '../src/core/reply.ts';
import { neutraliseUserText } from '../src/core/safe-text.ts';
import type { QueryEngine } from '../src/engine/engine.ts';
import { findTopic } from '../src/knowledge/lookup.ts';

const TIMELINE = /^\s*(?:the\s+)?(?:timeline|time line|events|dates)\s*$/i;

/** What can be charted in a story: its topics with percentage figures, and the timeline when it has one. */
function chartChoices(engine: QueryEngine, lead: string, commandName: string): Reply {
  const { story } = engine;
  const topics = chartableTopics(story);
  const timeline = timelineChart(story) !== undefined;
  const items = [
    ...topics.map((t) => ({
      label: `chart ${t.id}`,
      text: `${t.name}: its percentage figures as a bar chart`,
    })),
    ...(timeline ? [{ label: 'chart timeline', text: 'The dated events of the story, in order' }] : []),
  ];
  if (items.length === 0) {
    return {
      kind: 'no_answer',
      body: `${lead} This story has no percentage figures and no dated events, so there is nothing to chart. Try /${commandName} summary.`,
      visibility: 'ephemeral',
    };
  }
  return { kind: 'list', title: 'Charts', body: lead, items, visibility: 'ephemeral' };
}

export const chartCommand = defineCommand({
  name: 'chart',
  description: 'A picture: a topic’s percentage figures as a bar chart, or the timeline',
  usage: '<topic>|timeline',
  examples: ['chart timeline'],
  storyExamples: (story) =>
    chartableTopics(story)
      .slice(0, 2)
      .map((t) => `chart ${t.id}`),
  options: z.object({
    subject: z
      .string()
      .max(100)
      .optional()
      .describe('A topic with figures, or "timeline"; leave it out for the list'),
  }),
  textOption: 'subject',
  // "chart <anything>" is always meant for this command: an unknown name gets the list of charts.
  claimsText: () => true,
  autocomplete: {
    subject: (partial, engine) => {
      const choices = [...chartableTopics(engine.story).map((t) => t.id), 'timeline'];
      const typed = partial.trim().toLowerCase();
      return choices.filter((c) => c.startsWith(typed) || typed === '');
    },
  },
  handle({ subject }, { engine, commandName }): Reply {
    const { story } = engine;
    if (!subject?.trim())
      return chartChoices(engine, `Pick a chart, e.g. /${commandName} chart timeline:`, commandName);
    if (TIMELINE.test(subject)) {
      const chart = timelineChart(story);
      if (!chart) {
        return {
          kind: 'no_answer',
          body: 'This story has no dated events, so there is no timeline to draw.',
          visibility: 'ephemeral',
        };
      }
      return {
        kind: 'list',
        title: 'Timeline',
        body: 'The dated events in date order, then those the article dates only relative to itself, in its order.',
        image: asReplyImage(chart),
        visibility: 'channel',
      };
    }
    const topic = findTopic(story, subject);
    if (!topic) {
      return chartChoices(
        engine,
        `I don’t know the topic “${neutraliseUserText(subject, 60)}”. These are the charts:`,
        commandName,
      );
    }
    const chart = figuresChart(story, topic.id);
    if (!chart) {
      return chartChoices(
        engine,
        `The article gives no percentage figures on ${topic.name}, so there is no chart of it.`,
        commandName,
      );
    }
    return {
      kind: 'list',
      title: chart.title,
      body: `${topic.name}: the percentage figures the article gives, grouped by period.`,
      image: asReplyImage(chart),
      visibility: 'channel',
    };
  },
});
