import { describe, expect, it } from 'vitest';
import { DeferralGate } from '../../../src/discord/deferral-gate.js';

describe('DeferralGate', () => {
  it('holds answers back until every deferral in flight has been sent', async () => {
    const gate = new DeferralGate();
    const events: string[] = [];
    let finishDeferral = () => {};
    const deferral = gate.defer(() => new Promise<void>((resolve) => (finishDeferral = resolve))).then(() => events.push('deferred'));
    const answer = gate.whenIdle().then(() => events.push('answered'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(events).toEqual([]);
    finishDeferral();
    await Promise.all([deferral, answer]);
    expect(events).toEqual(['deferred', 'answered']);
  });

  it('stops waiting after the longest allowed wait, so answers are never starved', async () => {
    const gate = new DeferralGate();
    void gate.defer(() => new Promise<void>(() => {}));
    await expect(gate.whenIdle(30)).resolves.toBeUndefined();
  });
});
