/**
 * The module worker for pictures: camera frames measured and the kept one encoded
 * (camera/analysis-handler.ts), photos prepared and checked (upload/image-handler.ts).
 *
 * One script for both because they share most of their code (the document finder and the frame
 * measures): a flow downloads it once instead of twice (4.4 KiB gzip less). Each use still starts
 * its own worker from it (camera/analysis-client.ts, upload/prepare-image.ts), so a photo being
 * prepared never holds up the live camera's advice, and a photo's worker still ends with its job.
 * At the root, like capture-parts.ts, as it composes camera/ and upload/ (workers/ is below both).
 */
import { handleAnalysis, type AnalysisRequest, type AnalysisResult } from './camera/analysis-handler.js';
import { handleImage, type ImageRequest, type ImageResult } from './upload/image-handler.js';
import { serveRequests } from './workers/rpc.js';

serveRequests<AnalysisRequest | ImageRequest, AnalysisResult | ImageResult>((request) => ('file' in request ? handleImage(request) : handleAnalysis(request)));
