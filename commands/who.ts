import { z } from 'zod';
import { asksLeader } from '../src/conversation/compound.ts';
import { defineCommand } from '../src/core/command.ts';
import type { Reply } from '../src/core/reply.ts';
import { neutraliseUserText } from '../src/core/safe-text.ts';
import { isUnnamed } from '../src/engine/engine.ts';
import { TITLES } from '../src/engine/lexicon.ts';
import { entityNames, factsAbout, findEntity, suggestEntityNames } from '../src/knowledge/lookup.ts';

const MAX_FACTS = 6;

export const whoCommand = defineCommand({
  name: 'who',
  description: 'A person or organisation in the story: their role, what they said or did',
  examples: ['who <name>'],
  // The story's people first, then its organisations.
  storyExamples: (story) =>
    [
      ...story.entities.filter((e) => e.kind === 'person'),
      ...story.entities.filter((e) => e.kind === 'organization'),
    ]
      .slice(0, 3)
      .map((e) => `who ${e.name}`),
  options: z.object({
    name: z.string().max(100).optional().describe('A person or organisation named in the story'),
  }),
  textOption: 'name',
  // "who is Globex's CEO" is not about Globex's VP, whom a loose match on the words would find.
  claimsText: (text, engine) => {
    // "who runs Globex" asks for its leader, which `ask` answers (or says the article doesn't name).
    if (asksLeader(`who ${text}`)) return false;
    // "who are the four directors": people the article only counts, which `ask` says it doesn't name.
    const asked = engine.ask(`who ${text}`);
    if (!asked.answered && typeof asked.withheld?.lacks === 'object' && 'names' in asked.withheld.lacks)
      return false;
    const entity = findEntity(engine.story, text);
    // "who is this expert?": someone the article does not name, which `ask` says it doesn't.
    if (!entity || isUnnamed(entity)) return false;
    const title = TITLES.find(([asked]) => asked.test(text.toLowerCase()));
    return !title || [entity.role, ...entity.aliases].some((role) => title[1].test(role.toLowerCase()));
  },
  autocomplete: { name: (partial, engine) => suggestEntityNames(engine.story, partial) },
  handle({ name }, { engine, commandName }): Reply {
    const { story } = engine;
    const entity = findEntity(story, name ?? '');
    if (!entity) {
      const known = entityNames(story).slice(0, 20).join(', ');
      const asked = neutraliseUserText(name ?? '', 60);
      return {
        kind: 'list',
        title: 'Who?',
        body: asked
          ? `The article doesn’t mention “${asked}”. People and organisations it does mention: ${known}.`
          : `Name someone, e.g. /${commandName} who ${story.entities.find((e) => e.kind === 'person')?.name ?? story.entities[0]?.name ?? ''}. The article mentions: ${known}.`,
        visibility: 'ephemeral',
      };
    }
    const facts = factsAbout(story, entity.id).slice(0, MAX_FACTS);
    return {
      kind: 'list',
      title: entity.name,
      body: `${entity.name}: ${entity.role}.`,
      items: facts.map((f) => ({ text: f.statement, quote: f.quote })),
      // A follow-up ("why?", "tell me more") reads against what they are best known for here.
      ...(facts[0] ? { aboutFactId: facts[0].id, shownFactIds: facts.map((f) => f.id) } : {}),
      visibility: 'channel',
    };
  },
});
