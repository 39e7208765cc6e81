// An iPhone's HEIC chosen in the widget, in a browser that cannot decode it (Chromium, Firefox and
// WebKitGTK here all cannot): the applicant is told what to do, nothing kept is lost, and the file
// input takes the next photo. Where a browser decodes it (Safari), it goes through the pipeline like
// the AVIF in prepare-image.browser.test.ts and comes out a JPEG.
import { expect, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../helpers/wait.js';
import '../../src/define.js';
import { harness } from '../helpers/harness.js';
import {
  captureAndAccept,
  chooseDocument,
  chooseFile,
  clearWidgetStorage,
  consent,
  createSession,
  fixtureBlob,
  flowLoaded,
  mount,
  shadow,
  waitForStep,
  widgetStorage,
} from '../helpers/widget.js';
import { timeLimit } from '../helpers/engines.js';

describe('choosing a HEIC photo the browser cannot open', function () {
  this.timeout(timeLimit(60000));
  beforeEach(clearWidgetStorage);

  it('says it is HEIC and what to do instead, keeps the front, and takes a JPEG or PNG next', async () => {
    const session = await createSession({ scenario: 'pass' });
    const element = await mount(session);
    await flowLoaded(element);
    const flow = harness(element).flow;
    await consent(element);
    await chooseDocument(element, 'drivers_license');
    await captureAndAccept(element, await fixtureBlob('licence-front.jpg'));
    await waitUntil(() => flow.state?.step.name === 'capture' && 'side' in flow.state.step && flow.state.step.side === 'back', 'the back to capture');
    await element.updateComplete;
    const captures = structuredClone(flow.state!.captures);
    const stored = await widgetStorage();

    // As a picker hands over an iPhone photo copied to a computer: a .HEIC name and no type.
    const error = oneEvent(element, 'beltic-verify-error');
    await chooseFile(element, await fixtureBlob('iphone.heic'), 'IMG_0042.HEIC');
    const { detail } = await error;
    expect(detail).to.include({ code: 'unsupported_heic', recoverable: true });
    await waitUntil(() => !flow.preparing, 'the refusal settled');
    await element.updateComplete;

    const notice = shadow(element, '.notice').textContent ?? '';
    expect(notice).to.match(/HEIC format, which this browser cannot open/);
    expect(notice).to.match(/Most Compatible/);
    expect(notice).to.not.match(/not a photo|could not be opened/);
    expect(flow.state!.step).to.deep.equal({ name: 'capture', side: 'back' });
    expect(flow.state!.captures, 'the front is still there').to.deep.equal(captures);
    expect((await flow.imageBlob(captures.front!))?.size, 'with its bytes').to.equal(captures.front!.byteSize);
    expect(await widgetStorage(), 'nothing stored for the refused file').to.deep.equal(stored);

    // The same input takes the next photo.
    const input = shadow<HTMLInputElement>(element, 'input[type=file]');
    expect(input.disabled).to.equal(false);
    expect(input.value, 'emptied, so the same file can be chosen again').to.equal('');
    await chooseFile(element, await fixtureBlob('licence-back.png'), 'back.png');
    await waitForStep(element, 'review');
    expect(flow.state!.captures.back).to.include({ contentType: 'image/jpeg', source: 'file' });
    expect(flow.imageProblem).to.equal(null);
  });
});
