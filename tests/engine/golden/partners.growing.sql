-- period 2025 (2025-01..2025-12), compared with 2024
-- read: 2025-01..2025-12; a year earlier: 2024-01..2024-12
-- scan: 24 file(s) of records -> one cube grouped by period, flow, partner
-- query: flow total, basis value_cny: partners_growing = partners with _b_cur > _b_prev > 0

WITH "t3" AS (
  SELECT
    *
  FROM (
    SELECT
      "t1"."period",
      "t1"."flow",
      "t1"."partner",
      SUM("t1"."value_cny") AS "value_cny",
      COUNT(*) AS "_n"
    FROM (
      SELECT
        *
      FROM "records" AS "t0"
      WHERE
        "t0"."period" BETWEEN '2024-01' AND '2025-12'
        AND "t0"."flow" IN ('export', 'import')
        AND COALESCE("t0"."partner" <> 'WLD', TRUE)
    ) AS "t1"
    GROUP BY
      1,
      2,
      3
  ) AS "t2"
  WHERE
    "t2"."flow" IN ('export', 'import')
)
SELECT
  "t7"."_b_cur",
  "t7"."_b_prev",
  "t9"."partners_growing"
FROM (
  SELECT
    COALESCE(
      SUM("t4"."value_cny") FILTER(WHERE
        "t4"."period" BETWEEN '2025-01' AND '2025-12'),
      CAST(0 AS DECIMAL(38, 2))
    ) AS "_b_cur",
    COALESCE(
      SUM("t4"."value_cny") FILTER(WHERE
        "t4"."period" BETWEEN '2024-01' AND '2024-12'),
      CAST(0 AS DECIMAL(38, 2))
    ) AS "_b_prev"
  FROM "t3" AS "t4"
) AS "t7"
CROSS JOIN (
  SELECT
    SUM(CASE WHEN (
      "t5"."_p" > 0
    ) AND (
      "t5"."_c" > "t5"."_p"
    ) THEN 1 ELSE 0 END) AS "partners_growing"
  FROM (
    SELECT
      "t4"."partner",
      SUM("t4"."value_cny") FILTER(WHERE
        "t4"."period" BETWEEN '2025-01' AND '2025-12') AS "_c",
      SUM("t4"."value_cny") FILTER(WHERE
        "t4"."period" BETWEEN '2024-01' AND '2024-12') AS "_p"
    FROM "t3" AS "t4"
    GROUP BY
      1
  ) AS "t5"
) AS "t9";
