/**
 * Lines that survive Readability but are not the article: ad labels, "Read more: …" teasers,
 * newsletter and share prompts, photo credits, update stamps. General patterns of how news pages
 * label such boxes, never one site's markup; each applies only to a short line, so an article
 * sentence that merely mentions a newsletter or a photo is kept.
 */

/** Whole-line labels. */
const labelLines = [
  /^(?:advertisement|advertising|advert|ad|sponsored(?: content)?|paid content|promoted|story continues(?: below)?(?: (?:this )?(?:ad|advertisement))?|article continues (?:below|after) (?:this )?(?:ad(?:vertisement)?)|continue reading(?: (?:the )?(?:main )?(?:story|article))?(?: below)?|scroll (?:down )?to continue(?: reading)?|skip (?:to|past) (?:content|main content|advertisement|ad))[.:…]?$/iu,
  /^[\d,.]+k?\s+(?:reads?|views?|comments?|shares?|likes?|replies)$/iu,
  // An agency's end mark and the reporter's address above it: "sykim@agency.example (END)".
  /^(?:\S+@\S+\.\w{2,}\s*)?\(?(?:end|ends|fin|finis)\)?$|^\S+@\S+\.\w{2,}$/iu,
  // "($1 = 10.6250 Norwegian crowns)": the wire's exchange-rate note.
  /^\(\s*(?:US)?[$€£¥₹]?\s*1\s*=\s*[^()]+\)$/iu,
  /^(?:share(?: this(?: article| story| post| page)?)?(?: (?:on|via) \w+(?: or \w+)?)?|tweet|email|print|copy link|link copied|comments?|show comments|leave a comment|\d+ comments?|view comments|listen(?: to (?:this )?(?:article|story))?|\d+ min(?:ute)?s? (?:read|listen)|enlarge this image|(?:toggle|hide|show|view) caption|expand (?:this )?image|(?:open|view) (?:the )?gallery|\d+ (?:photos|images))[.:…]?$/iu,
];

/** A short line that starts like a teaser, a prompt or a credit. */
const promptStarts = [
  /^(?:lire aussi|à lire aussi|voir aussi|lee también|lea también|ver también|leia também|veja também|lesen sie auch|mehr zum thema|leggi anche|zie ook|lees ook)\s*[:|»›>–—]?/iu,
  /^(?:read|see|watch|listen|also read|read also|related|more|more from|more on|recommended|trending|top stories|popular|editor['’]s picks|you may also like|you might also like|don['’]t miss|most read|latest|in (?:other|related) news)(?: (?:more|also|next|this|now|the full story|the latest))?\s*[:|»›>–—]/iu,
  /^\(?(?:(?:header|top|main|lead|featured|feature|cover|banner|hero)\s+)?(?:photo|photos|image|images|picture|video|graphic|illustration|credit|photograph|file photo|caption|foto|imagen)(?:\s+(?:credit|by))?\s*[:/]/iu,
  // "— Photo by Fahim Siddiqi/White Star", "Image courtesy of the district": a credit with no colon.
  /^[—–-]?\s*(?:photo|photos|image|images|picture|photograph|video)\s+(?:by|courtesy(?:\s+of)?)\s+(?:the\s+)?\p{Lu}[^.!?]{0,60}$/iu,
  /^(?:sign up|subscribe|follow (?:us|@)|like us|don['’]t miss out|never miss|want more)\b/iu,
  /^(?:click|tap) here\b/iu,
  // The newsroom's closing credits: "Information from The Allied Press was used in this report.",
  // "Contributing: Priya Nand", the wire's "Reporting by A in Singapore; Editing by B", and "Associated
  // Press writer A in Boston contributed to this report." (four blind readers of four pages left it out).
  /^[—–-]?\s*(?:\S+\s+){1,16}?contributed(?:\s+reporting)?\s+to\s+this\s+(?:report|story|article)\.?$/iu,
  /^[—–]\s*(?:\S+\s+){1,6}?contributed\.?$/iu,
  /^information from [^.!?]{2,80} (?:was|were) used in this (?:report|story|article)\.?$/iu,
  /^contributing(?: writers?| reporters?)?\s*:\s*\p{Lu}/iu,
  /^(?:additional )?(?:reporting|writing) by [^.!?]*;\s*(?:[^;]*;\s*)?(?:editing|edited|writing|graphics) by\b/iu,
  // "This article is part of POLITICO's Morning Tech coverage": the series note.
  /^this (?:article|story|piece|report) is part of\b/iu,
  // "Stocks In This Article:": the ticker box's label.
  /^(?:stocks?|tickers?|companies|quotes|related (?:quotes|tickers|stocks)) (?:in|mentioned in|from) this (?:article|story)\s*:?$/iu,
  // "Copy/paste the article video embed link below:": the player's sharing tool.
  /^copy(?:\s*\/\s*paste)? (?:the )?(?:[\p{L}-]+ ){0,3}(?:embed|link|code)\b[^.!?]*:?$/iu,
  // "Related video above: Firefighters describe …", "Related coverage: …": a pointer to the page's other boxes.
  /^(?:related|watch|more|see) (?:[\p{L}-]+\s){0,2}(?:above|below)\s*:|^related (?:video|videos|coverage|content|stories|story|links?|reading)\s*:/iu,
  // "We want to hear from you" / "Are you a student? Tell us how …": the outlet asking readers for their stories.
  /^we(?:['’]d| would)? (?:want|like|love) to hear from you\b/iu,
  /\b(?:are|do|have|did|were) you\b[^.!?]*\?\s*(?:tell us|share (?:your|it)|let us know|contact us|email us|write to us)\b/iu,
  // "Why you can trust Skyline News": the outlet's badge about its own standards.
  /^[Ww]hy you can trust (?:\p{Lu}|us\b|our\b)/u,
  // "Please use Chrome browser for a more accessible video player": the player's notice.
  /^please use [^.!?]*\bbrowser\b/iu,
  // "NEW You can now listen to FNX News articles!", "Listen to this article · 8:14 min": the audio player's prompt.
  /^(?:new\s*)?you can now listen to\b|^listen to (?:this|the) (?:article|story)\b/iu,
  // "Follow AP's coverage of the environment at https://…": the outlet pointing to its own pages.
  /^(?:follow|find|get|read|see|watch) (?:more (?:of )?)?[^.!?]*\b(?:coverage|stories|reporting|updates)\b[^.!?]*(?:https?:\/\/\S+|\bat \S+\.\w{2,}\/\S*)\s*\.?$/iu,
  // A chart's or table's credit: "Source: London Metal Exchange".
  /^(?:source|sources|data|fuente|fuentes|quelle|chart|graphic)\s*:\s*[^.!?]*$/iu,
  // "For a reprint of this article, please contact reprints@…": the rights desk, not the story.
  /^(?:for|to (?:order|request|buy)) (?:a )?(?:reprints?|permissions?|licensing)\b.*(?:\S@\S|\b(?:this|our) (?:article|story|content|photo|image)s?\b)/iu,
  // "To contact the reporters on this story: …": the wire's contact lines.
  /^to (?:contact|reach) (?:the )?(?:reporters?|editors?|writers?|authors?)\b/iu,
  // "Have a question for the mailbag? Send it to …", "Got a news tip?": the outlet asking readers to write in.
  /^(?:have|got|do you have) (?:a |an |any )?(?:question|tip|news tip|story idea|story|comment)s?\b.*(?:\S@\S|\b(?:send|email|e-mail|write|contact|tell)\b)/iu,
  // The sportsbook's box beside a game story: "Odds provided by …", "Gambling problem? Call 1-800-GAMBLER."
  /\bgambling problem\b|\b1-800-gambler\b|\bodds (?:provided|courtesy|powered|supplied) by\b|^(?:21|18)\+\.?$|^terms apply\.?$/iu,
  // A photo's credit in parentheses after its caption: "… southwest China, Nov. 29. (Jinghua/Wang Quanchao)".
  /^\((?:photo:?\s*|file photo:?\s*)?[\p{L}.'’ -]{2,40}\/[\p{L}.'’ -]{2,40}\)$/iu,
  /^(?:most (?:read|popular|viewed|shared|emailed)|trending(?: now)?|top stories|latest news|more (?:news|stories))(?: (?:from|on|in|at) [^.!?]*)?$/iu,
  /^(?:advertisement|advertising|sponsored(?: content)?)\s*[·•|:–—-]/iu,
  /^our (?:standards|editorial (?:standards|guidelines|policy|values)|ethics (?:policy|code)|trust principles)\s*:/iu,
  /^(?:watch|see|listen to) (?:the |our )?(?:video|videos|clip|report|livestream|live stream|audio|podcast)\b.*\b(?:above|below)\b/iu,
  /^for (?:the )?(?:latest|more|all the latest)\b.*\b(?:news|updates|coverage|stories|video|weather)\b/iu,
  // "Get Current Updates on India News, … along with Latest News and Top Headlines": the site's line for search engines.
  /^(?:get|catch|read|stay up to date with) (?:all )?(?:the )?(?:current|latest|breaking|live) (?:news|updates|headlines)\b.*\b(?:news|updates|headlines)\b/iu,
  /^(?:this (?:story|article|content) (?:is|was) (?:available|only available|for subscribers)|already a subscriber|to continue reading|subscribe to (?:continue|read))/iu,
];

/** Words that mark a line as a newsletter / cookie / share / social box wherever they appear. */
const boxWords = [
  /\bnewsletters?\b.*\b(?:sign up|subscribe|inbox|delivered)\b|\b(?:sign up|subscribe)\b.*\bnewsletters?\b/iu,
  /\bcookies?\b.*\b(?:accept|agree|consent|privacy|settings|preferences|we use)\b|\b(?:we use|agree to|accept(?: all)?) cookies\b/iu,
  /^(?:contact|reach|email|e-mail|write to|send tips to)\b.*(?:\S@\S|\bat \S+\.\w{2,})/iu,
  // "Marisa Lopez can be reached at mlopez@… or 555-0188.": the reporter's contact line.
  // (The subject is the reporter, by name or as "the writer": "The hotline can be reached at 555-0100" is news.)
  /^(?:(?:\p{Lu}[\p{L}.'’-]*\s){1,3}|(?:he|she|they|the (?:author|writer|reporter|columnist))\s)(?:can|may) be reached\b.*(?:\S@\S|\b\d{3}[-. ]\d{4}\b|\bon (?:twitter|x|bluesky|signal|threads)\b)/u,
  /\b(?:reach|contact|email|e-mail|write to) (?:him|her|them|me|us|the (?:author|writer|reporter))\b.*(?:\S@\S|\bat \S+\.\w{2,}|\bon (?:twitter|x|bluesky|signal|threads)\b)/iu,
  // "Get the Nightly Beast's biggest scoops … delivered right to your inbox. Sign up now.": a newsletter's pitch.
  /\bdelivered (?:right |straight |directly )?to your inbox\b/iu,
  /\bsubscribe (?:now|today|here)\b|\bunlimited (?:digital )?access\b|\bthanks for reading\b|\bsupport (?:local|our|independent|quality) journalism\b/iu,
  // A newsletter's sign-off and its referral programme: "Hit reply and tell me …", "You have referred 0 readers".
  /^(?:hit|just) reply\b|\b(?:that['’]s (?:it|all)|see you|until next)\b.*\b(?:hit reply|just reply|reply to this (?:email|newsletter|post))\b|\b(?:forward|share) (?:this|it) (?:email |newsletter )?(?:with|to) (?:a )?(?:friend|neighbou?r|colleague)s?\b|\b(?:referral link|referred \d+|earn rewards)\b|^enjoying (?:this|the|\p{Lu})/iu,
  // "Follow Skyline News on WhatsApp", "… by following Skyline News": the outlet's channel on a messaging app.
  /^(?:follow|join) (?:(?:[Tt]he )?\p{Lu}[\p{L}\d&.'’-]*\s){1,4}on (?:whatsapp|telegram|signal|instagram|tiktok|youtube|facebook|x|threads|bluesky)\b|\bkeep up with (?:all )?the latest\b.*\bby following\b/iu,
  /\bjoin (?:us|our (?:[\p{L}\d'’-]+ ){0,3}(?:community|group|channel)) on (?:whatsapp|telegram|facebook|discord|signal)\b|\bjoin our (?:[\p{L}\d'’-]+ ){0,3}(?:whatsapp|telegram|facebook|discord|signal) (?:community|group|channel)\b/iu,
  /\b(?:follow|find) (?:us|him|her|them|me) on (?:twitter|x|facebook|instagram|linkedin|bluesky|threads|tiktok|mastodon|youtube|social media)\b|\bshare (?:this|on) (?:facebook|twitter|x|linkedin|whatsapp)\b/iu,
  /\b(?:getty(?: images)?|shutterstock|associated press|ap photo|afp|reuters|epa|file photo)\s*\)?$/iu,
  /^(?:\S+\s+){0,6}\d+[- ]?min(?:ute)?s?\s+(?:read|listen)\b/iu,
  /^(?:reading time|temps de lecture|tiempo de lectura|tempo de leitura|lesezeit|tempo di lettura|leestijd)\b.*\d/iu,
  // "Download the KTVX News 9 app": the outlet's own app, named in capitals.
  /\b(?:[Dd]ownload|[Gg]et|[Ii]nstall) (?:the|our) (?:free )?(?:[\p{Lu}\d][\p{L}\d.&'’-]* ){0,4}(?:news |weather )?apps?\b/u,
  /\b(?:breaking news|news|push) (?:alerts|notifications)\b.*\b(?:your (?:phone|inbox|device)|sign up|download)\b/iu,
  /\b(?:guest )?(?:columns?|commentar(?:y|ies)|opinion pieces?|op-eds?|letters?|this (?:column|piece|essay)) (?:reflects?|represents?|are|is) (?:solely )?(?:the )?(?:views?|opinions?) of (?:the |their |its )?(?:authors?|writers?)\b/iu,
  /\b(?:views|opinions) expressed\b.*\b(?:own|not necessarily|do not reflect)\b/iu,
  // "If you buy something from a Vergence link, Vox Mediaverse may earn a commission.": the shopping links' disclosure.
  /\b(?:links?|buy|purchase)\b.*\b(?:may|might|could) (?:earn|receive|get|collect) (?:a )?(?:small )?(?:commission|share of (?:the )?(?:sale|revenue))\b|\b(?:through|via|from) (?:our|the|these|a|an) (?:\S+ )?(?:affiliate )?links?\b.*\b(?:commission|compensat)/iu,
  /^see our (?:ethics|editorial|affiliate|commerce) (?:statement|policy|guidelines|standards)\.?$/iu,
  /^(?:©|\(c\)\s)|^copyright\s+(?:©|\(c\)|\d{4})|\ball rights reserved\b/iu,
];

/**
 * "(This article was written by Kenji Mori and Yumi Saito.)", "(Reporting by Ana Ruiz; editing by
 * Tom Lee)": the closing credit, set apart in parentheses, and so the wire's note of what changed,
 * "(Updates with analyst comment in fourth paragraph.)". A credit woven into a sentence ("Kevin
 * Tran contributed from Alder Springs.") is the story's own line and stays.
 */
const creditNote = /^\((?:this (?:story|article|report) (?:was )?(?:originally|first) (?:published|appeared)|this (?:article|story|report) (?:was|is|has been) (?:written|reported|compiled|produced|translated|edited)|(?:additional )?reporting by|written by|compiled by|translated by|edited by|with (?:inputs|files|input|reporting) from|inputs from|con (?:información|informacion|datos|reportes) de|avec (?:l['’])?\p{Lu}|mit (?:material|informationen) von|com (?:informações|agências)|updates?|adds?|recasts?|corrects?|rewrites?|changes?|removes?|clarifies|fixes) *\b[^()]*\)$/iu;

/**
 * "— With files from Marie Gagnon in Montreal", "— With assistance from Mark Chen.", "With inputs from PTI": the wire's closing credit,
 * a line of its own after a dash or alone.
 */
const wireCredit = /^(?:[—–-]+\s*)?[Ww]ith (?:files|inputs|input|assistance|additional reporting|reporting) (?:from|by)\s+\p{Lu}[^!?]*$/u;
const maxWireCreditWords = 14;

/**
 * "This report by The Canadian Press was first published Nov. 28, 2026.": the agency's note of when
 * its copy first ran. What follows "published" is only a date or an outlet, never news.
 */
const firstPublished = /^this (?:story|article|report|piece)(?: by (?:the )?\p{Lu}[\p{L}&.'’ -]{0,60})? was (?:first|originally) (?:published|posted)(?: (?:on|in|by))?\s+(.+?)\.?$/iu;

function isFirstPublishedNote(line: string): boolean {
  const rest = firstPublished.exec(line)?.[1];
  if (rest === undefined) return false;
  // "in The Conversation on Nov. 3, 2026": the outlet's capitalised name, then perhaps the date.
  const afterOutlet = rest.replace(/^(?:[Tt]he\s)?(?:\p{Lu}[\p{L}&.'’-]*\s?){1,6},?\s*(?:on\s+)?/u, '');
  return isDateText(rest) || afterOutlet === '' || isDateText(afterOutlet);
}

/**
 * "Reference: “Rapid recovery of …” by H. Whaanga et al., 28 November 2026, Nature Climate Change.
 * DOI: 10.1038/…": a citation of the paper, set under a science story. A DOI marks it wherever the
 * label is missing.
 */
const citationLabel = /^(?:references?|journal references?|citations?|original (?:paper|study|research))\s*:\s*\S/iu;
const doi = /\bdoi(?:\.org\/|:?\s*)10\.\d{4,9}\//iu;
const maxCitationWords = 80;

/**
 * "This story was originally published by Bay Current and is republished under a Creative Commons
 * license.": the republishing note nonprofit newsrooms put under a shared story.
 */
const republishedNote = /^(?:this (?:story|article|report|piece) (?:was )?(?:originally |first )?(?:published|appeared|produced)\b.*\b(?:republished|reprinted|shared|permission|creative commons|partnership)\b|(?:this (?:story|article|piece) is )?republished (?:here )?(?:from \S.{0,60}? )?(?:with permission|under a creative commons))/iu;

/**
 * "We have a small favour to ask … Will you support us today?": the outlet asking the reader for
 * money or a sign-up, in the first or second person. A quotation is someone's words, not the outlet's ask.
 */
const appeal = /\b(?:support us|support (?:our|independent|local|quality|nonprofit|public[- ]service) (?:journalism|reporting|newsroom|work)|(?:make|give) a (?:donation|contribution|(?:tax-deductible )?gift)|donate (?:now|today)|become a (?:member|supporter|subscriber|patron)|a small favou?r to ask|chip in|(?:can|will|would) you (?:help us|support us|consider|join us|chip in|give)|keep (?:it|this|our (?:journalism|reporting)|us) (?:free|independent) for (?:everyone|all)|reader[- ]supported|funded by (?:readers|members|people like you)|readers like you)\b/iu;
const maxAppealWords = 70;

/** Notices that open a paragraph of any length: the print-edition line and the reprint links after it. */
const noticeStarts = /^(?:a version of )?this (?:article|story|report|piece|essay) (?:also )?(?:appears|appeared|was published|ran) in (?:the )?(?:[\p{L}\d,]+ ){0,4}(?:print|magazine|issue|edition)\b|^appeared in the (?:[\p{L}\d,]+ ){0,5}(?:print|magazine) (?:edition|issue)\b|^published in the (?:print|magazine) (?:edition|issue)\b/iu;
/**
 * "This article originally appeared on Ashford Courier-Journal: Headline", "This story was originally
 * featured on Fortune.com", "Read the original article
 * on The Rotunda.": a chain's or an aggregator's note of where the story was first published.
 */
const syndicationNote = /^(?:this (?:article|story|report|post) (?:was )?(?:originally|first) (?:appeared|featured) (?:on|in|at)\s+\S|read (?:the )?(?:original|full) (?:article|story|post)(?: (?:on|at)\s+\S|\.?$)|read more (?:at|on|from) (?:[Tt]he )?[A-Z][^.!?]{0,50}\.?$)/iu;
const maxSyndicationNoteWords = 40;

/** "This story has been updated with comments from …": the editors' note on the story's versions. */
const updateNote = /^this (?:story|article|report|post|piece) (?:has been|was|is being) updated\b/iu;
const maxUpdateNoteWords = 30;

/** "Order Reprints | Today's Paper | Subscribe": three or more short links in a row are a menu. */
const linkMenu = /^(?:[^|·•]{1,30}\s[|·•]\s){2,}[^|·•]{1,30}$/u;

/** "Share or comment on this article:": the share bar's label. */
const shareLabel = /^(?:share|comment)(?: or (?:share|comment))?(?: on)? this (?:article|story|post|page)\s*:?$/iu;

const socialNames = /^(?:(?:facebook|twitter|x|linkedin|whatsapp|reddit|email|e-mail|pinterest|telegram|flipboard|print|copy(?: link)?|share)\s*[|,·•/]?\s*){2,}$/iu;

/** Lines of this many words or fewer are short enough to be a label, prompt or credit. */
const shortLineWords = 25;
const republishedWords = 45;
const labelWords = 3;

/**
 * `label: false` for a subheading, which is short and unpunctuated by nature: only the prompts,
 * boxes and stamps are boilerplate there, not the shortness.
 */
export function isBoilerplate(line: string, { label = true }: { label?: boolean } = {}): boolean {
  const words = line.split(/\s+/u).length;
  if (labelLines.some((pattern) => pattern.test(line)) || socialNames.test(line) || shareLabel.test(line) || linkMenu.test(line) || noticeStarts.test(line) || creditNote.test(line)) return true;
  if (words <= maxWireCreditWords && wireCredit.test(line)) return true;
  // "Update 12/1/26, 3:05 p.m. ET: This article was updated with comment from …": the note under its stamp.
  if (words <= maxUpdateNoteWords && updateNote.test(line.replace(/^(?:update|updated|correction)\b.{0,40}?:\s+(?=\p{Lu})/iu, ''))) return true;
  if (words <= maxSyndicationNoteWords && syndicationNote.test(line)) return true;
  if (words <= republishedWords && isFirstPublishedNote(line)) return true;
  if (words <= maxCitationWords && (doi.test(line) || citationLabel.test(line))) return true;
  if (words <= republishedWords && republishedNote.test(line)) return true;
  if (words <= maxAppealWords && appeal.test(line) && /\b(?:you|your|we|us|our)\b/iu.test(line) && !/["“”«»]/u.test(line)) return true;
  if (words > shortLineWords) return false;
  // "Callum Reid", "Transport correspondent", "Top stories": a name, title or label, not a sentence.
  if (label && words <= labelWords && !/[.!?…"”’)]$/u.test(line)) return true;
  if (isBylineLine(line) || isFigures(line)) return true;
  return promptStarts.some((pattern) => pattern.test(line)) || boxWords.some((pattern) => pattern.test(line)) || isTimestamp(line) || isDateText(line);
}

/** "Related", "More stories from NSPR", "Comments", "Most read": the heading of a box, not of a section of the story. */
const headingLabels = [
  /^(?:related|recommended|popular|trending|latest|top|more|further|editor['’]s|our)(?: \S+){0,2} (?:stories|news|articles|reads?|reading|coverage|videos?|links|picks|posts|podcasts)(?: (?:from|on|in|about|for) .*)?$/iu,
  /^(?:related|comments?|discussion|share(?: this(?: \w+)?)?|tags|topics|filed under|about the authors?|about this (?:story|article)|in this (?:article|story)|(?:table of )?contents|most (?:read|popular|viewed|shared|emailed)|read (?:more|next|this next)|you (?:may|might) also like|what to read next|advertisement|sponsored|newsletters?|sign up|listen|watch|gallery|photos|recommended(?: for you)?|(?:popular|trending) now)$/iu,
  /^[Mm]ore (?:from|by) (?:[Tt]he )?\p{Lu}/u,
  // "Read more MBC tech news", "See more on: California Wildfires": the label over a list of links.
  /^(?:read|see|watch|explore|get) more\b(?: \S+){0,4}$/iu,
];

export function isHeadingLabel(line: string): boolean {
  return headingLabels.some((pattern) => pattern.test(line));
}

/** The words that open a byline, in the languages of the outlets people link: "By", "Por", "Par", "Von". */
const bylineOpeners = /^(?:[Bb][Yy]:?|Por|Par|Von|Door|Av|Af)\s+\p{Lu}/u;
const bylineOpenerWord = /^(?:by|por|par|von|door|av|af):?\s+/iu;
const maxBylineWords = 14;

/**
 * "By Ana Ruiz", "Por Gabriela Ibarra | Reportera", "Ana Ruiz, Staff Writer · Published March 4":
 * a byline box, not a sentence. Given the page's author names, a short unpunctuated line that
 * opens with one of them is a byline whatever its other words.
 */
export function isBylineLine(line: string, names: readonly string[] = []): boolean {
  if (isBylineStrip(line, names)) return true;
  if (line.split(/\s+/u).length > maxBylineWords || /[.!?…"”’]$/u.test(line)) return false;
  if (bylineOpeners.test(line) || /^(?:posted|submitted|written|words|story|reporting|text|edited|produced|compiled|translated|fact-checked) by\b/iu.test(line)) return true;
  // "KENJI TANAKA, Nikko staff writer" for Kenji Tanaka: the name as the box sets it, in capitals or not.
  const rest = line.replace(bylineOpenerWord, '').toLowerCase();
  const lowerNames = names.map((name) => name.toLowerCase());
  // "Hannah Reid Political reporter @hannahreid": the name, then the job the byline box gives it.
  if (lowerNames.some((name) => rest.startsWith(`${name} `) && /^(?:[\p{L}-]+\s+){0,3}(?:reporter|correspondent|editor|writer|columnist|producer|journalist|contributor)\b/iu.test(rest.slice(name.length + 1)))) return true;
  return lowerNames.some((name) => rest === name || (rest.startsWith(name) && /^\s*(?:[|,·•/–—-]|and\b|y\b|et\b|und\b)/u.test(rest.slice(name.length))));
}

/**
 * "From CNX's Luis Ortega": a live post's byline, the outlet's reporter. Only with the page's own
 * name, since "From Obama's White House" is a subheading.
 */
export function isOutletReporterLine(line: string, publisher: string): boolean {
  const outlet = publisher.trim().replace(/^the\s+/iu, '');
  const lower = line.toLowerCase();
  if (outlet === '' || !(lower.startsWith(`from ${outlet.toLowerCase()}`) || lower.startsWith(`from the ${outlet.toLowerCase()}`))) return false;
  const rest = line.replace(/^from\s+(?:the\s+)?/iu, '').slice(outlet.length);
  return /^['’]s?\s+\p{Lu}[\p{L}.'’-]*(?:\s\p{Lu}[\p{L}.'’-]*){1,3}$/u.test(rest);
}

/** A byline strip is a line of fields, not a sentence: this many at most. */
const maxBylineStripWords = 40;

/**
 * "By Chris Delgado | cdelgado@… | The Lakeshore Press PUBLISHED: December 1, 2026 at 11:48 p.m. |
 * UPDATED: …": the byline's name, then fields set apart by bars, dates among them.
 */
function isBylineStrip(line: string, names: readonly string[]): boolean {
  if (line.split(/\s+/u).length > maxBylineStripWords || !/\s[|·•]\s/u.test(line)) return false;
  // "Priya Sethi · CNB News · Posted: Dec 01, 2026 5:00 AM AST | Last Updated: 4 hours ago": the name alone opens it too.
  const fields = line.split(/\s+[|·•]\s+/u);
  const rest = (fields[0] ?? '').replace(bylineOpenerWord, '');
  const opens = bylineOpeners.test(line) || /^\p{Lu}/u.test(line);
  return opens && names.some((name) => rest === name) && fields.slice(1).every((field) => !/[.!?]\s+\p{Lu}/u.test(field) && field.split(/\s+/u).length <= 12);
}

const maxCreditWords = 12;
/** "Rafael Ortiz for North Star Public Radio": two or three capitalised names, "for", an outlet. */
const creditShape = /^(?:\p{Lu}[\p{L}.'’-]*\s){2,3}(?:for|para|pour|für)\s(?:the\s)?\p{Lu}[\p{L}&.'’-]*(?:\s\p{Lu}[\p{L}&.'’-]*){0,5}$/u;

/**
 * "Rafael Ortiz for North Star Public Radio", "Andrés Molina / La Voz del Valle": a photo or
 * contributor credit: a few words, no sentence ending, closing on the outlet's name. The bare
 * "NAME for OUTLET" shape is not applied to a subheading, where "New Hope for Main Street" is one.
 */
export function isCreditLine(line: string, publisher = '', { nameForOutlet = true }: { nameForOutlet?: boolean } = {}): boolean {
  if (line.split(/\s+/u).length > maxCreditWords || /[.!?…"”’:]$/u.test(line)) return false;
  const outlet = publisher.trim().toLowerCase();
  if (outlet !== '' && line.length > outlet.length && line.toLowerCase().endsWith(outlet)) {
    const before = line.slice(0, line.length - outlet.length).replace(/\s*\bthe\s*$/iu, '').trimEnd();
    return /(?:[/|,·•(–—-]|\b(?:for|para|pour|für|via))$/iu.test(before);
  }
  return nameForOutlet && creditShape.test(line);
}

const months = [
  'jan(?:uary)?', 'feb(?:ruary)?', 'mar(?:ch)?', 'apr(?:il)?', 'may', 'june?', 'july?', 'aug(?:ust)?', 'sept?(?:ember)?', 'oct(?:ober)?', 'nov(?:ember)?', 'dec(?:ember)?',
  'enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'setiembre', 'octubre', 'noviembre', 'diciembre',
  'janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre',
  'januar', 'jänner', 'februar', 'märz', 'juni', 'juli', 'oktober', 'dezember',
  'gennaio', 'febbraio', 'aprile', 'maggio', 'giugno', 'luglio', 'settembre', 'ottobre', 'dicembre',
  'janeiro', 'fevereiro', 'março', 'maio', 'junho', 'julho', 'setembro', 'outubro', 'novembro', 'dezembro',
];
const weekdays = [
  'mon(?:day)?', 'tue(?:s|sday)?', 'wed(?:nesday)?', 'thu(?:rs|rsday)?', 'fri(?:day)?', 'sat(?:urday)?', 'sun(?:day)?',
  'lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado', 'domingo',
  'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche',
  'montag', 'dienstag', 'mittwoch', 'donnerstag', 'freitag', 'samstag', 'sonntag',
  'lunedì', 'martedì', 'mercoledì', 'giovedì', 'venerdì', 'sabato', 'domenica',
  'segunda(?:-feira)?', 'terça(?:-feira)?', 'quarta(?:-feira)?', 'quinta(?:-feira)?', 'sexta(?:-feira)?',
];
const monthToken = new RegExp(`^(?:${months.join('|')})\\.?$`, 'iu');
const dateTokens = [
  monthToken,
  new RegExp(`^(?:${weekdays.join('|')})\\.?$`, 'iu'),
  /^\d{1,4}(?:[:.h]\d{2})?(?:st|nd|rd|th|er|º|°|\.)?$/iu,
  /^(?:[ap]\.?m\.?|et|ct|mt|pt|utc|gmt|hrs?|h|uhr|horas?|heures?)$/iu,
  // Zone abbreviations as written: EST, CEST, JST, AEDT, HKT.
  /^[A-Z]{1,4}[SD]?T$/u,
  /^(?:of|the|at|on|de|del|à|a|le|el|la|um|am|às|alle|ore|et|y|e|und|and|published|updated|publicado|actualizado|publié|mis|jour|veröffentlicht|aktualisiert|atualizado|pubblicato|aggiornato|stand|am|um|le|às|em|modifié|modificado|geändert|modificato|actualisé)$/iu,
];
const maxDateWords = 10;

/** "26 de noviembre de 2026 - 10:30 a.m.", "Mittwoch, 3. Dezember 2025", "Nov. 30, 2026 5:02 AM ET": nothing but a date. */
export function isDateText(text: string): boolean {
  // "14:30, 3 Dec 2026Updated 15:02": two stamps in spans that the page's style set apart.
  const line = text.replace(/(\d)(\p{Lu})/gu, '$1 $2');
  if (line.split(/\s+/u).length > maxDateWords) return false;
  // "03.12.2025", "2026/11/28", "2026-11-28", "11/24/26": a whole date in one token.
  const numericDates = /\b(?:\d{4}[./-]\d{1,2}[./-]\d{1,2}|\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2}))\b/gu;
  const hasNumericDate = numericDates.test(line);
  const tokens = line.replace(numericDates, '').split(/[\s,|·•/–—-]+/u).map((token) => token.replace(/:$/u, '')).filter(Boolean);
  // "06:20 p.m. AR", "10:15 IST": after a clock, a code in capitals is the zone or the country.
  const clockAt = tokens.findIndex((token) => /^\d{1,2}[:.h]\d{2}$/u.test(token));
  const isDateToken = (token: string, index: number) => dateTokens.some((pattern) => pattern.test(token)) || (clockAt >= 0 && index > clockAt && /^[A-Z]{2,4}$/u.test(token));
  if (hasNumericDate && tokens.every(isDateToken)) return true;
  if (tokens.length === 0 || !tokens.every(isDateToken)) return false;
  const hasYear = tokens.some((token) => /^(?:19|20)\d{2}\.?$/u.test(token));
  const hasMonth = tokens.some((token) => monthToken.test(token));
  const hasDay = tokens.some((token) => /^\d{1,2}(?:st|nd|rd|th|er|º|\.)?$/iu.test(token));
  const hasClock = tokens.some((token) => /^\d{1,2}[:.h]\d{2}$/u.test(token));
  return (hasMonth && (hasYear || hasDay)) || (hasYear && hasClock);
}

/** Below this share of letters among its characters, a short line is figures, not a sentence. */
const minLetterShare = 0.3;
const maxFiguresWords = 6;

/** "-3.16 (-7.02%)", "41.87", "+0.4% | 1,204.6": a quote widget's figures; a sentence is mostly letters. */
function isFigures(line: string): boolean {
  const characters = line.replace(/\s+/gu, '');
  const letterCount = (characters.match(/\p{L}/gu) ?? []).length;
  return line.split(/\s+/u).length <= maxFiguresWords && /\d/u.test(line) && letterCount < minLetterShare * characters.length;
}

/** "Posted: Tuesday, November 24, 2026 11:05 pm", "After Hours: 11/24/26 EST 6:42 PM": a short label, then nothing but a date. */
const labelledStamp = /^(?:\p{L}+\s){0,2}\p{L}+:\s+(.+)$/u;

/** "Updated 3:45 p.m. ET, March 4, 2025", "Published 2 hours ago". */
function isTimestamp(line: string): boolean {
  const stamp = labelledStamp.exec(line)?.[1];
  if (stamp !== undefined && isDateText(stamp)) return true;
  // "Dec. 1, 2026, 6:00 AM EST / Updated Dec. 1, 2026, 9:12 AM EST": the published and updated stamps side by side.
  const stamps = line.split(/\s+[|/·•]\s+/u);
  if (stamps.length > 1 && stamps.every((part) => isDateText(part.replace(/^(?:published|updated|posted|last updated|modified)\s*:?\s*/iu, '')))) return true;
  // "All News 11:02 November 27, 2026": a section's name, then the stamp.
  const words = line.split(/\s+/u);
  if (!/[.!?]$/u.test(line) && words.length <= maxDateWords && [1, 2, 3].some((skip) => /^\p{Lu}/u.test(words[0] ?? '') && isDateText(words.slice(skip).join(' ')) && /\d/u.test(words[skip] ?? ''))) return true;
  // "Pinned 11:58 p.m.": a post's stamp; "11:08 p.m.: Budget passes 7-4" is the post's heading, the stamp before its words.
  const clock = /^(?:pinned|new|updated|breaking)?\s*\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?/iu.exec(line);
  if (clock && line.split(/\s+/u).length <= 6 && !/^\s*[:|–—-]\s*\p{L}\S*\s+\p{L}/u.test(line.slice(clock[0].length))) return true;
  return (
    line.split(/\s+/u).length <= 16 &&
    /^(?:published|updated|last updated|posted|first published|modified)\b/iu.test(line) &&
    /\b\d{1,2}:\d{2}\b|\b\d{1,2}\.\d{2}\s*(?:gmt|bst|utc|cet|cest|ist|[ap]\.?m\.?)(?![\p{L}])|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b|\b\d{4}-\d{2}-\d{2}\b|\bago\b/iu.test(line)
  );
}
