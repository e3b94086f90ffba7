/**
 * Function words that carry no topic. Question words and reporting verbs are included because
 * every question and half the article's sentences contain them ("What did X say?", "he said"),
 * so they would only add noise to the ranking.
 */
export const stopwords: ReadonlySet<string> = new Set(
  [
    'a an the and or but nor so yet if then else than that this these those there here',
    'i me my mine myself we us our ours ourselves you your yours yourself yourselves',
    'he him his himself she her hers herself it its itself they them their theirs themselves',
    'what which who whom whose when where why how whether',
    'am is are was were be been being have has had having do does did doing done',
    'will would shall should can could may might must ought',
    'say says said saying tell tells told telling ask asks asked',
    'of in on at by for with about against between into through during before after above below',
    'to from up down out off over under again further once onto upon via per',
    'all any both each few more most other some such no not only own same too very just also',
    'as until while because although though unless',
    'ca wo sha let lets',
  ]
    .join(' ')
    .split(' '),
);
