// Turns the raw measurements into the report's sections (see table.mjs for the renderings).
// Every figure states its unit and how many samples it summarises.
import { max, median, p95 } from './stats.mjs';

const ms = (value) => (Number.isFinite(value) ? `${value < 10 ? value.toFixed(1) : Math.round(value)}` : '–');
const kib = (bytes) => `${(bytes / 1024).toFixed(1)}`;
const label = { '1280x720': '1280×720', '1920x1080': '1920×1080' };
const GROUP_LABEL = { 'must-read': 'barcode, must read', 'best-effort': 'barcode, best effort', 'no-barcode': 'no barcode', 'held-card': 'held card' };
const SETS = ['skew', 'scale', 'light', 'blur'];
const HELD_SETS = ['perspective', 'motion', 'glare-patch', 'low-light', 'portrait', 'far'];
/** #16: the live path reads at least this share of the held cards. */
const HELD_TARGET = 0.9;

export const OURS = 'OURS';
export const BASELINE = 'BASELINE';

export function machineSection(machine, settings) {
  return {
    title: 'Machine and run',
    note: [
      `- CPU: ${machine.cpu}, ${machine.cores} cores; ${machine.memoryGiB} GiB RAM; ${machine.os}`,
      `- Load average (1 min) at start ${machine.loadStart}, at end ${machine.loadEnd}: other jobs share this machine, so figures are noisy`,
      `- Node ${machine.node}; ${machine.chromium} (headless, --disable-gpu: canvas work is software)`,
      `- Code: commit ${machine.commit}${machine.dirty ? ' + uncommitted changes in src/' : ''}; built ${machine.builtNow ? 'by this run' : 'before this run (dist/ was newer than src/)'}`,
      `- ${OURS}: the widget's barcode reader in its module Worker (${settings.oursDecoder}); src/upload/prepare-image.ts prepareImage() with its worker`,
      `- ${BASELINE}: @zxing/library (package root) PDF417Reader + HTMLCanvasElementLuminanceSource + HybridBinarizer on the main thread; browser-image-compression imageCompression(file, { maxSizeMB: 1.5, maxWidthOrHeight: 2400 }) with its other defaults`,
      `- Whole run: ${(settings.totalMs / 1000).toFixed(0)} s`,
    ].join('\n'),
  };
}

/** The decode-time targets, as ratios to the baseline's median in the same run, by fixture group. */
const DECODE_TARGETS = { 'must-read': 0.5, 'no-barcode': 0.3 };

/** A measured ratio, and whether it meets its target ('' when the group has none). */
function ratioAgainst(ratio, target) {
  const shown = Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : '–';
  if (target === undefined) return [shown, ''];
  return [shown, `≤ ${target}×: ${ratio <= target ? 'met' : 'not met'}`];
}

export function decodeTimeSection(decode, settings) {
  const rows = [];
  for (const [resolution, frames] of Object.entries(decode.byResolution)) {
    for (const group of ['must-read', 'best-effort', 'no-barcode', 'held-card']) {
      const inGroup = frames.filter((frame) => frame.group === group);
      if (!inGroup.length) continue;
      const ours = inGroup.flatMap((frame) => frame.ours.ms);
      const baseline = inGroup.flatMap((frame) => frame.baseline.ms);
      const gaveUp = inGroup.reduce((sum, frame) => sum + frame.ours.gaveUp, 0);
      const pixels = inGroup.flatMap((frame) => frame.ours.pixelsMs ?? []);
      const decoding = inGroup.flatMap((frame) => frame.ours.decodeMs ?? []);
      rows.push([
        label[resolution],
        GROUP_LABEL[group],
        String(inGroup.length),
        String(ours.length),
        ms(median(ours)),
        ms(p95(ours)),
        pixels.length ? `${ms(median(pixels))} / ${ms(median(decoding))}` : '',
        String(gaveUp),
        ms(median(baseline)),
        ms(p95(baseline)),
        ...ratioAgainst(median(ours) / median(baseline), DECODE_TARGETS[group]),
      ]);
    }
  }
  return {
    title: 'Decode time per frame',
    note:
      `Milliseconds from "the frame is on the preview canvas" to "here is what the barcode says, or nothing". ${OURS} includes grabbing the frame ` +
      `(createImageBitmap), the round trip to its worker and the AAMVA parsing there, and it decodes as the live scan does, with a ` +
      `${decode.liveBudgetMs} ms budget per frame (src/camera/scan-loop.ts DEFAULT_SCAN.decodeBudgetMs) and the card's outline where the frame ` +
      `analysis traced one (the live loop analyses every frame for its advice, so that analysis is not timed here): "gave up" counts the decodes ` +
      `that ran out of it; "in its worker" splits the worker's share of ${OURS}'s time into reading the frame's pixels out as luma ` +
      `(drawing the bitmap on a canvas, getImageData, the grey conversion) and decoding (medians). ${BASELINE} includes zxing's canvas read and grayscale conversion. ` +
      `Each frame decoded ${settings.repeats}× (must read) or ${settings.repeatsUnreadable}× (others), the two decoders alternating, after a warm-up; ` +
      `median and p95 (nearest rank) over all decodes of the group (n). "Must read": the fixtures the tests require to read; ` +
      `"best effort": skew 20°, barcode at 35% of the frame, dark, glare, blur; "no barcode": the licence front on a desk; ` +
      `"held card": a whole back held to a 1080p camera the hard ways (the decode success table lists them). ` +
      `The ratio is ${OURS}'s median over ${BASELINE}'s, measured in this run (this machine's absolute times drift); the targets ` +
      `are the issue's: at most 0.5× with a barcode, 0.3× without.`,
    headers: [
      'frame',
      'group',
      'frames',
      'n',
      `${OURS} median`,
      `${OURS} p95`,
      `${OURS} in its worker: pixels / decoding`,
      `${OURS} gave up`,
      `${BASELINE} median`,
      `${BASELINE} p95`,
      'ratio of medians',
      'target',
    ],
    align: 'llrrrrrrrrrl',
    rows,
  };
}

/** Whether OURS reads the frame given the time: the budgeted read, or else the one without budget. */
const readsUnbudgeted = (frame) => frame.ours.correct || !!frame.oursUnbudgeted?.correct;

export function decodeSuccessSection(decode) {
  const all = Object.values(decode.byResolution).flat();
  const frames = all.filter((frame) => frame.group !== 'no-barcode' && frame.group !== 'held-card');
  const held = all.filter((frame) => frame.group === 'held-card');
  const judges = {
    ours: (frame) => frame.ours.correct,
    oursUnbudgeted: readsUnbudgeted,
    baseline: (frame) => frame.baseline.correct,
  };
  const count = (list, who) => `${list.filter(judges[who]).length}/${list.length}`;
  const row = (name, list) => [name, String(list.length), count(list, 'ours'), count(list, 'oursUnbudgeted'), count(list, 'baseline')];
  const rows = SETS.map((set) =>
    row(
      set,
      frames.filter((frame) => frame.sets.includes(set)),
    ),
  );
  rows.push(row('all camera frames', frames));
  rows.push(
    row(
      'of which "must read"',
      frames.filter((frame) => frame.group === 'must-read'),
    ),
  );
  for (const set of HELD_SETS)
    rows.push(
      row(
        `held cards: ${set}`,
        held.filter((frame) => frame.sets.includes(set)),
      ),
    );
  rows.push(row('all held cards', held));
  const heldRead = held.filter(judges.ours).length;
  const missed = (who) =>
    [...frames, ...held]
      .filter((frame) => !judges[who](frame))
      .map((frame) => frame.name.replace(/^(camera|held)-|\.png$/g, ''))
      .join(', ') || 'none';
  const falseReads = all.filter((frame) => frame.group === 'no-barcode' && (frame.ours.read || frame.oursUnbudgeted?.read || frame.baseline.read));
  return {
    title: 'Decode success over the camera-frame and held-card fixtures',
    note:
      'Frames read correctly (first decode of each frame; BASELINE: the exact text printed in the barcode; OURS, which only ' +
      'hands out parsed AAMVA fields: names, dates and document number equal to the printed ones), per fixture set of ' +
      'test/fixtures/generated/index.json, both resolutions together; a frame can be in two sets (skew 0° at 60% is in skew and scale). ' +
      'The held cards (1080p) are decoded as the live loop decodes them, with the outline the frame analysis traces. ' +
      `"${OURS} live" decodes with the live scan's ${decode.liveBudgetMs} ms budget (on a loaded machine a slow variant can run out of it); ` +
      `"${OURS} no budget" decodes once more without a budget whenever the live read failed.`,
    headers: ['set', 'frames', `${OURS} live`, `${OURS} no budget`, BASELINE],
    align: 'lrrrr',
    rows,
    footer: [
      `Held cards read by ${OURS} live: ${heldRead} of ${held.length} (#16's target: ${HELD_TARGET * 100}%: ${held.length && heldRead >= HELD_TARGET * held.length ? 'met' : 'not met'})`,
      `Missed by ${OURS} live: ${missed('ours')}`,
      `Missed by ${OURS} with no budget: ${missed('oursUnbudgeted')}`,
      `Missed by ${BASELINE}: ${missed('baseline')}`,
      `Something "read" on a frame without a barcode: ${falseReads.length ? falseReads.map((f) => f.name).join(', ') : 'never'}`,
    ],
  };
}

/** The detail behind the two tables above: each frame, who read it, with which variant, how fast. */
export function perFrameSection(decode) {
  const verdict = (timing) => (timing.correct ? 'read' : timing.read ? 'WRONG' : '–');
  const rows = Object.values(decode.byResolution)
    .flat()
    .map((frame) => [
      frame.name.replace(/\.png$/, ''),
      verdict(frame.ours),
      frame.ours.variant ?? '',
      ms(median(frame.ours.ms)),
      `${frame.ours.gaveUp}/${frame.ours.ms.length}`,
      frame.oursUnbudgeted ? `${verdict(frame.oursUnbudgeted)} ${frame.oursUnbudgeted.variant ?? ''}`.trim() : '(same)',
      verdict(frame.baseline),
      ms(median(frame.baseline.ms)),
    ]);
  return {
    title: 'Decode per frame (detail)',
    note:
      'Median ms per frame; "variant" is the transform of the frame that OURS read (src/document/pdf417.ts); "gave up" counts the ' +
      'decodes that ran out of the live budget; "no budget" is the extra decode without one, run when the live read failed.',
    headers: ['frame', `${OURS} live`, 'variant', `${OURS} ms`, 'gave up', `${OURS} no budget`, BASELINE, `${BASELINE} ms`],
    align: 'lllrrllr',
    rows,
  };
}

export function scanSection(scan, settings) {
  const column = (result) => {
    const { stalls, framesDecoded, correctReads, latencies } = result;
    return {
      task: ms(stalls.longestTaskMs),
      count: String(stalls.longTaskCount),
      blocking: ms(stalls.totalBlockingMs),
      gap: ms(stalls.longestFrameGapMs),
      slow: String(stalls.slowFrames),
      fps: (stalls.frames / (stalls.windowMs / 1000)).toFixed(0),
      decoded: String(framesDecoded),
      reads: String(correctReads),
      wait: `${ms(median(latencies))} / ${ms(p95(latencies))}`,
    };
  };
  const none = column(scan.none);
  const ours = column(scan.ours);
  const baseline = column(scan.baseline);
  const row = (name, unit, key) => [name, unit, ours[key], baseline[key], none[key]];
  return {
    title: `Main thread during ${settings.scanMs / 1000} s of scanning`,
    note:
      `A page with a visible 1080p preview canvas runs "next animation frame → draw the next fixture frame → decode → repeat" for ` +
      `${settings.scanMs / 1000} s, cycling through the 1920×1080 camera frames and the no-barcode frame (${OURS} with the live budget, each frame analysed first as ` +
      `the live loop does, which gives it the card's outline). Long tasks come from ` +
      `PerformanceObserver('longtask'); the frame gap is the longest interval between requestAnimationFrame callbacks (16.7 ms at 60 Hz). ` +
      `"Harness only" grabs each frame like ${OURS} and decodes nothing: the floor this page and this machine impose.`,
    headers: ['figure', 'unit', OURS, BASELINE, 'harness only'],
    align: 'llrrr',
    rows: [
      row('longest main-thread long task', 'ms', 'task'),
      row('longest gap between animation frames', 'ms', 'gap'),
      row('gaps between animation frames over 50 ms', 'count', 'slow'),
      row('long tasks', 'count', 'count'),
      row('total blocking time (Σ task − 50 ms)', 'ms', 'blocking'),
      row('animation frames per second', 'fps', 'fps'),
      row('frames decoded', 'count', 'decoded'),
      row('correct reads', 'count', 'reads'),
      row('wait per decode, median / p95', 'ms', 'wait'),
    ],
  };
}

export function compressSection(compress, photo, settings) {
  const column = ({ result, failedRequests }) => {
    const times = result.runs.map((run) => run.ms);
    const first = result.runs[0];
    const same = result.runs.every((run) => run.bytes === first.bytes && run.width === first.width && run.height === first.height);
    return {
      time: ms(median(times)),
      range: `${ms(Math.min(...times))}–${ms(Math.max(...times))}`,
      cold: ms(result.cold.ms),
      bytes: `${first.bytes.toLocaleString('en-US')}${same ? '' : ' (varies)'}`,
      size: `${first.width}×${first.height}`,
      task: ms(max([result.cold, ...result.runs].map((run) => run.stalls.longestTaskMs))),
      gap: ms(max([result.cold, ...result.runs].map((run) => run.stalls.longestFrameGapMs))),
      blocking: ms(median(result.runs.map((run) => run.stalls.totalBlockingMs))),
      where: whereItRan(result.workers, failedRequests),
    };
  };
  const ours = column(compress.ours);
  const baseline = column(compress.baseline);
  const row = (name, unit, key) => [name, unit, ours[key], baseline[key]];
  return {
    title: `Compressing a 12-megapixel photo`,
    note:
      `${photo.file}: ${photo.width}×${photo.height}, ${photo.bytes.toLocaleString('en-US')} bytes, JPEG. One cold run (shown on its own row), then ` +
      `${settings.compressRepeats} timed runs in the same page (median, min–max). Stalls are watched the same way as while scanning, ` +
      `over every run including the cold one. Targets: 2400 px longest side, 1.5 MB (prepareImage: 1,500,000 bytes; the library: 1.5 MiB).`,
    headers: ['figure', 'unit', `${OURS} prepareImage`, `${BASELINE} imageCompression`],
    align: 'llrr',
    rows: [
      row('time, median', 'ms', 'time'),
      row('time, min–max', 'ms', 'range'),
      row('time, cold first run', 'ms', 'cold'),
      row('output', 'bytes', 'bytes'),
      row('output dimensions', 'px', 'size'),
      row('longest main-thread long task', 'ms', 'task'),
      row('longest gap between animation frames', 'ms', 'gap'),
      row('total blocking time per run, median', 'ms', 'blocking'),
    ],
    footer: [`Where ${OURS} ran: ${ours.where}.`, `Where ${BASELINE} ran: ${baseline.where}.`],
  };
}

/** #16's target for the live path: a back in view to the photo taken, on the fake camera. */
const TO_PHOTO_TARGET_MS = 1000;

export function captureSection(capture, settings) {
  const rows = capture.map(({ video, result }) => {
    const [cold, ...warm] = result.trials;
    const decided = warm.map((trial) => trial.toReadyMs);
    const taken = warm.map((trial) => trial.toReadyMs + trial.encodeMs);
    const reads = warm.map((trial) => trial.toFirstReadMs).filter((value) => value !== null);
    return [
      `${video} (${result.width}×${result.height})`,
      String(warm.length),
      ms(median(reads)),
      `${ms(median(decided))} / ${ms(max(decided))}`,
      `${ms(median(taken))} / ${ms(max(taken))}`,
      ms(cold.toReadyMs + cold.encodeMs),
      String(Math.round(median(warm.map((trial) => trial.framesMeasured)))),
      `≤ ${TO_PHOTO_TARGET_MS} ms: ${median(taken) <= TO_PHOTO_TARGET_MS ? 'met' : 'not met'}`,
    ];
  });
  return {
    title: 'Live capture: a licence back in view to the photo taken',
    note:
      `Chromium's fake camera plays a generated back of a US licence (test/fixtures/generated/<video>.y4m, a card held still with a little jitter) ` +
      `into a <video>; the widget's scan loop (src/camera/scan-loop.ts with its analysis and barcode workers, as on the back step) runs over it ` +
      `until it decides to take the photo: steady for ${capture[0]?.result.steadyMs} ms with a whole card in view and the barcode read. Timed from the first ` +
      `frame the loop copies (the card is in view from the first) to that decision, and to the chosen frame encoded as the photo. ${settings.captureTrials} ` +
      `trials, each a new loop over the same playing video: the first starts the workers (shown as "cold"), the others find them running, as the ` +
      `back step does after the front (median and max over those).`,
    headers: [
      'video',
      'trials',
      'barcode read, median',
      'photo decided, median / max',
      'photo encoded, median / max',
      'cold: photo encoded',
      'frames measured, median',
      'target (photo encoded, median)',
    ],
    align: 'lrrrrrrl',
    rows,
  };
}

/** Plain words from the worker spy and the failed requests: which path each side really took. */
function whereItRan(workers, failedRequests) {
  const created = workers.filter((event) => event.kind === 'created');
  const failures = workers.filter((event) => event.kind !== 'created');
  if (!created.length) return 'the main thread (no worker was created)';
  if (!failures.length) return `a worker (${[...new Set(created.map((event) => event.detail.split('/').pop()))].join(', ')})`;
  const blocked = [...new Set(failedRequests.map((request) => `${new URL(request.url).host} ${request.error}`))].join(', ');
  return `the main thread, after its worker failed ${failures.length}× ("${failures[0].detail}"${blocked ? `; request failed: ${blocked}` : ''})`;
}

export function chunkSections(builds) {
  const sections = builds.map((build) => ({
    title: `Built files: ${build.name}`,
    note: build.external.length ? `Left to the application's bundler: ${build.external.join(', ')}.` : undefined,
    headers: ['file', 'loaded', 'raw KiB', 'gzip KiB', 'brotli KiB', 'what it is'],
    align: 'llrrrl',
    rows: build.files.map((file) => [file.file.replace(/^dist\//, ''), file.loaded, kib(file.raw), kib(file.gzip), kib(file.brotli), file.role]),
  }));
  sections.push({
    title: 'Initial load (before a photo is chosen)',
    note:
      'gzip -9 and brotli q11 (node:zlib) of the files a page downloads with the entry, following static imports in the built code; ' +
      '"on demand" files come behind a dynamic import (the image preparation, when a photo is chosen), "worker" files when a worker starts.',
    headers: ['build', 'files', 'raw KiB', 'gzip KiB', 'brotli KiB'],
    align: 'lrrrr',
    rows: builds.map((build) => [build.name, String(build.initial.files), kib(build.initial.raw), kib(build.initial.gzip), kib(build.initial.brotli)]),
  });
  return sections;
}

/** #16's download targets, gzip KiB: the module script tag's first load, and a whole flow on the worker path. */
const DOWNLOAD_TARGETS = { firstLoad: 25, wholeFlow: 90 };

/** What the module script tag makes a page download (chunk-sizes.mjs downloadSizes, as `npm run size` checks it), against #16's targets. */
export function downloadSection(downloads) {
  const row = (name, key) => {
    const { bytes, files } = downloads[key];
    const target = DOWNLOAD_TARGETS[key];
    return [name, String(files.length), kib(bytes), `≤ ${target}: ${bytes <= target * 1024 ? 'met' : 'not met'}`];
  };
  return {
    title: 'Downloads of the module script tag',
    note:
      'gzip -9 KiB of what a page with `<script type="module" src=".../cdn/beltic-verify.js">` downloads: first, what it fetches before ' +
      'anything lazy runs; then a whole flow on the worker path (the first load, what loads on demand, the two worker files; the ' +
      'language tables and the main-thread fallbacks aside). `npm run size` fails CI above its own, lower ceilings (scripts/size-budget.mjs).',
    headers: ['download', 'files', 'gzip KiB', "target (#16's, KiB)"],
    align: 'lrrl',
    rows: [row('first load', 'firstLoad'), row('whole flow', 'wholeFlow')],
  };
}

/** The document finder over the scene fixtures (bench/node/document-finder.ts). */
export function documentFinderSection(finder) {
  const rows = finder.rows.map((row) => [
    row.file.replace(/^scene-1280x720-/, '').replace(/\.png$/, ''),
    row.expected,
    `${row.ours.verdict}${row.ours.right ? '' : ' ✗'}`,
    `${row.baseline.verdict}${row.baseline.right ? '' : ' ✗'}`,
    `${ms(row.ours.ms)} / ${ms(row.baseline.ms)}`,
  ]);
  const right = (which) => finder.rows.filter((row) => row[which].right).length;
  const times = (which) => finder.rows.map((row) => row[which].ms);
  rows.push([
    'scenes right; median time',
    '',
    `${right('ours')}/${finder.rows.length}`,
    `${right('baseline')}/${finder.rows.length}`,
    `${ms(median(times('ours')))} / ${ms(median(times('baseline')))}`,
  ]);
  return {
    title: 'Finding the document in everyday scenes',
    note:
      `720p scenes (test/fixtures, "scene" set): a card on a dark table, on a pale desk about as light as the card, and held up to a ` +
      `laptop webcam in front of a face and a bright window with fingers over its edges; and each place with no card. ${OURS_FINDER} against ` +
      `the brighter-object finder alone, with the rule it shipped with (a region touching the frame's edge still counted). Right: the ` +
      `expected verdict (document, too far, none) and, for a card lying square, a region as wide as the card (±0.1 of the frame). ` +
      `✗ marks a wrong one. Times are Node's, per ${finder.analysisSize}-px analysed frame, median of ${finder.repeats}: the whole ` +
      `measurement for ours (the worker's cost per frame), the finder alone for the baseline.`,
    headers: ['scene', 'expected', 'ours', 'baseline', 'ms: ours / baseline'],
    align: 'lllll',
    rows,
  };
}

const OURS_FINDER = 'Ours (src/frame/frame-quality.ts measureFrame: the outline finder, document-outline.ts, then the brighter object)';
