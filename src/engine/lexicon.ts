/**
 * General chat vocabulary the engine needs beyond the story's own words: words that carry no
 * meaning for matching, synonym groups folded onto one head word, and multi-word phrases.
 * Story-specific names live in the data (entity aliases), not here; so does a story's own reading
 * of general words ("shares" as its stock, "backing" as its investment): its pack's `vocabulary`.
 */

/** Words ignored for matching: function words, question words, chat filler and meta words about the bot. */
export const STOPWORDS: ReadonlySet<string> = new Set(
  `a an the and or but nor so yet if then than that this these those there here it its it's itself
  i me my mine myself we us our ours you your yours u ur ya yall he him his she her hers they them their theirs
  is am are was were be been being do does did doing done has have had having can could will would shall should
  may might must ought
  what whats what's which who whos whom whose when whens where wheres why how hows
  of in on at to from by for with about into onto over under out off as per via during besides
  again further once just only also too very really actually literally basically exactly quite pretty much many more most
  some any all both each every few other others such same no not nope yes yeah yep yup
  ok okay k kk so well hey hi hello yo sup hmm hm um uh lol lmao rofl omg wow bruh bro dude guys pls plz please thx thanks thank
  tbh ngl fr imo imho idk btw rn nah nay lemme gimme gonna wanna gotta kinda sorta ya
  tell explain know knew think thought wonder wondering curious want need like get got give
  even bit supposedly allegedly reportedly apparently everywhere use used uses using make made perform doing currently now
  driving drive drives behind far after afterwards bc
  whether though seriously outright dollar dollars usd bucks record status angle situation update updates enact enacted impose imposed
  implement implemented adopt adopted along rest thing load loading piece draw because cuz coz due full entire exact verbatim
  mean means meant question questions ask asking answer quick quickly briefly short summary summarize summarise
  article story piece post text according bot you'd i'd i'm im youre you're it's thats that's theres there's let let's lets
  anything something everything nothing thing things stuff one ones someone anyone somebody anybody whole
  happen happened happening going go goes went come came look looking looks seem seems seemed
  right wait anyway anyways please details detail info information
  sure cannot`.split(/\s+/),
);

/** Question words that reveal what kind of answer is wanted. */
/** Question words and what they ask for. A Map, so that words like "constructor" are just words. */
export const INTENT_WORDS: ReadonlyMap<string, string> = new Map(
  Object.entries({
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
    justification: 'why',
    rationale: 'why',
    grounds: 'why',
    motive: 'why',
    month: 'when',
    platform: 'where',
    size: 'how-much',
    magnitude: 'how-much',
    extent: 'how-much',
    amount: 'how-much',
    list: 'which',
    name: 'which',
    // "what triggered the sell-off" asks for the cause.
    trigger: 'why',
    triggered: 'why',
    cause: 'why',
    caused: 'why',
    sparked: 'why',
  }),
);

/** Chat spellings read as the word they stand for, before anything else. */
export const CHAT_SPELLINGS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    wat: 'what',
    wut: 'what',
    whats: 'what is',
    wheres: 'where is',
    whos: 'who is',
    hows: 'how is',
    r: 'are',
    u: 'you',
    n: 'and',
    rly: 'really',
    rlly: 'really',
    srsly: 'seriously',
    tho: 'though',
    abt: 'about',
    ppl: 'people',
    billi: 'billion',
    bil: 'billion',
    govt: 'government',
    cuz: 'because',
    coz: 'because',
    pls: 'please',
    plz: 'please',
    ya: 'you',
    yr: 'year',
    wen: 'when',
    y: 'why',
    ur: 'your',
    b4: 'before',
    vacay: 'vacation',
    prob: 'probably',
    def: 'definitely',
    bcuz: 'because',
    thru: 'through',
    bout: 'about',
    gov: 'government',
    biz: 'business',
    org: 'organisation',
    orgs: 'organisations',
    // "w/ Chinese data", "w chinese data".
    w: 'with',
    // Function words typed wrong: spelling correction reads only the story's own words.
    wich: 'which',
    whcih: 'which',
    whihc: 'which',
    wihch: 'which',
    waht: 'what',
    whta: 'what',
    wht: 'what',
    hw: 'how',
    wher: 'where',
    whre: 'where',
    whn: 'when',
    teh: 'the',
    adn: 'and',
    thier: 'their',
    wiht: 'with',
    abotu: 'about',
    becuase: 'because',
    becasue: 'because',
    // Short forms of the words in organisations' names.
    assoc: 'association',
    assn: 'association',
    dept: 'department',
    intl: 'international',
    natl: 'national',
    // Contractions typed without their apostrophe.
    didnt: 'did not',
    doesnt: 'does not',
    dont: 'do not',
    isnt: 'is not',
    wasnt: 'was not',
    arent: 'are not',
    werent: 'were not',
    hasnt: 'has not',
    havent: 'have not',
    hadnt: 'had not',
    cant: 'cannot',
    wont: 'will not',
    wouldnt: 'would not',
    shouldnt: 'should not',
    couldnt: 'could not',
  }),
);

/** Adverbs ending in -ly that still carry meaning; other unknown -ly words are ignored. */
export const MEANINGFUL_LY_WORDS: ReadonlySet<string> = new Set([
  'daily',
  'weekly',
  'monthly',
  'yearly',
  'early',
  'only',
]);

/** Words that make a question a yes/no question when they open it. */
export const YES_NO_OPENERS: ReadonlySet<string> = new Set(
  `is are was were did does do has have had can could will would should isnt arent wasnt didnt doesnt hasnt havent
  wont cant`.split(/\s+/),
);

/** Words that affirm a denial: "Did the company deny …?" is answered Yes by a denial fact. */
export const DENIAL_WORDS: ReadonlySet<string> = new Set(['deny']);

/**
 * Synonym groups: every word of a group is read as its first word. Keep groups tight; a loose
 * synonym makes the engine answer questions the article does not answer. Only general English: a
 * reading that holds in one article alone ("worried" as a security worry) goes in its pack.
 */
export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  // A view held: "the network's take on the tram" (read as its view), "the mayor's stance".
  ['view', 'views', 'opinion', 'opinions', 'stance', 'stances'],
  // Speed: "how fast did they respond" of a swift denial.
  [
    'swift',
    'swiftly',
    'quick',
    'quickly',
    'quicker',
    'fast',
    'faster',
    'rapid',
    'rapidly',
    'prompt',
    'promptly',
    'speedy',
  ],
  // The kinds of body a name says it is ("Residents' Association", "Business Network").
  [
    'group',
    'groups',
    'association',
    'associations',
    'organisation',
    'organisations',
    'organization',
    'organizations',
    'network',
    'coalition',
    'alliance',
  ],
  ['ban', 'prohibition', 'proscribe', 'proscribed', 'bar', 'prohibit', 'forbid', 'bar', 'barred', 'outlaw'],
  ['invest', 'investment', 'fund', 'funding', 'finance', 'financing', 'bankroll'],
  [
    'deny',
    'rebuttal',
    'rebuff',
    'rebuffed',
    'pushback',
    'quash',
    'quashed',
    'nixed',
    'denial',
    'reject',
    'rejection',
    'dismiss',
    'refute',
    'rebut',
    'debunk',
  ],
  ['rumour', 'rumor', 'gossip'],
  ['stock', 'stonk', 'stonks', 'ticker'],
  [
    'drop',
    'slid',
    'slip',
    'slipped',
    'nosedive',
    'nosedived',
    'tanked',
    'dive',
    'fall',
    'fell',
    'dip',
    'plunge',
    'plummet',
    'tank',
    'crash',
    'decline',
    'slide',
    'sink',
    'sank',
    'tumble',
    'slump',
    'down',
    'cheaper',
  ],
  [
    'surge',
    'rise',
    'rose',
    'gain',
    'climb',
    'jump',
    'soar',
    'rally',
    'up',
    'increase',
    'grew',
    'hike',
    'hikes',
    'hiked',
    'bump',
    'bumped',
  ],
  ['launch', 'release', 'debut', 'unveil', 'unveiled', 'rollout', 'introduce'],
  ['price', 'pricing', 'prices'],
  [
    'cost',
    'expenditure',
    'expenditures',
    'costs',
    'expense',
    'spend',
    'spending',
    'spent',
    'expensive',
    'costly',
    'pricey',
  ],
  ['latest', 'newest'],
  // Being against: "what's their beef with the plan" asks what they oppose.
  [
    'opposition',
    'oppose',
    'opposes',
    'opposed',
    'opposing',
    'opponent',
    'opponents',
    'objection',
    'objections',
    'beef',
    'gripe',
    'gripes',
    'complaint',
    'complaints',
    'complain',
    'complained',
    'complaining',
  ],
  ['outperform', 'beat', 'surpass', 'outdo'],
  ['privacy', 'private'],
  ['store', 'retain', 'retained', 'retention', 'storage'],
  [
    'security',
    'secure',
    'protect',
    'protecting',
    'protected',
    'protection',
    'safeguard',
    'defend',
    'defending',
  ],
  // Fear and worry, as general English: "what were they afraid of" of a fact saying they feared it.
  [
    'fear',
    'fears',
    'feared',
    'afraid',
    'scared',
    'worried',
    'worry',
    'worries',
    'nervous',
    'concern',
    'concerns',
    'concerned',
  ],
  ['government', 'gov', 'govt', 'govt.', 'authority', 'authorities', 'state'],
  ['regulatory', 'regulation', 'regulator', 'regulators', 'regulate'],
  ['country', 'countries', 'nation', 'nations'],
  ['company', 'firm', 'companies', 'firms', 'business', 'corp', 'corporation'],
  ['critical', 'important', 'crucial', 'vital', 'essential'],
  ['creation', 'create', 'creating', 'generate', 'generating', 'generation'],
  ['strengthen', 'boost', 'improve', 'enhance', 'enhanced', 'bolster'],
  // Making software: "cheaper to build" of its development.
  ['develop', 'development', 'developed', 'developing', 'build', 'building'],
  ['several', 'multiple', 'numerous', 'various'],
  ['service', 'services', 'feature', 'features', 'offering', 'offerings'],
  ['translation', 'translate', 'translating', 'translator'],
  [
    'say',
    'wording',
    'words',
    'disclose',
    'disclosed',
    'mention',
    'mentioned',
    'quoted',
    'said',
    'says',
    'saying',
    'stated',
    'statement',
    'clarify',
    'clarified',
    'call',
    'calling',
    'called',
    'reveal',
    'revealed',
    'warn',
    'warning',
    'warned',
    'talk',
    'talked',
    'spoke',
    'speak',
    'discuss',
    'discussed',
    'accuse',
    'accused',
    'quote',
    'quotes',
    'comment',
    'comments',
    'told',
    'remark',
    'remarks',
    // "what phrase did she use": the words she said.
    'phrase',
    'phrasing',
    'phrased',
  ],
  ['tech', 'technology', 'technologies'],
  // What something is charged with: "accused of ties" of bans "citing" them.
  ['cite', 'citing', 'cited', 'alleged', 'allegation', 'allegations'],
  ['true', 'real', 'legit', 'accurate', 'correct', 'confirm', 'confirmed', 'genuine', 'verified', 'verify'],
  // Fundraising is its own thing: listed so these words are never read as a share price rise.
  ['fundraise', 'raise', 'raised', 'raising', 'fundraising'],
  ['global', 'international', 'worldwide', 'world', 'globally'],
  ['app', 'apps', 'application', 'applications'],
  ['automate', 'automated', 'automatic', 'auto', 'automation'],
  ['year', 'annual', 'yearly'],
  ['source', 'origin', 'originate', 'originated', 'originally'],
  [
    'mirror',
    'similar',
    'parallel',
    'analogy',
    'resemble',
    'resembles',
    'comparable',
    'echo',
    'echoes',
    'akin',
  ],
  [
    'react',
    'approach',
    'approaching',
    'handle',
    'handling',
    'treat',
    'treating',
    'reaction',
    'reacted',
    'respond',
    'responded',
    'response',
  ],
  [
    'link',
    'relate',
    'related',
    'connect',
    'linked',
    'connection',
    'connected',
    'relationship',
    'relation',
    'tie',
    'ties',
  ],
  ['industry', 'sector', 'field'],
  ['reconsider', 'rethink', 'reevaluate', 'reassess', 'rethinking'],
  [
    'competition',
    'compete',
    'competitor',
    'competitors',
    'competitive',
    'competitiveness',
    'rival',
    'rivals',
    'rivalry',
  ],
  ['train', 'training', 'trained'],
  ['investor', 'investors', 'backer', 'backers', 'shareholder'],
  ['announce', 'announcement', 'announced', 'declare', 'declared', 'unveil'],
  ['influence', 'influential', 'impact', 'clout'],
  ['manufacturer', 'maker', 'producer'],
  // "keeping tabs on", "monitoring": watching.
  ['watch', 'watching', 'watched', 'monitor', 'monitoring', 'monitored', 'track', 'tracking', 'tracked'],
  ['decade', 'decades'],
  ['base', 'based', 'headquarter', 'headquarters', 'hq', 'located', 'location'],
  ['applaud', 'praise', 'praised', 'admire', 'congratulate'],
  ['owner', 'own', 'owns', 'owned'],
  ['advice', 'recommendation', 'advise'],
  ['grow', 'growth', 'expand', 'expansion', 'rise'],
  ['future', 'predict', 'prediction', 'predicts', 'forecasts', 'outlook', 'outlook', 'forecast'],
  ['strategy', 'motivation', 'strategic', 'motive', 'tactic'],
  ['choose', 'choice', 'pick', 'picked', 'select', 'selected', 'selection'],
  // "how many sent comments": sending in is submitting.
  ['submit', 'submitted', 'submission', 'send', 'sent', 'sends', 'sending'],
  // "was it unanimous": a vote's split is asked (a split vote answers No).
  ['vote', 'unanimous', 'unanimously', 'unopposed'],
];

/** Multi-word phrases read as one word before matching (after lower-casing). */
export const PHRASES: readonly (readonly [string, string])[] = [
  ['artificial intelligence', 'ai'],
  // "what's driving the surge", "what was behind it": its cause is asked.
  ['what driving', 'why'],
  ['what is driving', 'why'],
  ['what was driving', 'why'],
  ['what drove', 'why'],
  ['what behind', 'why'],
  ['what is behind', 'why'],
  ['what was behind', 'why'],
  ['what is fueling', 'why'],
  ['what fueled', 'why'],
  ['a i', 'ai'],
  ['open source', 'opensource'],
  ['open-source', 'opensource'],
  ['open weights', 'opensource'],
  ['e commerce', 'ecommerce'],
  ['set up', 'launch'],
  ['shot down', 'deny'],
  ['shoot down', 'deny'],
  ['looking into', 'review'],
  ['look into', 'review'],
  ['looking at', 'review'],
  ['should i', 'advice'],
  // "should I be worried about parking": what the article says of parking; no advice is asked.
  ['should i be worried about', 'about'],
  ['should i be concerned about', 'about'],
  ['should i worry about', 'about'],
  ['should we be worried about', 'about'],
  ['should we be concerned about', 'about'],
  ['should we worry about', 'about'],
  ['telling me to', 'advice'],
  ['tell me to', 'advice'],
  ['telling us to', 'advice'],
  ['the state of', 'about'],
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
  // "where did the rumours come from": their source.
  ['come from', 'source'],
  ['came from', 'source'],
  ['coming from', 'source'],
  // The sides of a vote: "who led the no side".
  ['no side', 'opposition'],
  ['no camp', 'opposition'],
  ['no vote', 'opposition'],
  ['how many years', 'howlong'],
  // Units of time, short: "20 mins".
  ['mins', 'minutes'],
  ['hrs', 'hours'],
  // A count of units of time asks how long: "how many minutes will the trip take".
  ['how many minutes', 'howlong'],
  ['how many hours', 'howlong'],
  ['how many days', 'howlong'],
  ['how many weeks', 'howlong'],
  ['how many months', 'howlong'],
  ['how much time', 'howlong'],
  ['what night of the week', 'when'],
  ['which night of the week', 'when'],
  ['what day of the week', 'when'],
  ['which day of the week', 'when'],
  ['what night', 'when'],
  ['which night', 'when'],
  // Taking a side: "which group came out against it", "are the shops on board with it".
  ['came out against', 'oppose'],
  ['come out against', 'oppose'],
  ['coming out against', 'oppose'],
  ['spoke out against', 'oppose'],
  ['speak out against', 'oppose'],
  ['on board with', 'support'],
  ['came out in favour', 'support'],
  ['came out in favor', 'support'],
  ['come out in favour', 'support'],
  ['come out in favor', 'support'],
  ['came out for', 'support'],
  // Things taken away: "how many parking spots are going away".
  ['going away', 'removed'],
  ['go away', 'removed'],
  ['goes away', 'removed'],
  ['parking spots', 'parking spaces'],
  ['parking spot', 'parking space'],
  ['car trips', 'car journeys'],
  // Having a say: "which group weighed in", "how many sent in comments".
  ['weigh in', 'comment'],
  ['weighs in', 'comment'],
  ['weighed in', 'comment'],
  ['weighing in', 'comment'],
  ['close eye', 'watch'],
  ['keep an eye on', 'watch'],
  ['keeping an eye on', 'watch'],
  ['keep tabs on', 'track'],
  ['keeping tabs on', 'track'],
  ['keep track of', 'track'],
  ['keeping track of', 'track'],
  // Paying: "can I switch without paying twice".
  ['without paying', 'free'],
  // "when will people be able to ride it": being able is "can", which asks nothing of its own.
  ['be able to', 'can'],
  ['pay twice', 'pay again'],
  ['paying twice', 'pay again'],
  ['how many year', 'howlong'],
  ['year to date', 'thisyear'],
  ['this year', 'thisyear'],
  ['ytd', 'thisyear'],
  ['last year', 'recent'],
  ['last week', 'recent'],
  ['last month', 'recent'],
  ['vice president', 'executive'],
  ['chief exec', 'chief executive'],
  ['how much', 'howmuch'],
  ['how big', 'howmuch'],
  ['how large', 'howmuch'],
  ['how huge', 'howmuch'],
  ['how steep', 'howmuch'],
  ['how sharp', 'howmuch'],
  ['what size', 'howmuch'],
  ['how many', 'howmany'],
  ['how long', 'howlong'],
  ['what percentage', 'howmuch'],
  ['what percent', 'howmuch'],
  ['what share of', 'howmuch'],
  ['what proportion of', 'howmuch'],
  ['what fraction of', 'howmuch'],
  ['by how much', 'howmuch'],
  ['what time', 'when'],
  ['what date', 'when'],
  ['what day', 'when'],
  ['what year', 'when'],
  ['what month', 'when'],
  ['which year', 'when'],
  ['which month', 'when'],
  ['which date', 'when'],
  ['which day', 'when'],
  ['arms race', 'race'],
  ['chip maker', 'chip manufacturer'],
  ['chipmaker', 'chip manufacturer'],
  ['go down', 'drop'],
  ['went down', 'drop'],
  ['gone down', 'drop'],
  ['go up', 'surge'],
  ['went up', 'surge'],
  ['gone up', 'surge'],
  ['or nah', 'ornot'],
  ['sell off', 'drop'],
  // "it's gotten cheaper": become, before a comparative ("what would it have gotten" is left alone).
  ['gotten cheaper', 'cheaper'],
  ['gotten more expensive', 'expensive'],
  ['sell-off', 'drop'],
  ['push out', 'launch'],
  ['pushed out', 'launch'],
  ['pushing out', 'launch'],
  ['how bad', 'howmuch'],
  ['how badly', 'howmuch'],
  ['how hard', 'howmuch'],
  // "what's the deal with X": what happened to X, not a deal.
  ['what the deal with', 'about'],
  ['what is the deal with', 'about'],
  ['what the deal', 'about'],
  ['what is the deal', 'about'],
  ['sanity check', 'true'],
  ['political party', 'party'],
  // "is it accused of ties": they are cited against it; "Initech accuses them of" is Initech's words.
  ['accused of', 'cited for'],
  ['social feed', 'feed'],
  ['social media feed', 'feed'],
  ['social media post', 'post'],
  // "does X count as one of Y": is X one of Y.
  ['count as one of', ''],
  ['counts as one of', ''],
  // "way cheaper", "way more": only stress.
  ['way more', 'more'],
  ['way less', 'less'],
  ['way cheaper', 'cheaper'],
  // "show me the quote": a request; what something "shows" is asked otherwise.
  ['show me', ''],
  ['show us', ''],
  // Idioms, read as what they mean: "who started it in the first place" asks its origin; "why then of
  // all times" only stresses "then"; "runs on" is what powers it; "took a hit" is the hit.
  ['in the first place', 'originally'],
  ['of all times', ''],
  ['of all days', ''],
  ['of all moments', ''],
  ['brand new', 'new'],
  ['took a hit', 'hit'],
  ['take a hit', 'hit'],
  ['takes a hit', 'hit'],
  ['taking a hit', 'hit'],
  ['taken a hit', 'hit'],
  ['put out', 'launch'],
  ['puts out', 'launch'],
  ['putting out', 'launch'],
  ['take on', 'compete'],
  ['took on', 'compete'],
  ['taking on', 'compete'],
  ['freaking out', 'worried'],
  ['freak out', 'worried'],
  ['freaked out', 'worried'],
  // "big tech cos": companies ("cos" alone is as often "because").
  ['tech cos', 'tech companies'],
  ['ai cos', 'ai companies'],
  ['chinese cos', 'chinese companies'],
  ['big cos', 'big companies'],
  ['other cos', 'other companies'],
  // "has any other app had the same issue": one like it.
  ['the same issue', 'similar issue'],
  ['the same issues', 'similar issues'],
  ['the same problem', 'similar problem'],
  ['the same problems', 'similar problems'],
  ['the same thing', 'similar thing'],
  ['the same concerns', 'similar concerns'],
  ['the same scrutiny', 'similar scrutiny'],
  ['the same treatment', 'similar treatment'],
  ['or not', 'ornot'],
  // "when does construction kick off", "which version kicked off the price war": what started it.
  ['kick off', 'start'],
  ['kicks off', 'start'],
  ['kicked off', 'start'],
  ['kicking off', 'start'],
  // "which company does she work for": whose she is, as "of" would ask.
  ['work for', 'of'],
  ['works for', 'of'],
  ['worked for', 'of'],
  ['working for', 'of'],
  // "what version number is it": the version asked, not a count.
  ['version number', 'version'],
  // "are they working together or competing": partners, one word for either/or to weigh.
  ['working together', 'partners'],
  ['work together', 'partners'],
  ['team up', 'partners'],
  ['teaming up', 'partners'],
];

/**
 * Words that frame a question rather than name what it asks about ("how is it *supposed* to work",
 * "why does anyone *care*", chat markers such as "lowkey" and "eli5"). Ignored when the story does
 * not use them; a story that does use one matches it as usual.
 */
export const FRAME_WORDS: ReadonlySet<string> = new Set(
  `supposed suppose supposedly care cares cared caring weird weirdly strange odd interesting interested ever
  while trying try tries tried given describe described describes wholesome lowkey highkey eli5 eli wdym tldr
  tl dr smh istg tfw imo fam deadass cap sus vibe vibes wise check checking
  named titled considered regarded
  before anyways whatever whatevs honestly truly legit literally confused confusing confuses
  kind kinds type types sort main stand vs versus heard way section sections paragraph paragraphs
  decide decided decides choose chose opt opted overall specific specifically particular certain still
  show shows showed shown new game`.split(/\s+/),
);

/** Words with little information even when rare in the story; they count for less. */
export const GENERIC_WORDS: ReadonlySet<string> = new Set(
  `true ai model company techgiant new latest major big global world chinese china percent year news sector industry
  technology tech firm market`.split(/\s+/),
);

/**
 * Words that take part in matching but are never named back as what the article "never mentions":
 * they are the vague subjects of chat ("why are people …"), not what the question is about.
 */
export const UNREPORTED_WORDS: ReadonlySet<string> = new Set(
  'people person folks everyone everybody someone guys users user'.split(/\s+/),
);

/**
 * Verbs of answering back: "did Initech respond / comment / deny …" asks whether that party said
 * something, which only a fact reporting its own words answers; so does "did Initech issue any
 * response / a statement".
 */
export const RESPONSE_VERBS: ReadonlySet<string> = new Set(
  `respond responds responded reply replies replied react reacts reacted comment comments commented deny
  denies denied confirm confirms confirmed address addresses addressed say says said retort retorted rebut
  rebutted response responses reaction statement statements`.split(/\s+/),
);

/**
 * Job titles a question may ask of a company's people ("who is Globex's CEO?"), each with the pattern
 * of a role that holds it. General English; a title not listed here is never checked.
 */
export const TITLES: readonly (readonly [RegExp, RegExp])[] = [
  [/\b(?:ceo|chief executive(?: officer)?)\b/, /\b(?:ceo|chief executive)\b/],
  [/\b(?:co-?)?found(?:er|ers|ed)\b/, /\b(?:co-?)?found(?:er|ed)\b/],
  [/\bchair(?:man|woman|person)?\b/, /\bchair/],
  [/\b(?:vp|vice[- ]president)\b/, /\b(?:vp|vice[- ]president)\b/],
  [/(?<!vice[- ])\bpresident\b/, /(?<!vice[- ])\bpresident\b/],
  [/\b(?:cto|chief technology officer)\b/, /\b(?:cto|chief technology)\b/],
  [/\b(?:cfo|chief financial officer)\b/, /\b(?:cfo|chief financial)\b/],
  [/\bspokes(?:person|man|woman)\b/, /\bspokes/],
  [/\bexec(?:utive)?s?\b/, /\bexec(?:utive)?\b/],
  [/\b(?:boss|head|leader)\b/, /\b(?:ceo|chief executive|chair|(?<!vice[- ])president|head|leader|led)\b/],
  [/\bmayor\b/, /\bmayor\b/],
  [/\bgovernor\b/, /\bgovernor\b/],
];

/**
 * Things that "say" without being anyone ("what did the first estimate say", "what does the article
 * say about …"): the question asks for what they hold, not for someone's words.
 */
export const NON_SPEAKERS: ReadonlySet<string> = new Set(
  `estimate estimates forecast forecasts projection projections figure figures number numbers data
  article story piece headline title text report study survey poll plan budget chart table graph`.split(
    /\s+/,
  ),
);

/** Units of an amount: "how many billions" counts money, "how many points" a share. */
export const UNIT_WORDS: ReadonlySet<string> = new Set(
  'dollars dollar bucks billion billions bn million millions thousand thousands percent percentage points cents'.split(
    /\s+/,
  ),
);

/** Money asked about (with ASKS_VALUE: its amount). */
export const MONEY =
  /\b(?:price|priced|prices|cost|costs|costing|spend|spends|spending|spent|money|dollars?|worth|valued?|valuation|market ?cap(?:itali[sz]ation)?|amount|paid|pay)\b|\$/i;
/**
 * The value itself is asked for: "how much", "exactly", or the money word within two words of
 * "what (is|was|did …)": "what was Globex's share price", "what did it cost" — not "what does Globex
 * claim about its costs", which asks for the claim.
 */
export const ASKS_VALUE =
  /\b(?:how much|exact|exactly)\b|\bhow many (?:dollars|bucks|billions?|millions?|thousands?)\b|\bwhat(?:'s|’s| is| was| were| are| did| does| do| would| will)?\s+(?:\S+\s+){0,2}(?:price|priced|prices|cost|costs|costing|spend|spends|spending|spent|worth|valued?|valuation|market ?cap(?:itali[sz]ation)?|amount|paid|pay)\b/i;

/** A calendar date asked for: "what date", "which year", "the exact date". */
export const ASKS_DATE =
  /\b(?:what|which|exact|precise|specific|actual)\s+(?:date|year|month)\b|\bon what day of\b|\bdate\s+(?:of|was|did)\b/i;
