import { z } from 'zod';

/** The environment as the process has it. */
export type Env = Record<string, string | undefined>;

/** Field rules shared by the bot's settings and each platform's: every variable is text, maybe empty. */

/** Optional text; empty or blank counts as unset. */
export const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

/** An optional http(s) URL (an API base URL that tests point at a local fake). */
export const optionalUrl = optionalText.pipe(
  z.url({ protocol: /^https?$/, message: 'expected an http(s) URL' }).optional(),
);

/** An optional whole number written as digits matching `pattern`. */
export function wholeNumber(pattern: RegExp, message: string) {
  return optionalText.pipe(z.string().regex(pattern, message).transform(Number).optional());
}

/** An optional TCP port. */
export const port = optionalText.pipe(
  z
    .string()
    .regex(/^\d{1,5}$/, 'expected a port number 0–65535')
    .transform(Number)
    .pipe(z.number().max(65535, 'expected a port number 0–65535'))
    .optional(),
);

/** Pairs of variables that only make sense together: `[present, needed]`. */
export type Pairing = readonly [present: string, needed: string];

/** "NEEDED: required when PRESENT is set" for each pair whose first is set and second is not (blank is unset). */
export function pairingProblems(env: Env, rules: readonly Pairing[]): string[] {
  const set = (name: string) => Boolean(env[name]?.trim());
  return rules
    .filter(([present, needed]) => set(present) && !set(needed))
    .map(([present, needed]) => `${needed}: required when ${present} is set`);
}

/** Each of a failed parse's problems as "VARIABLE: what it expects". */
export function problemsOf(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}
