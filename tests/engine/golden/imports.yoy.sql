-- period 2025 (2025-01..2025-12), compared with 2024
-- read: 2025-01..2025-12; a year earlier: 2024-01..2024-12
-- scan: 24 file(s) of records -> one cube grouped by period, flow
-- query: flow import, basis value_cny: yoy_pct = (_b_cur - _b_prev) / _b_prev x 100

SELECT
  COALESCE(
    SUM("t3"."value_cny") FILTER(WHERE
      "t3"."period" BETWEEN '2025-01' AND '2025-12'),
    CAST(0 AS DECIMAL(38, 2))
  ) AS "_b_cur",
  COALESCE(
    SUM("t3"."value_cny") FILTER(WHERE
      "t3"."period" BETWEEN '2024-01' AND '2024-12'),
    CAST(0 AS DECIMAL(38, 2))
  ) AS "_b_prev"
FROM (
  SELECT
    *
  FROM (
    SELECT
      "t1"."period",
      "t1"."flow",
      SUM("t1"."value_cny") AS "value_cny",
      COUNT(*) AS "_n"
    FROM (
      SELECT
        *
      FROM "records" AS "t0"
      WHERE
        "t0"."period" BETWEEN '2024-01' AND '2025-12'
        AND "t0"."flow" IN ('import')
        AND COALESCE("t0"."partner" <> 'WLD', TRUE)
    ) AS "t1"
    GROUP BY
      1,
      2
  ) AS "t2"
  WHERE
    "t2"."flow" = 'import'
) AS "t3";
