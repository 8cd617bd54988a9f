SELECT
  "t2"."_b_cur" AS "value_cny"
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
      "t0"."period" BETWEEN '2025-01' AND '2025-12'
      AND "t0"."flow" IN ('export', 'import')
      AND "t0"."partner" IN ('KAZ', 'NGA', 'RUS', 'THA', 'VNM')
  ) AS "t1"
) AS "t2";
