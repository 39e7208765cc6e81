/**
 * The built-in languages besides English, each a module the bundler splits out (dist/i18n/<lang>.js,
 * see vite.config.ts), fetched the first time an element asks for it. The classic script, one file
 * that cannot split, is built with language-files.classic.ts instead, which loads those same files.
 */
import type { Strings } from './strings.js';

export const LANGUAGE_FILES: Record<string, () => Promise<{ default: Strings }>> = {
  ar: () => import('./i18n/ar.js'),
  de: () => import('./i18n/de.js'),
  es: () => import('./i18n/es.js'),
  fr: () => import('./i18n/fr.js'),
  he: () => import('./i18n/he.js'),
  it: () => import('./i18n/it.js'),
  ja: () => import('./i18n/ja.js'),
  nl: () => import('./i18n/nl.js'),
  pl: () => import('./i18n/pl.js'),
  pt: () => import('./i18n/pt.js'),
  tr: () => import('./i18n/tr.js'),
  zh: () => import('./i18n/zh.js'),
};
