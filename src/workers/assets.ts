/**
 * Where the widget's worker files are, and telling when one cannot start.
 *
 * By default a worker's URL is its call site's literal, `new URL('./x.worker.ts', import.meta.url)`,
 * as the build rewrote it: the worker file next to the script that asked for it (dist/assets/ of the
 * package, or wherever a bundler that knows the pattern put it). That is wrong where the script is
 * served from another origin (a browser starts workers only from the page's own origin) or bundled
 * by a tool that does not emit workers (plain esbuild leaves the URL pointing next to the bundle,
 * where nothing was copied). There the integrator hosts the files (dist/assets/*.js) in a folder
 * of the page's origin and says where:
 * - `data-assets-base` on the classic script tag (src/browser-global.ts), for every element;
 * - `assets-base` on an element (src/beltic-verify.ts), which wins over the script tag's.
 * A worker's URL is then its file name (as built) in that folder. This is one setting for this
 * copy of the widget on the page, not per element: the workers are this copy's files, wherever its
 * elements are. The last element to set it wins; an element that clears it gives the script tag's
 * (or the default) back.
 *
 * A worker that cannot start (not found, refused by the page's CSP, from another origin) falls back
 * to the main thread or goes without (workers/client.ts); `onWorkerUnavailable` listeners are told
 * what was lost. The Trusted Types refusal (workers/trusted-worker.ts) is told apart, as
 * `workers_blocked`, and not again here.
 */
import type { ReactiveControllerHost } from 'lit';

/** The folder set on the classic script tag, and the one set on an element (with the element). */
let fromScript: URL | null = null;
let fromElement: { owner: object; folder: URL } | null = null;

/**
 * Sets (or, with an empty value, clears) the folder of the worker files: `owner` is the element
 * that sets it, or null for the classic script tag. A relative value is resolved against the page.
 */
export function setAssetsBase(value: string | null | undefined, owner: object | null): void {
  const folder = value ? folderUrl(value) : null;
  if (!owner) {
    fromScript = folder;
    return;
  }
  if (folder) fromElement = { owner, folder };
  else if (fromElement?.owner === owner) fromElement = null;
}

/** The folder the worker files are taken from, or null for their default place. */
export function assetsBase(): URL | null {
  return fromElement?.folder ?? fromScript;
}

/**
 * The URL to start a worker from: `url` (the call site's literal as built), or, where a folder is
 * set, the same file name (and query) in that folder. A data:, blob: or other URL that names no file is left as it is.
 */
export function workerUrl(url: URL): URL {
  const folder = assetsBase();
  if (!folder || !/^(https?|file):$/.test(url.protocol)) return url;
  const located = new URL(url.pathname.slice(url.pathname.lastIndexOf('/') + 1), folder);
  located.search = url.search;
  return located;
}

function folderUrl(value: string): URL | null {
  try {
    const url = new URL(value, typeof document !== 'undefined' ? document.baseURI : undefined);
    if (!url.pathname.endsWith('/')) url.pathname += '/';
    return url;
  } catch {
    return null;
  }
}

// ------------------------------------------------------------ a worker that cannot start

/** A worker of the widget that could not start, and what the widget does without it. */
export interface UnavailableWorker {
  /** Which worker: `image`, `analysis`, `barcode`. */
  worker: string;
  /** The URL it was started from, when the constructor was reached. */
  url: string | null;
  /** What is lost, in a sentence: "the barcode cannot be read live". */
  lost: string;
}

const unavailableListeners = new Set<(worker: UnavailableWorker) => void>();

/** Follows workers that cannot start; returns the function that stops following. */
export function onWorkerUnavailable(listener: (worker: UnavailableWorker) => void): () => void {
  unavailableListeners.add(listener);
  return () => unavailableListeners.delete(listener);
}

/** Told by WorkerClient when its worker will not start (after the page's code had its turn, as for the element's other errors). */
export function workerUnavailable(worker: UnavailableWorker): void {
  const listeners = [...unavailableListeners];
  queueMicrotask(() => listeners.forEach((listener) => listener(worker)));
}

/** What `worker_unavailable` says: which worker, from where, what is lost, and what to do. */
export function workerUnavailableMessage({ worker, url, lost }: UnavailableWorker): string {
  let where = '';
  if (url) {
    // The global's origin, not location's: an about:srcdoc or about:blank page has its creator's.
    const elsewhere = new URL(url).origin !== globalThis.origin;
    where = elsewhere
      ? ` from ${url}, another origin than the page's (a browser starts workers only from the page's own origin)`
      : ` from ${url} (not found there, or refused by the page's Content-Security-Policy)`;
  }
  return (
    `The widget's ${worker ? `${worker} ` : ''}worker could not start${where}: ${lost}. ` +
    `Host the worker files of the beltic-verify package (dist/assets/*.js) in a folder of this page's origin and point assets-base ` +
    `(or data-assets-base on the classic script tag) at it; README, "Hosting the worker files". Other workers that fail are not reported again.`
  );
}

/**
 * Fires a recoverable `worker_unavailable` through `report`, once for this host, when a worker of
 * the widget cannot start while the host is connected.
 */
export function reportUnavailableWorkers(host: ReactiveControllerHost, report: (code: string, message: string, recoverable: boolean) => void): void {
  let told = false;
  let stop: (() => void) | null = null;
  host.addController({
    hostConnected() {
      if (told || stop) return;
      stop = onWorkerUnavailable((worker) => {
        if (told) return;
        told = true;
        stop?.();
        stop = null;
        report('worker_unavailable', workerUnavailableMessage(worker), true);
      });
    },
    hostDisconnected() {
      stop?.();
      stop = null;
    },
  });
}
