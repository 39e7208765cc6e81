// Chromium's fake camera playing licence-back-720p.y4m (group camera-licence-back-720p): asked
// for 1080p, it gives the 720p it has.
import '../../src/define.js';
import { clearWidgetStorage } from '../helpers/widget.js';
import { restoreCameras } from './camera-helpers.js';
import { backIsTakenWhenTheBarcodeReads, backShownForTheFrontIsRefused } from './fake-camera-scenarios.js';

describe('fake camera: a licence back at 720p', function () {
  this.timeout(60000);
  beforeEach(clearWidgetStorage);
  afterEach(restoreCameras);

  it('on the back step, the photo takes itself once the barcode reads, and the fields read are shown', () =>
    backIsTakenWhenTheBarcodeReads({ width: 1280, height: 720 }, 'licence back, 720p fake camera'));

  it('on the front step, the applicant is told to turn the card over and nothing is taken', backShownForTheFrontIsRefused);
});
