"""Reference values for planning in shared/src/stats/plan.ts.

    python3 shared/stats-fixtures/plan_reference.py   (from the repository root)

writes shared/stats-fixtures/plan-reference.json, which
shared/src/stats/plan-reference.spec.ts reads (Python is not needed to run it).

Written from the definitions in docs/statistics.md ("Planning"), not from the
TypeScript:
- the half-width of the asymptotic confidence sequence of Waudby-Smith et al. (2023),
  eq. (9), sigma * sqrt(2 (t rho^2 + 1) / (t^2 rho^2) * log(sqrt(t rho^2 + 1) / a)) with
  t the hosts of both arms and sigma^2 = SE^2 * t, rho^2 tuned for the plan as
  (-2 log 0.05 + log(1 - 2 log 0.05)) / (2 P) (the engine always tunes at 0.05);
- settled: with a margin, NO_WORSE under no effect, (c_alpha + z_power) * se <= margin;
  without one, significance at alpha / K for the minimum detectable effect,
  (c_{alpha/K} + z_power) * se <= d; se = CV * sqrt(1/n_b + 1/n_t);
- the plan P: arms at the weights' split with the baseline and the largest treatment
  arm holding 2P together; the smallest whole P (10 at least, 100,000,000 at most,
  else none) at which every treatment arm settles. Found here with scipy's brentq on
  the continuous condition, then checked on whole numbers, not by bisection;
- hosts needed in a running experiment: the observed r taken as true, arms growing in
  proportion, the sequence keeping its tuning; gaps |r| at alpha / K and the margin's
  at alpha, whichever needs fewer; the same root search.

Each two-arm plan is also simulated: 10,000 experiments at the plan, host values normal
(each arm's mean and variance drawn from their exact distributions) or, up to 5,000
hosts per arm, log-normal, with the CV (times 1 + d on treatment for a plan without a
margin), the sequence from the simulated arms' means and variances by
the delta method. `simulatedPower`, the share that settled, should be near the power.
"""

import math
import os
import sys

import numpy as np
import scipy
from fixture_json import write_fixture
from scipy import optimize, stats

OUT = os.path.join("shared", "stats-fixtures", "plan-reference.json")
TUNING_ALPHA = 0.05
MIN_P = 10
MAX_P = 100_000_000

if not os.path.isdir(os.path.dirname(OUT)):
    sys.exit("run from the repository root")

rng = np.random.default_rng(20261220)


def rho2(planned_per_arm):
    a = TUNING_ALPHA
    return (-2 * math.log(a) + math.log(1 - 2 * math.log(a))) / (2 * planned_per_arm)


def halfwidth_in_se(t, r2, a):
    # eq. (9) divided by SE = sigma / sqrt(t).
    sigma = math.sqrt(t)
    return sigma * math.sqrt(2 * (t * r2 + 1) / (t * t * r2) * math.log(math.sqrt(t * r2 + 1) / a))


def arm_hosts(planned, weights):
    pair = weights[0] + max(weights[1:])
    return [2 * planned * w / pair for w in weights]


def slack(planned, cv, gap, a, weights, power):
    """Negative when every treatment arm settles at the plan (continuous in planned).

    cv is the spread the treatment's values have: (1 + d) times the hosts' CV when an
    effect d multiplies them."""
    z = stats.norm.ppf(power)
    hosts = arm_hosts(planned, weights)
    worst = -math.inf
    for nt in hosts[1:]:
        se = cv * math.sqrt(1 / hosts[0] + 1 / nt)
        c = halfwidth_in_se(hosts[0] + nt, rho2(planned), a)
        worst = max(worst, (c + z) * se - gap)
    return worst


def solve_plan(cv, gap, a, weights, power):
    f = lambda p: slack(p, cv, gap, a, weights, power)
    if f(MIN_P) <= 0:
        return MIN_P
    if f(MAX_P) > 0:
        return None
    root = optimize.brentq(f, MIN_P, MAX_P, xtol=1e-6, rtol=1e-14)
    p = math.ceil(root)
    while f(p) > 0:
        p += 1
    while p - 1 >= MIN_P and f(p - 1) <= 0:
        p -= 1
    return p


def simulate_power(cv, gap, a, weights, planned, no_margin, shape, sims=10000):
    hosts = [math.ceil(n - 1e-9) for n in arm_hosts(planned, weights)]
    effect = gap if no_margin else 0.0
    nb, nt = hosts[0], hosts[1]
    if shape == "normal":
        # Normal hosts: each arm's mean and variance drawn from their exact distributions.
        def moments(n, scale):
            m = rng.normal(100 * scale, 100 * cv * scale / math.sqrt(n), size=sims)
            v = (100 * cv * scale) ** 2 * rng.chisquare(n - 1, size=sims) / (n - 1)
            return m, v

        mb, vb = moments(nb, 1.0)
        mt, vt = moments(nt, 1 + effect)
    else:
        sigma2 = math.log(1 + cv * cv)
        mu = math.log(100) - sigma2 / 2
        b = rng.lognormal(mu, math.sqrt(sigma2), size=(sims, nb))
        t = rng.lognormal(mu, math.sqrt(sigma2), size=(sims, nt)) * (1 + effect)
        mb, mt = b.mean(axis=1), t.mean(axis=1)
        vb, vt = b.var(axis=1, ddof=1), t.var(axis=1, ddof=1)
    r = (mt - mb) / mb
    se = np.sqrt(vt / nt / mb**2 + mt**2 * (vb / nb) / mb**4)
    c = halfwidth_in_se(nb + nt, rho2(planned), a)
    if no_margin:
        settled = np.sum(r - c * se > 0)
    else:
        settled = np.sum(r + c * se < gap)
    return float(settled) / sims


def plan_case(name, cv, margin, weights, metrics_judged=1, mde=0.05, alpha=0.05, power=0.8):
    no_margin = margin is None
    gap = mde if no_margin else margin
    a = alpha / metrics_judged if no_margin else alpha
    planned = solve_plan(cv * (1 + gap) if no_margin else cv, gap, a, weights, power)
    case = {
        "name": name,
        "cv": cv,
        "margin": margin,
        "minDetectableEffect": mde if no_margin else None,
        "weights": weights,
        "metricsJudged": metrics_judged,
        "alpha": alpha,
        "power": power,
        "levelUsed": a,
        "plannedHostsPerArm": planned,
        "hostsPerArm": None
        if planned is None
        else [math.ceil(n - 1e-9) for n in arm_hosts(planned, weights)],
    }
    if planned is not None and cv > 0 and len(weights) == 2:
        shapes = ("normal", "logNormal") if planned <= 5000 else ("normal",)
        case["simulatedPower"] = {
            shape: simulate_power(cv, gap, a, weights, planned, no_margin, shape) for shape in shapes
        }
    return case


plan_cases = [
    plan_case("equal arms, CV 0.5, 2% margin", 0.5, 0.02, [1, 1]),
    plan_case("equal arms, CV 0.8, 5% margin", 0.8, 0.05, [1, 1]),
    plan_case("equal arms, CV 0.6, 10% margin", 0.6, 0.10, [50, 50]),
    plan_case("no margin: 5% effect, one metric", 0.3, None, [1, 1]),
    plan_case("no margin: 10% effect, Holm over 4 metrics", 0.3, None, [1, 1], 4, 0.10),
    plan_case("no margin: 20% effect, CV 1.2", 1.2, None, [1, 1], 2, 0.20),
    plan_case("90/10 split", 0.5, 0.05, [9, 1]),
    plan_case("10/90 split", 0.5, 0.05, [1, 9]),
    plan_case("two treatments, equal weights", 0.6, 0.03, [1, 1, 1]),
    plan_case("two treatments, 2:1:3", 0.4, 0.10, [2, 1, 3]),
    plan_case("zero variance", 0.0, 0.02, [1, 1]),
    plan_case("tiny margin: beyond any fleet", 1.0, 1e-5, [1, 1]),
    plan_case("small margin, small CV", 0.05, 0.001, [1, 1]),
    plan_case("wide margin: the floor of 10", 0.2, 0.5, [1, 1]),
    plan_case("alpha 0.01, power 0.9", 0.5, 0.02, [1, 1], alpha=0.01, power=0.9),
]


def needed(nb, nt, se_rel, r, margin, direction, inference, planned, metrics_judged, alpha=0.05, power=0.8):
    z = stats.norm.ppf(power)
    n_min = min(nb, nt)
    if n_min < 2 or not (se_rel > 0) or not math.isfinite(r):
        return None
    targets = [(abs(r), alpha / max(1, metrics_judged))]
    if margin is not None:
        targets.append((margin - r if direction == "LOWER_IS_BETTER" else r + margin, alpha))
    best = math.inf
    for gap, a in targets:
        if gap <= 0:
            continue

        def f(per_arm):
            s = per_arm / n_min
            if inference == "FIXED_HORIZON":
                c = stats.norm.ppf(1 - a / 2)
            else:
                c = halfwidth_in_se(s * (nb + nt), rho2(planned), a)
            return (c + z) * se_rel / math.sqrt(s) - gap

        if f(n_min) <= 0:
            best = min(best, n_min)
            continue
        top = max(n_min, MAX_P)
        if f(top) > 0:
            continue
        root = optimize.brentq(f, n_min, top, xtol=1e-6, rtol=1e-14)
        n = max(n_min, math.ceil(root))
        while f(n) > 0:
            n += 1
        while n - 1 >= n_min and f(n - 1) <= 0:
            n -= 1
        best = min(best, n)
    return None if math.isinf(best) else best - n_min


def needed_case(name, nb, nt, se_rel, r, margin, direction="LOWER_IS_BETTER", inference="SEQUENTIAL", planned=100, metrics_judged=1):
    return {
        "name": name,
        "nBaseline": nb,
        "nTreatment": nt,
        "seRelative": se_rel,
        "relativeDiff": r,
        "margin": margin,
        "direction": direction,
        "inference": inference,
        "plannedHostsPerArm": planned,
        "metricsJudged": metrics_judged,
        "hostsNeeded": needed(nb, nt, se_rel, r, margin, direction, inference, planned, metrics_judged),
    }


# The plan of the first case, seen at half and at the whole plan with no effect.
P0 = plan_cases[0]["plannedHostsPerArm"]
needed_cases = [
    needed_case("at the plan, no effect", P0, P0, 0.5 * math.sqrt(2 / P0), 0.0, 0.02, planned=P0),
    needed_case("half way to the plan, no effect", P0 // 2, P0 // 2, 0.5 * math.sqrt(2 / (P0 // 2)), 0.0, 0.02, planned=P0),
    needed_case("significance only", 100, 100, 0.02, 0.02, None),
    needed_case("significance only, higher is better", 100, 100, 0.02, -0.03, None, "HIGHER_IS_BETTER"),
    needed_case("non-inferiority beats significance", 100, 100, 0.02, -0.005, 0.02),
    needed_case("higher is better, within the margin", 100, 100, 0.02, 0.005, 0.02, "HIGHER_IS_BETTER"),
    needed_case("worse beyond the margin: significance", 100, 100, 0.02, 0.03, 0.02),
    needed_case("Holm over 4 metrics", 100, 100, 0.02, 0.02, None, metrics_judged=4),
    needed_case("unequal arms", 40, 400, 0.05, 0.04, None, planned=500),
    needed_case("past the plan", 5000, 5000, 0.004, 0.0, 0.01, planned=1000),
    needed_case("already settled", 1000, 1000, 0.001, 0.02, None),
    needed_case("fixed horizon", 100, 100, 0.02, 0.02, None, inference="FIXED_HORIZON"),
    needed_case("an effect too small to reach", 100, 100, 0.02, 1e-9, None),
    needed_case("no effect, no margin", 100, 100, 0.02, 0.0, None),
]


document = {
    "generatedBy": f"Python {sys.version.split()[0]}, numpy {np.__version__}, scipy {scipy.__version__} - shared/stats-fixtures/plan_reference.py",
    "plans": plan_cases,
    "hostsNeeded": needed_cases,
}

write_fixture(OUT, document)
