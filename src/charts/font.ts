import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * The font every chart is drawn in, bundled from npm (TTF, which the rasteriser reads), so a picture
 * is the same on every machine and in the Docker image whatever fonts the system has.
 */
export const FONT_FAMILY = 'Inter';

const require = createRequire(import.meta.url);

/** The regular and bold faces' files. */
export const FONT_FILES = {
  regular: require.resolve('@expo-google-fonts/inter/400Regular/Inter_400Regular.ttf'),
  bold: require.resolve('@expo-google-fonts/inter/700Bold/Inter_700Bold.ttf'),
} as const;

export type Weight = keyof typeof FONT_FILES;

/** How wide each character is drawn, read from a TrueType font's cmap and hmtx tables. */
interface Metrics {
  unitsPerEm: number;
  advanceOf(codePoint: number): number;
}

function readMetrics(font: Buffer): Metrics {
  const tables = new Map<string, number>();
  const count = font.readUInt16BE(4);
  for (let i = 0; i < count; i++) {
    const record = 12 + i * 16;
    tables.set(font.toString('latin1', record, record + 4), font.readUInt32BE(record + 8));
  }
  const table = (tag: string): number => {
    const offset = tables.get(tag);
    if (offset === undefined) throw new Error(`the chart font has no ${tag} table`);
    return offset;
  };
  const unitsPerEm = font.readUInt16BE(table('head') + 18);
  const longMetrics = font.readUInt16BE(table('hhea') + 34);
  const hmtx = table('hmtx');
  const advances: number[] = [];
  for (let i = 0; i < longMetrics; i++) advances.push(font.readUInt16BE(hmtx + i * 4));
  const glyphOf = cmapOf(font, table('cmap'));
  const fallback = advances[glyphOf(0x20) ?? 0] ?? unitsPerEm / 2;
  return {
    unitsPerEm,
    advanceOf(codePoint) {
      const glyph = glyphOf(codePoint);
      if (glyph === undefined) return fallback;
      // Glyphs past the long metrics share the last advance.
      return advances[Math.min(glyph, advances.length - 1)] ?? fallback;
    },
  };
}

/** The code point → glyph lookup of a cmap: its Unicode subtable in format 12, else format 4. */
function cmapOf(font: Buffer, cmap: number): (codePoint: number) => number | undefined {
  const subtables: { format: number; offset: number }[] = [];
  for (let i = 0; i < font.readUInt16BE(cmap + 2); i++) {
    const record = cmap + 4 + i * 8;
    const platform = font.readUInt16BE(record);
    const encoding = font.readUInt16BE(record + 2);
    const offset = cmap + font.readUInt32BE(record + 4);
    if (platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10)))
      subtables.push({ format: font.readUInt16BE(offset), offset });
  }
  const full = subtables.find((s) => s.format === 12);
  if (full) {
    const groups: [number, number, number][] = [];
    const n = font.readUInt32BE(full.offset + 12);
    for (let i = 0; i < n; i++) {
      const at = full.offset + 16 + i * 12;
      groups.push([font.readUInt32BE(at), font.readUInt32BE(at + 4), font.readUInt32BE(at + 8)]);
    }
    return (codePoint) => {
      const group = groups.find(([start, end]) => codePoint >= start && codePoint <= end);
      return group ? group[2] + codePoint - group[0] : undefined;
    };
  }
  const basic = subtables.find((s) => s.format === 4);
  if (!basic) throw new Error('the chart font has no Unicode cmap');
  const at = basic.offset;
  const segments = font.readUInt16BE(at + 6) / 2;
  const ends = at + 14;
  const starts = ends + segments * 2 + 2;
  const deltas = starts + segments * 2;
  const ranges = deltas + segments * 2;
  return (codePoint) => {
    if (codePoint > 0xffff) return undefined;
    for (let i = 0; i < segments; i++) {
      if (codePoint > font.readUInt16BE(ends + i * 2)) continue;
      const start = font.readUInt16BE(starts + i * 2);
      if (codePoint < start) return undefined;
      const delta = font.readInt16BE(deltas + i * 2);
      const rangeOffset = font.readUInt16BE(ranges + i * 2);
      if (rangeOffset === 0) return (codePoint + delta) & 0xffff;
      const glyph = font.readUInt16BE(ranges + i * 2 + rangeOffset + (codePoint - start) * 2);
      return glyph === 0 ? undefined : (glyph + delta) & 0xffff;
    }
    return undefined;
  };
}

const metrics = new Map<Weight, Metrics>();
const widths = new Map<string, number>();

function metricsOf(weight: Weight): Metrics {
  let found = metrics.get(weight);
  if (!found) {
    found = readMetrics(readFileSync(FONT_FILES[weight]));
    metrics.set(weight, found);
  }
  return found;
}

/** How wide `text` is drawn at `size` px in the chart font (kerning left out: a little wider, never narrower than needed). */
export function textWidth(text: string, size: number, weight: Weight = 'regular'): number {
  const key = `${weight}:${text}`;
  let units = widths.get(key);
  if (units === undefined) {
    const font = metricsOf(weight);
    units = 0;
    for (const char of text) units += font.advanceOf(char.codePointAt(0) ?? 0x20);
    units /= font.unitsPerEm;
    if (widths.size > 5000) widths.clear();
    widths.set(key, units);
  }
  return units * size;
}

/** `text` broken at spaces into lines no wider than `width`; a word wider than a line is cut with an ellipsis. */
export function wrapText(text: string, width: number, size: number, weight: Weight = 'regular'): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (textWidth(candidate, size, weight) <= width) line = candidate;
    else {
      if (line) lines.push(line);
      line = fitText(word, width, size, weight);
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** `text`, shortened with an ellipsis until it fits `width`. */
export function fitText(text: string, width: number, size: number, weight: Weight = 'regular'): string {
  if (textWidth(text, size, weight) <= width) return text;
  let cut = text;
  while (cut.length > 1 && textWidth(`${cut}…`, size, weight) > width) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

/** Text as SVG character data or an attribute value. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
