import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editDistance, withinOneEdit } from '../../src/engine/analyser.ts';
import type { EngineResult } from '../../src/engine/engine.ts';
import { LanguageDetector } from '../../src/engine/language.ts';
import { normaliseText, typedSpellings } from '../../src/engine/normalise.ts';
import { core } from '../helpers.ts';

const { engine, story } = core();
const englishSets = ['eval-questions.json', 'holdout-questions.json'].map(
  (file) => JSON.parse(readFileSync(`tests/fixtures/${file}`, 'utf8')) as { q: string }[],
);
const detector = new LanguageDetector(
  story.entities.flatMap((entity) => [entity.name, ...entity.aliases]),
  (word) => engine.analyser.vocabulary.has(word),
);

function notAnswered(question: string): Extract<EngineResult, { answered: false }> {
  const result = engine.ask(question);
  if (result.answered) throw new Error(`answered “${question}” with ${result.fact.id}`);
  return result;
}

/** The ids of the entities a fact is about, its list items' and its speaker's included, with their parents. */
function entitiesOf(factId: string): Set<string> {
  const fact = story.factsById.get(factId);
  if (!fact) throw new Error(`no fact ${factId}`);
  const ids = new Set([
    ...fact.entities,
    ...(fact.speaker ? [fact.speaker] : []),
    ...(fact.items ?? []).flatMap((item) => (item.entity ? [item.entity] : [])),
  ]);
  for (const id of [...ids]) {
    for (
      let parent = story.entitiesById.get(id)?.parent;
      parent;
      parent = story.entitiesById.get(parent)?.parent
    )
      ids.add(parent);
  }
  return ids;
}

describe('questions in other languages', () => {
  it('takes no English question of the evaluation sets for another language', () => {
    const questions = englishSets.flat().map((q) => q.q);
    expect(questions.length).toBeGreaterThanOrEqual(400);
    const misread = questions.filter((q) => detector.foreignLanguageOf(q) !== undefined);
    expect(misread).toEqual([]);
    const refused = questions.filter((q) => {
      const result = engine.ask(q);
      return !result.answered && result.reason === 'not_english';
    });
    expect(refused).toEqual([]);
  });

  it.each([
    'wen did qwen drop',
    'r u sure',
    'tldr',
    'tl;dr',
    'NVDA',
    'BABA MSFT NVDA',
    'Yan Qiao',
    'yan qiao kaifu zhang',
    'ngl deepseek kinda mid',
    'idk tbh',
    'deepseak alibabba',
    'alibabba deepseek 1b deal real',
    'is nestlé involved',
    'what does 阿里巴巴 mean',
    'how much did the nasdaq fall',
    'lmao',
  ])('reads short English chat, tickers and names as English: %s', (question) => {
    expect(detector.foreignLanguageOf(question)).toBeUndefined();
  });

  it.each([
    ['阿里巴巴投资DeepSeek了吗？', 'script'],
    ['英伟达的股价跌了多少？', 'script'],
    ['アリババはDeepSeekに投資しましたか？', 'script'],
    ['알리바바가 딥시크에 투자했나요?', 'script'],
    ['Алибаба инвестировала в DeepSeek?', 'script'],
    ['هل استثمرت علي بابا في ديب سيك؟', 'script'],
    ['האם עליבאבא השקיעה בדיפסיק?', 'script'],
    ['อาลีบาบาลงทุนใน DeepSeek หรือไม่', 'script'],
    ['क्या अलीबाबा ने डीपसीक में निवेश किया?', 'script'],
    ['¿Alibaba invirtió en DeepSeek?', 'words'],
    ['¿Cuánto cayó la acción de Nvidia?', 'words'],
    ['Pourquoi le Texas a-t-il interdit DeepSeek ?', 'words'],
    ['Hat Alibaba wirklich in DeepSeek investiert?', 'words'],
    ['Quanto caíram as ações da Nvidia?', 'words'],
    ['Perché l’Italia ha vietato DeepSeek?', 'words'],
  ] as const)('tells %s is not English (by its %s)', (question, by) => {
    expect(detector.foreignLanguageOf(question)?.by).toBe(by);
    expect(notAnswered(question).reason).toBe('not_english');
  });

  it('suggests questions about the companies a question names, by their Chinese names too', () => {
    for (const question of [
      '阿里巴巴投资DeepSeek了吗？',
      '阿里巴巴投资深度求索了吗？',
      '¿Alibaba invirtió en DeepSeek?',
    ]) {
      const result = notAnswered(question);
      expect(result.about).toEqual(['Alibaba', 'DeepSeek']);
      expect(result.suggestions[0]?.factId).toBe('alibaba-denies-investment');
      expect(result.suggestions).toHaveLength(3);
      for (const s of result.suggestions) {
        const about = entitiesOf(s.factId);
        expect(about.has('alibaba') || about.has('deepseek'), s.factId).toBe(true);
      }
    }
    const nvidia = notAnswered('英伟达的股价跌了多少？');
    expect(nvidia.about).toEqual(['Nvidia']);
    expect(nvidia.suggestions[0]).toEqual({
      question: 'How much did Nvidia shares fall?',
      factId: 'nvidia-share-dip',
    });
    const qwen = notAnswered('通义千问是什么时候发布的？');
    expect(qwen.about).toEqual(['Qwen 2.5-Max']);
    for (const s of qwen.suggestions) expect(entitiesOf(s.factId).has('qwen'), s.factId).toBe(true);
    const microsoft = notAnswered('微软的股票跌了多少？');
    expect(microsoft.suggestions.map((s) => s.factId)).toContain('microsoft-stock-drop');
  });

  it('suggests the featured questions when a question names nothing of the story', () => {
    const result = notAnswered('¿Qué tiempo hace hoy en Madrid?');
    expect(result.reason).toBe('not_english');
    expect(result.about).toEqual([]);
    expect(result.suggestions).toEqual(engine.featuredSuggestions());
  });

  it('offers only questions it answers, each with its own fact', () => {
    for (const question of [
      '阿里巴巴投资DeepSeek了吗？',
      '英伟达的股价跌了多少？',
      'Was sagt Greg Abbott über DeepSeek?',
    ]) {
      for (const s of notAnswered(question).suggestions) {
        const again = engine.ask(s.question);
        expect(again.answered && again.fact.id, s.question).toBe(s.factId);
      }
    }
  });

  it('understands the Chinese names of the story’s companies and places in an English question', () => {
    const result = engine.ask('did 深度求索 get banned in 意大利');
    expect(result.answered && result.fact.id).toBe('countries-blocking');
    expect(engine.entitiesIn('微软 and 英伟达').map((f) => f.entity.id)).toEqual(['microsoft', 'nvidia']);
  });
});

describe('words echoed back', () => {
  it('keep their accents, as the user spelt them', () => {
    const result = notAnswered('did alibaba invirtió in deepseek');
    expect(result.reason).toBe('not_in_article');
    expect(result.unknownTerms).toContain('invirtió');
    expect(result.unknownTerms).not.toContain('invirti');
    expect(notAnswered('Is Nestlé buying DeepSeek?').unknownTerms).toContain('nestlé');
  });

  it('are matched with their accents folded', () => {
    expect(normaliseText('¿Invirtió Alibaba?')).toBe('invirtio alibaba');
    expect(typedSpellings('¿Invirtió Alibaba?')).toEqual(
      new Map([
        ['invirtio', 'invirtió'],
        ['alibaba', 'alibaba'],
      ]),
    );
    // Stacked marks that compose into no letter are not echoed as typed.
    expect(typedSpellings('ze\u0301\u0301\u0301ro').has('zero')).toBe(false);
  });

  it('are the same when only some are wanted (reading stops once those are found)', () => {
    const word = fc.constantFrom(
      ..."invirtió Invirtió invirtio nestlé Nestlé vacay u govt ytd deepseek DeepSeek? alibaba, r1 $1b 20% it's ze\u0301ro café cafe".split(
        ' ',
      ),
    );
    fc.assert(
      fc.property(
        fc.array(word, { maxLength: 10 }),
        fc.uniqueArray(
          fc.constantFrom(
            'invirtio',
            'nestle',
            'vacation',
            'you',
            'government',
            'cafe',
            'deepseek',
            'absent',
          ),
        ),
        (words, wanted) => {
          const text = words.join(' ');
          const all = typedSpellings(text);
          const some = typedSpellings(text, new Set(wanted));
          for (const w of wanted) expect(some.get(w)).toBe(all.get(w));
        },
      ),
      { seed: 4242, numRuns: 2000 },
    );
  });
});

describe('a misspelt name, one edit away', () => {
  it('is told in one pass, as editDistance(a, b) <= 1 tells it', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'é'), maxLength: 7 });
    // A word and another one edit or so from it, or any other word.
    const edited = word.chain((a) =>
      fc
        .oneof(
          fc.constant(a),
          word,
          fc.nat(a.length).map((i) => a.slice(0, i) + a.slice(i + 1)),
          fc
            .tuple(fc.nat(a.length), fc.constantFrom('a', 'b', 'd'))
            .map(([i, c]) => a.slice(0, i) + c + a.slice(i)),
          fc
            .tuple(fc.nat(a.length), fc.constantFrom('a', 'b', 'd'))
            .map(([i, c]) => a.slice(0, i) + c + a.slice(i + 1)),
          fc
            .nat(a.length)
            .map((i) => a.slice(0, i) + a.slice(i + 1, i + 2) + a.slice(i, i + 1) + a.slice(i + 2)),
        )
        .map((b) => [a, b] as const),
    );
    fc.assert(
      fc.property(edited, ([a, b]) => {
        expect(withinOneEdit(a, b)).toBe(editDistance(a, b) <= 1);
      }),
      { seed: 4242, numRuns: 5000 },
    );
  });
});

describe('normalising', () => {
  // One of each thing a pass reads (each pass runs only on text holding what it reads).
  it.each([
    ['ping <@123> see http://x.y/z or @bob', 'ping see or'],
    ['the U.S. and the USA, not us', 'the usa and the usa not us'],
    ['did the US ban it? the us did, and us lawmakers', 'did the usa ban it the usa did and usa lawmakers'],
    ['E.U. rules and the EU', 'eu rules and the eu'],
    ['E.U rules', 'eu rules'],
    ['the Us economy', 'the usa economy'],
    ['E commerce', 'ecommerce'],
    ['up 5 pct, or 3 per cent, or 20%', 'up 5 percent or 3 percent or 20 percent'],
    ['three per cent', 'three percent'],
    ['a $1bn deal, $2.5 billion, 3b', 'a 1 billion deal 2.5 billion 3 billion'],
    ['e-commerce and E commerce', 'ecommerce and ecommerce'],
    ['wait... is . this .NET v 3 r1 eli5', 'wait is this net v3 r1 explain'],
    ["didn't it's the firms' 'quote' they're", 'did not it the firms quote they'],
    ['Invirtió “Alibaba” ‘en’ DeepSeek´s', 'invirtio alibaba en deepseek s'],
  ])('reads %j as %j', (text, normalised) => {
    expect(normaliseText(text)).toBe(normalised);
  });
});

describe('normalising ASCII text', () => {
  it('gives what the Unicode passes give', () => {
    // A no-break space at the end makes the text non-ASCII (every pass runs) and normalises to a space.
    const piece = fc.constantFrom(
      ..."a b z A Q U.S. US us EU E.U. the $ 1 20 2.5 % bn b billion pct per cent v r 3 eli5 n't 's s' 're ` . .. - @x <@1> http://x.y ok u wat how much ecommerce e-commerce".split(
        ' ',
      ),
      ' ',
      '  ',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }), (pieces) => {
        const text = pieces.join('');
        expect(normaliseText(text)).toBe(normaliseText(`${text}\u00a0`));
      }),
      { seed: 4242, numRuns: 2000 },
    );
  });

  it('reads the story’s own phrases as the patterns for any text read them', () => {
    // An emoji at the end makes the text non-ASCII (every phrase's pattern runs) and reads as a space.
    const word = fc.constantFrom(
      ...'tech Tech giant GIANTS giants big new New year years Years lunar chinese shut down put putting into kicked out data harvesting spring festival x'.split(
        ' ',
      ),
    );
    const separator = fc.constantFrom(' ', '  ', '-', ' - ', '', ', ');
    fc.assert(
      fc.property(fc.array(fc.tuple(word, separator), { maxLength: 8 }), (pieces) => {
        const text = pieces.flat().join('');
        expect(engine.analyser.normalise(text)).toBe(engine.analyser.normalise(`${text} 🙂`));
      }),
      { seed: 4242, numRuns: 2000 },
    );
  });
});
