/** The module worker that measures camera frames and encodes the kept one, off the main thread. */
import { handleAnalysis } from './analysis-handler.js';
import { serveRequests } from '../workers/rpc.js';

serveRequests(handleAnalysis);
