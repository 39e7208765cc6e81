// Chromium's fake camera playing licence-back-1080p.y4m (group camera-licence-back-1080p).
import '../../src/define.js';
import { clearWidgetStorage } from '../helpers/widget.js';
import { restoreCameras } from './camera-helpers.js';
import { backIsTakenWhenTheBarcodeReads } from './fake-camera-scenarios.js';

describe('fake camera: a licence back at 1080p', function () {
  this.timeout(60000);
  beforeEach(clearWidgetStorage);
  afterEach(restoreCameras);

  it('on the back step, the photo takes itself once the barcode reads, at 1920×1080', () =>
    backIsTakenWhenTheBarcodeReads({ width: 1920, height: 1080 }, 'licence back, 1080p fake camera'));
});
