import type { APIEmbed } from 'discord.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderReplyAsText } from '../../src/adapters/console/render.ts';
import { DISCORD_LIMITS, embedLength, renderReply } from '../../src/adapters/discord/render.ts';
import { renderReplyAsBlocks, SLACK_LIMITS } from '../../src/adapters/slack/render.ts';
import type { Platform } from '../../src/core/invocation.ts';
import { hostileInput } from '../fixtures/hostile-inputs.ts';
import { core, invocation } from '../helpers.ts';

const { engine, dispatcher } = core();
const RUNS = 10_000;

// Mention syntax that would notify someone if it reached a platform unescaped.
const LIVE_DISCORD = /@(everyone|here)\b|<@[!&]?\d+>/;
const LIVE_SLACK = /<!(channel|here|everyone|subteam)|<@[A-Z0-9]+>|<#[A-Z0-9]/;

function checkDiscord(embed: APIEmbed, components: ReturnType<typeof renderReply>['components']): void {
  expect(embedLength(embed)).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
  expect((embed.title ?? '').length).toBeLessThanOrEqual(DISCORD_LIMITS.embedTitle);
  expect((embed.description ?? '').length).toBeLessThanOrEqual(DISCORD_LIMITS.embedDescription);
  expect((embed.fields ?? []).length).toBeLessThanOrEqual(DISCORD_LIMITS.embedFields);
  for (const field of embed.fields ?? [])
    expect(field.value.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedFieldValue);
  expect((embed.footer?.text ?? '').length).toBeLessThanOrEqual(DISCORD_LIMITS.embedFooter);
  expect(components.length).toBeLessThanOrEqual(DISCORD_LIMITS.actionRows);
  for (const row of components) {
    expect(row.components.length).toBeLessThanOrEqual(DISCORD_LIMITS.buttonsPerRow);
    for (const button of row.components) {
      expect((button.label ?? '').length).toBeLessThanOrEqual(DISCORD_LIMITS.buttonLabel);
      expect(button.custom_id.length).toBeLessThanOrEqual(DISCORD_LIMITS.customId);
    }
  }
  expect(JSON.stringify(embed)).not.toMatch(LIVE_DISCORD);
}

function checkSlack(message: ReturnType<typeof renderReplyAsBlocks>): void {
  expect(message.text.length).toBeGreaterThan(0);
  expect(message.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
  for (const block of message.blocks) {
    if (block.type === 'section' && block.text)
      expect(block.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    if (block.type === 'context') {
      for (const element of block.elements) {
        if ('text' in element) expect(element.text.length).toBeLessThanOrEqual(SLACK_LIMITS.contextText);
      }
    }
  }
  expect(JSON.stringify(message)).not.toMatch(LIVE_SLACK);
}

describe('hostile input', () => {
  it(`${RUNS} generated inputs never throw, always fit both platforms, never mention anyone`, async () => {
    await fc.assert(
      fc.asyncProperty(
        hostileInput,
        fc.constantFrom<Platform>('discord', 'slack', 'console'),
        async (text, platform) => {
          expect(() => engine.ask(text)).not.toThrow();
          for (const request of [
            invocation({ platform, source: 'mention', text }),
            invocation({ platform, source: 'slash', command: 'ask', options: { question: text } }),
          ]) {
            const reply = await dispatcher.answer(request);
            const discord = renderReply(reply);
            expect(discord.embeds).toHaveLength(1);
            checkDiscord(discord.embeds[0] as APIEmbed, discord.components);
            checkSlack(renderReplyAsBlocks(reply));
            expect(() => renderReplyAsText(reply)).not.toThrow();
          }
        },
      ),
      { numRuns: RUNS, seed: 20261129 },
    );
  }, 120_000);
});
