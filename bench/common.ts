/** Pieces every benchmark script shares. */
import { readFileSync } from 'node:fs';

/** The nearest-rank quantile (0 < q ≤ 1) of values sorted in ascending order. */
export function quantile(sorted: number[], q: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index] as number;
}

/** The arguments `npm run start:prod` gives node: the production command, options included. */
export function productionArguments(): string[] {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
  const [program, ...args] = (pkg.scripts['start:prod'] ?? '').split(/\s+/);
  if (program !== 'node') throw new Error('expected npm run start:prod to run node');
  return args;
}
