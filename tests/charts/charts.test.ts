import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ALT_TEXT_MAX, figuresChart, timelineChart } from '../../src/charts/charts.ts';
import { textWidth } from '../../src/charts/font.ts';
import { buildStory, loadStory, type Story } from '../../src/knowledge/load-story.ts';

const SLUG = 'alibaba-denies-deepseek-investment';
const data = () => JSON.parse(readFileSync(`data/${SLUG}.json`, 'utf8'));
const seed = readFileSync(`seeds/${SLUG}.txt`, 'utf8');
const meta = JSON.parse(readFileSync(`seeds/${SLUG}.json`, 'utf8'));
const story = loadStory(SLUG);

/** Decodes a PNG far enough to trust it: signature, header, and image data that inflates to its size. */
function decodePng(png: Uint8Array): { width: number; height: number; pixels: Buffer } {
  const bytes = Buffer.from(png);
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
  let at = 8;
  let width = 0;
  let height = 0;
  let colourType = 0;
  const idat: Buffer[] = [];
  while (at < bytes.length) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    const body = bytes.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      expect(body[8]).toBe(8);
      colourType = body[9] ?? 0;
    } else if (type === 'IDAT') idat.push(body);
    at += 12 + length;
  }
  const channels = colourType === 6 ? 4 : colourType === 2 ? 3 : colourType === 4 ? 2 : 1;
  const pixels = inflateSync(Buffer.concat(idat));
  // One filter byte per row, then the row's samples.
  expect(pixels.length).toBe(height * (1 + width * channels));
  return { width, height, pixels };
}

/** The text of every SVG element of a class. */
function texts(svg: string, role: string): string[] {
  const unescaped = (t: string) =>
    t
      .replace(/&amp;/g, '&')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'");
  return [...svg.matchAll(new RegExp(`<text class="${role}"[^>]*>([^<]*)</text>`, 'g'))].map((m) =>
    unescaped(m[1] as string),
  );
}

function bars(svg: string): { fact: string; value: number; qualifier: string; x: number; width: number }[] {
  return [
    ...svg.matchAll(
      /<rect class="bar" data-fact="([^"]+)" data-value="([^"]+)" data-qualifier="(\w+)" x="([^"]+)" y="[^"]+" width="([^"]+)"/g,
    ),
  ].map((m) => ({
    fact: m[1] as string,
    value: Number(m[2]),
    qualifier: m[3] as string,
    x: Number(m[4]),
    width: Number(m[5]),
  }));
}

describe('the figures chart', () => {
  const chart = figuresChart(story, 'market');

  it('is a PNG that decodes, at least 800×450, as big as it says', () => {
    expect(chart).toBeDefined();
    const png = decodePng(chart?.png ?? new Uint8Array());
    expect(png.width).toBe(800);
    expect(png.height).toBe(chart?.height);
    expect(png.height).toBeGreaterThanOrEqual(450);
  });

  it('draws one bar per percentage figure of the topic, signed by its direction, labelled in words and arrows', () => {
    const svg = chart?.svg ?? '';
    expect(bars(svg).map((b) => [b.fact, b.value, b.qualifier])).toEqual([
      ['microsoft-stock-drop', -8, 'over'],
      ['nvidia-share-dip', -20, 'exact'],
      ['alibaba-stock-surge', 16, 'exact'],
      ['alibaba-stock-surge', 10, 'nearly'],
    ]);
    expect(texts(svg, 'value')).toEqual(['▼ down over 8%', '▼ down 20%', '▲ up 16%', '▲ up nearly 10%']);
    expect(texts(svg, 'subject')).toEqual([
      'Microsoft shares',
      'Nvidia shares',
      'Alibaba shares',
      'Alibaba shares',
    ]);
    // Down bars end left of the zero line, up bars start at it; lengths follow the values.
    const zero = Number(/<line class="zero" x1="([^"]+)"/.exec(svg)?.[1]);
    const [microsoft, nvidia, thisYear] = bars(svg);
    expect((microsoft?.x ?? 0) + (microsoft?.width ?? 0)).toBeCloseTo(zero, 0);
    expect(thisYear?.x).toBeCloseTo(zero, 0);
    expect((nvidia?.width ?? 0) / (thisYear?.width ?? 1)).toBeCloseTo(20 / 16, 1);
  });

  it('keeps each period a group of its own, under its heading, and marks qualified figures', () => {
    const svg = chart?.svg ?? '';
    expect(texts(svg, 'period')).toEqual([
      'In the shock at DeepSeek’s cost claim',
      'This year',
      'Since DeepSeek’s rise',
    ]);
    expect(svg.match(/class="separator"/g)).toHaveLength(2);
    // "over 8%" and "nearly 10%" each get a dashed end, and a note says what it means.
    expect(svg.match(/class="qualified"/g)).toHaveLength(2);
    expect(texts(svg, 'note')[0]).toMatch(/“over” or “nearly”/);
  });

  it('gives every figure, its period and its source sentence in the alt text', () => {
    const alt = chart?.alt ?? '';
    expect(alt.length).toBeLessThanOrEqual(ALT_TEXT_MAX);
    for (const words of [
      'down over 8%',
      'down 20%',
      'up 16%',
      'up nearly 10%',
      'This year',
      'Since DeepSeek’s rise',
    ])
      expect(alt).toContain(words);
    for (const id of ['microsoft-stock-drop', 'nvidia-share-dip', 'alibaba-stock-surge'])
      expect(alt).toContain(story.factsById.get(id)?.quote);
    expect(alt).toMatch(/not one series/);
  });

  it('draws no text smaller than 14 px, and keeps every line inside the picture', () => {
    const svg = chart?.svg ?? '';
    const sizes = [...svg.matchAll(/font-size="(\d+)"/g)].map((m) => Number(m[1]));
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(14);
    for (const m of svg.matchAll(
      /<text[^>]* x="([^"]+)"[^>]*font-size="(\d+)" font-weight="(\d+)" text-anchor="(\w+)"[^>]*>([^<]*)</g,
    )) {
      const [x, size, weight, anchor, content] = [Number(m[1]), Number(m[2]), m[3], m[4], m[5] as string];
      const width = textWidth(content.replace(/&amp;/g, '&'), size, weight === '700' ? 'bold' : 'regular');
      const left = anchor === 'end' ? x - width : anchor === 'middle' ? x - width / 2 : x;
      expect(left, content).toBeGreaterThanOrEqual(0);
      expect(left + width, content).toBeLessThanOrEqual(800);
    }
  });

  it('changes when one figure of a copy of the data changes', () => {
    const copy = data();
    const nvidia = copy.facts.find((f: { id: string }) => f.id === 'nvidia-share-dip');
    nvidia.figures[0].value = 12;
    nvidia.figures[0].text = '12%';
    const changed = figuresChart(buildStory(copy, seed, meta) as Story, 'market');
    expect(changed?.svg).not.toBe(chart?.svg);
    expect(Buffer.from(changed?.png ?? []).equals(Buffer.from(chart?.png ?? []))).toBe(false);
    expect(
      decodePng(changed?.png ?? new Uint8Array()).pixels.equals(
        decodePng(chart?.png ?? new Uint8Array()).pixels,
      ),
    ).toBe(false);
    expect(texts(changed?.svg ?? '', 'value')).toContain('▼ down 12%');
    expect(changed?.alt).toContain('Nvidia shares: down 12%');
  });

  it('is drawn once per story version: the same object until the story is reloaded', () => {
    expect(figuresChart(story, 'market')).toBe(chart);
    expect(figuresChart(loadStory(SLUG), 'market')).not.toBe(chart);
  });

  it('is not drawn for a topic without percentage figures', () => {
    expect(figuresChart(story, 'bans')).toBeUndefined();
  });
});

describe('the timeline picture', () => {
  const chart = timelineChart(story);

  it('decodes, and lists the dated events in date order, then the relative ones in the article’s order, each section labelled', () => {
    expect(decodePng(chart?.png ?? new Uint8Array()).width).toBe(800);
    const svg = chart?.svg ?? '';
    expect(texts(svg, 'section')).toEqual([
      'With calendar dates, in date order',
      'Dated only relative to the article, in the order it reports them',
    ]);
    const when = texts(svg, 'when');
    expect(when.slice(0, 2)).toEqual(['2017', 'May 2024']);
    expect(when.at(-1)).toBe('Thursday');
    expect(svg.match(/class="event dated"/g)).toHaveLength(2);
    expect(svg.match(/class="event relative"/g)).toHaveLength(5);
    expect(chart?.alt).toContain(
      'Thursday: Texas Governor Greg Abbott announces a statewide ban on DeepSeek.',
    );
  });

  it('is not drawn for a story without dated events', () => {
    const copy = data();
    for (const fact of copy.facts) delete fact.timeline;
    expect(timelineChart(buildStory(copy, seed, meta))).toBeUndefined();
  });
});
