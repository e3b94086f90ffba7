// `npm run deploy-commands`: registers the slash commands, in one guild (instant) or globally.
import { loadConfig } from '../src/config/load-config.js';
import { deployCommands } from '../src/discord/deploy-commands.js';
import { runCli } from './run-cli.js';

await runCli(async () => {
  const config = loadConfig();
  const { names, guildId } = await deployCommands({ config, ...(config.discord.apiUrl === null ? {} : { rest: { api: config.discord.apiUrl } }) });
  const where = guildId === null ? 'globally (they can take up to an hour to appear)' : `in guild ${guildId}`;
  process.stdout.write(`Registered ${names.length} commands ${where}: ${names.map((name) => `/${name}`).join(', ')}\n`);
});
