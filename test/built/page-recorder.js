// The first script of the built-file test pages (same-origin: their CSP allows no inline script).
// Records, from before the widget's script runs, every CSP violation the page reports and every
// `beltic-verify-error` it hears.
window.recorded = { violations: [], errors: [] };
document.addEventListener('securitypolicyviolation', (e) => window.recorded.violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`.trim()));
document.addEventListener('beltic-verify-error', (e) => window.recorded.errors.push(e.detail));
