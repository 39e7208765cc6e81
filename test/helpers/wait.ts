/**
 * @open-wc's waitUntil with a limit a loaded engine can meet. Its own default is 1 s: in CI, three
 * engines share two cores, and what takes 200 ms alone (a photo's checks, an upload) takes seconds
 * there. A limit, never a measure: a test that passes waits no longer for it.
 */
import { waitUntil as openWcWaitUntil } from '@open-wc/testing';

export const DEFAULT_WAIT_MS = 10000;

export function waitUntil(...[predicate, message, options]: Parameters<typeof openWcWaitUntil>): Promise<void> {
  return openWcWaitUntil(predicate, message, { timeout: DEFAULT_WAIT_MS, ...options });
}
