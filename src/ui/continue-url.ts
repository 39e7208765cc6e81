/**
 * `continue-url`, checked before it becomes a link: only http and https, resolved against the
 * page, so that a `javascript:` or `data:` URL (from a misconfiguration, or a value an attacker
 * could put into the attribute) never runs in the page when the applicant presses "Continue".
 */

/** The URL to link to, or null when `value` is empty or not an http(s) URL. */
export function continueHref(value: string, base: string): string | null {
  const trimmed = value.trim();
  if (!trimmed) return null;
  let url: URL;
  try {
    url = new URL(trimmed, base);
  } catch {
    return null;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
}
