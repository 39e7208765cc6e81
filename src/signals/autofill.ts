/**
 * Autofill starts and cancels (signals.md), per field and per fill.
 *
 * Two detectors feed one state machine, so a fill seen by both counts once:
 * - the animation hook: the element's styles (ui/styles.ts) start AUTOFILL_START_ANIMATION on
 *   `:autofill` / `:-webkit-autofill` fields and AUTOFILL_END_ANIMATION when a field stops matching
 *   them (the browser drops the state as soon as the value is edited);
 * - a trusted `input` event without `inputType` on a text field that now holds a value: typing,
 *   pasting, dropping and deleting always name an inputType; the browser filling a value does not.
 * A cancel is a change by the applicant to a field still autofilled: an edit (an `input` event with
 * an inputType) or the end animation. It counts only after a start on the same field, once per fill.
 */

/** Keyframe names shared with ui/styles.ts; prefixed so the host page's animations never match. */
export const AUTOFILL_START_ANIMATION = 'beltic-verify-autofill-start';
export const AUTOFILL_END_ANIMATION = 'beltic-verify-autofill-end';

type FieldState = 'filled' | 'changed';

export class AutofillTracker {
  private readonly fields = new WeakMap<object, FieldState>();

  constructor(
    public starts = 0,
    public cancels = 0,
  ) {}

  /** The browser filled this field. */
  filled(field: object): void {
    if (this.fields.get(field) === 'filled') return;
    this.fields.set(field, 'filled');
    this.starts++;
  }

  /** The applicant changed or cleared this field (or it stopped being autofilled). */
  changed(field: object): void {
    if (this.fields.get(field) !== 'filled') return;
    this.fields.set(field, 'changed');
    this.cancels++;
  }
}

/** What an `input` event says about autofill, from its type and the field's state only. */
export function autofillInputKind(inputType: string | undefined, holdsValue: boolean): 'fill' | 'edit' | null {
  if (inputType) return 'edit';
  return holdsValue ? 'fill' : null;
}
