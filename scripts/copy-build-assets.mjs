// Part of `npm run build`: tsc emits only JavaScript, so every other file under src/ (the embedding
// worker's .mjs, JSON data read beside the code that uses it, …) is copied to the same place under
// dist/, where the compiled code looks for it. `node scripts/copy-build-assets.mjs [outDir]`.
import { cpSync } from 'node:fs';
import { extname, join } from 'node:path';
import { argv } from 'node:process';

const outDir = argv[2] ?? 'dist';
cpSync('src', join(outDir, 'src'), {
  recursive: true,
  // Directories pass so their contents are visited; TypeScript sources are what tsc compiled.
  filter: (source) => extname(source) === '' || !['.ts', '.mts', '.cts'].includes(extname(source)),
});
