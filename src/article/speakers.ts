import type { Party, PartyKind, Sentence, Span, Speaker } from '../core/types.js';
import { findAttribution, type Attribution } from './attribution.js';
import { findMentions, isFirstName, mayNameAPerson, type Gender, type Mention } from './mentions.js';
import { findQuotations, maskQuotations } from './quotations.js';

/** Someone or something the article names, gathered across all its forms. */
interface Entity {
  name: string;
  kind: PartyKind;
  gender: Gender | null;
  forms: Set<string>;
}

interface Resolved {
  entity: Entity;
  via: Speaker['via'];
  /** Who says it with the speaker ("Mr. Tanaka and Mr. Olsen said"): the sentence is theirs too. */
  joint?: Entity[];
  /** Opened a transcript line: the paragraph's later sentences are the same speaker's. */
  transcript?: boolean;
}

/** What the reader has been told so far, read in article order. */
interface Discourse {
  entities: Entity[];
  /** Named entities in subject positions and every speaker, most recent last. */
  salient: Entity[];
  /** Every outlet or organisation named, most recent last. */
  named: Entity[];
  speakers: Entity[];
  /** The last who spoke together ("Mr. A and Mr. B said"), whom "the two said" means. */
  group: { entity: Entity; joint: Entity[] } | null;
}

export interface SpeakerResult {
  sentences: Sentence[];
  parties: Party[];
}

/**
 * Gives every sentence the party whose words or reporting it carries, or null for the
 * article's own narration, and lists those parties with their sentences.
 */
export function attributeSpeakers(text: string, sentences: readonly Sentence[], paragraphs: readonly Span[]): SpeakerResult {
  const quotations = paragraphs.flatMap((paragraph) => findQuotations(text, paragraph));
  const masked = maskQuotations(text, quotations);
  const discourse: Discourse = { entities: [], salient: [], named: [], speakers: [], group: null };

  const resolved = sentences.map((sentence) => {
    const knownNames = new Set(discourse.entities.flatMap((entity) => entity.name.split(' ')));
    const mentions = findMentions(masked, sentence, knownNames);
    const attribution = findAttribution(masked, sentence, mentions);
    const before = attribution?.type === 'pronoun' ? mentions.filter((mention) => mention.end <= attribution.at) : [];
    before.forEach((mention) => remember(discourse, mention));
    const speaker = attribution ? resolve(discourse, attribution) : null;
    mentions.filter((mention) => !before.includes(mention)).forEach((mention) => remember(discourse, mention));
    if (speaker) {
      discourse.speakers.push(speaker.entity);
      discourse.salient.push(speaker.entity);
    }
    return speaker;
  });

  shareSpeakersWithinQuotations(sentences, quotations, resolved);
  continueUnattributedQuotes(text, sentences, quotations, resolved);
  continueTranscriptLines(sentences, resolved);
  return collectParties(sentences, resolved);
}

function remember(discourse: Discourse, mention: Mention): Entity {
  const entity = findEntity(discourse, mention) ?? addEntity(discourse, mention);
  if (mention.name.split(' ').length > entity.name.split(' ').length && entity.kind !== 'outlet') {
    entity.forms.add(entity.name);
    entity.name = mention.name;
  }
  entity.forms.add(mention.surface);
  entity.forms.add(mention.name);
  if (entity.kind === 'unknown') entity.kind = mention.kind;
  entity.gender ??= mention.gender;
  if (!mention.possessive && !mention.afterPreposition && entity.kind !== 'organization') discourse.salient.push(entity);
  if (entity.kind === 'outlet' || entity.kind === 'organization') discourse.named.push(entity);
  return entity;
}

/** "Hegseth" is the "Pete Hegseth" named before; "Pete Hegseth" is the "Hegseth" named before. */
function findEntity(discourse: Discourse, mention: Mention): Entity | undefined {
  const words = mention.name.split(' ');
  const compatible = (entity: Entity) => entity.kind === 'unknown' || mention.kind === 'unknown' || entity.kind === mention.kind;
  const candidates = [...discourse.entities].reverse().filter(compatible);
  return (
    candidates.find((entity) => entity.name === mention.name || entity.forms.has(mention.name)) ??
    candidates.find((entity) => {
      const entityWords = entity.name.split(' ');
      const shorter = words.length < entityWords.length ? words : entityWords;
      const longer = shorter === words ? entityWords : words;
      return shorter.length === 1 && entity.kind !== 'outlet' && longer.at(-1) === shorter[0];
    }) ??
    // "Nguyen Thi Lan …, Nguyen said", "Kobayashi Tetsuya …, Kobayashi said": a family name written first
    // (a name of three words, or one whose first word no dictionary gives as a first name).
    candidates.find((entity) => {
      const entityWords = entity.name.split(' ');
      const familyFirst = entityWords.length >= 3 || !isFirstName(words[0] ?? '');
      return words.length === 1 && entityWords.length >= 2 && entity.kind !== 'outlet' && entityWords[0] === words[0] && familyFirst;
    })
  );
}

function addEntity(discourse: Discourse, mention: Mention): Entity {
  const entity: Entity = { name: mention.name, kind: mention.kind, gender: mention.gender, forms: new Set() };
  discourse.entities.push(entity);
  return entity;
}

function resolve(discourse: Discourse, attribution: Attribution): Resolved | null {
  switch (attribution.type) {
    case 'mention': {
      const entity = remember(discourse, attribution.mention);
      if (entity.kind === 'unknown') entity.kind = attribution.reported ? 'outlet' : 'person';
      if (entity.kind === 'outlet') discourse.named.push(entity);
      const joint = (attribution.joint ?? []).map((mention) => {
        const other = remember(discourse, mention);
        if (other.kind === 'unknown') other.kind = 'person';
        return other;
      });
      if (joint.length > 0) discourse.group = { entity, joint };
      return { entity, via: 'named', ...(joint.length > 0 ? { joint } : {}), ...(attribution.transcript ? { transcript: true } : {}) };
    }
    case 'group':
      return discourse.group ? { entity: discourse.group.entity, via: 'pronoun', joint: discourse.group.joint } : null;
    case 'pronoun': {
      const people = discourse.salient.filter((entity) => entity.kind === 'person').reverse();
      // "Ray Deiner farms 300 acres. “…,” he says": with no man among the people named, "he" is the
      // name the dictionary could not place rather than the last woman named.
      const unplaced = () => [...discourse.salient].reverse().find((entity) => entity.kind === 'unknown' && mayNameAPerson(entity.name));
      const entity = people.find((person) => person.gender === null || person.gender === attribution.gender) ?? unplaced() ?? people[0];
      if (!entity) return null;
      entity.gender ??= attribution.gender;
      if (entity.kind === 'unknown') entity.kind = 'person';
      return { entity, via: 'pronoun' };
    }
    case 'role': {
      const pool = attribution.kind === 'person' ? discourse.speakers : discourse.named;
      const entity = [...pool].reverse().find((candidate) => candidate.kind === attribution.kind);
      return entity ? { entity, via: 'role' } : null;
    }
  }
}

function overlaps(left: Span, right: Span): boolean {
  return left.start < right.end && right.start < left.end;
}

/** A quotation running over several sentences belongs to whoever its attribution names. */
function shareSpeakersWithinQuotations(sentences: readonly Sentence[], quotations: readonly Span[], resolved: (Resolved | null)[]): void {
  for (const quotation of quotations) {
    const inside = sentences.flatMap((sentence, index) => (overlaps(sentence, quotation) ? [index] : []));
    const attributed = inside.find((index) => resolved[index]);
    const speaker = attributed === undefined ? null : resolved[attributed];
    if (!speaker) continue;
    for (const index of inside) resolved[index] ??= speaker;
  }
}

/** An unattributed quote right after a speaker's sentence in the same paragraph is still theirs. */
function continueUnattributedQuotes(
  text: string,
  sentences: readonly Sentence[],
  quotations: readonly Span[],
  resolved: (Resolved | null)[],
): void {
  sentences.forEach((sentence, index) => {
    const previous = sentences[index - 1];
    const previousSpeaker = resolved[index - 1];
    if (resolved[index] || !previous || !previousSpeaker || previous.paragraph !== sentence.paragraph) return;
    const opensWithQuote = quotations.some((quotation) => quotation.start === sentence.start);
    if (opensWithQuote || isMostlyQuoted(text, sentence, quotations)) {
      resolved[index] = { entity: previousSpeaker.entity, via: 'continuation' };
    }
  });
}

/** "HOLLAND: We will not back down. The contract is ours.": a transcript speaker keeps the floor to the paragraph's end. */
function continueTranscriptLines(sentences: readonly Sentence[], resolved: (Resolved | null)[]): void {
  sentences.forEach((sentence, index) => {
    const previous = sentences[index - 1];
    const previousSpeaker = resolved[index - 1];
    if (resolved[index] || !previous || !previousSpeaker?.transcript || previous.paragraph !== sentence.paragraph) return;
    resolved[index] = { entity: previousSpeaker.entity, via: 'continuation', transcript: true };
  });
}

function isMostlyQuoted(text: string, sentence: Span, quotations: readonly Span[]): boolean {
  const quoted = quotations.reduce(
    (total, quotation) => total + Math.max(0, Math.min(quotation.end, sentence.end) - Math.max(quotation.start, sentence.start)),
    0,
  );
  return quoted * 2 > text.slice(sentence.start, sentence.end).length;
}

function collectParties(sentences: readonly Sentence[], resolved: readonly (Resolved | null)[]): SpeakerResult {
  const parties = new Map<Entity, Party>();
  const withSpeakers = sentences.map((sentence, index) => {
    const found = resolved[index];
    if (!found) return { ...sentence, speaker: null };
    const { entity, via } = found;
    for (const speaker of [entity, ...(found.joint ?? [])]) {
      const party = parties.get(speaker) ?? { name: speaker.name, kind: speaker.kind, aliases: aliasesOf(speaker), sentenceIds: [] };
      if (!party.sentenceIds.includes(sentence.id)) party.sentenceIds.push(sentence.id);
      parties.set(speaker, party);
    }
    return { ...sentence, speaker: { name: entity.name, kind: entity.kind, via } };
  });
  return { sentences: withSpeakers, parties: [...parties.values()] };
}

function aliasesOf(entity: Entity): string[] {
  return [...entity.forms].filter((form) => form !== entity.name).sort((left, right) => left.length - right.length);
}
