"""The credibility checks as DuckDB SQL. Every check lists rows; none changes one.

Measures, each in natural log (a row gives each it can):

- ``value per kg``: value / net weight (or / quantity when the unit is kg);
- ``value per <unit>``: value / quantity, for a supplementary unit (items, litres ...);
- ``kg per <unit>``: net weight / quantity.

**Profiles.** One pass over the staged rows gives, for every (period, flow, code, currency,
unit), the count and quartiles of each measure: the batch's own statistics, and the profile
kept with the batch (``review/profile-<batch>.parquet``) so that later ingests read the
history from profiles instead of rows. The history of a code is the profiles of its live
months in the window: the median of their medians, and a robust spread.

**Flags.** A second pass lists each row whose measure lies more than ``robust_z`` robust sd
(IQR / 1.349) and more than ``min_factor`` times from the code's median, in the history or in
the batch (the same month's declarations of the code).

**Switches.** An enterprise with a history whose batch value goes, for ``switch_share`` or
more, to partners (or HS chapters) it did not trade with in the history: its rows with the
new partners (chapters) are listed.

Example:
    >>> "quantile_cont" in profile_sql("staged")
    True
"""

from __future__ import annotations

import math

from tradestats.credibility.settings import Checks

MEASURES = ("kg", "unit", "ratio")  # value per kg, value per unit, kg per unit
KEY = "flow, hs_code, cur, u"
ROW_OUT = "r.period, r.flow, r.hs_code, r.cur, r.u, r._file, r._row, r.partner, r.enterprise_id"

_ROW = """coalesce(value_cny, value_usd, value_eur) AS v,
    CASE WHEN value_cny IS NOT NULL THEN 'CNY' WHEN value_usd IS NOT NULL THEN 'USD'
         ELSE 'EUR' END AS cur,
    coalesce(nullif(lower(trim(unit)), ''), '') AS u, quantity AS q,
    coalesce(net_weight_kg, CASE WHEN lower(trim(unit)) = 'kg' THEN quantity END) AS w"""


def logs_sql(source: str, keep: str = "") -> str:
    """Rows of ``source`` with period, key and the three log measures (NULL where none)."""
    return f"""SELECT period, {KEY}{keep},
        CASE WHEN v > 0 AND w > 0 THEN ln(v / w) END AS x_kg,
        CASE WHEN u NOT IN ('', 'kg') AND v > 0 AND q > 0 THEN ln(v / q) END AS x_unit,
        CASE WHEN u NOT IN ('', 'kg') AND w > 0 AND q > 0 THEN ln(w / q) END AS x_ratio
    FROM (SELECT flow, hs_code, period, {_ROW}{keep} FROM {source})"""


def profile_sql(source: str) -> str:
    """Per (period, key): count and quartiles of each measure (one pass)."""
    aggs = ", ".join(
        f"count(x_{m}) AS n_{m}, quantile_cont(x_{m}, [0.25, 0.5, 0.75]) AS q_{m}" for m in MEASURES
    )
    return f"SELECT period, {KEY}, {aggs} FROM ({logs_sql(source)}) GROUP BY ALL"


def history_sql(profiles: str) -> str:
    """Per key and measure: lines, the median of the months' medians, and a robust sd: the
    larger of the months' own spreads (their median, months of 4 lines or more) and the spread
    of the months' medians (1.4826 times their median absolute deviation), which is what months
    of one or two lines tell. One grouped pass; months count alike, whatever their lines."""
    parts = []
    for m in MEASURES:
        parts.append(
            f"""SELECT {KEY}, '{m}' AS m, sum(n_{m}) AS n, median(q_{m}[2]) AS med,
                greatest(coalesce(median((q_{m}[3] - q_{m}[1]) / 1.349)
                                  FILTER (WHERE n_{m} >= 4), 0),
                         coalesce(1.4826 * mad(q_{m}[2]), 0)) AS sd
            FROM {profiles} WHERE n_{m} > 0 GROUP BY ALL"""
        )
    return "\nUNION ALL\n".join(parts)


def bounds_sql(batch: str, history: str, c: Checks) -> str:
    """Per (period, key): for each measure and comparison (``b`` the batch's month, ``h`` the
    history) the median ``?m_``, lines ``?n_``, robust sd ``?s_`` and the half-width ``?w_`` of
    the range a row may lie in without being listed (NULL where too few lines to judge), as
    plain numbers, so that the rows are checked with one join and range tests."""
    floor, z, spread = math.log(c.min_factor), float(c.robust_z), float(c.min_spread)
    cols = []
    for m in MEASURES:
        for tag, med, n, sd, least in (
            ("b", f"b.q_{m}[2]", f"b.n_{m}", f"(b.q_{m}[3] - b.q_{m}[1]) / 1.349", c.min_batch),
            ("h", f"h_{m}.med", f"h_{m}.n", f"h_{m}.sd", c.min_history),
        ):
            ok = f"{n} >= {int(least)}"
            sd_ = f"greatest({sd}, {spread})"
            cols.append(
                f"CASE WHEN {ok} THEN {med} END AS {tag}m_{m}, {n} AS {tag}n_{m}, "
                f"CASE WHEN {ok} THEN {sd_} END AS {tag}s_{m}, "
                f"CASE WHEN {ok} THEN greatest({floor}, {z} * {sd_}) END AS {tag}w_{m}"
            )
    joins = " ".join(
        f"LEFT JOIN (SELECT * FROM {history} WHERE m = '{m}') h_{m} USING ({KEY})" for m in MEASURES
    )
    return f"""SELECT hash(b.period, {", ".join(f"b.{k.strip()}" for k in KEY.split(","))})
        AS gk, {", ".join(cols)} FROM {batch} b {joins}"""


def flags_sql(rows: str, bounds: str) -> str:
    """Rows of ``rows`` (logs with ``_file, _row, partner, enterprise_id``) outside a range of
    ``bounds``: one scan and one join, then one output row per failed test. Columns: the
    row's period, key, ``_file, _row, partner, enterprise_id``, then ``check, m, x, med, n,
    z`` (z in robust sd)."""
    tests = [(check, m) for m in MEASURES for check in ("batch", "history")]
    failing = " OR ".join(f"abs(x_{m} - {ch[0]}m_{m}) > {ch[0]}w_{m}" for ch, m in tests)
    out = "\nUNION ALL\n".join(
        f"""SELECT period, {KEY}, _file, _row, partner, enterprise_id, '{ch}' AS check,
            '{m}' AS m, x_{m} AS x, {ch[0]}m_{m} AS med, {ch[0]}n_{m} AS n,
            (x_{m} - {ch[0]}m_{m}) / {ch[0]}s_{m} AS z
        FROM candidates WHERE abs(x_{m} - {ch[0]}m_{m}) > {ch[0]}w_{m}"""
        for ch, m in tests
    )
    # One 64-bit key instead of five text columns: the join over every row is the cost.
    keyed = f"(SELECT hash(period, {KEY}) AS gk, * FROM {rows})"
    return f"""WITH candidates AS MATERIALIZED (SELECT r.*, b.* EXCLUDE (gk)
            FROM {keyed} r JOIN {bounds} b USING (gk) WHERE {failing})
    {out}"""


def switches_sql(batch: str, history: str, c: Checks) -> str:
    """Batch rows of enterprises that switched wholesale to partners or HS chapters new to
    them. Only enterprises the batch could list (enough lines and value) are looked up in the
    history. Columns: ``_file, _row, what, enterprise_id, share, known, history_lines, period,
    flow, hs_code, partner`` (the row's codes carried along, so the listing needs no second
    pass over the batch to find them)."""
    return f"""WITH cand AS (SELECT enterprise_id, flow FROM {batch}
            WHERE enterprise_id IS NOT NULL GROUP BY ALL
            HAVING count(*) >= {int(c.switch_lines)}
               AND sum(coalesce(value_cny, value_usd, value_eur)) >= {float(c.switch_min_value)}),
        h AS (SELECT enterprise_id, flow, partner, left(hs_code, 2) AS chapter, count(*) AS n
            FROM {history} SEMI JOIN cand USING (enterprise_id, flow) GROUP BY ALL),
        past AS (SELECT enterprise_id, flow, sum(n) AS lines,
                count(DISTINCT partner) AS partners, count(DISTINCT chapter) AS chapters
            FROM h GROUP BY ALL HAVING sum(n) >= {int(c.switch_history)}),
        seen_p AS (SELECT DISTINCT enterprise_id, flow, partner FROM h),
        seen_c AS (SELECT DISTINCT enterprise_id, flow, chapter FROM h),
        b AS (SELECT _file, _row, enterprise_id, flow, partner, left(hs_code, 2) AS chapter,
                coalesce(value_cny, value_usd, value_eur) AS v, period, hs_code
            FROM {batch} SEMI JOIN past USING (enterprise_id, flow)),
        marked AS (SELECT b.*, p.partner IS NULL AS new_p, s.chapter IS NULL AS new_c
            FROM b LEFT JOIN seen_p p USING (enterprise_id, flow, partner)
            LEFT JOIN seen_c s USING (enterprise_id, flow, chapter)),
        firms AS (SELECT enterprise_id, flow, sum(v) AS total,
                sum(v) FILTER (WHERE new_p) AS fresh_p, sum(v) FILTER (WHERE new_c) AS fresh_c
            FROM marked GROUP BY ALL)
        SELECT m._file, m._row, 'partner' AS what, m.enterprise_id,
            f.fresh_p / f.total AS share, p.partners AS known, p.lines AS history_lines,
            m.period, m.flow, m.hs_code, m.partner
        FROM marked m JOIN firms f USING (enterprise_id, flow)
        JOIN past p USING (enterprise_id, flow)
        WHERE m.new_p AND f.fresh_p >= {float(c.switch_share)} * f.total
        UNION ALL
        SELECT m._file, m._row, 'chapter', m.enterprise_id, f.fresh_c / f.total,
            p.chapters, p.lines, m.period, m.flow, m.hs_code, m.partner
        FROM marked m JOIN firms f USING (enterprise_id, flow)
        JOIN past p USING (enterprise_id, flow)
        WHERE m.new_c AND f.fresh_c >= {float(c.switch_share)} * f.total"""
