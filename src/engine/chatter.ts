/**
 * Chat around a question that asks nothing itself, in general English: a greeting and "quick q —"
 * before it, who is asking and why ("as an investor:", "im a student writing a report —", "my dad
 * keeps asking -"), and how the answer should be put after it ("in one line", "tldr", "per the
 * article", "even tho it was false"). Taken away only when a question is left.
 */

/** "hey", "hiya,": greetings before the rest. */
const GREETING = /^(?:(?:hey|hi|hiya|heya|hello|howdy|yo)\b[\s,!.]*)+/i;
/** "ok so", "lol": openers, taken away only with what they open ("ok long q:"), never alone ("so what, why"). */
const OPENERS = /^(?:(?:hey|hi|hiya|heya|hello|howdy|yo|ok|okay|so|um+|hmm+|lol|pls|please)\b[\s,!.]*)+/i;
/** "quick q —", "ok long q:", "random question,": the question announced before it is asked. */
const ANNOUNCED =
  /^(?:(?:a|one|quick|random|dumb|silly|serious|simple|honest|long|short|real|genuine|another|one more)\s+)*(?:q|qn|question|query)\s*(?:[:,—–]|\s-)+\s*/i;
/**
 * Who is asking, and why: "as an investor:", "as someone in security,", "i'm a student writing a
 * report —", "i own a shop in town,", "student here,", "journalist here -", "student q:".
 */
const PERSONA =
  /^(?:as (?:an?|someone|somebody|a person|one)\b[^,:;—–?!]{0,60}?|i'?m (?:just )?(?:an?|new here|trying to|writing|doing|working on)\b[^,:;—–?!]{0,60}?|i (?:own|run|have|manage|work (?:at|in|for)) (?:an?|my|the)\b[^,:;—–?!]{0,60}?|(?:just )?(?:an? )?(?:[a-z]+ )?(?:student|investor|journalist|reporter|writer|noob|newbie|beginner|teacher|trader|analyst|dev|developer|researcher|skeptic|sceptic|outsider|lawyer|parent|owner|resident|local|commuter|taxpayer|worker|nurse|driver|cyclist|voter|shopkeeper)s? here\b|(?:an? )?(?:student|investor|journalist|reporter|writer|noob|newbie|beginner|teacher|trader|analyst|dev|developer|researcher|skeptic|sceptic|outsider|lawyer|parent)s?\s+(?:q|qn|question)|my \w+(?: \w+)? (?:keeps asking|kept asking|is asking|was asking|asked|wants to know|wanted to know)(?: me)?\b[^,:;—–?!]{0,40}?|(?:for|writing) (?:a|my) (?:report|essay|paper|class|project|thread|post|newsletter)\b[^,:;—–?!]{0,40}?)\s*(?:[,:;—–]|\s-)+\s*/i;
/** How the answer should be put ("yes or no", "what's the answer"), or where its words are to be found, after the question. */
const TRAILING_ASIDE =
  /(?:[\s,;:—–-]+(?:in (?:one|1|two|2|three|3|a single|a|a few|few) (?:line|lines|sentence|sentences|word|words|nutshell)|in short|briefly|yes or no|(?:so )?what(?:'s|’s| is) the answer|tl;?\s?dr|eli5|(?:per|according to) (?:the )?(?:article|story|piece)|(?:the )?(?:article|story) says|even (?:tho|though|if) [^?!]*?))+[\s?!.]*$/i;
/** "why then of all times?": words that only stress what comes before them. */
const STRESS = /\s+of all (?:times|days|moments|things|places|people)\b/gi;
/** "… stock wise", "… price-wise": the respect in which the question is asked. */
const WISE = /[\s?!.,]+([a-z]+)[\s-]?wise[\s?!.]*$/i;
/** What a question starts with: a question word, a verb opening a yes/no question, or a request. */
const STARTS_QUESTION =
  /^(?:(?:so|and|but|like|ok|okay|then)\s+)*(?:who|whom|whose|what|what's|whats|when|where|why|which|how|is|are|was|were|do|does|did|can|could|will|would|should|has|have|had|isn't|wasn't|didn't|doesn't|tell|give|list|name|explain|summari[sz]e|sum up|describe)\b/i;

/**
 * A tag that makes a statement a yes/no question: "…, right?", "… correct?", "… isn't it", "… didnt it"
 * ("…, is that true?" is a claim to check, read as one by the conversation).
 */
const TAG =
  /(?<!\b(?:is|are|was|that|this|it|be|not))[\s,]+(?:right|correct|true|yes|yeah|innit|(?:is|was|are|were|did|does|do|has|have)(?:n'?t|n’t| not) (?:it|he|she|they|that|there)|am i right|do i have (?:that|this|it) right)[\s?!.]*$/i;
/** What every match of TAG holds: a text without any of it has no tag, and TAG (costly at every space) need not run. */
const TAG_HINT = /right|correct|true|yes|yeah|innit|n'?t |n’t | not /i;
const STATEMENT_VERBS = /^(?:is|was|are|were|has|have|had|can|could|will|would|does|did|do)$/i;

/**
 * "Jane Doe is Globex's CEO, right?", "Initech launched it in 2019 correct?": a statement with a tag
 * asks whether it is so. Its verb is brought to the front ("is Jane Doe Globex's CEO"), or, with none
 * to bring, the tag's own ("did Initech launch …"), so that it reads as the yes/no question it is.
 */
function untagged(text: string): string {
  const tag = TAG_HINT.test(text) ? TAG.exec(text) : null;
  if (!tag || tag.index === 0) return asked(text);
  const statement = text
    .slice(0, tag.index)
    .trim()
    .replace(/^(?:(?:so|ok|okay|and|but|wait|hmm+)\W+)+/i, '');
  if (STARTS_QUESTION.test(statement) || statement.split(/\s+/).length < 2) return text;
  const words = statement.split(/\s+/);
  const at = words.findIndex((w, i) => i > 0 && STATEMENT_VERBS.test(w));
  if (at > 0) return `${words[at]} ${[...words.slice(0, at), ...words.slice(at + 1)].join(' ')}?`;
  const auxiliary = /^\W*(?:does|do)/i.test(tag[0].replace(/^[\s,]+/, '')) ? 'does' : 'did';
  return `${auxiliary} ${statement}?`;
}

/** A statement asked as a question: its verb after a subject ("Jane Doe is Globex's CEO?"). */
const ASKED_STATEMENT = /^((?:\S+\s+){1,4}?)(is|was|are|were)\s+(\S.*?)\s*\?+\s*$/i;

/**
 * "Jane Doe is Globex's CEO?": a statement asked with a question mark alone is the yes/no question
 * it asks, its verb brought to the front ("is Jane Doe Globex's CEO?").
 */
function asked(text: string): string {
  if (!text.includes('?')) return text;
  const statement = text.replace(/^(?:(?:so|ok|okay|and|but|wait|hmm+)\W+)+/i, '');
  // Most questions open as one (the cheap test first).
  if (STARTS_QUESTION.test(statement)) return text;
  const match = ASKED_STATEMENT.exec(statement);
  // One clause only: "saw somewhere that Globex is …, is that true?" is a claim to check.
  if (!match || /[,;:]|\b(?:that|if|whether|when)\b/i.test(statement)) return text;
  return `${match[2]} ${(match[1] as string).trim()} ${match[3]}?`;
}

/** The question without the chat around it (unchanged when nothing would be left to ask). */
export function coreQuestion(text: string): string {
  let core = text.trim().replace(STRESS, '');
  const opened = core.replace(OPENERS, '');
  const lead = opened.replace(ANNOUNCED, '').replace(GREETING, '').replace(PERSONA, '');
  // "so rumour says …, stocks go wild... how much did initech lose": the story so far, then the question.
  const told =
    core.includes('...') || core.includes('…') ? /^[^?]*?(?:\.\.\.+|…)\s*(.+)$/.exec(core)?.[1] : undefined;
  if (told && STARTS_QUESTION.test(told)) core = told;
  if (lead !== opened && STARTS_QUESTION.test(lead)) core = lead;
  else {
    const greeted = core.replace(GREETING, '');
    if (greeted !== core && STARTS_QUESTION.test(greeted)) core = greeted;
  }
  const aside = TRAILING_ASIDE.exec(core);
  if (aside && aside.index > 0) {
    const rest = core.slice(0, aside.index);
    if (STARTS_QUESTION.test(rest) && rest.split(/\s+/).length >= 2) core = `${rest}?`;
  }
  // "globex winning rn? stock wise": what the question is about, put after it.
  const wise = /wise/i.test(core) ? WISE.exec(core) : null;
  if (wise && wise.index > 0) core = `${core.slice(0, wise.index).replace(/[\s?!.,]+$/, '')} ${wise[1]}?`;
  return untagged(core);
}
