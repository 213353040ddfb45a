import { readFileSync } from 'node:fs';
import { QueryEngine } from '/work/main/src/engine/engine.ts';
import { loadStory } from '/work/main/src/knowledge/load-story.ts';
const engine = new QueryEngine(loadStory());
const qs = JSON.parse(readFileSync('/work/main/tests/fixtures/eval-questions.json','utf8')) as {q:string;expect:string|string[]|null}[];
let ok = 0;
for (const { q, expect } of qs) {
  const r = engine.ask(q);
  const exp = expect === null ? [] : Array.isArray(expect) ? expect : [expect];
  const got = r.answered ? r.fact.id : null;
  const right = got === null ? exp.length === 0 : exp.includes(got);
  if (right) ok++;
  else console.log(`✗ ${q}\n   expected ${exp.join('|') || 'none'} got ${got} (${r.confidence})${r.answered ? '' : ' unknown=' + r.unknownTerms}  terms=${engine.analyser.analyseQuestion(q).terms.map(t=>t.key+(t.kind==='unknown'?'?':'')).join(' ')}`);
}
console.log(`${ok}/${qs.length} = ${(ok/qs.length*100).toFixed(1)}%`);
