/**
 * Chart benchmark: how long a chart takes to draw (SVG built from the story pack, rasterised to PNG
 * with the bundled font), cold and cached. Charts are cached per story version, so "cold" is the
 * first chart of a freshly loaded story (a reload), and "first in process" also pays for loading the
 * rasteriser and the font. Prints, for every chart of every shipped story, the median and worst cold
 * time over BENCH_CHARTS_N reloads (20 by default) and the median cached time.
 */

import { figuresChart, rasterise, timelineChart } from '../src/charts/charts.ts';
import { chartableTopics } from '../src/charts/figures.ts';
import { loadStory, storySlugs } from '../src/knowledge/load-story.ts';

const RUNS = Number(process.env.BENCH_CHARTS_N ?? 20);
const CACHED_RUNS = 10_000;

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

const ms = (n: number) => `${n < 1 ? n.toFixed(4) : n.toFixed(1)} ms`;

// The very first picture of the process: the rasteriser's and the font's loading included.
const firstStory = loadStory();
const firstStart = performance.now();
rasterise('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text y="9">0</text></svg>');
const firstRaster = performance.now() - firstStart;
const firstChart = performance.now();
timelineChart(firstStory);
const firstInProcess = performance.now() - firstChart + firstRaster;

const rows: string[][] = [['chart', 'cold p50', 'cold max', 'cached p50', 'PNG bytes', 'size']];
let worstCold = 0;
let worstCached = 0;
for (const slug of storySlugs()) {
  const topics = chartableTopics(loadStory(slug));
  const charts: { name: string; draw: (story: ReturnType<typeof loadStory>) => unknown }[] = [
    ...topics.map((t) => ({
      name: `${slug} ${t.id}`,
      draw: (s: ReturnType<typeof loadStory>) => figuresChart(s, t.id),
    })),
    { name: `${slug} timeline`, draw: (s: ReturnType<typeof loadStory>) => timelineChart(s) },
  ];
  for (const chart of charts) {
    const cold: number[] = [];
    let story = loadStory(slug);
    for (let run = 0; run < RUNS; run++) {
      // A reload: a new story version, so nothing of it is cached.
      story = loadStory(slug);
      const start = performance.now();
      chart.draw(story);
      cold.push(performance.now() - start);
    }
    const cached: number[] = [];
    for (let run = 0; run < CACHED_RUNS; run++) {
      const start = performance.now();
      chart.draw(story);
      cached.push(performance.now() - start);
    }
    const drawn = chart.draw(story) as { png: Uint8Array; width: number; height: number };
    worstCold = Math.max(worstCold, quantile(cold, 0.5));
    worstCached = Math.max(worstCached, quantile(cached, 0.5));
    rows.push([
      chart.name,
      ms(quantile(cold, 0.5)),
      ms(Math.max(...cold)),
      ms(quantile(cached, 0.5)),
      String(drawn.png.byteLength),
      `${drawn.width}×${drawn.height}`,
    ]);
  }
}

const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
for (const row of rows) process.stdout.write(`${row.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ')}\n`);
process.stdout.write(
  `\nfirst chart in the process (rasteriser and font loading included): ${ms(firstInProcess)}\n` +
    `slowest median cold chart: ${ms(worstCold)} (target < 50 ms); slowest median cached: ${ms(worstCached)} (target < 1 ms)\n`,
);
