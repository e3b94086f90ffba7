import { describe, expect, it } from 'vitest';
import type { Answer, AnswerService } from '../../../src/core/types.js';
import { createQuestionGate } from '../../../src/library/question-gate.js';
import { StubAnswerService } from '../../fakes/stub-answer-service.js';

/** A service whose questions are answered when the test says so. */
function heldService(): AnswerService & { answerAll(): void } {
  const stub = new StubAnswerService();
  const waiting: Array<() => void> = [];
  const held = <T>(answer: () => Promise<T>) => new Promise<void>((resolve) => waiting.push(resolve)).then(answer);
  return {
    ask: (question, options) => held(() => stub.ask(question, options)),
    summarize: (party, options) => held(() => stub.summarize(party, options)),
    quote: (speaker, about, options) => held(() => stub.quote(speaker, about, options)),
    parties: () => stub.parties(),
    sources: () => stub.sources(),
    answerAll: () => waiting.splice(0).forEach((resolve) => resolve()),
  };
}

const ticks = () => new Promise((resolve) => setTimeout(resolve, 10));

describe('background work giving way to questions', () => {
  it('goes on at once when no question is being answered, and waits while any question is', async () => {
    const gate = createQuestionGate();
    await gate.quiet();
    const inner = heldService();
    const service = gate.track(inner);
    const answers: Array<Promise<Answer>> = [service.ask('first?'), service.quote('Ana Ruiz')];
    let quiet = false;
    const background = gate.quiet().then(() => {
      quiet = true;
    });
    await ticks();
    expect(quiet).toBe(false);
    inner.answerAll();
    const [first] = await Promise.all(answers);
    await background;
    expect(quiet).toBe(true);
    expect(first?.question).toBe('first?');
  });

  it('counts a question that fails as finished, and passes its error on unchanged', async () => {
    const gate = createQuestionGate();
    const failure = new Error('the pipeline broke');
    const service = gate.track(new StubAnswerService({ delayMs: 20, failWith: failure }));
    const asked = service.ask('will this fail?');
    const background = gate.quiet();
    await expect(asked).rejects.toBe(failure);
    await background;
    await gate.quiet();
    expect(service.sources().map((meta) => meta.id)).toEqual(['harbour-gazette-bridge']);
  });
});
