// Chromium's fake camera playing licence-front-light-desk-720p.y4m (group
// camera-licence-front-light-desk-720p): the card on a desk about as light as itself, where
// only its outline tells it from the desk.
import '../../src/define.js';
import { clearWidgetStorage } from '../helpers/widget.js';
import { restoreCameras } from './camera-helpers.js';
import { frontIsTakenWhenSteady } from './fake-camera-scenarios.js';

describe('fake camera: a licence front on a light desk at 720p', function () {
  this.timeout(60000);
  beforeEach(clearWidgetStorage);
  afterEach(restoreCameras);

  it('on the front step, the photo takes itself once the card is steady', () =>
    frontIsTakenWhenSteady({ width: 1280, height: 720 }, 'licence front on a light desk, 720p fake camera'));
});
