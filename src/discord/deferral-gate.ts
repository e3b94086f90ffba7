import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Acknowledgements before answers. Discord drops an interaction not acknowledged within 3 s,
 * while answering is CPU work on the same event loop; under a burst, answers started early
 * would delay the later deferrals. So answering waits until no deferral is in flight.
 */
export class DeferralGate {
  private inFlight = 0;
  private idleWaiters: Array<() => void> = [];

  async defer<Result>(send: () => Promise<Result>): Promise<Result> {
    this.inFlight += 1;
    try {
      return await send();
    } finally {
      this.inFlight -= 1;
      if (this.inFlight === 0) {
        const waiters = this.idleWaiters;
        this.idleWaiters = [];
        for (const wake of waiters) wake();
      }
    }
  }

  /**
   * Resolves once no deferral is in flight, after letting already-received events start theirs;
   * or after `maxWaitMs`, so a steady stream of new interactions cannot starve the answers.
   */
  async whenIdle(maxWaitMs = 1000): Promise<void> {
    const giveUpAt = Date.now() + maxWaitMs;
    do {
      await nextTurn();
      if (this.inFlight === 0) return;
      const remaining = giveUpAt - Date.now();
      if (remaining <= 0) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.idleWaiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    } while (Date.now() < giveUpAt);
  }
}
