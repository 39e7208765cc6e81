/**
 * Which fields are text fields and which keydowns edit text: the ground hesitation and the
 * input-event autofill detector stand on. Decisions (docs/signals.md):
 * - Text fields are `<textarea>`, contenteditable elements and `<input>` of a type one types into.
 *   Checkboxes, radios, selects, file inputs and buttons are answered by a click or an arrow key,
 *   not typed into: visiting them is no field visit, so a flow without a text field has a
 *   hesitation baseline of 0.
 * - A text-editing keydown is a printable character or a deletion, without Ctrl/Cmd (shortcuts
 *   such as Ctrl+V are counted by their own event), outside an IME composition (its end counts).
 *   Enter edits only where it inserts a line. The key itself is never kept: only this yes/no.
 */

const TEXT_INPUT_TYPES = new Set(['text', 'search', 'email', 'tel', 'url', 'password', 'number']);

export function isTextField(target: EventTarget | null): target is HTMLElement {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLTextAreaElement) return true;
  if (target instanceof HTMLInputElement) return TEXT_INPUT_TYPES.has(target.type);
  return target.isContentEditable;
}

/** Whether a text field currently holds a value; its content is never read beyond this. */
export function holdsValue(field: HTMLElement): boolean {
  if (field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement) return field.value.length > 0;
  return (field.textContent ?? '').length > 0;
}

export interface KeyFacts {
  key: string | undefined;
  ctrlKey: boolean;
  metaKey: boolean;
  isComposing: boolean;
  /** AltGr arrives as Ctrl+Alt on Windows and types characters. */
  altGraph: boolean;
  /** Whether Enter inserts a line in this field (textarea, contenteditable). */
  multiline: boolean;
}

export function isTextEditingKey(facts: KeyFacts): boolean {
  const { key } = facts;
  if (!key || facts.isComposing) return false;
  if ((facts.ctrlKey || facts.metaKey) && !facts.altGraph) return false;
  if (key === 'Backspace' || key === 'Delete') return true;
  if (key === 'Enter') return facts.multiline;
  // One user-perceived character (an emoji is two UTF-16 units); named keys are words ("Tab", "Shift").
  return [...key].length === 1;
}

export function keyFacts(event: KeyboardEvent, field: HTMLElement): KeyFacts {
  return {
    key: event.key,
    ctrlKey: event.ctrlKey,
    metaKey: event.metaKey,
    isComposing: event.isComposing,
    altGraph: typeof event.getModifierState === 'function' && event.getModifierState('AltGraph'),
    multiline: field instanceof HTMLTextAreaElement || field.isContentEditable,
  };
}
