import { francAll } from 'franc-min';

/**
 * Function words that give away a language even in a six-word question, where franc's trigram
 * statistics alone are unreliable ("What did Hegseth say?" scores as Indonesian).
 * Accents are kept: "qué" is Spanish, "que" is shared by several languages.
 */
const functionWords: Readonly<Record<string, readonly string[]>> = {
  eng: ['the', 'what', 'who', 'why', 'how', 'did', 'does', 'is', 'are', 'was', 'were', 'about', 'of', 'and', 'say', 'said', 'with', 'on', 'in', 'to', 'this', 'that', 'they', 'he', 'she'],
  spa: ['qué', 'quién', 'cómo', 'cuál', 'por', 'dijo', 'dice', 'sobre', 'los', 'las', 'el', 'del', 'una', 'es', 'está', 'y', 'con', 'para', 'según', 'ha', 'sus'],
  fra: ['quoi', 'qui', 'que', 'est', 'sont', 'a', 'à', 'dit', 'des', 'les', 'le', 'la', 'du', 'sur', 'une', 'et', 'avec', 'pour', 'pourquoi', 'comment', 'quelle', 'quel', 'il', 'elle'],
  por: ['o', 'que', 'quem', 'disse', 'diz', 'sobre', 'os', 'as', 'do', 'da', 'dos', 'das', 'uma', 'é', 'está', 'e', 'com', 'para', 'por', 'como', 'qual', 'ele', 'ela', 'não'],
  deu: ['was', 'wer', 'wie', 'warum', 'hat', 'sagt', 'gesagt', 'über', 'die', 'der', 'das', 'den', 'dem', 'ein', 'eine', 'ist', 'sind', 'und', 'mit', 'für', 'zu', 'er', 'sie', 'nicht'],
  ita: ['cosa', 'che', 'chi', 'come', 'perché', 'ha', 'detto', 'dice', 'sulle', 'sulla', 'sul', 'gli', 'il', 'lo', 'della', 'delle', 'è', 'sono', 'e', 'con', 'per', 'una', 'non'],
  nld: ['wat', 'wie', 'hoe', 'waarom', 'heeft', 'zei', 'zegt', 'over', 'de', 'het', 'een', 'is', 'zijn', 'en', 'met', 'voor', 'van', 'niet'],
};

/** Punctuation only one of the candidate languages writes. */
const telltaleCharacters: ReadonlyArray<[RegExp, string]> = [
  [/[¿¡ñ]/u, 'spa'],
  [/[ãõ]/u, 'por'],
  [/ß/u, 'deu'],
];

/** Below this many letters a guess is noise ("Hola", "who is Corn"). */
const minimumLetters = 12;
/** franc's runner-up must score below this share of the winner for us to trust the winner. */
const francMargin = 0.9;

/**
 * The asker's language as ISO 639-3 ('spa', 'eng', …), or null when the question is too short or
 * the evidence is mixed. Callers treat null as "answer in the language of the question".
 */
export function detectLanguage(question: string): string | null {
  const letters = question.replace(/[^\p{L}]/gu, '');
  if (letters.length < minimumLetters) return null;

  for (const [pattern, language] of telltaleCharacters) {
    if (pattern.test(question)) return language;
  }

  const byFunctionWords = voteByFunctionWords(question);
  if (byFunctionWords !== null) return byFunctionWords;

  const [best, runnerUp] = francAll(question, { minLength: minimumLetters });
  if (best === undefined || best[0] === 'und') return null;
  if (runnerUp !== undefined && runnerUp[1] >= francMargin) return null;
  return best[0];
}

function voteByFunctionWords(question: string): string | null {
  const words = question.toLowerCase().match(/\p{L}+/gu) ?? [];
  const tally = Object.entries(functionWords)
    .map(([language, list]) => ({ language, hits: words.filter((word) => list.includes(word)).length }))
    .sort((left, right) => right.hits - left.hits);
  const [first, second] = tally;
  if (first === undefined || first.hits < 2) return null;
  if (second !== undefined && second.hits >= first.hits) return null;
  return first.language;
}

/** "Answers are in English", in the asker's language, for the engines that cannot write theirs. */
const englishOnlyNotices: Readonly<Record<string, string>> = {
  spa: 'Las respuestas están en inglés; las citas conservan las palabras del artículo.',
  fra: 'Les réponses sont en anglais ; les citations gardent les mots de l’article.',
  por: 'As respostas estão em inglês; as citações mantêm as palavras do artigo.',
  deu: 'Die Antworten sind auf Englisch; Zitate behalten den Wortlaut des Artikels.',
  ita: 'Le risposte sono in inglese; le citazioni mantengono le parole dell’articolo.',
  nld: 'De antwoorden zijn in het Engels; citaten behouden de woorden van het artikel.',
};

/** The English name of an ISO 639-3 code ("Spanish"), or the code itself if the runtime lacks it. */
export function languageName(language: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(language) ?? language;
  } catch {
    return language;
  }
}

/** A short notice in the asker's language that answers are in English; null for English or unknown. */
export function englishOnlyNotice(language: string | null): string | null {
  if (language === null || language === 'eng') return null;
  return (
    englishOnlyNotices[language] ??
    `Answers are in English (your question appears to be in ${languageName(language)}).`
  );
}
