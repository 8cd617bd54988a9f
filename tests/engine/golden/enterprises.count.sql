SELECT
  "t2"."_enterprises" AS "enterprises",
  "t2"."_records" AS "__records",
  "t2"."_enterprise_ids" AS "__enterprise_ids"
FROM (
  SELECT
    COALESCE(
      SUM("t1"."value_cny") FILTER(WHERE
        "t1"."period" BETWEEN '2025-01' AND '2025-12'),
      CAST(0 AS DECIMAL(38, 2))
    ) AS "_b_cur",
    COUNT(*) FILTER(WHERE
      "t1"."period" BETWEEN '2025-01' AND '2025-12') AS "_records",
    COUNT(DISTINCT "t1"."enterprise_id") FILTER(WHERE
      "t1"."period" BETWEEN '2025-01' AND '2025-12') AS "_enterprises",
    COUNT("t1"."enterprise_id") FILTER(WHERE
      "t1"."period" BETWEEN '2025-01' AND '2025-12') AS "_enterprise_ids"
  FROM (
    SELECT
      *
    FROM "records" AS "t0"
    WHERE
      "t0"."period" BETWEEN '2025-01' AND '2025-12'
      AND "t0"."flow" IN ('export', 'import')
  ) AS "t1"
) AS "t2";
