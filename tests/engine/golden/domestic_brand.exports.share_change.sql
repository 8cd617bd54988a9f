SELECT
  CASE
    WHEN "t7"."_p_cur" > 0
    THEN (
      CAST("t7"."_b_cur" AS DOUBLE) / CAST("t7"."_p_cur" AS DOUBLE)
    ) * 100
    ELSE CAST(NULL AS DOUBLE)
  END - CASE
    WHEN "t7"."_p_prev" > 0
    THEN (
      CAST("t7"."_b_prev" AS DOUBLE) / CAST("t7"."_p_prev" AS DOUBLE)
    ) * 100
    ELSE CAST(NULL AS DOUBLE)
  END AS "share_change_pp"
FROM (
  SELECT
    "t6"."_b_cur",
    "t6"."_b_prev",
    "t5"."_p_cur",
    "t5"."_p_prev"
  FROM (
    SELECT
      COALESCE(
        SUM("t2"."value_cny") FILTER(WHERE
          "t2"."period" BETWEEN '2025-01' AND '2025-12'),
        CAST(0 AS DECIMAL(38, 2))
      ) AS "_b_cur",
      COALESCE(
        SUM("t2"."value_cny") FILTER(WHERE
          "t2"."period" BETWEEN '2024-01' AND '2024-12'),
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
    ) AS "t2"
  ) AS "t6"
  CROSS JOIN (
    SELECT
      COALESCE(
        SUM("t1"."value_cny") FILTER(WHERE
          "t1"."period" BETWEEN '2025-01' AND '2025-12'),
        CAST(0 AS DECIMAL(38, 2))
      ) AS "_p_cur",
      COALESCE(
        SUM("t1"."value_cny") FILTER(WHERE
          "t1"."period" BETWEEN '2024-01' AND '2024-12'),
        CAST(0 AS DECIMAL(38, 2))
      ) AS "_p_prev"
    FROM (
      SELECT
        *
      FROM "records" AS "t0"
      WHERE
        "t0"."period" BETWEEN '2024-01' AND '2025-12' AND "t0"."flow" = 'export'
    ) AS "t1"
  ) AS "t5"
) AS "t7";
