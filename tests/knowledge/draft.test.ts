import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { articleText, DraftInputError, draftPack, findDate, findFigures } from '../../src/knowledge/draft.ts';
import { buildStory } from '../../src/knowledge/load-story.ts';
import type { StoryFile } from '../../src/knowledge/schema.ts';

interface HandMade {
  entities: { id: string; name: string; aliases: string[] }[];
  facts: {
    figures?: { value: number; unit: string; qualifier: string; text: string }[];
    when?: { iso?: string };
  }[];
}

/**
 * How much of a hand-made pack a draft recovers.
 *
 * Entities: a hand-made entity is recovered when a drafted one has, among its name and aliases, one
 * of the hand-made entity's name and aliases (case aside). Each drafted entity recovers at most one
 * hand-made entity (a maximum one-to-one matching), so one drafted entity with many aliases cannot
 * claim several. Every hand-made entity counts: none is left out of the denominator.
 *
 * Figures: a hand-made figure is recovered when a drafted one has its value, unit and qualifier
 * ("over 8%" is not "8%"). A figure the hand-made pack gives in two facts (a list and its item)
 * is one figure of the article and counts once.
 */
function recovery(pack: StoryFile, handMade: HandMade) {
  const names = (e: { name: string; aliases: string[] }) =>
    new Set([e.name, ...e.aliases].map((a) => a.toLowerCase()));
  const drafted = pack.entities.map(names);
  const wanted = handMade.entities.map(names);
  const owner = new Map<number, number>(); // drafted → hand-made
  const assign = (hand: number, seen: Set<number>): boolean => {
    for (const [index, aliases] of drafted.entries()) {
      if (seen.has(index) || ![...(wanted[hand] as Set<string>)].some((a) => aliases.has(a))) continue;
      seen.add(index);
      const previous = owner.get(index);
      if (previous === undefined || assign(previous, seen)) {
        owner.set(index, hand);
        return true;
      }
    }
    return false;
  };
  const found = handMade.entities.filter((_, hand) => assign(hand, new Set()));
  const missedEntities = handMade.entities.filter((e) => !found.includes(e)).map((e) => e.name);

  const key = (f: { value: number; unit: string; qualifier: string }) =>
    `${f.value} ${f.unit} ${f.qualifier}`;
  const figures = [
    ...new Map(handMade.facts.flatMap((f) => f.figures ?? []).map((f) => [key(f), f])).values(),
  ];
  const draftedFigures = new Set(pack.facts.flatMap((f) => f.figures ?? []).map(key));
  const missedFigures = figures.filter((f) => !draftedFigures.has(key(f))).map((f) => f.text);

  const dates = [...new Set(handMade.facts.flatMap((f) => (f.when?.iso ? [f.when.iso] : [])))];
  const draftedDates = new Set(pack.facts.flatMap((f) => (f.when?.iso ? [f.when.iso] : [])));
  const missedDates = dates.filter((d) => !draftedDates.has(d));
  return {
    entities: { found: found.length, total: handMade.entities.length, missed: missedEntities },
    figures: { found: figures.length - missedFigures.length, total: figures.length, missed: missedFigures },
    dates: { found: dates.length - missedDates.length, total: dates.length, missed: missedDates },
  };
}

const share = ({ found, total }: { found: number; total: number }) => found / Math.max(1, total);
const line = (what: string, r: { found: number; total: number; missed: string[] }) =>
  `${r.found}/${r.total} ${what} (${(share(r) * 100).toFixed(0)}%)${r.missed.length > 0 ? ` — missed: ${r.missed.join(', ')}` : ''}`;

describe.each(['alibaba-denies-deepseek-investment', 'vellmouth-council-approves-tram-line'])(
  'drafting a pack from the article of %s',
  (slug) => {
    const article = readFileSync(`seeds/${slug}.txt`, 'utf8');
    const handMade = JSON.parse(readFileSync(`data/${slug}.json`, 'utf8')) as HandMade;
    const { pack, storyId } = draftPack(article, 'drafted', 'Drafted');

    it('drafts a pack the loader accepts, every quote verbatim and every fact held back as a draft', () => {
      const story = buildStory(pack, article, {
        storyId,
        slug: 'drafted',
        title: 'Drafted',
        file: 'drafted.txt',
        language: 'en',
      });
      expect(pack.facts.length).toBeGreaterThan(20);
      expect(pack.facts.every((f) => f.draft === true && article.includes(f.quote))).toBe(true);
      expect(story.facts).toEqual([]);
      expect(story.drafts).toBe(pack.facts.length);
    });

    it('recovers at least 90% of the entities and of the figures of the hand-made pack (reported)', () => {
      const r = recovery(pack, handMade);
      console.log(
        `${slug}: draft recovers ${line('entities', r.entities)}; ${line('figures', r.figures)}; ${line('calendar dates', r.dates)}`,
      );
      expect(share(r.entities)).toBeGreaterThanOrEqual(0.9);
      expect(share(r.figures)).toBeGreaterThanOrEqual(0.9);
      // A direct quote gets its speaker.
      expect(pack.facts.some((f) => f.kind === 'quote' && f.speaker)).toBe(true);
    });
  },
);

describe('what the drafter reads in an article', () => {
  const article = [
    'Example Title',
    'RIVERTON, June 3, 2024',
    'Zentrix Robotics Chief Executive Mara Quellin said on Monday that Zentrix’s ZR-9 model would ship in 2025.',
    '“We are ready,” Quellin told reporters at the Riverton Science Museum.',
    'The Orvane Growth Fund (OGF) has backed Zentrix for over a decade, investing more than $1.5 billion.',
    'Many analysts believe shares of Zentrix rose nearly 12% this year, while the OGF lost 3 per cent.',
    '“This changes the market,” an industry veteran said.',
    'Riverton Council and Riverton Port Authority expect 2,000 jobs; voters on the east side were split.',
    'The Zentrix ZR-9 sells for $2.50 a unit in Quellandia, and Quellandian buyers waited 18 months.',
  ].join('\n');
  const { pack } = draftPack(article, 'example', 'Example');
  const entity = (name: string) =>
    pack.entities.find((e) => [e.name, ...e.aliases].some((a) => a.toLowerCase() === name.toLowerCase()));

  it('finds people by their titles, with their surname and title as aliases', () => {
    expect(entity('Mara Quellin')).toMatchObject({ kind: 'person' });
    expect(entity('Mara Quellin')?.aliases).toEqual(
      expect.arrayContaining(['Quellin', 'Chief Executive Quellin']),
    );
    // The surname alone is the same person, not a second entity.
    expect(pack.entities.filter((e) => e.name === 'Quellin')).toEqual([]);
    expect(entity('Zentrix Robotics')).toBeDefined();
  });

  it('takes possessives, versions and brackets apart, and joins an acronym to the name it abbreviates', () => {
    expect(entity('Zentrix')).toBeDefined();
    expect(entity('ZR-9')).toMatchObject({ kind: 'product' });
    expect(entity('ZR-9')?.aliases).toEqual(expect.arrayContaining(['ZR-9 model', 'Zentrix ZR-9']));
    expect(entity('Orvane Growth Fund')?.aliases).toContain('OGF');
    expect(pack.entities.filter((e) => e.name === 'OGF')).toEqual([]);
    expect(entity('Riverton Science Museum')).toBeDefined();
    // A word opening a sentence is no part of a name; a country's adjective goes with the country.
    expect(pack.entities.some((e) => /^(?:Many|The) /.test(e.name))).toBe(false);
    expect(entity('Quellandia')?.aliases).toContain('Quellandian');
  });

  it('finds a place the article writes only as the start of other names, and its dateline', () => {
    expect(entity('Riverton')).toMatchObject({ kind: 'place' });
    expect(entity('Riverton Council')?.parent).toBe(entity('Riverton')?.id);
  });

  it('finds unnamed speakers, groups the article cites and places by compass point', () => {
    expect(entity('industry veteran')).toMatchObject({ kind: 'person' });
    expect(entity('analysts')).toMatchObject({ kind: 'group' });
    expect(entity('voters')).toMatchObject({ kind: 'group' });
    expect(entity('the east side')).toMatchObject({ kind: 'place' });
    const veteran = pack.facts.find((f) => f.quote.includes('This changes'));
    expect(veteran?.speaker).toBe(entity('industry veteran')?.id);
    expect(pack.facts.find((f) => f.quote.startsWith('“We are ready'))?.speaker).toBe(entity('Quellin')?.id);
  });

  it('reads figures as values with their qualifiers, and dates with their precision', () => {
    const figures = pack.facts.flatMap((f) => f.figures ?? []);
    expect(figures).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ value: 10, unit: 'years', qualifier: 'over' }),
        expect.objectContaining({ value: 1.5e9, unit: 'usd', qualifier: 'over' }),
        expect.objectContaining({ value: 12, unit: 'percent', qualifier: 'nearly', direction: 'up' }),
        expect.objectContaining({ value: 3, unit: 'percent', direction: 'down' }),
        expect.objectContaining({ value: 2.5, unit: 'usd', qualifier: 'exact' }),
        expect.objectContaining({ value: 1.5, unit: 'years' }),
      ]),
    );
    expect(findFigures('It raised $3bn and 40 million dollars.').map((f) => f.value)).toEqual([3e9, 4e7]);
    expect(findFigures('Sales grow once a year.')).toEqual([]);
    expect(findDate('The vote is on April 30.', '2025')).toEqual({
      label: 'April 30',
      iso: '2025-04',
      precision: 'day',
    });
    expect(findDate('It opened on 12 March 2026.')).toMatchObject({ iso: '2026-03', precision: 'day' });
    expect(findDate('Trains run by late 2028.')).toMatchObject({ iso: '2028', precision: 'year' });
    expect(findDate('It costs $2,023 in all.')).toBeUndefined();
    expect(findDate('They meet next Thursday.')).toEqual({ label: 'next Thursday', precision: 'relative' });
  });
});

describe('an article the drafter cannot read', () => {
  const bytes = (text: string) => new TextEncoder().encode(text);

  it('says what is wrong instead of failing', () => {
    expect(() => articleText(bytes(''), 'a.txt')).toThrow(/a\.txt is empty/);
    expect(() => articleText(bytes(' \n\n '), 'a.txt')).toThrow(DraftInputError);
    expect(() => articleText(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]), 'a.png')).toThrow(/binary/);
    expect(() => articleText(new Uint8Array([0x41, 0xff, 0xfe, 0x41]), 'a.txt')).toThrow(/not UTF-8/);
    expect(() => articleText(new Uint8Array(600 * 1024).fill(0x61), 'big.txt')).toThrow(/KB/);
    expect(() => articleText(bytes('Only a title'), 'a.txt')).toThrow(/no sentence/);
    expect(articleText(bytes('\uFEFFTitle\r\nOne sentence.\r\n'))).toBe('Title\nOne sentence.\n');
  });

  it('drafts an article that names nothing, with its title as its subject', () => {
    const { pack } = draftPack('A title\nthe rain fell all day.\n', 'rain', 'Rain');
    expect(pack.entities).toHaveLength(1);
    expect(pack.facts).toHaveLength(1);
  });
});

describe('figures in other units', () => {
  it('reads durations, distances, counts of things and a vote’s split', () => {
    const read = (s: string) =>
      findFigures(s).map((f) => [
        f.unit,
        f.value,
        ...(f.counts ? [f.counts] : []),
        ...(f.against ? [f.against] : []),
      ]);
    expect(read('Buses take up to 50 minutes; the tram takes 26 mins, or two hours at night.')).toEqual([
      ['minutes', 50],
      ['minutes', 26],
      ['minutes', 120],
    ]);
    expect(read('A 9.6-mile route with 14 stops, 15 km long.')).toEqual([
      ['miles', 9.6],
      ['km', 15],
      ['count', 14, 'stops'],
    ]);
    expect(read('The council voted 7–4; the four councillors who voted against sat apart.')).toEqual([
      ['votes', 7, 4],
      ['count', 4, 'councillors'],
    ]);
    expect(read('Qwen 2.5 outperforms rivals in 2023 elections.')).toEqual([]);
  });
});
