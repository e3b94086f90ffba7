import type { PartyKind } from '../core/types.js';
import { outletDescriptor, type Gender, type Mention } from './mentions.js';

/** How a sentence's narration says who is speaking, before it is resolved to a party. */
export type Attribution =
  | {
      type: 'mention';
      mention: Mention;
      reported: boolean;
      /** "Mr. Tanaka and Mr. Olsen said": the others who say it with the speaker. */
      joint?: Mention[];
      /** A transcript line, "HOLLAND: …": the rest of the paragraph is theirs too. */
      transcript?: boolean;
    }
  | { type: 'pronoun'; gender: Gender; at: number }
  /** "the two said", "both said": the people who last spoke together. */
  | { type: 'group' }
  | { type: 'role'; kind: Exclude<PartyKind, 'unknown'> };

const pastVerbs = [
  // "The film added $39 million overseas", "adds 3,000 jobs": a sum grows, nobody speaks.
  'said', 'says', 'added(?!\\s+(?:[$€£¥]|\\d|another\\b|a\\s+further\\b|nearly\\b|almost\\b|roughly\\b|about\\s+[$€£¥\\d]))', 'adds(?!\\s+(?:[$€£¥]|\\d))', 'claimed', 'claims', 'told', 'tells', 'reported', 'reports', 'warned', 'warns',
  'noted', 'notes', 'argued', 'argues', 'stated', 'states', 'emphasized', 'emphasised', 'emphasizes', 'stressed',
  'stresses', 'explained', 'explains', 'wrote', 'writes', 'insisted', 'insists', 'asserted', 'confirmed', 'denied',
  'rejected', 'acknowledged', 'announced', 'declared', 'suggested', 'urged', 'asked', 'replied', 'responded',
  'tweeted', 'posted', 'revealed', 'admitted', 'maintained', 'contended', 'countered', 'predicted', 'cautioned',
  'alleged', 'disclosed', 'continued', 'concluded', 'recalled', 'testified', 'vowed', 'pledged', 'promised',
  'threatened', 'criticized', 'criticised', 'dismissed', 'described', 'hinted', 'indicated', 'signaled',
  'signalled', 'believes', 'thinks', 'saying', 'claiming', 'adding', 'noting', 'warning', 'arguing', 'stating',
  'emphasizing', 'emphasising', 'stressing', 'insisting', 'telling', 'explaining', 'writing', 'describing',
  'opposed', 'condemned', 'defended', 'welcomed', 'praised', 'conceded', 'conceding', 'complained', 'complaining',
  'thanked', 'apologized', 'apologised',
  // Not participles that also describe things ("the cost, estimated at £19m"): those would name a speaker.
  'objected', 'remarked', 'commented', 'lamented', 'speculated', 'pointed\\s+out', 'pointing\\s+out',
  // "called the measure “a blank check”" (quotations are masked as `_`): a characterisation in the
  // speaker's words, not "called a meeting".
  'called(?=[^.!?_]{0,60}_)',
  // "put it more bluntly: “…”": the same, a quotation close behind.
  'put\\s+it(?=[^.!?_]{0,60}_)', 'puts\\s+it(?=[^.!?_]{0,60}_)',
  // Positions reported as paraphrase: "has called for an audit", "demanded", "proposed".
  'called\\s+for', 'calls\\s+for', 'calling\\s+for', 'demanded', 'demands', 'proposed', 'proposes',
];
const baseVerbs = [
  'say', 'add', 'claim', 'note', 'warn', 'argue', 'state', 'emphasize', 'emphasise', 'stress', 'explain',
  'insist', 'tell', 'describe', 'call', 'suggest', 'reject', 'deny',
];
/** Verbs that can introduce speech after an inverted subject: `"…," said Hegseth`. */
const invertingVerbs = new Set(['said', 'says', 'added', 'adds', 'wrote', 'writes', 'asked', 'noted', 'claimed', 'told', 'continued', 'replied']);
const speechVerb = new RegExp(
  String.raw`\b(?:(?:went|goes|go|continued|continues)\s+on\s+to\s+(?:${baseVerbs.join('|')})|(?:${pastVerbs.join('|')}))\b`,
  'giu',
);
/** Words between a subject and its verb: "Sheinbaum has publicly rejected", "Hegseth went on to say". */
const betweenSubjectAndVerb =
  /(?:^|\s)(?:has|have|had|is|was|were|did|does|do|didn['’]t|hasn['’]t|haven['’]t|not|never|also|then|again|later|once|since|further|already|separately|(?:went|goes|go|continued|continues)\s+on\s+to|[a-z]+ly)\s*$/u;
const pronounAtEnd = /(?:^|[\s,_])(he|she)$/iu;
const groupAtEnd = /(?:^|[\s,_])(?:the\s+two(?:\s+(?:lawmakers|senators|leaders|officials|men|women))?|the\s+pair|both(?:\s+of\s+them)?|they\s+both)$/iu;
/** "Gabe Lindgren (R-Iowa)": a party, a state or a constituency in brackets after the name. */
const nameBracket = String.raw`\s*\([^()]{1,24}\)`;
const bracketAfterName = `(?:${nameBracket})?`;
const bracketAtEnd = new RegExp(`${nameBracket}$`, 'u');
const pronounAtStart = /^\s+(he|she)\b/iu;
const roleWords: Record<string, Exclude<PartyKind, 'unknown'>> = {
  outlet: 'outlet', magazine: 'outlet', newspaper: 'outlet', paper: 'outlet', publication: 'outlet',
  network: 'outlet', broadcaster: 'outlet', report: 'outlet', website: 'outlet', channel: 'outlet',
  official: 'person', secretary: 'person', spokesperson: 'person', spokesman: 'person', spokeswoman: 'person',
  minister: 'person', president: 'person', senator: 'person', governor: 'person', lawmaker: 'person',
  general: 'person', officer: 'person', source: 'person', director: 'person', expert: 'person',
  professor: 'person', analyst: 'person', mayor: 'person', ambassador: 'person', lawyer: 'person',
  attorney: 'person', leader: 'person', chief: 'person', executive: 'person', researcher: 'person',
  company: 'organization', ministry: 'organization', agency: 'organization', department: 'organization',
  group: 'organization', organization: 'organization', organisation: 'organization', firm: 'organization',
};
const roleNames = Object.keys(roleWords).join('|');
const roleAtEnd = new RegExp(String.raw`(?:^|[\s,_])the\s+(?:[a-z-]+\s+){0,2}(${roleNames})$`, 'iu');
const roleAtStart = new RegExp(String.raw`^\s+the\s+(?:[a-z-]+\s+){0,2}(${roleNames})\b`, 'iu');
const descriptiveTitle = new RegExp(String.raw`^['’]?s?\s+(?:[a-z-]+\s+){0,2}(?:${roleNames})\s+$`, 'u');
const accordingTo = /\baccording\s+to\b/giu;
/** "In his words, “…”": the quotation is the words of the person the narration last named. */
const inTheirWords = /\bin\s+(his|her)\s+(?:own\s+)?words\b(?=[^.!?_]{0,20}_)/giu;
const placePreposition = /\b(?:in|at|near|across|inside|outside|throughout|around)\s+$/iu;
/** A description ending in a comma between an inverted verb and its speaker: ` the bank's chief economist, `. */
const describedBefore = /^\s+(?:the|a|an|its|their|his|her)\s+[^,.;:!?"“”]{1,80},\s+$/iu;
/** One to three lower-case words after an inverted verb: "board chair", "state", "longtime resident". */
const lowercaseDescription = /^\s+((?:\p{Ll}[\p{Ll}.-]*\s+){1,3})/u;
/** Words that make what follows the verb something other than a description of its speaker. */
const notDescriptive = new Set(
  ('that which who whom whose what when where while why how if whether as than then so because after before since until in on at of ' +
    'to for from with without by about into onto over under and but or nor not also now earlier later last next previously recently ' +
    'yesterday today tonight tomorrow it he she they we you i there this these those his her its their our my your a an the')
    .split(' '),
);
/** How far an appositive may reach: "Geoffrey Corn, now the Director of …, said". */
const appositive = new RegExp(String.raw`^${bracketAfterName},[^,]{1,160},$`, 'u');

/**
 * The first way the narration of a sentence names its speaker, reading `masked` (quotations
 * blanked) between `start` and `end`. Mentions are those of this sentence.
 */
export function findAttribution(masked: string, sentence: { start: number; end: number }, mentions: readonly Mention[]): Attribution | null {
  const candidates: { at: number; attribution: Attribution }[] = [];
  const region = masked.slice(sentence.start, sentence.end);
  const label = transcriptLabel(region, sentence.start, mentions);
  if (label) return { type: 'mention', mention: label, reported: false, transcript: true };
  for (const verb of region.matchAll(speechVerb)) {
    const attribution = subjectBefore(region, verb.index, mentions, sentence.start, verb[0]) ??
      (invertingVerbs.has(verb[0].toLowerCase()) ? subjectAfter(region, verb.index + verb[0].length, mentions, sentence.start) : null);
    if (attribution) candidates.push({ at: verb.index, attribution });
  }
  for (const phrase of region.matchAll(accordingTo)) {
    const attribution = subjectAfter(region, phrase.index + phrase[0].length, mentions, sentence.start);
    if (attribution) candidates.push({ at: phrase.index, attribution });
  }
  for (const phrase of region.matchAll(inTheirWords)) {
    candidates.push({ at: phrase.index, attribution: { type: 'pronoun', gender: pronounGender(phrase[1] ?? ''), at: sentence.start + phrase.index } });
  }
  candidates.sort((left, right) => left.at - right.at);
  return candidates[0]?.attribution ?? null;
}

function subjectBefore(region: string, verbAt: number, mentions: readonly Mention[], offset: number, verb: string): Attribution | null {
  let left = region.slice(0, verbAt).trimEnd();
  for (let stripped = left.replace(betweenSubjectAndVerb, ''); stripped !== left; stripped = left.replace(betweenSubjectAndVerb, '')) {
    left = stripped.trimEnd();
  }
  // "Dolores Whitaker (R-Kan.) said": the bracket belongs to the name before it.
  left = left.replace(bracketAtEnd, '');
  // "The company has not said": reports silence, not speech.
  if (/\b(?:not|never)\b|n['’]t\b/iu.test(region.slice(left.length, verbAt))) return null;
  const withoutDescriptor = left.replace(new RegExp(`${outletDescriptor.source.slice(1)}$`, 'iu'), '');
  const reported = /^report/iu.test(verb);

  const pronoun = pronounAtEnd.exec(left);
  if (pronoun?.[1]) return { type: 'pronoun', gender: pronounGender(pronoun[1]), at: offset + verbAt };
  if (groupAtEnd.test(left)) return { type: 'group' };
  // "Harwell's office said": who speaks for a person speaks as them.
  const spokesFor = /['’]s?\s+(?:office|spokesperson|spokesman|spokeswoman|spokespeople|campaign|press\s+secretary|aides?|lawyers?|attorneys?)$/iu.exec(left);
  const principal = spokesFor && mentions.find((mention) => mention.possessive && mention.kind !== 'outlet' && offset + spokesFor.index === mention.end);
  if (principal) return { type: 'mention', mention: principal, reported };
  const role = roleAtEnd.exec(left);
  if (role?.[1]) return { type: 'role', kind: roleWords[role[1].toLowerCase()] ?? 'person' };
  // "The budget goes to Mayor Celeste Abara, who has said she will sign it": the one "who" means.
  const relative = /,\s*who$/u.exec(left);
  const antecedent = relative && mentions.find((mention) => mention.kind === 'person' && !mention.possessive && mention.end === offset + relative.index);
  if (antecedent) return { type: 'mention', mention: antecedent, reported };

  const subjectEnd = offset + withoutDescriptor.length;
  // "Poll workers in Carver reported": a place the unnamed subject is in does not speak.
  const nextToVerb = mentions.find((mention) => mention.end === subjectEnd && !mention.possessive && !placePreposition.test(region.slice(0, mention.start - offset)));
  // "Prof Daniel Okafor of Northgate University said": the person speaks, not their employer.
  const adjacent = nextToVerb && (affiliatedPerson(region, nextToVerb, mentions, offset) ?? nextToVerb);
  if (adjacent) {
    return spokenBy(adjacent, reported, jointSubjects(region, adjacent, mentions, offset));
  }
  const described = [...mentions].reverse().find(
    (mention) => !mention.possessive && appositive.test(region.slice(mention.end - offset, left.length)),
  );
  // "Rep. Glenn Marsh of Wisconsin, who organized the letter, said": the person, not the place.
  // "Monica Ferreira, a nurse from Dublin, Ohio, who sat behind the wing, told": the place ends the
  // person's own description, which runs on to the verb.
  if (described) {
    const speaker = affiliatedPerson(region, described, mentions, offset) ?? describedPerson(region.slice(0, left.length), described, mentions, offset) ?? described;
    // "Reps. A (R-Iowa) and B (D-Ga.), who lead the caucus, urged": both.
    return spokenBy(speaker, reported, speaker === described ? jointSubjects(region, described, mentions, offset) : []);
  }
  // "The lone dissenting member, Frank Olsen, argued": the name is itself the appositive.
  // "The two councillors, Ruth Kessler and Paul Okafor, said": both are.
  if (left.endsWith(',')) {
    const named = mentions.find((mention) => !mention.possessive && mention.end === offset + left.slice(0, -1).trimEnd().length);
    const joint = named ? jointSubjects(region, named, mentions, offset) : [];
    const opening = joint[0] ?? named;
    if (named && opening && /,\s*$/u.test(region.slice(0, opening.start - offset))) {
      return spokenBy(named, reported, joint);
    }
  }
  // "Ortega opposed the plan, warning that …": a participle after a comma speaks for the
  // sentence's subject, the mention that opens it.
  if (/ing$/iu.test(verb) && left.endsWith(',')) {
    const opening = mentions.find((mention) => !mention.possessive && /^(?:\S+\s+){0,3}$/u.test(region.slice(0, mention.start - offset)));
    if (opening) return { type: 'mention', mention: opening, reported };
  }
  return null;
}

/** A named speaker, with those who say it with them ("Mr. A and Mr. B said") when there are any. */
function spokenBy(mention: Mention, reported: boolean, joint: Mention[]): Attribution {
  return joint.length > 0 ? { type: 'mention', mention, reported, joint } : { type: 'mention', mention, reported };
}

/** The person whose affiliation `place` is: "Prof Daniel Okafor of Northgate University". */
function affiliatedPerson(region: string, place: Mention, mentions: readonly Mention[], offset: number): Mention | undefined {
  return mentions.find((mention) => mention.kind === 'person' && /^\s+(?:of|for)\s+$/u.test(region.slice(mention.end - offset, place.start - offset)));
}

/** How far a person's description may reach when it holds other names: two or three clauses. */
const longAppositive = /^,[^.;:!?"“”_]{1,240},$/u;

/**
 * The person a non-person `described` is part of the description of: "A, a spokeswoman for B, a
 * trade group, said" and "A, a nurse from Dublin, Ohio, who …, told" speak as A, whose description
 * runs from the comma after the name to the verb.
 */
function describedPerson(left: string, described: Mention, mentions: readonly Mention[], offset: number): Mention | undefined {
  if (described.kind === 'person') return undefined;
  return mentions.find((mention) => mention.kind === 'person' && !mention.possessive && mention.end < described.start && longAppositive.test(left.slice(mention.end - offset)));
}

function subjectAfter(region: string, from: number, mentions: readonly Mention[], offset: number): Attribution | null {
  const right = region.slice(from);
  const pronoun = pronounAtStart.exec(right);
  if (pronoun?.[1]) return { type: 'pronoun', gender: pronounGender(pronoun[1]), at: offset + from };
  // `said the union's regional organiser, Bryony Walsh`: the name after the description speaks.
  const named = mentions.find((candidate) => candidate.start >= offset + from && describedBefore.test(region.slice(from, candidate.start - offset)));
  if (named && !named.possessive) return { type: 'mention', mention: named, reported: false };
  const role = roleAtStart.exec(right);
  if (role?.[1]) return { type: 'role', kind: roleWords[role[1].toLowerCase()] ?? 'person' };
  const space = /^\s+/u.exec(right)?.[0].length ?? 0;
  const article = /^\s+the\s+/iu.exec(right)?.[0].length ?? space;
  let mention = mentions.find((candidate) => candidate.start === offset + from + space || candidate.start === offset + from + article);
  // `said board chair Joseph Falcone`, `said state Rep. Ana Ruiz`: a description in lower case, with
  // no article before it, runs straight into the person's name.
  const description = mention ? null : lowercaseDescription.exec(right);
  if (description?.[1] && !description[1].split(/\s+/u).some((word) => notDescriptive.has(word))) {
    mention = mentions.find((candidate) => candidate.kind === 'person' && candidate.start === offset + from + (description[0]?.length ?? 0));
  }
  // `said Harbor Logistics spokesman Tom Reilly`: the employer comes first, the speaker last.
  for (let next = mention && followingTitled(region, mention, mentions, offset); next; next = followingTitled(region, next, mentions, offset)) {
    mention = next;
  }
  return mention ? { type: 'mention', mention, reported: false } : null;
}

function followingTitled(region: string, mention: Mention, mentions: readonly Mention[], offset: number): Mention | undefined {
  const next = mentions.find((candidate) => candidate.start > mention.end);
  if (!next) return undefined;
  const between = region.slice(mention.end - offset, next.start - offset);
  return descriptiveTitle.test(between) ? next : undefined;
}

function inBrackets(region: string, mention: Mention, offset: number): boolean {
  return region[mention.start - offset - 1] === '(' && /^\.?\)/u.test(region.slice(mention.end - offset));
}

const jointByAnd = new RegExp(String.raw`^${bracketAfterName}\s*,?\s*(?:and|&)\s+$`, 'u');
const jointByComma = new RegExp(String.raw`^${bracketAfterName}\s*,\s*$`, 'u');

/**
 * "Mr. Tanaka and Mr. Olsen said", "Tanaka, Olsen and Reyes said": the names joined to the
 * subject by "and" or commas, each a speaker of the sentence.
 */
function jointSubjects(region: string, subject: Mention, mentions: readonly Mention[], offset: number): Mention[] {
  const joint: Mention[] = [];
  let right = subject;
  for (let index = mentions.indexOf(subject) - 1; index >= 0; index -= 1) {
    const left = mentions[index];
    // "(R-Iowa)" is the bracket after a name, not a name of its own.
    if (left && inBrackets(region, left, offset)) continue;
    if (!left || left.possessive || left.afterPreposition) break;
    const between = region.slice(left.end - offset, right.start - offset);
    // The name next to the verb is joined by "and"; only names before that one by commas.
    const joined = joint.length === 0 ? jointByAnd : jointByComma;
    if (!joined.test(between)) break;
    joint.unshift(left);
    right = left;
  }
  return joint;
}

/**
 * A transcript line opens with its speaker and a colon: in capitals ("HOLLAND:", "DAN REYES:"), or
 * as the name is written, when the words are a name there ("Brandt:" after "Commissioner Paul
 * Brandt"; never "Update:" or "Note:", dictionary words). The name is given as a name is written elsewhere in the
 * text ("Holland"), so the two meet.
 */
function transcriptLabel(region: string, offset: number, mentions: readonly Mention[]): Mention | null {
  const match = /^(\s*)(\p{Lu}[\p{L}.'’-]+(?:\s+\p{Lu}[\p{L}.'’-]+){0,2}):\s/u.exec(region);
  if (!match?.[2]) return null;
  const surface = match[2];
  const capitals = surface.replace(/[^\p{Lu}]/gu, '').length >= 2 && surface === surface.toUpperCase();
  const start = offset + (match[1]?.length ?? 0);
  // A name the sentence's mentions hold at that place (a dictionary word opening a sentence is none).
  const named = mentions.some((mention) => mention.start === start && mention.surface === surface && (mention.kind === 'person' || mention.kind === 'unknown'));
  if (!capitals && !named) return null;
  const name = capitals
    ? surface
        .split(/\s+/)
        .map((word) => word.charAt(0) + word.slice(1).toLowerCase())
        .join(' ')
    : surface;
  return { start, end: start + surface.length, surface, name, kind: 'person', gender: null, possessive: false, afterPreposition: false };
}

function pronounGender(pronoun: string): Gender {
  return /^(?:he|his)$/iu.test(pronoun) ? 'male' : 'female';
}
