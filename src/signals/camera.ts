/**
 * The camera part of the session device (signals.md §Device), read after the applicant granted
 * permission: how many cameras, what kind the one in use is, and its settings. The label is
 * classified and dropped (it can carry a person's name: "Anna's iPhone camera"), the deviceId and
 * groupId are never read.
 *
 * The capture code calls `describeCamera(track)` (or the element's signals controller
 * `recordCamera(track)`) once its stream is open.
 */

export type CameraKind = 'real' | 'virtual' | 'unknown';

export interface CameraSummary {
  count: number | null;
  kind: CameraKind;
  width: number | null;
  height: number | null;
  frame_rate: number | null;
}

/**
 * Virtual cameras and capture drivers that feed a video file, a screen or another app into the
 * camera slot (the injection attacks an identity check must notice), plus browsers' fake devices.
 */
const VIRTUAL_CAMERA =
  /virtual|\bobs\b|obs-camera|manycam|snap camera|xsplit|droidcam|epoccam|\bndi\b|splitcam|camtwist|e2esoft|vcam|fake|iriun|mmhmm|camo\b|youcam|webcamoid|v4l2loopback|dummy|screen capture|avatarify|chromacam/i;

/**
 * Browsers' own fake cameras whose names say nothing of it, by their exact names: Firefox's
 * (`media.navigator.streams.fake`: "Default Video Device") and WebKit's mock capture devices ("Mock video
 * device 1"). Chromium's ("fake_device_0") is caught above. Found when the signals tests first ran in
 * Firefox and WebKit: both fake cameras were reported as `real`, though docs/signals.md counts browsers'
 * fake devices as virtual. Exact names only, so that no real camera's name is caught by a phrase in it.
 */
const BROWSER_FAKE_CAMERA = /^(Default Video Device|Mock video device \d+)$/i;

export function classifyCameraLabel(label: string | null | undefined): CameraKind {
  const trimmed = label?.trim();
  // Without permission browsers give no label: nothing can be said.
  if (!trimmed) return 'unknown';
  return VIRTUAL_CAMERA.test(trimmed) || BROWSER_FAKE_CAMERA.test(trimmed) ? 'virtual' : 'real';
}

function positive(value: number | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : null;
}

export async function describeCamera(
  track: MediaStreamTrack,
  mediaDevices: MediaDevices | undefined = globalThis.navigator?.mediaDevices,
): Promise<CameraSummary> {
  const settings = typeof track.getSettings === 'function' ? track.getSettings() : {};
  let count: number | null = null;
  try {
    const devices = (await mediaDevices?.enumerateDevices()) ?? null;
    count = devices ? devices.filter((device) => device.kind === 'videoinput').length : null;
  } catch {
    count = null;
  }
  return {
    count,
    kind: classifyCameraLabel(track.label),
    width: positive(settings.width),
    height: positive(settings.height),
    frame_rate: positive(settings.frameRate === undefined ? undefined : Math.round(settings.frameRate * 100) / 100),
  };
}
