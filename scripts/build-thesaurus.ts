/**
 * Writes data/thesaurus.txt from the synonyms package (WordNet): the part of it the engine reads, in
 * about 400 KB of text, where loading the package's module costs over 20 MB of RSS. Run it after
 * upgrading the package (`npm run build:thesaurus`); a test fails until then.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import synonyms from 'synonyms';
import { THESAURUS_FILE } from '../src/engine/thesaurus.ts';
import { packageRoot } from '../src/package-root.ts';
import { thesaurusText } from './thesaurus-text.ts';

const path = join(packageRoot(), THESAURUS_FILE);
writeFileSync(path, thesaurusText(synonyms.dictionary));
console.log(`wrote ${path}`);
