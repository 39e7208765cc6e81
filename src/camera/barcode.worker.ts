/**
 * The module worker that reads PDF417 barcodes off the main thread. It carries the decoder, its
 * PDF417 reader and the AAMVA parser (~12 KiB gzip), and is only created when a side with a
 * barcode is being captured (barcode-client.ts).
 */
import { handleBarcode } from './barcode-handler.js';
import { serveRequests } from '../workers/rpc.js';

serveRequests(handleBarcode);
