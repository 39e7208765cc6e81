// The framework examples (examples/react, examples/vue) as built (`npm run build` in each: dist/, base './'),
// each loaded from its dist/index.html in an iframe, as an app served from a path of its own: the page
// fetches a session from the demo backend (/api/demo/session, served here by the test runner with the
// proxy at /beltic), mounts <beltic-verify> with the token as a property, and shows the complete event's
// status. Walked by file upload to `passed`. (`npm test` builds the examples first when a dist is missing.)
import { expect, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../helpers/wait.js';
import type { BelticVerify } from '../../src/index.js';
import { captureAndAccept, chooseDocument, consent, fixtureBlob } from '../helpers/widget.js';
import { fetchedOk } from '../helpers/resources.js';
import { timeLimit } from '../helpers/engines.js';

/**
 * Each built page: the React one also in React's development build (dist/development), where
 * StrictMode mounts the app twice and runs its session effect twice (the first request aborted), the
 * pattern that hands an element two tokens in a row.
 */
const EXAMPLES = [
  { name: 'react', dist: 'react/dist' },
  { name: 'react (development build, StrictMode running effects twice)', dist: 'react/dist/development' },
  { name: 'vue', dist: 'vue/dist' },
] as const;

async function openExample({ name, dist }: (typeof EXAMPLES)[number]): Promise<{ frame: HTMLIFrameElement; element: BelticVerify }> {
  const frame = document.createElement('iframe');
  frame.style.width = '800px';
  frame.style.height = '900px';
  const loaded = oneEvent(frame, 'load');
  frame.src = `/examples/${dist}/index.html`;
  document.body.append(frame);
  await loaded;
  const doc = frame.contentDocument!;
  if (!doc.querySelector('script[type=module]')) throw new Error(`examples/${dist}/index.html is missing: run npm run build in examples/${name.split(' ')[0]}`);
  // The page fetched its session and mounted the element, and the element (defined by the page's bundle) rendered.
  await waitUntil(() => (doc.querySelector('beltic-verify') as BelticVerify | null)?.shadowRoot, `the ${name} example mounted <beltic-verify>`, {
    timeout: 10000,
  });
  return { frame, element: doc.querySelector('beltic-verify') as BelticVerify };
}

describe('framework examples (built)', function () {
  this.timeout(timeLimit(60000));

  for (const example of EXAMPLES) {
    const { name, dist } = example;
    it(`${name}: the onboarding page verifies a passport by file upload and shows the status`, async () => {
      const { frame, element } = await openExample(example);
      const win = frame.contentWindow!;
      const status = () => frame.contentDocument!.querySelector('#status')?.textContent?.trim();
      expect(status()).to.equal('pending');
      // The token went in as a property (the framework set clientToken), never as an attribute.
      expect(element.getAttribute('api-base')).to.equal('/beltic');
      expect(element.hasAttribute('clienttoken') || element.hasAttribute('client-token')).to.equal(false);
      expect(element.clientToken).to.be.a('string');

      const errors: unknown[] = [];
      element.addEventListener('beltic-verify-error', (event) => errors.push(event.detail));
      const complete = oneEvent(element, 'beltic-verify-complete');
      await consent(element);
      await chooseDocument(element, 'passport');
      await captureAndAccept(element, await fixtureBlob('passport.jpg'));
      expect(((await complete) as CustomEvent<{ status: string }>).detail.status).to.equal('passed');
      // The framework's own listener (onbeltic-verify-complete / @beltic-verify-complete) updated the page.
      await waitUntil(() => status() === 'passed', `the ${name} page shows the status (it shows ${status()})`, { timeout: 5000 });
      expect(errors).to.deep.equal([]);

      // base './': the bundle and the widget's workers were loaded from the example's own dist/assets.
      expect(await fetchedOk(win, new RegExp(`/examples/${dist}/assets/picture\\.worker-[\\w-]+\\.js$`))).to.not.be.empty;
      frame.remove();
    });
  }
});
