import { z } from 'zod';
import { defineCommand } from '../src/core/command.ts';

export const sourceCommand = defineCommand({
  name: 'source',
  description: 'The article behind the answers: title, story id, disclaimer',
  examples: ['source'],
  options: z.object({}),
  handle(_options, { engine }) {
    const { story } = engine;
    return {
      kind: 'list' as const,
      title: story.title,
      body: `Every answer comes from this one article and quotes it verbatim; ${story.facts.length} facts are drawn from it.`,
      fields: [
        { name: 'Title', value: story.title },
        { name: 'Story id', value: story.id },
        { name: 'Disclaimer', value: story.disclaimer },
      ],
      visibility: 'channel' as const,
    };
  },
});
