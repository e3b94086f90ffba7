import { toVerbatimError } from '../src/core/errors.js';

/** The exit status of a command that failed for a reason the user can act on. */
export const FAILURE_EXIT_STATUS = 2;

/**
 * Runs a command-line entry point. A failure becomes one line on stderr,
 * `error [CODE]: message`, and exit status 2; people get the fix, not a stack trace.
 */
export async function runCli(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    process.stderr.write(`${errorLine(error)}\n`);
    process.exitCode = FAILURE_EXIT_STATUS;
  }
}

export function errorLine(error: unknown): string {
  const failure = toVerbatimError(error);
  // An unexpected failure says nothing useful without its cause; one line of it, no stack.
  const cause = failure.code === 'INTERNAL' ? firstLine(failure.cause) : null;
  return `error [${failure.code}]: ${failure.message}${cause ? ` (${cause})` : ''}`;
}

function firstLine(cause: unknown): string | null {
  const text = cause instanceof Error ? cause.message : cause === undefined ? '' : String(cause);
  return text.split('\n')[0]?.trim() || null;
}
