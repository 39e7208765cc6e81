// Screens that lead somewhere (issue 15): "Step n of m" on every step, result screens with an icon,
// a reason and the integrator's "Continue", a cancel that asks first, an expired session noticed
// at once, the country field's search and its default, and the words that follow the document.
import { expect, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../helpers/wait.js';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import '../../src/define.js';
import type { BelticVerifyCancelEvent, BelticVerifyContinueEvent, BelticVerifyErrorEvent, BelticVerify } from '../../src/index.js';
import { MAX_RETRIES, type FlowState } from '../../src/flow/machine.js';
import { en } from '../../src/ui/i18n/en.js';
import { harness } from '../helpers/harness.js';
import {
  captureAndAccept,
  chooseCountry,
  chooseDocument,
  chooseFile,
  clearWidgetStorage,
  consent,
  countryField,
  createSession,
  expectAccessible,
  expireSession,
  fixtureBlob,
  mount,
  mountAtState,
  shadow,
  typeCountry,
  untilComplete,
  waitForStep,
} from '../helpers/widget.js';
import { timeLimit } from '../helpers/engines.js';

const root = (element: BelticVerify) => element.shadowRoot!;
const stepText = (element: BelticVerify) => root(element).querySelector('#step-progress')?.textContent?.trim() ?? null;
const heading = (element: BelticVerify) => root(element).querySelector('h2')?.textContent?.trim();
const outcome = (element: BelticVerify) => {
  const step = harness(element).flow.state?.step;
  return step?.name === 'result' ? step.outcome : null;
};

/** "Step n of m" is shown, its bar says the same, and the heading is described by it. */
function expectStep(element: BelticVerify, step: number, total: number, where: string): void {
  expect(stepText(element), where).to.equal(`Step ${step} of ${total}`);
  const bar = shadow<HTMLProgressElement>(element, '[part=step-progress] progress');
  expect([bar.value, bar.max], where).to.deep.equal([step, total]);
  expect(bar.getAttribute('aria-hidden'), where).to.equal('true');
  expect(shadow(element, 'h2').getAttribute('aria-describedby'), where).to.equal('step-progress');
}

/** Waits for a step of a given side (capture and review come once per side). */
async function waitForSide(element: BelticVerify, name: 'capture' | 'review', side: string): Promise<void> {
  await waitUntil(
    () => {
      const step = harness(element).flow.state?.step;
      return step?.name === name && step.side === side;
    },
    `${name} of the ${side} not reached`,
    { timeout: 40000 },
  );
  await element.updateComplete;
}

async function reachResult(element: BelticVerify, to: 'passed' | 'review' | 'failed' | 'expired' | 'cancelled'): Promise<void> {
  await waitForStep(element, 'document');
  harness(element).flow.dispatch({ type: 'session_closed', outcome: to });
  await waitForStep(element, 'result');
}

describe('<beltic-verify> screens that lead somewhere', function () {
  this.timeout(timeLimit(60000));
  beforeEach(clearWidgetStorage);

  describe('step n of m', () => {
    it('a passport: four steps, the photo page third, shown and correct on each step (the count follows the type selected)', async () => {
      const session = await createSession({ scenario: 'slow' });
      const element = await mount(session, 'passport drivers_license');
      await waitForStep(element, 'intro');
      expectStep(element, 1, 4, 'intro');
      await expectAccessible(element, 'intro with its step');

      await consent(element);
      expectStep(element, 2, 4, 'document, passport selected');
      shadow<HTMLInputElement>(element, 'input[name=document_type][value=drivers_license]').click();
      await element.updateComplete;
      expectStep(element, 2, 5, 'document, licence selected');
      shadow<HTMLInputElement>(element, 'input[name=document_type][value=passport]').click();
      await element.updateComplete;
      expectStep(element, 2, 4, 'document, passport selected again');

      await chooseDocument(element, 'passport');
      expectStep(element, 3, 4, 'capture');
      expect(heading(element)).to.equal('Photo page of your passport');
      await chooseFile(element, await fixtureBlob('passport.jpg'));
      await waitForStep(element, 'review');
      expectStep(element, 3, 4, 'review');
      expect(heading(element), 'a passport has a photo page, not a front').to.equal('Check the photo page');
      await waitUntil(() => root(element).querySelector('img.preview'), 'the preview');
      expect(shadow(element, 'img.preview').getAttribute('alt')).to.equal('Your photo of the photo page');
      shadow<HTMLButtonElement>(element, '.actions button:not(.secondary)').click();
      // The slow scenario holds the check for seconds: the last step stays on screen.
      await waitForStep(element, 'verifying', 20000);
      expectStep(element, 4, 4, 'verifying');
      await expectAccessible(element, 'verifying with its step');
    });

    it('a licence: five steps, front and back each their own', async () => {
      const session = await createSession({ scenario: 'slow' });
      const element = await mount(session, 'drivers_license passport');
      await waitForStep(element, 'intro');
      expectStep(element, 1, 5, 'intro');
      await consent(element);
      expectStep(element, 2, 5, 'document');
      await chooseDocument(element, 'drivers_license');
      expectStep(element, 3, 5, 'capture front');
      expect(heading(element)).to.equal("Front of your driver's licence");
      await chooseFile(element, await fixtureBlob('licence-front.jpg'));
      await waitForSide(element, 'review', 'front');
      expectStep(element, 3, 5, 'review front');
      expect(heading(element)).to.equal('Check the front');
      shadow<HTMLButtonElement>(element, '.actions button:not(.secondary)').click();
      await waitForSide(element, 'capture', 'back');
      expectStep(element, 4, 5, 'capture back');
      expect(heading(element)).to.equal("Back of your driver's licence");
      await expectAccessible(element, 'capture of the back with its step');
      await chooseFile(element, await fixtureBlob('licence-back.png'));
      await waitForSide(element, 'review', 'back');
      expectStep(element, 4, 5, 'review back');
      shadow<HTMLButtonElement>(element, '.actions button:not(.secondary)').click();
      await waitForStep(element, 'verifying', 20000);
      expectStep(element, 5, 5, 'verifying');
    });

    it('the result is the end, not a step', async () => {
      const session = await createSession();
      const element = await mountAtState(session, (state) => ({ ...state, step: { name: 'document' } }));
      await reachResult(element, 'passed');
      expect(stepText(element)).to.equal(null);
      expect(shadow(element, 'h2').hasAttribute('aria-describedby')).to.equal(false);
    });
  });

  describe('result screens', () => {
    it('each outcome has its icon (inline, hidden from assistive technology), heading and words, and passes axe', async () => {
      for (const to of ['passed', 'review', 'failed', 'expired', 'cancelled'] as const) {
        const session = await createSession();
        const element = await mountAtState(session, (state) => ({ ...state, step: { name: 'document' } }));
        await reachResult(element, to);
        const icon = shadow<SVGElement>(element, 'svg.result-icon');
        expect(icon.classList.contains(to), to).to.equal(true);
        expect(icon.getAttribute('aria-hidden'), to).to.equal('true');
        expect(icon.querySelectorAll('path').length, `${to}: drawn`).to.be.greaterThan(0);
        expect(icon.querySelector('path') instanceof SVGPathElement, `${to}: SVG, not unknown HTML elements`).to.equal(true);
        expect(heading(element), to).to.equal(en.result[to].heading);
        // No continue-url: no link, and the failed screen of an unknown reason says only what to do.
        expect(root(element).querySelector('a'), to).to.equal(null);
        await expectAccessible(element, `result: ${to}`);
        element.remove();
      }
    });

    it('the failed screen says why: an expired licence, as the check found it', async () => {
      const session = await createSession({ scenario: 'pass' });
      const element = await mount(session, 'drivers_license');
      const complete = untilComplete(element);
      await consent(element);
      await chooseDocument(element, 'drivers_license', 'US');
      await captureAndAccept(element, await fixtureBlob('licence-front.jpg'));
      await waitForSide(element, 'capture', 'back');
      await captureAndAccept(element, await fixtureBlob('expired-licence-back.png'));
      expect((await complete).detail.status).to.equal('failed');
      await element.updateComplete;
      const reasons = [...root(element).querySelectorAll('[part=reasons] li')].map((li) => li.textContent?.trim());
      expect(reasons).to.deep.equal([en.reasons.document_not_expired]);
      await expectAccessible(element, 'result: failed, with its reason');
    });

    it('the failed screen says so when the attempts ran out', async () => {
      const session = await createSession();
      const element = await mountAtState(session, (state): FlowState => ({
        ...state,
        documentType: 'passport',
        issuingCountry: 'US',
        retries: MAX_RETRIES,
        submitted: true,
        step: { name: 'verifying', verificationId: 'verification_not_there' },
      }));
      await waitForStep(element, 'verifying');
      // The check asks for new photos once more: one attempt too many.
      harness(element).flow.dispatch({ type: 'verification_finished', status: 'requires_retry', reasons: [] });
      await waitForStep(element, 'result');
      expect(outcome(element)).to.equal('failed');
      expect(shadow(element, '[part=reasons]').textContent?.trim()).to.equal(en.failedBecause.tooManyAttempts);
    });

    it('continue-url: a "Continue" link on every result, whose cancelable event can keep it from being followed', async () => {
      const session = await createSession();
      const element = await mountAtState(session, (state) => ({ ...state, step: { name: 'document' } }));
      element.setAttribute('continue-url', '/next-page?from=verification');
      await reachResult(element, 'passed');
      const link = shadow<HTMLAnchorElement>(element, 'a[part~=continue]');
      expect(link.href).to.equal(new URL('/next-page?from=verification', document.baseURI).href);
      expect(link.textContent?.trim()).to.equal('Continue');

      // Not prevented: the link is followed (the test stops the navigation itself, after the widget had its say).
      let followed: boolean | null = null;
      const stopNavigation = (event: Event) => {
        followed = !event.defaultPrevented;
        event.preventDefault();
      };
      window.addEventListener('click', stopNavigation);
      try {
        const continued = oneEvent(element, 'beltic-verify-continue') as Promise<BelticVerifyContinueEvent>;
        link.click();
        const event = await continued;
        expect(event.detail).to.deep.equal({ sessionId: session.session_id, status: 'passed' });
        expect(event.cancelable && event.bubbles && event.composed).to.equal(true);
        expect(followed, 'the link is followed').to.equal(true);

        // Prevented: the widget keeps the browser from following it (a single-page app routes instead).
        const prevent = (event: Event) => event.preventDefault();
        element.addEventListener('beltic-verify-continue', prevent);
        link.click();
        expect(followed, 'the link is not followed').to.equal(false);
        element.removeEventListener('beltic-verify-continue', prevent);
      } finally {
        window.removeEventListener('click', stopNavigation);
      }
      await expectAccessible(element, 'result with "Continue"');

      // After a cancel, "Continue" comes with "Start again".
      const cancelled = await createSession();
      const other = await mountAtState(cancelled, (state) => ({ ...state, step: { name: 'document' } }));
      other.setAttribute('continue-url', 'https://example.com/done');
      await reachResult(other, 'cancelled');
      expect(shadow<HTMLAnchorElement>(other, 'a[part~=continue]').href).to.equal('https://example.com/done');
      expect(shadow(other, '.actions button').textContent?.trim()).to.equal('Start again');
    });

    it('a javascript: continue-url is refused: an error says so, and no link is shown', async () => {
      const session = await createSession();
      const element = await mountAtState(session, (state) => ({ ...state, step: { name: 'document' } }));
      const refused = oneEvent(element, 'beltic-verify-error') as Promise<BelticVerifyErrorEvent>;
      element.setAttribute('continue-url', 'javascript:alert(1)');
      const { detail } = await refused;
      expect(detail.code).to.equal('invalid_continue_url');
      expect(detail.recoverable).to.equal(true);
      await reachResult(element, 'passed');
      expect(root(element).querySelector('a')).to.equal(null);
      // Nor data:, nor a URL that is no URL.
      for (const value of ['data:text/html,<p>hi</p>', 'http://[not a host']) {
        element.setAttribute('continue-url', value);
        await element.updateComplete;
        expect(root(element).querySelector('a'), value).to.equal(null);
      }
    });
  });

  describe('cancel', () => {
    it('asks first: "Keep going" keeps the step, "Yes, cancel" cancels (beltic-verify-cancel), and focus comes back', async () => {
      const session = await createSession();
      const element = await mount(session);
      await consent(element);
      await executeServerCommand('focus-page');
      const cancels: BelticVerifyCancelEvent[] = [];
      element.addEventListener('beltic-verify-cancel', (event) => cancels.push(event));
      const dialog = () => shadow<HTMLDialogElement>(element, 'dialog.confirm');

      const cancel = shadow<HTMLButtonElement>(element, 'button.cancel');
      expect(cancel.textContent?.trim()).to.equal('Cancel');
      cancel.focus();
      cancel.click();
      expect(dialog().open).to.equal(true);
      expect(dialog().querySelector('h3')?.textContent?.trim()).to.equal('Cancel the verification?');
      expect(root(element).activeElement?.textContent?.trim(), 'the safe choice has the focus').to.equal('Keep going');
      await expectAccessible(element, 'cancel confirmation');

      // "Keep going" (Enter on the focused button): nothing is cancelled.
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => !dialog().open, 'the dialog closes');
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(harness(element).flow.state?.step.name).to.equal('document');
      expect(cancels).to.have.length(0);
      expect(root(element).activeElement, 'focus is back on "Cancel"').to.equal(cancel);

      // Escape keeps going too.
      cancel.click();
      await sendKeys({ press: 'Escape' });
      await waitUntil(() => !dialog().open, 'Escape closes the dialog');
      expect(cancels).to.have.length(0);

      cancel.click();
      [...dialog().querySelectorAll('button')].find((button) => button.value === 'cancel')!.click();
      await waitForStep(element, 'result');
      expect(outcome(element)).to.equal('cancelled');
      expect(cancels).to.have.length(1);
      expect(cancels[0]!.detail).to.deep.equal({ sessionId: session.session_id });
    });

    it('the host page may refuse the cancel (preventDefault): the flow goes on', async () => {
      const session = await createSession();
      const element = await mount(session);
      await consent(element);
      element.addEventListener('beltic-verify-cancel', (event) => event.preventDefault());
      shadow<HTMLButtonElement>(element, 'button.cancel').click();
      const dialog = shadow<HTMLDialogElement>(element, 'dialog.confirm');
      [...dialog.querySelectorAll('button')].find((button) => button.value === 'cancel')!.click();
      await waitUntil(() => !dialog.open, 'the dialog closes');
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(harness(element).flow.state?.step.name).to.equal('document');
    });

    it('is offered from the intro to the review, not once the photos are being checked', async () => {
      const session = await createSession({ scenario: 'slow' });
      const element = await mount(session, 'passport');
      await waitForStep(element, 'intro');
      expect(root(element).querySelector('button.cancel'), 'intro').to.not.equal(null);
      await consent(element);
      expect(root(element).querySelector('button.cancel'), 'document').to.not.equal(null);
      await chooseDocument(element, 'passport');
      expect(root(element).querySelector('button.cancel'), 'capture').to.not.equal(null);
      await chooseFile(element, await fixtureBlob('passport.jpg'));
      await waitForStep(element, 'review');
      expect(root(element).querySelector('button.cancel'), 'review').to.not.equal(null);
      shadow<HTMLButtonElement>(element, '.actions button:not(.secondary)').click();
      await waitForStep(element, 'verifying', 20000);
      expect(root(element).querySelector('button.cancel'), 'verifying').to.equal(null);
      expect(root(element).querySelector('dialog'), 'verifying').to.equal(null);
    });
  });

  describe('an expired session', () => {
    it('is noticed when the applicant comes back to the tab', async () => {
      const session = await createSession({ scenario: 'pass' });
      const element = await mount(session);
      await consent(element);
      await expireSession(session.session_id);
      // Headless pages are always visible: hidden, then shown again.
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      try {
        document.dispatchEvent(new Event('visibilitychange'));
      } finally {
        delete (document as unknown as { visibilityState?: string }).visibilityState;
      }
      const complete = untilComplete(element);
      document.dispatchEvent(new Event('visibilitychange'));
      expect((await complete).detail.status).to.equal('expired');
      expect(outcome(element)).to.equal('expired');
      expect(shadow(element, 'svg.result-icon').classList.contains('expired')).to.equal(true);
    });

    it('is noticed at the next step, before any photo is taken', async () => {
      const session = await createSession({ scenario: 'pass' });
      const element = await mount(session);
      await consent(element);
      await expireSession(session.session_id);
      const complete = untilComplete(element);
      shadow<HTMLInputElement>(element, 'input[name=document_type][value=passport]').click();
      await chooseCountry(element, 'US');
      shadow<HTMLButtonElement>(element, 'form button[type=submit]').click();
      expect((await complete).detail.status).to.equal('expired');
      expect(harness(element).flow.state?.captures).to.deep.equal({});
    });

    it('an open session is left alone on return to the tab', async () => {
      const session = await createSession({ scenario: 'pass' });
      const element = await mount(session);
      await consent(element);
      const asked = recordSessionReads();
      try {
        document.dispatchEvent(new Event('visibilitychange'));
        await waitUntil(() => asked.count > 0, 'the session is asked about');
        await new Promise((resolve) => setTimeout(resolve, 100));
      } finally {
        asked.restore();
      }
      expect(harness(element).flow.state?.step.name).to.equal('document');
    });
  });

  describe('the issuing country', () => {
    it('filters the list as the applicant types, by the keyboard, and says how many match', async () => {
      const session = await createSession();
      const element = await mountAtState(session, (state) => ({ ...state, step: { name: 'document' } }));
      await waitForStep(element, 'document');
      await executeServerCommand('focus-page');
      const field = countryField(element);
      expect(field.getAttribute('autocomplete')).to.equal('country');
      expect(field.getAttribute('aria-expanded')).to.equal('false');

      await typeCountry(element, 'united');
      const shown = () => [...root(element).querySelectorAll('[role=option]')].map((option) => option.getAttribute('data-code'));
      expect(shown()).to.have.members(['AE', 'GB', 'US']);
      expect(field.getAttribute('aria-expanded')).to.equal('true');
      expect(shadow(element, '[role=status]').textContent?.trim()).to.equal('3 countries found');
      await expectAccessible(element, 'country list open');

      // Accents and case as the language compares them; a word inside the name counts too.
      await typeCountry(element, 'REUNION');
      expect(shown()).to.deep.equal(['RE']);
      await typeCountry(element, 'kingdom');
      expect(shown()).to.deep.equal(['GB']);

      // Down, Down, Enter: the second match is chosen, its name shown, its code sent.
      await typeCountry(element, 'united');
      await sendKeys({ press: 'ArrowDown' });
      await element.updateComplete;
      const first = field.getAttribute('aria-activedescendant');
      expect(first).to.equal(root(element).querySelector('[role=option]')!.id);
      expect(root(element).getElementById(first!)!.getAttribute('aria-selected')).to.equal('true');
      await sendKeys({ press: 'ArrowDown' });
      await element.updateComplete;
      const second = root(element).querySelectorAll('[role=option]')[1]!;
      expect(field.getAttribute('aria-activedescendant')).to.equal(second.id);
      await sendKeys({ press: 'Enter' });
      await element.updateComplete;
      expect(field.value).to.equal(second.textContent?.trim());
      expect(field.getAttribute('aria-expanded')).to.equal('false');
      expect(shadow<HTMLInputElement>(element, 'input[name=issuing_country]').value).to.equal(second.getAttribute('data-code'));
      expect(harness(element).flow.state?.step.name, 'Enter on an option chooses it, it does not submit').to.equal('document');

      // Nothing matches: said, and the form is not sent.
      await typeCountry(element, 'zzz');
      expect(shadow(element, '.country-none').textContent?.trim()).to.equal('No country matches.');
      expect(field.validity.valid).to.equal(false);
      expect(field.validationMessage).to.equal('Choose a country from the list.');
      shadow<HTMLButtonElement>(element, 'form button[type=submit]').click();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(harness(element).flow.state?.step.name).to.equal('document');

      // A click (or tap) on an option chooses it; Escape closes the list, then clears the field.
      await typeCountry(element, 'can');
      shadow<HTMLElement>(element, '[role=option][data-code=CA]').click();
      await element.updateComplete;
      expect(shadow<HTMLInputElement>(element, 'input[name=issuing_country]').value).to.equal('CA');
      expect(field.validity.valid).to.equal(true);
      shadow<HTMLButtonElement>(element, 'form button[type=submit]').click();
      await waitForStep(element, 'capture');
      expect(harness(element).flow.state?.issuingCountry).to.equal('CA');
    });

    it('a tap on the field shows the whole list; Escape closes it, then clears the field', async () => {
      const session = await createSession();
      const element = await mountAtState(session, (state) => ({ ...state, step: { name: 'document' } }));
      await waitForStep(element, 'document');
      await executeServerCommand('focus-page');
      const field = countryField(element);
      field.focus();
      field.click();
      await element.updateComplete;
      expect(root(element).querySelectorAll('[role=option]').length).to.be.greaterThan(200);
      await sendKeys({ press: 'Escape' });
      await element.updateComplete;
      expect(field.getAttribute('aria-expanded')).to.equal('false');
      expect(field.value).to.not.equal('');
      await sendKeys({ press: 'Escape' });
      await element.updateComplete;
      expect(field.value).to.equal('');
    });

    for (const [lang, code, name] of [
      ['en-GB', 'GB', 'United Kingdom'],
      ['fr-CA', 'CA', null],
      ['en', 'US', 'United States'],
      ['de', 'DE', null],
      ['ja', 'JP', null],
    ] as const) {
      it(`defaults to the region of the language: ${lang} → ${code}`, async () => {
        const session = await createSession();
        const element = await mountAtState(session, (state) => ({ ...state, step: { name: 'document' } }));
        element.lang = lang;
        await waitForStep(element, 'document');
        await element.updateComplete;
        expect(shadow<HTMLInputElement>(element, 'input[name=issuing_country]').value).to.equal(code);
        if (name) expect(countryField(element).value).to.equal(name);
        expect(countryField(element).validity.valid).to.equal(true);
      });
    }

    it('a country chosen before is shown again when the applicant comes back to the step', async () => {
      const session = await createSession();
      const element = await mount(session);
      await consent(element);
      await chooseDocument(element, 'passport', 'FR');
      shadow<HTMLButtonElement>(element, '.actions button.secondary').click();
      await waitForStep(element, 'document');
      expect(shadow<HTMLInputElement>(element, 'input[name=issuing_country]').value).to.equal('FR');
      expect(countryField(element).value).to.equal('France');
    });
  });

  describe('words that follow the document', () => {
    it('the intro names only the documents offered, as one phrase of the language', async () => {
      const cases: [string, string][] = [
        ['drivers_license', "It takes about two minutes. You will need your driver's licence."],
        ['passport national_id', 'It takes about two minutes. You will need your passport or your national ID card.'],
      ];
      for (const [types, lead] of cases) {
        const session = await createSession();
        const element = await mount(session, types);
        await waitForStep(element, 'intro');
        expect(shadow(element, 'h2 + p').textContent?.trim(), types).to.equal(lead);
        element.remove();
      }
      const session = await createSession();
      const element = await mount(session, 'passport drivers_license residence_permit');
      await waitForStep(element, 'intro');
      const lead = shadow(element, 'h2 + p').textContent!;
      for (const name of ['your passport', "your driver's licence", 'your residence permit']) expect(lead).to.include(name);
      expect(lead).to.not.include('ID card');
    });

    it('the file upload tells of dropping only where a pointer can drop; the formats everywhere', async () => {
      const session = await createSession();
      const element = await mountAtState(session, (state) => ({
        ...state,
        step: { name: 'capture', side: 'front' },
        documentType: 'passport',
        issuingCountry: 'US',
      }));
      await waitForStep(element, 'capture');
      // With the camera live, the upload is folded under its summary: unfolded, as the applicant would.
      await waitUntil(() => root(element).querySelector('#drop-hint'), 'the file upload');
      const fold = root(element).querySelector('details.file-alternative');
      if (fold) (fold as HTMLDetailsElement).open = true;
      const hint = shadow(element, '#drop-hint');
      const canDrop = matchMedia('(hover: hover) and (pointer: fine)').matches;
      const visible = (selector: string) => hint.querySelector(selector)!.getClientRects().length > 0;
      expect(visible('.drop-only')).to.equal(canDrop);
      expect(visible('.no-drop')).to.equal(!canDrop);
      expect(hint.innerText).to.include('JPEG, PNG or WebP');
    });
  });
});

/** Counts the widget's reads of its session (GET …/sessions/{id}). */
function recordSessionReads(): { count: number; restore(): void } {
  const original = window.fetch;
  const record = { count: 0, restore: () => (window.fetch = original) };
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    if (method === 'GET' && /\/sessions\/[^/]+$/.test(new URL(url, location.href).pathname)) record.count++;
    return original(input, init);
  };
  return record;
}
