import { z } from 'zod';
import { asReplyImage, figuresChart, mainFiguresTopic } from '../src/charts/charts.ts';
import { defineCommand } from '../src/core/command.ts';
import { summaryReply } from '../src/core/summary.ts';

export const summaryCommand = defineCommand({
  name: 'summary',
  description: 'The story in a few cited bullet points',
  examples: ['summary'],
  options: z.object({}),
  // A scheduled summary is titled with its day: "Monday 30 November — <story title>", and carries the
  // chart of the story's main figures when its schedule asks for it (and the story has figures).
  handle: (_options, { engine, invocation }) => {
    const reply = summaryReply(
      engine,
      invocation.heading ? `${invocation.heading} — ${engine.story.title}` : undefined,
    );
    const topic = invocation.withChart ? mainFiguresTopic(engine.story) : undefined;
    const chart = topic ? figuresChart(engine.story, topic.id) : undefined;
    return chart ? { ...reply, image: asReplyImage(chart) } : reply;
  },
});
