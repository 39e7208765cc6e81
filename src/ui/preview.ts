/**
 * The image under review, as an object URL: made when the flow reaches a review step, revoked
 * when it leaves it or the element is removed, and made again when the element is put back (an
 * element moved in the page during the review keeps showing the photo).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { FlowController } from '../flow/flow-controller.js';
import type { FlowState } from '../flow/machine.js';

export class PreviewController implements ReactiveController {
  private objectUrl: string | null = null;
  /** Which image the URL shows; a later request for another image wins over a slower earlier one. */
  private showing: string | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly flow: FlowController,
  ) {
    host.addController(this);
    flow.listen((notice) => {
      if (notice.type === 'changed') void this.follow(notice.state);
      if (notice.type === 'elsewhere' || notice.type === 'left') this.set(null, null);
    });
  }

  /** The URL of the image under review, or null. */
  get url(): string | null {
    return this.objectUrl;
  }

  hostConnected(): void {
    if (this.flow.state) void this.follow(this.flow.state);
  }

  hostDisconnected(): void {
    this.set(null, null);
  }

  private async follow(state: FlowState): Promise<void> {
    const step = state.step;
    const image = step.name === 'review' ? state.captures[step.side] : undefined;
    if (!image) return this.set(null, null);
    if (this.showing === image.blobKey) return;
    this.showing = image.blobKey;
    const blob = await this.flow.imageBlob(image);
    if (this.showing !== image.blobKey) return;
    this.set(blob ? URL.createObjectURL(blob) : null, image.blobKey);
  }

  private set(url: string | null, key: string | null): void {
    if (this.objectUrl) URL.revokeObjectURL(this.objectUrl);
    this.objectUrl = url;
    this.showing = key;
    this.host.requestUpdate();
  }
}
