import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { consoleBotEnv, exitCode, freePort, until } from './bot-process.ts';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'ai-news-deploy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Probe {
  httpGet: { path: string; port: string | number };
}
interface Container {
  env: { name: string; value: string }[];
  ports: { name: string; containerPort: number }[];
  livenessProbe: Probe;
  readinessProbe: Probe;
  startupProbe?: Probe;
}

const kubernetes = parseAllDocuments(readFileSync('docs/examples/kubernetes.yaml', 'utf8')).map((d) =>
  d.toJS(),
);
const deployment = kubernetes.find((d) => d.kind === 'Deployment');
const container = deployment.spec.template.spec.containers[0] as Container;
const envOf = (name: string) => container.env.find((e) => e.name === name)?.value;

/** The Dockerfile's HEALTHCHECK command, as the exec form Docker runs. */
function dockerHealthCheck(): string[] {
  const dockerfile = readFileSync('Dockerfile', 'utf8').replace(/\\\n\s*/g, ' ');
  const line = /^HEALTHCHECK .*?CMD (\[.*\])$/m.exec(dockerfile);
  expect(line, 'a HEALTHCHECK in exec form').not.toBeNull();
  return JSON.parse(line?.[1] as string) as string[];
}

describe('the Docker and Kubernetes examples', () => {
  it('use /healthz for liveness and /readyz for readiness, on the port METRICS_PORT serves', () => {
    expect(container.livenessProbe.httpGet.path).toBe('/healthz');
    expect(container.readinessProbe.httpGet.path).toBe('/readyz');
    expect(container.startupProbe?.httpGet.path).toBe('/healthz');
    const metrics = container.ports.find((p) => p.name === container.readinessProbe.httpGet.port);
    expect(metrics?.containerPort).toBe(Number(envOf('METRICS_PORT')));
    expect(container.livenessProbe.httpGet.port).toBe(container.readinessProbe.httpGet.port);
    // The pod is killed only after replies in flight had their grace period.
    expect(deployment.spec.template.spec.terminationGracePeriodSeconds).toBeGreaterThan(
      Number(envOf('SHUTDOWN_GRACE_SECONDS') ?? 10),
    );
    const compose = parse(readFileSync('docs/examples/docker-compose.yaml', 'utf8'));
    expect(Number.parseInt(compose.services.bot.stop_grace_period, 10)).toBeGreaterThan(10);
    expect(compose.services.bot.environment.METRICS_PORT).toBe('9464');
  });

  it("probes a running bot as Kubernetes and the image's HEALTHCHECK would: alive and ready, then not alive once it is gone", async () => {
    const port = await freePort();
    const bot = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', '--console'], {
      env: {
        ...process.env,
        ...consoleBotEnv({ metricsPort: port, dbPath: join(dir, 'bot.db') }),
      },
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    try {
      const probe = (p: Probe) => fetch(`http://127.0.0.1:${port}${p.httpGet.path}`);
      await until(async () => ((await probe(container.livenessProbe)).ok ? true : undefined), 'liveness');
      const readiness = await probe(container.readinessProbe);
      expect(readiness.status).toBe(200);
      expect(await readiness.json()).toMatchObject({ status: 'ready', parts: { database: 'ok' } });

      const [program, ...args] = dockerHealthCheck();
      expect(program).toBe('node');
      const healthy = await run(process.execPath, args, {
        env: { ...process.env, METRICS_PORT: String(port) },
      });
      expect(healthy.stderr).toBe('');
      bot.kill('SIGKILL');
      await exitCode(bot);
      await expect(
        run(process.execPath, args, { env: { ...process.env, METRICS_PORT: String(port) } }),
      ).rejects.toMatchObject({ code: 1 });
    } finally {
      bot.kill('SIGKILL');
    }
  }, 30_000);
});
