// Bot evidence in a Chromium launched as a person's is (web-test-runner.config.mjs, group
// "without-automation": no --enable-automation, so navigator.webdriver is false), driven with
// trusted input only. Headless Chromium still names itself HeadlessChrome in its User-Agent, which
// is hard evidence on its own; the test presents the same browser's headful User-Agent with
// matching client hints, as a desktop Chromium sends them.
import { expect } from '@open-wc/testing';
import { waitUntil } from '../helpers/wait.js';
import { executeServerCommand, sendMouse } from '@web/test-runner-commands';
import '../../src/define.js';
import type { BelticVerify } from '../../src/index.js';
import { chooseFile, clearWidgetStorage, createSession, currentStep, fixtureBlob, mount, untilComplete, waitForStep } from '../helpers/widget.js';
import { cdp, snapshot, storedBehavior } from './helpers.js';

type UserAgentData = { brands: { brand: string; version: string }[]; mobile: boolean; platform: string };

async function presentHeadfulUserAgent(): Promise<void> {
  const data = (navigator as Navigator & { userAgentData: UserAgentData }).userAgentData;
  await cdp({
    method: 'Emulation.setUserAgentOverride',
    params: {
      userAgent: navigator.userAgent.replace('HeadlessChrome/', 'Chrome/'),
      userAgentMetadata: {
        brands: data.brands,
        platform: data.platform,
        platformVersion: '',
        architecture: 'x86',
        model: '',
        mobile: data.mobile,
      },
    },
  });
}

/** A real click (DevTools-protocol mouse events) in the middle of an element of the widget. */
async function click(element: BelticVerify, selector: string): Promise<void> {
  const target = element.shadowRoot!.querySelector(selector);
  if (!target) throw new Error(`no ${selector}`);
  target.scrollIntoView({ block: 'center' });
  const box = target.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)] });
}

describe('bot evidence without the automation flag', function () {
  this.timeout(60000);

  beforeEach(clearWidgetStorage);
  after(() => cdp({ method: 'Emulation.setUserAgentOverride', params: { userAgent: '' } }));

  it('a person-like launch driven by trusted input scores low, on the page and on the server', async () => {
    expect(navigator.webdriver).to.equal(false);
    await presentHeadfulUserAgent();
    const session = await createSession({ scenario: 'pass' });
    const element = await mount(session, 'passport');
    const complete = untilComplete(element);

    await waitForStep(element, 'intro');
    await click(element, 'input[name=consent]');
    await click(element, 'form button[type=submit]');
    await waitForStep(element, 'document');
    await click(element, 'form button[type=submit]');
    await waitForStep(element, 'capture');
    // The file picker cannot be driven: the chosen file arrives as the picker delivers it (a change event).
    await chooseFile(element, await fixtureBlob('passport.jpg'));
    await waitForStep(element, 'review');
    // The preview pushes the buttons down as it loads: click once it is in place.
    await waitUntil(() => element.shadowRoot!.querySelector<HTMLImageElement>('img.preview')?.complete, 'the preview did not load');
    await click(element, '.actions button:not(.secondary)');
    await waitUntil(() => currentStep(element) !== 'review', 'the click on "use this photo" missed');
    await complete;

    const { behavior, meta } = snapshot(element);
    expect(meta!.interactions).to.be.at.least(3);
    expect(meta!.evidence).to.include('software_webgl', 'this machine has no GPU: WebGL runs in SwiftShader');
    for (const id of ['webdriver', 'headless_ua', 'automation_global', 'untrusted_input', 'ua_ch_missing', 'no_trusted_input']) {
      expect(meta!.evidence).not.to.include(id);
    }
    expect(behavior.bot_score).to.be.below(40);
    expect(behavior.user_agent_spoof_attempts).to.equal(0);
    expect(behavior.threat_level).to.equal('low');

    const stored = (await storedBehavior(session.session_id, (b) => b.completion_time_seconds !== null)).data.attributes.behavior_analysis!;
    console.log(
      `without automation: page bot_score ${behavior.bot_score} (${meta!.evidence.join(', ')}); server bot_score ${stored.bot_score}, threat ${stored.threat_level}`,
    );
    expect(stored.bot_score).to.equal(behavior.bot_score);
    expect(stored.threat_level).to.equal('low');
    expect(stored.request_spoof_attempts).to.equal(0);
    expect(stored.user_agent_spoof_attempts).to.equal(0);
  });

  it('the same launch still gives itself away by its headless User-Agent when it is not disguised', async () => {
    await cdp({ method: 'Emulation.setUserAgentOverride', params: { userAgent: '' } });
    const session = await createSession({ scenario: 'pass' });
    const element = await mount(session);
    await waitForStep(element, 'intro');
    const { behavior, meta } = snapshot(element);
    expect(meta!.evidence).to.include('headless_ua');
    expect(meta!.evidence).not.to.include('webdriver');
    expect(behavior.bot_score).to.be.at.least(90);
    await executeServerCommand('hide-page');
    expect((await storedBehavior(session.session_id)).data.attributes.behavior_analysis!.threat_level).to.equal('high');
  });
});
