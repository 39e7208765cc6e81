// User-agent consistency in a real browser: the User-Agent overridden at run time without client hints
// (what DevTools' device mode or an extension does; Chromium and Firefox through their automation
// protocol, WebKit through our test browser's own setting) is caught on the page and again on the
// server. Its own file: the override lasts for the page.
import { expect } from '@open-wc/testing';
import '../../src/define.js';
import { engine, type Engine, timeLimit } from '../helpers/engines.js';
import { clearWidgetStorage, createSession, mount, waitForStep } from '../helpers/widget.js';
import { hidePage, overrideUserAgent, snapshot, storedBehavior } from './helpers.js';

const WINDOWS_CHROME = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';

describe('user-agent consistency', function () {
  this.timeout(timeLimit(30000));

  beforeEach(clearWidgetStorage);
  afterEach(() => overrideUserAgent(''));

  it('a consistent browser has none', async () => {
    const session = await createSession({ scenario: 'pass' });
    const element = await mount(session);
    await waitForStep(element, 'intro');
    expect(snapshot(element).behavior.user_agent_spoof_attempts).to.equal(0);
  });

  it('a User-Agent override without client hints: counted on the page, and more on the server', async () => {
    // Before the session exists, so the client token is bound to the overridden browser (no replay).
    await overrideUserAgent(WINDOWS_CHROME);
    expect(navigator.userAgent).to.equal(WINDOWS_CHROME);
    const session = await createSession({ scenario: 'pass' });
    const element = await mount(session);
    await waitForStep(element, 'intro');

    const { behavior, meta } = snapshot(element);
    // Client hints missing on a Chromium UA, and navigator.platform still says Linux; in Firefox also the
    // engine: Gecko's features under a Chromium UA. WebKit is not told apart from Blink by its features
    // (src/signals/user-agent.ts detectEngine), only by the client hints already counted.
    const onPage: Record<Engine, number> = { chromium: 2, firefox: 3, webkit: 2 };
    expect(behavior.user_agent_spoof_attempts).to.equal(onPage[engine]);
    expect(meta!.evidence).to.include('ua_ch_missing');
    expect(meta!.evidence).not.to.include('headless_ua');

    await hidePage();
    const stored = await storedBehavior(session.session_id, (b) => (b.user_agent_spoof_attempts ?? 0) > onPage[engine]);
    const server = stored.data.attributes.behavior_analysis!;
    // The page's count + the server's client_hints_missing from the request headers.
    expect(server.user_agent_spoof_attempts).to.equal(onPage[engine] + 1);
    // Firefox's run-time override (WebDriver BiDi emulation) does not reach keepalive requests, which leave
    // with the real User-Agent: the block delivered on hiding is one request from another browser build
    // than the session's first. Chromium's and WebKit's overrides cover every request.
    expect(server.request_spoof_attempts).to.equal(engine === 'firefox' ? 1 : 0);
  });
});
