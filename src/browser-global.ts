/**
 * Entry of the classic script-tag build: registers <beltic-verify> and exposes `window.BelticVerify`.
 *
 * The script tag may say where the worker files are, for every element of the page, when they are
 * not next to the script (README, "Hosting the worker files"):
 *
 *   <script src="https://cdn.example/beltic-verify.classic.js" data-assets-base="/static/beltic-verify/"></script>
 *
 * Read once, while the script runs (a classic script is `document.currentScript` then); an
 * element's own `assets-base` wins over it.
 */
import './define.js';
import * as api from './index.js';
import { setAssetsBase } from './workers/assets.js';

declare global {
  interface Window {
    BelticVerify: typeof api;
  }
}

if (typeof window !== 'undefined') {
  const script = typeof document !== 'undefined' ? document.currentScript : null;
  if (script instanceof HTMLScriptElement && script.dataset.assetsBase) setAssetsBase(script.dataset.assetsBase, null);
  window.BelticVerify = api;
}
