import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// `npm ci` builds dist/ (`prepare`) and `npm run ask` runs it with plain node. The other CLI tests
// run the TypeScript sources through tsx, so this one builds the sources as `npm run build` does
// (tsc, then the non-TypeScript files), into a folder of its own (never a stale dist/), and runs it.
const run = promisify(execFile);
const outDir = resolve('.tmp', `build-test-${process.pid}`);
let dataDir: string;

beforeAll(async () => {
  await mkdir(outDir, { recursive: true });
  await run(process.execPath, [resolve('node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', outDir], { timeout: 180_000 });
  await run(process.execPath, ['scripts/copy-build-assets.mjs', outDir]);
  dataDir = await mkdtemp(join(tmpdir(), 'verbatim-build-'));
}, 200_000);

afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('the compiled build', () => {
  it('answers with plain node on a fresh clone, building the missing index first', async () => {
    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', INDEX_DIR: join(dataDir, 'index'), CACHE_DIR: join(dataDir, 'cache') };
    const { stdout } = await run(process.execPath, [join(outDir, 'scripts', 'ask.js'), '--json', 'What would the government have to prove before attacking?'], {
      env,
      timeout: 120_000,
    });
    const answer = JSON.parse(stdout) as { found: boolean; citations: Array<{ text: string }>; attribution: string };
    expect(answer.found).toBe(true);
    expect(answer.citations.length).toBeGreaterThan(0);
    expect(answer.attribution).toMatch(/Latin Times/);
  });
});
