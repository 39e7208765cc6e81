// The behaviour collector in real Chromium, driven through the DevTools protocol: trusted input
// with exact timestamps, real tab switches, the browser's own autofill, a real (fake-device) camera.
import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/define.js';
import type { BelticVerify } from '../../src/index.js';
import { clearWidgetStorage, createSession, mount, waitForStep } from '../helpers/widget.js';
import { calibrateInputClock, cameraTrack, cdp, injectFields, keyAt, nextTimeStamp, shortcut, signalsOf, snapshot, storedBehavior } from './helpers.js';

async function mountedAtIntro(): Promise<{ element: BelticVerify; sessionId: string }> {
  const session = await createSession({ scenario: 'pass' });
  const element = await mount(session);
  await waitForStep(element, 'intro');
  return { element, sessionId: session.session_id };
}

describe('behaviour signals in real Chromium', function () {
  this.timeout(30000);

  beforeEach(clearWidgetStorage);

  it('hesitation: the worked example of signals.md from DevTools-protocol key events, exactly', async () => {
    const { element } = await mountedAtIntro();
    const field = injectFields(element, '<input type="text" name="full_name" aria-label="Full name">');
    const toProtocolTime = await calibrateInputClock();

    const focused = nextTimeStamp(element.shadowRoot!, 'focusin');
    field.focus();
    const focusAt = await focused;
    // Text keydowns at 500, 620, 740, 6740 and 6860 ms after the focus, then the blur.
    const calls = [500, 620, 740, 6740, 6860].flatMap((ms, i) => keyAt('abcde'[i]!, toProtocolTime(focusAt + ms)));
    await cdp(...calls);
    field.blur();

    const { behavior } = snapshot(element);
    expect(field.value).to.equal('abcde');
    expect({
      baseline: behavior.hesitation_baseline,
      count: behavior.hesitation_count,
      time: behavior.hesitation_time,
      percentage: behavior.hesitation_percentage,
    }).to.deep.equal({ baseline: 6860, count: 1, time: 6000, percentage: 87.46 });
  });

  it("hesitation: the widget's own flow has no text field, so the baseline is 0 and the percentage null", async () => {
    const { element } = await mountedAtIntro();
    element.shadowRoot!.querySelector<HTMLInputElement>('input[name=consent]')!.focus();
    await cdp(...keyAt(' ', toSeconds(performance.now())));
    const { behavior } = snapshot(element);
    expect(behavior.hesitation_baseline).to.equal(0);
    expect(behavior.hesitation_percentage).to.equal(null);
  });

  it('copies and pastes: keyboard shortcuts count, script-made clipboard events do not', async () => {
    const { element } = await mountedAtIntro();
    const field = injectFields(element, '<input type="text" name="note" aria-label="Note" value="some words">');
    field.focus();
    await cdp(...shortcut('a', 'selectAll'), ...shortcut('c', 'copy'), ...shortcut('v', 'paste'), ...shortcut('v', 'paste'));
    field.dispatchEvent(new ClipboardEvent('copy', { bubbles: true, composed: true }));
    field.dispatchEvent(new ClipboardEvent('paste', { bubbles: true, composed: true }));
    const { behavior } = snapshot(element);
    expect(behavior.shortcut_copies).to.equal(1);
    expect(behavior.shortcut_pastes).to.equal(2);
  });

  it('distraction: a real tab switch is one episode, and hiding the page delivers the block', async () => {
    const { element, sessionId } = await mountedAtIntro();
    expect(snapshot(element).behavior.distraction_events).to.equal(0);
    const back = new Promise<void>((resolve) => document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && resolve()));
    await executeServerCommand('hide-page');
    await back;
    expect(snapshot(element).behavior.distraction_events).to.equal(1);
    // Delivered while hidden, with keepalive, through the proxy into the sandbox.
    const stored = await storedBehavior(sessionId, (b) => b.distraction_events === 1);
    expect(stored.data.attributes.behavior_analysis!.completion_time_seconds).to.equal(null);
  });

  it("autofill: the browser's own autofill (DevTools Autofill domain) starts, an edit cancels", async () => {
    const { element } = await mountedAtIntro();
    injectFields(
      element,
      `<form>
        <input name="cc-number" autocomplete="cc-number" aria-label="Card number">
        <input name="cc-name" autocomplete="cc-name" aria-label="Name on card">
        <input name="cc-exp" autocomplete="cc-exp" aria-label="Expiry">
        <input name="cc-csc" autocomplete="cc-csc" aria-label="Security code">
      </form>`,
    );
    const number = element.shadowRoot!.querySelector<HTMLInputElement>('[name=cc-number]')!;
    const started = nextTimeStamp(element.shadowRoot!, 'animationstart');
    await executeServerCommand('autofill-card', {
      expression: `document.querySelector('beltic-verify').shadowRoot.querySelector('[name=cc-number]')`,
      card: { number: '4444444444444444', name: 'Test Card', expiryMonth: '01', expiryYear: '2031', cvc: '123' },
    });
    await started;
    await waitUntil(() => snapshot(element).behavior.autofill_starts! >= 4, 'autofill not seen', { timeout: 5000 });
    expect(number.value.replace(/\D/g, '')).to.equal('4444444444444444');
    const { behavior } = snapshot(element);
    expect(behavior.autofill_starts).to.equal(4);
    expect(behavior.autofill_cancels).to.equal(0);

    number.focus();
    await cdp(...keyAt('9', toSeconds(performance.now())));
    await waitUntil(() => snapshot(element).behavior.autofill_cancels === 1, 'the edit was not seen as a cancel', { timeout: 5000 });
    expect(snapshot(element).behavior.autofill_starts).to.equal(4);
  });

  it('devtools: a viewport squeezed inside its window (as docked tools do) is seen; a plain window is not', async () => {
    const { element } = await mountedAtIntro();
    expect(snapshot(element).behavior.devtools_open).to.equal(false);
    try {
      await cdp({ method: 'Emulation.setDeviceMetricsOverride', params: { width: 420, height: 600, deviceScaleFactor: 0, mobile: false } });
      await waitUntil(() => innerWidth === 420, 'the override did not apply');
      expect(snapshot(element).behavior.devtools_open).to.equal(true);
    } finally {
      await cdp({ method: 'Emulation.clearDeviceMetricsOverride' });
    }
  });

  it('bot evidence under the test runner: webdriver and the headless User-Agent, bot_score ≥ 90, threat high', async () => {
    const { element } = await mountedAtIntro();
    const { behavior, meta } = snapshot(element);
    expect(navigator.webdriver).to.equal(true);
    expect(meta!.evidence).to.include.members(['webdriver', 'headless_ua']);
    expect(behavior.bot_score).to.be.at.least(90);
    expect(behavior.threat_level).to.equal('high');
    expect(behavior.debugger_attached).to.equal(null);
    expect(behavior.request_spoof_attempts).to.equal(null, 'the server fills it');
  });

  it('untrusted input: script-made clicks and keys are evidence, not interactions', async () => {
    const { element } = await mountedAtIntro();
    const before = snapshot(element).meta!.interactions;
    element.shadowRoot!.querySelector<HTMLInputElement>('input[name=consent]')!.click();
    element.shadowRoot!.querySelector('h2')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'a', bubbles: true, composed: true }));
    const { meta } = snapshot(element);
    expect(meta!.interactions).to.equal(before);
    expect(meta!.evidence).to.include('untrusted_input');
  });

  it('camera: kind and settings from a track; the label is classified and dropped', async () => {
    const { element } = await mountedAtIntro();
    // The device record goes out at the start; once it has, a camera recorded later rides in meta.camera.
    await waitUntil(() => signalsOf(element).deviceReported, 'the device record was sent', { timeout: 10000 });
    const devices = (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'videoinput').length;
    for (const [label, kind] of [
      ['OBS Virtual Camera', 'virtual'],
      ['FaceTime HD Camera (Built-in)', 'real'],
      ['', 'unknown'],
    ] as const) {
      const track = cameraTrack(label);
      try {
        await signalsOf(element).recordCamera(track);
        const { meta } = snapshot(element);
        expect(meta!.camera).to.deep.equal({ count: devices, kind, width: 640, height: 480, frame_rate: track.getSettings().frameRate ?? null });
        if (label) expect(JSON.stringify(meta)).not.to.include(label);
      } finally {
        track.stop();
      }
    }
  });
});

/** A protocol timestamp for a page time, for tests where only the order matters. */
function toSeconds(pageMs: number): number {
  return (performance.timeOrigin + pageMs) / 1000;
}
