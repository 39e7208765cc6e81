/**
 * What a server renderer leaves in the page for the browser: React 19 renders the `clientToken`
 * property as a `clienttoken` attribute (HTML lowercases it), read once and removed exactly like
 * `client-token`; lit's server renderer leaves the element's first state in a declarative shadow
 * root, which the element's first render takes over without showing it twice.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../helpers/wait.js';
import '../../src/define.js';
import type { BelticVerify } from '../../src/index.js';
import { harness } from '../helpers/harness.js';
import { apiBase, clearWidgetStorage, createSession, waitForStep } from '../helpers/widget.js';
import { timeLimit } from '../helpers/engines.js';

describe('<beltic-verify> rendered by a server', function () {
  this.timeout(timeLimit(30000));
  beforeEach(clearWidgetStorage);

  for (const attribute of ['clienttoken', 'client-token']) {
    it(`the ${attribute} attribute is read once, removed from the DOM, and starts the flow`, async () => {
      const session = await createSession({ scenario: 'pass' });
      const container = await fixture<HTMLDivElement>(html`<div></div>`);
      // As the server's HTML arrives: the attribute is there when the element is created.
      container.innerHTML = `<beltic-verify api-base="${apiBase()}" ${attribute}="${session.client_token}"></beltic-verify>`;
      const element = container.querySelector('beltic-verify') as BelticVerify;
      const ready = new Promise<string>((resolve) => element.addEventListener('beltic-verify-ready', (e) => resolve(e.detail.sessionId)));
      expect(element.hasAttribute(attribute), 'removed as soon as it is read').to.equal(false);
      expect(element.getAttributeNames()).to.deep.equal(['api-base']);
      expect(element.clientToken, 'never given back').to.equal('•••');
      expect(await ready).to.equal(session.session_id);
      await waitForStep(element, 'intro');
      expect(element.outerHTML).to.not.include(session.client_token);
    });
  }

  it('a clienttoken attribute set later (a client render adding it) is read and removed too', async () => {
    const session = await createSession({ scenario: 'pass' });
    const element = await fixture<BelticVerify>(html`<beltic-verify api-base=${apiBase()}></beltic-verify>`);
    element.setAttribute('clienttoken', session.client_token);
    expect(element.hasAttribute('clienttoken')).to.equal(false);
    await waitForStep(element, 'intro');
    expect(harness(element).flow.state?.sessionId).to.equal(session.session_id);
  });

  it("the element's server-rendered first state (a declarative shadow root) is taken over, not shown twice", async () => {
    const container = await fixture<HTMLDivElement>(html`<div></div>`);
    // What lit's server renderer writes for the element's first state (test/ssr/ssr.node.test.ts), in short.
    container.setHTMLUnsafe(
      `<beltic-verify api-base="${apiBase()}"><template shadowrootmode="open"><div class="base" part="base"><div part="content"><p class="muted">Waiting for the verification to be set up…</p></div><div role="status" part="status"></div></div></template></beltic-verify>`,
    );
    const element = container.querySelector('beltic-verify') as BelticVerify;
    await element.updateComplete;
    await waitUntil(() => element.shadowRoot!.querySelectorAll('[part=base]').length > 0, 'rendered');
    expect(element.shadowRoot!.querySelectorAll('[part=base]').length).to.equal(1);
    expect(element.shadowRoot!.querySelectorAll('[role=status]').length).to.equal(1);
    expect(element.shadowRoot!.textContent!.match(/Waiting for the verification/g)?.length).to.equal(1);
  });
});
