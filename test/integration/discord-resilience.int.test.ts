import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { VerbatimError } from '../../src/core/errors.js';
import type { Answer, AskOptions, Citation } from '../../src/core/types.js';
import { discordLimits, embedsSize } from '../../src/render/discord-embeds.js';
import { startBot } from '../../src/discord/start-bot.js';
import { parseConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/core/logger.js';
import { serviceLibrary } from '../fakes/discord-library.js';
import { FakeDiscord } from '../fakes/discord-server.js';
import {
  embedText,
  isCallback,
  isFollowUp,
  isOriginalEdit,
  messageBody,
  startBotHarness,
  testToken,
  type BotHarness,
} from '../fakes/discord-harness.js';
import { StubAnswerService, stubAttribution, stubCitations } from '../fakes/stub-answer-service.js';

const askOption = (question: string) => [{ type: 3, name: 'question', value: question }];

describe('the bot when things go wrong', () => {
  let harness: BotHarness | undefined;
  afterEach(async () => {
    await harness?.stop();
    harness = undefined;
  });

  it('waits out a 429 from Discord and still delivers the answer', async () => {
    harness = await startBotHarness({ service: new StubAnswerService() });
    const { fake } = harness;
    fake.rateLimitNext({ method: 'PATCH', pathIncludes: '/messages/%40original', retryAfterSeconds: 1 });
    const { token } = fake.sendSlashCommand({ name: 'ask', options: askOption('Why was the bridge closed?') });
    const edit = await fake.waitForRequest(isOriginalEdit(token));
    const attempts = fake.requests.filter((request) => request.method === 'PATCH' && request.path.includes(token));
    expect(attempts.map((attempt) => attempt.status)).toEqual([429, 200]);
    expect(embedText(edit)).toContain(stubCitations[1]?.text);
    expect(harness.logs()).toContain('rate limit');
  });

  it('tells a user who asks again too soon, privately, how many seconds to wait', async () => {
    let now = 1_000_000;
    harness = await startBotHarness({ service: new StubAnswerService(), env: { DISCORD_COOLDOWN_SECONDS: '30' }, now: () => now });
    const { fake } = harness;
    const userId = '1250000000000000001';
    const first = fake.sendSlashCommand({ name: 'ask', options: askOption('Who closed the bridge?'), userId });
    await fake.waitForRequest(isOriginalEdit(first.token));
    now += 10_000;
    const second = fake.sendSlashCommand({ name: 'ask', options: askOption('And why?'), userId });
    const refusal = await fake.waitForRequest(isCallback(second.token));
    expect(refusal.body).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(messageBody(refusal).content).toContain('20 more seconds');
  });

  it('replaces a public deferral with a short ephemeral error whose id is in the log with the cause', async () => {
    const service = new StubAnswerService({ failWith: new Error('embedding server exploded') });
    harness = await startBotHarness({ service });
    const { fake } = harness;
    const { token } = fake.sendSlashCommand({ name: 'ask', options: askOption('Why was the bridge closed?') });
    const followUp = await fake.waitForRequest(isFollowUp(token));
    expect(fake.requests.some((request) => request.method === 'DELETE' && request.path.includes(token))).toBe(true);
    expect(messageBody(followUp).flags).toBe(64);
    const content = messageBody(followUp).content ?? '';
    expect(content).not.toContain('exploded');
    const errorId = /error id: (\w+)/.exec(content)?.[1];
    expect(errorId).toBeDefined();
    const logLine = harness.logs().split('\n').find((line) => line.includes(`"errorId":"${errorId}"`));
    expect(logLine).toContain('embedding server exploded');
  });

  it('shows the VerbatimError message when the pipeline refuses a question', async () => {
    const service = new StubAnswerService({ failWith: new VerbatimError('INDEX_STALE') });
    harness = await startBotHarness({ service });
    const { token } = harness.fake.sendSlashCommand({ name: 'ask', options: askOption('Anything?') });
    const followUp = await harness.fake.waitForRequest(isFollowUp(token));
    expect(messageBody(followUp).content).toContain('The articles changed since the index was built. Run `npm run ingest`.');
  });

  it('keeps an answer far too long for one embed within every Discord limit', async () => {
    class VerboseService extends StubAnswerService {
      override async ask(question: string): Promise<Answer> {
        const citations: Citation[] = Array.from({ length: 20 }, (_, index) => ({
          ...stubCitations[0]!,
          sentenceId: `long:${index}`,
          text: `Sentence ${index}: ${'many words '.repeat(80)}`,
        }));
        return { ...(await super.ask(question)), answer: 'An answer. '.repeat(600), citations, moreAvailable: 3 };
      }
    }
    harness = await startBotHarness({ service: new VerboseService() });
    const { token } = harness.fake.sendSlashCommand({ name: 'ask', options: askOption('Tell me everything') });
    const edit = await harness.fake.waitForRequest(isOriginalEdit(token));
    const embeds = messageBody(edit).embeds ?? [];
    expect(embeds.length).toBeLessThanOrEqual(discordLimits.embeds);
    expect(embedsSize(embeds as never)).toBeLessThanOrEqual(discordLimits.total);
    for (const embed of embeds) {
      expect(embed.description?.length ?? 0).toBeLessThanOrEqual(discordLimits.description);
      for (const field of embed.fields ?? []) expect(field.value.length).toBeLessThanOrEqual(discordLimits.fieldValue);
    }
    expect(embeds.at(-1)?.footer?.text).toMatch(/\+\d+ more quotes/);
    expect(embeds.at(-1)?.footer?.text).toContain(stubAttribution);
  });

  it('answers "More quotes" privately, leaving out the quotes already shown', async () => {
    const service = new StubAnswerService({ maxQuotes: 2 });
    harness = await startBotHarness({ service });
    const { fake } = harness;
    const { token } = fake.sendSlashCommand({ name: 'ask', options: askOption('What happened to the bridge?') });
    const edit = await fake.waitForRequest(isOriginalEdit(token));
    const rows = (messageBody(edit).components ?? []) as Array<{ components: Array<{ custom_id: string; label?: string }> }>;
    const more = rows.flatMap((row) => row.components).find((button) => button.label === 'More quotes');
    if (!more) throw new Error('no "More quotes" button');
    const click = fake.sendButtonClick({ customId: more.custom_id, message: { ...(edit.body as object), id: '1300000000000000002', channel_id: fake.channelId, author: fake.botUser, timestamp: new Date().toISOString() } });
    const deferral = await fake.waitForRequest(isCallback(click.token));
    expect(deferral.body).toMatchObject({ type: 5, data: { flags: 64 } });
    const moreQuotes = await fake.waitForRequest(isOriginalEdit(click.token));
    const options: AskOptions | undefined = service.calls.at(-1)?.options;
    expect(options?.excludeSentenceIds).toEqual(stubCitations.slice(0, 2).map((citation) => citation.sentenceId));
    expect(embedText(moreQuotes)).toContain(stubCitations[2]?.text);
    expect(embedText(moreQuotes)).not.toContain(stubCitations[0]?.text);
  });

  it('falls back to slash commands only, with a clear warning, when Discord refuses the Message Content intent', async () => {
    harness = await startBotHarness({ service: new StubAnswerService(), fakeOptions: { refusePrivilegedIntents: true } });
    expect(harness.bot.mentionsEnabled).toBe(false);
    expect(harness.logs()).toMatch(/Message Content intent.*mentions.*will not work/);
    const identifies = harness.fake.gatewayReceived.filter((payload) => payload.op === 2).map((payload) => (payload.d as { intents: number }).intents);
    expect(identifies).toEqual([expect.any(Number), 1]);
    const { token } = harness.fake.sendSlashCommand({ name: 'ask', options: askOption('Still there?') });
    await harness.fake.waitForRequest(isOriginalEdit(token));
  });

  it('closes the gateway and exits 0 on SIGTERM', async () => {
    const fake = await FakeDiscord.start();
    const signals = new EventEmitter();
    let connectionsBeforeSignal = 0;
    const exited = new Promise<number>((resolve) => {
      void startBot({
        library: serviceLibrary(new StubAnswerService()),
        config: parseConfig({ DISCORD_TOKEN: testToken }),
        logger: createLogger({ level: 'silent' }),
        rest: { api: fake.restApi },
        signals: signals as unknown as NodeJS.Process,
        exit: resolve,
      }).then((bot) => {
        connectionsBeforeSignal = fake.openConnections;
        signals.emit('SIGTERM');
        return bot;
      });
    });
    expect(await exited).toBe(0);
    expect(connectionsBeforeSignal).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fake.openConnections).toBe(0);
    await fake.stop();
  });
});
