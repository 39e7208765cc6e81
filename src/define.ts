/** Registers <beltic-verify>. Guarded, so loading the widget twice (npm + script tag) is harmless. */
import { BelticVerify } from './beltic-verify.js';

export const TAG_NAME = 'beltic-verify';

// Where there is no element registry (a server importing the browser build) there is nothing to register in.
if (typeof customElements !== 'undefined' && !customElements.get(TAG_NAME)) customElements.define(TAG_NAME, BelticVerify);

declare global {
  interface HTMLElementTagNameMap {
    'beltic-verify': BelticVerify;
  }
}

export { BelticVerify };
