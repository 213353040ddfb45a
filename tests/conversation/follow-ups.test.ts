import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { createCore } from '../../src/app.ts';
import { MemoryConversationStore } from '../../src/core/conversation.ts';
import type { Dispatcher } from '../../src/core/dispatcher.ts';
import type { Reply } from '../../src/core/reply.ts';
import { StoryLibrary } from '../../src/engine/library.ts';
import { invocation, testDispatcher } from '../helpers.ts';

/** A chat in one Discord channel: each person's messages form their own conversation. */
function chat(dispatcher: Dispatcher = testDispatcher()) {
  return (text: string, user = 'u1', channelId = 'c1'): Promise<Reply> =>
    dispatcher.answer(
      invocation({ platform: 'discord', source: 'mention', text, user: { id: user }, channelId }),
    );
}

describe('follow-ups read against the last answer', () => {
  it('"is that true?" confirms the last answer, not some other fact', async () => {
    const say = chat();
    expect((await say('did nvidia stock drop')).body).toMatch(/Nvidia.*20% dip/);
    const reply = await say('is that true?');
    expect(reply.kind).toBe('answer');
    expect(reply.body).toMatch(/^Yes — the article reports it: Nvidia/);
    expect(reply.body).not.toMatch(/Alibaba/);
  });

  it('"who said that?" after the denial names the person quoted making it', async () => {
    const say = chat();
    await say('did alibaba invest in deepseek');
    const reply = await say('who said that?');
    expect(reply.body).toMatch(/^Yan Qiao said it: Alibaba Vice President Yan Qiao swiftly dismissed/);
    expect(reply.body).not.toMatch(/Kaifu Zhang/);
    expect(reply.quote?.text).toMatch(/fake news/);
  });

  it('says the article does not give a detail it lacks, and keeps the subject for the next follow-up', async () => {
    const say = chat();
    await say('did nvidia stock drop');
    const who = await say('who said that?');
    expect(who.kind).toBe('no_answer');
    expect(who.body).toMatch(/^The article doesn’t say who said it/);
    expect(who.quote?.text).toMatch(/Nvidia/);
    const much = await say('how much?');
    expect(much.kind).toBe('answer');
    expect(much.body).toMatch(/^20%: Nvidia/);
    // The article gives the dip among the shockwaves of DeepSeek's claim, the sentence its list hangs from.
    const why = await say('why?');
    expect(why.kind).toBe('answer');
    expect(why.body).toMatch(/^Nvidia.*20% dip.*The article gives it under this: DeepSeek claims/);
  });

  it('"tell me more" gives the next related fact not yet shown, each once', async () => {
    const say = chat();
    const first = await say('did nvidia stock drop');
    const more = await say('tell me more');
    const again = await say('more');
    expect(more.kind).toBe('answer');
    expect(again.kind).toBe('answer');
    const bodies = [first.body, more.body, again.body];
    expect(new Set(bodies).size).toBe(3);
  });

  it('"and italy?" asks the last question of Italy; "how much did it drop" means the last subject', async () => {
    const say = chat();
    await say('Did Texas ban DeepSeek?');
    const italy = await say('and italy?');
    expect(italy.body).toMatch(/Italy/);
    expect(italy.resolvedQuestion).toBe('Did Italy ban DeepSeek?');
    await say('did nvidia stock drop');
    const drop = await say('how much did it drop');
    expect(drop.body).toMatch(/20%/);
    expect(drop.resolvedQuestion).toBe('how much did Nvidia drop');
  });

  it('follows up on who someone is: "tell me more" brings a fact the list did not show', async () => {
    const say = chat();
    const who = await say('who is greg abbott');
    expect(who.title).toBe('Greg Abbott');
    const more = await say('tell me more');
    expect(more.kind).toBe('answer');
    expect(who.items?.map((i) => i.text)).not.toContain(more.body);
  });

  it('"what about nvidia?" after a bans question is not answered with the stock dip', async () => {
    const say = chat();
    await say('did the us ban deepseek');
    const reply = await say('what about nvidia?');
    expect(reply.body).not.toMatch(/20% dip/);
  });

  it('asks what "that" means when there is nothing to refer to, with questions it can answer', async () => {
    const say = chat();
    for (const text of ['who said that?', 'is that true?', 'why?', 'tell me more', 'when was that']) {
      const reply = await say(text, `fresh-${text}`);
      expect(reply.kind, text).toBe('no_answer');
      expect(reply.body, text).toMatch(/^What does “that” refer to\?/);
      expect(reply.suggestions?.length, text).toBeGreaterThan(0);
    }
  });

  it('keeps two people in one channel apart, and forgets a conversation after its idle time', async () => {
    let now = 0;
    const dispatcher = testDispatcher({ conversations: new MemoryConversationStore(10 * 60_000, () => now) });
    const say = chat(dispatcher);
    await say('did nvidia stock drop', 'alice');
    expect((await say('is that true?', 'bob')).body).toMatch(/^What does “that” refer to/);
    now = 9 * 60_000;
    expect((await say('how much?', 'alice')).body).toMatch(/^20%/);
    now += 10 * 60_000;
    expect((await say('how much?', 'alice')).body).toMatch(/^What does “that” refer to/);
  });
});

describe('follow-ups in chat shorthand resolve against the previous answer', () => {
  it('"she" is the person the last answer quotes; "is she the boss?" is settled by her role', async () => {
    const say = chat();
    expect((await say('who said the investment story was fake news')).body).toMatch(/Yan Qiao/);
    const where = await say('where did she post that');
    expect(where.resolvedQuestion).toMatch(/Yan Qiao/);
    expect(where.body).toMatch(/WeChat/);
    const ceo = await say('was she the chief executive?');
    expect(ceo.kind).toBe('answer');
    expect(ceo.body).toMatch(/^No — the article calls Yan Qiao Alibaba Vice President, not chief executive/);
    expect((await say('is she a vp')).body).toMatch(
      /^Yes — the article calls Yan Qiao Alibaba Vice President/,
    );
  });

  it('"and how often in the evening?" with nothing before it is answered as a question of its own', async () => {
    const { dispatcher } = createCore({
      commands,
      stories: StoryLibrary.load('vellmouth-council-approves-tram-line'),
    });
    const say = chat(dispatcher);
    const reply = await say('and how often in the evening?');
    expect(reply.kind).toBe('answer');
    expect(reply.body).toMatch(/every 15 minutes in the evening/);
  });

  it('"is she Alibaba\'s CEO?" names a company but no person: "she" is still the person spoken of', async () => {
    const say = chat();
    expect((await say('what did yan qiao say about deepseek exactly')).body).toMatch(/applaud/);
    // "why bring up Hangzhou?" is answered with what the article says of it, which does not lose her.
    expect((await say('why bring up hangzhou?')).body).toMatch(/Hangzhou/);
    const ceo = await say("is she alibaba's ceo?");
    expect(ceo.resolvedQuestion).toMatch(/Yan Qiao/);
    expect(ceo.body).toMatch(/^No — the article calls Yan Qiao Alibaba Vice President, not CEO/);
  });

  it('"why then?", "ok why\'s that a problem": the reason, with fillers and contractions read away', async () => {
    const say = chat();
    await say('when was qwen 2.5 max released');
    const why = await say('hmm why then?');
    expect(why.kind).toBe('answer');
    expect(why.body).toMatch(/strategic response/);
    await say('where does deepseek keep user data');
    const bad = await say("ok why's that a problem");
    expect(bad.body).toMatch(/intelligence agencies/);
  });

  it('"why" after one member of a list gets the reason the article gives for all of them', async () => {
    const say = chat();
    expect((await say('has the pentagon blocked deepseek')).body).toMatch(/Pentagon/);
    const why = await say('why tho');
    expect(why.kind).toBe('answer');
    expect(why.body).toMatch(/security/);
  });

  it('"since when, exactly" of a span answers with the span', async () => {
    const say = chat();
    await say('is ai new for alibaba');
    const since = await say('since when exactly');
    expect(since.kind).toBe('answer');
    expect(since.body).toMatch(/^For over a decade/);
  });

  it('"any other countries?" names the others; "any other states?" says the article names none', async () => {
    const say = chat();
    await say('has italy blocked deepseek');
    const others = await say('any other countries?');
    expect(others.kind).toBe('answer');
    expect(others.body).toMatch(/Taiwan/);
    const texas = chat();
    await texas('did texas block deepseek');
    await texas('fines?');
    const states = await texas('what other states');
    expect(states.kind).toBe('no_answer');
    expect(states.body).toMatch(/^The article names no others/);
  });

  it('a follow-up read in full that asks an amount the article lacks abstains, saying so', async () => {
    const say = chat();
    await say('what is alibaba betting big on');
    const spend = await say('how much is it spending on that');
    expect(spend.kind).toBe('no_answer');
    // The nearest fact with a cost is DeepSeek's, not Alibaba's: it is not offered either.
    expect(spend.body).toMatch(/^The article doesn’t say/);
  });

  it('singular "they" after a quote is whoever is quoted, and an unnamed person has no name to give', async () => {
    const say = chat();
    await say('who said silicon valley got shockwaves');
    const name = await say('what is their name');
    expect(name.kind).toBe('no_answer');
  });
});

describe('questions after a detail the article lacks', () => {
  it.each([
    'did the other us states ban deepseek besides texas',
    'did any other state apart from texas block it',
  ])('"%s": the article names no other', async (question) => {
    const reply = await chat()(question);
    expect(reply.kind).toBe('no_answer');
    expect(reply.body).toMatch(/^The article names no other besides Texas/);
  });

  it('"who is alibaba\'s chief executive" is not answered with its vice president', async () => {
    const reply = await chat()("who's alibaba's chief executive");
    expect(reply.kind).toBe('no_answer');
    expect(reply.body ?? '').not.toMatch(/Yan Qiao/);
  });
});

describe('"what else" after a list answer to a question about some of its items', () => {
  it('names the list’s other items', async () => {
    const say = chat();
    const first = await say('does alibaba use ai to translate for merchants');
    expect(first.body).toMatch(/translation for global merchants/);
    const reply = await say('anything else');
    expect(reply.kind).toBe('answer');
    expect(reply.body).toMatch(
      /^Besides automated translation for global merchants, the article names AI-driven content creation and streamlined product return processes\./,
    );
  });

  it('after the whole list, says that is all it lists and moves on to the next fact', async () => {
    const say = chat();
    await say('which companies cut prices because of deepseek');
    const reply = await say('what else');
    expect(reply.body).toMatch(
      /^That is all the article lists: ByteDance, Tencent, Baidu and Alibaba\. It also says: /,
    );
    expect(reply.body).not.toMatch(/It also says: Since launching/);
  });
});

describe('"when was that" of an event the sentence dates', () => {
  it('takes the date from the fact quoting the same sentence when the answer’s own fact has none', async () => {
    const say = chat();
    expect((await say('which chinese firms lowered their prices')).body).toMatch(/ByteDance, Tencent/);
    const reply = await say('when was that then');
    expect(reply.kind).toBe('answer');
    expect(reply.body).toMatch(/^May 2024: /);
  });

  it('"what happened after that" tells what the article says next; "which companies?" names them', async () => {
    const say = chat();
    await say('when did deepseek launch v2');
    const after = await say('what happened after that');
    expect(after.body).toMatch(/undercut competitors/);
    const which = await say('which companies?');
    expect(which.body).toMatch(/ByteDance, Tencent, Baidu and Alibaba/);
  });

  it('"which outlets?" after a fact naming none says the article does not name them', async () => {
    const say = chat();
    await say('so where did the rumor come from');
    const reply = await say('which outlets?');
    expect(reply.kind).toBe('no_answer');
    expect(reply.body).toMatch(/^The article doesn’t name them\. What it does say: .*media outlets/);
  });

  it('a claim followed by "is that true?" is checked against the article', async () => {
    const say = chat();
    const reply = await say('saw somewhere that alibaba is putting $1b into deepseek, is that true?');
    expect(reply.body).toMatch(/Alibaba has officially denied reports/);
  });

  it('"what does it say …" reads "it" as the article, with "ok whatever" read away', async () => {
    const say = chat();
    await say('is this article financial advice?');
    const reply = await say('ok whatever, what does it say the new phase of ai competition is about');
    expect(reply.body).toMatch(/pricing and cost-efficiency/);
  });

  it('a yes/no of "that" settled by the last answer\'s own words is answered from it', async () => {
    const { dispatcher } = createCore({
      commands,
      stories: StoryLibrary.load('vellmouth-council-approves-tram-line'),
    });
    const say = chat(dispatcher);
    await say('how much will a tram fare be');
    const reply = await say('is that the same as the bus?');
    expect(reply.body).toMatch(
      /^Yes — the article reports it: A single tram fare will cost \$2\.50, the same as a city bus ticket/,
    );
    await say('which local businesses back the tram', 'u2');
    await say("who's the chair?", 'u2');
    const north = await say('what about northgate businesses?', 'u2');
    expect(north.body).toMatch(/opposes the plan/);
  });

  it('"when was that announced" of a fact dated only after the announcement says the article does not say', async () => {
    const say = chat();
    await say('how much did msft fall');
    const reply = await say('when was that announced');
    expect(reply.kind).toBe('no_answer');
    expect(reply.body).toMatch(/^The article doesn’t say when\./);
  });

  it('"is that confirmed?" of a denial answers No', async () => {
    const say = chat();
    await say('how much was the rumored investment');
    const reply = await say('is that confirmed?');
    expect(reply.body).toMatch(/^No — the article reports it denied: Alibaba has officially denied/);
  });

  it('"where?" after "who said that?" names where it was said, or says the article does not', async () => {
    const say = chat();
    await say('did alibaba invest in deepseek?');
    await say('who said that?');
    const where = await say('where?');
    expect(where.body).toMatch(/^WeChat: Alibaba Vice President Yan Qiao/);
    await say('how much did nvidia drop', 'u2');
    const nowhere = await say('where?', 'u2');
    expect(nowhere.kind).toBe('no_answer');
    expect(nowhere.body).toMatch(/^The article doesn’t say where\./);
  });
});

describe('round 7: "how much did it drop" of a figure', () => {
  it('reads "it" as what the last answer’s figures are of, not the name the last question began with', async () => {
    const say = chat();
    expect((await say("which deepseek announcement hit microsoft's stock?")).body).toMatch(/R1/);
    const reply = await say('how much did it drop');
    expect(reply.kind).toBe('answer');
    expect(reply.body).toMatch(/over 8%/);
  });
});

describe('round 7: "is this …" of the last answer’s own words', () => {
  it('says Yes when the words asked are the statement’s, though the fact denies something else', async () => {
    const say = chat(
      createCore({ commands, stories: StoryLibrary.load('vellmouth-council-approves-tram-line') }).dispatcher,
    );
    await say('is this a real news story?');
    const reply = await say('is this story fictional');
    expect(reply.body).toMatch(/^Yes — /);
  });
});

describe('round 7: "it" after a question for a kind of thing', () => {
  it('is the thing the answer gave ("who owns it?" after "what app is DeepSeek compared to")', async () => {
    const say = chat();
    expect((await say('what app is deepseek compared to')).body).toMatch(/TikTok/);
    const reply = await say('who owns it?');
    expect(reply.kind).toBe('answer');
    expect(reply.body).toMatch(/ByteDance/);
  });

  it('"has any other app had the same issue?" after the privacy worry is TikTok', async () => {
    const say = chat();
    await say('where does deepseek keep user data');
    expect((await say('has any other app had the same issue?')).body).toMatch(/TikTok/);
  });
});

describe('round 7: "why then of all times?"', () => {
  it('is "why then": the reason the article gives for the timing', async () => {
    const say = chat();
    await say('what model did alibaba just release');
    await say('when did it come out?');
    expect((await say('why then of all times?')).body).toMatch(/strategic response/);
  });
});

describe('round 7: "why would she applaud a rival?"', () => {
  it('is answered by her own words, which give the reason (a fellow Hangzhou company)', async () => {
    const say = chat();
    await say('what did yan qiao say about deepseek');
    const reply = await say('why would she applaud a rival?');
    expect(reply.kind).toBe('answer');
    expect(reply.body).toMatch(/fellow Chinese and Hangzhou-based company/);
  });
});

describe('round 7: "and for the year overall?" after a figure of one period', () => {
  it('gives the last answer’s figure of the period named', async () => {
    const say = chat();
    await say('did alibaba stock go up or down since deepseek took off');
    const reply = await say('and for the year overall?');
    expect(reply.body).toMatch(/^16% this year: /);
  });
});

describe('round 7: "what did it do … after that" and "which ones?"', () => {
  it('tells what the article says next when it answers, then names the ones it names', async () => {
    const say = chat();
    await say('when did deepseek launch v2?');
    const after = await say('what did it do to competitors after that');
    expect(after.body).toMatch(/undercut competitors/);
    const which = await say('which ones?');
    expect(which.kind).toBe('answer');
    expect(which.body).toMatch(/ByteDance, Tencent, Baidu and Alibaba/);
  });
});

describe('round 9: follow-ups about the last answer’s people and things', () => {
  const tram = () =>
    chat(
      createCore({ commands, stories: StoryLibrary.load('vellmouth-council-approves-tram-line') }).dispatcher,
    );

  it('"what are their names?" after a count of people says the article only counts them', async () => {
    const say = tram();
    expect((await say('who voted against the tram?')).body).toMatch(/four councillors/);
    const names = await say('what are their names?');
    expect(names.kind).toBe('no_answer');
    expect(names.body).toMatch(/^The article doesn’t name them\. What it does say: The four councillors/);
  });

  it('"when was that number from" dates the figure just given', async () => {
    const say = tram();
    await say('what was the line supposed to cost originally?');
    const when = await say('when was that number from');
    expect(when.kind).toBe('answer');
    expect(when.body).toMatch(/^2022: The first estimate/);
  });

  it('"anything else he promised?" gives more of the same speaker’s words, not yet shown', async () => {
    const say = tram();
    await say('who is the chief exec at the VRTA?');
    const more = await say('anything else he promised?');
    expect(more.kind).toBe('answer');
    expect(more.body).toMatch(/monthly cost reports online/);
    const none = await tram()('anything else he promised?');
    expect(none.body).toMatch(/^What does “that” refer to\?/);
  });

  it('"so is her group for the tram or not" reads "her group" as the body she belongs to', async () => {
    const say = tram();
    await say('who chairs the old harbour traders?');
    const stance = await say('so is her group for the tram or not');
    expect(stance.resolvedQuestion).toMatch(/Old Harbour Traders’ Association/);
    expect(stance.body).toMatch(/backed the line/);
  });

  it('"on which street" and "who\'s complaining about it" are asked of the last answer', async () => {
    const say = tram();
    await say('how many parking spaces get removed?');
    const street = await say('on which street');
    expect(street.kind).toBe('answer');
    expect(street.body).toMatch(/^Canal Street: /);
    const who = await say("who's complaining about it");
    expect(who.body).toMatch(/^It is Northgate Small Business Network’s claim: /);
    const nothing = await tram()('on which street');
    expect(nothing.body).toMatch(/^What does “that” refer to\?/);
  });

  it('"is trask going to do it?" reads "do it" as what the last question asked about', async () => {
    const say = tram();
    await say("when's the deadline to request a review?");
    const reply = await say('is trask going to do it?');
    expect(reply.resolvedQuestion).toBe('is trask going to request a review?');
    expect(reply.body).toMatch(/has not yet decided whether to request a review/);
  });

  it('"on what day?", "who owns it" and "why?" of the default story', async () => {
    const say = chat();
    await say('which state banned deepseek?');
    await say('who announced it');
    expect((await say('on what day?')).body).toMatch(/Thursday/);
    await say('which app faced similar scrutiny to deepseek?');
    const owner = await say('who owns it');
    expect(owner.resolvedQuestion).toBe('who owns TikTok');
    expect(owner.body).toMatch(/owned by ByteDance/);
    await say("what's alibaba betting big on?");
    const why = await say('why?');
    expect(why.kind).toBe('answer');
    expect(why.body).toMatch(/to stay competitive/);
  });

  it('"alibaba too?" after a list naming it is Yes from that answer, and "why" is its own cause', async () => {
    const say = chat();
    await say('which tech giants lowered prices');
    const too = await say('alibaba too?');
    expect(too.body).toMatch(/^Yes — the article reports it: .*Baidu and Alibaba to lower their prices/);
    const why = await say('why');
    expect(why.kind).toBe('answer');
    expect(why.body).toMatch(/undercut competitors, forcing/);
  });
});

describe('round 9: follow-ups in more forms', () => {
  it('"on what day?" asks when', async () => {
    const say = chat();
    await say('who announced the texas ban');
    expect((await say('on what day?')).body).toMatch(/^Thursday: /);
  });

  it('"why is X relevant here" asks what the article says of X', async () => {
    const say = chat();
    await say('what happened to microsoft stock after deepseek r1');
    expect((await say('why is microsoft relevant here')).body).toMatch(/OpenAI's biggest investor/);
  });

  it('"who owns it?" reads "it" as the product the answer spoke of', async () => {
    const say = chat();
    await say('which app faced similar scrutiny to deepseek?');
    expect((await say('who owns it')).body).toMatch(/ByteDance/);
  });

  it('"what\'s it called?" after an answer naming nothing new says the article does not name it', async () => {
    const say = chat();
    await say('when did alibaba start its ai research division?');
    const reply = await say("what's it called?");
    expect(reply.kind).toBe('no_answer');
    expect(reply.body).toMatch(/doesn’t name/);
  });

  it('"so what\'s the answer?" after a question the article leaves open says it gives none', async () => {
    const say = chat();
    await say("what's the big question at the end of the article?");
    const reply = await say("so what's the answer, will it?");
    expect(reply.kind).toBe('no_answer');
    expect(reply.body).toMatch(/leaves the question open/);
  });

  it('"Alibaba too?" is "and Alibaba?", and "why?" then gives what forced it', async () => {
    const say = chat();
    await say('which tech giants lowered prices');
    expect((await say('alibaba too?')).body).toMatch(/Alibaba to lower their prices/);
    const why = await say('why');
    expect(why.kind).toBe('answer');
    expect(why.body).toMatch(/undercut competitors/);
  });

  it('"why?" after a purpose the answer gives is that answer', async () => {
    const say = chat();
    await say("what's alibaba betting big on?");
    const reply = await say('why?');
    expect(reply.kind).toBe('answer');
    expect(reply.body).toMatch(/to stay competitive/);
  });
});

describe('round 9: the reason for what the last answer told', () => {
  it('"what\'s driving the surge?" after a surge asks its reason, which the article does not give', async () => {
    const say = chat();
    await say('how did alibaba stock do');
    const reply = await say("what's driving the surge?");
    expect(reply.kind).toBe('no_answer');
    expect(reply.body).toMatch(/^The article doesn’t say why/);
  });

  it('"why?" of one company’s rise is not answered with another’s drop', async () => {
    const say = chat();
    await say('how did alibaba stock do');
    const reply = await say('why?');
    expect(reply.kind).toBe('no_answer');
    expect(reply.body).not.toMatch(/Microsoft/);
  });
});

describe('round 10: follow-ups on reports, lists and words', () => {
  const tram = () =>
    chat(
      createCore({ commands, stories: StoryLibrary.load('vellmouth-council-approves-tram-line') }).dispatcher,
    );

  it('"who reported it?" after a denial of reports names who made them; "which ones?" then says they are unnamed', async () => {
    const say = chat();
    await say('what size was the investment alibaba was said to make in deepseek');
    const who = await say('who reported that?');
    expect(who.kind).toBe('answer');
    expect(who.body).toMatch(
      /^Chinese media outlets reported it: Earlier the same day, multiple Chinese media/,
    );
    const which = await say('which ones exactly?');
    expect(which.kind).toBe('no_answer');
    expect(which.body).toMatch(/^The article doesn’t name them\. What it does say: Earlier the same day/);
    expect((await tram()('who reported it?')).body).toMatch(/^What does “that” refer to\?/);
  });

  it('"true?" of reports the article says were denied answers No, with the denial', async () => {
    const say = chat();
    await say('what were the chinese media outlets reporting');
    const reply = await say('true?');
    expect(reply.kind).toBe('answer');
    expect(reply.body).toMatch(/^No — the article reports it denied: Alibaba has officially denied reports/);
    // A claim nothing denies stays the claimant's.
    await say('what does alibaba claim about qwen');
    expect((await say('true?')).body).toMatch(/^The article reports it as Alibaba’s claim/);
  });

  it('"what did X call it" is the fact where X or its people call it something', async () => {
    const say = chat();
    await say('did alibaba invest in deepseek');
    const reply = await say('what did alibaba call them');
    expect(reply.kind).toBe('answer');
    expect(reply.body).toMatch(/calling them “fake news”/);
  });

  it('"examples?" gives the items the last answer lists, or says it gives none', async () => {
    const say = chat();
    await say('how is alibaba using ai in e-commerce');
    const examples = await say('like what?');
    expect(examples.kind).toBe('answer');
    expect(examples.body).toMatch(
      /^The article gives AI-driven content creation, automated translation for global merchants and streamlined product return processes: /,
    );
    await say('what did yan qiao say');
    const none = await say('examples?');
    expect(none.kind).toBe('no_answer');
    expect(none.body).toMatch(/^The article gives no examples\./);
  });

  it('"who is this expert?" of someone the article leaves unnamed says it does not name them', async () => {
    const say = chat();
    await say('what did the expert say about the ai assistant');
    const reply = await say('who is that expert?');
    expect(reply.kind).toBe('no_answer');
    expect(reply.body).toMatch(/^The article doesn’t name them\. What it does say: An industry expert said/);
    expect((await chat()('who is this expert?', 'fresh')).kind).toBe('no_answer');
    // A named person is still described by `who`.
    expect((await chat()('who is yan qiao', 'fresh2')).kind).not.toBe('no_answer');
  });

  it('"what is he trying to protect?" after his own words is answered by them', async () => {
    const say = chat();
    await say('what did the texas governor warn');
    const reply = await say('ok what is he trying to protect');
    expect(reply.kind).toBe('answer');
    expect(reply.body).toMatch(/critical infrastructure/);
  });

  it('"what did that claim do" is the consequence the last answer gives', async () => {
    const say = chat();
    await say('what does deepseek claim about its training costs');
    const reply = await say('what impact did that have');
    expect(reply.kind).toBe('answer');
    expect(reply.body).toMatch(/sent shockwaves across the industry/);
  });

  it('"why is that happening?" of a sentence pointing back ("this disruption") is what it points at', async () => {
    const say = chat();
    await say('is pricing now as important as performance in ai');
    const reply = await say('why is that happening');
    expect(reply.kind).toBe('answer');
    expect(reply.body).toMatch(/has disrupted the industry/);
  });

  it('"is it open source?" after "what did X release" asks of the thing released, which the article does not say', async () => {
    const say = chat();
    await say('what did alibaba launch recently');
    const reply = await say('is it open source?');
    expect(reply.resolvedQuestion).toMatch(/Qwen/);
    expect(reply.kind).toBe('no_answer');
  });

  it("\"and X's?\" after one company's stock figure gives the other's", async () => {
    const say = chat();
    await say('what happened to microsoft shares after r1');
    const reply = await say("and alibaba's?");
    expect(reply.kind).toBe('answer');
    expect(reply.body).toMatch(/Alibaba's stock has surged 16%/);
  });

  it('"which one went up?" after a digest of stock moves names the one that rose', async () => {
    const say = chat();
    await say('summary of the market reaction');
    const reply = await say('which one went up?');
    expect(reply.kind).toBe('answer');
    expect(reply.body).toMatch(/Alibaba/);
  });

  it('"were people working that day?" is asked of the last answer’s day', async () => {
    const say = chat();
    await say('when was qwen 2.5-max released');
    const reply = await say('was anyone in china at work that day?');
    expect(reply.resolvedQuestion).toMatch(/on the first day of the Lunar New Year/);
    expect(reply.body).toMatch(/on holiday/);
    expect(reply.body).not.toMatch(/^Yes/);
  });

  it('"which countries specifically?" of an answer naming none says the article does not name them', async () => {
    const say = chat();
    await say('what about tiktok');
    const reply = await say('which countries specifically?');
    expect(reply.kind).toBe('no_answer');
    expect(reply.body).toMatch(/^The article doesn’t name them\. What it does say: The fears about DeepSeek/);
    // Of an answer that lists them, it names them.
    await say('which countries blocked deepseek');
    const listed = await say('which countries specifically?');
    expect(listed.kind).toBe('answer');
    expect(listed.body).toMatch(/Italy, Taiwan and Australia/);
  });

  it('"which companies are expected to bid?" after words naming none says the article does not name them', async () => {
    const say = tram();
    await say('what did oyelaran say about the contract');
    const reply = await say('which firms are going to bid?');
    expect(reply.kind).toBe('no_answer');
    expect(reply.body).toMatch(/^The article doesn’t name them\. What it does say: VRTA chief executive/);
  });

  it('"who\'s in charge of it" after "which business group backed the line" is that group\'s chair', async () => {
    const say = tram();
    await say('which business group backed the line?');
    const chair = await say("who's in charge of it");
    expect(chair.body).toMatch(/^Priya Velloso, chair of the Old Harbour Traders’ Association/);
    const worry = await say('what was she worried about');
    expect(worry.body).toMatch(/two years of roadworks/);
  });

  it('"which ones specifically?" after a reply giving a count, not names, says the article does not name them', async () => {
    const say = tram();
    await say('which councillors voted no');
    const reply = await say('which ones specifically?');
    expect(reply.kind).toBe('no_answer');
    expect(reply.body).toMatch(/^The article doesn’t name them\. What it does say: The four councillors/);
  });
});

describe('round 10: when reports appeared, and why a figure moved', () => {
  it('"when did those reports come out" dates the reports, with or without an answer before it', async () => {
    const say = chat();
    await say('did alibaba put money into deepseek');
    const reply = await say('when did those rumours surface');
    expect(reply.kind).toBe('answer');
    expect(reply.body).toMatch(
      /^The day of publication \(“earlier today”\): Earlier the same day, multiple Chinese media/,
    );
    const alone = await chat()('when did the reports come out', 'fresh');
    expect(alone.body).toMatch(/earlier today/);
  });

  it('"why did X go up when the others fell?" after X’s rise says the article gives no reason', async () => {
    const say = chat();
    await say('how did nvidia shares do');
    await say("and alibaba's?");
    const up = await say('why did alibaba go up when the others fell?');
    expect(up.kind).toBe('no_answer');
    expect(up.body).toMatch(/^The article doesn’t say why\./);
    expect(up.body).not.toMatch(/strategic response/);
    // A drop the article puts under a cause is answered with it.
    await say('how much did nvidia drop');
    const down = await say('why did nvidia fall so much');
    expect(down.kind).toBe('answer');
    expect(down.body).toMatch(/The article gives it under this: DeepSeek claims/);
  });
});
