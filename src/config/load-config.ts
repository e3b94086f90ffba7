import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'dotenv';
import { VerbatimError } from '../core/errors.js';
import { parseConfig, type Config } from './config.js';

/**
 * Reads `.env` (if present) under the real environment: a variable already set in the
 * environment wins, as with dotenv's default. The only module that touches process.env.
 */
export function loadConfig(envFile = '.env'): Readonly<Config> {
  let fileValues: Record<string, string> = {};
  if (existsSync(envFile)) {
    try {
      fileValues = parse(readFileSync(envFile));
    } catch (error) {
      throw new VerbatimError('CONFIG_INVALID', `The .env file (${envFile}) could not be read.`, { cause: error });
    }
  }
  return parseConfig({ ...fileValues, ...process.env });
}
