import Fuse from 'fuse.js';
import { escapeRegExp, normaliseText, stem } from '../engine/normalise.ts';
import type { Story } from './load-story.ts';
import type { Entity, Fact, Topic } from './schema.ts';

interface Lookups {
  entityByName: Map<string, Entity>;
  topicByName: Map<string, Topic>;
  entityFuse: Fuse<{ name: string; entity: Entity }>;
  topicFuse: Fuse<{ name: string; topic: Topic }>;
}

const cache = new WeakMap<Story, Lookups>();
const LEADING_FILLER = /^(?:(?:who|what|is|are|was|were|the|a|an|about|tell|me|abt)\s+)+/;

function lookupsFor(story: Story): Lookups {
  let lookups = cache.get(story);
  if (!lookups) {
    const entityNames = story.entities.flatMap((entity) =>
      [entity.name, ...entity.aliases].map((name) => ({ name: normaliseText(name), entity })),
    );
    const topicNames = story.topics.flatMap((topic) =>
      [topic.id, topic.name, ...topic.aliases].map((name) => ({ name: normaliseText(name), topic })),
    );
    lookups = {
      entityByName: new Map(entityNames.reverse().map(({ name, entity }) => [name, entity])),
      topicByName: new Map(topicNames.reverse().map(({ name, topic }) => [name, topic])),
      entityFuse: new Fuse(entityNames, { keys: ['name'], threshold: 0.3, includeScore: true }),
      topicFuse: new Fuse(topicNames, { keys: ['name'], threshold: 0.3, includeScore: true }),
    };
    cache.set(story, lookups);
  }
  return lookups;
}

function cleanName(name: string): string {
  return normaliseText(name).replace(LEADING_FILLER, '').trim();
}

/** The person or organisation a name refers to (aliases and typos allowed), or undefined. */
export function findEntity(story: Story, name: string): Entity | undefined {
  const key = cleanName(name);
  if (key.length === 0) return undefined;
  const { entityByName, entityFuse } = lookupsFor(story);
  return entityByName.get(key) ?? entityFuse.search(key, { limit: 1 })[0]?.item.entity;
}

/** The topic a name is exactly (its id, name or an alias, as normalised), or undefined: no typos allowed. */
export function topicNamed(story: Story, name: string): Topic | undefined {
  const key = cleanName(name);
  return key.length === 0 ? undefined : lookupsFor(story).topicByName.get(key);
}

/** The topic a name refers to (id, name or alias, typos allowed), or undefined. */
export function findTopic(story: Story, name: string): Topic | undefined {
  const key = cleanName(name);
  if (key.length === 0) return undefined;
  const { topicByName, topicFuse } = lookupsFor(story);
  return topicByName.get(key) ?? topicFuse.search(key, { limit: 1 })[0]?.item.topic;
}

/** Facts about an entity: those it speaks in first, then those that name it. */
export function factsAbout(story: Story, entityId: string): Fact[] {
  const spoken = story.facts.filter((f) => f.speaker === entityId);
  const named = story.facts.filter(
    (f) =>
      f.speaker !== entityId &&
      (f.entities.includes(entityId) || f.items?.some((i) => i.entity === entityId)),
  );
  return [...spoken, ...named];
}

/** Entity names for autocomplete and "who" listings, people first. */
export function entityNames(story: Story): string[] {
  const order = ['person', 'organization', 'government', 'group', 'product', 'place'];
  return [...story.entities].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind)).map((e) => e.name);
}

/** Names matching typed text, for autocomplete. */
export function suggestEntityNames(story: Story, partial: string, limit = 25): string[] {
  const key = cleanName(partial);
  if (key.length === 0) return entityNames(story).slice(0, limit);
  const seen = new Set<string>();
  const out: string[] = [];
  for (const { item } of lookupsFor(story).entityFuse.search(key)) {
    if (!seen.has(item.entity.id)) {
      seen.add(item.entity.id);
      out.push(item.entity.name);
    }
  }
  for (const entity of story.entities) {
    if (out.length >= limit) break;
    if (!seen.has(entity.id) && normaliseText(entity.name).startsWith(key)) out.push(entity.name);
  }
  return out.slice(0, limit);
}

/** Topic ids matching typed text, for autocomplete. */
export function suggestTopicIds(story: Story, partial: string, limit = 25): string[] {
  const key = cleanName(partial);
  if (key.length === 0) return story.topics.map((t) => t.id).slice(0, limit);
  const ids = new Set(
    lookupsFor(story)
      .topicFuse.search(key)
      .map((r) => r.item.topic.id),
  );
  for (const topic of story.topics) if (topic.id.startsWith(key)) ids.add(topic.id);
  return [...ids].slice(0, limit);
}

/**
 * Facts to list together, each passage of the article once: a fact whose quote is part of another
 * listed fact's quote (the U.S. bodies within the whole list of blockers), or repeats an earlier one's,
 * says nothing the other does not, and is left out.
 */
export function distinctFacts(facts: readonly Fact[]): Fact[] {
  return facts.filter(
    (fact, index) =>
      !facts.some(
        (other, j) =>
          other !== fact &&
          other.quote.includes(fact.quote) &&
          (other.quote.length > fact.quote.length || j < index),
      ),
  );
}

/** List items for facts: each fact's statement with its quote, no passage shown twice. */
export function factItems(facts: readonly Fact[]): { text: string; quote?: string }[] {
  const shown: string[] = [];
  return distinctFacts(facts).map((fact) => {
    const repeated = shown.some((quote) => quote.includes(fact.quote));
    shown.push(fact.quote);
    return repeated ? { text: fact.statement } : { text: fact.statement, quote: fact.quote };
  });
}

/**
 * A purpose or a cause in a fact's own words: "to stay competitive", "citing security concerns",
 * "because …", "so that residents can …". General English.
 */
const REASON_CLAUSE =
  /\b(?:because|due to|owing to|citing|in order to|so as to|so that|in response to|to (?:stay|remain|keep|avoid|compete|counter|protect|strengthen|make room))\b/i;

/** "A forced B to lower prices": A's doing is the cause of what B did (B, and what after "to"). */
const CAUSATIVE = /\b(?:forc(?:e|es|ed|ing)|prompt(?:s|ed|ing)?|le(?:d|ading))\s+(.+?\bto\s+.+)$/i;

/**
 * Whether a fact answers "why": its data says so, or its statement gives a purpose or a cause. Asked
 * why something was done (`question`), a fact saying what forced it ("forcing rivals to lower their
 * prices" of "why did they lower prices") gives its cause too.
 */
export function givesReason(fact: Fact, question?: string): boolean {
  if (fact.answers.includes('why') || REASON_CLAUSE.test(fact.statement)) return true;
  const caused = question === undefined ? undefined : CAUSATIVE.exec(fact.statement)?.[1];
  if (!caused || question === undefined) return false;
  const stems = (words: string[]) => new Set(words.filter((w) => w.length > 3).map(stem));
  const asked = stems(normaliseText(question).split(' '));
  // Who was forced, and to do what; not names ("forcing Initech to …" of "why did Initech deny it").
  const common = caused.split(/[^A-Za-z'-]+/).filter((w) => /^[a-z]/.test(w));
  return [...stems(common.map((w) => normaliseText(w)))].some((w) => asked.has(w));
}

/** An entity's name and aliases as regular-expression alternatives, each escaped: "Acme|ACME Corp". */
export function aliasPattern(entity: Entity): string {
  return [entity.name, ...entity.aliases].map(escapeRegExp).join('|');
}
