import { couldBeFirstName, firstNamesBefore } from '../article/mentions.js';
import type { Party } from '../core/types.js';
import { escapeRegExp } from '../core/text.js';

/** What kind of request a plain-language question is, read from its wording alone. */
export type RequestKind = 'reproduce' | 'summary' | 'quote' | 'question';

export interface ClassifiedRequest {
  kind: RequestKind;
  /** The party the question names, if it names one the article knows. */
  party: Party | null;
  /** For quote requests: the topic after "about"/"on", if any. */
  about: string | null;
}

// Asking for the article itself, rather than about it: "print the whole article", "quote the full text".
const wholeArticle = /\b(whole|entire|full|complete|all\s+of\s+the|every\s+(?:word|sentence|line)\s+of\s+the)\s+(?:[\p{L}'’-]+\s+){0,4}(?:article|text|story|piece|report)\b/iu;
const reproduceVerb = /\b(print|reproduce|copy|paste|quote|show|give|send|type|repeat|post|dump|output|write\s+out|read\s+out)\b/i;
const verbatimArticle = /\b(word[\s-]for[\s-]word|verbatim)\b.*\b(article|text|story)\b|\b(article|text|story)\b.*\b(word[\s-]for[\s-]word|verbatim)\b/i;

const summaryWords =
  /\b(summari[sz]e|summary|summaries|positions?|stances?|stand(?:s)?\b|standpoint|views?|take\s+on|side|sides|each\s+party|every\s+party|all\s+parties|who\s+said\s+what|where\s+does\s+.+\s+stand|opinion)\b/i;
const quoteWords = /\b(quote|quotes|quotation|exact\s+words|own\s+words|word\s+for\s+word|verbatim|in\s+(?:his|her|their)\s+words|what\s+exactly\s+did)\b/i;
const topicAfter = /\b(?:about|on|regarding|concerning|over)\s+(.+?)[?.!]*$/i;

export function classifyRequest(question: string, parties: readonly Party[]): ClassifiedRequest {
  const party = findParty(question, parties);
  if ((wholeArticle.test(question) && reproduceVerb.test(question)) || verbatimArticle.test(question)) {
    return { kind: 'reproduce', party, about: null };
  }
  if (quoteWords.test(question)) {
    return { kind: 'quote', party, about: topicAfter.exec(question)?.[1]?.trim() ?? null };
  }
  if (summaryWords.test(question)) return { kind: 'summary', party, about: null };
  return { kind: 'question', party, about: null };
}

/**
 * The party a text names, by full name or alias, whole words only, ignoring case and a possessive
 * "'s". The longest name wins, so "Pete Hegseth" beats a party called "Pete".
 */
export function findParty(text: string, parties: readonly Party[]): Party | null {
  const haystack = ` ${normaliseForMatch(text)} `;
  let best: { party: Party; length: number } | null = null;
  for (const { party, needle, surnameOnly } of namesToMatch(parties)) {
    if (haystack.includes(` ${needle} `) && (!best || needle.length > best.length)) {
      if (surnameOnly !== null && namesSomeoneElse(text, surnameOnly, party)) continue;
      // "Ingrid Solheim-Baptiste" holds the words of "Ingrid Solheim" but is someone else's full name.
      const surname = surnameOf(party);
      if (surnameOnly === null && surname !== undefined && inCompoundName(text, surname, party)) continue;
      best = { party, length: needle.length };
    }
  }
  return best?.party ?? null;
}

interface NameToMatch {
  party: Party;
  needle: string;
  /** The surname, when the party is matched by its surname alone (an alias or not): a namesake may be meant. */
  surnameOnly: string | null;
}

/**
 * Every name of every party, normalised, once per list of parties: a library of a thousand
 * articles has thousands of parties, and every question is matched against all of them.
 */
const namesByPartyList = new WeakMap<readonly Party[], readonly NameToMatch[]>();

function namesToMatch(parties: readonly Party[]): readonly NameToMatch[] {
  let names = namesByPartyList.get(parties);
  if (!names) {
    names = parties.flatMap((party) =>
      namesOf(party)
        .map((name) => ({ party, needle: normaliseForMatch(name), surnameOnly: isSurnameAlone(name, party) ? name : null }))
        .filter(({ needle }) => needle.length >= 3),
    );
    namesByPartyList.set(parties, names);
  }
  return names;
}

/**
 * The person a misspelt surname means ("Sheinbuam", "Hegsteh"): of the question's words the
 * articles never use, one within a slip of the keyboard of exactly one person's surname — a letter
 * wrong, missing, extra or two swapped; two such slips in a surname of eight letters or more.
 */
export function partyByMisspelling(question: string, unknownWords: readonly string[], parties: readonly Party[]): Party | null {
  const matches = new Set<Party>();
  for (const word of unknownWords) {
    const typed = word.toLowerCase();
    if (typed.length < minMisspeltLength) continue;
    for (const party of parties) {
      const surname = surnameOf(party)?.toLowerCase();
      if (!surname || surname.length < minMisspeltLength || surname === typed) continue;
      const slips = surname.length >= 8 ? 2 : 1;
      // Words further apart in length than the slips allowed cannot match: most parties end there.
      if (Math.abs(typed.length - surname.length) > slips) continue;
      // "Bartholomew Hegsteh" is not Pete Hegseth, however the surname is spelt.
      if (editDistance(typed, surname) <= slips && !namesSomeoneElse(question, word, party)) matches.add(party);
    }
  }
  return matches.size === 1 ? ([...matches][0] ?? null) : null;
}

/** Shorter names are too close to other words ("Ruiz", "Reyes") to guess at. */
const minMisspeltLength = 5;

/** Edits (insert, delete, substitute, swap two neighbours) between two words. */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const row = rows[i] ?? [];
      const above = rows[i - 1] ?? [];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min((above[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (above[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j] ?? 0, (rows[i - 2]?.[j - 2] ?? 0) + 1);
    }
  }
  return rows[a.length]?.[b.length] ?? 0;
}

/** A person is also called by surname alone ("Whitfield"), even where the article never does. */
function namesOf(party: Party): string[] {
  const surname = surnameOf(party);
  return surname && surname !== party.name ? [party.name, ...party.aliases, surname] : [party.name, ...party.aliases];
}

/** The person's surname on its own, whether the article writes it so ("Okafor said") or not. */
function isSurnameAlone(name: string, party: Party): boolean {
  return name !== party.name && name === surnameOf(party);
}

/** A person's last name ("Okafor" of "Rachel Okafor"); none for an organisation or an outlet. */
function surnameOf(party: Party): string | undefined {
  return party.kind === 'person' ? party.name.split(/\s+/u).at(-1) : undefined;
}

/**
 * "Daniel Okafor" is not the article's "Raymond Okafor": a surname met after a first name the
 * party never goes by names someone else. So does a double-barrelled surname the party does not
 * bear: "Bellamy-Okafor" is another family's name.
 */
function namesSomeoneElse(text: string, surname: string, party: Party): boolean {
  const known = new Set([party.name, ...party.aliases].flatMap((name) => name.toLowerCase().split(/\s+/u)));
  const firstNameBefore = firstNamesBefore(text, surname, couldBeFirstName).some((word) => !known.has(word.toLowerCase()));
  return firstNameBefore || inCompoundName(text, surname, party);
}

/** The surname is half of a double-barrelled one the party does not bear ("Bellamy-Okafor"); "the Okafor-led group" is not. */
function inCompoundName(text: string, surname: string, party: Party): boolean {
  const known = new Set([party.name, ...party.aliases].flatMap((name) => name.toLowerCase().split(/\s+/u)));
  const escaped = escapeRegExp(surname);
  // Both halves capitalised.
  const compound = new RegExp(`\\p{Lu}[\\p{L}'’]*-${escaped}(?![\\p{L}-])|(?<![\\p{L}-])${escaped}-\\p{Lu}[\\p{L}'’]*`, 'gu');
  return [...text.matchAll(compound)].some((match) => !known.has(match[0].toLowerCase()));
}

function normaliseForMatch(text: string): string {
  return text
    .toLowerCase()
    .replace(/[’']s\b/g, '')
    .replace(/[^\p{L}\p{N}.]+/gu, ' ')
    .replace(/\.(?=\s|$)/g, '')
    .trim();
}
