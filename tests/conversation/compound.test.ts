import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { createCore } from '../../src/app.ts';
import type { Reply } from '../../src/core/reply.ts';
import { StoryLibrary } from '../../src/engine/library.ts';
import { invocation, testDispatcher } from '../helpers.ts';

const dispatcher = testDispatcher();
let asker = 0;
/** Each question from a new person, so no conversation colours it. */
const ask = (text: string): Promise<Reply> =>
  dispatcher.answer(
    invocation({ platform: 'discord', source: 'mention', text, user: { id: `c${++asker}` } }),
  );
const { dispatcher: tram } = createCore({
  commands,
  stories: StoryLibrary.load('vellmouth-council-approves-tram-line'),
});
/** The same, of the tram story. */
const askTram = (text: string): Promise<Reply> =>
  tram.answer(invocation({ platform: 'discord', source: 'mention', text, user: { id: `t${++asker}` } }));
const quotesOf = (reply: Reply) => (reply.items ?? []).flatMap((item) => (item.quote ? [item.quote] : []));

describe('questions one fact cannot answer alone', () => {
  it('compares two figures with the verdict: which one, by how much, each with its quote', async () => {
    for (const q of [
      'which dropped more, nvidia or microsoft',
      'compare nvidia to microsoft',
      'microsoft vs nvidia',
    ]) {
      const reply = await ask(q);
      expect(reply.kind, q).toBe('answer');
      expect(reply.body, q).toBe(
        'Nvidia fell more: 20%, against over 8% for Microsoft — about 12 percentage points more.',
      );
      expect(quotesOf(reply), q).toHaveLength(2);
    }
  });

  it('answers a question in several parts part by part, with each part’s quote', async () => {
    const reply = await ask('who banned deepseek and what did abbott say');
    expect(reply.kind).toBe('answer');
    expect(reply.items?.map((item) => item.label)).toEqual(['who banned deepseek', 'what did abbott say']);
    expect(reply.items?.[1]?.text).toMatch(/Texas will not allow the Chinese Communist Party/);
    expect(quotesOf(reply)).toHaveLength(2);
  });

  it('gives a topic’s digest for a summary request about it, the whole summary otherwise', async () => {
    const bans = await ask('tldr of the bans');
    expect(bans.kind).toBe('list');
    expect(bans.title).toBe('tldr of the bans');
    expect(bans.body).toMatch(/blocking DeepSeek/);
    const qwen = await ask('quick summary of the qwen launch');
    expect(qwen.items?.some((item) => /Qwen 2.5-Max/.test(item.text))).toBe(true);
    const whole = await ask('tl;dr');
    expect(whole.title).toMatch(/^Summary: /);
  });

  it('settles "is Initech American?" from where the article places it, not from a fact naming both', async () => {
    const american = await ask('wait is deepseek american?');
    expect(american.kind).toBe('answer');
    expect(american.body).toBe(
      'No — the article calls DeepSeek a Hangzhou-based Chinese AI company behind the DeepSeek models; it does not place it in the United States.',
    );
    const chinese = await ask('is alibaba chinese');
    expect(chinese.body).toBe('Yes — the article calls Alibaba a Chinese tech giant based in Hangzhou.');
    expect(chinese.quote?.text).toMatch(/^Chinese tech giant Alibaba has officially denied/);
  });

  it('says when the article’s percentage is of something else than the whole asked about', async () => {
    const voters = await askTram('what percentage of voters approved the 2023 sales tax measure');
    expect(voters.kind).toBe('no_answer');
    expect(voters.body).toMatch(
      /^The article gives 0\.25%, but not as a share of voters\. What it says: A 0\.25% sales tax/,
    );
    expect(voters.quote?.text).toMatch(/approved by voters in 2023/);
    // A percentage that is of the whole asked about is the answer.
    const commenters = await askTram('what share of commenters backed the project');
    expect(commenters.kind).toBe('answer');
    expect(commenters.body).toMatch(/61%/);
  });

  it('"is Texas the only one banning DeepSeek?" is answered No from the list that names others', async () => {
    const reply = await ask('is texas the only one banning deepseek?');
    expect(reply.body).toMatch(
      /^No — Texas joined a growing list of organisations and governments blocking DeepSeek/,
    );
    // A fact naming others who are not doing it settles nothing.
    expect((await ask('is alibaba the only one that denied it')).body).not.toMatch(/^No/);
  });

  it('settles "is one place in another" by where the article places it, never by a fact naming both', async () => {
    const ends = await askTram('is Old Harbour in Northgate');
    expect(ends.kind).toBe('no_answer');
    expect(ends.body).toMatch(
      /^The article doesn’t say that Old Harbour is in Northgate; it calls Old Harbour a waterfront district/,
    );
    const street = await askTram('is canal street in northgate?');
    expect(street.kind).toBe('answer');
    expect(street.body).toMatch(/^Yes — the article places Canal Street in Northgate/);
  });

  it('says when the article gives a percentage, not the price, or no amount at all, and offers what it does say', async () => {
    const price = await ask('what was alibaba share price');
    expect(price.kind).toBe('no_answer');
    expect(price.body).toMatch(
      /^The article gives the percentage \(16%, nearly 10%\), not the price\. What it says: /,
    );
    expect(price.quote?.text).toMatch(/Alibaba’s stock has surged 16%/);
    const amount = await ask('how much money did deepseek spend on training');
    expect(amount.kind).toBe('no_answer');
    expect(amount.body).toMatch(
      /^The article gives no amount\. What it says: DeepSeek claims its AI model costs a fraction/,
    );
    // A question the article does answer with an amount is answered.
    expect((await ask('how big was the investment')).kind).toBe('answer');
  });

  it('answers a question about a claim on costs with the claim, not as a missing amount', async () => {
    const claim = await ask('what is deepseek saying about the cost of training its model');
    expect(claim.kind).toBe('answer');
    expect(claim.body).toMatch(/a fraction of what major players spend on training/);
    const amount = await ask('what did it cost deepseek to train the model');
    expect(amount.kind).toBe('no_answer');
    expect(amount.body).toMatch(/^The article gives no amount\./);
  });

  it('says when the article gives no calendar date, and answers where it gives one', async () => {
    const relative = await ask('on which exact date did microsoft shares fall');
    expect(relative.kind).toBe('no_answer');
    expect(relative.body).toMatch(
      /^The article gives no calendar date, only “after DeepSeek’s R1 model announcement”\./,
    );
    const dated = await ask('which year did deepseek release v2');
    expect(dated.kind).toBe('answer');
    expect(dated.body).toMatch(/May 2024/);
  });

  it('gives a topic’s digest for a question that is only the topic’s name', async () => {
    for (const q of ['the bans?', 'Ban']) {
      const reply = await ask(q);
      expect(reply.kind, q).toBe('list');
      expect(reply.body, q).toMatch(/blocking DeepSeek/);
      expect(
        reply.items?.some((item) => /Navy, Congress/.test(item.text)),
        q,
      ).toBe(true);
    }
    // A company's name is answered about that company.
    expect((await ask('nvidia?')).kind).toBe('answer');
  });
});

describe('who came out ahead, with no measure named', () => {
  it('a rise beats a fall, and of two falls the smaller one', async () => {
    const rise = await ask('which company won, microsoft or alibaba');
    expect(rise.kind).toBe('answer');
    expect(rise.body).toBe('Alibaba came out ahead: it rose 16%, while Microsoft fell over 8%.');
    expect(quotesOf(rise)).toHaveLength(2);
    const falls = await ask('who fared better, nvidia or microsoft');
    expect(falls.body).toBe('Microsoft came out ahead: it fell over 8%, while Nvidia fell 20%.');
  });
});

describe('round 7: several parts, and a time of day', () => {
  it('answers each part of "how much … and when …" rather than the detail one part lacks', async () => {
    const reply = await askTram('how much will it cost and when does construction begin? (both pls)');
    expect(reply.kind).toBe('answer');
    const texts = (reply.items ?? []).map((item) => item.text).join('\n');
    expect(texts).toMatch(/\$412 million/);
    expect(texts).toMatch(/September 2025/);
  });

  it('says the article gives no time of day when asked what time, only the day', async () => {
    const reply = await askTram('what time does thursday’s meeting at city hall start?');
    expect(reply.kind).toBe('no_answer');
    expect(reply.body).toMatch(/^The article gives no time of day, only “next Thursday”\./);
  });
});

describe('round 8: the largest or smallest of a list’s figures', () => {
  it('answers with the top (or bottom) item of a list whose items carry figures, against the others', async () => {
    const most = await askTram('which funding source is the biggest chunk');
    expect(most.kind).toBe('answer');
    expect(most.body).toMatch(
      /^State transit grant is the largest: \$180 million, against \$150 million \(city bonds\)/,
    );
    expect(most.quote?.text).toMatch(/According to the VRTA/);
    const least = await askTram('what’s the smallest of the three funding sources?');
    expect(least.body).toMatch(/^Sales tax revenue is the smallest: \$82 million/);
  });

  it('leaves a superlative about a list without figures to the engine', async () => {
    const reply = await askTram('what do most residents think of the line');
    expect(reply.body).not.toMatch(/is the (?:largest|smallest)/);
  });
});

describe('round 8: the time between two dates', () => {
  it('computes the time between two dated facts, saying it comes from the article’s dates', async () => {
    const reply = await askTram(
      'roughly how many years between the start of construction and the first riders?',
    );
    expect(reply.kind).toBe('answer');
    expect(reply.body).toBe(
      'About 3 years, computed from the article’s dates: September 2025 and late 2028.',
    );
    expect(quotesOf(reply)).toHaveLength(2);
    const years = await ask('how many years between alibaba’s ai lab and deepseek v2');
    expect(years.body).toMatch(/^About 7 years, computed from the article’s dates: 2017 and May 2024\./);
  });

  it('says so when one of the two has no calendar date', async () => {
    const reply = await askTram('how long from the vote to opening');
    expect(reply.kind).toBe('no_answer');
    expect(reply.body).toMatch(/no calendar date for one of them, only “Tuesday night”/);
  });
});

describe('round 8: who runs something', () => {
  it('names the person the article gives a leading role in it', async () => {
    const reply = await askTram('who runs the VRTA');
    expect(reply.kind).toBe('answer');
    expect(reply.body).toBe('Marcus Oyelaran, chief executive of the VRTA.');
    expect(reply.quote?.text).toMatch(/chief executive, Marcus Oyelaran/);
    expect((await askTram('who leads the traders association')).body).toMatch(/^Priya Velloso, chair/);
  });

  it('says the article doesn’t say when it names no leader, rather than what the body does', async () => {
    const reply = await askTram('who heads the business network');
    expect(reply.kind).toBe('no_answer');
    expect(reply.body).toMatch(/^The article doesn’t say who leads Northgate Small Business Network\./);
    // A vice-president does not run the company.
    expect((await ask('who runs alibaba')).kind).toBe('no_answer');
  });
});

describe('round 8: details the article gives only in part', () => {
  it('says the article gives the number, not the names, of people it only counts', async () => {
    const reply = await askTram('which councillors voted against');
    expect(reply.kind).toBe('no_answer');
    expect(reply.body).toMatch(
      /^The article gives the number \(four councillors\), not the names\. What it says: The four/,
    );
    expect(reply.quote?.text).toMatch(/four councillors who voted against/);
    const yes = await askTram('can u list the 7 councillors who voted yes');
    expect(yes.kind).toBe('no_answer');
    expect(yes.body).toMatch(/^The article gives the number \(a 7–4 vote\), not the names\./);
    // How many is answered.
    expect((await askTram('how many councillors voted against')).body).toMatch(/four councillors/);
  });

  it('says how often at a time the article gives no frequency for is not said, not the nearest answer', async () => {
    const reply = await askTram('how often do trams run on weekends?');
    expect(reply.kind).toBe('no_answer');
    expect(reply.body).toMatch(
      /^The article doesn’t say how often on weekends, only at the times it names\./,
    );
    expect(reply.quote?.text).toMatch(/every 8 minutes at peak times/);
    expect((await askTram('how often do trams run at night?')).kind).toBe('no_answer');
    expect((await askTram('how often do trams run in the evening?')).body).toMatch(
      /every 15 minutes in the evening/,
    );
    // Rush hour is the peak.
    expect((await askTram('how often do trams come at rush hour')).body).toMatch(
      /every 8 minutes at peak times/,
    );
  });
});

describe('round 7: a statement with a tag asks whether it is so', () => {
  it.each([
    ["yan qiao is alibaba's ceo right?", /^No — the article calls Yan Qiao Alibaba Vice President, not CEO/],
    [
      'qwen 2.5 max launched on christmas didnt it',
      /^No — Qwen 2\.5-Max was released on the first day of the Lunar New Year/,
    ],
    ["tiktok is owned by tencent isn't it", /^No — the article calls TikTok a ByteDance-owned app/],
  ])('%s', async (question, body) => {
    const reply = await ask(question);
    expect(reply.kind).toBe('answer');
    expect(reply.body).toMatch(body);
  });
});

describe('round 7: whose a product is', () => {
  it('names the company the article ties it to, and says No to another', async () => {
    expect((await ask('who makes qwen')).body).toMatch(
      /^Alibaba — the article calls Qwen 2\.5-Max Alibaba's latest AI model/,
    );
    expect((await ask('is qwen made by deepseek')).body).toMatch(/^No — .*it does not tie it to DeepSeek/);
    expect((await ask('is tiktok owned by bytedance')).body).toMatch(/^Yes — /);
    expect((await ask('who owns deepseek')).kind).toBe('no_answer');
  });
});

describe('round 7: figures that moved, listed', () => {
  it('names every figure of the kind asked that moved the way asked, each with its quote', async () => {
    const fell = await ask('which stocks took a hit from deepseek?');
    expect(fell.body).toMatch(/^Microsoft fell over 8%.*; Nvidia fell 20%/);
    expect(fell.body).not.toMatch(/Alibaba/);
    expect(quotesOf(fell)).toHaveLength(2);
    expect((await ask('which stock went UP after deepseek: msft, nvda or alibaba?')).body).toMatch(
      /^Alibaba rose 16% this year and nearly 10%/,
    );
    const every = await ask('list every stock move the article mentions');
    expect(every.body).toMatch(/Microsoft fell over 8%.*Nvidia fell 20%.*Alibaba rose 16%/);
  });

  it('leaves "which fell more" to the comparison, and other questions to the engine', async () => {
    expect((await ask('which stock dropped more, nvidia or microsoft')).body).toMatch(/^Nvidia fell more/);
    expect((await ask('what could slow down deepseek’s growth')).body).toMatch(/regulatory/);
  });
});

describe('round 10: figures that moved, asked by count or by name', () => {
  it('reads "which two stock drops" as asking the kind after the count', async () => {
    const reply = await ask('which two stock % drops are mentioned');
    expect(reply.body).toMatch(/^Microsoft fell over 8%.*; Nvidia fell 20%/);
    expect(reply.body).not.toMatch(/Alibaba/);
  });

  it('gives every move of the names asked in "what happened to A, B and C stocks", whichever way', async () => {
    const reply = await ask('what happened to microsoft, nvidia and alibaba stocks? quick numbers pls');
    expect(reply.body).toMatch(/^Microsoft fell over 8%.*; Nvidia fell 20%.*; Alibaba rose 16% this year/);
    expect(quotesOf(reply)).toHaveLength(3);
    // a guess after a question is part of it, not a second question
    const guessed = await ask("which of meta's models did qwen supposedly outperform? llama 3?");
    expect(guessed.kind).toBe('no_answer');
    expect(guessed.body).toMatch(/never mentions “llama 3”/);
    // a name with no move of its own asks no list of the others'
    expect((await ask("what happened to meta's stock after deepseek?")).kind).toBe('no_answer');
  });
});

describe('round 7: advice asked for', () => {
  it('is declined, with the note the article gives itself; whether the article is advice is answered', async () => {
    const buy = await ask('should i buy alibaba stock after reading this');
    expect(buy.kind).toBe('no_answer');
    expect(buy.body).toMatch(/^I can’t advise on that\. The article is for informational purposes only/);
    // "yes or no" after it is how to put the answer, not a second question
    const yesOrNo = await ask('should i buy alibaba stock after this news? yes or no');
    expect(yesOrNo.kind).toBe('no_answer');
    expect(yesOrNo.body).toMatch(/^I can’t advise on that\./);
    expect((await ask('is this article financial advice?')).body).toMatch(
      /^No — the article is for informational/,
    );
  });
});

describe('round 7: "is X the first to …"', () => {
  it('is No from a list of those that did it, which X joined', async () => {
    const reply = await ask('is texas the first to ban deepseek?');
    expect(reply.kind).toBe('answer');
    expect(reply.body).toMatch(/^No — Texas joined a growing list/);
  });
});

describe('round 7: "who got hurt on the market"', () => {
  it('names whoever’s figures moved that way, when figures are what it asks of', async () => {
    const reply = await ask('who got hurt by deepseek on the market');
    expect(reply.body).toMatch(/^Microsoft fell over 8%.*; Nvidia fell 20%/);
  });
});

describe('round 9: a detail the article gives otherwise', () => {
  it('says No with the fact, of a place, a platform or a reason the article gives otherwise', async () => {
    expect((await ask('did yan qiao post the denial on twitter?')).body).toMatch(
      /^No — the article says otherwise: .*WeChat/,
    );
    expect((await ask('deepseek keeps user data in the US??')).body).toMatch(/^No — .*stored in China/);
    expect((await ask('the texas ban was over copyright stuff right?')).body).toMatch(
      /^No — .*national security concerns/,
    );
    // Somewhere the article puts nothing of the kind asked is still not answered, nor a reason it
    // speaks of elsewhere.
    expect((await ask('is deepseek banned in india')).kind).toBe('no_answer');
    expect((await askTram('was the vote over budget concerns?')).kind).toBe('no_answer');
    expect((await ask('did alibaba announce qwen on twitter?')).kind).toBe('no_answer');
  });

  it('settles whose title it is: "Greg Abbott is California\'s governor?"', async () => {
    expect((await ask("Greg Abbott is California's governor?")).body).toBe(
      'No — the article calls Greg Abbott Governor of Texas, not California’s governor.',
    );
    expect((await ask('is abbott the governor of texas')).body).toMatch(/^Yes — /);
  });

  it('says No to leave to use what the article says was banned', async () => {
    expect((await ask('is the us navy allowed to use deepseek')).body).toMatch(/^No — .*U\.S\. Navy/);
    expect((await ask('can italy still use deepseek')).body).toMatch(/^No — .*Italy/);
  });

  it("reads \"like Initech's\" as a likeness: did Alibaba's stock crash like Nvidia's? No, it surged", async () => {
    expect((await ask("did alibaba's stock crash like nvidia's?")).body).toMatch(/surged 16%/);
  });
});

describe('round 9: a figure asked of each of two names', () => {
  it('answers each in turn with its own fact', async () => {
    const reply = await ask('how much did nvidia and msft each drop?');
    expect(reply.kind).toBe('answer');
    expect(reply.items?.map((item) => item.label)).toEqual(['Nvidia', 'Microsoft']);
    expect(reply.items?.map((item) => item.text).join(' ')).toMatch(/20%.*over 8%/);
  });
});

describe('round 9: what kind of thing something is', () => {
  it('says what the article calls it, from a sentence that says so', async () => {
    expect((await ask('what kind of company is nvidia')).body).toBe(
      'The article calls Nvidia the leading AI chip manufacturer.',
    );
    // Of a thing named alone: "what kind of services is Globex betting on" asks of the services.
    expect((await ask('what kind of cloud services is alibaba betting big on')).body).toMatch(/cloud/);
  });
});

describe('round 10: the gap between two figures', () => {
  it('computes the gap between two figures one fact gives in the same terms', async () => {
    const reply = await askTram('how much time does the tram save vs the bus at rush hour');
    expect(reply.kind).toBe('answer');
    expect(reply.body).toBe(
      'About 24 minutes, computed from the article’s figures: 26 minutes and up to 50 minutes.',
    );
    expect(quotesOf(reply)[0]).toContain('26 minutes');
  });

  it('computes how much more the thing asked about is than the figure asked against', async () => {
    const reply = await askTram('how much more is it than the first estimate');
    expect(reply.body).toBe(
      '$74 million more, computed from the article’s figures: $412 million and $338 million.',
    );
    expect(quotesOf(reply)).toHaveLength(2);
  });

  it('leaves a gap alone when the figures are not of one thing in the same terms', async () => {
    // a fare and the project's cost share no topic
    expect((await askTram('how much more will the tram cost than the bus fare?')).body).not.toMatch(
      /computed from/,
    );
    // two names compared keep their own reply
    expect((await ask('how much more did nvidia drop than microsoft')).body).toMatch(/^Nvidia fell more/);
  });
});

describe('a gap between two figures, only where the thing asked about is known', () => {
  it('works the gap out for "it" and for a comparative other than "more"', async () => {
    expect((await askTram('how much more is it than the first estimate?')).body).toBe(
      '$74 million more, computed from the article’s figures: $412 million and $338 million.',
    );
    expect((await askTram('how much higher is the cost than the first estimate?')).body).toMatch(
      /^\$74 million more, computed/,
    );
  });

  it('computes no gap against the story’s main figure when another thing is named before "than"', async () => {
    const reply = await askTram('how much more is the state grant than the city bonds?');
    expect(reply.body).not.toMatch(/computed from the article/);
    expect(reply.body).not.toMatch(/\$262 million/);
  });
});
