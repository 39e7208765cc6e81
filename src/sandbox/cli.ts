/**
 * `beltic-verify-sandbox`: the sandbox as a standalone HTTP server on Node, for curl, Postman,
 * and integrators' CI. Importing this module starts nothing; `main` does.
 */
import { serve } from '@hono/node-server';
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createSandbox, DEFAULT_PROCESSING_DELAY_MS } from './index.js';
import { SANDBOX_PROFILES, type SandboxProfile } from './profile.js';
import { DEFAULT_RATE_LIMIT, type RateLimit } from './rate-limit.js';

const HELP = `Usage: beltic-verify-sandbox [options]

An offline emulator of Beltic's Identity API (accounts, sessions, documents,
presigned uploads, verifications) for development and CI.

Options:
  --port <n>          Port to listen on (default 4010; 0 picks a free one)
  --host <addr>       Address to bind (default 127.0.0.1)
  --base-path <path>  Path prefix of the API (default /v1)
  --public-url <url>  Origin written into presigned upload URLs and links
                      (default: the origin each request arrived on)
  --data-dir <dir>    Keep state and uploaded images in <dir> across restarts
                      (default: in memory only)
  --api-key <key>     Staging key to accept in X-Api-Key (default: random,
                      or the one kept in --data-dir)
  --delay <ms>        Processing delay before a verification leaves
                      "initiated" (default ${DEFAULT_PROCESSING_DELAY_MS})
  --profile <name>    default: Beltic's API and our extensions; docs: only
                      what Beltic's pages document (extensions answer 404
                      or are refused; see docs/sandbox.md)
  --rate-limit <n>    Requests per second allowed per API key, in bursts of
                      up to 2n; beyond, 429 with Retry-After (default
                      ${DEFAULT_RATE_LIMIT.requestsPerSecond}; 0 turns the limit off)
  --no-rate-limit     Do not rate-limit
  -h, --help          Show this help

Docs: https://github.com/beltic/beltic-verify/blob/main/docs/sandbox.md`;

export async function main(argv: string[]): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string', default: '4010' },
        host: { type: 'string', default: '127.0.0.1' },
        'base-path': { type: 'string', default: '/v1' },
        'public-url': { type: 'string' },
        'data-dir': { type: 'string' },
        'api-key': { type: 'string' },
        delay: { type: 'string' },
        profile: { type: 'string', default: 'default' },
        'rate-limit': { type: 'string' },
        'no-rate-limit': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    fail(`${(error as Error).message}\nRun with --help for the options.`);
  }
  if (values.help) {
    console.log(HELP);
    return;
  }
  const port = integerOption(values.port, '--port', 0, 65535);
  const delay = values.delay === undefined ? undefined : integerOption(values.delay, '--delay', 0, 24 * 3600_000);
  if (!(SANDBOX_PROFILES as readonly string[]).includes(values.profile)) fail(`--profile must be one of ${SANDBOX_PROFILES.join(', ')}.`);
  let rateLimit: RateLimit | false | undefined;
  try {
    rateLimit = rateLimitOption(values['rate-limit'], values['no-rate-limit']);
  } catch (error) {
    fail((error as Error).message);
  }
  const sandbox = createSandbox({
    profile: values.profile as SandboxProfile,
    basePath: values['base-path'],
    ...(values['public-url'] ? { publicUrl: values['public-url'] } : {}),
    ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}),
    ...(values['api-key'] ? { apiKey: values['api-key'] } : {}),
    ...(delay !== undefined ? { processingDelayMs: delay } : {}),
    ...(rateLimit !== undefined ? { rateLimit } : {}),
  });
  const basePath = values['base-path'] === '/' ? '' : values['base-path'].replace(/\/+$/, '');
  const server = serve({ fetch: (request: Request) => sandbox.fetch(request), port, hostname: values.host }, (info) => {
    const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
    console.log(`Beltic sandbox: http://${host}:${info.port}${basePath}`);
    console.log(`API key (X-Api-Key): ${sandbox.apiKey}`);
    if (sandbox.profile === 'docs') console.log("Profile: docs (only what Beltic's pages document)");
    if (values['data-dir']) console.log(`Data directory: ${values['data-dir']}`);
    console.log('Press Ctrl+C to stop.');
  });
  server.on('error', (error: NodeJS.ErrnoException) => {
    fail(error.code === 'EADDRINUSE' ? `Port ${port} is already in use; pick another with --port.` : error.message);
  });
  const stop = () => {
    server.close();
    void sandbox.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/**
 * `--rate-limit <n>` / `--no-rate-limit` → `createSandbox`'s `rateLimit`: undefined for the
 * default, false for none, else n per second in bursts of 2n (the default's proportion). Throws
 * the message to show for a bad value.
 */
export function rateLimitOption(raw: string | undefined, off: boolean): RateLimit | false | undefined {
  if (raw === undefined) return off ? false : undefined;
  const rate = /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isFinite(rate) || rate > 1_000_000) throw new Error('--rate-limit must be a number of requests per second (0 turns the limit off).');
  if (off && rate > 0) throw new Error('--rate-limit and --no-rate-limit contradict each other; give one.');
  if (rate === 0) return false;
  return { requestsPerSecond: rate, burst: Math.max(1, Math.round(2 * rate)) };
}

function integerOption(raw: string, name: string, min: number, max: number): number {
  const value = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(value) || value < min || value > max) fail(`${name} must be an integer from ${min} to ${max}.`);
  return value;
}

function fail(message: string): never {
  console.error(`beltic-verify-sandbox: ${message}`);
  process.exit(1);
}

function invokedDirectly(): boolean {
  try {
    return process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}
if (invokedDirectly()) void main(process.argv.slice(2));
