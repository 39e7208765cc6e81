/**
 * The module worker that prepares images off the main thread, so a 12 MP decode and re-encode
 * never freezes the widget. One job per worker: prepare-image.ts terminates it afterwards.
 */
import { ImagePreparationError } from './image-errors.js';
import { runImagePipeline } from './image-pipeline.js';
import type { ImageJob, ImageWorkerMessage } from './image-protocol.js';

/** The bit of DedicatedWorkerGlobalScope we use (the project's `lib` is DOM, not WebWorker). */
const scope = self as unknown as {
  postMessage(message: ImageWorkerMessage): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ImageJob>) => void): void;
};

scope.addEventListener('message', (event) => {
  void handle(event.data);
});
scope.postMessage({ type: 'ready' });

async function handle(job: ImageJob): Promise<void> {
  try {
    const result = await runImagePipeline(job.file, { maxDimension: job.maxDimension, targetBytes: job.targetBytes });
    scope.postMessage({ type: 'done', result });
  } catch (error) {
    const code = error instanceof ImagePreparationError ? error.code : null;
    const message = error instanceof Error ? error.message : 'The image could not be prepared.';
    scope.postMessage({ type: 'failed', code, message });
  }
}
