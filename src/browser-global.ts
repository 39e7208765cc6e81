/** Entry of the classic script-tag build: registers <beltic-verify> and exposes `window.BelticVerify`. */
import './define.js';
import * as api from './index.js';

declare global {
  interface Window {
    BelticVerify: typeof api;
  }
}

window.BelticVerify = api;
