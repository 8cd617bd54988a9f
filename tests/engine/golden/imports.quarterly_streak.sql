SELECT
  CAST(NULL AS BIGINT) AS "growth_streak"
FROM (
  SELECT
    COALESCE(
      SUM("t1"."value_cny") FILTER(WHERE
        "t1"."period" BETWEEN '2025-01' AND '2025-12'),
      CAST(0 AS DECIMAL(38, 2))
    ) AS "_b_cur"
  FROM (
    SELECT
      *
    FROM "records" AS "t0"
    WHERE
      "t0"."period" BETWEEN '2025-01' AND '2025-12' AND "t0"."flow" = 'import'
  ) AS "t1"
) AS "t2";

SELECT
  "t1"."period",
  SUM("t1"."value_cny") AS "_v"
FROM (
  SELECT
    *
  FROM "records" AS "t0"
  WHERE
    "t0"."period" BETWEEN '2024-01' AND '2025-12' AND "t0"."flow" = 'import'
) AS "t1"
GROUP BY
  1;
