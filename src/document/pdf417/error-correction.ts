/**
 * PDF417's Reed–Solomon error correction, over GF(929) (integers modulo the prime 929), generator
 * powers of 3. A symbol with k error-correction codewords corrects up to k erasures (codewords
 * known missing) plus 2 × errors (codewords misread) — here with two codewords of that held back,
 * so that a misread symbol is refused rather than "corrected" into another message.
 *
 * Codewords are coefficients with the first codeword the highest power; a whole symbol is a
 * multiple of the generator, so its syndromes S_i = c(3^i), i = 1 … k, are all 0. Errors and
 * erasures are located together (Berlekamp–Massey started from the erasures' locator), found
 * by trying every position (Chien), and sized by Forney's formula.
 */
const P = 929;
/** Held back from the correction capacity: see above. */
const SAFETY_MARGIN = 2;

const add = (a: number, b: number) => (a + b) % P;
const sub = (a: number, b: number) => (a - b + P) % P;
const mul = (a: number, b: number) => (a * b) % P;

function power(base: number, exponent: number): number {
  let result = 1;
  let b = base % P;
  for (let e = exponent; e > 0; e >>= 1, b = mul(b, b)) if (e & 1) result = mul(result, b);
  return result;
}

/** The inverse of a non-zero element (Fermat: a^(p−2)). */
const inverse = (a: number) => power(a, P - 2);

/** p(x), coefficients lowest power first. */
function evaluate(poly: number[], x: number): number {
  let value = 0;
  for (let i = poly.length - 1; i >= 0; i--) value = add(mul(value, x), poly[i]!);
  return value;
}

/**
 * Corrects `codewords` in place. `erasures`: indices known to be unread. Returns how many codewords
 * it changed, or null when they are beyond correction.
 */
export function correctErrors(codewords: number[], ecCount: number, erasures: readonly number[] = []): number | null {
  const n = codewords.length;
  if (erasures.length > ecCount - SAFETY_MARGIN) return null;
  const syndromes = syndromesOf(codewords, ecCount);
  if (syndromes.every((s) => s === 0)) return 0;

  // Berlekamp–Massey with erasures: the locator starts as the erasures' own, Γ(x) = Π(1 − X x).
  const locatorOf = (index: number) => power(3, n - 1 - index);
  let locator = [1];
  for (const index of erasures) locator = multiply(locator, [1, P - locatorOf(index)]);
  let previous = [...locator];
  let length = erasures.length;
  for (let r = erasures.length + 1; r <= ecCount; r++) {
    let discrepancy = 0;
    for (let j = 0; j < locator.length && j < r; j++) discrepancy = add(discrepancy, mul(locator[j]!, syndromes[r - 1 - j]!));
    const shifted = [0, ...previous];
    if (discrepancy === 0) {
      previous = shifted;
    } else if (2 * length <= r + erasures.length - 1) {
      const next = subtractScaled(locator, shifted, discrepancy);
      const scale = inverse(discrepancy);
      previous = locator.map((c) => mul(c, scale));
      length = r + erasures.length - length;
      locator = next;
    } else {
      locator = subtractScaled(locator, shifted, discrepancy);
      previous = shifted;
    }
  }
  while (locator.length > 1 && locator[locator.length - 1] === 0) locator.pop();
  const degree = locator.length - 1;
  if (2 * degree - erasures.length > ecCount - SAFETY_MARGIN) return null;

  // Ω(x) = S(x) Λ(x) mod x^k, with S(x) = S_1 + S_2 x + …; each error e = −Ω(X⁻¹) / Λ'(X⁻¹).
  const evaluator = multiply(syndromes, locator).slice(0, ecCount);
  const derivative = locator.slice(1).map((c, i) => mul(c, i + 1));
  let found = 0;
  for (let index = 0; index < n; index++) {
    const inverseLocator = inverse(locatorOf(index));
    if (evaluate(locator, inverseLocator) !== 0) continue;
    found++;
    const denominator = evaluate(derivative, inverseLocator);
    if (denominator === 0) return null;
    const magnitude = mul(P - evaluate(evaluator, inverseLocator), inverse(denominator));
    codewords[index] = sub(codewords[index]!, magnitude);
  }
  if (found !== degree) return null;
  return syndromesOf(codewords, ecCount).every((s) => s === 0) ? found : null;
}

function syndromesOf(codewords: readonly number[], ecCount: number): number[] {
  const syndromes: number[] = [];
  for (let i = 1; i <= ecCount; i++) {
    const x = power(3, i);
    let value = 0;
    for (const codeword of codewords) value = add(mul(value, x), codeword);
    syndromes.push(value);
  }
  return syndromes;
}

function multiply(a: readonly number[], b: readonly number[]): number[] {
  const product = new Array<number>(a.length + b.length - 1).fill(0);
  a.forEach((x, i) => b.forEach((y, j) => (product[i + j] = add(product[i + j]!, mul(x, y)))));
  return product;
}

/** a − factor × b, as long as the longer of the two. */
function subtractScaled(a: readonly number[], b: readonly number[], factor: number): number[] {
  const result = new Array<number>(Math.max(a.length, b.length)).fill(0);
  for (let i = 0; i < result.length; i++) result[i] = sub(a[i] ?? 0, mul(factor, b[i] ?? 0));
  return result;
}
