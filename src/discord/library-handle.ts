import { VerbatimError } from '../core/errors.js';
import type { Library } from '../library/library.js';

/**
 * The library as the bot sees it while starting: the gateway is up before the index is loaded,
 * so a question may arrive first. It then waits here (already deferred) instead of being dropped.
 */
export interface LibraryHandle {
  /** The library once loaded; refuses after `maxWaitMs`, before the interaction's token expires. */
  whenReady(): Promise<Library>;
  /** The library if already loaded, for replies that cannot wait (autocomplete). */
  now(): Library | null;
}

/** Discord's interaction tokens last 15 minutes; give up a minute before, with a reply. */
const maxLibraryWaitMs = 14 * 60 * 1000;

export function createLibraryHandle(library: Library | Promise<Library>, { maxWaitMs = maxLibraryWaitMs }: { maxWaitMs?: number } = {}): LibraryHandle {
  let loaded: Library | null = null;
  const ready = Promise.resolve(library);
  // Handled once here, so a failed load is an error for each waiting request, not an unhandled rejection.
  ready.then(
    (value) => (loaded = value),
    () => undefined,
  );
  return {
    now: () => loaded,
    async whenReady() {
      if (loaded !== null) return loaded;
      let timer: NodeJS.Timeout | undefined;
      const tooLate = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new VerbatimError('INTERNAL', 'The bot is still starting. Ask again in a minute.')), maxWaitMs);
      });
      try {
        return await Promise.race([ready, tooLate]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
