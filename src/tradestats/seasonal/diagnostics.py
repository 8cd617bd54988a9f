"""Diagnostics of an adjustment: residual seasonality, model adequacy and revisions.

- ``qs``: the QS statistic of X-13ARIMA-SEATS and JDemetra+ on the first differences of a
  (log) series: n(n+2) times the sum over lags 12 and 24 of max(0, r_k)^2 / (n - k), compared
  with a chi-squared of 2 degrees of freedom. On the original it should find seasonality; on the
  seasonally adjusted series and the irregular it should not.
- ``kruskal_wallis``: the non-parametric test of stable seasonality (X-13's D8 "KW" test): do
  the detrended values differ by calendar month?
- ``ljung_box``: white-noise test of the regARIMA residuals at lag 24.
- ``revisions``: the seasonally adjusted value of each of the last ``n`` months as first
  estimated (the series ending at that month: concurrent adjustment) against its estimate on the
  whole series, in percent.

Example:
    >>> import numpy as np
    >>> x = np.tile([1.0, -1.0, 0.5, 0, 0, 0, 0, 0, 0, 0, 0, 0], 8)
    >>> qs(np.cumsum(x), differenced=False).p_value < 0.01
    True
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from tradestats.seasonal.adjust import Adjustment, adjust

ALPHA = 0.01  # significance level of the findings


@dataclass(frozen=True)
class Test:
    test: str
    series: str
    statistic: float
    p_value: float
    finding: str


def _log(a: Adjustment, x: np.ndarray) -> np.ndarray:
    return np.log(x) if a.multiplicative else x


def qs(x: np.ndarray, differenced: bool = False, series: str = "") -> Test:
    """QS test for seasonality at lags 12 and 24 (on first differences unless ``differenced``)."""
    from scipy.stats import chi2

    d = np.asarray(x, dtype=float) if differenced else np.diff(np.asarray(x, dtype=float))
    n = len(d)
    d = d - d.mean()
    denom = float(d @ d)
    stat = 0.0
    for k in (12, 24):
        if n > k and denom > 0:
            r = float(d[k:] @ d[:-k]) / denom
            stat += max(0.0, r) ** 2 / (n - k)
    stat *= n * (n + 2)
    p = float(chi2.sf(stat, 2))
    found = "seasonality present" if p < ALPHA else "no seasonality"
    return Test("QS", series, stat, p, f"{found} at {ALPHA:.0%}")


def kruskal_wallis(x: np.ndarray, months: list[str], series: str = "") -> Test:
    """Kruskal-Wallis test that the values of ``x`` do not differ by calendar month."""
    from scipy.stats import kruskal

    groups = [x[[int(m[5:7]) == k for m in months]] for k in range(1, 13)]
    stat, p = kruskal(*[g for g in groups if len(g)])
    found = "stable seasonality" if p < ALPHA else "no stable seasonality"
    return Test("Kruskal-Wallis", series, float(stat), float(p), f"{found} at {ALPHA:.0%}")


def ljung_box(resid: np.ndarray, lags: int = 24) -> Test:
    """Ljung-Box test of the regARIMA residuals (white noise if the model fits)."""
    from statsmodels.stats.diagnostic import acorr_ljungbox

    if len(resid) <= lags:
        return Test("Ljung-Box", "model residuals", float("nan"), float("nan"), "too short")
    out = acorr_ljungbox(resid, lags=[lags])
    stat, p = float(out["lb_stat"].iloc[0]), float(out["lb_pvalue"].iloc[0])
    found = "autocorrelated residuals" if p < ALPHA else "residuals are white noise"
    return Test(f"Ljung-Box({lags})", "model residuals", stat, p, f"{found} at {ALPHA:.0%}")


def tests(a: Adjustment) -> list[Test]:
    """Every test, on the original, the seasonally adjusted series and the irregular."""
    detrended_orig = _log(a, a.original) - _log(a, a.trend)
    detrended_sa = _log(a, a.sa) - _log(a, a.trend)
    out = [
        qs(_log(a, a.original), series="original"),
        qs(_log(a, a.sa), series="seasonally adjusted"),
        qs(_log(a, a.irregular), differenced=True, series="irregular"),
        kruskal_wallis(detrended_orig, a.months, series="original"),
        kruskal_wallis(detrended_sa, a.months, series="seasonally adjusted"),
    ]
    if len(a.residuals):
        out.append(ljung_box(a.residuals))
    return out


def tests_table(a: Adjustment) -> pa.Table:
    """The tests and the calendar coefficients as one table (``kind`` tells which)."""
    rows = [
        {"kind": "test", "name": t.test, "series": t.series, "statistic": t.statistic,
         "std_error": None, "p_value": t.p_value, "finding": t.finding}
        for t in tests(a)
    ]  # fmt: skip
    for c in a.coefficients.values():
        sig = "significant" if c.p_value < ALPHA else "not significant"
        rows.append(
            {"kind": "coefficient", "name": c.name, "series": "regARIMA", "statistic": c.estimate,
             "std_error": c.std_error, "p_value": c.p_value, "finding": f"{sig} at {ALPHA:.0%}"}
        )  # fmt: skip
    return pa.Table.from_pylist(rows)


def revisions(months: list[str], values: np.ndarray, final: Adjustment, n: int = 12) -> pa.Table:
    """Concurrent against final seasonally adjusted values of the last ``n`` months.

    Each concurrent estimate refits the whole model on the series ending at that month, as a
    producer would have published it then.
    """
    rows = []
    total = len(months)
    for end in range(max(total - n, 0), total):
        if end + 1 < 36:
            continue
        first = adjust(months[: end + 1], values[: end + 1], final.settings)
        concurrent, last = float(first.sa[-1]), float(final.sa[end])
        rows.append(
            {
                "month": months[end],
                "sa_concurrent": concurrent,
                "sa_final": last,
                "revision_pct": (last / concurrent - 1) * 100 if concurrent else None,
            }
        )
    schema = pa.schema(
        [("month", pa.string()), ("sa_concurrent", pa.float64()), ("sa_final", pa.float64()),
         ("revision_pct", pa.float64())]
    )  # fmt: skip
    return pa.Table.from_pylist(rows, schema=schema)
