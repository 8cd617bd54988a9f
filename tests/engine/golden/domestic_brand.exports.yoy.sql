SELECT
  CASE
    WHEN "t2"."_b_prev" > 0
    THEN (
      CAST("t2"."_b_cur" - "t2"."_b_prev" AS DOUBLE) / CAST("t2"."_b_prev" AS DOUBLE)
    ) * 100
    ELSE CAST(NULL AS DOUBLE)
  END AS "yoy_pct"
FROM (
  SELECT
    COALESCE(
      SUM("t1"."value_cny") FILTER(WHERE
        "t1"."period" BETWEEN '2025-01' AND '2025-12'),
      CAST(0 AS DECIMAL(38, 2))
    ) AS "_b_cur",
    COALESCE(
      SUM("t1"."value_cny") FILTER(WHERE
        "t1"."period" BETWEEN '2024-01' AND '2024-12'),
      CAST(0 AS DECIMAL(38, 2))
    ) AS "_b_prev"
  FROM (
    SELECT
      *
    FROM "records" AS "t0"
    WHERE
      "t0"."period" BETWEEN '2024-01' AND '2025-12'
      AND "t0"."flow" = 'export'
      AND "t0"."brand_type" IN ('1', '2')
  ) AS "t1"
) AS "t2";
