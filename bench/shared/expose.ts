/**
 * How a bench page hands its entry points to scripts/bench.mjs: it sets `window.bench`, and
 * the script waits for it (`page.waitForFunction('window.bench')`) before calling
 * `page.evaluate(args => window.bench.run(args), args)`. Results must be structured-cloneable.
 */
export function exposeBench(api: { run(options: never): Promise<unknown> }): void {
  (window as unknown as { bench: typeof api }).bench = api;
}

export function nextFrame(): Promise<number> {
  return new Promise((resolve) => requestAnimationFrame(resolve));
}

/** The "camera preview": a visible canvas that shows the current frame, as a video element would. */
export function createStage(): HTMLCanvasElement {
  const stage = document.createElement('canvas');
  stage.style.cssText = 'width: 640px; height: auto; display: block;';
  document.body.append(stage);
  return stage;
}

export function show(stage: HTMLCanvasElement, frame: ImageBitmap): void {
  if (stage.width !== frame.width || stage.height !== frame.height) {
    stage.width = frame.width;
    stage.height = frame.height;
  }
  const context = stage.getContext('2d');
  if (!context) throw new Error('no 2D context');
  context.drawImage(frame, 0, 0);
}
