/**
 * What runs the flow, in a chunk of its own (#16): the flow controller with its storage and the API
 * client. Painting the element needs none of it, and the intro shows only once the session has
 * answered, so the element fetches this on connect, beside the signals, not in its first download.
 */
export { BelticClient } from './api/client.js';
export { FlowController } from './flow/flow-controller.js';
export { createWidgetStorage } from './storage/widget-storage.js';

/**
 * The capture parts (capture-parts.ts), fetched through this chunk: what they share with the flow (the
 * barcode rule) then stays in it, where a chunk of its own would cost the intro one more round trip.
 */
export const loadCaptureParts = () => import('./capture-parts.js');
