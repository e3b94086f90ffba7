import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { Article, Party, Sentence } from '../core/types.js';
import type { EngineInput, Intent } from './answer-engine.js';
import { languageName } from './language.js';

/** A retrieved sentence as the model sees it: a short label ("S3") instead of the long sentence id. */
export interface LabelledSentence {
  label: string;
  sentence: Sentence;
  article: Article;
}

/**
 * What the model must reply, enforced through `response_format: json_schema` (strict). Strict mode
 * wants every property required, so an answer with no parties sends `parties: []`.
 *
 * - `found`: whether the sentences answer the question at all.
 * - `answer`: the model's own words, in the asker's language; quotation marks only around words
 *   copied exactly from a cited sentence.
 * - `claims`: each statement the answer makes, with the labels of the sentences that support it.
 *   The product shows those sentences as the quotes, copied from the article by offset.
 * - `parties`: for summaries, one line per party with the labels of its supporting sentences.
 */
export const replySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['found', 'answer', 'claims', 'parties'],
  properties: {
    found: { type: 'boolean' },
    answer: { type: 'string' },
    claims: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['text', 'sentenceIds'],
        properties: {
          text: { type: 'string' },
          sentenceIds: { type: 'array', items: { type: 'string' } },
        },
      },
    },
    parties: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['party', 'summary', 'sentenceIds'],
        properties: {
          party: { type: 'string' },
          summary: { type: 'string' },
          sentenceIds: { type: 'array', items: { type: 'string' } },
        },
      },
    },
  },
} as const;

/** Enough for any party's statements in a long article, few enough to keep the prompt small. */
const maxLabels = 40;

/**
 * Labels the sentences the model may cite, S1..Sn: the retrieved ones in rank order, then, for a
 * summary or quote request, the party's own statements retrieval missed (a quote request about
 * one topic should still see everything the speaker said). Sentences of unloaded articles are skipped.
 */
export function labelSentences({ retrieved, articles, intent }: Pick<EngineInput, 'retrieved' | 'articles' | 'intent'>): LabelledSentence[] {
  const articleById = new Map(articles.map((article) => [article.meta.id, article]));
  const labelled: LabelledSentence[] = [];
  const seen = new Set<string>();
  const add = (sentence: Sentence) => {
    const article = articleById.get(sentence.articleId);
    if (article === undefined || seen.has(sentence.id)) return;
    seen.add(sentence.id);
    labelled.push({ label: `S${labelled.length + 1}`, sentence, article });
  };
  retrieved.forEach(({ sentence }) => add(sentence));

  const partyIds = new Set(partiesOf(intent, articles).flatMap((party) => party.sentenceIds));
  for (const article of articles) {
    for (const sentence of article.sentences) {
      if (labelled.length >= maxLabels) return labelled;
      if (partyIds.has(sentence.id)) add(sentence);
    }
  }
  return labelled;
}

function partiesOf(intent: Intent, articles: readonly Article[]): Party[] {
  switch (intent.kind) {
    case 'question':
      return [];
    case 'quote':
      return [intent.speaker];
    case 'summary':
      return intent.party === null ? articles.flatMap((article) => article.parties) : [intent.party];
  }
}

export interface PromptOptions {
  input: EngineInput;
  labelled: readonly LabelledSentence[];
  /** ISO 639-3 code of the question, or null when unsure. */
  language: string | null;
}

export function buildMessages({ input, labelled, language }: PromptOptions): ChatCompletionMessageParam[] {
  return [
    { role: 'system', content: systemPrompt({ language, maxQuotes: input.maxQuotes }) },
    { role: 'user', content: userPrompt({ input, labelled }) },
  ];
}

function systemPrompt({ language, maxQuotes }: { language: string | null; maxQuotes: number }): string {
  const languageRule =
    language === null
      ? 'Write `answer`, claim texts and party summaries in the same language as the question.'
      : `The question is in ${languageName(language)}: write \`answer\`, claim texts and party summaries in ${languageName(language)}.`;
  return [
    'You answer questions about news articles. Use only the numbered sentences you are given; they are the article’s exact words.',
    'Rules:',
    '1. Every statement must be a claim that cites the labels (S1, S2, …) of the sentences supporting it. Cite only labels from the list.',
    '2. Never put quotation marks around words unless they are copied character for character from a sentence the claim cites. Prefer paraphrase: the reader is shown the exact sentences separately.',
    '3. If the sentences do not answer the question, reply with found=false, no claims, no parties, and say briefly in `answer` that the article does not say.',
    `4. ${languageRule} Never translate or retype the article’s sentences: quotes are shown in the article’s own words.`,
    `5. Cite at most ${maxQuotes} sentences in total, the most relevant first.`,
    'Reply with one JSON object that matches the schema: {"found": boolean, "answer": string, "claims": [{"text": string, "sentenceIds": [label]}], "parties": [{"party": string, "summary": string, "sentenceIds": [label]}]}.',
  ].join('\n');
}

function userPrompt({ input, labelled }: { input: EngineInput; labelled: readonly LabelledSentence[] }): string {
  const severalArticles = input.articles.length > 1;
  const sentenceLines = labelled.map(({ label, sentence, article }) => {
    const details = [
      severalArticles ? `article: ${article.meta.title}` : null,
      `¶${sentence.paragraph}`,
      `speaker: ${sentence.speaker?.name ?? 'none'}`,
    ].filter((detail) => detail !== null);
    return `${label} (${details.join(', ')}): ${sentence.text}`;
  });
  const history =
    input.history.length === 0
      ? []
      : ['Earlier questions in this conversation, oldest first:', ...input.history.map((question) => `- ${question}`), ''];
  return [
    `Task: ${describeIntent(input.intent)}`,
    '',
    ...history,
    `Question: ${input.question}`,
    '',
    'Sentences:',
    ...sentenceLines,
  ].join('\n');
}

function describeIntent(intent: Intent): string {
  switch (intent.kind) {
    case 'question':
      return 'answer the question. Leave `parties` empty.';
    case 'summary':
      if (intent.party !== null) {
        return `summarise the position of ${partyNames(intent.party)}. Give exactly one \`parties\` entry for "${intent.party.name}" with a one-line summary in plain words and the labels of its supporting sentences; \`answer\` is a one- or two-sentence overview, and each of its statements is also a claim.`;
      }
      return 'summarise the position of each party (person or organisation) the sentences report. Give one `parties` entry per party with a one-line summary in plain words and the labels of its supporting sentences; `answer` is a one- or two-sentence overview, and each of its statements is also a claim.';
    case 'quote': {
      const about = intent.about === null ? '' : ` about "${intent.about}"`;
      return `the reader wants the words of ${partyNames(intent.speaker)}${about}. Cite only sentences whose speaker is "${intent.speaker.name}". \`answer\` introduces them in one sentence without quoting them. Leave \`parties\` empty.`;
    }
  }
}

function partyNames(party: { name: string; aliases: readonly string[] }): string {
  const aliases = party.aliases.filter((alias) => alias !== party.name);
  return aliases.length === 0 ? `"${party.name}"` : `"${party.name}" (also called ${aliases.map((alias) => `"${alias}"`).join(', ')})`;
}

/** The follow-up turn after a reply that broke the rules: what was wrong, and to send the whole JSON again. */
export function correctionMessage(problems: readonly string[]): ChatCompletionMessageParam {
  return {
    role: 'user',
    content: [
      'Your reply broke these rules:',
      ...problems.map((problem) => `- ${problem}`),
      'Reply again with the complete JSON object. Cite only labels from the list, give every claim at least one label, and put quotation marks only around words copied exactly from the sentences the claim cites.',
    ].join('\n'),
  };
}
