import { BoundedMap } from './bounded-map.js';

export type CooldownVerdict = { allowed: true } | { allowed: false; secondsLeft: number };

export interface Cooldown {
  /** Records a question by `userId` if allowed; otherwise says how long they still have to wait. */
  take(userId: string): CooldownVerdict;
}

/** Per-user cooldown between questions; `seconds = 0` turns it off. */
export function createCooldown({ seconds, now = Date.now }: { seconds: number; now?: () => number }): Cooldown {
  const lastAsked = new BoundedMap<string, number>(10_000);
  return {
    take(userId) {
      if (seconds <= 0) return { allowed: true };
      const current = now();
      const previous = lastAsked.get(userId);
      const waitMs = previous === undefined ? 0 : previous + seconds * 1000 - current;
      if (waitMs > 0) return { allowed: false, secondsLeft: Math.ceil(waitMs / 1000) };
      lastAsked.set(userId, current);
      return { allowed: true };
    },
  };
}
