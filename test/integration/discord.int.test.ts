import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnswerService } from '../../src/app.js';
import { loadArticles } from '../../src/article/load-article.js';
import { parseConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/core/logger.js';
import type { Article, Citation } from '../../src/core/types.js';
import { escapeMarkdown } from '../../src/render/discord-embeds.js';
import {
  embedText,
  isCallback,
  isOriginalEdit,
  messageBody,
  recordingService,
  startBotHarness,
  testToken,
  type BotHarness,
  type RecordedCall,
} from '../fakes/discord-harness.js';

const articlesDir = 'data/articles';

describe('the bot, answering from the real pipeline through a fake Discord', () => {
  let harness: BotHarness;
  let service: ReturnType<typeof recordingService>;
  let articles: Article[];
  let indexFolder: string;

  beforeAll(async () => {
    indexFolder = await mkdtemp(join(tmpdir(), 'verbatim-discord-index-'));
    const config = parseConfig({ ARTICLES_DIR: articlesDir, INDEX_DIR: join(indexFolder, 'index'), CACHE_DIR: join(indexFolder, 'cache') });
    service = recordingService(await createAnswerService(config, { logger: createLogger({ level: 'silent' }) }));
    articles = await loadArticles(articlesDir);
    harness = await startBotHarness({ service });
  });
  afterAll(async () => {
    await harness?.stop();
    await rm(indexFolder, { recursive: true, force: true });
  });

  const lastCall = (): RecordedCall => {
    const call = service.calls.at(-1);
    if (!call) throw new Error('the service was not called');
    return call;
  };
  const articleSlice = (citation: Citation) => {
    const article = articles.find((candidate) => candidate.meta.id === citation.article);
    return article?.text.slice(citation.start, citation.end);
  };

  async function slashCommand(name: string, options: unknown[] = []) {
    const { token } = harness.fake.sendSlashCommand({ name, options });
    const deferral = await harness.fake.waitForRequest(isCallback(token));
    const edit = await harness.fake.waitForRequest(isOriginalEdit(token));
    return { deferral, edit };
  }

  it('logs in with the gateway URL from GET /gateway/bot and becomes ready', async () => {
    expect(harness.bot.client?.isReady()).toBe(true);
    expect(harness.bot.client?.user?.id).toBe(harness.fake.botUser.id);
    expect(harness.fake.requests.some((request) => request.path === '/api/v10/gateway/bot')).toBe(true);
    const identify = await harness.fake.waitForGateway((payload) => payload.op === 2);
    expect(identify.d).toMatchObject({ token: testToken });
  });

  it('defers /ask at once, then edits in the article’s exact sentences and the attribution, pinging nobody', async () => {
    const { deferral, edit } = await slashCommand('ask', [{ type: 3, name: 'question', value: 'What did the defense secretary say about the cartels? @everyone <@&123456789012345678>' }]);
    expect(deferral.body).toMatchObject({ type: 5 });
    expect(harness.fake.requests.indexOf(deferral)).toBeLessThan(harness.fake.requests.indexOf(edit));
    const { answer } = lastCall();
    expect(answer.citations.length).toBeGreaterThan(0);
    const shown = embedText(edit);
    for (const citation of answer.citations) {
      expect(citation.text).toBe(articleSlice(citation));
      expect(shown).toContain(escapeMarkdown(citation.text));
    }
    expect(messageBody(edit).embeds?.at(-1)?.footer?.text).toContain(answer.attribution);
    expect(messageBody(edit).allowed_mentions).toEqual({ parse: [] });
  });

  it('summarizes every party as its own group of fields', async () => {
    const { edit } = await slashCommand('summarize');
    const { answer } = lastCall();
    expect(answer.parties.length).toBeGreaterThan(0);
    const fieldNames = (messageBody(edit).embeds ?? []).flatMap((embed) => (embed.fields ?? []).map((field) => field.name));
    for (const position of answer.parties) expect(fieldNames).toContain(position.party);
    expect(embedText(edit)).toContain(answer.attribution);
  });

  it('summarizes one party when /summarize names it', async () => {
    const party = service.parties()[0];
    if (!party) throw new Error('the article has no parties');
    const { edit } = await slashCommand('summarize', [{ type: 3, name: 'party', value: party.name }]);
    expect(lastCall()).toMatchObject({ method: 'summarize', args: [party.name] });
    expect(embedText(edit)).toContain(party.name);
  });

  it('quotes a speaker word for word with /quote', async () => {
    const speaker = service.parties().find((party) => party.kind === 'person' && party.sentenceIds.length > 0);
    if (!speaker) throw new Error('the article has no quoted person');
    const { edit } = await slashCommand('quote', [{ type: 3, name: 'speaker', value: speaker.name }]);
    const { answer } = lastCall();
    expect(answer.citations.length).toBeGreaterThan(0);
    for (const citation of answer.citations) expect(embedText(edit)).toContain(escapeMarkdown(citation.text));
  });

  it('suggests at most 25 speakers, filtered by what was typed', async () => {
    const everyone = harness.fake.sendAutocomplete({ name: 'quote', options: [{ type: 3, name: 'speaker', value: '', focused: true }] });
    const all = await harness.fake.waitForRequest(isCallback(everyone.token));
    const allChoices = (all.body as { type: number; data: { choices: Array<{ name: string }> } }).data.choices;
    expect((all.body as { type: number }).type).toBe(8);
    expect(allChoices.length).toBeGreaterThan(0);
    expect(allChoices.length).toBeLessThanOrEqual(25);

    const first = service.parties()[0]?.name ?? '';
    const typed = first.slice(0, 3);
    const filtered = harness.fake.sendAutocomplete({ name: 'summarize', options: [{ type: 3, name: 'party', value: typed, focused: true }] });
    const response = await harness.fake.waitForRequest(isCallback(filtered.token));
    const names = (response.body as { data: { choices: Array<{ name: string }> } }).data.choices.map((choice) => choice.name);
    expect(names).toContain(first);
    for (const name of names) {
      const party = service.parties().find((candidate) => candidate.name === name);
      expect([name, ...(party?.aliases ?? [])].some((alias) => alias.toLowerCase().includes(typed.toLowerCase()))).toBe(true);
    }
  });

  it('answers a mention in a new thread and a follow-up there with the earlier question as history', async () => {
    const firstQuestion = 'What did the Mexican president say about U.S. troops?';
    const mention = harness.fake.sendMessage({ content: `<@${harness.fake.botUser.id}> ${firstQuestion}`, mentionBot: true });
    const threadStart = await harness.fake.waitForRequest((request) => request.path.endsWith(`/messages/${mention.id}/threads`));
    expect(threadStart.body).toMatchObject({ name: firstQuestion });
    const threadId = mention.id;
    const answerInThread = await harness.fake.waitForRequest((request) => request.method === 'POST' && request.path === `/api/v10/channels/${threadId}/messages`);
    expect(messageBody(answerInThread).allowed_mentions).toEqual({ parse: [] });
    expect(lastCall()).toMatchObject({ method: 'ask', args: [firstQuestion] });
    for (const citation of lastCall().answer.citations) expect(embedText(answerInThread)).toContain(escapeMarkdown(citation.text));

    const sentBefore = harness.fake.requests.length;
    harness.fake.sendMessage({ content: 'and what did she say about foreign agents?', channelId: threadId });
    await harness.fake.waitForRequest(
      (request) => harness.fake.requests.indexOf(request) >= sentBefore && request.method === 'POST' && request.path === `/api/v10/channels/${threadId}/messages`,
    );
    expect(lastCall()).toMatchObject({ method: 'ask', args: ['and what did she say about foreign agents?'], options: { history: [firstQuestion] } });
  });

  it.each([
    ['an empty question', '   '],
    ['a 6,000-character question', 'why '.repeat(1500)],
  ])('refuses %s with a short ephemeral message and no deferral', async (_label, question) => {
    const callsBefore = service.calls.length;
    const { token } = harness.fake.sendSlashCommand({ name: 'ask', options: [{ type: 3, name: 'question', value: question }] });
    const reply = await harness.fake.waitForRequest(isCallback(token));
    expect(reply.body).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(messageBody(reply).content?.length).toBeLessThan(200);
    expect(messageBody(reply).content).toMatch(/error id: \w+/);
    expect(service.calls.length).toBe(callsBefore);
  });

  it('records 👍 under an answer as one line in the feedback file', async () => {
    const { token, user } = harness.fake.sendSlashCommand({ name: 'ask', options: [{ type: 3, name: 'question', value: 'Who is planning strikes against cartels?' }] });
    const edit = await harness.fake.waitForRequest(isOriginalEdit(token));
    const { answer } = lastCall();
    const rows = (messageBody(edit).components ?? []) as Array<{ components: Array<{ custom_id: string; emoji?: { name: string } }> }>;
    const thumbsUp = rows.flatMap((row) => row.components).find((button) => button.emoji?.name === '👍');
    if (!thumbsUp) throw new Error('no 👍 button under the answer');
    const click = harness.fake.sendButtonClick({ customId: thumbsUp.custom_id, message: { ...(edit.body as object), id: '1300000000000000001', channel_id: harness.fake.channelId, author: harness.fake.botUser, timestamp: new Date().toISOString() }, userId: user.id });
    const thanks = await harness.fake.waitForRequest(isCallback(click.token));
    expect(thanks.body).toMatchObject({ type: 4, data: { flags: 64 } });
    const lines = (await readFile(harness.config.feedbackFile, 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({
      question: answer.question,
      verdict: 'up',
      sentenceIds: answer.citations.map((citation) => citation.sentenceId),
      userId: user.id,
    });
  });

  it('resumes the gateway session after a disconnect and answers the next question', async () => {
    const identifies = harness.fake.gatewayReceived.filter((payload) => payload.op === 2).length;
    const resumed = new Promise((resolve) => harness.bot.client?.once('shardResume', resolve));
    harness.fake.closeGateway(4000);
    await harness.fake.waitForGateway((payload) => payload.op === 6);
    await resumed;
    const { edit } = await slashCommand('ask', [{ type: 3, name: 'question', value: 'What did the outlet report?' }]);
    expect(messageBody(edit).embeds?.length).toBeGreaterThan(0);
    expect(harness.fake.gatewayReceived.filter((payload) => payload.op === 2)).toHaveLength(identifies);
  });

  it('never writes the token to its log, even at trace level', () => {
    expect(harness.logs().length).toBeGreaterThan(0);
    expect(harness.logs()).not.toContain(testToken);
  });
});
