// Starts and stops the whole ResumeAspire system (Aspire app host in local mode: PostgreSQL,
// Redis, Api, Worker and the Vite dev server) for the end-to-end tests. Used by global-setup.ts
// and global-teardown.ts; runs in Playwright's runner process, never in a test worker.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const repoRoot = path.resolve(webDir, '..');
export const resultsDir = path.join(webDir, 'test-results');
export const logFile = path.join(resultsDir, 'apphost.log');

const START_TIMEOUT_MS = Number(process.env.E2E_START_TIMEOUT_MS ?? 240_000);
/** The app host's own process group: SIGTERM, then SIGKILL after this long. */
const STOP_GRACE_MS = 30_000;
/** The orchestrator's processes (outside that group) get this long from the first SIGTERM. */
const TREE_GRACE_MS = 50_000;

/** A process, identified by pid and start time (so a reused pid is never mistaken for ours). */
export interface TrackedProcess {
  pid: number;
  start: string;
}

export interface RunningSystem {
  pid: number;
  dataPath: string;
  /** The app host's descendants when the system was ready: DCP, Api, Worker, npm and Vite, PostgreSQL, Redis. */
  tree: TrackedProcess[];
  baseURL: string;
  apiPort: number;
  webPort: number;
  dashboardPort: number;
  adminEmail: string;
}

/** A loopback port that is free right now (the kernel's pick; closed again before it is used). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function distinctFreePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) {
    ports.add(await freePort());
  }
  return [...ports];
}

export function tail(file: string, lines = 60): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

async function status(url: string): Promise<number> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(5_000), redirect: 'manual' });
    await response.arrayBuffer().catch(() => undefined);
    return response.status;
  } catch {
    return 0;
  }
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The runner's environment without Playwright's own settings (its module loader must not reach Vite). */
function inheritedEnvironment(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^(PW_|PLAYWRIGHT_|E2E_)/.test(key) || key === 'TEST_WORKER_INDEX' || key === 'TEST_PARALLEL_INDEX') delete env[key];
  }
  if (env.NODE_OPTIONS?.includes('playwright')) delete env.NODE_OPTIONS;
  return env;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts the app host detached in its own process group and waits until the web app and the Api answer. */
export async function startSystem(adminEmail: string): Promise<RunningSystem> {
  fs.mkdirSync(resultsDir, { recursive: true });
  const dataPath = fs.mkdtempSync(path.join(os.tmpdir(), 'resumeaspire-e2e-'));
  // Local mode runs PostgreSQL as the postgres OS user when we are root: it must reach its folder.
  fs.chmodSync(dataPath, 0o755);
  const [apiPort, webPort, dashboardPort, otlpPort] = await distinctFreePorts(4);
  const baseURL = `http://127.0.0.1:${webPort}`;

  const args = [
    'run', '--no-build', '--no-launch-profile', '--project', 'ResumeAspire.AppHost', '--',
    '--Infrastructure:Mode=local',
    `--Infrastructure:DataPath=${dataPath}`,
    `--Ports:Api=${apiPort}`,
    `--Ports:Web=${webPort}`,
    `--Admin:Emails:0=${adminEmail}`,
  ];
  const log = fs.openSync(logFile, 'w');
  fs.writeSync(log, `# ${new Date().toISOString()} dotnet ${args.join(' ')}\n# web ${baseURL}, api :${apiPort}, dashboard :${dashboardPort}\n`);
  const child = spawn('dotnet', args, {
    cwd: repoRoot,
    detached: true, // its own process group: teardown signals the whole tree at once
    stdio: ['ignore', log, log],
    env: {
      ...inheritedEnvironment(),
      ASPNETCORE_URLS: `http://127.0.0.1:${dashboardPort}`,
      ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL: `http://127.0.0.1:${otlpPort}`,
      ASPIRE_ALLOW_UNSECURED_TRANSPORT: 'true',
      DOTNET_ENVIRONMENT: 'Development',
      // Whatever the developer's shell says, the test owns these.
      ASPNETCORE_ENVIRONMENT: 'Development',
      DOTNET_CLI_TELEMETRY_OPTOUT: '1',
      DOTNET_NOLOGO: '1',
    },
  });
  fs.closeSync(log);
  child.unref();

  let exited: string | null = null;
  child.on('exit', (code, signal) => {
    exited = `exit code ${code ?? '-'}${signal ? `, signal ${signal}` : ''}`;
  });
  child.on('error', (error) => {
    exited = `could not start dotnet: ${error.message}`;
  });
  if (child.pid === undefined) {
    await sleep(100);
    throw new Error(`the app host did not start: ${exited ?? 'no pid'}`);
  }

  const system: RunningSystem = { pid: child.pid, dataPath, tree: [], baseURL, apiPort, webPort, dashboardPort, adminEmail };
  const started = Date.now();
  let last = '';
  while (Date.now() - started < START_TIMEOUT_MS) {
    if (exited) {
      await stopSystem(system);
      throw new Error(`the app host exited before the system was ready (${exited}); last lines of ${logFile}:\n${tail(logFile)}`);
    }
    const [web, health] = await Promise.all([status(`${baseURL}/`), status(`${baseURL}/api/healthz`)]);
    last = `GET / → ${web || 'no answer'}, GET /api/healthz → ${health || 'no answer'}`;
    if (web === 200 && health === 200) {
      system.tree = descendants(system.pid);
      console.log(`[e2e] system ready at ${baseURL} after ${((Date.now() - started) / 1000).toFixed(1)} s (log: ${logFile})`);
      return system;
    }
    await sleep(1_000);
  }

  await stopSystem(system);
  throw new Error(`the system was not ready after ${START_TIMEOUT_MS / 1000} s (${last}); last lines of ${logFile}:\n${tail(logFile)}`);
}

/**
 * Processes that name the data folder on their command line or work inside it: PostgreSQL and Redis
 * started for this run (redis-server rewrites its command line; its working directory stays).
 */
function processesUsing(dataPath: string): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      let cwd = '';
      try {
        cwd = fs.readlinkSync(`/proc/${entry}/cwd`);
      } catch {
        // not readable
      }
      if (cmdline.includes(dataPath) || cwd.startsWith(dataPath)) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/**
 * State, ppid, session and start time from /proc/<pid>/stat (fields 3, 4, 6, 22; the name in
 * parentheses may hold spaces).
 */
function stat(pid: number): { state: string; ppid: number; session: number; start: string } | null {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0], ppid: Number(fields[1]), session: Number(fields[3]), start: fields[19] };
  } catch {
    return null;
  }
}

/**
 * Everything the app host started, right now: its own descendants, and the orchestrator's. DCP
 * runs in sessions of its own, reparented to init, and names the process it serves with
 * `--monitor <pid>`; Api, Worker and npm/Vite run in DCP's sessions. So: a process is the app
 * host's if its parent, its session or the process it monitors is, until nothing changes.
 */
export function descendants(root: number): TrackedProcess[] {
  const table = new Map<number, { state: string; ppid: number; session: number; start: string; monitors: number[] }>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    const info = stat(pid);
    if (!info) continue;
    let monitors: number[] = [];
    try {
      const args = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      monitors = args.flatMap((arg, i) => (arg === '--monitor' && /^\d+$/.test(args[i + 1] ?? '') ? [Number(args[i + 1])] : []));
    } catch {
      // gone
    }
    table.set(pid, { ...info, monitors });
  }

  const own = stat(process.pid)?.session;
  const ours = new Set<number>([root]);
  const sessions = new Set<number>([root]);
  for (let changed = true; changed; ) {
    changed = false;
    for (const [pid, info] of table) {
      if (ours.has(pid) || pid === process.pid) continue;
      if (ours.has(info.ppid) || sessions.has(info.session) || info.monitors.some((m) => ours.has(m))) {
        ours.add(pid);
        if (info.session !== own && info.session > 1) sessions.add(info.session);
        changed = true;
      }
    }
  }
  ours.delete(root);
  return [...ours].map((pid) => ({ pid, start: table.get(pid)!.start }));
}

function describe(pid: number): string {
  try {
    return `${pid} (${fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim().slice(0, 120)})`;
  } catch {
    return String(pid);
  }
}

/** Exited processes waiting to be reaped (zombies) are gone for our purposes. */
const stillRunning = (tracked: TrackedProcess[]) =>
  tracked.filter((p) => {
    const now = stat(p.pid);
    return now?.start === p.start && now.state !== 'Z' && now.state !== 'X';
  });

function signal(tracked: TrackedProcess[], name: NodeJS.Signals): void {
  for (const p of stillRunning(tracked)) {
    try {
      process.kill(p.pid, name);
    } catch {
      // gone
    }
  }
}

/**
 * SIGTERM to the app host's process group; it stops PostgreSQL cleanly and tells the orchestrator
 * (DCP, in sessions of its own) to stop Api, Worker and Vite. Whatever of the app host's process
 * tree still runs after the grace period is killed by pid, and the data folder is deleted.
 */
export async function stopSystem(system: Pick<RunningSystem, 'pid' | 'dataPath' | 'tree'>): Promise<void> {
  const { pid, dataPath } = system;
  const started = Date.now();
  const seen = new Map<string, TrackedProcess>();
  for (const p of [...system.tree, ...(groupAlive(pid) ? descendants(pid) : [])]) seen.set(`${p.pid}/${p.start}`, p);
  const tree = [...seen.values()];
  const everything = () => [...stillRunning(tree).map((p) => p.pid), ...processesUsing(dataPath)];

  if (groupAlive(pid)) {
    try {
      process.kill(-pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }

  // The orchestrator stops Api, Worker and Vite on its own once the app host is gone, and then
  // itself (DCP's API server takes some 30 s); nudge with SIGTERM, then SIGKILL what is left.
  let nudged = false;
  let killedGroup = false;
  const elapsed = () => Date.now() - started;
  while (elapsed() < TREE_GRACE_MS && (groupAlive(pid) || everything().length > 0)) {
    if (!killedGroup && groupAlive(pid) && elapsed() > STOP_GRACE_MS) {
      console.warn(`[e2e] the app host did not stop within ${STOP_GRACE_MS / 1000} s of SIGTERM: SIGKILL to its process group`);
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // gone meanwhile
      }
      killedGroup = true;
    }
    if (!nudged && !groupAlive(pid) && elapsed() > STOP_GRACE_MS * 0.6) {
      signal(tree, 'SIGTERM');
      nudged = true;
    }
    await sleep(250);
    if (process.env.E2E_DEBUG_STOP) console.log(`[e2e] ${(elapsed() / 1000).toFixed(1)} s: ${groupAlive(pid) ? 'group alive; ' : ''}${everything().map(describe).join(', ')}`);
  }

  if (groupAlive(pid) || everything().length > 0) {
    console.warn(`[e2e] still running ${(elapsed() / 1000).toFixed(0)} s after SIGTERM: ${everything().map(describe).join(', ')}; SIGKILL`);
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
    signal(tree, 'SIGKILL');
    for (const leftover of processesUsing(dataPath)) {
      try {
        process.kill(leftover, 'SIGKILL');
      } catch {
        // gone
      }
    }
    await sleep(500);
  }

  fs.rmSync(dataPath, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  console.log(`[e2e] system stopped after ${((Date.now() - started) / 1000).toFixed(1)} s (${tree.length} processes tracked)`);
}
