import { parseText } from '../core/nlp.js';

/**
 * The thing a question asks for: "Which magazine reported …" wants a sentence that names a
 * magazine, "What is the minister's priority?" one that states a priority, however many other
 * words of the question a sentence shares.
 */
export function questionFocus(question: string): string | null {
  const kind = parseText(question).match('(which|what) [#Adjective? #Noun+]', 0).text('normal');
  const possessed = /\bwhat\s+(?:is|are|was|were)\s+(?:the\s+)?[\p{L}.\s-]+?['’]s?\s+([\p{L}-]{3,})/iu.exec(question)?.[1];
  const ofWhat = /\bwhat\s+(?:is|are|was|were)\s+(?:the|a|an)\s+([\p{L}-]{3,})\s+(?:of|for|behind)\b/iu.exec(question)?.[1];
  const focus = (kind || possessed || ofWhat || '').replace(/[^\p{L}\s-]/gu, '').trim().toLowerCase();
  return focus.length >= 3 ? focus : null;
}
