import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AutofillTracker, autofillInputKind } from '../../src/signals/autofill.js';
import { classifyCameraLabel } from '../../src/signals/camera.js';
import { deviceType } from '../../src/signals/device.js';
import { isTextEditingKey, type KeyFacts } from '../../src/signals/text-fields.js';
import { classifyRenderer } from '../../src/signals/webgl.js';

const key = (k: string | undefined, more: Partial<KeyFacts> = {}): KeyFacts => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  isComposing: false,
  altGraph: false,
  multiline: false,
  ...more,
});

test('text-editing keys: characters and deletions; not shortcuts, named keys or IME keys', () => {
  for (const k of ['a', 'Z', '7', ' ', 'é', '😀', 'Backspace', 'Delete']) assert.equal(isTextEditingKey(key(k)), true, k);
  for (const k of ['Tab', 'Shift', 'ArrowLeft', 'Escape', 'Process', 'Dead', 'F5', undefined]) assert.equal(isTextEditingKey(key(k)), false, String(k));
  assert.equal(isTextEditingKey(key('v', { ctrlKey: true })), false, 'Ctrl+V counts as a paste');
  assert.equal(isTextEditingKey(key('c', { metaKey: true })), false);
  assert.equal(isTextEditingKey(key('@', { ctrlKey: true, altGraph: true })), true, 'AltGr types');
  assert.equal(isTextEditingKey(key('a', { isComposing: true })), false, 'the composition end counts instead');
  assert.equal(isTextEditingKey(key('Enter')), false, 'Enter submits a single-line field');
  assert.equal(isTextEditingKey(key('Enter', { multiline: true })), true);
});

test('autofill: once per field per fill, a cancel only after a start', () => {
  const tracker = new AutofillTracker();
  const name = {};
  const email = {};
  tracker.changed(name); // the end animation every field plays when first rendered
  assert.equal(tracker.cancels, 0);
  tracker.filled(name);
  tracker.filled(name); // the input event and the animation of the same fill
  tracker.filled(email);
  assert.equal(tracker.starts, 2);
  tracker.changed(name);
  tracker.changed(name);
  assert.equal(tracker.cancels, 1);
  tracker.filled(name); // filled again after the applicant changed it: a new fill
  assert.equal(tracker.starts, 3);
});

test('an input event without inputType that leaves a value is a fill; one with an inputType is an edit', () => {
  assert.equal(autofillInputKind(undefined, true), 'fill');
  assert.equal(autofillInputKind('', true), 'fill');
  assert.equal(autofillInputKind(undefined, false), null);
  assert.equal(autofillInputKind('insertText', true), 'edit');
  assert.equal(autofillInputKind('deleteContentBackward', false), 'edit');
});

test('camera labels are classified, never kept', () => {
  // The browsers' own fake cameras: Chromium's, Firefox's and WebKit's.
  assert.equal(classifyCameraLabel('fake_device_0'), 'virtual');
  assert.equal(classifyCameraLabel('Default Video Device'), 'virtual');
  assert.equal(classifyCameraLabel('Mock video device 1'), 'virtual');
  assert.equal(classifyCameraLabel('Default Video Device Pro 2'), 'real');
  assert.equal(classifyCameraLabel('OBS Virtual Camera'), 'virtual');
  assert.equal(classifyCameraLabel('ManyCam Virtual Webcam'), 'virtual');
  assert.equal(classifyCameraLabel('FaceTime HD Camera (Built-in)'), 'real');
  assert.equal(classifyCameraLabel('Integrated Webcam (0c45:6a10)'), 'real');
  assert.equal(classifyCameraLabel("Anna's iPhone Camera"), 'real');
  assert.equal(classifyCameraLabel(''), 'unknown');
  assert.equal(classifyCameraLabel(undefined), 'unknown');
});

test('WebGL renderers are classified, never kept', () => {
  assert.equal(classifyRenderer('ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)'), 'software');
  assert.equal(classifyRenderer('llvmpipe (LLVM 15.0.6, 256 bits)'), 'software');
  assert.equal(classifyRenderer('ANGLE (Apple, ANGLE Metal Renderer: Apple M2, Unspecified Version)'), 'hardware');
  assert.equal(classifyRenderer('Mali-G78'), 'hardware');
  assert.equal(classifyRenderer('WebKit WebGL'), 'unknown');
  // WebKit's answer to UNMASKED_RENDERER_WEBGL everywhere, software rendering included.
  assert.equal(classifyRenderer('Apple GPU'), 'unknown');
  assert.equal(classifyRenderer(null), 'unknown');
});

test('device type from the User-Agent, the mobile hint and touch', () => {
  const iphone = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
  const ipadDesktop = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15';
  const androidTablet = 'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
  const androidPhone = 'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36';
  const linux = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
  assert.equal(deviceType(iphone, null, 5, 'iPhone'), 'mobile');
  assert.equal(deviceType(ipadDesktop, null, 5, 'MacIntel'), 'tablet');
  assert.equal(deviceType(ipadDesktop, null, 0, 'MacIntel'), 'desktop');
  assert.equal(deviceType(androidTablet, false, 10, 'Linux armv81'), 'tablet');
  assert.equal(deviceType(androidPhone, true, 5, 'Linux armv81'), 'mobile');
  assert.equal(deviceType(linux, false, 0, 'Linux x86_64'), 'desktop');
});
