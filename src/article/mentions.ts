import { nlp } from '../core/nlp.js';
import type { PartyKind } from '../core/types.js';
import { escapeRegExp } from '../core/text.js';

/** A capitalised name in a sentence's narration ("Defense Secretary Pete Hegseth", "Fox News'"). */
export interface Mention {
  /** Offsets into the article text. */
  start: number;
  end: number;
  /** As written, without a possessive ending: "Defense Secretary Pete Hegseth". */
  surface: string;
  /** Titles stripped from a person's name: "Pete Hegseth". */
  name: string;
  kind: PartyKind;
  gender: Gender | null;
  /** "Trump's order": names an owner, not someone who acts in the sentence. */
  possessive: boolean;
  /** "Speaking to Laura Ingraham": the object of a preposition, not a subject. */
  afterPreposition: boolean;
}

export type Gender = 'male' | 'female';

const token = String.raw`\p{Lu}[\p{L}\p{M}\p{N}'’.&-]*`;
const connector = String.raw`(?:of|for|de|del|da|van|von|bin|al|la|le)`;
const nameSequence = new RegExp(String.raw`${token}(?:\s(?:${connector}\s)?${token})*`, 'gu');
const possessiveEnding = /(?:['’]s|(?<=s)['’])$/u;
const prepositions = new Set([
  'to', 'with', 'about', 'from', 'by', 'for', 'of', 'at', 'on', 'in', 'against', 'toward', 'towards',
  'into', 'over', 'under', 'between', 'among', 'than', 'like', 'including', 'via', 'before', 'after',
]);
/** Words that precede a person's name as a title or description, not part of the name. */
const titleWords = new Set([
  'president', 'vice', 'secretary', 'minister', 'prime', 'senator', 'sen.', 'sens.', 'rep.', 'reps.', 'representative',
  'gov.', 'governor', 'mayor', 'judge', 'justice', 'officer', 'director', 'general', 'gen.', 'chief',
  'spokesperson', 'spokesman', 'spokeswoman', 'ambassador', 'commissioner', 'chairman', 'chairwoman',
  'chair', 'ceo', 'founder', 'prof.', 'professor', 'dr.', 'mr.', 'mrs.', 'ms.', 'lt.', 'col.', 'capt.',
  'sgt.', 'adm.', 'admiral', 'colonel', 'captain', 'sergeant', 'lieutenant', 'deputy', 'attorney',
  'advocate', 'defense', 'defence', 'state', 'foreign', 'interior', 'finance', 'health', 'army', 'navy',
  'air', 'force', 'u.s.', 'u.k.', 'u.n.', 'eu', 'congressman', 'congresswoman', 'speaker', 'house',
  'leader', 'former', 'retired', 'democratic', 'republican', 'sheriff', 'detective', 'inspector',
  'coach', 'economist', 'analyst', 'chancellor', 'king', 'queen', 'pope', 'rabbi', 'bishop', 'prof', 'dr',
  'trustee', 'councilman', 'councilwoman', 'councilmember', 'councillor', 'councilor', 'ald.', 'cllr', 'cllr.', 'alderman', 'alderwoman', 'supervisor',
  'superintendent', 'treasurer', 'clerk', 'manager', 'principal', 'pastor', 'reverend', 'rev.', 'dean', 'provost',
  'commander', 'marshal', 'comptroller', 'controller', 'auditor', 'assemblyman', 'assemblywoman', 'assemblymember',
  'delegate', 'organiser', 'organizer', 'coordinator', 'chairperson', 'ms', 'mr', 'mrs', 'sen', 'rep', 'gov',
]);
const outletWords = new Set([
  'news', 'times', 'post', 'journal', 'magazine', 'herald', 'tribune', 'gazette', 'telegraph', 'guardian',
  'chronicle', 'observer', 'insider', 'press', 'daily', 'wire', 'network', 'radio', 'tv', 'television',
  'broadcasting', 'reuters', 'bloomberg', 'politico', 'axios',
]);
/** A lowercase word after a name that says the name is a publication ("Rolling Stone magazine"). */
export const outletDescriptor =
  /^\s+(?:magazine|newspaper|outlet|daily|paper|tabloid|weekly|network|broadcaster|channel|website|news\s+(?:agency|site|outlet))\b/iu;
const organizationWords = new Set([
  'ministry', 'department', 'agency', 'committee', 'council', 'party', 'government', 'university', 'school',
  'college', 'inc', 'inc.', 'corp', 'corp.', 'company', 'group', 'association', 'commission', 'office', 'bank',
  'institute', 'foundation', 'court', 'congress', 'senate', 'pentagon', 'army', 'navy', 'police',
  'administration', 'center', 'centre', 'cartel', 'union', 'organization', 'organisation', 'federation',
  'authority', 'service', 'board', 'bureau', 'coalition', 'alliance', 'ltd', 'ltd.', 'fund', 'club',
]);
const honorificGender: Record<string, Gender> = { 'mr.': 'male', 'mrs.': 'female', 'ms.': 'female' };

/** compromise's word list: word → tag(s). Typed loosely by the library, so narrowed here. */
const lexicon = (nlp.model() as { one: { lexicon: Record<string, string | string[] | undefined> } }).one.lexicon;

function lexiconTags(word: string): string[] {
  const tags = lexicon[word.toLowerCase()];
  return tags === undefined ? [] : Array.isArray(tags) ? tags : [tags];
}

const nameTags = ['FirstName', 'MaleName', 'FemaleName', 'LastName', 'Person', 'Organization', 'Place', 'Country', 'City', 'ProperNoun'];

/** A capitalised word at the start of a sentence is a name only when the dictionary does not know it as something else. */
function couldBeName(word: string): boolean {
  const tags = lexiconTags(word);
  // "Opponents said": a plural of a common noun opens the sentence, not a name ("Jones said" is one).
  if (tags.length === 0) {
    if (!/s$/u.test(word)) return true;
    const parsed = nlp(word);
    return !(parsed.has('#Plural') && !parsed.has('#Person'));
  }
  return tags.some((tag) => nameTags.includes(tag));
}

interface Token {
  text: string;
  start: number;
  end: number;
}

/**
 * Names in a sentence; `masked` is the article text with quotations blanked out. A sentence's
 * first word counts as a name when the dictionary does not know it or `knownNames` (words of
 * names met earlier, like the "Park" of "Ellen Park") has it.
 */
export function findMentions(
  masked: string,
  sentence: { start: number; end: number },
  knownNames: ReadonlySet<string> = new Set(),
): Mention[] {
  const region = masked.slice(sentence.start, sentence.end);
  const sentenceStart = /^[\s"“‘'(_]*/u.exec(region)?.[0].length ?? 0;
  const mentions: Mention[] = [];
  for (const match of region.matchAll(nameSequence)) {
    for (const group of splitAtPossessives(tokensOf(match[0], match.index)).flatMap(splitAtAffiliation)) {
      let tokens = group;
      const opener = tokens[0];
      if (opener?.start === sentenceStart && !knownNames.has(opener.text) && !couldBeName(opener.text) && !opensFullName(tokens)) tokens = tokens.slice(1);
      tokens = tokens.filter((item, index) => index > 0 || item.text !== 'I');
      const mention = tokens.length > 0 ? buildMention(region, tokens, sentence.start) : null;
      if (mention) mentions.push(mention);
    }
  }
  markPrepositionalObjects(region, mentions, sentence.start);
  return mentions;
}

/**
 * "Ray Okafor, an energy economist, argues": a word the dictionary knows as a noun ("ray", "rose",
 * "will") opens the sentence as a first name when a surname the dictionary does not know follows it
 * and ends the name. ("Police Chief Okafor" keeps its title; "Storm damage" is no name.)
 */
function opensFullName(tokens: readonly Token[]): boolean {
  const [first, last] = tokens;
  if (tokens.length !== 2 || !first || !last || /s$/u.test(first.text)) return false;
  const surname = last.text.replace(/['’]s?$/u, '');
  const surnameTags = lexiconTags(surname);
  return lexiconTags(first.text).every((tag) => tag === 'Noun' || tag === 'Singular' || tag === 'Modal') && (surnameTags.length === 0 || surnameTags.includes('LastName'));
}

function tokensOf(sequence: string, offset: number): Token[] {
  return [...sequence.matchAll(/\S+/gu)].map((word) => ({
    text: word[0],
    start: offset + word.index,
    end: offset + word.index + word[0].length,
  }));
}

/** "Fox News' Laura Ingraham" is two names: the owner and the person. */
function splitAtPossessives(tokens: Token[]): Token[][] {
  const groups: Token[][] = [[]];
  for (const item of tokens) {
    groups.at(-1)?.push(item);
    if (possessiveEnding.test(item.text)) groups.push([]);
  }
  return groups.filter((group) => group.length > 0);
}

/**
 * "Prof Daniel Okafor of Northgate University" is a person and where they work: a person's name
 * (a first name among its words) ends at "of" or "for". "Bank of America" has no first name.
 */
function splitAtAffiliation(tokens: Token[]): Token[][] {
  const at = tokens.findIndex((item, index) => index > 0 && (item.text === 'of' || item.text === 'for'));
  if (at < 0) return [tokens];
  const person = tokens.slice(0, at);
  const named = person.some((item) => isFirstName(item.text));
  const rest = tokens.slice(at + 1);
  return named && rest.length > 0 ? [person, rest] : [tokens];
}

const givenNameTags = ['FirstName', 'MaleName', 'FemaleName'];

/** Whether the dictionary knows a word as someone's first name ("Daniel", "Paul"). */
export function isFirstName(word: string): boolean {
  return lexiconTags(word).some((tag) => givenNameTags.includes(tag));
}

/**
 * A word that may be someone's first name right before a surname in a question: one the
 * dictionary knows as a first name, or one it knows as nothing at all ("Ravi", "Yusra"), so long
 * as it is no title ("Administrator Castellano" is the article's Castellano).
 */
export function couldBeFirstName(word: string): boolean {
  return isFirstName(word) || (lexiconTags(word).length === 0 && !isTitle(word));
}

/**
 * A name the dictionary cannot place that is still shaped like a person's: "Kenji Morimoto" (a
 * first name it may not know, then more names), not "Costa Rica" or "Eastern Cape".
 */
export function personShaped(name: string): boolean {
  return mayNameAPerson(name) && couldBeFirstName(name.split(' ')[0] ?? '');
}

/** Two names or more, none of them a place or an organisation the dictionary knows: "Ray Deiner" may be someone. */
export function mayNameAPerson(name: string): boolean {
  const words = name.split(' ');
  return words.length >= 2 && !words.some((word) => lexiconTags(word).some((tag) => placeTags.includes(tag)));
}

const placeTags = ['Place', 'Country', 'City', 'Region', 'Organization'];

/**
 * "Kenji Morimoto, an epidemiologist who …": a name followed by what someone does for a living
 * is a person's, whether or not the dictionary knows the first name.
 */
const describedByOccupation = /^,\s+(?:a|an)\s+(?:[\p{Ll}-]+\s+){0,3}?\p{Ll}+(?:ist|ician|er|or|ant|ent|ian|man|woman|person)(?=\s+(?:who|at|for|with|in|from|of|and|based)\b|[,.;])/u;

/**
 * The first names a text writes right before a surname: "Raymond" of "Raymond Okafor" (not of
 * "Okafor-Smith"). `isGivenName` decides what counts as one (by default, a first name the
 * dictionary knows).
 */
export function firstNamesBefore(text: string, surname: string, isGivenName: (word: string) => boolean = isFirstName): string[] {
  const before = new RegExp(`(\\p{Lu}[\\p{L}'’-]+)\\s+${escapeRegExp(surname)}(?![\\p{L}-])`, 'gu');
  return [...text.matchAll(before)].map((match) => match[1] ?? '').filter(isGivenName);
}

function buildMention(region: string, tokens: Token[], offset: number): Mention | null {
  const first = tokens[0];
  const last = tokens.at(-1);
  if (!first || !last) return null;
  const possessive = possessiveEnding.test(last.text);
  const lastText = last.text.replace(possessiveEnding, '').replace(/(?<!\b\p{L})\.$/u, '');
  const words = [...tokens.slice(0, -1).map((item) => item.text), lastText].filter((word) => word !== '');
  if (words.length === 0) return null;
  const end = last.start + lastText.length;
  const surface = region.slice(first.start, end);
  const lowerWords = words.map((word) => word.toLowerCase());

  let nameStart = words.length;
  while (nameStart > 0 && !isTitle(words[nameStart - 1] ?? '')) nameStart -= 1;
  // A bare title ("the Director of …") names nobody; nor does a day ("said Monday she …").
  if (words.every(isTitle) || words.every(isCalendarWord)) return null;
  const hasTitle = nameStart > 0 && nameStart < words.length;
  const nameWords = hasTitle ? words.slice(nameStart) : words;
  const tags = nameWords.flatMap(lexiconTags);
  const hasPersonName = tags.some((tag) => givenNameTags.includes(tag) || tag === 'LastName');
  const followedByDescriptor = outletDescriptor.test(region.slice(end, end + 30));

  // "Grid Builders Alliance", "Home Builders Association": the name ends in what it is; "Builders"
  // before it is no title ("Secretary Ana Ruiz" ends in a person's name).
  const endsAsOrganization = organizationWords.has(lowerWords.at(-1) ?? '') && !lexiconTags(words.at(-1) ?? '').some((tag) => givenNameTags.includes(tag) || tag === 'LastName');
  let kind: PartyKind = 'unknown';
  if (followedByDescriptor || (!hasTitle && lowerWords.some((word) => outletWords.has(word)))) kind = 'outlet';
  else if (endsAsOrganization) kind = 'organization';
  else if (hasTitle || hasPersonName || (personShaped(nameWords.join(' ')) && describedByOccupation.test(region.slice(end, end + 60)))) kind = 'person';
  else if (lowerWords.some((word) => organizationWords.has(word))) kind = 'organization';

  const firstNameTags = lexiconTags(nameWords[0] ?? '');
  const gender: Gender | null =
    honorificGender[lowerWords[0] ?? ''] ??
    (firstNameTags.includes('MaleName') ? 'male' : firstNameTags.includes('FemaleName') ? 'female' : null);

  return {
    start: offset + first.start,
    end: offset + end,
    surface,
    name: (kind === 'person' ? nameWords : words).join(' '),
    kind,
    gender,
    possessive,
    afterPreposition: false,
  };
}

function isCalendarWord(word: string): boolean {
  return lexiconTags(word).some((tag) => tag === 'WeekDay' || tag === 'Month');
}

function isTitle(word: string): boolean {
  const lower = word.toLowerCase();
  return titleWords.has(lower) || lexiconTags(lower).includes('Actor');
}

function markPrepositionalObjects(region: string, mentions: Mention[], offset: number): void {
  mentions.forEach((mention, index) => {
    const previous = mentions[index - 1];
    const gap = previous ? region.slice(previous.end - offset, mention.start - offset) : null;
    if (previous?.possessive && gap !== null && /^['’]?s?\s+$/u.test(gap)) {
      mention.afterPreposition = previous.afterPreposition;
      return;
    }
    const wordBefore = /(\p{L}+)\s+$/u.exec(region.slice(0, mention.start - offset))?.[1] ?? '';
    mention.afterPreposition = prepositions.has(wordBefore.toLowerCase());
  });
}
