/**
 * The last step of `npm run build`: after tsc has compiled src/ and commands/ to dist/, the bot's
 * entry point dist/src/main.js is bundled in place with esbuild, so that the production process loads
 * a few large files instead of about a thousand small ones (Node's module loader was a third of its
 * cold start). The Slack and Discord SDKs stay behind dynamic imports, as split chunks under
 * dist/src/chunks/, so each is still loaded only when its platform is on. Packages that read files
 * beside their own code, or are native, stay in node_modules. The other compiled files (the command
 * line tools) are left as tsc wrote them.
 */
import { join } from 'node:path';
import { build } from 'esbuild';

/** tsc's output folder: dist/, or the one given (node scripts/bundle.mjs <folder>). */
const outDir = process.argv[2] ?? 'dist';

await build({
  entryPoints: [join(outDir, 'src', 'main.js')],
  outdir: join(outDir, 'src'),
  allowOverwrite: true,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunks/[name]-[hash]',
  // Native addons, optional native helpers of the SDKs, and packages that find data files next to
  // their own code (word-list's words.txt; tinyld is required by path when first needed).
  external: [
    'better-sqlite3',
    'pg-native',
    'zlib-sync',
    'bufferutil',
    'utf-8-validate',
    'erlpack',
    'word-list',
    'tinyld',
    // Native: its binary comes from a package for this platform, found at run time.
    '@resvg/resvg-js',
  ],
  // CommonJS packages inside an ES module bundle still call require() for Node's built-ins.
  banner: {
    js: "import { createRequire as createRequireForBundle } from 'node:module'; const require = createRequireForBundle(import.meta.url);",
  },
  legalComments: 'none',
  // Whitespace and comments out, names kept (stack traces still name their functions). A comment
  // with one character beyond ASCII (an emoji in an SDK's docs) makes V8 hold its whole file's source
  // as two bytes a character: the sources alone were a quarter of the idle heap.
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
});
