/**
 * The behaviour collector: listens to the widget and turns what happens into the 16 fields of
 * `behavior_analysis` plus the evidence list (signals.md). Every listener lives here, so this file
 * is where to audit what the widget observes.
 *
 * Listeners sit on the element's own shadow root (events such as `animationstart` never leave it,
 * and the host page's own fields are none of our business) and on document/window for visibility,
 * focus and size. Only trusted events count, except in the count of untrusted ones (evidence).
 * Times are `event.timeStamp`, so tests drive them exactly through the DevTools protocol.
 *
 * What is kept: counters, interval lengths, yes/no flags, and the current pointer path's end points
 * in memory to measure its straightness. Never a key, a value, clipboard data or a position sent.
 */
import { BEHAVIOR_FIELDS, type BehaviorAnalysis } from '../api/contract.js';
import { scoreEvidence, threatLevel, type EvidenceId } from '../behavior/score.js';
import { AUTOFILL_END_ANIMATION, AUTOFILL_START_ANIMATION, AutofillTracker, autofillInputKind } from './autofill.js';
import { botEvidence, hasAutomationGlobal } from './bot-evidence.js';
import { DevtoolsWatch, windowSizes } from './devtools.js';
import { DistractionTracker } from './distraction.js';
import { hesitationFigures, HesitationRecorder, type HesitationInterval } from './hesitation.js';
import { KeystrokeRhythm, PointerPaths } from './input-rhythm.js';
import { holdsValue, isTextEditingKey, isTextField, keyFacts } from './text-fields.js';
import { readUserAgentSnapshot, userAgentInconsistencies } from './user-agent.js';
import { webglRendererClass } from './webgl.js';

/** Everything counted so far, as plain JSON: carried over a reload of the same session. */
export interface Tally {
  copies: number;
  pastes: number;
  autofill_starts: number;
  autofill_cancels: number;
  distractions: number;
  /** Trusted pointer presses and keyboard keys in the widget. */
  interactions: number;
  untrusted_inputs: number;
  hesitation: HesitationInterval[];
  devtools_open: boolean | null;
}

export interface Snapshot {
  behavior: BehaviorAnalysis;
  evidence: EvidenceId[];
  interactions: number;
}

export interface CollectorOptions {
  /** The element's shadow root. */
  root: ShadowRoot;
  win?: Window & typeof globalThis;
  /** The clock of `event.timeStamp`; injectable for tests. */
  now?: () => number;
  /** Called right after the page became hidden or is being unloaded: the moment to deliver. */
  onLeave?: () => void;
}

/** Events from which only "this was synthesized by a script" is learnt. */
const UNTRUSTED_WATCHED = ['pointerdown', 'mousedown', 'click', 'keydown', 'input', 'touchstart'] as const;

export class SignalsCollector {
  private readonly root: ShadowRoot;
  private readonly win: Window & typeof globalThis;
  private readonly now: () => number;
  private readonly onLeave: () => void;

  private copies = 0;
  private pastes = 0;
  private interactions = 0;
  private untrustedInputs = 0;
  private carried: Tally | null = null;
  private readonly autofill = new AutofillTracker();
  private readonly distraction = new DistractionTracker();
  private readonly hesitation: HesitationRecorder;
  private readonly devtools: DevtoolsWatch;
  private readonly pointer = new PointerPaths();
  private readonly keystrokes = new KeystrokeRhythm();
  private listening: AbortController | null = null;

  constructor(options: CollectorOptions) {
    this.root = options.root;
    this.win = options.win ?? window;
    this.now = options.now ?? (() => this.win.performance.now());
    this.onLeave = options.onLeave ?? (() => undefined);
    this.hesitation = new HesitationRecorder([], () => this.distraction.episodes(this.now()));
    this.devtools = new DevtoolsWatch(windowSizes(this.win));
  }

  // ------------------------------------------------------------ lifecycle

  start(): void {
    if (this.listening) return;
    const listening = new AbortController();
    this.listening = listening;
    const options = { capture: true, passive: true, signal: listening.signal };
    const on = <K extends keyof HTMLElementEventMap>(type: K, handler: (event: HTMLElementEventMap[K]) => void) =>
      this.root.addEventListener(type, handler as EventListener, options);

    on('focusin', (e) => this.onFocusIn(e));
    on('focusout', (e) => this.onFocusOut(e));
    on('keydown', (e) => this.onKeyDown(e));
    on('pointerdown', (e) => this.onPointerDown(e));
    on('pointermove', (e) => this.onPointerMove(e));
    on('copy', (e) => this.onCopy(e));
    on('paste', (e) => this.onPaste(e));
    on('compositionend', (e) => this.onCompositionEnd(e));
    on('input', (e) => this.onInput(e));
    on('animationstart', (e) => this.onAnimationStart(e));
    for (const type of UNTRUSTED_WATCHED) {
      this.root.addEventListener(type, (e) => this.countUntrusted(e), options);
    }

    const doc = this.win.document;
    this.distraction.startedWhile({ hidden: doc.visibilityState === 'hidden', blurred: !doc.hasFocus() });
    doc.addEventListener('visibilitychange', (e) => this.onVisibilityChange(e), options);
    this.win.addEventListener('blur', (e) => e.target === this.win && this.distraction.windowBlur(e.timeStamp), options);
    this.win.addEventListener('focus', (e) => e.target === this.win && this.distraction.windowFocus(e.timeStamp), options);
    this.win.addEventListener('resize', () => this.devtools.look(windowSizes(this.win)), options);
    this.win.addEventListener('pagehide', () => this.onLeave(), options);
  }

  stop(): void {
    this.listening?.abort();
    this.listening = null;
  }

  /** Adds what an earlier page load of the same session counted (once). */
  carry(tally: Tally | null): void {
    if (!tally || this.carried) return;
    this.carried = tally;
    this.hesitation.intervals.unshift(...tally.hesitation);
  }

  // ------------------------------------------------------------ handlers

  private onFocusIn(event: FocusEvent): void {
    if (!event.isTrusted || !isTextField(event.target)) return;
    this.hesitation.focus(event.target, event.timeStamp);
  }

  private onFocusOut(event: FocusEvent): void {
    if (event.target) this.hesitation.blur(event.target);
  }

  private onKeyDown(event: KeyboardEvent): void {
    // The browser's own autofill sends keydowns without a key: they are not the applicant's.
    if (!event.isTrusted || !event.key) return;
    this.present(event.timeStamp);
    this.keystrokes.keydown(event.timeStamp);
    const field = event.target;
    if (isTextField(field) && isTextEditingKey(keyFacts(event, field))) this.hesitation.entry(field, event.timeStamp);
  }

  private onPointerDown(event: PointerEvent): void {
    if (!event.isTrusted) return;
    this.present(event.timeStamp);
    this.pointer.press();
  }

  private onPointerMove(event: PointerEvent): void {
    if (!event.isTrusted || event.pointerType === 'touch') return;
    this.pointer.move(event.clientX, event.clientY);
  }

  private onCopy(event: ClipboardEvent): void {
    if (event.isTrusted) this.copies++;
  }

  private onPaste(event: ClipboardEvent): void {
    if (!event.isTrusted) return;
    this.pastes++;
    if (event.target) this.hesitation.entry(event.target, event.timeStamp);
  }

  private onCompositionEnd(event: CompositionEvent): void {
    if (event.isTrusted && event.target) this.hesitation.entry(event.target, event.timeStamp);
  }

  private onInput(event: Event): void {
    const field = event.target;
    if (!event.isTrusted || !isTextField(field)) return;
    const kind = autofillInputKind((event as InputEvent).inputType, holdsValue(field));
    if (kind === 'fill') this.autofill.filled(field);
    else if (kind === 'edit') this.autofill.changed(field);
  }

  private onAnimationStart(event: AnimationEvent): void {
    if (!event.isTrusted || !event.target) return;
    if (event.animationName === AUTOFILL_START_ANIMATION) this.autofill.filled(event.target);
    else if (event.animationName === AUTOFILL_END_ANIMATION) this.autofill.changed(event.target);
  }

  private onVisibilityChange(event: Event): void {
    if (this.win.document.visibilityState === 'hidden') {
      this.distraction.hidden(event.timeStamp);
      this.onLeave();
    } else {
      this.distraction.visible(event.timeStamp);
    }
  }

  private countUntrusted(event: Event): void {
    if (!event.isTrusted) this.untrustedInputs++;
  }

  /** A trusted press or key: the applicant is here. */
  private present(at: number): void {
    this.interactions++;
    this.distraction.present(at);
  }

  // ------------------------------------------------------------ results

  get tally(): Tally {
    const carried = this.carried;
    return {
      copies: this.copies + (carried?.copies ?? 0),
      pastes: this.pastes + (carried?.pastes ?? 0),
      autofill_starts: this.autofill.starts + (carried?.autofill_starts ?? 0),
      autofill_cancels: this.autofill.cancels + (carried?.autofill_cancels ?? 0),
      distractions: this.distraction.count(this.now()) + (carried?.distractions ?? 0),
      interactions: this.interactions + (carried?.interactions ?? 0),
      untrusted_inputs: this.untrustedInputs + (carried?.untrusted_inputs ?? 0),
      hesitation: [...this.hesitation.intervals],
      devtools_open: carried?.devtools_open === true ? true : this.devtools.open,
    };
  }

  /** The block as the page sees it now. `completionSeconds` is null until the final submit. */
  snapshot(progress: { submitted: boolean; completionSeconds: number | null }): Snapshot {
    this.devtools.look(windowSizes(this.win));
    const tally = this.tally;
    const win = this.win;
    const userAgent = readUserAgentSnapshot(win);
    const inconsistencies = userAgentInconsistencies(userAgent);
    const evidence = botEvidence({
      webdriver: win.navigator.webdriver === true,
      userAgent: userAgent.userAgent,
      brands: userAgent.userAgentData?.brands.map((b) => b.brand) ?? null,
      automationGlobal: hasAutomationGlobal(win),
      untrustedInputs: tally.untrusted_inputs,
      clientHintsMissing: inconsistencies.includes('client_hints_missing'),
      webglRendererClass: webglRendererClass(win.document),
      outerWindow: { width: win.outerWidth, height: win.outerHeight },
      submitted: progress.submitted,
      trustedInteractions: tally.interactions,
      straightPointerPaths: this.pointer.allStraight,
      regularKeystrokes: this.keystrokes.tooRegular,
      completionSeconds: progress.completionSeconds,
    });
    const botScore = scoreEvidence(evidence);
    const behavior: BehaviorAnalysis = {
      completion_time_seconds: progress.completionSeconds,
      autofill_starts: tally.autofill_starts,
      autofill_cancels: tally.autofill_cancels,
      shortcut_copies: tally.copies,
      shortcut_pastes: tally.pastes,
      distraction_events: tally.distractions,
      ...hesitationFigures(tally.hesitation),
      devtools_open: tally.devtools_open,
      // No Worker-side timing probe is shipped (signals.md): unknown, never guessed.
      debugger_attached: null,
      user_agent_spoof_attempts: inconsistencies.length,
      // Only the server sees other devices' requests; it fills this in.
      request_spoof_attempts: null,
      bot_score: botScore,
      threat_level: threatLevel({
        bot_score: botScore,
        request_spoof_attempts: null,
        user_agent_spoof_attempts: inconsistencies.length,
        devtools_open: tally.devtools_open,
        interactions: tally.interactions,
      }),
    };
    return { behavior, evidence, interactions: tally.interactions };
  }
}

/** The block sent when the host page turned collection off (`no-signals`): every field null. */
export function emptyBehavior(): BehaviorAnalysis {
  return Object.fromEntries(BEHAVIOR_FIELDS.map((field) => [field, null])) as unknown as BehaviorAnalysis;
}
