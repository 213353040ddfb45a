import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  buildStory,
  loadStory,
  quoteStartsSentence,
  StoryLoadError,
} from '../../src/knowledge/load-story.ts';
import { informativeSentences } from '../../src/knowledge/sentences.ts';

const data = JSON.parse(readFileSync('data/alibaba-denies-deepseek-investment.json', 'utf8'));
const seed = readFileSync('seeds/alibaba-denies-deepseek-investment.txt', 'utf8');
const meta = JSON.parse(readFileSync('seeds/alibaba-denies-deepseek-investment.json', 'utf8'));

function withFact(id: string, change: (fact: Record<string, unknown>) => void) {
  const copy = structuredClone(data);
  change(copy.facts.find((f: { id: string }) => f.id === id));
  return copy;
}

describe('story loader', () => {
  it('loads the story with its facts, entities and topics', () => {
    const story = loadStory();
    expect(story.id).toBe('6a071b40dee26c3e');
    expect(story.title).toBe('Alibaba Denies $1 Billion Investment in DeepSeek as AI Rivalry Heats Up');
    expect(story.facts.length).toBeGreaterThanOrEqual(35);
    expect(story.entitiesById.get('microsoft')?.aliases).toContain('MSFT');
    expect(story.entitiesById.get('nvidia')?.aliases).toContain('NVDA');
    expect(story.entitiesById.get('yan-qiao')?.aliases).toContain('the Alibaba VP');
    expect(story.entitiesById.get('greg-abbott')?.aliases).toContain('Texas governor');
  });

  it('every quote is verbatim in the seed', () => {
    const story = loadStory();
    for (const fact of story.facts) expect(seed, fact.id).toContain(fact.quote);
  });

  it('every quote of every story starts at the start of a sentence of its seed', () => {
    // A story's facts are data/<slug>.json beside seeds/<slug>.json; other files (its calibration) are not.
    const stories = readdirSync('data').filter(
      (file) => file.endsWith('.json') && existsSync(`seeds/${file}`),
    );
    expect(stories.length).toBeGreaterThan(0);
    for (const file of stories) {
      const story = JSON.parse(readFileSync(`data/${file}`, 'utf8'));
      const seedMeta = JSON.parse(readFileSync(`seeds/${story.story.seed}.json`, 'utf8'));
      const seedText = readFileSync(`seeds/${seedMeta.file}`, 'utf8');
      const midSentence = story.facts
        .filter((fact: { quote: string }) => !quoteStartsSentence(seedText, fact.quote))
        .map((fact: { id: string }) => fact.id);
      expect(midSentence, file).toEqual([]);
    }
  });

  it('tells a quote at a sentence start from one that starts mid-sentence', () => {
    // After a sentence's end, at a line start, after a list marker, or an opening quote.
    expect(quoteStartsSentence(seed, 'Earlier today, multiple Chinese media outlets')).toBe(true);
    expect(quoteStartsSentence(seed, 'Chinese tech giant Alibaba has officially denied')).toBe(true);
    expect(quoteStartsSentence(seed, 'Nvidia, the leading AI chip manufacturer')).toBe(true);
    expect(quoteStartsSentence(seed, 'Disclaimer: This article is for informational purposes')).toBe(true);
    expect(quoteStartsSentence(seed, '“Texas will not allow the Chinese Communist Party')).toBe(true);
    expect(quoteStartsSentence(seed, 'The primary concern? DeepSeek’s privacy policy')).toBe(true);
    // Mid-sentence, whether the word is capitalised or not.
    expect(quoteStartsSentence(seed, 'an emerging force in artificial intelligence.')).toBe(false);
    expect(quoteStartsSentence(seed, 'Alibaba was planning a major funding move')).toBe(false);
    expect(quoteStartsSentence(seed, 'China’s artificial intelligence landscape')).toBe(false);
    expect(quoteStartsSentence(seed, 'Texas Governor Greg Abbott announced')).toBe(false);
  });

  it('fails, naming the fact, when a quote starts mid-sentence', () => {
    const broken = withFact('deepseek-profile', (f) => {
      f.quote = 'an emerging force in artificial intelligence.';
    });
    expect(() => buildStory(broken, seed, meta)).toThrow(
      /fact "deepseek-profile": its quote does not start at the start of a sentence/,
    );
  });

  it('fails, naming the fact, when a quote is not verbatim in the seed', () => {
    const broken = withFact('nvidia-share-dip', (f) => {
      f.quote = 'Nvidia experienced a 25% dip in its share value.';
    });
    expect(() => buildStory(broken, seed, meta)).toThrow(StoryLoadError);
    expect(() => buildStory(broken, seed, meta)).toThrow(
      /fact "nvidia-share-dip": its quote is not found verbatim/,
    );
  });

  it('fails on an unknown entity, a list without items and a schema error, naming each', () => {
    const broken = withFact('price-cuts', (f) => {
      f.entities = ['tencent', 'no-such-company'];
      f.items = [];
    });
    expect(() => buildStory(broken, seed, meta)).toThrow(
      /fact "price-cuts": unknown entity "no-such-company"/,
    );
    expect(() => buildStory(broken, seed, meta)).toThrow(/fact "price-cuts": a list fact needs items/);
    const badBinding = withFact('tiktok-comparison', (f) => {
      f.bound = { owned: ['tiktok', 'nobody-at-all'] };
    });
    expect(() => buildStory(badBinding, seed, meta)).toThrow(
      /fact "tiktok-comparison": "owned" is bound to unknown entity "nobody-at-all"/,
    );
    const badShape = withFact('texas-ban', (f) => {
      f.statement = '';
    });
    expect(() => buildStory(badShape, seed, meta)).toThrow(/facts\.\d+\.statement/);
  });

  it('fails when the seed metadata does not match the story', () => {
    expect(() => buildStory(data, seed, { ...meta, storyId: 'other' })).toThrow(
      /does not match the seed metadata/,
    );
  });

  it('structures the figures and dates the article gives', () => {
    const story = loadStory();
    const figure = (id: string) => story.factsById.get(id)?.figures ?? [];
    expect(figure('microsoft-stock-drop')).toContainEqual(
      expect.objectContaining({ value: 8, qualifier: 'over', unit: 'percent' }),
    );
    expect(figure('nvidia-share-dip')).toContainEqual(
      expect.objectContaining({ value: 20, unit: 'percent' }),
    );
    expect(figure('alibaba-stock-surge').map((f) => `${f.qualifier} ${f.value}`)).toEqual([
      'exact 16',
      'nearly 10',
    ]);
    expect(figure('alibaba-denies-investment')).toContainEqual(
      expect.objectContaining({ value: 1e9, unit: 'usd' }),
    );
    const when = (id: string) => story.factsById.get(id)?.when;
    expect(when('deepseek-v2-launch')).toMatchObject({ iso: '2024-05', precision: 'month' });
    expect(when('alibaba-ai-division-2017')).toMatchObject({ iso: '2017', precision: 'year' });
    expect(when('qwen-release-timing')?.label).toBe('the first day of the Lunar New Year');
    expect(when('texas-ban')?.label).toBe('Thursday');
  });

  it('keeps the lists whole as facts of their own', () => {
    const story = loadStory();
    const items = (id: string) => story.factsById.get(id)?.items?.map((i) => i.label);
    expect(items('us-bodies-blocking')).toEqual(['the U.S. Navy', 'Congress', 'the Pentagon', 'NASA']);
    expect(items('countries-blocking')).toEqual(['Italy', 'Taiwan', 'Australia']);
    expect(items('price-cuts')).toEqual(['ByteDance', 'Tencent', 'Baidu', 'Alibaba']);
    expect(items('alibaba-ecommerce-ai')).toHaveLength(3);
    expect(items('qwen-outperforms')).toEqual(['OpenAI', 'Meta’s open-source AI models', 'DeepSeek-V3']);
  });

  it('quotes every informative sentence of the article in some fact', () => {
    const story = loadStory();
    const sentences = informativeSentences(seed);
    expect(sentences.length).toBeGreaterThan(35);
    const unquoted = sentences.filter((sentence) => !story.facts.some((f) => f.quote.includes(sentence)));
    expect(unquoted).toEqual([]);
  });
});
