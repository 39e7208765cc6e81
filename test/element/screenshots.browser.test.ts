// Screenshots of every step in forced colours and at 320 px, written to test-artifacts/screenshots/ for
// people to look at (CI keeps them), with what can be checked of them checked: at 320 px nothing is wider
// than the viewport (WCAG 2.2 SC 1.4.10, reflow). One walk through the flow, both displays at each step.
import { expect, nextFrame } from '@open-wc/testing';
import { waitUntil } from '../helpers/wait.js';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/define.js';
import type { BelticVerify } from '../../src/index.js';
import { onlyIn, timeLimit } from '../helpers/engines.js';
import { harness } from '../helpers/harness.js';
import { chooseDocument, chooseFile, clearWidgetStorage, consent, createSession, fixtureBlob, mount, shadow, waitForStep } from '../helpers/widget.js';

const DISPLAYS = [
  { name: 'forced-colors', forcedColors: true, width: null },
  { name: '320px', forcedColors: false, width: 320 },
] as const;

/** Wider than its box anywhere: the page, or the widget's card, would scroll sideways. */
function overflow(element: BelticVerify): string | null {
  const page = document.documentElement;
  const card = shadow(element, '[part~=base]');
  if (page.scrollWidth > page.clientWidth) return `the page is ${page.scrollWidth} px wide in ${page.clientWidth}`;
  if (card.scrollWidth > card.clientWidth) return `the widget's card is ${card.scrollWidth} px wide in ${card.clientWidth}`;
  return null;
}

let shot = 0;

/** Both displays of the widget as it is now, `label` naming the files; focus on its first button, to show its ring. */
async function screenshots(element: BelticVerify, label: string): Promise<void> {
  shot += 1;
  await element.updateComplete;
  element.shadowRoot!.querySelector<HTMLElement>('button:not(:disabled), input:not([type=hidden])')?.focus();
  try {
    for (const display of DISPLAYS) {
      await executeServerCommand('display', { forcedColors: display.forcedColors, width: display.width });
      await nextFrame();
      await nextFrame();
      if (display.width) expect(overflow(element), `${label} at ${display.width} px`).to.equal(null);
      const name = `${display.name}/${String(shot).padStart(2, '0')}-${label}`;
      const written = (await executeServerCommand('screenshot', { name, selector: 'beltic-verify' })) as { bytes: number };
      expect(written.bytes, `${name}.png written`).to.be.greaterThan(1000);
    }
  } finally {
    await executeServerCommand('display', { forcedColors: false, width: null });
  }
}

describe('screenshots of every step', function () {
  this.timeout(timeLimit(90000));
  beforeEach(clearWidgetStorage);

  onlyIn(['chromium'], 'forced colours, the viewport and the screenshots are set and taken through the DevTools protocol')(
    'in forced colours and at 320 px: intro, document, capture (live, then a refused file), review, uploading, verifying, result',
    async () => {
      // Verification takes 3 s, long enough for its step's screenshots.
      const session = await createSession({ sandbox: { scenario: 'pass', processing_delay_ms: 3000 } });
      const element = await mount(session);
      await waitForStep(element, 'intro');
      await screenshots(element, 'intro');
      await consent(element);
      await screenshots(element, 'document');
      await chooseDocument(element, 'passport', 'FR');
      await waitUntil(() => element.shadowRoot!.querySelector('button.shutter:not(:disabled)'), 'the camera is live', { timeout: 10000 });
      await screenshots(element, 'capture');
      await chooseFile(element, await fixtureBlob('fake.jpg'), 'fake.jpg');
      await waitUntil(() => harness(element).flow.imageProblem !== null, 'the file is refused', { timeout: 10000 });
      await screenshots(element, 'capture-refused');
      await chooseFile(element, await fixtureBlob('passport.jpg'));
      await waitForStep(element, 'review');
      await screenshots(element, 'review');
      // Uploads held back at the network layer keep the widget on its uploading step.
      await executeServerCommand('block-urls', { patterns: ['*/sandbox/uploads/*'] });
      try {
        shadow<HTMLButtonElement>(element, '.actions button:not(.secondary)').click();
        await waitForStep(element, 'uploading');
        await screenshots(element, 'uploading');
      } finally {
        await executeServerCommand('block-urls', { patterns: [] });
      }
      await waitForStep(element, 'verifying', 20000);
      await screenshots(element, 'verifying');
      await waitForStep(element, 'result', 20000);
      await screenshots(element, 'result-passed');
    },
  );
});
