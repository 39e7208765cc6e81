// User-agent consistency in real Chromium: the User-Agent overridden through the DevTools protocol
// without client hints (what DevTools' device mode or an extension does) is caught on the page and
// again on the server. Its own file: the override lasts for the page.
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/define.js';
import { clearWidgetStorage, createSession, mount, waitForStep } from '../helpers/widget.js';
import { cdp, snapshot, storedBehavior } from './helpers.js';

const WINDOWS_CHROME = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';

describe('user-agent consistency', function () {
  this.timeout(30000);

  beforeEach(clearWidgetStorage);
  afterEach(() => cdp({ method: 'Emulation.setUserAgentOverride', params: { userAgent: '' } }));

  it('a consistent browser has none', async () => {
    const session = await createSession({ scenario: 'pass' });
    const element = await mount(session);
    await waitForStep(element, 'intro');
    expect(snapshot(element).behavior.user_agent_spoof_attempts).to.equal(0);
  });

  it('a User-Agent override without client hints: counted on the page, and more on the server', async () => {
    // Before the session exists, so the client token is bound to the overridden browser (no replay).
    await cdp({ method: 'Emulation.setUserAgentOverride', params: { userAgent: WINDOWS_CHROME } });
    expect(navigator.userAgent).to.equal(WINDOWS_CHROME);
    const session = await createSession({ scenario: 'pass' });
    const element = await mount(session);
    await waitForStep(element, 'intro');

    const { behavior, meta } = snapshot(element);
    // Client hints missing on a Chromium UA, and navigator.platform still says Linux.
    expect(behavior.user_agent_spoof_attempts).to.equal(2);
    expect(meta!.evidence).to.include('ua_ch_missing');
    expect(meta!.evidence).not.to.include('headless_ua');

    await executeServerCommand('hide-page');
    const stored = await storedBehavior(session.session_id, (b) => (b.user_agent_spoof_attempts ?? 0) > 2);
    const server = stored.data.attributes.behavior_analysis!;
    // The page's 2 + the server's client_hints_missing from the request headers.
    expect(server.user_agent_spoof_attempts).to.equal(3);
    expect(server.request_spoof_attempts).to.equal(0);
  });
});
