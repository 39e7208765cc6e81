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
      // Focusable by script: where focus waits while a file chosen from the keyboard is prepared (take).
      return html`<p class="preparing" tabindex="-1">${t.preparing}</p>
        <div class="spinner" role="presentation"></div>`;
    }
    const pick = (event: Event) => {
      const input = event.target as HTMLInputElement;
      const file = input.files?.[0];
      input.value = '';
      if (file) this.take(side, file);
    };
    const drop = (event: DragEvent) => {
      event.preventDefault();
      (event.currentTarget as HTMLElement).classList.remove('over');
      const file = event.dataTransfer?.files[0];
      const url = event.dataTransfer?.getData('text/uri-list').split('\n')[0]?.trim();
      if (file) this.take(side, file);
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
      <!-- "drop it here" only where a file can be dropped (a mouse or trackpad: styles.ts); the formats everywhere. -->
      <span id="drop-hint" class="muted"><span class="drop-only">${t.dropHere}</span><span class="no-drop">${t.formats}</span></span>
    </div>`;
  }

  /**
   * The file control gives way to "Preparing…", then comes back with the notice if the file is
   * refused: focus (a keyboard's, a screen reader's) follows it there and back, never to the page.
   */
  private take(side: Side, file: Blob): void {
    this.context.keepFocus((root) => {
      const control = root.querySelector<HTMLElement>(`#file-${side}`);
      // Back in its fold (the camera is live), which comes back closed: it opens again, as the applicant had it.
      const fold = control?.closest('details');
      if (fold) fold.open = true;
      return control ?? root.querySelector<HTMLElement>('.preparing');
    });
    void this.context.flow.takeImage(side, file, 'file');
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
