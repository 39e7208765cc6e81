// The failed checks of a verification as the widget keeps them: the check's name, the sides it
// failed on where the server says (the sandbox's `metadata.failed_sides`), and the server's words.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { failedChecks, verificationState } from '../../src/api/parse.js';

describe('failed checks of a verification', () => {
  it('keeps each failed check by name, with the sides it names and its reasons joined; passed and not applicable ones are left out', () => {
    const checks = [
      { name: 'image_readable', status: 'passed', reasons: [], requirement: 'required', metadata: { front: { width: 1600 } } },
      {
        name: 'document_visible',
        status: 'failed',
        reasons: ['No document in the front.', 'No document in the back.'],
        requirement: 'required',
        metadata: { front: { found: null }, back: { found: null }, failed_sides: ['front', 'back'] },
      },
      {
        name: 'barcode_readable',
        status: 'failed',
        reasons: ['The barcode could not be read.'],
        requirement: 'required',
        metadata: { failed_sides: ['back'] },
      },
      { name: 'document_consistent', status: 'not_applicable', reasons: ['Nothing was read.'], requirement: 'required' },
    ];
    assert.deepEqual(failedChecks({ checks }), [
      { check: 'document_visible', sides: ['front', 'back'], text: 'No document in the front. No document in the back.' },
      { check: 'barcode_readable', sides: ['back'], text: 'The barcode could not be read.' },
    ]);
    assert.deepEqual(verificationState({ status: 'requires_retry', checks }).reasons, failedChecks({ checks }));
  });

  it('without the sides extension (the real Beltic may not send it), a check is about no side in particular', () => {
    const checks = [{ name: 'image_resolution', status: 'failed', reasons: ['Too small.'], requirement: 'required' }];
    assert.deepEqual(failedChecks({ checks }), [{ check: 'image_resolution', sides: [], text: 'Too small.' }]);
  });

  it('tolerates what it cannot use, without throwing: unknown sides, a malformed list, no name, no reasons, no checks', () => {
    assert.deepEqual(
      failedChecks({
        checks: [
          { name: 'image_quality', status: 'failed', reasons: ['  Dark.  ', 7, ''], metadata: { failed_sides: ['left', 'back', 3, 'back'] } },
          { status: 'failed', metadata: { failed_sides: 'back' } },
          'failed',
          null,
          { name: 'x', status: 'passed', reasons: ['fine'] },
        ],
      }),
      [
        { check: 'image_quality', sides: ['back'], text: 'Dark.' },
        { check: '', sides: [], text: '' },
      ],
    );
    assert.deepEqual(failedChecks({}), []);
    assert.deepEqual(failedChecks({ checks: 'none' }), []);
  });

  it('lists the sides in the document order whatever order the server used, so the state is the same for the same verdict', () => {
    const checks = [{ name: 'document_visible', status: 'failed', reasons: [], metadata: { failed_sides: ['back', 'front'] } }];
    assert.deepEqual(failedChecks({ checks })[0]!.sides, ['front', 'back']);
  });
});
