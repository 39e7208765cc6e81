/**
 * Records the Workers a page creates and what goes wrong in them, without changing what they
 * do: browser-image-compression falls back to the main thread silently when its worker
 * cannot load its library from the CDN, and prepareImage falls back when its worker cannot
 * start. The report says which path each side really took.
 */
export interface WorkerEvent {
  /** 'created' with the script URL (blob: URLs shortened), 'error' or 'reported-error' with a message. */
  kind: 'created' | 'error' | 'reported-error';
  detail: string;
}

export function spyOnWorkers(): WorkerEvent[] {
  const events: WorkerEvent[] = [];
  const NativeWorker = window.Worker;
  class SpiedWorker extends NativeWorker {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      const href = String(url);
      events.push({ kind: 'created', detail: href.startsWith('blob:') ? 'blob: (inline script)' : new URL(href, location.href).pathname });
      this.addEventListener('error', (event) => events.push({ kind: 'error', detail: event.message || 'error event' }));
      // browser-image-compression's worker posts { error } instead of throwing.
      this.addEventListener('message', (event: MessageEvent<unknown>) => {
        const data = event.data as { error?: unknown } | null;
        if (data && typeof data === 'object' && typeof data.error === 'string') {
          events.push({ kind: 'reported-error', detail: data.error.split('\n')[0]! });
        }
      });
    }
  }
  window.Worker = SpiedWorker;
  return events;
}
