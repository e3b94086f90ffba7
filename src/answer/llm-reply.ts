import { z } from 'zod';
import type { Intent } from './answer-engine.js';
import type { LabelledSentence } from './llm-prompt.js';
import { unsupportedQuotes } from './llm-quotes.js';

/** Some servers send labels as numbers (3 for S3); both are accepted and read as text. */
const label = z.union([z.string(), z.number()]).transform(String);

const modelReplySchema = z.object({
  found: z.boolean(),
  answer: z.string(),
  claims: z.array(z.object({ text: z.string(), sentenceIds: z.array(label) })).default([]),
  parties: z.array(z.object({ party: z.string(), summary: z.string(), sentenceIds: z.array(label) })).default([]),
});

/** The reply as the model sent it; see `replySchema` in llm-prompt.ts for what each field means. */
export type ModelReply = z.infer<typeof modelReplySchema>;

export type ParsedReply = { reply: ModelReply } | { problem: string };

/**
 * Reads the model's JSON. Local servers sometimes wrap it in a Markdown fence or add a sentence
 * around it, so the outermost braces are taken.
 */
export function parseModelReply(content: string | null | undefined): ParsedReply {
  if (content === null || content === undefined || content.trim() === '') return { problem: 'empty reply' };
  const start = content.indexOf('{');
  const end = content.lastIndexOf('}');
  if (start === -1 || end < start) return { problem: 'the reply is not JSON' };
  let json: unknown;
  try {
    json = JSON.parse(content.slice(start, end + 1));
  } catch {
    return { problem: 'the reply is not valid JSON' };
  }
  const parsed = modelReplySchema.safeParse(json);
  if (!parsed.success) return { problem: 'the reply does not match the schema' };
  return { reply: parsed.data };
}

export interface CheckedClaim {
  text: string;
  sentences: LabelledSentence[];
}

export interface CheckedParty {
  party: string;
  summary: string;
  sentences: LabelledSentence[];
}

/** A reply with every claim and party that broke a rule removed, and the broken rules listed. */
export interface CheckedReply {
  found: boolean;
  answer: string;
  /** False when the answer text quotes words that are not in any cited sentence. */
  answerIsSupported: boolean;
  claims: CheckedClaim[];
  parties: CheckedParty[];
  /** One line per broken rule, written to be sent back to the model. */
  problems: string[];
}

export interface CheckOptions {
  reply: ModelReply;
  labelled: readonly LabelledSentence[];
  intent: Intent;
}

/**
 * Keeps only what can be shown with the article's own sentences behind it: labels that exist,
 * at least one per claim, the quoted speaker's sentences for a quote request, and quotation marks
 * only around words copied from the cited sentences.
 */
export function checkReply({ reply, labelled, intent }: CheckOptions): CheckedReply {
  const problems: string[] = [];
  const resolve = labelResolver(labelled);

  const checkCited = (what: string, text: string, ids: readonly string[]): LabelledSentence[] | null => {
    if (ids.length === 0) {
      problems.push(`${what} cites no sentence.`);
      return null;
    }
    const sentences: LabelledSentence[] = [];
    for (const id of ids) {
      const found = resolve(id);
      if (found === undefined) {
        problems.push(`${what} cites ${JSON.stringify(id)}, which is not one of the labels S1–S${labelled.length}.`);
        return null;
      }
      if (intent.kind === 'quote' && found.sentence.speaker?.name !== intent.speaker.name) {
        problems.push(`${what} cites ${found.label}, whose speaker is not "${intent.speaker.name}".`);
        return null;
      }
      if (!sentences.includes(found)) sentences.push(found);
    }
    const invented = unsupportedQuotes(text, sentences.map(({ sentence }) => sentence.text));
    if (invented.length > 0) {
      problems.push(`${what} puts quotation marks around words that are not in the sentences it cites: ${invented.map((span) => JSON.stringify(span)).join(', ')}.`);
      return null;
    }
    return sentences;
  };

  const claims: CheckedClaim[] = [];
  reply.claims.forEach((claim, position) => {
    const sentences = checkCited(`Claim ${position + 1} (${JSON.stringify(shorten(claim.text))})`, claim.text, claim.sentenceIds);
    if (sentences !== null) claims.push({ text: claim.text, sentences });
  });

  const parties: CheckedParty[] = [];
  for (const entry of partiesAsked(reply.parties, intent)) {
    const sentences = checkCited(`The summary for ${JSON.stringify(entry.party)}`, entry.summary, entry.sentenceIds);
    if (sentences !== null) parties.push({ party: entry.party, summary: entry.summary, sentences });
  }

  const citedTexts = [...claims, ...parties].flatMap(({ sentences }) => sentences.map(({ sentence }) => sentence.text));
  const invented = unsupportedQuotes(reply.answer, citedTexts);
  if (invented.length > 0) {
    problems.push(`The answer puts quotation marks around words that are not in the cited sentences: ${invented.map((span) => JSON.stringify(span)).join(', ')}. Paraphrase instead.`);
  }
  if (reply.found && claims.length === 0 && parties.length === 0) {
    problems.push('found is true but no claim cites a valid sentence.');
  }

  return { found: reply.found, answer: reply.answer, answerIsSupported: invented.length === 0, claims, parties, problems };
}

/** Accepts "S3", "s3", "[S3]", a bare 3, or the sentence's own id. */
function labelResolver(labelled: readonly LabelledSentence[]): (id: string) => LabelledSentence | undefined {
  const byKey = new Map<string, LabelledSentence>();
  for (const entry of labelled) {
    byKey.set(entry.label.toLowerCase(), entry);
    byKey.set(entry.label.slice(1), entry);
    byKey.set(entry.sentence.id.toLowerCase(), entry);
  }
  return (id) => byKey.get(id.trim().replace(/^\[|\]$/g, '').toLowerCase());
}

/**
 * For a one-party summary, the entries about that party (named by any of its aliases), or the
 * only entry when the model named the party some other way; other parties are left out.
 */
function partiesAsked(entries: ModelReply['parties'], intent: Intent): ModelReply['parties'] {
  if (intent.kind !== 'summary' || intent.party === null) return entries;
  const party = intent.party;
  const matching = entries.filter((entry) => namesParty(entry.party, party));
  const chosen = matching.length > 0 ? matching : entries.slice(0, entries.length === 1 ? 1 : 0);
  return chosen.map((entry) => ({ ...entry, party: party.name }));
}

function namesParty(name: string, party: { name: string; aliases: readonly string[] }): boolean {
  const wanted = name.trim().toLowerCase();
  if (wanted === '') return false;
  return [party.name, ...party.aliases].some((known) => {
    const alias = known.toLowerCase();
    return alias === wanted || alias.includes(wanted) || wanted.includes(alias);
  });
}

function shorten(text: string): string {
  return text.length <= 60 ? text : `${text.slice(0, 57)}…`;
}
