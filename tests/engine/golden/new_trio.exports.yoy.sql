-- period 2025 (2025-01..2025-12), compared with 2024
-- read: 2025-01..2025-12; a year earlier: 2024-01..2024-12
-- product new_trio: rules of HS2022, 1 class(es) of the data's HS codes
-- scan: 24 file(s) of records -> one cube grouped by period, flow, _c_hs_code (code tables joined: hs_code: 1 codes); the records summed by raw hs_code first, the code tables joined to those sums
-- query: flow export, basis value_cny: yoy_pct = (_b_cur - _b_prev) / _b_prev x 100

SELECT
  COALESCE(
    SUM("t9"."value_cny") FILTER(WHERE
      "t9"."period" BETWEEN '2025-01' AND '2025-12'),
    CAST(0 AS DECIMAL(38, 2))
  ) AS "_b_cur",
  COALESCE(
    SUM("t9"."value_cny") FILTER(WHERE
      "t9"."period" BETWEEN '2024-01' AND '2024-12'),
    CAST(0 AS DECIMAL(38, 2))
  ) AS "_b_prev"
FROM (
  SELECT
    *
  FROM (
    SELECT
      "t7"."period",
      "t7"."flow",
      "t7"."_c_hs_code",
      SUM("t7"."value_cny") AS "value_cny",
      SUM("t7"."_n") AS "_n"
    FROM (
      SELECT
        "t6"."period",
        "t6"."flow",
        "t6"."hs_code",
        "t6"."value_cny",
        "t6"."_n",
        COALESCE("t3"."_c_hs_code_raw", 0) AS "_c_hs_code"
      FROM (
        SELECT
          "t4"."period",
          "t4"."flow",
          "t4"."hs_code",
          SUM("t4"."value_cny") AS "value_cny",
          COUNT(*) AS "_n"
        FROM (
          SELECT
            *
          FROM "records" AS "t0"
          WHERE
            "t0"."period" BETWEEN '2024-01' AND '2025-12'
            AND "t0"."flow" IN ('export')
            AND COALESCE("t0"."partner" <> 'WLD', TRUE)
        ) AS "t4"
        GROUP BY
          1,
          2,
          3
      ) AS "t6"
      LEFT OUTER JOIN (
        SELECT
          "t1"."_k" AS "_k_c_hs_code",
          "t1"."_c" AS "_c_hs_code_raw"
        FROM "codes_hs_code_1e72fb0a4b92" AS "t1"
      ) AS "t3"
        ON "t6"."hs_code" = "t3"."_k_c_hs_code"
    ) AS "t7"
    GROUP BY
      1,
      2,
      3
  ) AS "t8"
  WHERE
    "t8"."flow" = 'export' AND "t8"."_c_hs_code" IN (1)
) AS "t9";
