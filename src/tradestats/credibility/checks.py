"""The credibility checks as DuckDB SQL over two relations of canonical rows: ``batch`` (the
staged rows, with ``_file`` and ``_row`` naming each) and ``history`` (the store's live rows of
the months before). Every check lists rows; none changes one.

Measures, each in natural log (a row gives each it can):

- ``value per kg``: value / net weight (or / quantity when the unit is kg);
- ``value per <unit>``: value / quantity, for a supplementary unit (items, litres ...);
- ``kg per <unit>``: net weight / quantity.

For each (flow, code, currency, measure) the history and the batch give quartiles; a row is
listed when it lies more than ``robust_z`` robust sd (IQR / 1.349) and more than
``min_factor`` times from the median of either. Enterprise switches: an enterprise with a
history whose batch value goes, for ``switch_share`` or more, to partners (or HS chapters) it
never traded with in the history; its rows with the new partners (chapters) are listed.

Example:
    >>> "quantile_cont" in stats_sql("history")
    True
"""

from __future__ import annotations

import math

from tradestats.credibility.settings import Checks

_VALUE = "coalesce(value_cny, value_usd, value_eur)"
_CURRENCY = (
    "CASE WHEN value_cny IS NOT NULL THEN 'CNY' WHEN value_usd IS NOT NULL THEN 'USD' "
    "ELSE 'EUR' END"
)
_UNIT = "coalesce(nullif(lower(trim(unit)), ''), '')"


def measures_sql(source: str, keep: str = "") -> str:
    """One row per (row, measure): the key, the measure's name and its log ``x``.

    ``keep`` lists extra columns of ``source`` to carry along (comma-led, e.g. ``, _file``).
    """
    weight = f"coalesce(net_weight_kg, CASE WHEN {_UNIT} = 'kg' THEN quantity END)"
    base = f"""SELECT flow, hs_code, {_CURRENCY} AS cur, {_VALUE} AS v, {_UNIT} AS u,
        quantity AS q, {weight} AS w{keep} FROM {source}"""
    return f"""WITH r AS ({base})
    SELECT flow, hs_code, cur, 'value per kg' AS measure, ln(v / w) AS x{keep} FROM r
        WHERE v > 0 AND w > 0
    UNION ALL
    SELECT flow, hs_code, cur, 'value per ' || u, ln(v / q){keep} FROM r
        WHERE u NOT IN ('', 'kg') AND v > 0 AND q > 0
    UNION ALL
    SELECT flow, hs_code, '', 'kg per ' || u, ln(w / q){keep} FROM r
        WHERE u NOT IN ('', 'kg') AND w > 0 AND q > 0"""


def stats_sql(measures: str) -> str:
    """Quartiles of each (flow, code, currency, measure) of a measures relation."""
    return f"""SELECT flow, hs_code, cur, measure, count(*) AS n,
        quantile_cont(x, [0.25, 0.5, 0.75]) AS qs FROM {measures} GROUP BY ALL"""


def flags_sql(measures: str, history: str, batch: str, c: Checks) -> str:
    """Rows of ``measures`` (batch rows) out of line with the history's or the batch's stats.

    Columns: ``_file, _row, check, measure, x, med, n, z`` (one per row and check).
    """
    floor = math.log(c.min_factor)
    parts = []
    for check, stats, least in (("history", history, c.min_history), ("batch", batch, c.min_batch)):
        parts.append(
            f"""SELECT m._file, m._row, '{check}' AS check, m.measure, m.x, s.qs[2] AS med,
                s.n, (m.x - s.qs[2]) / greatest((s.qs[3] - s.qs[1]) / 1.349,
                                                {float(c.min_spread)}) AS z
            FROM {measures} m JOIN {stats} s USING (flow, hs_code, cur, measure)
            WHERE s.n >= {int(least)} AND abs(m.x - s.qs[2]) > {floor}
              AND abs(m.x - s.qs[2]) > {float(c.robust_z)}
                  * greatest((s.qs[3] - s.qs[1]) / 1.349, {float(c.min_spread)})"""
        )
    return "\nUNION ALL\n".join(parts)


def switches_sql(batch: str, history: str, c: Checks, what: str) -> str:
    """Batch rows of enterprises that switched wholesale to partners (``what='partner'``) or HS
    chapters (``what='chapter'``) new to them. Columns: ``_file, _row, enterprise_id, share,
    known, value``."""
    key = "partner" if what == "partner" else "left(hs_code, 2)"
    return f"""WITH h AS (SELECT enterprise_id, flow, {key} AS k, count(*) AS n
            FROM {history} WHERE enterprise_id IS NOT NULL GROUP BY ALL),
        past AS (SELECT enterprise_id, flow, sum(n) AS lines, count(*) AS kinds
            FROM h GROUP BY ALL HAVING sum(n) >= {int(c.switch_history)}),
        b AS (SELECT _file, _row, enterprise_id, flow, {key} AS k, {_VALUE} AS v
            FROM {batch} WHERE enterprise_id IN (SELECT enterprise_id FROM past)),
        marked AS (SELECT b.*, h.n IS NULL AS new FROM b
            LEFT JOIN h USING (enterprise_id, flow, k)),
        firms AS (SELECT enterprise_id, flow, sum(v) AS total,
                sum(v) FILTER (WHERE new) AS fresh, count(*) AS lines
            FROM marked GROUP BY ALL
            HAVING count(*) >= {int(c.switch_lines)} AND sum(v) >= {float(c.switch_min_value)}
               AND sum(v) FILTER (WHERE new) >= {float(c.switch_share)} * sum(v))
        SELECT m._file, m._row, m.enterprise_id, f.fresh / f.total AS share, p.kinds AS known,
            p.lines AS history_lines
        FROM marked m JOIN firms f USING (enterprise_id, flow)
        JOIN past p USING (enterprise_id, flow) WHERE m.new"""
