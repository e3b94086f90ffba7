import { spawn } from 'node:child_process';
import { appendFile, cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const askScript = resolve('scripts/ask.ts');
const tsxLoader = import.meta.resolve('tsx');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `npm run ask -- …` as a user would, in a folder of its own (its own .env and data). */
function ask(cwd: string, args: string[], { input = '', env = {} }: { input?: string; env?: Record<string, string> } = {}): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', tsxLoader, askScript, ...args], {
      cwd,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('close', (status) => done({ status, stdout, stderr }));
    child.stdin.end(input);
  });
}

let cwd: string;

/** Asks in a copy of the working folder (articles and built index) after `alter` has changed it. */
async function askInAlteredCopy(alter: (copy: string) => Promise<void>): Promise<Run> {
  const copy = await mkdtemp(join(tmpdir(), 'verbatim-altered-'));
  try {
    await cp(cwd, copy, { recursive: true });
    await alter(copy);
    return await ask(copy, ['Who is Corn?']);
  } finally {
    await rm(copy, { recursive: true, force: true });
  }
}

beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'verbatim-cli-'));
  await cp('data/articles', join(cwd, 'data/articles'), { recursive: true });
});

afterAll(async () => {
  await rm(cwd, { recursive: true, force: true });
});

describe('npm run ask', () => {
  it('builds the missing index first, says so, then prints exact quotes and the attribution', async () => {
    const run = await ask(cwd, ['What would the government have to prove before attacking?']);
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/building it first/i);
    expect(run.stdout).toMatch(/\[1\] “/);
    expect(run.stdout).toMatch(/¶\d+/);
    expect(run.stdout).toContain('Source: Latin Times — © 2025 Latin Times. All rights reserved.');
  });

  it('prints one JSON object with --json', async () => {
    const run = await ask(cwd, ['--json', 'Who said the strike is coming?']);
    expect(run.status).toBe(0);
    const answer = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(Object.keys(answer)).toEqual(expect.arrayContaining(['question', 'answer', 'found', 'citations', 'attribution']));
    expect(answer.found).toBe(true);
  });

  it('answers a stream of questions with --jsonl, one object per line, errors included', async () => {
    const questions = ['What did Hegseth say?', 'x'.repeat(1200), 'What is the capital of France?'].join('\n');
    const run = await ask(cwd, ['--jsonl'], { input: `${questions}\n` });
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ found: true });
    expect(lines[1]).toMatchObject({ error: { code: 'QUESTION_TOO_LONG' } });
    expect(lines[2]).toMatchObject({ found: false, citations: [] });
  });

  it('rejects an empty question with one line, a code and exit status 2', async () => {
    const run = await ask(cwd, ['   ']);
    expect(run.status).toBe(2);
    expect(run.stderr.trim()).toMatch(/^error \[EMPTY_QUESTION\]: .+$/);
  });

  it('names the variable of a broken .env without echoing secrets', async () => {
    const envDir = await mkdtemp(join(tmpdir(), 'verbatim-env-'));
    await writeFile(join(envDir, '.env'), 'MAX_QUOTES=lots\nOPENAI_API_KEY=sk-very-secret-value\n');
    const run = await ask(envDir, ['Who is Corn?']);
    await rm(envDir, { recursive: true, force: true });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^error \[CONFIG_INVALID\]: .*MAX_QUOTES/);
    expect(run.stderr).not.toContain('sk-very-secret-value');
  });

  it('refuses a corrupt index with the fix named, and no stack trace', async () => {
    const run = await askInAlteredCopy((copy) => writeFile(join(copy, 'data/index/manifest.json'), '{ not json'));
    expect(run.status).toBe(2);
    expect(run.stderr.trim()).toMatch(/^error \[INDEX_CORRUPT\]: .*npm run ingest/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses an index built from another version of the article', async () => {
    const run = await askInAlteredCopy((copy) => appendFile(join(copy, 'data/articles/latin-times-cartel-strike-plans.txt'), '\nA late correction.\n'));
    expect(run.status).toBe(2);
    expect(run.stderr.trim()).toMatch(/^error \[INDEX_STALE\]: .*npm run ingest/);
  });
});
