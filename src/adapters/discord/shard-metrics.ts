import type { Shard } from 'discord.js';
import {
  AggregatorRegistry,
  type MetricObjectWithValues,
  type MetricValue,
  type Registry,
} from 'prom-client';
import { TIMED_OUT, within } from '../../core/timeouts.ts';

/** How long a shard has to answer a metrics request before /metrics is served without it. */
const METRICS_TIMEOUT_MS = 2000;

export type Metrics = MetricObjectWithValues<MetricValue<string>>[];

/** What the manager and its shard processes say to each other, besides discord.js's own messages. */
export type ShardMessage =
  | { aiNews: 'metrics-request'; id: number }
  | { aiNews: 'metrics'; id: number; metrics: Metrics }
  /** A shard reloaded its stories on an admin's command: every process of the host should. */
  | { aiNews: 'reload-stories' };

export function isShardMessage(message: unknown): message is ShardMessage {
  if (typeof message !== 'object' || message === null || !('aiNews' in message)) return false;
  return message.aiNews !== 'metrics' || ('metrics' in message && Array.isArray(message.metrics));
}

/**
 * The manager's side of metrics across shard processes: asks each shard for its registry over IPC
 * and sums them with the manager's own. A shard that does not answer in time is left out of that scrape.
 */
export class ShardMetrics {
  private nextRequest = 0;
  private readonly pending = new Map<number, (metrics: Metrics) => void>();

  /** Hears a shard's answers to metrics requests. */
  listen(shard: Shard): void {
    shard.on('message', (message: unknown) => {
      if (!isShardMessage(message) || message.aiNews !== 'metrics') return;
      this.pending.get(message.id)?.(message.metrics);
    });
  }

  /** The manager's registry summed with every shard's that answered in time. */
  async collect(own: Registry, shards: Shard[]): Promise<Registry> {
    const mine = (await own.getMetricsAsJSON()) as Metrics;
    const theirs = await Promise.all(shards.map((shard) => this.request(shard)));
    return AggregatorRegistry.aggregate([mine, ...theirs.filter((m): m is Metrics => m !== undefined)]);
  }

  private async request(shard: Shard): Promise<Metrics | undefined> {
    if (!shard.process?.connected) return undefined;
    this.nextRequest += 1;
    const id = this.nextRequest;
    const answer = new Promise<Metrics>((resolve) => this.pending.set(id, resolve));
    try {
      await shard.send({ aiNews: 'metrics-request', id } satisfies ShardMessage);
      const metrics = await within(answer, METRICS_TIMEOUT_MS);
      return metrics === TIMED_OUT ? undefined : metrics;
    } catch {
      return undefined;
    } finally {
      this.pending.delete(id);
    }
  }
}

/**
 * In a shard process: answers the manager's metrics requests from this process's registry.
 * Returns a function that stops listening.
 */
export function answerMetricsRequests(registry: Registry): () => void {
  const onMessage = (message: unknown) => {
    if (!isShardMessage(message) || message.aiNews !== 'metrics-request') return;
    void registry.getMetricsAsJSON().then((metrics) => {
      if (process.connected)
        process.send?.({
          aiNews: 'metrics',
          id: message.id,
          metrics: metrics as Metrics,
        } satisfies ShardMessage);
    });
  };
  process.on('message', onMessage);
  return () => process.off('message', onMessage);
}
