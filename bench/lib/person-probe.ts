// "Who said what" probes, made from the loaded articles' own parties rather than written by
// hand: for every person the articles quote, "What did <name> say?" in a few phrasings, each
// to be answered with at least one of that person's own sentences; and the same phrasings for
// people the library never mentions (names from other articles), each to be refused.
import type { Answer, Party } from '../../src/core/types.js';

export interface PersonProbe {
  question: string;
  /** The quoted person's sentences; empty for a stranger (the answer must be "not in the article"). */
  ownSentenceIds: readonly string[];
}

const phrasings: ReadonlyArray<(name: string) => string> = [
  (name) => `What did ${name} say?`,
  (name) => `What does ${name} think?`,
  (name) => `Give me a quote from ${name}.`,
];

/** Probes for every person party (by full name and by surname) and for each stranger's name. */
export function personProbes(parties: readonly Party[], strangers: readonly string[]): PersonProbe[] {
  const probes: PersonProbe[] = [];
  for (const party of parties.filter((candidate) => candidate.kind === 'person' && candidate.sentenceIds.length > 0)) {
    const surname = party.name.split(/\s+/).at(-1) ?? party.name;
    for (const name of [...new Set([party.name, surname])]) for (const phrase of phrasings) probes.push({ question: phrase(name), ownSentenceIds: party.sentenceIds });
  }
  for (const name of strangers) for (const phrase of phrasings) probes.push({ question: phrase(name), ownSentenceIds: [] });
  return probes;
}

export interface PersonProbeScore {
  quoted: number;
  /** Quoted-person probes answered with at least one of the person's own sentences. */
  answeredWithOwnWords: number;
  strangers: number;
  strangersRefused: number;
  /** The probes that failed, for the report. */
  failures: string[];
}

export function scorePersonProbes(results: ReadonlyArray<{ probe: PersonProbe; answer: Pick<Answer, 'found' | 'citations'> }>): PersonProbeScore {
  const score: PersonProbeScore = { quoted: 0, answeredWithOwnWords: 0, strangers: 0, strangersRefused: 0, failures: [] };
  for (const { probe, answer } of results) {
    if (probe.ownSentenceIds.length === 0) {
      score.strangers += 1;
      if (!answer.found) score.strangersRefused += 1;
      else score.failures.push(probe.question);
      continue;
    }
    score.quoted += 1;
    const own = new Set(probe.ownSentenceIds);
    if (answer.found && answer.citations.some((citation) => own.has(citation.sentenceId))) score.answeredWithOwnWords += 1;
    else score.failures.push(probe.question);
  }
  return score;
}
