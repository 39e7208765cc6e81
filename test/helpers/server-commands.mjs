// Test-runner server side: commands the browser tests call (real network drop through the
// DevTools protocol) and a deliberately broken API for the malformed-response tests.

/**
 * `await executeServerCommand('block-urls', { patterns: ['*\/sandbox/uploads/*'] })` makes the
 * browser fail those requests at the network layer (net::ERR_BLOCKED_BY_CLIENT), as a dropped
 * connection does; `{ patterns: [] }` lets them through again. (Whole-page offline mode would also
 * cut the test runner's own connection to the page.)
 */
export function networkCommandsPlugin() {
  const sessions = new WeakMap();
  return {
    name: 'beltic-network-commands',
    async executeCommand({ command, payload, session }) {
      if (command !== 'block-urls') return undefined;
      const page = session.browser.getPage(session.id);
      let cdp = sessions.get(page);
      if (!cdp) {
        cdp = await page.createCDPSession();
        await cdp.send('Network.enable');
        sessions.set(page, cdp);
      }
      await cdp.send('Network.setBlockedURLs', { urls: payload?.patterns ?? [] });
      return true;
    },
  };
}

const BROKEN_ANSWERS = {
  '/broken-api/not-json': { status: 200, type: 'text/html', body: '<html>Gateway says hello</html>' },
  '/broken-api/wrong-shape': { status: 200, type: 'application/json', body: JSON.stringify({ data: 42 }) },
  '/broken-api/unknown-status': {
    status: 200,
    type: 'application/json',
    body: JSON.stringify({ data: { type: 'session', id: 'x', attributes: { status: 'teleported' } } }),
  },
};

/** Koa middleware: `api-base="/broken-api/<kind>"` answers every call with that kind of garbage. */
export function brokenApiMiddleware() {
  return async (ctx, next) => {
    const kind = Object.keys(BROKEN_ANSWERS).find((prefix) => ctx.path.startsWith(`${prefix}/`));
    if (!kind) return next();
    const answer = BROKEN_ANSWERS[kind];
    ctx.status = answer.status;
    ctx.type = answer.type;
    ctx.body = answer.body;
  };
}

/**
 * Commands for the behaviour-signal tests (test/signals/), all through the DevTools protocol so
 * that what the widget sees is trusted input with exact timestamps:
 *
 *   'cdp'               { calls: [{ method, params }] }  sent in order on the page's own session
 *                       (Input.dispatchKeyEvent with `timestamp`, Emulation.*); returns the results
 *   'hide-page'         opens a tab in the page's browser context, closes it and brings the page
 *                       back: the page really goes hidden and visible again
 *   'autofill-card'     { expression, card } the browser's own autofill fills the credit-card form
 *                       of the field `expression` evaluates to (Autofill.trigger)
 *   'replay-request'    { url, token, userAgent } the client token replayed from "another device":
 *                       a request from Node with a different User-Agent; returns the status
 */
export function signalsCommandsPlugin() {
  const sessions = new WeakMap();
  async function cdpFor(page) {
    let cdp = sessions.get(page);
    if (!cdp) {
      cdp = await page.createCDPSession();
      sessions.set(page, cdp);
    }
    return cdp;
  }
  return {
    name: 'beltic-signals-commands',
    async executeCommand({ command, payload, session }) {
      if (!['cdp', 'hide-page', 'autofill-card', 'replay-request'].includes(command)) return undefined;
      if (command === 'replay-request') {
        const response = await fetch(payload.url, { headers: { Authorization: `Bearer ${payload.token}`, 'User-Agent': payload.userAgent } });
        await response.arrayBuffer();
        return response.status;
      }
      const page = session.browser.getPage(session.id);
      const cdp = await cdpFor(page);
      if (command === 'cdp') {
        const results = [];
        for (const { method, params } of payload.calls) results.push(await cdp.send(method, params ?? {}));
        return results;
      }
      if (command === 'hide-page') {
        const other = await page.browserContext().newPage();
        await other.close();
        await page.bringToFront();
        return true;
      }
      // autofill-card
      const { result } = await cdp.send('Runtime.evaluate', { expression: payload.expression });
      if (!result.objectId) throw new Error(`autofill-card: ${payload.expression} is not an element`);
      const { node } = await cdp.send('DOM.describeNode', { objectId: result.objectId });
      await cdp.send('Autofill.trigger', { fieldId: node.backendNodeId, card: payload.card });
      return true;
    },
  };
}
