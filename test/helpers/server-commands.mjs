// Test-runner server side: commands the browser tests call (a real network drop, in every engine)
// and a deliberately broken API for the malformed-response tests.

/**
 * `await executeServerCommand('block-urls', { patterns: ['*\/sandbox/uploads/*'] })` makes the
 * runner's server drop the connection of every matching request from that test page (the browser
 * sees a network error, as on a dropped connection); `{ patterns: [] }` lets them through again.
 * `'hold-urls'` with `{ patterns, ms }` instead holds each matching request `ms` before the server
 * reads it (a slow link): what the page does meanwhile (an abort) happens before anything arrives.
 * Both work the same in every engine, where DevTools request blocking was Chromium's alone. Whole-page
 * offline mode would also cut the runner's own link to the page.
 *
 * A request is the test page's when its Referer is that page (`?wtr-session-id=<id>`): test files
 * running side by side, in any engine, never touch each other's requests.
 * Returns `{ plugin, middleware }`: the commands, and the Koa middleware that acts (mounted first).
 */
export function networkDrops() {
  /** Per test page: the patterns, and how long to hold a match (0: drop it). */
  const rulesBySession = new Map();
  const globToRegExp = (glob) =>
    new RegExp(
      `^${glob
        .split('*')
        .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*')}$`,
    );
  const sessionOf = (referer) => {
    try {
      return new URL(referer).searchParams.get('wtr-session-id');
    } catch {
      return null;
    }
  };
  return {
    plugin: {
      name: 'beltic-network-drops',
      executeCommand({ command, payload, session }) {
        if (command !== 'block-urls' && command !== 'hold-urls') return undefined;
        const patterns = (payload?.patterns ?? []).map(globToRegExp);
        if (patterns.length > 0) rulesBySession.set(session.id, { patterns, holdMs: command === 'hold-urls' ? payload.ms : 0 });
        else rulesBySession.delete(session.id);
        return true;
      },
    },
    middleware: async (ctx, next) => {
      const rule = rulesBySession.get(sessionOf(ctx.get('referer')));
      if (!rule?.patterns.some((pattern) => pattern.test(ctx.href))) return next();
      if (rule.holdMs > 0) {
        // A request its page gave up on meanwhile never arrives, as on a slow link the bytes behind an
        // abort never do (its socket may still hold all of them: loopback is fast).
        const socket = ctx.req.socket;
        const gone = await new Promise((resolve) => {
          const timer = setTimeout(() => resolve(false), rule.holdMs);
          socket.once('close', () => (clearTimeout(timer), resolve(true)));
        });
        if (!gone) return next();
        ctx.respond = false;
        return;
      }
      ctx.respond = false;
      ctx.req.socket.destroy();
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
 * Commands for the behaviour-signal tests (test/signals/): what the widget sees is trusted input
 * from the browser itself, in every engine, and, in Chromium, input with exact timestamps through
 * the DevTools protocol.
 *
 * In every engine:
 *   'keys'              { steps: [{ press: 'a' } | { ctrl: 'c' } | { pause: ms }] } real key presses;
 *                       a pause runs from the previous key's press (or the command's start), so the
 *                       keydowns land within a few tens of ms of the asked intervals, not exactly
 *   'hide-page'         the page really goes hidden and visible again: in Chromium and Firefox a tab
 *                       opened in its browser context, closed, and the page brought back; in WebKit
 *                       its window minimised and restored (WebDriver has no tabs to switch)
 *   'squeeze-viewport'  { squeezed } the viewport made smaller than its window, as docked developer
 *                       tools make it, or given its whole window back: Chromium and Firefox emulate a
 *                       420 × 600 viewport (also what puppeteer's default 800 × 600 viewport is, so
 *                       { squeezed: false } clears that too); WebKit docks its real Web Inspector
 *   'user-agent'        { userAgent } overrides the User-Agent of the page and its requests for the
 *                       rest of the page's life ('' restores it)
 *   'replay-request'    { url, token, userAgent } the client token replayed from "another device":
 *                       a request from Node with a different User-Agent; returns the status
 * Chromium only (the DevTools protocol):
 *   'cdp'               { calls: [{ method, params }] } sent in order on the page's own session
 *                       (Input.dispatchKeyEvent with `timestamp`); returns the results
 *   'autofill-card'     { expression, card } the browser's own autofill fills the credit-card form
 *                       of the field `expression` evaluates to (Autofill.trigger)
 */
export function signalsCommandsPlugin() {
  const sessions = new WeakMap();
  async function cdpFor(page, command) {
    // Firefox is driven over WebDriver BiDi: its puppeteer pages have no DevTools protocol session.
    if (page.browser().protocol !== 'cdp') throw new Error(`'${command}' needs the DevTools protocol, which only Chromium has`);
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
      if (!SIGNALS_COMMANDS.includes(command)) return undefined;
      if (command === 'replay-request') {
        const response = await fetch(payload.url, { headers: { Authorization: `Bearer ${payload.token}`, 'User-Agent': payload.userAgent } });
        await response.arrayBuffer();
        return response.status;
      }
      // WebKit: our WebDriver launcher (scripts/engines/webkit.mjs), one WebDriver session per page.
      if (session.browser.type === 'webdriver') return webkitCommand(session.browser.session(session.id), command, payload);
      const page = session.browser.getPage(session.id);
      if (command === 'keys') return puppeteerKeys(page, payload.steps);
      if (command === 'hide-page') {
        // Front first: all of a Firefox's pages are tabs of one window, and only the selected one is visible.
        await page.bringToFront();
        const other = await page.browserContext().newPage();
        await untilVisibility(() => page.evaluate(() => document.visibilityState), 'hidden');
        await other.close();
        await page.bringToFront();
        await untilVisibility(() => page.evaluate(() => document.visibilityState), 'visible');
        return true;
      }
      if (command === 'squeeze-viewport') {
        await page.setViewport(payload.squeezed ? { width: 420, height: 600 } : null);
        return true;
      }
      if (command === 'user-agent') {
        await page.setUserAgent(payload.userAgent);
        return true;
      }
      const cdp = await cdpFor(page, command);
      if (command === 'cdp') {
        const results = [];
        for (const { method, params } of payload.calls) results.push(await cdp.send(method, params ?? {}));
        return results;
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

const SIGNALS_COMMANDS = ['keys', 'hide-page', 'squeeze-viewport', 'user-agent', 'replay-request', 'cdp', 'autofill-card'];

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves once `read()` answers `state`; throws after 5 s, so a page that never changes fails its test with a reason. */
async function untilVisibility(read, state) {
  const deadline = Date.now() + 5000;
  while ((await read()) !== state) {
    if (Date.now() > deadline) throw new Error(`hide-page: the page never became ${state}`);
    await sleep(20);
  }
}

/**
 * Chromium and Firefox (puppeteer's keyboard: CDP or WebDriver BiDi input). Pauses are timed here,
 * from when the previous key was sent, so the round trips of earlier keys do not add up.
 */
async function puppeteerKeys(page, steps) {
  let from = performance.now();
  let pause = 0;
  for (const step of steps) {
    if (step.pause !== undefined) {
      pause += step.pause;
      continue;
    }
    if (pause > 0) await sleep(from + pause - performance.now());
    pause = 0;
    from = performance.now();
    if (step.ctrl !== undefined) {
      await page.keyboard.down('Control');
      await page.keyboard.press(step.ctrl);
      await page.keyboard.up('Control');
    } else {
      await page.keyboard.press(step.press);
    }
  }
  return true;
}

/** WebDriver's code points for the named keys the signals tests press. */
const WEBDRIVER_KEYS = { Control: '\uE009', ' ': '\uE00D', Enter: '\uE007', Tab: '\uE004', Backspace: '\uE003' };

/**
 * WebKit, through WebKitWebDriver. Keys go as one action sequence with pause items, timed by the
 * driver. The hook for the Web Inspector and the User-Agent is our test browser's own
 * (scripts/engines/webkit-browser.py): WebDriver has no command for either.
 */
async function webkitCommand(driver, command, payload) {
  const toBrowser = (message) => driver.execute('window.webkit.messageHandlers.belticTestBrowser.postMessage(arguments[0])', [JSON.stringify(message)]);
  const visibility = () => driver.execute('return document.visibilityState');
  if (command === 'keys') {
    const key = (name) => WEBDRIVER_KEYS[name] ?? name;
    const actions = payload.steps.flatMap((step) => {
      if (step.pause !== undefined) return [{ type: 'pause', duration: step.pause }];
      const keys = step.ctrl !== undefined ? ['Control', step.ctrl] : [step.press];
      return [...keys.map((name) => ({ type: 'keyDown', value: key(name) })), ...[...keys].reverse().map((name) => ({ type: 'keyUp', value: key(name) }))];
    });
    await driver.performActions([{ type: 'key', id: 'signals-keyboard', actions }]);
    return true;
  }
  if (command === 'hide-page') {
    // Minimising hides the page (checked: under Xvfb without a window manager too); setting the window's
    // own rect again restores it (WebDriver's Set Window Rect restores a minimised window first).
    const rect = await driver.windowRect();
    await driver.minimizeWindow();
    await untilVisibility(visibility, 'hidden');
    await driver.setWindowRect({ width: rect.width, height: rect.height });
    await untilVisibility(visibility, 'visible');
    return true;
  }
  if (command === 'squeeze-viewport') {
    await toBrowser({ inspector: payload.squeezed ? 'attach' : 'close' });
    return true;
  }
  if (command === 'user-agent') {
    await toBrowser({ userAgent: payload.userAgent });
    return true;
  }
  throw new Error(`'${command}' needs the DevTools protocol, which only Chromium has`);
}

/**
 * `/__test-page?csp=…&html=…` answers `html` as a page of the runner's origin, under the header
 * `Content-Security-Policy: csp`, as an integrator's server sends it. The recorded pages
 * (test/helpers/recorded-page.ts) load it in an iframe: a srcdoc iframe's `'self'` does not match
 * the origin it inherits in Firefox, so its scripts would be refused there.
 */
export function testPageMiddleware() {
  return async (ctx, next) => {
    if (ctx.path !== '/__test-page') return next();
    ctx.set('Content-Security-Policy', ctx.query.csp ?? '');
    ctx.set('Cache-Control', 'no-store');
    ctx.type = 'text/html';
    ctx.body = ctx.query.html ?? '';
  };
}

/**
 * `await executeServerCommand('focus-page')` gives the test page the browser's focus, as the window an
 * applicant types in has. Keyboard tests need it in Firefox, where each test file has a window of its
 * own and keys go to the focused one. WebKit runs one browser per file (already focused): nothing to do.
 */
export function focusCommandPlugin() {
  return {
    name: 'beltic-focus-page',
    async executeCommand({ command, session }) {
      if (command !== 'focus-page') return undefined;
      if (session.browser.type === 'puppeteer') await session.browser.getPage(session.id).bringToFront();
      return true;
    },
  };
}
