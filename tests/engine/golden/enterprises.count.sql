-- period 2025 (2025-01..2025-12), compared with 2024
-- read: 2025-01..2025-12; a year earlier: 2024-01..2024-12
-- scan: 12 file(s) of records -> one cube grouped by period, flow
-- query: flow total, basis value_cny: enterprises = distinct enterprise_id (on records)

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
  "t8"."_records",
  "t8"."_enterprise_ids",
  "t5"."_enterprises"
FROM (
  SELECT
    COALESCE(
      SUM("t6"."value_cny") FILTER(WHERE
        "t6"."period" BETWEEN '2025-01' AND '2025-12'),
      CAST(0 AS DECIMAL(38, 2))
    ) AS "_b_cur",
    COALESCE(SUM("t6"."_n") FILTER(WHERE
      "t6"."period" BETWEEN '2025-01' AND '2025-12'), 0) AS "_records",
    COALESCE(SUM("t6"."_nid") FILTER(WHERE
      "t6"."period" BETWEEN '2025-01' AND '2025-12'), 0) AS "_enterprise_ids"
  FROM (
    SELECT
      *
    FROM (
      SELECT
        "t2"."period",
        "t2"."flow",
        SUM("t2"."value_cny") AS "value_cny",
        COUNT(*) AS "_n",
        COUNT("t2"."enterprise_id") AS "_nid"
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
    COUNT(DISTINCT "t2"."enterprise_id") AS "_enterprises"
  FROM "t1" AS "t2"
) AS "t5";
