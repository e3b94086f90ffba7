// A deterministic corpus of invented news articles for the scale benchmark: the same seed gives
// the same files byte for byte, so runs on different days measure the same work.

/** A seeded pseudo-random source: `next()` is uniform in [0, 1). */
export interface Random {
  next(): number;
  /** A whole number in [0, below). */
  below(below: number): number;
  pick<T>(items: readonly T[]): T;
}

/** mulberry32: tiny, fast and well mixed enough for picking words; not for cryptography. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
  const below = (limit: number) => Math.floor(next() * limit);
  return {
    next,
    below,
    pick: <T>(items: readonly T[]): T => {
      const item = items[below(items.length)];
      if (item === undefined) throw new Error('Cannot pick from an empty list.');
      return item;
    },
  };
}

const firstNames = ['Amara', 'Bruno', 'Chen', 'Dalia', 'Emeka', 'Farah', 'Gustavo', 'Hana', 'Ivan', 'Jolene', 'Kwame', 'Leila', 'Mateo', 'Nadia', 'Oskar', 'Priya', 'Quentin', 'Rosa', 'Sven', 'Tamar', 'Ulrich', 'Valeria', 'Wen', 'Yusuf', 'Zofia'];
const lastNames = ['Abara', 'Brennan', 'Castillo', 'Dubois', 'Eriksen', 'Fontaine', 'Grabowski', 'Haddad', 'Ishikawa', 'Jovanovic', 'Kowalczyk', 'Lindqvist', 'Moreau', 'Nakamura', 'Okonkwo', 'Petrov', 'Quinlan', 'Rahman', 'Sato', 'Takahashi', 'Underwood', 'Vasquez', 'Whitfield', 'Yilmaz', 'Zimmermann'];
const roles = ['Mayor', 'Senator', 'Minister', 'Councillor', 'Governor', 'Professor', 'Commissioner', 'Director', 'Chief Executive', 'Spokesperson'];
const cities = ['Ashford', 'Brightwater', 'Caldera', 'Dunmore', 'Eastvale', 'Fairhaven', 'Glenrock', 'Highmoor', 'Ironbridge', 'Juniper Bay', 'Kingsport', 'Lakeshore', 'Millbrook', 'Northgate', 'Oakridge', 'Port Selene', 'Queensford', 'Riverton', 'Stonehill', 'Thornbury'];
const outlets = ['Morning Ledger', 'Evening Courier', 'Harbour Gazette', 'Valley Tribune', 'Daily Sentinel', 'Metro Observer', 'Coastal Herald', 'National Dispatch'];
const organisations = ['the transport authority', 'the teachers union', 'the chamber of commerce', 'the water board', 'the health department', 'the housing trust', 'the energy regulator', 'the port authority', 'the farmers cooperative', 'the police federation'];

interface Topic {
  subject: string;
  things: readonly string[];
  actions: readonly string[];
  concerns: readonly string[];
}

const topics: readonly Topic[] = [
  { subject: 'the new tram line', things: ['tram stops', 'rail depots', 'ticket prices', 'overhead cables'], actions: ['extend the route', 'delay construction', 'cut fares', 'add night services'], concerns: ['noise at night', 'traffic diversions', 'cost overruns', 'lost parking'] },
  { subject: 'the school funding plan', things: ['classroom sizes', 'teacher salaries', 'school meals', 'exam results'], actions: ['hire more teachers', 'close two schools', 'raise the budget', 'merge districts'], concerns: ['overcrowded classrooms', 'long commutes for pupils', 'staff shortages', 'falling test scores'] },
  { subject: 'the coastal flood defences', things: ['sea walls', 'tidal barriers', 'drainage pumps', 'sand dunes'], actions: ['raise the sea wall', 'relocate homes', 'restore the wetlands', 'build a barrier'], concerns: ['rising insurance premiums', 'storm surges', 'eroding beaches', 'flooded basements'] },
  { subject: 'the hospital merger', things: ['emergency wards', 'waiting lists', 'nursing rotas', 'ambulance times'], actions: ['merge the two hospitals', 'open a new clinic', 'cut waiting lists', 'recruit nurses'], concerns: ['longer ambulance journeys', 'lost maternity services', 'staff burnout', 'missed appointments'] },
  { subject: 'the wind farm proposal', things: ['turbine heights', 'grid connections', 'bird migration routes', 'energy bills'], actions: ['approve the turbines', 'move the site offshore', 'share the profits locally', 'hold a referendum'], concerns: ['spoiled views', 'harm to seabirds', 'rising bills', 'construction traffic'] },
  { subject: 'the housing development', things: ['affordable flats', 'green spaces', 'rent controls', 'building permits'], actions: ['build four hundred homes', 'protect the park', 'cap rents', 'fast-track permits'], concerns: ['higher rents', 'crowded roads', 'lost farmland', 'strained sewers'] },
  { subject: 'the water price rise', things: ['meter readings', 'leaking pipes', 'reservoir levels', 'household bills'], actions: ['freeze prices', 'repair the mains', 'ban hosepipes', 'build a reservoir'], concerns: ['drought', 'burst pipes', 'unpaid bills', 'polluted rivers'] },
  { subject: 'the police budget', things: ['patrol numbers', 'response times', 'body cameras', 'station closures'], actions: ['hire officers', 'close three stations', 'buy body cameras', 'merge the forces'], concerns: ['slower response times', 'rising burglaries', 'lost community contact', 'overtime costs'] },
  { subject: 'the airport expansion', things: ['runway length', 'flight paths', 'night flights', 'cargo terminals'], actions: ['add a second runway', 'ban night flights', 'expand the cargo terminal', 'limit passenger numbers'], concerns: ['aircraft noise', 'air pollution', 'carbon emissions', 'traffic jams'] },
  { subject: 'the farm subsidy reform', things: ['crop yields', 'fertiliser prices', 'land payments', 'hedgerows'], actions: ['pay farmers for hedgerows', 'cut fertiliser use', 'end land payments', 'support young farmers'], concerns: ['falling incomes', 'food prices', 'river pollution', 'abandoned farms'] },
];

const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const weekdays = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];

interface Person {
  role: string;
  first: string;
  last: string;
}

interface ArticleCast {
  random: Random;
  topic: Topic;
  city: string;
  outlet: string;
  people: Person[];
  organisation: string;
}

const fullName = (person: Person) => `${person.role} ${person.first} ${person.last}`;
const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const number = (random: Random) => 2 + random.below(480);

/** Each template writes one sentence; together they cover reporting, quotes, pronouns and numbers. */
const templates: ReadonlyArray<(cast: ArticleCast) => string> = [
  ({ random, topic, city }) =>
    `Officials in ${city} said on ${random.pick(weekdays)} that ${topic.subject} would cost about ${number(random)} million dollars.`,
  ({ random, topic, people }) => {
    const person = random.pick(people);
    return `${fullName(person)} said the council should ${random.pick(topic.actions)} before the end of ${random.pick(months)}.`;
  },
  ({ random, topic, people }) => {
    const person = random.pick(people);
    return `"We cannot ignore ${random.pick(topic.concerns)} any longer," ${person.last} said.`;
  },
  ({ random, topic, city }) =>
    `He added that ${random.pick(topic.things)} in ${city} had worsened over the past ${2 + random.below(9)} years.`,
  ({ random, topic, outlet }) =>
    `The ${outlet} reported that ${number(random)} residents had signed a petition about ${random.pick(topic.concerns)}.`,
  ({ random, topic, organisation }) =>
    `A spokesperson for ${organisation} warned that plans to ${random.pick(topic.actions)} could face legal challenges.`,
  ({ random, topic, people }) => {
    const person = random.pick(people);
    const since = random.pick(['for months', 'since last spring', 'for two years', 'from the start', 'since the election']);
    const verdict = random.pick(['a mistake we will pay for', 'a betrayal of the voters', 'a victory for common sense', 'rushed and reckless', 'long overdue']);
    return `${person.first} ${person.last}, who has opposed ${topic.subject} ${since}, called the vote "${verdict}."`;
  },
  ({ random, topic, outlet }) =>
    `According to a report the ${outlet} published in ${random.pick(months)}, ${random.pick(topic.things)} and ${random.pick(topic.things)} are linked.`,
  ({ random, topic, city }) =>
    `Residents of ${city} have complained about ${random.pick(topic.concerns)} since the project began.`,
  ({ random, topic, people }) =>
    `"The numbers simply do not add up. Nobody has explained who pays for ${random.pick(topic.things)}," ${random.pick(people).first} ${random.pick(people).last} said.`,
  ({ random, topic, organisation }) =>
    `${capitalise(organisation)} has asked for an independent review of ${random.pick(topic.things)}.`,
  ({ random, topic, people }) => {
    const person = random.pick(people);
    return `In a statement, ${person.last} promised to ${random.pick(topic.actions)} if re-elected.`;
  },
  ({ random, topic, city }) =>
    `Critics in ${city} argue that ${topic.subject} ignores ${random.pick(topic.concerns)} and favours developers.`,
  ({ random, city }) =>
    `The next public hearing in ${city} is scheduled for ${random.pick(weekdays)}, ${random.pick(months)} ${1 + random.below(28)}.`,
  ({ random, topic, organisation }) =>
    `Supporters at ${organisation} say the change would ${random.pick(topic.actions)} and create ${number(random)} jobs.`,
];

export interface SyntheticArticle {
  /** File name, also the article id the loader derives (`synthetic-0001.txt`). */
  fileName: string;
  text: string;
  sentenceCount: number;
}

export interface CorpusOptions {
  articles: number;
  sentencesPerArticle?: number;
  seed?: number;
}

/**
 * Articles in the same shape as the shipped one: a headline line, paragraphs one per line, and a
 * trailing copyright line. Sentences come from templates filled with seeded picks, so they vary.
 */
export function generateCorpus({ articles, sentencesPerArticle = 20, seed = 20250 }: CorpusOptions): SyntheticArticle[] {
  const random = createRandom(seed);
  return Array.from({ length: articles }, (_, position) => generateArticle({ random, position, sentencesPerArticle }));
}

function generateArticle({ random, position, sentencesPerArticle }: { random: Random; position: number; sentencesPerArticle: number }): SyntheticArticle {
  const topic = random.pick(topics);
  const cast: ArticleCast = {
    random,
    topic,
    city: random.pick(cities),
    outlet: random.pick(outlets),
    organisation: random.pick(organisations),
    people: Array.from({ length: 3 }, () => ({ role: random.pick(roles), first: random.pick(firstNames), last: random.pick(lastNames) })),
  };
  const sentences = Array.from({ length: sentencesPerArticle }, () => random.pick(templates)(cast));
  const paragraphs: string[] = [];
  for (let offset = 0; offset < sentences.length; ) {
    const length = 2 + random.below(4);
    paragraphs.push(sentences.slice(offset, offset + length).join(' '));
    offset += length;
  }
  const headline = `${capitalise(topic.subject)} divides ${cast.city}`;
  const copyright = `© 2025 ${cast.outlet}. All rights reserved.`;
  const serial = String(position + 1).padStart(4, '0');
  return {
    fileName: `synthetic-${serial}.txt`,
    text: `${headline}\n${paragraphs.join('\n')}\n${copyright}\n`,
    sentenceCount: sentences.length,
  };
}

/** Questions in the style of the dev set, about the corpus' topics, for latency runs. */
export function generateQuestions({ count, seed = 7 }: { count: number; seed?: number }): string[] {
  const random = createRandom(seed);
  const forms: ReadonlyArray<(topic: Topic) => string> = [
    (topic) => `What did officials say about ${topic.subject}?`,
    (topic) => `Who wants to ${random.pick(topic.actions)}?`,
    (topic) => `Why are residents worried about ${random.pick(topic.concerns)}?`,
    (topic) => `How much will ${topic.subject} cost?`,
    (topic) => `What happened to ${random.pick(topic.things)}?`,
  ];
  return Array.from({ length: count }, () => random.pick(forms)(random.pick(topics)));
}
