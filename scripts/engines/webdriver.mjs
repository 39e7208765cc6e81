// The few W3C WebDriver commands the WebKit launcher needs, over fetch: WebKitWebDriver speaks
// classic WebDriver only, and a client library (webdriverio) would bring a hundred packages and
// driver downloads for six requests.

export class WebDriverSession {
  constructor(base, id, capabilities) {
    this.base = base;
    this.id = id;
    this.capabilities = capabilities;
  }

  /** POST /session on the driver at `base`: WebKitWebDriver starts the browser its capabilities name. */
  static async create(base, capabilities) {
    const { sessionId, capabilities: granted } = await command(base, 'POST', '/session', { capabilities: { alwaysMatch: capabilities } });
    return new WebDriverSession(base, sessionId, granted);
  }

  navigate(url) {
    return command(this.base, 'POST', `/session/${this.id}/url`, { url });
  }

  url() {
    return command(this.base, 'GET', `/session/${this.id}/url`);
  }

  performActions(actions) {
    return command(this.base, 'POST', `/session/${this.id}/actions`, { actions });
  }

  releaseActions() {
    return command(this.base, 'DELETE', `/session/${this.id}/actions`);
  }

  /** Runs `script` (a function body; `arguments` are `args`) in the page; resolves with what it returns. */
  execute(script, args = []) {
    return command(this.base, 'POST', `/session/${this.id}/execute/sync`, { script, args });
  }

  /** The window's { x, y, width, height }. */
  windowRect() {
    return command(this.base, 'GET', `/session/${this.id}/window/rect`);
  }

  /** Sets any of { x, y, width, height }; restores a minimised window first. */
  setWindowRect(rect) {
    return command(this.base, 'POST', `/session/${this.id}/window/rect`, rect);
  }

  minimizeWindow() {
    return command(this.base, 'POST', `/session/${this.id}/window/minimize`, {});
  }

  delete() {
    return command(this.base, 'DELETE', `/session/${this.id}`);
  }
}

/** Resolves once the driver at `base` answers /status as ready (it takes a moment to listen). */
export async function driverReady(base, { timeoutMs = 10_000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await command(base, 'GET', '/status')).ready) return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`The WebDriver at ${base} did not become ready: ${error.message}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function command(base, method, path, body) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: body ? { 'Content-Type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const { value } = await response.json();
  if (!response.ok) throw new Error(`WebDriver ${method} ${path}: ${value?.error ?? response.status}: ${value?.message ?? ''}`);
  return value;
}
