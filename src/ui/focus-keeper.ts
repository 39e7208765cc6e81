/**
 * Focus is never lost to the page's <body>. A render that removes the element holding focus (the
 * file control giving way to "Preparing…", a refused file's notice, the camera's "Try again" giving
 * way to the viewfinder) would leave a keyboard or screen-reader user at the top of the page, with
 * no way back but tabbing through it. After such a render focus goes to the element the part that
 * rendered it named (`keep`), else to the step's heading.
 *
 * The element calls `restore()` after its own placing of focus (a new step's heading), and `forget()`
 * when the step changes: a target named for one step means nothing on the next.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Finds, in the element's shadow root as just rendered, where focus should go; null: the step's heading. */
export type FocusTarget = (root: ShadowRoot) => HTMLElement | null;

export class FocusKeeper implements ReactiveController {
  private target: FocusTarget | null = null;
  private hadFocus = false;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  /** Where focus goes if a render of this step removes what holds it; the last call wins. */
  keep(find: FocusTarget): void {
    this.target = find;
  }

  forget(): void {
    this.target = null;
  }

  /** Just before each render. */
  hostUpdate(): void {
    this.hadFocus = this.host.shadowRoot?.activeElement != null;
  }

  /** After each render: focus was inside before it and is nowhere now, so it goes where it was asked to. */
  restore(): void {
    const root = this.host.shadowRoot;
    if (!root || !this.hadFocus || root.activeElement) return;
    this.hadFocus = false;
    (this.target?.(root) ?? root.querySelector<HTMLElement>('h2'))?.focus();
  }
}
