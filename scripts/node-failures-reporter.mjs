// A node:test reporter that writes each failed test as a line of JSON ({ name, error }), so scripts/test.mjs can
// name the failures again beside its closing count, where a CI log's tail shows them.
import { relative } from 'node:path';

/** A failure's first line: enough to tell one from another; the whole is in the spec reporter's output above. */
function firstLine(error) {
  const message = error?.cause?.message ?? error?.cause ?? error?.message ?? 'failed';
  return String(message).split('\n')[0].slice(0, 200);
}

export default async function* failures(source) {
  const suites = new Map(); // file → the names of the suites open at each depth
  for await (const { type, data } of source) {
    const open = suites.get(data.file) ?? [];
    suites.set(data.file, open);
    if (type === 'test:start') open[data.nesting] = data.name;
    // A suite fails when one of its tests did: the test is the one named.
    if (type !== 'test:fail' || data.details?.error?.failureType === 'subtestsFailed') continue;
    const where = data.file ? relative(process.cwd(), data.file) : '';
    const path = [...open.slice(0, data.nesting), data.name].filter((name) => name !== data.file);
    yield `${JSON.stringify({ name: [where, path.join(' › ')].filter(Boolean).join(': '), error: firstLine(data.details?.error) })}\n`;
  }
}
