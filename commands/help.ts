import { z } from 'zod';
import { type CommandContext, commandKey, defineCommand } from '../src/core/command.ts';
import type { Reply } from '../src/core/reply.ts';
import type { Story } from '../src/knowledge/load-story.ts';

/** The help reply, built from every command's own description and examples. */
export function helpReply({
  commands,
  engine,
  commandName,
}: Pick<CommandContext, 'commands' | 'engine' | 'commandName'>): Reply {
  return {
    kind: 'help',
    title: `${commandName} — questions about one news story`,
    body: `I answer questions about “${engine.story.title}”, quoting the sentence of the article each answer comes from. Type a question, mention me with one, or use a command:`,
    items: commands
      .filter((command) => !command.hidden)
      .map((command) => ({
        label: `/${commandName} ${commandKey(command)}${usageOf(command)}`,
        text: `${command.description}. e.g. ${examplesOf(command, engine.story)
          .map((e) => `/${commandName} ${e}`)
          .join(' · ')}`,
      })),
    suggestions: engine.featuredSuggestions().map((s) => s.question),
    visibility: 'ephemeral',
  };
}

/** The command's examples from the story when it has some, else its own. */
function examplesOf(command: CommandContext['commands'][number], story: Story): string[] {
  const fromStory = command.storyExamples?.(story) ?? [];
  return fromStory.length > 0 ? fromStory : command.examples;
}

function usageOf(command: CommandContext['commands'][number]): string {
  if (command.usage) return ` ${command.usage}`;
  return command.textOption ? ` <${command.textOption}>` : '';
}

export const helpCommand = defineCommand({
  name: 'help',
  description: 'What I can do, with examples',
  examples: ['help'],
  options: z.object({}),
  handle: (_options, context) => helpReply(context),
});
