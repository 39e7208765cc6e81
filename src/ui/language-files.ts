/**
 * The built-in languages besides English, each a module the bundler splits out (dist/i18n/<lang>.js,
 * see vite.config.ts), fetched the first time an element asks for it. The classic script, one file
 * that cannot split, is built with language-files.classic.ts instead, which loads those same files.
 */
import type { Strings } from './strings.js';

export const LANGUAGE_FILES: Record<string, () => Promise<{ default: Strings }>> = {};
