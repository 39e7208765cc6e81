/**
 * @open-wc's waitUntil with a limit a loaded engine can meet, and a message that may be a function.
 * @open-wc's default limit is 1 s: in CI, three engines share two cores, and what takes 200 ms alone
 * (a photo's checks, an upload) takes seconds there. Every limit, the default or one given, is also
 * doubled in WebKit (engines.ts timeLimit). A limit, never a measure: a test that passes waits no
 * longer for it. A function message is read when the wait fails, so it tells where things stood then
 * ("at uploading", read when a wait began, once hid a flow that had gone on to its result).
 */
import { waitUntil as openWcWaitUntil } from '@open-wc/testing';
import { engine, timeLimit } from './engines.js';

export const DEFAULT_WAIT_MS = 10000;

type Predicate = Parameters<typeof openWcWaitUntil>[0];
type Options = Parameters<typeof openWcWaitUntil>[2];

export async function waitUntil(predicate: Predicate, message?: string | (() => string), options?: Options): Promise<void> {
  const timeout = timeLimit(options?.timeout ?? DEFAULT_WAIT_MS);
  try {
    await openWcWaitUntil(predicate, undefined, { ...options, timeout });
  } catch (error) {
    if (!(error instanceof Error) || !error.message.startsWith('waitUntil timed out')) throw error;
    const text = typeof message === 'function' ? message() : message;
    throw ranOut(text ? `Timeout: ${text}` : `waitUntil timed out after ${timeout} ms`);
  }
}

/**
 * The error for a wait that ran out. In WebKit, which tries a failed test once more, it is also
 * logged: a test that then passes on its second try shows in the log why its first one failed.
 */
export function ranOut(message: string): Error {
  if (engine === 'webkit') console.warn(`a wait ran out: ${message}`);
  return new Error(message);
}
