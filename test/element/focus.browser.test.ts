// Focus, as a keyboard or screen-reader user meets it: a ring that stands out 3:1 from the card and
// from a filled button (measured from the computed colours), one that forced colours still paint, and
// focus that stays in the widget when a render removes what held it (a refused file, "Try again").
import { expect } from '@open-wc/testing';
import { waitUntil } from '../helpers/wait.js';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import '../../src/define.js';
import type { BelticVerify } from '../../src/index.js';
import { failingCamera, restoreCameras, waitForCamera, atCapture } from '../capture/camera-helpers.js';
import { onlyIn, timeLimit } from '../helpers/engines.js';
import { harness } from '../helpers/harness.js';
import { chooseFile, clearWidgetStorage, createSession, fixtureBlob, mount, shadow, waitForStep } from '../helpers/widget.js';

/** What holds focus inside the widget, or null; the page's <body> when focus was lost. */
function focused(element: BelticVerify): Element | null {
  return element.shadowRoot!.activeElement;
}

/** The sRGB colours of a computed value (`rgb(…)`/`rgba(…)`, as engines serialise them), in order. */
function colours(value: string): [number, number, number][] {
  return [...value.matchAll(/rgba?\(([^)]+)\)/g)].map(
    (match) =>
      match[1]!
        .split(/[\s,/]+/)
        .slice(0, 3)
        .map(Number) as [number, number, number],
  );
}

/** WCAG 2.2's contrast ratio of two sRGB colours. */
function contrast(a: [number, number, number], b: [number, number, number]): number {
  const luminance = (rgb: [number, number, number]) => {
    const [r, g, b] = rgb.map((channel) => {
      const c = channel / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** The intro's Start button, focused from the keyboard (Tab from the consent box), so that :focus-visible is the browser's own. */
async function startFocusedByKeyboard(element: BelticVerify): Promise<HTMLButtonElement> {
  await waitForStep(element, 'intro');
  await executeServerCommand('focus-page');
  shadow<HTMLInputElement>(element, 'input[name=consent]').focus();
  await sendKeys({ press: 'Tab' });
  const start = shadow<HTMLButtonElement>(element, 'form button[type=submit]');
  expect(focused(element), 'Tab reached Start').to.equal(start);
  expect(start.matches(':focus-visible'), 'focused from the keyboard').to.equal(true);
  return start;
}

describe('focus', function () {
  this.timeout(timeLimit(40000));
  beforeEach(clearWidgetStorage);
  afterEach(restoreCameras);

  describe('the ring', () => {
    it('stands out at least 3:1 from the card and from a filled button (computed colours)', async () => {
      const element = await mount(await createSession({ scenario: 'pass' }));
      const start = await startFocusedByKeyboard(element);
      const shadows = colours(getComputedStyle(start).boxShadow);
      expect(shadows, `two bands: ${getComputedStyle(start).boxShadow}`).to.have.length(2);
      const [inner, outer] = shadows as [[number, number, number], [number, number, number]];
      const card = colours(getComputedStyle(shadow(element, '.base')).backgroundColor)[0]!;
      const fill = colours(getComputedStyle(start).backgroundColor)[0]!;
      expect(contrast(outer, card), 'the outer band against the card').to.be.at.least(3);
      expect(contrast(inner, fill), "the inner band against the button's accent").to.be.at.least(3);
      expect(contrast(outer, inner), 'the two bands against each other').to.be.at.least(3);
    });

    it('--beltic-verify-focus-ring replaces it', async () => {
      const element = await mount(await createSession({ scenario: 'pass' }));
      element.style.setProperty('--beltic-verify-focus-ring', '0 0 0 3px rgb(200, 0, 90)');
      const start = await startFocusedByKeyboard(element);
      expect(getComputedStyle(start).boxShadow).to.equal('rgb(200, 0, 90) 0px 0px 0px 3px');
    });

    onlyIn(['chromium'], 'forced colours are emulated through the DevTools protocol (Emulation.setEmulatedMedia)')(
      'is painted in forced colours, which drop box-shadows: a 2px outline in a system colour',
      async () => {
        const element = await mount(await createSession({ scenario: 'pass' }));
        await executeServerCommand('cdp', {
          calls: [{ method: 'Emulation.setEmulatedMedia', params: { features: [{ name: 'forced-colors', value: 'active' }] } }],
        });
        try {
          expect(matchMedia('(forced-colors: active)').matches, 'forced colours are on').to.equal(true);
          const start = await startFocusedByKeyboard(element);
          const style = getComputedStyle(start);
          expect(style.outlineStyle).to.equal('solid');
          expect(parseFloat(style.outlineWidth)).to.be.at.least(2);
          expect(style.outlineColor).to.not.match(/^(transparent|rgba\(\d+, \d+, \d+, 0\))$/);
          // Not focused, the same button has no outline to paint: the ring is focus's alone.
          shadow<HTMLInputElement>(element, 'input[name=consent]').focus();
          expect(getComputedStyle(start).outlineStyle).to.not.equal('solid');
        } finally {
          await executeServerCommand('cdp', { calls: [{ method: 'Emulation.setEmulatedMedia', params: { features: [] } }] });
        }
      },
    );
  });

  describe('never lost to the page', () => {
    it('a refused file chosen from the keyboard: focus is back on the file control, beside the notice', async () => {
      // No camera: the file control is the capture step's first source (with one, it is the same, folded).
      failingCamera('NotFoundError');
      const element = await atCapture('passport', 'FR');
      await waitForCamera(element, 'problem:absent');
      const input = shadow<HTMLInputElement>(element, 'input[type=file]');
      input.focus();
      await chooseFile(element, await fixtureBlob('fake.jpg'), 'fake.jpg');
      await waitUntil(() => harness(element).flow.imageProblem !== null, 'the file is refused', { timeout: 10000 });
      await element.updateComplete;
      expect(shadow(element, '.notice').textContent).to.not.equal('');
      expect(document.activeElement, 'not the page').to.equal(element);
      expect(focused(element)).to.equal(shadow(element, 'input[type=file]'));
      // And the applicant goes on from there: a good file reaches the review, whose heading takes focus.
      await chooseFile(element, await fixtureBlob('passport.jpg'));
      await waitForStep(element, 'review');
      expect(focused(element)?.tagName).to.equal('H2');
    });

    it('a refused file chosen from the keyboard in the fold under a live camera: the fold opens again, focus on its file control', async () => {
      const element = await atCapture('passport', 'FR');
      await waitForCamera(element, 'live');
      const fold = shadow<HTMLDetailsElement>(element, 'details.file-alternative');
      fold.open = true;
      shadow<HTMLInputElement>(element, 'details.file-alternative input[type=file]').focus();
      await chooseFile(element, await fixtureBlob('fake.jpg'), 'fake.jpg');
      await waitUntil(() => harness(element).flow.imageProblem !== null, 'the file is refused', { timeout: 10000 });
      await element.updateComplete;
      expect(document.activeElement, 'not the page').to.equal(element);
      expect(focused(element)).to.equal(shadow(element, 'details.file-alternative input[type=file]'));
      expect(shadow<HTMLDetailsElement>(element, 'details.file-alternative').open, 'the fold is open').to.equal(true);
    });

    it('"Try the camera again": focus goes to the camera as it starts, and stays in the widget once it is live', async () => {
      failingCamera('NotReadableError');
      const element = await atCapture('passport', 'FR');
      await waitForCamera(element, 'problem:busy');
      const again = shadow<HTMLButtonElement>(element, '[part~=camera-problem] button');
      again.focus();
      restoreCameras();
      again.click();
      await waitUntil(() => harness(element).camera.camera.status.state !== 'problem', 'the camera starts again');
      await element.updateComplete;
      expect(document.activeElement, 'not the page').to.equal(element);
      expect(focused(element)?.closest('[part~=camera]'), 'the camera, or its shutter').to.not.equal(null);
      await waitForCamera(element, 'live');
      expect(focused(element)?.closest('[part~=camera]'), 'still the camera once live').to.not.equal(null);
    });

    it('"Try the camera again" that fails again: focus goes to the new notice\'s "Try again"', async () => {
      failingCamera('NotReadableError');
      const element = await atCapture('passport', 'FR');
      await waitForCamera(element, 'problem:busy');
      const again = shadow<HTMLButtonElement>(element, '[part~=camera-problem] button');
      again.focus();
      again.click();
      expect(harness(element).camera.camera.status.state, 'starting again').to.not.equal('problem');
      // The notice gives way to the viewfinder, then the camera fails the same way.
      await waitForCamera(element, 'problem:busy');
      await element.updateComplete;
      expect(document.activeElement, 'not the page').to.equal(element);
      expect(focused(element)).to.equal(shadow(element, '[part~=camera-problem] button'));
    });
  });
});
