import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VerbatimError } from '../../src/core/errors.js';
import type { Answer } from '../../src/core/types.js';
import { escapeMarkdown } from '../../src/render/discord-embeds.js';
import { InMemoryLibrary } from '../fakes/discord-library.js';
import { embedText, isCallback, isFollowUp, isOriginalEdit, messageBody, startBotHarness, type BotHarness } from '../fakes/discord-harness.js';
import { manageMessages, type RecordedRequest } from '../fakes/discord-server.js';

const operatorFile = 'data/articles/latin-times-cartel-strike-plans.txt';
const pageFile = 'test/fixtures/articles/harbor-gazette-port-strike.txt';
const pageUrl = 'https://news.example/2024/port-workers-strike';
const pageArticleId = 'harbor-gazette-port-strike';
const askOption = (question: string) => [{ type: 3, name: 'question', value: question }];

describe('articles added from Discord, through the real discord.js client and a fake Discord', () => {
  let harness: BotHarness;
  let library: InMemoryLibrary;
  let pageText: string;
  let threadId: string;
  let otherGuild: { guildId: string; channelId: string };

  beforeAll(async () => {
    pageText = await readFile(pageFile, 'utf8');
    library = await InMemoryLibrary.create({ operatorFiles: [operatorFile], pages: [{ url: pageUrl, file: pageFile }] });
    await library.warm([[operatorFile], [pageFile], [operatorFile, pageFile]]);
    harness = await startBotHarness({ library, env: { DISCORD_ADD_ROLE: 'Fact checkers' } });
    otherGuild = harness.fake.addGuild();
    harness.fake.createGuild(otherGuild.guildId);
  }, 120_000);
  afterAll(async () => {
    await harness?.stop();
    await library?.close();
  });

  const after = (index: number, matches: (request: RecordedRequest) => boolean) => (request: RecordedRequest) =>
    harness.fake.requests.indexOf(request) >= index && matches(request);
  const postedIn = (channelId: string) => (request: RecordedRequest) =>
    request.method === 'POST' && request.path === `/api/v10/channels/${channelId}/messages` && request.status < 300;
  const lastAnswer = (): { guildId: string | null; articleId: string | null; answer: Answer } => {
    const last = library.answers.at(-1);
    if (!last) throw new Error('nothing was answered');
    return last;
  };
  const expectQuotesFromPage = (answer: Answer, shown: string) => {
    expect(answer.citations.length).toBeGreaterThan(0);
    for (const citation of answer.citations) {
      expect(citation.article).toBe(pageArticleId);
      expect(citation.text).toBe(pageText.slice(citation.start, citation.end));
      expect(shown).toContain(escapeMarkdown(citation.text));
    }
    expect(answer.attribution).toContain('Harbor Gazette');
    expect(shown).toContain(answer.attribution);
  };

  it('adds a linked article with /add: a public deferral, then its title, publisher and sentence count, and a thread on that reply', async () => {
    const { fake } = harness;
    const { token, user } = fake.sendSlashCommand({ name: 'add', options: [{ type: 3, name: 'url', value: pageUrl }], permissions: manageMessages });
    const deferral = await fake.waitForRequest(isCallback(token));
    expect(deferral.body).toMatchObject({ type: 5 });
    expect(messageBody(deferral).flags ?? 0).toBe(0);
    const edit = await fake.waitForRequest(isOriginalEdit(token), 30_000);
    const shown = embedText(edit);
    expect(shown).toContain('Port workers weigh strike as talks stall');
    expect(shown).toContain('Harbor Gazette');
    expect(shown).toMatch(/\d+ sentences/);
    expect(messageBody(edit).allowed_mentions).toEqual({ parse: [] });
    expect(library.calls).toContainEqual({ method: 'add', guildId: fake.guildId, url: pageUrl });

    const threadStart = await fake.waitForRequest((request) => request.method === 'POST' && /\/channels\/\d+\/messages\/\d+\/threads$/.test(request.path));
    expect(threadStart.path).toMatch(new RegExp(`^/api/v10/channels/${fake.channelId}/messages/\\d+/threads$`));
    expect(threadStart.body).toMatchObject({ name: 'Port workers weigh strike as talks stall' });
    const thread = fake.threads.at(-1);
    if (!thread) throw new Error('no thread was opened');
    threadId = thread.id;
    expect(library.list(fake.guildId).find((entry) => entry.meta.id === pageArticleId)?.addedBy).toBe(user.id);
  });

  it('answers a question asked in that thread from that article, with its exact sentences and attribution', async () => {
    const before = harness.fake.requests.length;
    harness.fake.sendMessage({ content: 'What did the union president say about waiting?', channelId: threadId });
    const reply = await harness.fake.waitForRequest(after(before, postedIn(threadId)), 30_000);
    expect(messageBody(reply).allowed_mentions).toEqual({ parse: [] });
    const { guildId, articleId, answer } = lastAnswer();
    expect({ guildId, articleId }).toEqual({ guildId: harness.fake.guildId, articleId: pageArticleId });
    expectQuotesFromPage(answer, embedText(reply));
  });

  it('answers /ask in that thread from that article too', async () => {
    const { token } = harness.fake.sendSlashCommand({ name: 'ask', options: askOption('What raise have the operators offered?'), channelId: threadId });
    const edit = await harness.fake.waitForRequest(isOriginalEdit(token), 30_000);
    expect(lastAnswer().articleId).toBe(pageArticleId);
    expectQuotesFromPage(lastAnswer().answer, embedText(edit));
  });

  it('never cites an article added in one server when another server asks', async () => {
    const { token } = harness.fake.sendSlashCommand({ name: 'ask', options: askOption('What raise have the operators offered to the dock workers?'), channelId: otherGuild.channelId });
    await harness.fake.waitForRequest(isOriginalEdit(token), 30_000);
    const { guildId, answer } = lastAnswer();
    expect(guildId).toBe(otherGuild.guildId);
    expect(answer.citations.every((citation) => citation.article !== pageArticleId)).toBe(true);
    expect(answer.attribution).not.toContain('Harbor Gazette');

    const sources = harness.fake.sendSlashCommand({ name: 'sources', channelId: otherGuild.channelId });
    const listed = await harness.fake.waitForRequest(isCallback(sources.token));
    expect(embedText(listed)).not.toContain('Port workers weigh strike');
  });

  it('lists the server’s articles with /sources: publisher, who added it, the link', async () => {
    const { token } = harness.fake.sendSlashCommand({ name: 'sources' });
    const listed = await harness.fake.waitForRequest(isCallback(token));
    const shown = embedText(listed);
    const added = library.list(harness.fake.guildId).find((entry) => entry.meta.id === pageArticleId);
    expect(shown).toContain('Port workers weigh strike as talks stall');
    expect(shown).toContain(`<@${added?.addedBy}>`);
    expect(shown).toContain(pageUrl);
    expect(shown).toContain('Latin Times');
    expect(messageBody(listed).allowed_mentions).toEqual({ parse: [] });
  });

  it('refuses /add, privately and without fetching, to a member with neither Manage Messages nor the add role', async () => {
    const addsBefore = library.calls.filter((call) => call.method === 'add').length;
    const { token } = harness.fake.sendSlashCommand({ name: 'add', options: [{ type: 3, name: 'url', value: pageUrl }] });
    const refusal = await harness.fake.waitForRequest(isCallback(token));
    expect(refusal.body).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(messageBody(refusal).content).toContain('Manage Messages');
    expect(library.calls.filter((call) => call.method === 'add')).toHaveLength(addsBefore);
  });

  it('lets a member of DISCORD_ADD_ROLE add, and shows a library error as one short private line with its id', async () => {
    library.failNextAdd(new VerbatimError('LIBRARY_FULL'));
    const { token } = harness.fake.sendSlashCommand({
      name: 'add',
      options: [{ type: 3, name: 'url', value: 'https://news.example/another' }],
      roles: [harness.fake.roles.factCheckers],
    });
    const followUp = await harness.fake.waitForRequest(isFollowUp(token), 30_000);
    expect(library.calls.at(-1)).toMatchObject({ method: 'add', url: 'https://news.example/another' });
    const content = messageBody(followUp).content ?? '';
    expect(messageBody(followUp).flags).toBe(64);
    expect(content.split('\n')).toHaveLength(1);
    expect(content).toMatch(/library is full.*\(error id: \w+\)$/);
    expect(harness.fake.requests.some((request) => request.method === 'DELETE' && request.path.includes(token))).toBe(true);
  });

  it('keeps answering a thread from its article after a restart', async () => {
    await harness.restart();
    const callsBefore = library.calls.length;
    const before = harness.fake.requests.length;
    harness.fake.sendMessage({ content: 'When could a walkout begin?', channelId: threadId });
    const reply = await harness.fake.waitForRequest(after(before, postedIn(threadId)), 30_000);
    expect(library.calls.slice(callsBefore)).toContainEqual({ method: 'service', guildId: harness.fake.guildId, articleId: pageArticleId });
    expectQuotesFromPage(lastAnswer().answer, embedText(reply));
  });

  it('adds the article a moderator links in a mention and answers from it in a thread', async () => {
    const { fake } = harness;
    await library.remove({ guildId: fake.guildId, articleId: pageArticleId });
    const mention = fake.sendMessage({
      content: `<@${fake.botUser.id}> What did Harbor Logistics say about its offer? <${pageUrl}>`,
      mentionBot: true,
      roles: [fake.roles.moderators],
    });
    await fake.waitForRequest((request) => request.path.endsWith(`/messages/${mention.id}/threads`));
    const answer = await fake.waitForRequest(
      // The first message in the thread says what was added; the answer follows it.
      (request) => postedIn(mention.id)(request) && !embedText(request).includes('article id:'),
      30_000,
    );
    expect(library.calls).toContainEqual({ method: 'add', guildId: fake.guildId, url: pageUrl });
    expect(lastAnswer()).toMatchObject({ guildId: fake.guildId, articleId: pageArticleId });
    expectQuotesFromPage(lastAnswer().answer, embedText(answer));
    expect(messageBody(answer).allowed_mentions).toEqual({ parse: [] });
  });

  it('answers a member who may not add from the library and tells them so, adding nothing', async () => {
    const { fake } = harness;
    const addsBefore = library.calls.filter((call) => call.method === 'add').length;
    const mention = fake.sendMessage({ content: `<@${fake.botUser.id}> what did the defense secretary say? https://news.example/elsewhere`, mentionBot: true });
    const reply = await fake.waitForRequest(postedIn(mention.id), 30_000);
    expect(messageBody(reply).content).toMatch(/Only members with Manage Messages or the Fact checkers role/);
    expect(messageBody(reply).embeds?.length).toBeGreaterThan(0);
    expect(library.calls.filter((call) => call.method === 'add')).toHaveLength(addsBefore);
    expect(lastAnswer()).toMatchObject({ guildId: fake.guildId, articleId: null });
  });

  it('removes an article chosen by autocomplete, which offers only the server’s own articles', async () => {
    const { fake } = harness;
    const offer = async () => {
      const { token } = fake.sendAutocomplete({ name: 'remove', options: [{ type: 3, name: 'article', value: 'port', focused: true }], permissions: manageMessages });
      const response = await fake.waitForRequest(isCallback(token));
      return (response.body as { type: number; data: { choices: Array<{ name: string; value: string }> } }).data.choices;
    };
    const choices = await offer();
    expect(choices).toEqual([{ name: 'Port workers weigh strike as talks stall — Harbor Gazette Media Group', value: pageArticleId }]);
    const everything = fake.sendAutocomplete({ name: 'remove', options: [{ type: 3, name: 'article', value: '', focused: true }], permissions: manageMessages });
    const all = await fake.waitForRequest(isCallback(everything.token));
    expect((all.body as { data: { choices: Array<{ value: string }> } }).data.choices.map((choice) => choice.value)).toEqual([pageArticleId]);

    const { token } = fake.sendSlashCommand({ name: 'remove', options: [{ type: 3, name: 'article', value: pageArticleId }], permissions: manageMessages });
    const edit = await fake.waitForRequest(isOriginalEdit(token));
    expect(messageBody(edit).content).toContain('Removed **Port workers weigh strike as talks stall**');
    expect(library.list(fake.guildId).some((entry) => entry.meta.id === pageArticleId)).toBe(false);
    expect(await offer()).toEqual([]);
  });
});

describe('a bot still loading its library', () => {
  it('defers an interaction (and holds a mention) that arrives first, and answers both once the library is ready', async () => {
    const library = await InMemoryLibrary.create({ operatorFiles: [operatorFile], pages: [] });
    let ready: (value: InMemoryLibrary) => void = () => {};
    const loading = new Promise<InMemoryLibrary>((resolve) => (ready = resolve));
    const harness = await startBotHarness({ library: loading });
    try {
      const question = 'What did the defense secretary say about the cartels?';
      const { token } = harness.fake.sendSlashCommand({ name: 'ask', options: askOption(question) });
      const deferral = await harness.fake.waitForRequest(isCallback(token));
      expect(deferral.body).toMatchObject({ type: 5 });
      expect(messageBody(deferral).flags ?? 0).toBe(0);
      const autocomplete = harness.fake.sendAutocomplete({ name: 'quote', options: [{ type: 3, name: 'speaker', value: '', focused: true }] });
      const noChoices = await harness.fake.waitForRequest(isCallback(autocomplete.token));
      expect(noChoices.body).toEqual({ type: 8, data: { choices: [] } });
      const mention = harness.fake.sendMessage({ content: `<@${harness.fake.botUser.id}> Who requested target lists?`, mentionBot: true });
      await harness.fake.waitForRequest((request) => request.path.endsWith(`/messages/${mention.id}/threads`));
      expect(harness.fake.requests.some(isOriginalEdit(token))).toBe(false);

      await library.warm([[operatorFile]]);
      ready(library);
      const edit = await harness.fake.waitForRequest(isOriginalEdit(token), 30_000);
      // The held mention is answered at the same moment, so the /ask's answer is found by its question.
      const { answer } = library.answers.find((recorded) => recorded.answer.question === question) ?? {};
      expect(answer?.citations.length).toBeGreaterThan(0);
      for (const citation of answer?.citations ?? []) expect(embedText(edit)).toContain(escapeMarkdown(citation.text));
      const inThread = await harness.fake.waitForRequest(
        (request) => request.method === 'POST' && request.path === `/api/v10/channels/${mention.id}/messages` && (messageBody(request).embeds?.length ?? 0) > 0,
        30_000,
      );
      expect(embedText(inThread).length).toBeGreaterThan(0);
      expect(library.answers).toHaveLength(2);
    } finally {
      await harness.stop();
      await library.close();
    }
  }, 120_000);
});
