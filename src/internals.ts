/**
 * The element's parts, reachable by this project's own tests and tools through a symbol the
 * package does not export: typed access instead of casts into private fields, and nothing an
 * integrator is offered to depend on. A registered symbol (`Symbol.for`), so that the tests of the
 * built bundles, which hold their own copy of this module, reach the same parts.
 */
import type { LiveCapture } from './camera/live-capture.js';
import type { FlowController } from './flow/flow-controller.js';
import type { SignalsController } from './signals/signals-controller.js';

export const internals = Symbol.for('beltic-verify.internals');

export interface Internals {
  /** Throws until the flow's code is in (it is loaded on connect): `flowLoaded` says. */
  readonly flow: FlowController;
  readonly flowLoaded: boolean;
  readonly camera: LiveCapture;
  readonly signals: SignalsController;
}
