// Where a cold `npm run ask` spends its time, stage by stage, in one fresh process running the
// compiled build (dist/) the way scripts/ask.ts does. Prints one JSON object on stdout:
//   { "stages": [{ "stage", "ms" }, …], "totalMs" }
// `--imports` instead times each package ask loads (and the ones it no longer loads) one by one,
// each in the order given and cumulative, so a figure is what that package adds.
// Run by `npm run bench -- --only cold`; usable alone: `node bench/cold-stages.mjs "question"`.
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { argv, stdout } from 'node:process';

const started = performance.now();
const stages = [];
let last = 0;
const lap = (stage) => {
  const now = performance.now();
  stages.push({ stage, ms: Math.round(now - last) });
  last = now;
};
lap('node start (until this script runs)');

if (argv.includes('--imports')) {
  const require = createRequire(import.meta.url);
  const packages = [
    ['zod', () => import('zod')],
    ['pino', () => import('pino')],
    ['compromise (bundle, as ask loads it)', () => require('compromise')],
    ['franc-min', () => import('franc-min')],
    ['hnswlib-node', () => import('hnswlib-node')],
    ['rest of dist/src (app.js and what it imports)', () => import('../dist/src/app.js')],
    ['— no longer on the path: compromise ES modules', () => import('compromise')],
    ['— openai', () => import('openai')],
    ['— @langchain/core + community HNSWLib', () => import('@langchain/community/vectorstores/hnswlib')],
    ['onnxruntime-node (the local model\'s kernels)', () => import('onnxruntime-node')],
    ['— @energetic-ai/embeddings (TensorFlow.js, the model before)', () => import('@energetic-ai/embeddings')],
    ['— discord.js (bot only)', () => import('discord.js')],
  ];
  for (const [name, load] of packages) {
    await load();
    lap(`import ${name}`);
  }
  const { loadUseLiteModel } = await import('../dist/src/embedding/use-lite/native-model.js');
  const model = await loadUseLiteModel();
  lap('USE-lite model load (weights, ONNX graph, session)');
  await model.embedOne('What would the government have to prove before attacking?');
  lap('first embedding');
} else {
  const question = argv.slice(2).filter((arg) => !arg.startsWith('--')).join(' ') || 'What is the article about?';
  const [{ loadConfig }, app, { answerToJson }] = await Promise.all([
    import('../dist/src/config/load-config.js'),
    import('../dist/src/app.js'),
    import('../dist/src/render/terminal.js'),
  ]);
  lap('load modules (dist/, its packages)');
  const config = loadConfig();
  lap('config');
  const opened = await app.openIndex(config);
  lap('articles + index (model loading meanwhile)');
  await opened.embedder.embed(['warm-up']);
  lap('wait for the model');
  const service = app.createServiceFromIndex(config, opened);
  const answer = await service.ask(question);
  JSON.stringify(answerToJson(answer));
  lap('answer (embed question, retrieve, answer, render)');
}

stdout.write(`${JSON.stringify({ stages, totalMs: Math.round(performance.now() - started + (stages[0]?.ms ?? 0)) })}\n`);
