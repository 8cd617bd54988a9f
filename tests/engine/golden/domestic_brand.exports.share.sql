-- period 2025 (2025-01..2025-12), compared with 2024
-- read: 2025-01..2025-12; a year earlier: 2024-01..2024-12
-- scan: 12 file(s) of records -> one cube grouped by period, flow, brand_type
-- query: flow export, basis value_cny, parent flow export: share_pct = _b_cur / _p_cur x 100

WITH "t2" AS (
  SELECT
    "t1"."period",
    "t1"."flow",
    "t1"."brand_type",
    SUM("t1"."value_cny") AS "value_cny",
    COUNT(*) AS "_n"
  FROM (
    SELECT
      *
    FROM "records" AS "t0"
    WHERE
      "t0"."period" BETWEEN '2025-01' AND '2025-12'
      AND "t0"."flow" IN ('export')
      AND COALESCE("t0"."partner" <> 'WLD', TRUE)
  ) AS "t1"
  GROUP BY
    1,
    2,
    3
)
SELECT
  "t9"."_b_cur",
  "t8"."_p_cur"
FROM (
  SELECT
    COALESCE(
      SUM("t5"."value_cny") FILTER(WHERE
        "t5"."period" BETWEEN '2025-01' AND '2025-12'),
      CAST(0 AS DECIMAL(38, 2))
    ) AS "_b_cur"
  FROM (
    SELECT
      *
    FROM "t2" AS "t3"
    WHERE
      "t3"."flow" = 'export' AND "t3"."brand_type" IN ('1', '2')
  ) AS "t5"
) AS "t9"
CROSS JOIN (
  SELECT
    COALESCE(
      SUM("t4"."value_cny") FILTER(WHERE
        "t4"."period" BETWEEN '2025-01' AND '2025-12'),
      CAST(0 AS DECIMAL(38, 2))
    ) AS "_p_cur"
  FROM (
    SELECT
      *
    FROM "t2" AS "t3"
    WHERE
      "t3"."flow" = 'export'
  ) AS "t4"
) AS "t8";
