/**
 * People's names as a byline writes them: "By Jane Doe, Staff Writer, and John Roe, Correspondent"
 * → "Jane Doe and John Roe". Pure string functions; `page-metadata.ts` finds the bylines in the page.
 */

/** "Associated Press" listed as a second "Person" beside the reporter: the wire credited, not an author. */
const agencies = /^(?:the )?(?:associated press|ap|reuters|afp|agence france-presse|bloomberg|pti|ani|ians|aap|dpa|press association|pa media|xinhua|kyodo|efe|ansa|canadian press|cnn wire|tribune news service|(?:\S+ )?wire services?|(?:\S+ )?news services?)$/iu;

export function isAgency(name: string): boolean {
  return agencies.test(name);
}

/** "Ifeoma Nwachukwu", "Mary-Kate O’Neill": two to four capitalised words, no digits, no "of". */
export function isPersonShaped(name: string): boolean {
  return /^\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){1,3}$/u.test(name);
}

/** "Ana Ruiz, Tom Lee and Kim Park" → its three names. */
export function namesIn(byline: string): string[] {
  return byline.split(/\s*(?:,|\band\b|&)\s*/u).filter(Boolean);
}

/** "Ana Ruiz", "Ana Ruiz and Tom Lee", "Ana Ruiz, Tom Lee and Kim Park". */
export function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
}

/**
 * A byline as people read it: "By Ana Ruiz" → "Ana Ruiz". A URL (some sites put the author's
 * profile link in `article:author`) or an organisation-sized string is not a name.
 */
export function personName(value: string | null | undefined): string | null {
  const listed = listedNames(value);
  if (listed !== null) return listed;
  const name = clean(value)
    // "Interview by Sam Okonkwo", "Words by …", "Reporting by …": the name is what follows "by".
    ?.replace(/^(?:(?:interview(?:ed)?|words|text|story|written|reported|reporting|compiled|edited)\s+)?by[:\s]+/iu, '')
    .replace(/\s*[|•·]\s.*$/u, '')
    .replace(/\s+(?:updated|published|posted)\b.*$/iu, '')
    // "Ana Ruiz, Staff Writer": the job, not the name; "Ana Ruiz, Tom Lee" stays two names.
    .replace(/,\s*[^,]*\b(?:staff|writer|reporter|correspondent|editor|contributor|columnist|journalist|producer|special to)\b.*$/iu, '')
    // "Casey Lindgren Herald Staff Writer": the job run into the name (the paper's name before it goes in `readPageMetadata`).
    .replace(/\s+(?:[Ss]taff|STAFF|[Ss]enior|[Cc]hief)\s+(?:[Ww]riter|[Rr]eporter|[Cc]orrespondent|[Pp]hotographer|WRITER|REPORTER)$|\s+(?:[Cc]orrespondent|[Cc]ontributor|[Cc]olumnist)$/u, '')
    // "Jordan Tremblay, The Canadian Press", "Ana Ruiz, Associated Press": the outlet or agency after the name.
    .replace(/,\s*(?:(?:[Tt]he|THE)\s.*|(?:Associated Press|AP|Reuters|AFP|Agence France-Presse|Bloomberg|PTI|ANI|IANS|AAP|dpa|Press Association|PA Media|Xinhua|Kyodo|EFE|ANSA)\b.*)$/u, '')
    // "JOHN FLESHER Associated Press": the wire after the name, no comma.
    .replace(/^((?:\S+\s+){1,3}\S+?)\s+(?:Associated Press|ASSOCIATED PRESS|Reuters|REUTERS|Agence France-Presse|AFP|Bloomberg News)$/u, '$1')
    // "Marc Thibodeau The Canadian Press": the same, the comma lost (a person's name holds no "The").
    .replace(/^((?:\p{Lu}[\p{L}.'’-]*\s+){1,3}?\p{Lu}[\p{L}.'’-]*)\s+(?:The|THE)\s+\p{Lu}.*$/u, '$1')
    // "Hannah Osei November 24, 2026": the date box beside the name, run into it.
    .replace(/\s+(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+\d{1,2},?\s+\d{4}\b.*$/iu, '')
    // "Hannah Voss in Berlin": where the reporter filed from.
    .replace(/\s+in\s+\p{Lu}[\p{L}.'’-]*(?:\s\p{Lu}[\p{L}.'’-]*){0,2}$/u, '')
    .trim();
  if (!name || /^https?:|\/\//iu.test(name) || name.split(/\s+/u).length > 12) return null;
  // "Northgate News staff", "Metro desk": the newsroom, no person.
  if (/\s(?:staff|team|desk|newsroom)$/iu.test(name) || /^(?:staff|the staff|editors|the editors)$/iu.test(name)) return null;
  return isShouted(name) ? titleCase(name) : name;
}

export const jobWords = /\b(?:staff|writer|reporter|correspondent|editor|contributor|columnist|journalist|producer|photographer|special to|chief|senior|bureau|professor|lecturer|researcher|fellow|director|university|college|institute|school)\b/iu;
export const outletWords = /(?:^(?:the|THE)\s|\b(?:News|Post|Press|Times|Herald|Tribune|Journal|Gazette|Daily|Chronicle|Star|Observer|Telegraph|Wire|Media|Network|Radio|TV|Television|Magazine|Today|Courier|Ledger|Sentinel|Dispatch|Record|Examiner|Standard|Mirror|Express|Mail|Globe|Monitor|Insider|Online|Digital|Newswire|NewsWire)$|\.\w{2,}$)/u;

/**
 * "By Jane Doe, Staff Writer, and John Roe, Correspondent", "Olena Kravets in Kyiv and Piotr Sowa in
 * Warsaw", "JANE DOE and JOHN ROE Associated Press": several people, each with a job, a place or an
 * outlet beside the name. Each part of the list is read on its own; null unless two people or more
 * are left and every other part was a job, a place or an outlet (so the usual reading handles the rest).
 */
function listedNames(value: string | null | undefined): string | null {
  // "Oliver Wright, Policy Editor | Steven Swinford, Political Editor": a bar between people too, not only before a date.
  const segments = (clean(value) ?? '').replace(/^(?:(?:interview(?:ed)?|words|text|story|written|reported|reporting|compiled|edited)\s+)?by[:\s]+/iu, '').split(/\s*[|•·]\s+/u)
    // "Imran Siddiqui | Ayesha Khattak Published November 30, 2026": the date box run into the last name.
    .map((segment) => segment.replace(/\s+(?:updated|published|posted)\b.*$/iu, ''));
  const people = segments.slice(1).findIndex((segment) => {
    const head = (segment.split(',')[0] ?? '').trim();
    return !isListedPerson(isShouted(head) ? titleCase(head) : head) || jobWords.test(head) || outletWords.test(head);
  });
  const line = segments
    .slice(0, people < 0 ? segments.length : people + 1)
    .join(', ')
    .replace(/\s+(?:updated|published|posted)\b.*$/iu, '');
  if (!line || !/,|\band\b|&|\s(?:for|For|FOR)\s/u.test(line)) return null;
  const names: string[] = [];
  let setAside = 0;
  for (const raw of line.split(/\s*,\s*|\s+(?:and|&)\s+/u)) {
    const part = raw
      .replace(/^and\s+/iu, '')
      .replace(/\s+in\s+\p{Lu}[\p{L}.'’-]*(?:\s\p{Lu}[\p{L}.'’-]*){0,2}$/u, '')
      .replace(/\s+(?:for|For|FOR)\s+\S.*$/u, '')
      // "Dev Khanna Times Staff Writers": the box's role line run into the last name, with the paper's one-word name.
      .replace(/\s+(?:(?:News|Post|Times|Herald|Tribune|Journal|Gazette|Chronicle|Star|Ledger|Sentinel|Dispatch|Courier|Globe)\s+)?(?:[Ss]taff|STAFF|[Ss]enior|[Cc]hief)\s+(?:[Ww]riters?|[Rr]eporters?|[Cc]orrespondents?|WRITERS?|REPORTERS?)$/u, '')
      .replace(/\s+(?:Associated Press|AP|Reuters|AFP|Bloomberg|(?:The|THE)\s.*)$/u, '')
      .trim();
    if (part !== raw.replace(/^and\s+/iu, '').trim()) setAside += 1;
    if (part === '' || jobWords.test(part) || outletWords.test(part) || !/\s/u.test(part) || /^[A-Z]{2,}$/u.test(part)) {
      setAside += 1;
      continue;
    }
    const name = isShouted(part) ? titleCase(part) : part;
    if (!isListedPerson(name)) return null;
    names.push(name);
  }
  // "Jane Doe, CNN", "Jane Doe For Dailymail.com": one person, and the outlet or place beside the name.
  return names.length >= 2 || (names.length === 1 && setAside > 0) ? joinNames([...new Set(names)]) : null;
}

/** "Ana de la Cruz", "Mary-Kate O’Neill": capitalised words, with the particles names carry. */
function isListedPerson(name: string): boolean {
  const words = name.split(/\s+/u);
  return words.length >= 2 && words.length <= 5 && words.every((word) => /^\p{Lu}[\p{L}.'’-]*$/u.test(word) || /^(?:de|la|del|della|van|von|der|den|da|di|du|le|bin|al|el|ibn|ter|ten|y|dos|das)$/u.test(word));
}

/** "KENJI MORI", "By JOHN SMITH": a name set in capitals for style, which a reader writes "Kenji Mori". */
function isShouted(name: string): boolean {
  return /\p{Lu}{2}/u.test(name) && !/\p{Ll}/u.test(name);
}

function titleCase(name: string): string {
  return name.toLowerCase().replace(/(^|[\s'’.-])(\p{Ll})/gu, (_match, before: string, letter: string) => `${before}${letter.toUpperCase()}`);
}

function clean(value: string | null | undefined): string | null {
  const collapsed = value?.replace(/\s+/gu, ' ').trim();
  return collapsed ? collapsed : null;
}
