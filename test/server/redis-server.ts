/**
 * A throwaway redis-server for the tests: started by the test itself on a free loopback port,
 * in memory only (`--save '' --appendonly no`), and stopped by the test. Nothing is left running,
 * and CI needs only the binary (.ci/run installs it), never a system service.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { after, before } from 'node:test';
import { createClient } from 'redis';

/** REDIS_SERVER, when set, is the only candidate (so a run can also be made without Redis); else the usual places and PATH. */
function findRedisServer(): string | null {
  const onPath = (process.env.PATH ?? '')
    .split(delimiter)
    .filter(Boolean)
    .map((dir) => join(dir, 'redis-server'));
  const candidates = process.env.REDIS_SERVER ? [process.env.REDIS_SERVER] : ['/usr/bin/redis-server', '/usr/local/bin/redis-server', ...onPath];
  return candidates.find((path) => existsSync(path)) ?? null;
}

export const REDIS_SERVER = findRedisServer();

/** For `test(name, { skip: NO_REDIS })`: false when the binary is there, else the reason shown. */
export const NO_REDIS: string | false = REDIS_SERVER
  ? false
  : 'redis-server not found: install it (apt-get install -y redis-server) or set REDIS_SERVER to its path';

export interface RedisServer {
  url: string;
  /** Stops the server and waits for it to exit. */
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Resolves once the server accepts connections; rejects if it exits first (e.g. the port was taken meanwhile). */
function ready(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${output}`)), 10_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited (${code}):\n${output}`));
    });
  });
}

const running = new Set<ChildProcess>();
let hooked = false;

/**
 * Should the test process end without stop() (a crash, or the runner's SIGTERM on a timeout), its
 * servers go with it. On a signal: kill them, then let the signal end the process as it would have.
 */
function killWithTestProcess(): void {
  if (hooked) return;
  hooked = true;
  const killAll = () => {
    for (const child of running) child.kill('SIGKILL');
  };
  process.once('exit', killAll);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      killAll();
      process.kill(process.pid, signal);
    });
  }
}

export async function startRedisServer(): Promise<RedisServer> {
  if (!REDIS_SERVER) throw new Error(NO_REDIS as string);
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', tmpdir(), '--loglevel', 'notice'];
    const child = spawn(REDIS_SERVER, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    running.add(child);
    void exited.then(() => running.delete(child));
    killWithTestProcess();
    try {
      await ready(child);
    } catch (error) {
      lastError = error;
      child.kill('SIGKILL');
      continue;
    }
    return {
      url: `redis://127.0.0.1:${port}`,
      async stop() {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
        await exited;
      },
    };
  }
  throw lastError;
}

/**
 * A connected node-redis client. It listens for 'error' (node-redis throws an unheard one, which
 * would end the test process when a server is stopped on purpose) and gives up reconnecting
 * quickly, so a stopped server does not keep the test process alive.
 */
export async function connectClient(url: string): Promise<TestRedisClient> {
  const client = newClient(url);
  client.on('error', () => {});
  await client.connect();
  return client;
}

const newClient = (url: string) => createClient({ url, socket: { reconnectStrategy: (retries: number) => (retries > 50 ? false : 50) } });

export type TestRedisClient = ReturnType<typeof newClient>;

/** Closes a client whether or not its server is still there. */
export async function closeClient(client: TestRedisClient): Promise<void> {
  if (client.isOpen) client.destroy();
}

/**
 * One redis-server for a test file (started before its tests when the binary is there, stopped
 * after them), a way to connect clients that are closed with it, and fresh key prefixes.
 */
export function useRedisServer(): { client(url?: string): Promise<TestRedisClient>; prefix(name: string): string } {
  let server: RedisServer | undefined;
  const clients: TestRedisClient[] = [];
  let prefixes = 0;
  before(async () => {
    if (!NO_REDIS) server = await startRedisServer();
  });
  after(async () => {
    await Promise.all(clients.map(closeClient));
    await server?.stop();
  });
  return {
    async client(url = server!.url) {
      const connected = await connectClient(url);
      clients.push(connected);
      return connected;
    },
    prefix: (name) => `${name}${++prefixes}:`,
  };
}
