/**
 * Scoring of the sealed set (tests/fixtures/sealed-questions.json), written from the article alone by
 * someone who never saw the engine: its labels are patterns over the answer text and the sentence to
 * quote, not fact ids. An answerable item is right when the bot answers and every pattern matches the
 * answer (the user's own question, echoed as a title, is not part of it); an unanswerable one when the
 * bot does not answer. Nothing here may be used to tune the engine.
 */
import { readFileSync } from 'node:fs';
import type { Reply } from '../src/core/reply.ts';

export interface SealedItem {
  id?: string;
  question: string;
  answerable: boolean;
  mustMatch?: string[];
  quote?: string;
}

export interface SealedSet {
  questions: SealedItem[];
  dialogues: { id: string; turns: SealedItem[] }[];
}

export function loadSealedSet(path = 'tests/fixtures/sealed-questions.json'): SealedSet {
  return JSON.parse(readFileSync(path, 'utf8')) as SealedSet;
}

/** What an answer shows besides the echoed question: its text, its quote, its items. */
export function answerText(reply: Reply): string {
  const items = (reply.items ?? []).flatMap((item) => [item.label ?? '', item.text, item.quote ?? '']);
  return [reply.body, reply.quote?.text ?? '', ...(reply.fields ?? []).map((f) => f.value), ...items].join(
    '\n',
  );
}

/** Whether an answer (null: the system abstained) is right for the item. */
export function isRight(item: SealedItem, answer: string | null): boolean {
  if (!item.answerable) return answer === null;
  if (answer === null) return false;
  const patterns = item.mustMatch ?? [];
  if (patterns.length > 0) return patterns.every((p) => new RegExp(p, 'i').test(answer));
  return item.quote !== undefined && fold(answer).includes(fold(item.quote));
}

/** Whether the reply answers (an answer or a list), rather than abstaining, refusing or asking back. */
export function answers(reply: Reply): boolean {
  return reply.kind === 'answer' || reply.kind === 'list';
}

function fold(text: string): string {
  return text.replace(/[‘’]/g, "'").replace(/[“”]/g, '"').replace(/\s+/g, ' ').toLowerCase();
}

/** The 95% Wilson interval of a proportion, as "lo–hi%". */
export function wilson(right: number, total: number): string {
  if (total === 0) return '–';
  const z = 1.96;
  const p = right / total;
  const centre = p + (z * z) / (2 * total);
  const spread = z * Math.sqrt((p * (1 - p)) / total + (z * z) / (4 * total * total));
  const denominator = 1 + (z * z) / total;
  const lo = Math.max(0, (centre - spread) / denominator);
  const hi = Math.min(1, (centre + spread) / denominator);
  return `${(lo * 100).toFixed(1)}–${(hi * 100).toFixed(1)}%`;
}
