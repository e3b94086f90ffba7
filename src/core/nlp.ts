import { createRequire } from 'node:module';
import type compromise from 'compromise';

/**
 * compromise, from its single-file CommonJS build. Its ES module entry is ~450 files that Node
 * resolves and links one by one: importing it took ~0.55 s of `npm run ask`'s cold start, the
 * bundle ~0.3 s for the same code (bench/README.md, "Cold start").
 */
export const nlp: typeof compromise = createRequire(import.meta.url)('compromise');
