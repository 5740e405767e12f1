"""Reference values for the anytime-valid statistics in shared/src/stats.

    python3 shared/stats-fixtures/sequential_reference.py   (from the repository root)

writes shared/stats-fixtures/sequential-reference.json, which
shared/src/stats/sequential-reference.spec.ts reads (Python is not needed to run it).

Written from the papers, not from the TypeScript:
- Waudby-Smith, Arbour, Sinha, Kennedy, Ramdas (2023), "Time-uniform central limit
  theory and asymptotic confidence sequences": the asymptotic confidence sequence of
  eq. (9), mu_hat +- sigma_hat * sqrt(2 (t rho^2 + 1) / (t^2 rho^2) * log(sqrt(t rho^2 + 1)
  / alpha)) with sigma_hat the per-observation standard deviation, here
  sigma_hat^2 = SE^2 * t for two arms of t hosts together (GrowthBook's two-sample form),
  and rho^2 = (-2 log alpha + log(1 - 2 log alpha)) / t_opt (their approximate optimum;
  the exact one, from Lambert's W, is written alongside for comparison).
- The anytime-valid p-value is found here by its definition, the smallest alpha whose
  sequence excludes 0 (a root search on alpha), not from the closed form the engine uses.
- CUPED: theta = cov(pre, value) / var(pre) over both arms' hosts, each value adjusted by
  theta * (pre - mean(pre)), then the same sequence on the adjusted values.
- Lindon & Malek (2022), "Anytime-valid inference for multinomial count data": the Bayes
  factor of a Dirichlet(k p) mixture against the multinomial with probabilities p, here
  from scipy.stats.dirichlet_multinomial and scipy.stats.multinomial, p = min(1, 1/BF).

numpy's generator with a fixed seed makes the inputs; they are rounded to 4 decimals
before use, so the JSON holds them exactly. Results are written with 17 significant
digits; NaN becomes null.
"""

import math
import os
import sys

import numpy as np
import scipy
from fixture_json import write_fixture
from scipy import optimize, special, stats

ALPHA = 0.05
OUT = os.path.join("shared", "stats-fixtures", "sequential-reference.json")

if not os.path.isdir(os.path.dirname(OUT)):
    sys.exit("run from the repository root")

rng = np.random.default_rng(20261204)


def data(values):
    return [float(v) for v in np.round(np.asarray(values, dtype=float), 4)]


def rho2_approx(t_opt, alpha=ALPHA):
    return (-2 * math.log(alpha) + math.log(1 - 2 * math.log(alpha))) / t_opt


def rho2_exact(t_opt, alpha=ALPHA):
    # argmin over rho^2 of the eq. (9) width at t_opt: rho^2 t_opt = -W_{-1}(-alpha^2 / e) - 1.
    w = special.lambertw(-(alpha**2) / math.e, k=-1).real
    return (-w - 1) / t_opt


def halfwidth(sigma2, t, rho2, alpha=ALPHA):
    """Eq. (9) of Waudby-Smith et al., for a per-observation variance sigma2 after t."""
    return math.sqrt(sigma2) * math.sqrt(
        2 * (t * rho2 + 1) / (t**2 * rho2) * math.log(math.sqrt(t * rho2 + 1) / alpha)
    )


def smallest_alpha_excluding_zero(estimate, sigma2, t, rho2):
    if not (sigma2 > 0) or not math.isfinite(estimate):
        return float("nan")
    gap = lambda a: halfwidth(sigma2, t, rho2, a) - abs(estimate)
    if gap(1.0 - 1e-15) >= 0:
        return 1.0  # not even the widest boundary (alpha -> 1) excludes 0
    lo = 1e-300
    if gap(lo) < 0:
        return 0.0
    # The width falls as alpha grows; find where it equals |estimate|, in log alpha.
    root = optimize.brentq(lambda la: gap(math.exp(la)), math.log(lo), 0.0, xtol=1e-14, rtol=1e-15)
    return math.exp(root)


def sequence(baseline, treatment, planned_per_arm):
    b = np.asarray(baseline, dtype=float)
    t = np.asarray(treatment, dtype=float)
    nb, nt = len(b), len(t)
    n = nb + nt
    rho2 = rho2_approx(2 * planned_per_arm)
    mb = b.mean() if nb else float("nan")
    mt = t.mean() if nt else float("nan")
    out = {
        "n": n,
        "rho2": rho2,
        "rho2Exact": rho2_exact(2 * planned_per_arm),
        "absoluteDiff": mt - mb,
    }
    if nb < 2 or nt < 2:
        nan = float("nan")
        out.update(standardError=nan, multiplier=halfwidth(1.0, n, rho2) * math.sqrt(n), ciLow=nan, ciHigh=nan, p=nan,
                   relativeDiff=(mt - mb) / mb if mb else nan, seRelative=nan, relCiLow=nan, relCiHigh=nan)
        return out
    vb, vt = b.var(ddof=1), t.var(ddof=1)
    se2 = vb / nb + vt / nt
    se = math.sqrt(se2)
    diff = mt - mb
    sigma2 = se2 * n  # the per-host variance the two-sample estimate behaves as
    # The multiplier is the half-width of a unit-variance estimate's sequence.
    multiplier = halfwidth(1.0, n, rho2) * math.sqrt(n)
    constant = se <= 10 * np.finfo(float).eps * max(abs(mb), abs(mt))
    if constant:
        ci = (diff, diff)
        p = float("nan")
    else:
        w = halfwidth(sigma2, n, rho2)
        ci = (diff - w, diff + w)
        p = smallest_alpha_excluding_zero(diff, sigma2, n, rho2)
    out.update(standardError=se, multiplier=multiplier, ciLow=ci[0], ciHigh=ci[1], p=p)
    if mb == 0:
        nan = float("nan")
        out.update(relativeDiff=nan, seRelative=nan, relCiLow=nan, relCiHigh=nan)
        return out
    rel = diff / mb
    # Delta method for (mean_t - mean_b) / mean_b with independent arms.
    se_rel2 = vt / nt / mb**2 + mt**2 * (vb / nb) / mb**4
    w_rel = 0.0 if se_rel2 == 0 else halfwidth(se_rel2 * n, n, rho2)
    out.update(relativeDiff=rel, seRelative=math.sqrt(se_rel2), relCiLow=rel - w_rel, relCiHigh=rel + w_rel)
    return out


def two_sample(name, baseline, treatment, planned):
    baseline, treatment = data(baseline), data(treatment)
    return {
        "name": name,
        "plannedHostsPerArm": planned,
        "baseline": baseline,
        "treatment": treatment,
        "sequence": sequence(baseline, treatment, planned),
    }


def cuped_case(name, nb, nt, correlation, planned, effect=0.0, constant_pre=False):
    def arm(n, shift):
        pre = rng.normal(100, 15, n) if not constant_pre else np.full(n, 100.0)
        noise = rng.normal(0, 15, n)
        value = 100 + shift + correlation * (pre - 100) + math.sqrt(1 - correlation**2) * noise
        return data(value), data(pre)

    bv, bp = arm(nb, 0.0)
    tv, tp = arm(nt, effect)
    pre = np.array(bp + tp)
    value = np.array(bv + tv)
    theta = np.cov(pre, value, ddof=1)[0, 1] / pre.var(ddof=1) if pre.var() > 0 else 0.0
    adjust = lambda v, p: list(np.asarray(v) - theta * (np.asarray(p) - pre.mean()))
    return {
        "name": name,
        "plannedHostsPerArm": planned,
        "baseline": {"value": bv, "pre": bp},
        "treatment": {"value": tv, "pre": tp},
        "theta": theta,
        "sequence": sequence(adjust(bv, bp), adjust(tv, tp), planned),
    }


def srm_case(counts, weights, concentration=100.0):
    counts = [int(c) for c in counts]
    kept = [(c, w) for c, w in zip(counts, weights) if c > 0 or w > 0]
    n = sum(c for c, _ in kept)
    if n == 0 or len(kept) < 2:
        return {"counts": counts, "weights": weights, "logBayesFactor": None, "p": None}
    x = np.array([c for c, _ in kept])
    p = np.array([w for _, w in kept], dtype=float)
    p = p / p.sum()
    log_m1 = stats.dirichlet_multinomial.logpmf(x, concentration * p, n)
    log_m0 = stats.multinomial.logpmf(x, n, p)
    log_bf = float(log_m1 - log_m0)
    return {
        "counts": counts,
        "weights": weights,
        "concentration": concentration,
        "logBayesFactor": log_bf,
        "p": min(1.0, math.exp(-log_bf)),
    }


lognormal = lambda n, sigma=1.0, mean=1.0: rng.lognormal(math.log(100) + mean - 1, sigma, n)

two_sample_cases = [
    two_sample("normal 30 vs 30, plan 100", rng.normal(100, 15, 30), rng.normal(104, 15, 30), 100),
    two_sample("normal 30 vs 30, plan 30 (at the plan)", rng.normal(100, 15, 30), rng.normal(110, 15, 30), 30),
    two_sample("log-normal 200 vs 200, plan 50 (past it)", lognormal(200), lognormal(200, mean=1.1), 50),
    two_sample("log-normal 500 vs 480, plan 2000 (before it)", lognormal(500, 0.5), lognormal(480, 0.5, 0.9), 2000),
    two_sample("tiny: 2 vs 2", [10.5, 12.25], [9.0, 9.75], 100),
    two_sample("tiny: 2 vs 3", [10.5, 12.25], [9.0, 9.75, 8.5], 100),
    two_sample("tiny: 3 vs 3, plan 1", rng.normal(50, 5, 3), rng.normal(40, 5, 3), 1),
    two_sample("one arm of 1 host", [10.0], [9.0, 11.0, 10.5], 100),
    two_sample("zero variance in the baseline", [7.0] * 6, rng.normal(6, 1, 8), 100),
    two_sample("zero variance in both arms, different", [7.0] * 5, [8.0] * 5, 100),
    two_sample("zero variance in both arms, equal", [7.0] * 5, [7.0] * 5, 100),
    two_sample("very unequal: 5 vs 2000", rng.normal(100, 20, 5), rng.normal(95, 20, 2000), 500),
    two_sample("very unequal: 2000 vs 5", rng.normal(100, 20, 2000), rng.normal(95, 20, 5), 500),
    two_sample("20000 vs 20000, 5% effect (tiny p)", rng.normal(100, 20, 20000), rng.normal(105, 20, 20000), 1000),
    two_sample("no evidence: p is 1", [10.0, 11.0, 12.0, 13.0], [10.0, 11.0, 12.0, 13.0], 100),
    two_sample("huge plan: 1e6 per arm", rng.normal(100, 15, 50), rng.normal(100, 15, 50), 1_000_000),
    two_sample("baseline mean 0", [-1.0, 1.0, -2.0, 2.0], [0.5, 1.5, 1.0, 2.0], 100),
]

cuped_cases = [
    cuped_case("correlated 100 vs 100", 100, 100, 0.8, 100, effect=-5.0),
    cuped_case("tiny: 3 vs 3", 3, 3, 0.7, 100),
    cuped_case("unequal: 10 vs 400", 10, 400, 0.6, 200, effect=3.0),
    cuped_case("constant pre-period: theta 0", 20, 20, 0.0, 100, constant_pre=True),
]

srm_cases = [
    srm_case([500, 500], [1, 1]),
    srm_case([5300, 4700], [1, 1]),
    srm_case([5150, 4850], [1, 1]),
    srm_case([150, 300], [1, 1]),
    srm_case([10, 3], [1, 1]),
    srm_case([1, 0], [1, 1]),
    srm_case([1000, 3000, 2000], [1, 3, 2]),
    srm_case([1100, 2900, 2000], [1, 3, 2]),
    srm_case([905, 95], [9, 1]),
    srm_case([500000, 501500], [1, 1]),
    srm_case([500000, 504000], [1, 1]),
    srm_case([40, 60], [1, 1], concentration=10.0),
    srm_case([0, 0], [1, 1]),
]


document = {
    "generatedBy": f"Python {sys.version.split()[0]}, numpy {np.__version__}, scipy {scipy.__version__} - shared/stats-fixtures/sequential_reference.py",
    "alpha": ALPHA,
    "twoSample": two_sample_cases,
    "cuped": cuped_cases,
    "srm": srm_cases,
}

write_fixture(OUT, document)
