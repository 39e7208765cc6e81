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
