SELECT
  CASE
    WHEN "t7"."_p_cur" > 0
    THEN (
      CAST("t7"."_b_cur" AS DOUBLE) / CAST("t7"."_p_cur" AS DOUBLE)
    ) * 100
    ELSE CAST(NULL AS DOUBLE)
  END AS "share_pct"
FROM (
  SELECT
    "t6"."_b_cur",
    "t4"."_p_cur"
  FROM (
    SELECT
      COALESCE(
        SUM("t2"."value_cny") FILTER(WHERE
          "t2"."period" BETWEEN '2025-01' AND '2025-12'),
        CAST(0 AS DECIMAL(38, 2))
      ) AS "_b_cur"
    FROM (
      SELECT
        *
      FROM "records" AS "t0"
      WHERE
        "t0"."period" BETWEEN '2025-01' AND '2025-12'
        AND "t0"."flow" = 'export'
        AND (
          STARTS_WITH("t0"."hs_code", '84') OR STARTS_WITH("t0"."hs_code", '85')
        )
        AND NOT (
          STARTS_WITH("t0"."hs_code", '8507')
        )
    ) AS "t2"
  ) AS "t6"
  CROSS JOIN (
    SELECT
      COALESCE(
        SUM("t1"."value_cny") FILTER(WHERE
          "t1"."period" BETWEEN '2025-01' AND '2025-12'),
        CAST(0 AS DECIMAL(38, 2))
      ) AS "_p_cur"
    FROM (
      SELECT
        *
      FROM "records" AS "t0"
      WHERE
        "t0"."period" BETWEEN '2025-01' AND '2025-12' AND "t0"."flow" = 'export'
    ) AS "t1"
  ) AS "t4"
) AS "t7";
