import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import type { Platform } from '../core/platform.ts';

/** Something /readyz reports on: an adapter, or the processes running one (Discord shards). */
export type HealthReporter = Pick<Platform, 'id' | 'isConnected' | 'details' | 'parts' | 'requiredParts'>;

/** Where /metrics comes from: this process's registry, or one summed over several processes. */
export interface MetricsSource {
  collect(): Registry | Promise<Registry>;
}

/** A check /readyz runs besides the platforms' connections: undefined when fine, else what is wrong. */
export type ReadinessCheck = () => Promise<string | undefined>;

/** How long one readiness check may take before it counts as failing. */
const CHECK_TIMEOUT_MS = 2000;

/**
 * GET /healthz: liveness. 200 whenever the process answers at all; a supervisor restarts the
 * process when it stops answering, never because a platform or the database is down (a restart
 * would not bring those back).
 * GET /readyz: readiness, a JSON body with each part's state. 503 when a started platform is not
 * connected or a check in `checks` fails (the database); a problem found by an `advisories` check
 * (replies not getting through) is reported as `degraded` with 200, since taking the instance out
 * of service would not deliver them either.
 * GET /metrics: Prometheus text format.
 */
export function createHealthServer(
  metrics: MetricsSource,
  adapters: () => Iterable<HealthReporter>,
  checks: Record<string, ReadinessCheck> = {},
  advisories: Record<string, ReadinessCheck> = {},
): Server {
  const startedAt = Date.now();
  return createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (path === '/healthz') {
      const body = JSON.stringify({
        status: 'ok',
        uptimeSeconds: Math.floor((Date.now() - startedAt) / 1000),
      });
      response.writeHead(200, { 'content-type': 'application/json' }).end(body);
      return;
    }
    if (path === '/readyz') {
      void readiness([...adapters()], checks, advisories).then(({ ready, body }) => {
        response
          .writeHead(ready ? 200 : 503, { 'content-type': 'application/json' })
          .end(JSON.stringify(body));
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

/** Runs every check (each within CHECK_TIMEOUT_MS) and gathers the parts' states into /readyz's body. */
async function readiness(
  started: HealthReporter[],
  checks: Record<string, ReadinessCheck>,
  advisories: Record<string, ReadinessCheck>,
): Promise<{ ready: boolean; body: Record<string, unknown> }> {
  const parts: Record<string, string> = {};
  const failing: string[] = [];
  const degraded: string[] = [];
  for (const a of started) {
    // A platform of several parts (Discord's endpoint and gateway) reports each: "discord endpoint".
    const own = a.parts?.() ?? { '': a.isConnected() };
    for (const [name, up] of Object.entries(own)) {
      const part = name ? `${a.id} ${name}` : a.id;
      parts[part] = up ? 'connected' : 'disconnected';
      // A part the platform can serve without only degrades it.
      if (!up) (!name || !a.requiredParts || a.requiredParts.includes(name) ? failing : degraded).push(part);
    }
  }
  const run = async (name: string, check: ReadinessCheck, problems: string[]) => {
    const timeout = new Promise<string>((resolve) =>
      setTimeout(() => resolve(`no answer within ${CHECK_TIMEOUT_MS / 1000} s`), CHECK_TIMEOUT_MS).unref(),
    );
    const problem = await Promise.race([check().catch((e: Error) => e.message || 'failed'), timeout]);
    parts[name] = problem ?? 'ok';
    if (problem !== undefined) problems.push(name);
  };
  await Promise.all([
    ...Object.entries(checks).map(([name, check]) => run(name, check, failing)),
    ...Object.entries(advisories).map(([name, check]) => run(name, check, degraded)),
  ]);
  const status = failing.length > 0 ? 'unavailable' : degraded.length > 0 ? 'degraded' : 'ready';
  const body = {
    status,
    parts,
    ...(failing.length > 0 ? { failing } : {}),
    ...(degraded.length > 0 ? { degraded } : {}),
    ...Object.assign({}, ...started.map((a) => a.details?.() ?? {})),
  };
  return { ready: failing.length === 0, body };
}

/** Starts listening; resolves with the port actually bound (useful with port 0). */
export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}
