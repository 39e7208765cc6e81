// Chromium's fake camera playing licence-front-720p.y4m (group camera-licence-front-720p).
import '../../src/define.js';
import { clearWidgetStorage } from '../helpers/widget.js';
import { restoreCameras } from './camera-helpers.js';
import { frontIsTakenWhenSteady, frontShownForTheBackIsQuestioned } from './fake-camera-scenarios.js';

describe('fake camera: a licence front at 720p', function () {
  this.timeout(60000);
  beforeEach(clearWidgetStorage);
  afterEach(restoreCameras);

  it('on the front step, the photo takes itself once the card is steady and has no barcode', () =>
    frontIsTakenWhenSteady({ width: 1280, height: 720 }, 'licence front, 720p fake camera'));

  it('on the back step, no barcode reads and the applicant is asked whether it is the back', frontShownForTheBackIsQuestioned);
});
