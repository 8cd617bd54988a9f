SELECT
  "t2"."_value_usd" AS "value_usd"
FROM (
  SELECT
    COALESCE(
      SUM("t1"."value_cny") FILTER(WHERE
        "t1"."period" BETWEEN '2025-01' AND '2025-12'),
      CAST(0 AS DECIMAL(38, 2))
    ) AS "_b_cur",
    COALESCE(
      SUM("t1"."value_usd") FILTER(WHERE
        "t1"."period" BETWEEN '2025-01' AND '2025-12'),
      CAST(0 AS DECIMAL(38, 2))
    ) AS "_value_usd"
  FROM (
    SELECT
      *
    FROM "records" AS "t0"
    WHERE
      "t0"."period" BETWEEN '2025-01' AND '2025-12'
      AND "t0"."flow" IN ('export', 'import')
  ) AS "t1"
) AS "t2";
