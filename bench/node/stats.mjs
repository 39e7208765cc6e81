// Order statistics for the timings. Nearest-rank percentiles: with 10–60 samples an
// interpolated p95 would pretend to a precision the data does not have.

function sorted(values) {
  return [...values].sort((a, b) => a - b);
}

export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const rank = Math.max(1, Math.ceil((p / 100) * values.length));
  return sorted(values)[rank - 1];
}

export function median(values) {
  if (values.length === 0) return NaN;
  const ordered = sorted(values);
  const middle = ordered.length >> 1;
  return ordered.length % 2 ? ordered[middle] : (ordered[middle - 1] + ordered[middle]) / 2;
}

export const p95 = (values) => percentile(values, 95);
export const max = (values) => (values.length ? Math.max(...values) : NaN);
