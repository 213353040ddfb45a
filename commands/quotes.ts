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
    const seen = new Set<string>();
    const items = story.facts
      .filter((f) => f.speaker)
      .flatMap((fact) =>
        [...fact.quote.matchAll(QUOTED)].map((match) => ({ fact, words: match[1] as string })),
      )
      // Each quoted statement once, however many facts rest on its sentence.
      .filter(({ words }) => !seen.has(words) && Boolean(seen.add(words)))
      .map(({ fact, words }) => {
        const speaker = story.entitiesById.get(fact.speaker as string);
        // The sentence around the words only when it adds something: not the same words again.
        const adds = words.length < fact.quote.length * 0.6;
        return {
          label: speaker ? `${speaker.name} (${speaker.role})` : 'Unattributed',
          text: `“${words}”`,
          ...(adds ? { quote: fact.quote } : {}),
        };
      });
    return {
      kind: 'list' as const,
      title: 'Direct quotes',
      body: `The article quotes ${items.length} statements directly.`,
      items,
      visibility: 'channel' as const,
    };
  },
});
