/**
 * General chat vocabulary the engine needs beyond the story's own words: words that carry no
 * meaning for matching, synonym groups folded onto one head word, and multi-word phrases.
 * Story-specific names live in the data (entity aliases), not here.
 */

/** Words ignored for matching: function words, question words, chat filler and meta words about the bot. */
export const STOPWORDS: ReadonlySet<string> = new Set(
  `a an the and or but nor so yet if then than that this these those there here it its it's itself
  i me my mine myself we us our ours you your yours u ur ya yall he him his she her hers they them their theirs
  is am are was were be been being do does did doing done has have had having can could will would shall should
  may might must ought
  what whats what's which who whos whom whose when whens where wheres why how hows
  of in on at to from by for with about into onto over under out off as per via
  again further once just only also too very really actually literally basically exactly quite pretty much many more most
  some any all both each every few other others such same no not nope yes yeah yep yup
  ok okay k kk so well hey hi hello yo sup hmm hm um uh lol lmao rofl omg wow bruh bro dude guys man pls plz please thx thanks thank
  tbh ngl fr imo imho idk btw rn nah nay lemme gimme gonna wanna gotta kinda sorta ya
  tell explain know knew think thought wonder wondering curious want need like get got give show
  even bit supposedly allegedly reportedly apparently everywhere use used uses using make made perform doing currently now
  driving drive drives behind far after afterwards bc because cuz coz due full entire exact verbatim
  mean means meant question questions ask asking answer quick quickly briefly short summary summarize summarise
  article story piece post text according bot you'd i'd i'm im youre you're it's thats that's theres there's let let's lets
  anything something everything nothing thing things stuff one ones someone anyone somebody anybody whole
  happen happened happening going go goes went come came look looking looks seem seems seemed
  right true correct confirm wait anyway anyways please details detail info information`.split(/\s+/),
);

/** Question words that reveal what kind of answer is wanted. */
export const INTENT_WORDS: Readonly<Record<string, string>> = {
  when: 'when',
  date: 'when',
  timing: 'when',
  who: 'who',
  whom: 'who',
  whose: 'who',
  where: 'where',
  why: 'why',
  reason: 'why',
  which: 'which',
  list: 'which',
  name: 'which',
};

/** Words that make a question a yes/no question when they open it. */
export const YES_NO_OPENERS: ReadonlySet<string> = new Set(
  `is are was were did does do has have had can could will would should isnt arent wasnt didnt doesnt hasnt havent
  wont cant`.split(/\s+/),
);

/** Words that affirm a denial: "Did Alibaba deny …?" is answered Yes by a denial fact. */
export const DENIAL_WORDS: ReadonlySet<string> = new Set(['deny']);

/**
 * Synonym groups: every word of a group is read as its first word. Keep groups tight; a loose
 * synonym makes the engine answer questions the article does not answer.
 */
export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ['ban', 'block', 'prohibit', 'forbid', 'bar', 'barred', 'outlaw', 'blacklist', 'restrict', 'restriction', 'nix'],
  ['invest', 'investment', 'fund', 'funding', 'stake', 'finance', 'financing', 'bankroll', 'buy', 'bought',
    'acquire', 'acquisition', 'cash', 'money', 'backing', 'inject', 'injection', 'sell', 'selling', 'sold'],
  ['deny', 'denial', 'reject', 'rejection', 'dismiss', 'refute', 'rebut', 'debunk', 'false', 'fake', 'untrue', 'hoax',
    'bogus', 'lie', 'lies', 'bs'],
  ['rumour', 'rumor', 'gossip', 'report', 'reports', 'reported', 'claims'],
  ['stock', 'share', 'shares', 'stonk', 'stonks', 'equity', 'ticker'],
  ['drop', 'fall', 'fell', 'dip', 'plunge', 'plummet', 'tank', 'crash', 'decline', 'slide', 'sink', 'sank', 'tumble',
    'slump', 'lose', 'lost', 'loss', 'down', 'dump', 'dumped', 'hammered'],
  ['surge', 'rise', 'rose', 'gain', 'climb', 'jump', 'soar', 'rally', 'up', 'increase', 'grew', 'moon', 'pump'],
  ['launch', 'release', 'debut', 'unveil', 'unveiled', 'ship', 'shipped', 'rollout', 'introduce'],
  ['price', 'pricing', 'prices', 'cheaper', 'discount', 'undercut', 'lower', 'cut', 'slash', 'slashed'],
  ['cost', 'costs', 'cheap', 'inexpensive', 'affordable', 'budget', 'expense', 'spend', 'spending', 'spent'],
  ['outperform', 'beat', 'better', 'surpass', 'outdo', 'superior', 'best', 'compare', 'comparison',
    'benchmark', 'stronger', 'smarter', 'top'],
  ['privacy', 'private', 'personal'],
    ['store', 'keep', 'kept', 'host', 'hosted', 'server', 'servers', 'save', 'saved', 'storage'],
  ['security', 'secure', 'safety', 'safe', 'danger', 'dangerous', 'risk', 'risky', 'threat', 'spy', 'spying',
    'espionage', 'concern', 'worry', 'worries', 'fear', 'fears'],
  ['government', 'govt', 'govt.', 'authority', 'authorities', 'official', 'officials', 'administration', 'state'],
  ['regulatory', 'regulation', 'regulator', 'regulators', 'regulate', 'rule', 'rules', 'law', 'laws', 'legislation',
    'hurdle', 'roadblock'],
  ['country', 'countries', 'nation', 'nations'],
  ['model', 'llm', 'models', 'chatbot', 'system'],
  ['company', 'firm', 'companies', 'firms', 'business', 'corp', 'corporation', 'startup'],
  ['executive', 'exec', 'boss', 'spokesperson', 'spokeswoman', 'spokesman', 'leader'],
  ['holiday', 'holidays', 'festival', 'vacation'],
  ['ecommerce', 'shopping', 'retail', 'merchant', 'merchants', 'seller', 'sellers', 'marketplace', 'store'],
  ['translation', 'translate', 'translating', 'translator'],
  ['return', 'returns', 'refund', 'refunds'],
  ['cloud', 'hosting'],
  ['say', 'said', 'says', 'saying', 'stated', 'statement', 'clarify', 'clarified', 'call', 'calling', 'called', 'reveal',
    'revealed', 'warn', 'warning', 'warned', 'quote', 'quotes', 'comment', 'comments', 'told', 'remark', 'remarks'],
  ['landscape', 'scene', 'space', 'ecosystem'],
  ['react', 'reaction', 'reacted', 'respond', 'responded', 'response'],
  ['link', 'linked', 'connection', 'connected', 'relationship', 'relation', 'tie', 'ties'],
  ['industry', 'sector', 'field'],
  ['reconsider', 'rethink', 'reevaluate', 'reassess', 'rethinking'],
  ['infiltrate', 'infiltration', 'hack', 'penetrate', 'access'],
  ['shockwave', 'shock', 'shocked', 'shake', 'shook', 'shaken', 'turmoil', 'panic', 'disrupt', 'disruption',
    'disrupted', 'disruptive', 'upend', 'rattle', 'rattled', 'storm'],
  ['competition', 'compete', 'competitor', 'competitors', 'competitive', 'competitiveness', 'rival', 'rivals', 'rivalry',
    'race', 'battle', 'war', 'fight', 'contest', 'collision', 'vs', 'versus'],
  ['research', 'lab', 'labs', 'division', 'unit', 'department'],
  ['train', 'training', 'trained'],
  ['investor', 'investors', 'backer', 'backers', 'shareholder'],
  ['announce', 'announcement', 'announced', 'declare', 'declared', 'unveil'],
  ['open', 'opensource'],
  ['influence', 'influential', 'impact', 'clout'],
  ['chip', 'chips', 'chipmaker', 'semiconductor', 'gpu maker'],
  ['manufacturer', 'maker', 'producer'],
  ['decade', 'decades'],
  ['base', 'based', 'headquarter', 'headquarters', 'hq', 'located', 'location'],
  ['applaud', 'praise', 'praised', 'admire', 'congratulate', 'respect', 'nice', 'compliment', 'cheer'],
  ['owner', 'own', 'owns', 'owned'],
  ['advice', 'recommendation', 'advise'],
  ['grow', 'growth', 'expand', 'expansion', 'rise'],
  ['future', 'next', 'ahead', 'outlook', 'forecast', 'heading', 'headed'],
  ['strategy', 'strategic', 'plan', 'motive', 'tactic'],
];

/** Multi-word phrases read as one word before matching (after lower-casing). */
export const PHRASES: readonly (readonly [string, string])[] = [
  ['artificial intelligence', 'ai'],
  ['a i', 'ai'],
  ['open source', 'opensource'],
  ['open-source', 'opensource'],
  ['open weights', 'opensource'],
  ['e commerce', 'ecommerce'],
  ['lunar new year', 'lunarnewyear'],
  ['chinese new year', 'lunarnewyear'],
  ['spring festival', 'lunarnewyear'],
  ['new years', 'lunarnewyear'],
  ['new year', 'lunarnewyear'],
  ['putting into', 'invest'],
  ['put into', 'invest'],
  ['set up', 'launch'],
  ['shot down', 'deny'],
  ['shoot down', 'deny'],
  ['looking into', 'review'],
  ['look into', 'review'],
  ['looking at', 'review'],
  ['should i', 'advice'],
  ['should we', 'advice'],
  ['market share', 'marketshare'],
  ['market cap', 'marketcap'],
  ['business model', 'businessmodel'],
  ['open question', 'openquestion'],
  ['where is it heading', 'future'],
  ['where is this heading', 'future'],
  ['where is it going', 'future'],
  ['where is this going', 'future'],
  ['where are things heading', 'future'],
  ['go public', 'ipo'],
  ['went public', 'ipo'],
  ['fake news', 'fakenews'],
  ['buy into', 'invest'],
  ['buying into', 'invest'],
  ['bought into', 'invest'],
  ['put money', 'invest'],
  ['putting money', 'invest'],
  ['pour money', 'invest'],
  ['pouring money', 'invest'],
  ['poured money', 'invest'],
  ['sink money', 'invest'],
  ['take a stake', 'invest'],
  ['not true', 'false'],
  ['market value', 'stock'],
  ['share price', 'stock'],
  ['stock price', 'stock'],
  ['share value', 'stock'],
  ['privacy policy', 'privacypolicy'],
  ['data harvesting', 'harvest'],
  ['national security', 'security'],
  ['come out', 'launch'],
  ['came out', 'launch'],
  ['roll out', 'launch'],
  ['rolled out', 'launch'],
  ['price war', 'price'],
  ['price cuts', 'price'],
  ['cost efficient', 'cost'],
  ['cost-efficient', 'cost'],
  ['cost efficiency', 'cost'],
  ['low cost', 'cost'],
  ['low-cost', 'cost'],
  ['wechat moments', 'wechat'],
  ['how many years', 'howlong'],
  ['how much', 'howmuch'],
  ['how many', 'howmuch'],
  ['how long', 'howlong'],
  ['what percentage', 'howmuch'],
  ['what percent', 'howmuch'],
  ['by how much', 'howmuch'],
  ['what time', 'when'],
  ['what date', 'when'],
  ['what day', 'when'],
  ['what year', 'when'],
  ['what month', 'when'],
  ['shut down', 'ban'],
  ['kicked out', 'ban'],
  ['arms race', 'race'],
  ['tech giant', 'techgiant'],
  ['tech giants', 'techgiant'],
  ['big tech', 'techgiant'],
  ['silicon valley', 'siliconvalley'],
  ['chip maker', 'chip manufacturer'],
  ['chipmaker', 'chip manufacturer'],
  ['go down', 'drop'],
  ['went down', 'drop'],
  ['gone down', 'drop'],
  ['go up', 'surge'],
  ['went up', 'surge'],
  ['gone up', 'surge'],
  ['or nah', 'ornot'],
  ['or not', 'ornot'],
];

/** Words with little information even when rare in the story; they count for less. */
export const GENERIC_WORDS: ReadonlySet<string> = new Set(
  `ai model company techgiant new latest major big global world chinese china percent year news sector industry
  technology tech firm market`.split(/\s+/),
);
