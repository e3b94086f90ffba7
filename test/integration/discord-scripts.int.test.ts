import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/config.js';
import { deployCommands } from '../../src/discord/deploy-commands.js';
import { FakeDiscord } from '../fakes/discord-server.js';
import { testToken } from '../fakes/discord-harness.js';

const run = promisify(execFile);

describe('npm run bot with a bad token', () => {
  it.each([
    ['missing', ''],
    ['malformed', 'definitely-not-a-token'],
  ])('stops with one error line and exit status 2 when the token is %s', async (_label, token) => {
    const outcome = await run('npx', ['tsx', 'scripts/bot.ts'], { env: { ...process.env, DISCORD_TOKEN: token } }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(outcome.code).toBe(2);
    expect(outcome.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^error \[DISCORD_TOKEN_INVALID\]: /)]);
  });
});

describe('deployCommands', () => {
  let fake: FakeDiscord;
  beforeAll(async () => {
    fake = await FakeDiscord.start();
  });
  afterAll(async () => {
    await fake.stop();
  });

  it('PUTs every command to the guild when DISCORD_GUILD_ID is set, and globally otherwise', async () => {
    const applicationId = '1300000000000000010';
    const guild = parseConfig({ DISCORD_TOKEN: testToken, DISCORD_CLIENT_ID: applicationId, DISCORD_GUILD_ID: '1300000000000000011', MAX_QUESTION_CHARS: '500' });
    await deployCommands({ config: guild, rest: { api: fake.restApi } });
    const guildPut = await fake.waitForRequest((request) => request.method === 'PUT');
    expect(guildPut.path).toBe(`/api/v10/applications/${applicationId}/guilds/1300000000000000011/commands`);
    const names = (guildPut.body as Array<{ name: string; options?: Array<{ max_length?: number }> }>).map((command) => command.name);
    expect(names).toEqual(['ask', 'summarize', 'quote', 'add', 'remove', 'sources', 'help']);
    expect((guildPut.body as Array<{ options?: Array<{ max_length?: number }> }>)[0]?.options?.[0]?.max_length).toBe(500);

    await deployCommands({ config: parseConfig({ DISCORD_TOKEN: testToken }), rest: { api: fake.restApi } });
    const globalPut = await fake.waitForRequest((request) => request.method === 'PUT' && !request.path.includes('/guilds/'));
    expect(globalPut.path).toBe('/api/v10/applications/120000000000000000/commands');
  });
});
