-- period 2025 (2025-01..2025-12), compared with 2024
-- read: 2025-01..2025-12; a year earlier: 2024-01..2024-12
-- scan: 12 file(s) of records -> one cube grouped by period, flow
-- query: flow total, basis value_cny: partners = distinct partners

WITH "t1" AS (
  SELECT
    *
  FROM "records" AS "t0"
  WHERE
    "t0"."period" BETWEEN '2025-01' AND '2025-12'
    AND "t0"."flow" IN ('export', 'import')
    AND COALESCE("t0"."partner" <> 'WLD', TRUE)
)
SELECT
  "t8"."_b_cur",
  "t5"."_partners"
FROM (
  SELECT
    COALESCE(
      SUM("t6"."value_cny") FILTER(WHERE
        "t6"."period" BETWEEN '2025-01' AND '2025-12'),
      CAST(0 AS DECIMAL(38, 2))
    ) AS "_b_cur"
  FROM (
    SELECT
      *
    FROM (
      SELECT
        "t2"."period",
        "t2"."flow",
        SUM("t2"."value_cny") AS "value_cny",
        COUNT(*) AS "_n"
      FROM "t1" AS "t2"
      GROUP BY
        1,
        2
    ) AS "t4"
    WHERE
      "t4"."flow" IN ('export', 'import')
  ) AS "t6"
) AS "t8"
CROSS JOIN (
  SELECT
    COUNT(DISTINCT "t2"."partner") AS "_partners"
  FROM "t1" AS "t2"
) AS "t5";
