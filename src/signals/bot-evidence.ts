/**
 * The evidence of automation the page can observe, as ids of the shared vocabulary
 * (behavior/score.ts: the same table scores it here and, authoritatively, on the server).
 * Only yes/no findings leave this module: never the renderer string, a global's value or an event.
 */
import { knownEvidence, type EvidenceId } from '../behavior/score.js';
import type { RendererClass } from './webgl.js';

export interface BotObservations {
  webdriver: boolean;
  userAgent: string;
  /** `navigator.userAgentData.brands` names; null without client hints. */
  brands: readonly string[] | null;
  automationGlobal: boolean;
  untrustedInputs: number;
  /** A Chromium User-Agent without client hints (user-agent.ts: `client_hints_missing`). */
  clientHintsMissing: boolean;
  webglRendererClass: RendererClass;
  outerWindow: { width: number; height: number };
  /** The final submit has happened (the verification is being created). */
  submitted: boolean;
  trustedInteractions: number;
  straightPointerPaths: boolean;
  regularKeystrokes: boolean;
  completionSeconds: number | null;
}

/** Below this a person cannot have read the consent, chosen a document and taken its photos. */
export const MIN_HUMAN_COMPLETION_SECONDS = 5;

const HEADLESS = /HeadlessChrome|PhantomJS|\bHeadless\b/i;

export function botEvidence(o: BotObservations): EvidenceId[] {
  const ids: EvidenceId[] = [];
  if (o.webdriver) ids.push('webdriver');
  if (HEADLESS.test(o.userAgent) || (o.brands ?? []).some((brand) => HEADLESS.test(brand))) ids.push('headless_ua');
  if (o.automationGlobal) ids.push('automation_global');
  if (o.untrustedInputs > 0) ids.push('untrusted_input');
  if (o.clientHintsMissing) ids.push('ua_ch_missing');
  if (o.webglRendererClass === 'software') ids.push('software_webgl');
  if (o.outerWindow.width === 0 && o.outerWindow.height === 0) ids.push('zero_outer_window');
  // "Before submit": judged once there is a submit; an applicant who has not done anything yet is not a bot.
  if (o.submitted && o.trustedInteractions === 0) ids.push('no_trusted_input');
  if (o.straightPointerPaths) ids.push('straight_pointer');
  if (o.regularKeystrokes) ids.push('regular_keystrokes');
  if (o.completionSeconds !== null && o.completionSeconds < MIN_HUMAN_COMPLETION_SECONDS) ids.push('too_fast');
  return knownEvidence(ids);
}

/** Globals that automation frameworks and drivers leave in the page (names only are looked at). */
const AUTOMATION_GLOBALS = [
  '_phantom',
  'callPhantom',
  '__nightmare',
  'domAutomation',
  'domAutomationController',
  '_selenium',
  'callSelenium',
  '_Selenium_IDE_Recorder',
  '__webdriver_evaluate',
  '__selenium_evaluate',
  '__webdriver_script_function',
  '__webdriver_script_func',
  '__webdriver_script_fn',
  '__fxdriver_evaluate',
  '__driver_unwrapped',
  '__webdriver_unwrapped',
  '__driver_evaluate',
  '__selenium_unwrapped',
  '__fxdriver_unwrapped',
  '__lastWatirAlert',
  '__playwright__binding__',
  '__pwInitScripts',
  'Cypress',
];
/** ChromeDriver's injected document properties ($cdc_…, $wdc_…). */
const DRIVER_PROPERTY = /^\$?(cdc|wdc)_/;
const DRIVER_ATTRIBUTES = ['webdriver', 'selenium', 'driver'];

export function hasAutomationGlobal(win: Window): boolean {
  const doc = win.document;
  return (
    AUTOMATION_GLOBALS.some((name) => name in win) ||
    Object.keys(doc).some((name) => DRIVER_PROPERTY.test(name)) ||
    Object.keys(win).some((name) => DRIVER_PROPERTY.test(name)) ||
    DRIVER_ATTRIBUTES.some((name) => doc.documentElement?.hasAttribute(name))
  );
}
