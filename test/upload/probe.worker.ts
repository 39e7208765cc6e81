/**
 * Test-only wrapper around the real image worker: it loads picture.worker.ts unchanged, and can
 * report what that worker did to the network. Anything the worker fetched or importScripts'ed
 * appears in this worker's own resource timeline (invisible from the page); a nested Worker (how
 * a library would fetch its own from a CDN, as browser-image-compression does by default) is counted by patching the constructor.
 */
const scope = self as unknown as {
  Worker: typeof Worker | undefined;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  postMessage(message: unknown): void;
};

const nestedWorkerUrls: string[] = [];
const RealWorker = scope.Worker;
if (RealWorker) {
  scope.Worker = class extends RealWorker {
    constructor(url: string | URL, options?: WorkerOptions) {
      nestedWorkerUrls.push(String(url));
      super(url, options);
    }
  };
}

// Registered before the image worker's listener, so probe messages never reach it.
scope.addEventListener('message', (event) => {
  if ((event.data as { probe?: string } | null)?.probe !== 'network') return;
  (event as MessageEvent & { stopImmediatePropagation(): void }).stopImmediatePropagation();
  scope.postMessage({
    probe: 'network',
    resources: performance.getEntriesByType('resource').map((entry) => entry.name),
    nestedWorkerUrls,
  });
});

await import('../../src/picture.worker.js');
