WITH "t1" AS (
  SELECT
    *
  FROM "records" AS "t0"
  WHERE
    "t0"."period" BETWEEN '2024-01' AND '2025-12'
    AND "t0"."flow" IN ('export', 'import')
)
SELECT
  "t8"."partners_growing"
FROM (
  SELECT
    "t5"."_b_cur",
    "t5"."_b_prev",
    "t7"."partners_growing"
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
    FROM "t1" AS "t2"
  ) AS "t5"
  CROSS JOIN (
    SELECT
      SUM(CASE WHEN (
        "t3"."_p" > 0
      ) AND (
        "t3"."_c" > "t3"."_p"
      ) THEN 1 ELSE 0 END) AS "partners_growing"
    FROM (
      SELECT
        "t2"."partner",
        SUM("t2"."value_cny") FILTER(WHERE
          "t2"."period" BETWEEN '2025-01' AND '2025-12') AS "_c",
        SUM("t2"."value_cny") FILTER(WHERE
          "t2"."period" BETWEEN '2024-01' AND '2024-12') AS "_p"
      FROM "t1" AS "t2"
      GROUP BY
        1
    ) AS "t3"
  ) AS "t7"
) AS "t8";
