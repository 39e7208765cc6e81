/** Registers <beltic-verify>. Guarded, so loading the widget twice (npm + script tag) is harmless. */
import { BelticVerify } from './beltic-verify.js';

export const TAG_NAME = 'beltic-verify';

if (!customElements.get(TAG_NAME)) customElements.define(TAG_NAME, BelticVerify);

declare global {
  interface HTMLElementTagNameMap {
    'beltic-verify': BelticVerify;
  }
}

export { BelticVerify };
