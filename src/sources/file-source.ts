/**
 * The file source of the capture step: a file chosen or dropped (or an image dragged from a web
 * page of this origin). Shown folded as the alternative while an earlier source (the camera) is live.
 */
import { html, type TemplateResult } from 'lit';
import type { Side } from '../api/contract.js';
import type { CaptureSource, SourceContext } from './capture-source.js';

export class FileSource implements CaptureSource {
  readonly active = false;

  constructor(private readonly context: SourceContext) {}

  alternativeLabel(): string {
    return this.context.strings().capture.camera.uploadInstead;
  }

  render(side: Side): TemplateResult {
    const t = this.context.strings().capture;
    if (this.context.flow.preparing) {
      return html`<p>${t.preparing}</p>
        <div class="spinner" role="presentation"></div>`;
    }
    const pick = (event: Event) => {
      const input = event.target as HTMLInputElement;
      const file = input.files?.[0];
      input.value = '';
      if (file) void this.context.flow.takeImage(side, file, 'file');
    };
    const drop = (event: DragEvent) => {
      event.preventDefault();
      (event.currentTarget as HTMLElement).classList.remove('over');
      const file = event.dataTransfer?.files[0];
      const url = event.dataTransfer?.getData('text/uri-list').split('\n')[0]?.trim();
      if (file) void this.context.flow.takeImage(side, file, 'file');
      else if (url) void this.takeUrl(side, url);
    };
    const over = (event: DragEvent) => {
      event.preventDefault();
      (event.currentTarget as HTMLElement).classList.add('over');
    };
    const leave = (event: DragEvent) => (event.currentTarget as HTMLElement).classList.remove('over');
    return html`<div class="dropzone" part="dropzone" @drop=${drop} @dragover=${over} @dragleave=${leave}>
      <label class="button" part="button" for="file-${side}">${t.chooseFile}</label>
      <input class="visually-hidden" id="file-${side}" type="file" accept="image/jpeg,image/png,image/webp" aria-describedby="drop-hint" @change=${pick} />
      <span id="drop-hint" class="muted">${t.dropHere}</span>
    </div>`;
  }

  /** Same-origin images only: the widget fetches nothing from elsewhere. */
  private async takeUrl(side: Side, url: string): Promise<void> {
    const target = new URL(url, location.href);
    const blob =
      target.origin === location.origin
        ? await fetch(target)
            .then((r) => (r.ok ? r.blob() : null))
            .catch(() => null)
        : null;
    if (blob) await this.context.flow.takeImage(side, blob, 'file');
    else this.context.flow.refuseImage(side, 'unreadable_image', 'The dropped image could not be loaded (only images from this site can be dropped).');
  }
}
