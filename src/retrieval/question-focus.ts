import nlp from 'compromise';

/**
 * The thing a "which X" / "what X" question asks for: "Which magazine reported …" wants a
 * sentence that names a magazine, however many other words of the question it shares.
 */
export function questionFocus(question: string): string | null {
  const phrase = nlp(question).match('(which|what) [#Adjective? #Noun+]', 0).text('normal');
  const focus = phrase.replace(/[^\p{L}\s-]/gu, '').trim();
  return focus.length >= 3 ? focus : null;
}
