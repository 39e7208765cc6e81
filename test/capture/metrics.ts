/** Made-up frame metrics for the policy tests: a clean, steady card by default. */
import type { DocumentRegion, FrameMetrics } from '../../src/frame/frame-quality.js';

export const CARD: DocumentRegion = { x: 0.1, y: 0.15, width: 0.8, height: 0.7, aspect: 1.59, rectangularity: 0.99, clipped: false };

export function metrics(overrides: Partial<FrameMetrics> = {}): FrameMetrics {
  return { brightness: 230, glare: 0, sharpness: 0.8, document: CARD, thumbnail: new Uint8Array(576), ...overrides };
}
