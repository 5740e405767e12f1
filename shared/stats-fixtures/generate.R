# Reference values for the statistics engine in shared/src/stats, computed by R.
#
#   Rscript shared/stats-fixtures/generate.R   (from the repository root)
#
# writes shared/stats-fixtures/reference.json. The specs read that file and never
# run R. Only base R is used (no packages), with a fixed seed and RNG kind, so the
# same R version regenerates the same file byte for byte.

RNGkind("Mersenne-Twister", "Inversion", "Rejection")
set.seed(20240611)

out_path <- file.path("shared", "stats-fixtures", "reference.json")
if (!dir.exists(dirname(out_path))) stop("run from the repository root")

# --- a small JSON writer: numbers round-trip exactly, NA/NaN/Inf become null ----

result_num <- function(x) {
  x <- as.numeric(x)
  ifelse(is.finite(x), sprintf("%.17g", x), "null")
}
# Inputs are rounded before use, so 15 significant digits print them exactly and
# keep the file small; the check makes sure of it.
data_num <- function(x) {
  s <- sprintf("%.15g", x)
  stopifnot(all(as.numeric(s) == x))
  s
}
num <- function(x) {
  stopifnot(length(x) == 1L)
  result_num(x)
}
nums <- function(x) paste0("[", paste(result_num(x), collapse = ","), "]")
data <- function(x) paste0("[", paste(data_num(x), collapse = ","), "]")
str <- function(x) {
  x <- gsub("\\", "\\\\", x, fixed = TRUE)
  x <- gsub("\"", "\\\"", x, fixed = TRUE)
  x <- gsub("\n", " ", x, fixed = TRUE)
  paste0("\"", x, "\"")
}
strs <- function(x) paste0("[", paste(vapply(x, str, ""), collapse = ","), "]")
obj <- function(...) {
  fields <- list(...)
  fields <- fields[!vapply(fields, is.null, TRUE)]
  paste0("{", paste0("\"", names(fields), "\":", unlist(fields), collapse = ","), "}")
}
arr <- function(items) paste0("[", paste(unlist(items), collapse = ",\n"), "]")

# Runs expr; answers list(value, warnings) or list(error, warnings).
capture <- function(expr) {
  warnings <- character()
  value <- withCallingHandlers(
    tryCatch(expr, error = function(e) structure(list(message = conditionMessage(e)), class = "failed")),
    warning = function(w) {
      warnings <<- c(warnings, conditionMessage(w))
      invokeRestart("muffleWarning")
    }
  )
  list(value = value, warnings = unique(warnings))
}
failed <- function(v) inherits(v, "failed")

# --- two-sample cases: t.test (Welch), the delta-method relative lift, wilcox.test ---

t_test_json <- function(baseline, treatment, conf) {
  r <- capture(t.test(treatment, baseline, var.equal = FALSE, conf.level = conf))
  if (failed(r$value)) return(obj(error = str(r$value$message)))
  tt <- r$value
  obj(
    estimate = nums(tt$estimate), # mean of treatment, mean of baseline
    confInt = nums(tt$conf.int),
    statistic = num(tt$statistic),
    parameter = num(tt$parameter),
    pValue = num(tt$p.value)
  )
}

# The relative lift (treatment - baseline) / baseline with the delta-method
# interval, written out in R as the brief states it, so the TS code is checked
# against an independent transcription of the formula.
relative_json <- function(baseline, treatment, conf) {
  if (length(baseline) < 2 || length(treatment) < 2) return("null")
  mb <- mean(baseline); mt <- mean(treatment)
  vb <- var(baseline); vt <- var(treatment)
  nb <- length(baseline); nt <- length(treatment)
  rel <- (mt - mb) / mb
  se <- sqrt((vt / nt) / mb^2 + mt^2 * (vb / nb) / mb^4)
  z <- qnorm(1 - (1 - conf) / 2)
  obj(relativeDiff = num(rel), seRelative = num(se), relCiLow = num(rel - z * se), relCiHigh = num(rel + z * se))
}

wilcox_json <- function(baseline, treatment, conf) {
  r <- capture(wilcox.test(treatment, baseline, conf.int = TRUE, conf.level = conf))
  if (failed(r$value)) {
    # Where only the interval fails, R still has a statistic and a p-value.
    plain <- capture(wilcox.test(treatment, baseline))
    return(obj(
      error = str(r$value$message),
      warnings = strs(r$warnings),
      withoutConfInt = if (failed(plain$value)) "null" else
        obj(statistic = num(plain$value$statistic), pValue = num(plain$value$p.value))
    ))
  }
  w <- r$value
  obj(
    method = str(if (grepl("exact", w$method)) "exact" else "normal"),
    statistic = num(w$statistic),
    pValue = num(w$p.value),
    estimate = num(w$estimate),
    confInt = nums(w$conf.int),
    confLevel = num(attr(w$conf.int, "conf.level")),
    warnings = strs(r$warnings)
  )
}

two_sample <- function(name, baseline, treatment, conf = 0.95) {
  obj(
    name = str(name),
    confidence = num(conf),
    baseline = data(baseline),
    treatment = data(treatment),
    tTest = t_test_json(baseline, treatment, conf),
    relative = relative_json(baseline, treatment, conf),
    wilcox = wilcox_json(baseline, treatment, conf)
  )
}

r4 <- function(x) round(x, 4)
r2 <- function(x) round(x, 2)
lognormal <- function(n, meanlog, sdlog) round(rlnorm(n, meanlog, sdlog), 3)

two_sample_cases <- list(
  two_sample("normal 30 vs 30, no ties (exact Wilcoxon)", r4(rnorm(30, 100, 15)), r4(rnorm(30, 92, 15))),
  two_sample("normal 40 vs 45, 90% confidence", r4(rnorm(40, 10, 2)), r4(rnorm(45, 10.8, 3)), conf = 0.9),
  two_sample("exact boundary 49 vs 49", r4(rnorm(49, 0, 1)), r4(rnorm(49, 0.4, 1))),
  two_sample("50 vs 10: normal approximation without ties", r4(rnorm(50, 5, 1)), r4(rnorm(10, 5.5, 1))),
  two_sample("complete separation 10 vs 10", r4(runif(10, 0, 1)), r4(runif(10, 2, 3))),
  two_sample("identical arms", c(1.5, 2.25, 3.125, 4, 7), c(1.5, 2.25, 3.125, 4, 7)),
  two_sample("small integer ties 25 vs 30", as.numeric(sample(1:10, 25, TRUE)), as.numeric(sample(3:12, 30, TRUE))),
  two_sample("ties in small arms 6 vs 7", c(3, 3, 4, 5, 5, 5), c(4, 5, 5, 6, 6, 7, 8)),
  two_sample("tiny 2 vs 2", c(10.5, 12.25), c(14, 15.5)),
  two_sample("tiny 3 vs 3", c(3.1, 2.7, 3.6), c(2.2, 2.9, 2.05)),
  two_sample("tiny 2 vs 5", c(100, 140), c(90, 95, 130, 85, 99)),
  two_sample("one baseline host", 42, r2(rnorm(6, 40, 3))),
  two_sample("zero variance in baseline only", rep(7, 12), r2(rnorm(15, 7.5, 1))),
  two_sample("zero variance in both arms, equal", rep(5, 8), rep(5, 9)),
  two_sample("zero variance in both arms, different", rep(5, 8), rep(6, 9)),
  two_sample("one arm constant inside the other's range", c(5, 5, 6, 7), c(6, 6, 6)),
  two_sample("very unequal 5 vs 2000", lognormal(5, 3, 0.5), lognormal(2000, 3.1, 0.5)),
  two_sample("very unequal 2000 vs 5", lognormal(2000, 3, 0.5), lognormal(5, 2.5, 0.5)),
  two_sample("log-normal 60 vs 80", lognormal(60, 6, 1), lognormal(80, 6.2, 1)),
  two_sample("log-normal 400 vs 350, heavy tail", lognormal(400, 2, 1.5), lognormal(350, 1.9, 1.5)),
  two_sample("large offset, small spread", round(1e6 + rnorm(20, 0, 0.5), 3), round(1e6 + rnorm(25, 0.3, 0.5), 3)),
  two_sample("mixed signs around zero", r4(rnorm(35, 0, 1)), r4(rnorm(55, -0.2, 1.2))),
  two_sample("large tied 3000 vs 3000 (Poisson counts)", as.numeric(rpois(3000, 20)), as.numeric(rpois(3000, 20.4))),
  two_sample("large continuous 2000 vs 2500", lognormal(2000, 4, 0.8), lognormal(2500, 3.98, 0.8))
)

# --- CUPED: theta pooled over both arms, Welch on adjusted values ------------------

cuped_case <- function(name, pre_b, val_b, pre_t, val_t) {
  pre <- c(pre_b, pre_t)
  val <- c(val_b, val_t)
  theta <- cov(pre, val) / var(pre)
  adj_b <- val_b - theta * (pre_b - mean(pre))
  adj_t <- val_t - theta * (pre_t - mean(pre))
  se2 <- function(b, t) var(b) / length(b) + var(t) / length(t)
  obj(
    name = str(name),
    baseline = obj(value = data(val_b), pre = data(pre_b)),
    treatment = obj(value = data(val_t), pre = data(pre_t)),
    theta = num(theta),
    # Share of the variance of the difference estimate that CUPED removed.
    varianceReduction = num(1 - se2(adj_b, adj_t) / se2(val_b, val_t)),
    adjustedMeans = nums(c(mean(adj_t), mean(adj_b))),
    tTest = t_test_json(adj_b, adj_t, 0.95),
    relative = relative_json(adj_b, adj_t, 0.95)
  )
}

pre_b <- lognormal(150, 4, 0.6); pre_t <- lognormal(170, 4, 0.6)
cuped_cases <- list(
  cuped_case("strongly correlated 150 vs 170", pre_b, round(pre_b * 1.02 + rnorm(150, 0, 5), 3),
             pre_t, round(pre_t * 0.97 + rnorm(170, 0, 5), 3)),
  {
    pb <- r2(rnorm(40, 50, 10)); pt <- r2(rnorm(45, 50, 10))
    cuped_case("uncorrelated 40 vs 45", pb, r2(rnorm(40, 20, 4)), pt, r2(rnorm(45, 21, 4)))
  },
  {
    pb <- r2(rnorm(8, 100, 20)); pt <- r2(rnorm(6, 100, 20))
    cuped_case("small arms 8 vs 6", pb, r2(pb + rnorm(8, 0, 5)), pt, r2(pt - 10 + rnorm(6, 0, 5)))
  }
)

# --- sample ratio mismatch: chisq.test with given probabilities ---------------------

chisq_case <- function(counts, weights) {
  ct <- chisq.test(counts, p = weights / sum(weights))
  obj(counts = data(counts), weights = data(weights), statistic = num(ct$statistic),
      parameter = num(ct$parameter), pValue = num(ct$p.value))
}
chisq_cases <- list(
  chisq_case(c(5000, 5000), c(1, 1)),
  chisq_case(c(5100, 4900), c(1, 1)),
  chisq_case(c(512, 288, 200), c(50, 30, 20)),
  chisq_case(c(10000, 9000), c(1, 1)),
  chisq_case(c(30000, 24000), c(1, 1)),
  chisq_case(c(17, 3), c(9, 1)),
  chisq_case(c(980, 1000, 1040, 1012), c(25, 25, 25, 25)),
  chisq_case(c(7000, 3000), c(6500, 3500))
)

# --- quantiles: type 7 and the lower-rank order statistic x[floor(p (n - 1)) + 1] ---

probs <- c(0, 0.01, 0.1, 0.25, 0.29, 0.5, 0.75, 0.9, 0.95, 0.99, 1)
quantile_case <- function(x) {
  s <- sort(x)
  obj(x = data(x), probs = data(probs), type7 = nums(quantile(x, probs, type = 7, names = FALSE)),
      lowerRank = nums(s[floor(probs * (length(x) - 1)) + 1]))
}
quantile_cases <- list(
  quantile_case(42),
  quantile_case(c(3, 1)),
  quantile_case(r2(rnorm(10, 50, 10))),
  quantile_case(as.numeric(sample(1:5, 101, TRUE))),
  quantile_case(lognormal(1000, 5, 1))
)

# --- the exact rank-sum distribution: pwilcox and qwilcox -----------------------------

rank_sum_case <- function(m, n) {
  q <- unique(round(c(0, 1, m * n / 4, m * n / 2 - 1, m * n / 2, m * n / 2 + 1, 3 * m * n / 4, m * n - 1, m * n)))
  # Not 0.5: P(U <= mn/2) is exactly 0.5 for odd mn, and there R's answer hangs on how
  # it rounds choose(m + n, n) (see README.md).
  p <- c(0.0005, 0.005, 0.025, 0.05, 0.4, 0.95, 0.975)
  obj(m = num(m), n = num(n), q = nums(q),
      lower = nums(pwilcox(q, m, n)), upper = nums(pwilcox(q, m, n, lower.tail = FALSE)),
      p = nums(p), quantile = nums(qwilcox(p, m, n)))
}
rank_sum_cases <- list(rank_sum_case(1, 1), rank_sum_case(2, 3), rank_sum_case(5, 4),
                       rank_sum_case(12, 30), rank_sum_case(49, 49))

# --- Holm --------------------------------------------------------------------------

holm_case <- function(p) {
  obj(p = nums(p), adjusted = nums(p.adjust(p, "holm")))
}
holm_cases <- list(
  holm_case(c(0.01, 0.04, 0.03, 0.2)),
  holm_case(c(0.001)),
  holm_case(c(0.02, 0.02, 0.02)),
  holm_case(c(0.5, 0.9, 0.0001, 0.004, 0.3)),
  holm_case(c(0.01, NA, 0.03, 0.04)),
  holm_case(c(1e-12, 0.049, 0.051, 0.6, 0.6, 0.99))
)

json <- paste0(
  "{\n",
  "\"generatedBy\":", str(paste(R.version.string, "- shared/stats-fixtures/generate.R")), ",\n",
  "\"twoSample\":", arr(two_sample_cases), ",\n",
  "\"cuped\":", arr(cuped_cases), ",\n",
  "\"chiSquare\":", arr(chisq_cases), ",\n",
  "\"rankSum\":", arr(rank_sum_cases), ",\n",
  "\"quantile\":", arr(quantile_cases), ",\n",
  "\"holm\":", arr(holm_cases), "\n",
  "}\n"
)
writeLines(json, out_path, sep = "")
cat("wrote", out_path, file.info(out_path)$size, "bytes\n")
