import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StubAnswerService } from '../fakes/stub-answer-service.js';
import { startBotHarness, testToken, type BotHarness } from '../fakes/discord-harness.js';

describe('the bot against a fake Discord', () => {
  let harness: BotHarness;
  const service = new StubAnswerService();

  beforeAll(async () => {
    harness = await startBotHarness({ service });
  });
  afterAll(async () => {
    await harness?.stop();
  });

  it('logs in with the gateway URL from GET /gateway/bot and becomes ready', async () => {
    expect(harness.bot.client?.isReady()).toBe(true);
    expect(harness.bot.client?.user?.id).toBe(harness.fake.botUser.id);
    expect(harness.fake.requests.some((request) => request.path === '/api/v10/gateway/bot')).toBe(true);
    const identify = await harness.fake.waitForGateway((payload) => payload.op === 2);
    expect(identify.d).toMatchObject({ token: testToken });
  });
});
