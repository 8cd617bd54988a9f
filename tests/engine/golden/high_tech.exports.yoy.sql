-- period 2025 (2025-01..2025-12), compared with 2024
-- read: 2025-01..2025-12; a year earlier: 2024-01..2024-12
-- product high_tech: rules of HS2022, 0 class(es) of the data's HS codes
-- scan: 24 file(s) of records -> one cube grouped by period, flow, _c_hs_code (code tables joined: hs_code: 0 codes)
-- query: flow export, basis value_cny: yoy_pct = (_b_cur - _b_prev) / _b_prev x 100

SELECT
  COALESCE(
    SUM("t8"."value_cny") FILTER(WHERE
      "t8"."period" BETWEEN '2025-01' AND '2025-12'),
    CAST(0 AS DECIMAL(38, 2))
  ) AS "_b_cur",
  COALESCE(
    SUM("t8"."value_cny") FILTER(WHERE
      "t8"."period" BETWEEN '2024-01' AND '2024-12'),
    CAST(0 AS DECIMAL(38, 2))
  ) AS "_b_prev"
FROM (
  SELECT
    *
  FROM (
    SELECT
      "t6"."period",
      "t6"."flow",
      "t6"."_c_hs_code",
      SUM("t6"."value_cny") AS "value_cny",
      COUNT(*) AS "_n"
    FROM (
      SELECT
        "t5"."period",
        "t5"."flow",
        "t5"."hs_code",
        "t5"."partner",
        "t5"."value_cny",
        "t5"."value_usd",
        "t5"."quantity",
        "t5"."unit",
        "t5"."trade_mode",
        "t5"."enterprise_id",
        "t5"."enterprise_type",
        "t5"."region",
        "t5"."brand_type",
        "t5"."transport_mode",
        "t5"."reporter",
        "t5"."product_level",
        "t5"."value_eur",
        "t5"."hs_edition",
        "t5"."value_cif_usd",
        "t5"."value_fob_usd",
        "t5"."value_local",
        "t5"."currency",
        "t5"."net_weight_kg",
        COALESCE("t3"."_c_hs_code_raw", 0) AS "_c_hs_code"
      FROM (
        SELECT
          *
        FROM "records" AS "t0"
        WHERE
          "t0"."period" BETWEEN '2024-01' AND '2025-12'
          AND "t0"."flow" IN ('export')
          AND COALESCE("t0"."partner" <> 'WLD', TRUE)
      ) AS "t5"
      LEFT OUTER JOIN (
        SELECT
          "t1"."_k" AS "_k_c_hs_code",
          "t1"."_c" AS "_c_hs_code_raw"
        FROM "codes_hs_code_ad8e371eb9dd" AS "t1"
      ) AS "t3"
        ON "t5"."hs_code" = "t3"."_k_c_hs_code"
    ) AS "t6"
    GROUP BY
      1,
      2,
      3
  ) AS "t7"
  WHERE
    "t7"."flow" = 'export' AND FALSE
) AS "t8";
