/**
 * What a page fetched, and how it was answered. Resource timing names every script, worker and call;
 * Chromium and Firefox also report each answer's status (`responseStatus`), WebKit does not: there the
 * URL is asked again (a GET, from the cache where it can), which answers as it did for the page.
 */
export interface Fetched {
  path: string;
  status: number;
}

/** The page's fetches whose path matches `path`, with their statuses. For GETs (scripts, workers); calls: `recordFetches`. */
export async function fetchedResources(win: Window, path: RegExp): Promise<Fetched[]> {
  const entries = (win.performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((entry) => path.test(new URL(entry.name).pathname));
  return Promise.all(
    entries.map(async (entry) => ({
      path: new URL(entry.name).pathname,
      status: reportedStatus(entry) ?? (await win.fetch(entry.name, { cache: 'force-cache' })).status,
    })),
  );
}

/** The status resource timing reports for `entry`; undefined where the engine reports none (WebKit). */
function reportedStatus(entry: PerformanceResourceTiming): number | undefined {
  return (entry as { responseStatus?: number }).responseStatus;
}

/** The paths of the page's fetches matching `path` that were answered 200. */
export async function fetchedOk(win: Window, path: RegExp): Promise<string[]> {
  return (await fetchedResources(win, path)).filter((fetched) => fetched.status === 200).map((fetched) => fetched.path);
}

export interface RecordedCall {
  method: string;
  /** Path and query. */
  url: string;
  status: number;
}

/**
 * Records every `fetch` the page makes from now on (method, path and query, status) in every engine,
 * where resource timing has no method and, in WebKit, no status. Call `stop()` to put fetch back.
 */
export function recordFetches(win: Window & typeof globalThis = window): { calls: RecordedCall[]; stop: () => void } {
  const calls: RecordedCall[] = [];
  const original = win.fetch;
  win.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const response = await original.call(win, input, init);
    const url = new URL(request.url);
    calls.push({ method: request.method, url: url.pathname + url.search, status: response.status });
    return response;
  };
  return { calls, stop: () => (win.fetch = original) };
}
