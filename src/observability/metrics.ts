import { Counter, Histogram, Registry } from 'prom-client';
import type { Delivery } from '../core/dispatcher.ts';
import type { Invocation } from '../core/invocation.ts';
import type { Reply } from '../core/reply.ts';

/** The bot's Prometheus metrics, in a registry of their own. */
export class BotMetrics {
  readonly registry = new Registry();
  readonly questions = new Counter({
    name: 'ai_news_questions_total',
    help: 'Requests handled, by platform, command and outcome (answer, no_answer, list, help, error, rate_limited; lost when the reply was not delivered).',
    labelNames: ['platform', 'command', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly latency = new Histogram({
    name: 'ai_news_answer_latency_seconds',
    help: 'Time from a request reaching the router to its reply being ready.',
    labelNames: ['platform'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });
  readonly schedulePosts = new Counter({
    name: 'ai_news_schedule_posts_total',
    help: 'Scheduled summary slots, by platform and outcome (posted, failed, skipped).',
    labelNames: ['platform', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly replies = new Counter({
    name: 'ai_news_replies_total',
    help: 'Replies to people, by platform, source (slash, mention, dm, button) and outcome: delivered, retried (one more try after the platform did not take it), lost, unknown (a try timed out: it may have been shown).',
    labelNames: ['platform', 'source', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly refusedBusy = new Counter({
    name: 'ai_news_http_refused_busy_total',
    help: 'Platform requests refused at once with 503 because too many requests and answers already waited their turn.',
    registers: [this.registry],
  });
  readonly reconnects = new Counter({
    name: 'ai_news_gateway_reconnects_total',
    help: 'Reconnections of a platform connection (Discord gateway, Slack socket).',
    labelNames: ['platform'] as const,
    registers: [this.registry],
  });

  /** The event loop's busy time so far, in ms, when last collected. */
  private loopBusyMs = 0;
  readonly loopBusy = new Counter({
    name: 'ai_news_event_loop_busy_seconds_total',
    help: 'Time the event loop spent running JavaScript and callbacks rather than waiting for I/O or timers (performance.eventLoopUtilization): its rate is how saturated the bot’s one JavaScript thread is, 1 when always busy.',
    registers: [this.registry],
    collect: () => {
      const busyMs = performance.eventLoopUtilization().active;
      if (busyMs > this.loopBusyMs) this.loopBusy.inc((busyMs - this.loopBusyMs) / 1000);
      this.loopBusyMs = busyMs;
    },
  });

  /** This process's metrics, for /metrics. */
  collect(): Registry {
    return this.registry;
  }

  /** Records one handled request: its kind of reply, or `lost` when the reply was not delivered. */
  observe(
    invocation: Invocation,
    command: string,
    reply: Reply,
    latencyMs: number,
    delivery: Delivery = 'delivered',
  ): void {
    const { platform, source } = invocation;
    this.questions.inc({ platform, command, outcome: delivery === 'delivered' ? reply.kind : 'lost' });
    this.latency.observe({ platform }, latencyMs / 1000);
    // Scheduled posts have their own counter, with the scheduler's outcomes.
    if (source !== 'schedule') this.replies.inc({ platform, source, outcome: delivery });
  }
}
