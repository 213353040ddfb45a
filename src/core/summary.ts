import type { QueryEngine } from '../engine/engine.ts';
import { factItems } from '../knowledge/lookup.ts';
import type { Reply } from './reply.ts';

/** The story in 5–7 bullet points, each citing its sentence; also what scheduled summaries post. */
export function summaryReply(engine: QueryEngine, title?: string): Reply {
  const { story } = engine;
  const facts = story.summaryFactIds.map((id) => story.factsById.get(id)).filter((f) => f !== undefined);
  return {
    kind: 'list',
    title: title ?? `Summary: ${story.title}`,
    body: `The story in ${facts.length} points, each with the sentence of the article it comes from.`,
    items: factItems(facts),
    footer: story.disclaimer,
    visibility: 'channel',
  };
}
