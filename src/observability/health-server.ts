import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import type { Platform } from '../core/platform.ts';

/** Something /healthz reports on: an adapter, or the processes running one (Discord shards). */
export type HealthReporter = Pick<Platform, 'id' | 'isConnected' | 'details' | 'parts'>;

/** Where /metrics comes from: this process's registry, or one summed over several processes. */
export interface MetricsSource {
  collect(): Registry | Promise<Registry>;
}

/**
/** A check /readyz runs besides the platforms' connections: undefined when fine, else what is wrong. */
export type ReadinessCheck = () => Promise<string | undefined>;

/** How long one readiness check may take before it counts as failing. */
const CHECK_TIMEOUT_MS = 2000;

/**
 * GET /healthz: 200 when every started adapter is connected, else 503 naming the ones that are not.
 * GET /readyz: 200 when, besides that, every check passes (the database answers, replies are
 * being delivered), else 503 with each part's state.
 * GET /metrics: Prometheus text format.
 */
export function createHealthServer(
  metrics: MetricsSource,
  adapters: () => Iterable<HealthReporter>,
  checks: Record<string, ReadinessCheck> = {},
): Server {
  return createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (path === '/healthz') {
      const started = [...adapters()];
      const down = started.filter((a) => !a.isConnected()).map((a) => a.id);
      const body = JSON.stringify({
        status: down.length === 0 ? 'ok' : 'unavailable',
        adapters: Object.fromEntries(
          started.map((a) => [a.id, a.isConnected() ? 'connected' : 'disconnected']),
        ),
        ...(down.length > 0 ? { notConnected: down } : {}),
        ...Object.assign({}, ...started.map((a) => a.details?.() ?? {})),
      });
      response.writeHead(down.length === 0 ? 200 : 503, { 'content-type': 'application/json' }).end(body);
      return;
    }
    if (path === '/readyz') {
      const parts: Record<string, string> = {};
      for (const a of adapters()) {
        // A platform of several parts (Discord's endpoint and gateway) reports each: "discord endpoint".
        const own = a.parts?.();
        if (!own) parts[a.id] = a.isConnected() ? 'connected' : 'disconnected';
        else
          for (const [name, up] of Object.entries(own))
            parts[`${a.id} ${name}`] = up ? 'connected' : 'disconnected';
      }
      void Promise.all(
        Object.entries(checks).map(async ([name, check]) => {
          const timeout = new Promise<string>((resolve) =>
            setTimeout(
              () => resolve(`no answer within ${CHECK_TIMEOUT_MS / 1000} s`),
              CHECK_TIMEOUT_MS,
            ).unref(),
          );
          const problem = await Promise.race([check().catch((e: Error) => e.message || 'failed'), timeout]);
          parts[name] = problem ?? 'ok';
        }),
      ).then(() => {
        const failing = Object.entries(parts)
          .filter(([, state]) => state !== 'ok' && state !== 'connected')
          .map(([name]) => name);
        const body = JSON.stringify({
          status: failing.length === 0 ? 'ready' : 'unavailable',
          parts,
          ...(failing.length > 0 ? { failing } : {}),
        });
        response
          .writeHead(failing.length === 0 ? 200 : 503, { 'content-type': 'application/json' })
          .end(body);
      });
      return;
    }
    if (path === '/metrics') {
      Promise.resolve()
        .then(() => metrics.collect())
        .then(async (registry) => {
          const text = await registry.metrics();
          response.writeHead(200, { 'content-type': registry.contentType }).end(text);
        })
        .catch(() => response.writeHead(500).end());
      return;
    }
    response.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
  });
}

/** Starts listening; resolves with the port actually bound (useful with port 0). */
export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}
