import { type Compilable, CompiledQuery } from 'kysely';
import type { Database } from './database.ts';

/**
 * A statement run on every request or so (counting an unanswered question), compiled to SQL once
 * rather than built and compiled again each time (Kysely's builders and compiler made about 25 KB of
 * garbage a call). `build` makes the query with a stand-in for each of `keys`; each call sends the
 * same SQL with its own values in their places (a value may fill several), and the query's constants
 * as they were.
 */
export function compiledOnce<K extends string>(
  database: Database,
  keys: readonly K[],
  build: (values: Record<K, string>) => Compilable,
): (values: Record<K, unknown>) => Promise<void> {
  let compiled: { sql: string; slots: ({ key: K } | { constant: unknown })[] } | undefined;
  const compile = () => {
    const standIns = Object.fromEntries(keys.map((key) => [key, `\u0000${key}\u0000`])) as Record<K, string>;
    const { sql, parameters } = build(standIns).compile();
    const slots = parameters.map((parameter) => {
      const key = keys.find((k) => standIns[k] === parameter);
      return key === undefined ? { constant: parameter } : { key };
    });
    for (const key of keys)
      if (!slots.some((slot) => 'key' in slot && slot.key === key))
        throw new Error(`compiledOnce: ${key} is not a parameter of the query`);
    return { sql, slots };
  };
  return async (values) => {
    compiled ??= compile();
    const parameters = compiled.slots.map((slot) => ('key' in slot ? values[slot.key] : slot.constant));
    await database.kysely.executeQuery(CompiledQuery.raw(compiled.sql, parameters));
  };
}
