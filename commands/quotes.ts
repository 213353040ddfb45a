import { z } from 'zod';
import { defineCommand } from '../src/core/command.ts';

const QUOTED = /“([^”]+)”/g;

export const quotesCommand = defineCommand({
  name: 'quotes',
  description: 'The article’s direct quotes and who said them',
  examples: ['quotes'],
  options: z.object({}),
  handle(_options, { engine }) {
    const { story } = engine;
    const items = story.facts
      .filter((f) => f.speaker)
      .flatMap((fact) =>
        [...fact.quote.matchAll(QUOTED)].map((match) => {
          const speaker = story.entitiesById.get(fact.speaker as string);
          return {
            label: speaker ? `${speaker.name} (${speaker.role})` : 'Unattributed',
            text: `“${match[1]}”`,
            quote: fact.quote,
          };
        }),
      );
    return {
      kind: 'list' as const,
      title: 'Direct quotes',
      body: `The article quotes ${items.length} statements directly.`,
      items,
      visibility: 'channel' as const,
    };
  },
});
