/**
 * Lines that survive Readability but are not the article: ad labels, "Read more: …" teasers,
 * newsletter and share prompts, photo credits, update stamps. General patterns of how news pages
 * label such boxes, never one site's markup; each applies only to a short line, so an article
 * sentence that merely mentions a newsletter or a photo is kept.
 */

/** Whole-line labels. */
const labelLines = [
  /^(?:advertisement|advertising|advert|ad|sponsored(?: content)?|paid content|promoted|story continues(?: below)?(?: advertisement)?|article continues (?:below|after) (?:this )?(?:ad(?:vertisement)?)|continue reading(?: (?:the )?(?:main )?(?:story|article))?(?: below)?|scroll (?:down )?to continue(?: reading)?|skip (?:to|past) (?:content|main content|advertisement|ad))[.:…]?$/iu,
  /^[\d,.]+k?\s+(?:reads?|views?|comments?|shares?|likes?|replies)$/iu,
  /^(?:share(?: this(?: article| story| post| page)?)?(?: (?:on|via) \w+(?: or \w+)?)?|tweet|email|print|copy link|link copied|comments?|show comments|leave a comment|\d+ comments?|view comments|listen(?: to (?:this )?(?:article|story))?|\d+ min(?:ute)?s? (?:read|listen))[.:…]?$/iu,
];

/** A short line that starts like a teaser, a prompt or a credit. */
const promptStarts = [
  /^(?:read|see|watch|listen|also read|read also|related|more|more from|more on|recommended|trending|top stories|popular|editor['’]s picks|you may also like|you might also like|don['’]t miss|most read|latest|in (?:other|related) news)(?: (?:more|also|next|this|now|the full story|the latest))?\s*[:|»›>–—]/iu,
  /^(?:photo|photos|image|images|picture|video|graphic|illustration|credit|photograph|file photo|caption)(?:\s+(?:credit|by))?\s*[:/]/iu,
  /^(?:sign up|subscribe|follow (?:us|@)|like us|don['’]t miss out|never miss|want more)\b/iu,
  /^(?:click|tap) here\b/iu,
  /^(?:advertisement|advertising|sponsored(?: content)?)\s*[·•|:–—-]/iu,
  /^our (?:standards|editorial (?:standards|guidelines|policy|values)|ethics (?:policy|code)|trust principles)\s*:/iu,
  /^(?:watch|see|listen to) (?:the |our )?(?:video|videos|clip|report|livestream|live stream|audio|podcast)\b.*\b(?:above|below)\b/iu,
  /^for (?:the )?(?:latest|more|all the latest)\b.*\b(?:news|updates|coverage|stories|video|weather)\b/iu,
  /^(?:this (?:story|article|content) (?:is|was) (?:available|only available|for subscribers)|already a subscriber|to continue reading|subscribe to (?:continue|read))/iu,
];

/** Words that mark a line as a newsletter / cookie / share / social box wherever they appear. */
const boxWords = [
  /\bnewsletters?\b.*\b(?:sign up|subscribe|inbox|delivered)\b|\b(?:sign up|subscribe)\b.*\bnewsletters?\b/iu,
  /\bcookies?\b.*\b(?:accept|agree|consent|privacy|settings|preferences|we use)\b|\b(?:we use|agree to|accept(?: all)?) cookies\b/iu,
  /^(?:contact|reach|email|e-mail|write to|send tips to)\b.*(?:\S@\S|\bat \S+\.\w{2,})/iu,
  /\b(?:reach|contact|email|e-mail|write to) (?:him|her|them|me|us|the (?:author|writer|reporter))\b.*(?:\S@\S|\bat \S+\.\w{2,}|\bon (?:twitter|x|bluesky|signal|threads)\b)/iu,
  /\bsubscribe (?:now|today|here)\b|\bunlimited (?:digital )?access\b|\bthanks for reading\b|\bsupport (?:local|our|independent|quality) journalism\b/iu,
  /\b(?:follow|find) (?:us|him|her|them|me) on (?:twitter|x|facebook|instagram|linkedin|bluesky|threads|tiktok|mastodon|youtube|social media)\b|\bshare (?:this|on) (?:facebook|twitter|x|linkedin|whatsapp)\b/iu,
  /\b(?:getty images|shutterstock|associated press|ap photo|afp|reuters|epa|file photo)\s*\)?$/iu,
  /^(?:\S+\s+){0,6}\d+[- ]?min(?:ute)?s?\s+(?:read|listen)\b/iu,
  /\b(?:views|opinions) expressed\b.*\b(?:own|not necessarily|do not reflect)\b/iu,
  /^(?:©|\(c\)\s)|^copyright\s+(?:©|\(c\)|\d{4})|\ball rights reserved\b/iu,
];

/** Notices that open a paragraph of any length: the print-edition line and the reprint links after it. */
const noticeStarts = /^a version of this (?:article|story|report) (?:appears|appeared|was published) in print\b/iu;

/** "Order Reprints | Today's Paper | Subscribe": three or more short links in a row are a menu. */
const linkMenu = /^(?:[^|·•]{1,30}\s[|·•]\s){2,}[^|·•]{1,30}$/u;

const socialNames = /^(?:(?:facebook|twitter|x|linkedin|whatsapp|reddit|email|e-mail|pinterest|telegram|flipboard|print|copy(?: link)?|share)\s*[|,·•/]?\s*){2,}$/iu;

/** Lines of this many words or fewer are short enough to be a label, prompt or credit. */
const shortLineWords = 25;
const labelWords = 3;

export function isBoilerplate(line: string): boolean {
  const words = line.split(/\s+/u).length;
  if (labelLines.some((pattern) => pattern.test(line)) || socialNames.test(line) || linkMenu.test(line) || noticeStarts.test(line)) return true;
  if (words > shortLineWords) return false;
  // "Callum Reid", "Transport correspondent", "Top stories": a name, title or label, not a sentence.
  if (words <= labelWords && !/[.!?…"”’)]$/u.test(line)) return true;
  if (isBylineLine(line)) return true;
  return promptStarts.some((pattern) => pattern.test(line)) || boxWords.some((pattern) => pattern.test(line)) || isTimestamp(line);
}

/** "By Ana Ruiz", "By Ana Ruiz, Staff Writer Published March 4": a byline box, not a sentence. */
function isBylineLine(line: string): boolean {
  const opensLikeByline = /^[Bb][Yy]:?\s+\p{Lu}/u.test(line) || /^(?:posted|submitted|written|words|story|reporting|text) by\b/iu.test(line);
  return line.split(/\s+/u).length <= 14 && opensLikeByline && !/[.!?…"”’]$/u.test(line);
}

/** "Updated 3:45 p.m. ET, March 4, 2025", "Published 2 hours ago". */
function isTimestamp(line: string): boolean {
  if (line.split(/\s+/u).length <= 6 && /^(?:pinned|new|updated|breaking)?\s*\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?/iu.test(line)) return true;
  return (
    line.split(/\s+/u).length <= 16 &&
    /^(?:published|updated|last updated|posted|first published|modified)\b/iu.test(line) &&
    /\b\d{1,2}:\d{2}\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b|\b\d{4}-\d{2}-\d{2}\b|\bago\b/iu.test(line)
  );
}
