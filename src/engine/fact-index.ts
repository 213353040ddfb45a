/**
 * The story's facts by the keys they hold. Ranking scores every fact against a question; looked up
 * fact by fact, that is a few map lookups per key of the question and per fact (some 2,000 for a
 * question of five keys against 40 facts). Looked up here, key by key, each key of the question
 * costs one lookup, and scoring a fact reads arrays. The index holds nothing the facts do not: every
 * column it gives is what the facts' own maps and texts say, fact by fact.
 */

/** What the index reads of a fact: what the engine scores with (see the engine's IndexedFact). */
export interface IndexableFact {
  /** Key → how strongly the fact covers it. */
  coverage: ReadonlyMap<string, number>;
  /** Key → the entities (`@id`) the fact says it of, and of no others. */
  bound: ReadonlyMap<string, ReadonlySet<string>>;
  /** Keys of what the fact is about. */
  core: ReadonlySet<string>;
  /** The keys of each of the fact's questions. */
  questionTermSets: readonly ReadonlySet<string>[];
  /** Its statement and quote, normalised, with a space either side. */
  text: string;
}

/**
 * A question's keys against every fact, a column per key, each as long as there are facts, end to
 * end in one array (one allocation per question, not one per key): fact f's entry for the k-th key
 * is at k × facts + f. Plain arrays: typed arrays this small cost more to allocate than to read.
 */
export interface KeyColumns {
  /** How many facts: the length of each column. */
  facts: number;
  /**
   * How strongly the fact covers the key: 0 when not at all, or when the fact says it only of
   * entities other than those the question names.
   */
  credit: number[];
  /** Whether the key is of what the fact is about. */
  core: boolean[];
  /** shared[q]: how many of the keys the q-th question holds (numbered across facts; see firstQuestion). */
  shared: number[];
  /** saidAsAsked[f]: how many of the names asked (see columns) fact f's text says as they were asked. */
  saidAsAsked: number[];
}

interface Posting<T> {
  fact: number;
  value: T;
}

export class FactIndex {
  readonly factCount: number;
  private readonly covering = new Map<string, Posting<number>[]>();
  private readonly bound = new Map<string, Posting<ReadonlySet<string>>[]>();
  private readonly core = new Map<string, number[]>();
  /** Key → the questions (numbered across facts) that hold it. */
  private readonly questions = new Map<string, number[]>();
  /** Where each fact's questions start in that numbering; one more entry marks the end of the last. */
  private readonly questionStarts: number[] = [0];
  /** How many keys each question holds. */
  readonly questionSizes: number[] = [];
  private readonly texts: string[];
  /**
   * A name as asked (" light rail ") → the facts whose text says it, found on its first use. Only
   * the story's own names are asked for (its entities' aliases), so this holds a few dozen at most.
   */
  private readonly saying = new Map<string, number[]>();

  constructor(facts: readonly IndexableFact[]) {
    this.factCount = facts.length;
    this.texts = facts.map((fact) => fact.text);
    facts.forEach((fact, f) => {
      for (const [key, credit] of fact.coverage) postTo(this.covering, key, { fact: f, value: credit });
      for (const [key, owners] of fact.bound) postTo(this.bound, key, { fact: f, value: owners });
      for (const key of fact.core) postTo(this.core, key, f);
      for (const set of fact.questionTermSets) {
        const q = this.questionSizes.length;
        this.questionSizes.push(set.size);
        for (const key of set) postTo(this.questions, key, q);
      }
      this.questionStarts.push(this.questionSizes.length);
    });
  }

  /**
   * The number of fact f's first question: its questions are numbered from firstQuestion(f) up to
   * (not including) firstQuestion(f + 1).
   */
  firstQuestion(f: number): number {
    return this.questionStarts[f] as number;
  }

  /**
   * Every fact against the given keys (each once), for a question naming the given entities (`@id`,
   * with the groups they belong to) and the given names of several words as asked (" light rail ",
   * a space either side).
   */
  columns(keys: readonly string[], named: ReadonlySet<string>, names: readonly string[]): KeyColumns {
    const n = this.factCount;
    const credit = new Array<number>(keys.length * n).fill(0);
    const core = new Array<boolean>(keys.length * n).fill(false);
    const shared = new Array<number>(this.questionSizes.length).fill(0);
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k] as string;
      const covering = this.covering.get(key);
      if (covering) for (const { fact, value } of covering) credit[k * n + fact] = value;
      // A word the fact says of other entities than the ones asked about does not cover the question.
      const bound = named.size > 0 ? this.bound.get(key) : undefined;
      if (bound)
        for (const { fact, value: owners } of bound) if (!ownedBy(owners, named)) credit[k * n + fact] = 0;
      const coreOf = this.core.get(key);
      if (coreOf) for (const f of coreOf) core[k * n + f] = true;
      const questions = this.questions.get(key);
      if (questions) for (const q of questions) shared[q] = (shared[q] as number) + 1;
    }
    const saidAsAsked = new Array<number>(n).fill(0);
    for (const name of names)
      for (const f of this.factsSaying(name)) saidAsAsked[f] = (saidAsAsked[f] as number) + 1;
    return { facts: n, credit, core, shared, saidAsAsked };
  }

  /** The facts whose text says a name as asked (see saying). */
  private factsSaying(name: string): number[] {
    let facts = this.saying.get(name);
    if (!facts) {
      facts = [];
      for (const [f, text] of this.texts.entries()) if (text.includes(name)) facts.push(f);
      this.saying.set(name, facts);
    }
    return facts;
  }
}

/** Whether any of the owners is among the entities named. */
function ownedBy(owners: ReadonlySet<string>, named: ReadonlySet<string>): boolean {
  for (const owner of owners) if (named.has(owner)) return true;
  return false;
}

function postTo<T>(postings: Map<string, T[]>, key: string, posting: T): void {
  const list = postings.get(key);
  if (list) list.push(posting);
  else postings.set(key, [posting]);
}
