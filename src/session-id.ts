/**
 * The session a client token from `beltic-verify/server` is bound to. The token's claims are
 * readable by design (they hold no secret); the proxy, not this function, checks the signature.
 * Returns null for any other token shape, so the host page then passes `session-id` itself.
 */
export function sessionIdFromClientToken(token: string): string | null {
  const [prefix, claims] = token.split('.');
  if (prefix !== 'bvt' || !claims) return null;
  try {
    const json = atob(claims.replace(/-/g, '+').replace(/_/g, '/'));
    const sid = (JSON.parse(json) as { sid?: unknown }).sid;
    return typeof sid === 'string' && sid ? sid : null;
  } catch {
    return null;
  }
}
