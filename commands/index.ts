import type { AnyCommand } from '../src/core/command.ts';
import { adminReloadCommand } from './admin-reload.ts';
import { adminUnansweredCommand } from './admin-unanswered.ts';
import { askCommand } from './ask.ts';
import { chartCommand } from './chart.ts';
import { feedbackCommand } from './feedback.ts';
import { helpCommand } from './help.ts';
import { quotesCommand } from './quotes.ts';
import {
  scheduleAddCommand,
  scheduleListCommand,
  scheduleRemoveCommand,
  scheduleTestCommand,
} from './schedule.ts';
import { sourceCommand } from './source.ts';
import { storyListCommand, storyUseCommand } from './story.ts';
import { summaryCommand } from './summary.ts';
import { timelineCommand } from './timeline.ts';
import { topicCommand } from './topic.ts';
import { whoCommand } from './who.ts';

/** Every `/ai-news` subcommand, in the order help lists them. */
export const commands: readonly AnyCommand[] = [
  askCommand,
  summaryCommand,
  topicCommand,
  timelineCommand,
  chartCommand,
  whoCommand,
  quotesCommand,
  sourceCommand,
  storyListCommand,
  storyUseCommand,
  scheduleAddCommand,
  scheduleListCommand,
  scheduleRemoveCommand,
  scheduleTestCommand,
  adminUnansweredCommand,
  adminReloadCommand,
  feedbackCommand,
  helpCommand,
];
