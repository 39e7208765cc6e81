/**
 * The module worker that prepares images off the main thread, so a 12 MP decode and re-encode
 * never freezes the widget. One job per worker: prepare-image.ts terminates it afterwards.
 */
import { handleImage } from './image-handler.js';
import { serveRequests } from '../workers/rpc.js';

serveRequests(handleImage);
