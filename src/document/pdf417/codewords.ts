/**
 * PDF417's codewords, told apart by the widths a scan line measures.
 *
 * A codeword is 8 elements (bar, space, bar, …) of 1 to 6 modules, 17 modules in all. It is read
 * by its edge-to-similar-edge widths: e_i = element i + element i + 1, for i = 0 … 5 (the standard's
 * t-values). They do not change when ink spread or blur widens every bar by the same amount, and
 * they name the codeword and its cluster at once: no two codewords share them.
 *
 * The standard's three clusters (0, 3 and 6, where cluster = (bar 1 − bar 2 + bar 3 − bar 4) mod 9)
 * hold 1,484, 1,002 and 1,002 patterns, of which it took 929 each; within a cluster the codewords
 * are the chosen patterns in ascending order of their widths e1 … e5, then e0, e6. So the table is
 * written as which patterns were chosen: one bit each, 3,488 bits.
 * test/capture/pdf417-reader.node.test.ts checks the rebuilt table against zxing's.
 */

/** Which of each cluster's patterns, in the order above, the standard chose (bit n of byte n >> 3). */
const CHOSEN =
  '/7L8C/zDo/++/o8/7//qv77+v//q/yqqgv8L/8qv+//zVV1L8LVO8Db//96aV8tXT+/+/9e6zdvr/6/eSlGVFAB8X/3X9/93a24Tn728/X+f61ZfJ8sz8c7W9/+z969pW71d/7d/Z19VpZICAMj+/v/v+1y3erv/v9X75rSt3u7/3b+z/8658//3b393r6qqCiCr6vOvVX9/Xfft2v1df/d3d9//fwAAAAAAAAAAAAAAAAAAAAAAAADw////////+/f//////3////////////////fz///////3/7+fvX/1/tX7V2/v/7/927/92/9//37//v////z////////2b//2b///3//13/7t3/7///////////////39/f3////////////3/////////////Pz////v/8D/+b/////93//////////f///+/////3/1/vf/////9v////v/////////2/////+r97f//7/9///9/////v/v//+7////V+9v////9v//9///8/////7/f/v//1fvb///2////h////+//3/v/7+//f//////3/////8/AA==';

/** What one codeword pattern means: its value (0–928) and its cluster's index (0, 1, 2 for 0, 3, 6). */
export interface Codeword {
  value: number;
  cluster: number;
}

/** The key of six edge widths (each 2–12 modules), e0 first: base-13 digits. */
function edgeKey(edges: ArrayLike<number>): number {
  let key = 0;
  for (let i = 0; i < 6; i++) key = key * 13 + edges[i]!;
  return key;
}

let table: Map<number, number> | undefined;

/** The codeword with these edge widths (modules, e0 … e5), or undefined: no codeword has them. */
export function codewordOf(edges: ArrayLike<number>): Codeword | undefined {
  const entry = (table ??= buildTable()).get(edgeKey(edges));
  return entry === undefined ? undefined : { value: entry % 929, cluster: Math.floor(entry / 929) };
}

/**
 * Every pattern of the clusters in use, per cluster in codeword order, as its 8 element widths. Patterns
 * whose bars are all one module wider (and spaces narrower) share their edge widths; the standard took
 * at most one of each such pair.
 */
function clusterPatterns(): number[][][] {
  const clusters: Array<Array<{ order: number; widths: number[] }>> = [[], [], []];
  const widths: number[] = [];
  (function place(sum: number): void {
    const placed = widths.length;
    if (placed === 8) {
      const [b1, , b2, , b3, , b4] = widths as [number, number, number, number, number, number, number, number];
      const cluster = (((b1 - b2 + b3 - b4) % 9) + 9) % 9;
      if (cluster % 3) return;
      const edges = widths.slice(0, 7).map((width, i) => width + widths[i + 1]!);
      // e1 … e5, then e0 and e6: the standard's order within a cluster.
      const order = [1, 2, 3, 4, 5, 0, 6].reduce((key, i) => key * 13 + edges[i]!, 0);
      clusters[cluster / 3]!.push({ order, widths: [...widths] });
      return;
    }
    // Each element takes 1 to 6 modules, and all 8 make 17.
    for (let width = Math.max(1, 17 - sum - 6 * (7 - placed)); width <= 6 && sum + width + 7 - placed <= 17; width++) {
      widths.push(width);
      place(sum + width);
      widths.pop();
    }
  })(0);
  return clusters.map((patterns) => patterns.sort((a, b) => a.order - b.order).map(({ widths }) => widths));
}

/** The six edge widths e0 … e5 of 8 element widths. */
function edgesOf(widths: ArrayLike<number>): number[] {
  return [0, 1, 2, 3, 4, 5].map((i) => widths[i]! + widths[i + 1]!);
}

function buildTable(): Map<number, number> {
  const chosen = atob(CHOSEN);
  const codewords = new Map<number, number>();
  let n = 0;
  clusterPatterns().forEach((patterns, cluster) => {
    let value = 0;
    for (const widths of patterns) {
      if ((chosen.charCodeAt(n >> 3) >> (n++ & 7)) & 1) codewords.set(edgeKey(edgesOf(widths)), cluster * 929 + value++);
    }
  });
  return codewords;
}
