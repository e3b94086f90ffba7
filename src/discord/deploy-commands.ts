import { REST, Routes } from 'discord.js';
import type { Config } from '../config/config.js';
import { VerbatimError } from '../core/errors.js';
import { commandPayloads } from './commands.js';
import { applicationIdFromToken, checkTokenShape } from './token.js';

export interface DeployResult {
  names: string[];
  /** The guild the commands were registered in, or null when registered globally. */
  guildId: string | null;
}

/**
 * Registers the slash commands with one PUT: in DISCORD_GUILD_ID when set (they appear at once),
 * otherwise globally. Re-running replaces the previous set.
 */
export async function deployCommands({ config, rest: restOptions }: { config: Readonly<Config>; rest?: { api: string } }): Promise<DeployResult> {
  const token = checkTokenShape(config.discord.token);
  const applicationId = config.discord.clientId ?? applicationIdFromToken(token);
  if (applicationId === null) {
    throw new VerbatimError('CONFIG_INVALID', 'Set DISCORD_CLIENT_ID (the Application ID from the developer portal) in .env.');
  }
  const { guildId } = config.discord;
  const route = guildId === null ? Routes.applicationCommands(applicationId) : Routes.applicationGuildCommands(applicationId, guildId);
  const rest = new REST(restOptions ? { api: restOptions.api } : {}).setToken(token);
  const body = commandPayloads(config);
  try {
    await rest.put(route, { body });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new VerbatimError('DISCORD_FAILED', `Discord rejected the commands: ${reason}`, { cause: error });
  }
  return { names: body.map((command) => command.name), guildId };
}
