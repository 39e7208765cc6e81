// Accessibility of every step state: axe, focus on each step's heading, keyboard reach, the live region.
import { expect } from '@open-wc/testing';
import { waitUntil } from '../helpers/wait.js';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import '../../src/define.js';
import type { BelticVerify } from '../../src/index.js';
import {
  chooseDocument,
  chooseFile,
  consent,
  createSession,
  expectAccessible,
  fixtureBlob,
  mount,
  shadow,
  untilComplete,
  waitForStep,
} from '../helpers/widget.js';
import { timeLimit } from '../helpers/engines.js';

const accessible = expectAccessible;

function focusedInside(element: BelticVerify): Element | null {
  return element.shadowRoot!.activeElement;
}

describe('<beltic-verify> accessibility', function () {
  this.timeout(timeLimit(60000));

  // Both directions: English, and Arabic laid out right to left.
  for (const [lang, direction] of [
    ['en', 'ltr'],
    ['ar', 'rtl'],
  ] as const) {
    it(`every step passes axe, and focus moves to each new heading (${lang}, ${direction})`, async () => {
      const session = await createSession({ scenario: 'slow' });
      const element = await mount(session);
      element.lang = lang;
      await waitUntil(() => element.shadowRoot!.querySelector('[part=base]')?.getAttribute('dir') === direction, `laid out ${direction}`);
      await waitForStep(element, 'intro');
      await accessible(element, 'intro');
      expect(shadow(element, '[role=status][aria-live=polite]')).to.exist;

      await consent(element);
      await accessible(element, 'document');
      expect(focusedInside(element)?.tagName).to.equal('H2');

      await chooseDocument(element, 'drivers_license');
      await accessible(element, 'capture');
      expect(focusedInside(element)?.tagName).to.equal('H2');

      await chooseFile(element, await fixtureBlob('licence-front.jpg'));
      await waitForStep(element, 'review');
      await waitUntil(() => element.shadowRoot!.querySelector('img.preview'));
      await accessible(element, 'review');
      if (lang === 'en') expect(shadow(element, 'img.preview').getAttribute('alt')).to.match(/front/);

      shadow<HTMLButtonElement>(element, '.actions button:not(.secondary)').click();
      await waitForStep(element, 'capture');
      await chooseFile(element, await fixtureBlob('licence-back.png'));
      await waitForStep(element, 'review');
      shadow<HTMLButtonElement>(element, '.actions button:not(.secondary)').click();
      await waitForStep(element, 'verifying', 20000);
      await accessible(element, 'verifying');
    });

    it(`the result, error and misconfiguration states pass axe (${lang}, ${direction})`, async () => {
      const failed = await createSession({ scenario: 'failed' });
      const element = await mount(failed);
      element.lang = lang;
      await waitUntil(() => element.shadowRoot!.querySelector('[part=base]')?.getAttribute('dir') === direction, `laid out ${direction}`);
      const complete = untilComplete(element);
      await consent(element);
      await chooseDocument(element, 'passport');
      await chooseFile(element, await fixtureBlob('passport.jpg'));
      await waitForStep(element, 'review');
      shadow<HTMLButtonElement>(element, '.actions button:not(.secondary)').click();
      await complete;
      await accessible(element, 'result: failed');

      const broken = await createSession({ scenario: 'pass' });
      const errorElement = document.createElement('beltic-verify') as BelticVerify;
      errorElement.setAttribute('api-base', '/broken-api/not-json');
      errorElement.lang = lang;
      errorElement.clientToken = broken.client_token;
      document.body.append(errorElement);
      await waitUntil(() => errorElement.shadowRoot!.querySelector('[role=alert]'), 'the error is shown');
      await accessible(errorElement, 'error');

      const unconfigured = document.createElement('beltic-verify') as BelticVerify;
      unconfigured.lang = lang;
      document.body.append(unconfigured);
      unconfigured.clientToken = 'sk_production_nope';
      await accessible(unconfigured, 'misconfigured');
      unconfigured.remove();
    });
  }

  it('the starting and uploading steps pass axe', async () => {
    const session = await createSession({ scenario: 'pass' });
    const element = await mount(session);
    await element.updateComplete;
    await accessible(element, 'starting');
    await consent(element);
    await chooseDocument(element, 'passport');
    // Uploads held back at the network layer keep the widget on its uploading step.
    await executeServerCommand('block-urls', { patterns: ['*/sandbox/uploads/*'] });
    try {
      await chooseFile(element, await fixtureBlob('passport.jpg'));
      await waitForStep(element, 'review');
      shadow<HTMLButtonElement>(element, '.actions button:not(.secondary)').click();
      await waitForStep(element, 'uploading');
      await accessible(element, 'uploading');
      expect(shadow(element, 'progress[part=progress]').getAttribute('max')).to.equal('100');
    } finally {
      await executeServerCommand('block-urls', { patterns: [] });
    }
  });

  it('the intro can be completed with the keyboard alone', async () => {
    const session = await createSession({ scenario: 'pass' });
    const element = await mount(session);
    await waitForStep(element, 'intro');
    await executeServerCommand('focus-page');
    shadow<HTMLInputElement>(element, 'input[name=consent]').focus();
    // Space, by its value: puppeteer's Firefox keyboard does not know the name 'Space'.
    await sendKeys({ press: ' ' });
    await sendKeys({ press: 'Tab' });
    expect(focusedInside(element)?.textContent?.trim()).to.equal('Start');
    await sendKeys({ press: 'Enter' });
    await waitForStep(element, 'document');
    expect(focusedInside(element)?.tagName).to.equal('H2');
    // The document form: radio group, country field (a combobox) and the buttons are all in the tab order.
    await sendKeys({ press: 'Tab' });
    expect(focusedInside(element)?.getAttribute('name')).to.equal('document_type');
    await sendKeys({ press: 'Tab' });
    expect(focusedInside(element)?.getAttribute('role')).to.equal('combobox');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await waitForStep(element, 'capture');
    // The camera first (its shutter once the stream is live), then the upload folded under its summary.
    await waitUntil(() => element.shadowRoot!.querySelector<HTMLButtonElement>('button.shutter:not([disabled])'), 'the camera is live');
    await sendKeys({ press: 'Tab' });
    expect(focusedInside(element)?.textContent?.trim()).to.equal('Take photo');
    await sendKeys({ press: 'Tab' });
    expect(focusedInside(element)?.tagName).to.equal('SUMMARY');
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'Tab' });
    expect((focusedInside(element) as HTMLInputElement | null)?.type, 'the file input is reachable').to.equal('file');
  });
});
