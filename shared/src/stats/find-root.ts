/**
 * A zero of f in [lower, upper] where f(lower) and f(upper) differ in sign, found the
 * way R's uniroot() finds it (Brent's method as in Forsythe, Malcolm and Moler's
 * `zeroin`: bisection combined with linear or inverse quadratic interpolation).
 *
 * The same steps as R matter here, not just any root: the Wilcoxon statistic that
 * mann-whitney.ts inverts is a step function, so a whole interval can be "the root"
 * and R answers whichever point its iteration stops at. Following the same steps
 * with the same tolerance gives the same point.
 *
 * Stops when the bracket is within `tol` (absolute; R's default for wilcox.test is
 * 1e-4) or after maxIterations, answering the best point so far.
 */
export function findRoot(
  f: (x: number) => number,
  lower: number,
  upper: number,
  fLower = f(lower),
  fUpper = f(upper),
  tol = 1e-4,
  maxIterations = 1000,
): number {
  let a = lower;
  let b = upper;
  let fa = fLower;
  let fb = fUpper;
  let c = a;
  let fc = fa;
  if (fa === 0) return a;
  if (fb === 0) return b;

  for (let iteration = 0; iteration <= maxIterations; iteration++) {
    const previousStep = b - a;
    if (Math.abs(fc) < Math.abs(fb)) {
      // Keep b the best approximation, c on the other side of the root.
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tolerance = 2 * Number.EPSILON * Math.abs(b) + tol / 2;
    let step = (c - b) / 2;
    if (Math.abs(step) <= tolerance || fb === 0) return b;

    if (Math.abs(previousStep) >= tolerance && Math.abs(fa) > Math.abs(fb)) {
      const cb = c - b;
      let p: number;
      let q: number;
      if (a === c) {
        const t1 = fb / fa;
        p = cb * t1;
        q = 1 - t1;
      } else {
        const qa = fa / fc;
        const t1 = fb / fc;
        const t2 = fb / fa;
        p = t2 * (cb * qa * (qa - t1) - (b - a) * (t1 - 1));
        q = (qa - 1) * (t1 - 1) * (t2 - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      // Interpolate only when the new point falls well inside [b, c] and the step
      // shrinks fast enough; otherwise bisect.
      if (p < 0.75 * cb * q - Math.abs(tolerance * q) / 2 && p < Math.abs((previousStep * q) / 2)) {
        step = p / q;
      }
    }
    if (Math.abs(step) < tolerance) step = step > 0 ? tolerance : -tolerance;

    a = b;
    fa = fb;
    b += step;
    fb = f(b);
    if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) {
      c = a;
      fc = fa;
    }
  }
  return b;
}
