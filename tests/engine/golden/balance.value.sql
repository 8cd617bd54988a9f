SELECT
  "t2"."_b_cur" AS "value_cny"
FROM (
  SELECT
    COALESCE(
      SUM(
        CASE
          WHEN "t1"."flow" = 'import'
          THEN -(
            "t1"."value_cny"
          )
          ELSE "t1"."value_cny"
        END
      ) FILTER(WHERE
        "t1"."period" BETWEEN '2025-01' AND '2025-12'),
      CAST(0 AS DECIMAL(38, 2))
    ) AS "_b_cur"
  FROM (
    SELECT
      *
    FROM "records" AS "t0"
    WHERE
      "t0"."period" BETWEEN '2025-01' AND '2025-12'
      AND "t0"."flow" IN ('export', 'import')
  ) AS "t1"
) AS "t2";
