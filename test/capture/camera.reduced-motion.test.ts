// Under reduced motion, in every engine: the browsers of the 'reduced-motion' group are launched
// preferring it (Chromium's --force-prefers-reduced-motion, Firefox's ui.prefersReducedMotion,
// WebKitGTK's GTK animations off), as an applicant's system setting makes them; only Chromium could
// also emulate it at run time.
import { expect } from '@open-wc/testing';
import '../../src/define.js';
import { clearWidgetStorage, waitForStep } from '../helpers/widget.js';
import { CanvasCamera, atCapture, cueAnimations, liveRegion, restoreCameras } from './camera-helpers.js';
import { timeLimit } from '../helpers/engines.js';

describe('camera capture under reduced motion', function () {
  this.timeout(timeLimit(60000));

  it('the browser prefers reduced motion', () => {
    expect(matchMedia('(prefers-reduced-motion: reduce)').matches).to.equal(true);
  });

  it('a passport page held steady is taken by itself, and the cue shows without its flash', async () => {
    await clearWidgetStorage();
    const camera = new CanvasCamera(1280, 720).install();
    try {
      await camera.show('scene-1280x720-dark-table-front-skew2-scale68.png');
      const element = await atCapture('passport', 'FR');
      const animations = cueAnimations(element);
      await waitForStep(element, 'review', 20000);
      expect(animations, 'the taken cue showed, without its flash').to.include('none').and.not.include('taken-flash');
      expect(liveRegion(element)).to.equal('Photo taken automatically.');
    } finally {
      camera.dispose();
      restoreCameras();
    }
  });
});
