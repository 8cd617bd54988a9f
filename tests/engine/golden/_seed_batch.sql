-- period 2025 (2025-01..2025-12), compared with 2024
-- read: 2025-01..2025-12; a year earlier: 2024-01..2024-12
-- partner africa: 3 members on 2025-12-31: KEN, NGA, ZAF
-- partner asean: 6 members on 2025-12-31: IDN, MYS, SGP, THA, TLS, VNM
-- partner bri: 5 members on 2025-12-31: KAZ, NGA, RUS, THA, VNM
-- partner latin_america: 2 members on 2025-12-31: BRA, MEX
-- product green: rules of HS2022, 0 class(es) of the data's HS codes
-- product high_tech: rules of HS2022, 0 class(es) of the data's HS codes
-- product mechanical_electrical: rules of HS2022, 0 class(es) of the data's HS codes
-- product new_trio: rules of HS2022, 1 class(es) of the data's HS codes
-- product wind_turbines: rules of HS2022, 0 class(es) of the data's HS codes
-- scan: 24 file(s) of records -> one cube grouped by period, flow, brand_type, enterprise_type, _c_partner, _c_hs_code (code tables joined: partner: 13 codes, hs_code: 1 codes)
-- africa.total.value: flow total, basis value_cny (cells _b_cur_0, _b_prev_0): value_cny = value_cny summed
-- africa.total.yoy: flow total, basis value_cny (cells _b_cur_0, _b_prev_0): yoy_pct = (_b_cur - _b_prev) / _b_prev x 100
-- asean.total.share: flow total, basis value_cny (cells _b_cur_1, _b_prev_1), parent flow total (cells _p_cur_2, _p_prev_2): share_pct = _b_cur / _p_cur x 100
-- asean.total.value: flow total, basis value_cny (cells _b_cur_1, _b_prev_1): value_cny = value_cny summed
-- asean.total.yoy: flow total, basis value_cny (cells _b_cur_1, _b_prev_1): yoy_pct = (_b_cur - _b_prev) / _b_prev x 100
-- balance.value: flow balance, basis value_cny (cells _b_cur_3, _b_prev_3): value_cny = value_cny summed
-- bri.total.share: flow total, basis value_cny (cells _b_cur_4, _b_prev_4), parent flow total (cells _p_cur_2, _p_prev_2): share_pct = _b_cur / _p_cur x 100
-- bri.total.value: flow total, basis value_cny (cells _b_cur_4, _b_prev_4): value_cny = value_cny summed
-- bri.total.yoy: flow total, basis value_cny (cells _b_cur_4, _b_prev_4): yoy_pct = (_b_cur - _b_prev) / _b_prev x 100
-- domestic_brand.exports.share: flow export, basis value_cny (cells _b_cur_5, _b_prev_5), parent flow export (cells _p_cur_6, _p_prev_6): share_pct = _b_cur / _p_cur x 100
-- domestic_brand.exports.share_change: flow export, basis value_cny (cells _b_cur_5, _b_prev_5), parent flow export (cells _p_cur_6, _p_prev_6): share_change_pp = _b_cur / _p_cur x 100 - _b_prev / _p_prev x 100
-- domestic_brand.exports.value: flow export, basis value_cny (cells _b_cur_5, _b_prev_5): value_cny = value_cny summed
-- domestic_brand.exports.yoy: flow export, basis value_cny (cells _b_cur_5, _b_prev_5): yoy_pct = (_b_cur - _b_prev) / _b_prev x 100
-- enterprises.count: flow total, basis value_cny (cells _b_cur_2, _b_prev_2): enterprises = distinct enterprise_id (on records)
-- exports.value: flow export, basis value_cny (cells _b_cur_6, _b_prev_6): value_cny = value_cny summed
-- exports.yoy: flow export, basis value_cny (cells _b_cur_6, _b_prev_6): yoy_pct = (_b_cur - _b_prev) / _b_prev x 100
-- green.exports.yoy: flow export, basis value_cny (cells _b_cur_7, _b_prev_7): yoy_pct = (_b_cur - _b_prev) / _b_prev x 100
-- high_tech.exports.value: flow export, basis value_cny (cells _b_cur_8, _b_prev_8): value_cny = value_cny summed
-- high_tech.exports.yoy: flow export, basis value_cny (cells _b_cur_8, _b_prev_8): yoy_pct = (_b_cur - _b_prev) / _b_prev x 100
-- imports.quarterly_streak: flow import, basis value_cny (cells _b_cur_9, _b_prev_9): growth_streak = consecutive buckets with yoy > 0 (monthly aggregate, below)
-- imports.value: flow import, basis value_cny (cells _b_cur_9, _b_prev_9): value_cny = value_cny summed
-- imports.yoy: flow import, basis value_cny (cells _b_cur_9, _b_prev_9): yoy_pct = (_b_cur - _b_prev) / _b_prev x 100
-- latin_america.total.value: flow total, basis value_cny (cells _b_cur_10, _b_prev_10): value_cny = value_cny summed
-- latin_america.total.yoy: flow total, basis value_cny (cells _b_cur_10, _b_prev_10): yoy_pct = (_b_cur - _b_prev) / _b_prev x 100
-- mechanical_electrical.exports.share: flow export, basis value_cny (cells _b_cur_11, _b_prev_11), parent flow export (cells _p_cur_6, _p_prev_6): share_pct = _b_cur / _p_cur x 100
-- mechanical_electrical.imports.value: flow import, basis value_cny (cells _b_cur_12, _b_prev_12): value_cny = value_cny summed
-- mechanical_electrical.imports.yoy: flow import, basis value_cny (cells _b_cur_12, _b_prev_12): yoy_pct = (_b_cur - _b_prev) / _b_prev x 100
-- new_trio.exports.value: flow export, basis value_cny (cells _b_cur_13, _b_prev_13): value_cny = value_cny summed
-- new_trio.exports.yoy: flow export, basis value_cny (cells _b_cur_13, _b_prev_13): yoy_pct = (_b_cur - _b_prev) / _b_prev x 100
-- partners.count: flow total, basis value_cny (cells _b_cur_2, _b_prev_2): partners = distinct partners
-- partners.growing: flow total, basis value_cny (cells _b_cur_2, _b_prev_2): partners_growing = partners with _b_cur > _b_prev > 0
-- private.total.share: flow total, basis value_cny (cells _b_cur_14, _b_prev_14), parent flow total (cells _p_cur_2, _p_prev_2): share_pct = _b_cur / _p_cur x 100
-- private.total.value: flow total, basis value_cny (cells _b_cur_14, _b_prev_14): value_cny = value_cny summed
-- private.total.yoy: flow total, basis value_cny (cells _b_cur_14, _b_prev_14): yoy_pct = (_b_cur - _b_prev) / _b_prev x 100
-- total.value: flow total, basis value_cny (cells _b_cur_2, _b_prev_2): value_cny = value_cny summed
-- total.value_usd: flow total, basis value_cny (cells _b_cur_2, _b_prev_2): value_usd = value_usd summed
-- total.yoy: flow total, basis value_cny (cells _b_cur_2, _b_prev_2): yoy_pct = (_b_cur - _b_prev) / _b_prev x 100
-- wind_turbines.exports.yoy: flow export, basis value_cny (cells _b_cur_15, _b_prev_15): yoy_pct = (_b_cur - _b_prev) / _b_prev x 100

-- step 1: the cube, materialized once
SELECT
  "t9"."period",
  "t9"."flow",
  "t9"."brand_type",
  "t9"."enterprise_type",
  "t9"."_c_partner",
  "t9"."_c_hs_code",
  SUM("t9"."value_cny") AS "value_cny",
  SUM("t9"."value_usd") AS "value_usd",
  COUNT(*) AS "_n",
  COUNT("t9"."enterprise_id") AS "_nid"
FROM (
  SELECT
    "t8"."period",
    "t8"."flow",
    "t8"."hs_code",
    "t8"."partner",
    "t8"."value_cny",
    "t8"."value_usd",
    "t8"."quantity",
    "t8"."unit",
    "t8"."trade_mode",
    "t8"."enterprise_id",
    "t8"."enterprise_type",
    "t8"."region",
    "t8"."brand_type",
    "t8"."transport_mode",
    "t8"."reporter",
    "t8"."product_level",
    "t8"."value_eur",
    "t8"."hs_edition",
    "t8"."value_cif_usd",
    "t8"."value_fob_usd",
    "t8"."value_local",
    "t8"."currency",
    "t8"."net_weight_kg",
    COALESCE("t5"."_c_partner_raw", 0) AS "_c_partner",
    COALESCE("t6"."_c_hs_code_raw", 0) AS "_c_hs_code"
  FROM (
    SELECT
      *
    FROM "records" AS "t0"
    WHERE
      "t0"."period" BETWEEN '2024-01' AND '2025-12'
      AND "t0"."flow" IN ('export', 'import')
      AND COALESCE("t0"."partner" <> 'WLD', TRUE)
  ) AS "t8"
  LEFT OUTER JOIN (
    SELECT
      "t1"."_k" AS "_k_c_partner",
      "t1"."_c" AS "_c_partner_raw"
    FROM "codes_partner_edba84227e76" AS "t1"
  ) AS "t5"
    ON "t8"."partner" = "t5"."_k_c_partner"
  LEFT OUTER JOIN (
    SELECT
      "t2"."_k" AS "_k_c_hs_code",
      "t2"."_c" AS "_c_hs_code_raw"
    FROM "codes_hs_code_b4362411922c" AS "t2"
  ) AS "t6"
    ON "t8"."hs_code" = "t6"."_k_c_hs_code"
) AS "t9"
GROUP BY
  1,
  2,
  3,
  4,
  5,
  6;

-- step 2: every figure's cells, over the cube
SELECT
  COALESCE(
    SUM("t0"."value_cny") FILTER(WHERE
      "t0"."period" BETWEEN '2025-01' AND '2025-12'
      AND (
        "t0"."flow" IN ('export', 'import') AND "t0"."_c_partner" IN (1, 2)
      )),
    CAST(0 AS DECIMAL(38, 2))
  ) AS "_b_cur_0",
  COALESCE(
    SUM("t0"."value_cny") FILTER(WHERE
      "t0"."period" BETWEEN '2024-01' AND '2024-12'
      AND (
        "t0"."flow" IN ('export', 'import') AND "t0"."_c_partner" IN (1, 2)
      )),
    CAST(0 AS DECIMAL(38, 2))
  ) AS "_b_prev_0",
  COALESCE(
    SUM("t0"."value_cny") FILTER(WHERE
      "t0"."period" BETWEEN '2025-01' AND '2025-12'
      AND (
        "t0"."flow" IN ('export', 'import') AND "t0"."_c_partner" IN (3, 4)
      )),
    CAST(0 AS DECIMAL(38, 2))
  ) AS "_b_cur_1",
  COALESCE(
    SUM("t0"."value_cny") FILTER(WHERE
      "t0"."period" BETWEEN '2024-01' AND '2024-12'
      AND (
        "t0"."flow" IN ('export', 'import') AND "t0"."_c_partner" IN (3, 4)
      )),
    CAST(0 AS DECIMAL(38, 2))
  ) AS "_b_prev_1",
  COALESCE(
    SUM("t0"."value_cny") FILTER(WHERE
      "t0"."period" BETWEEN '2025-01' AND '2025-12'
      AND "t0"."flow" IN ('export', 'import')),
    CAST(0 AS DECIMAL(38, 2))
  ) AS "_p_cur_2",
  COALESCE(
    SUM("t0"."value_cny") FILTER(WHERE
      "t0"."period" BETWEEN '2024-01' AND '2024-12'
      AND "t0"."flow" IN ('export', 'import')),
    CAST(0 AS DECIMAL(38, 2))
  ) AS "_p_prev_2",
  COALESCE(
    SUM(
      CASE
        WHEN "t0"."flow" = 'import'
        THEN -(
          "t0"."value_cny"
        )
        ELSE "t0"."value_cny"
      END
    ) FILTER(WHERE
      "t0"."period" BETWEEN '2025-01' AND '2025-12'
      AND "t0"."flow" IN ('export', 'import')),
    CAST(0 AS DECIMAL(38, 2))
  ) AS "_b_cur_3",
  COALESCE(
    SUM(
      CASE
        WHEN "t0"."flow" = 'import'
        THEN -(
          "t0"."value_cny"
        )
        ELSE "t0"."value_cny"
      END
    ) FILTER(WHERE
      "t0"."period" BETWEEN '2024-01' AND '2024-12'
      AND "t0"."flow" IN ('export', 'import')),
    CAST(0 AS DECIMAL(38, 2))
  ) AS "_b_prev_3",
  COALESCE(
    SUM("t0"."value_cny") FILTER(WHERE
      "t0"."period" BETWEEN '2025-01' AND '2025-12'
      AND (
        "t0"."flow" IN ('export', 'import') AND "t0"."_c_partner" IN (2, 4, 5)
      )),
    CAST(0 AS DECIMAL(38, 2))
  ) AS "_b_cur_4",
  COALESCE(
    SUM("t0"."value_cny") FILTER(WHERE
      "t0"."period" BETWEEN '2024-01' AND '2024-12'
      AND (
        "t0"."flow" IN ('export', 'import') AND "t0"."_c_partner" IN (2, 4, 5)
      )),
    CAST(0 AS DECIMAL(38, 2))
  ) AS "_b_prev_4",
  COALESCE(
    SUM("t0"."value_cny") FILTER(WHERE
      "t0"."period" BETWEEN '2025-01' AND '2025-12'
      AND (
        (
          "t0"."flow" = 'export'
        ) AND "t0"."brand_type" IN ('1', '2')
      )),
    CAST(0 AS DECIMAL(38, 2))
  ) AS "_b_cur_5",
  COALESCE(
    SUM("t0"."value_cny") FILTER(WHERE
      "t0"."period" BETWEEN '2024-01' AND '2024-12'
      AND (
        (
          "t0"."flow" = 'export'
        ) AND "t0"."brand_type" IN ('1', '2')
      )),
    CAST(0 AS DECIMAL(38, 2))
  ) AS "_b_prev_5",
  COALESCE(
    SUM("t0"."value_cny") FILTER(WHERE
      "t0"."period" BETWEEN '2025-01' AND '2025-12' AND (
        "t0"."flow" = 'export'
      )),
    CAST(0 AS DECIMAL(38, 2))
  ) AS "_p_cur_6",
  COALESCE(
    SUM("t0"."value_cny") FILTER(WHERE
      "t0"."period" BETWEEN '2024-01' AND '2024-12' AND (
        "t0"."flow" = 'export'
      )),
    CAST(0 AS DECIMAL(38, 2))
  ) AS "_p_prev_6",
  COALESCE(
    SUM("t0"."value_cny") FILTER(WHERE
      "t0"."period" BETWEEN '2025-01' AND '2025-12'
      AND "t0"."flow" IN ('export', 'import')),
    CAST(0 AS DECIMAL(38, 2))
  ) AS "_b_cur_2",
  COALESCE(
    SUM("t0"."value_cny") FILTER(WHERE
      "t0"."period" BETWEEN '2024-01' AND '2024-12'
      AND "t0"."flow" IN ('export', 'import')),
    CAST(0 AS DECIMAL(38, 2))
  ) AS "_b_prev_2",
  COALESCE(
    SUM("t0"."_n") FILTER(WHERE
      "t0"."period" BETWEEN '2025-01' AND '2025-12'
      AND "t0"."flow" IN ('export', 'import')),
    0
  ) AS "_records_2",
  COALESCE(
    SUM("t0"."_nid") FILTER(WHERE
      "t0"."period" BETWEEN '2025-01' AND '2025-12'
      AND "t0"."flow" IN ('export', 'import')),
    0
  ) AS "_enterprise_ids_2",
  COALESCE(
    SUM("t0"."value_cny") FILTER(WHERE
      "t0"."period" BETWEEN '2025-01' AND '2025-12' AND (
        "t0"."flow" = 'export'
      )),
    CAST(0 AS DECIMAL(38, 2))
  ) AS "_b_cur_6",
  COALESCE(
    SUM("t0"."value_cny") FILTER(WHERE
      "t0"."period" BETWEEN '2024-01' AND '2024-12' AND (
        "t0"."flow" = 'export'
      )),
    CAST(0 AS DECIMAL(38, 2))
  ) AS "_b_prev_6",
  COALESCE(
    SUM("t0"."value_cny") FILTER(WHERE
      "t0"."period" BETWEEN '2025-01' AND '2025-12'
      AND (
        (
          "t0"."flow" = 'export'
        ) AND FALSE
      )),
    CAST(0 AS DECIMAL(38, 2))
  ) AS "_b_cur_7",
  COALESCE(
    SUM("t0"."value_cny") FILTER(WHERE
      "t0"."period" BETWEEN '2024-01' AND '2024-12'
      AND (
        (
          "t0"."flow" = 'export'
        ) AND FALSE
      )),
    CAST(0 AS DECIMAL(38, 2))
  ) AS "_b_prev_7",
  COALESCE(
    SUM("t0"."value_cny") FILTER(WHERE
      "t0"."period" BETWEEN '2025-01' AND '2025-12'
      AND (
        (
          "t0"."flow" = 'export'
        ) AND FALSE
      )),
    CAST(0 AS DECIMAL(38, 2))
  ) AS "_b_cur_8",
  COALESCE(
    SUM("t0"."value_cny") FILTER(WHERE
      "t0"."period" BETWEEN '2024-01' AND '2024-12'
      AND (
        (
          "t0"."flow" = 'export'
        ) AND FALSE
      )),
    CAST(0 AS DECIMAL(38, 2))
  ) AS "_b_prev_8",
  COALESCE(
    SUM("t0"."value_cny") FILTER(WHERE
      "t0"."period" BETWEEN '2025-01' AND '2025-12' AND (
        "t0"."flow" = 'import'
      )),
    CAST(0 AS DECIMAL(38, 2))
  ) AS "_b_cur_9",
  COALESCE(
    SUM("t0"."value_cny") FILTER(WHERE
      "t0"."period" BETWEEN '2024-01' AND '2024-12' AND (
        "t0"."flow" = 'import'
      )),
    CAST(0 AS DECIMAL(38, 2))
  ) AS "_b_prev_9",
  COALESCE(
    SUM("t0"."value_cny") FILTER(WHERE
      "t0"."period" BETWEEN '2025-01' AND '2025-12'
      AND (
        "t0"."flow" IN ('export', 'import') AND "t0"."_c_partner" IN (6)
      )),
    CAST(0 AS DECIMAL(38, 2))
  ) AS "_b_cur_10",
  COALESCE(
    SUM("t0"."value_cny") FILTER(WHERE
      "t0"."period" BETWEEN '2024-01' AND '2024-12'
      AND (
        "t0"."flow" IN ('export', 'import') AND "t0"."_c_partner" IN (6)
      )),
    CAST(0 AS DECIMAL(38, 2))
  ) AS "_b_prev_10",
  COALESCE(
    SUM("t0"."value_cny") FILTER(WHERE
      "t0"."period" BETWEEN '2025-01' AND '2025-12'
      AND (
        (
          "t0"."flow" = 'export'
        ) AND FALSE
      )),
    CAST(0 AS DECIMAL(38, 2))
  ) AS "_b_cur_11",
  COALESCE(
    SUM("t0"."value_cny") FILTER(WHERE
      "t0"."period" BETWEEN '2024-01' AND '2024-12'
      AND (
        (
          "t0"."flow" = 'export'
        ) AND FALSE
      )),
    CAST(0 AS DECIMAL(38, 2))
  ) AS "_b_prev_11",
  COALESCE(
    SUM("t0"."value_cny") FILTER(WHERE
      "t0"."period" BETWEEN '2025-01' AND '2025-12'
      AND (
        (
          "t0"."flow" = 'import'
        ) AND FALSE
      )),
    CAST(0 AS DECIMAL(38, 2))
  ) AS "_b_cur_12",
  COALESCE(
    SUM("t0"."value_cny") FILTER(WHERE
      "t0"."period" BETWEEN '2024-01' AND '2024-12'
      AND (
        (
          "t0"."flow" = 'import'
        ) AND FALSE
      )),
    CAST(0 AS DECIMAL(38, 2))
  ) AS "_b_prev_12",
  COALESCE(
    SUM("t0"."value_cny") FILTER(WHERE
      "t0"."period" BETWEEN '2025-01' AND '2025-12'
      AND (
        (
          "t0"."flow" = 'export'
        ) AND "t0"."_c_hs_code" IN (1)
      )),
    CAST(0 AS DECIMAL(38, 2))
  ) AS "_b_cur_13",
  COALESCE(
    SUM("t0"."value_cny") FILTER(WHERE
      "t0"."period" BETWEEN '2024-01' AND '2024-12'
      AND (
        (
          "t0"."flow" = 'export'
        ) AND "t0"."_c_hs_code" IN (1)
      )),
    CAST(0 AS DECIMAL(38, 2))
  ) AS "_b_prev_13",
  COALESCE(
    SUM("t0"."value_cny") FILTER(WHERE
      "t0"."period" BETWEEN '2025-01' AND '2025-12'
      AND (
        "t0"."flow" IN ('export', 'import') AND "t0"."enterprise_type" IN ('private')
      )),
    CAST(0 AS DECIMAL(38, 2))
  ) AS "_b_cur_14",
  COALESCE(
    SUM("t0"."value_cny") FILTER(WHERE
      "t0"."period" BETWEEN '2024-01' AND '2024-12'
      AND (
        "t0"."flow" IN ('export', 'import') AND "t0"."enterprise_type" IN ('private')
      )),
    CAST(0 AS DECIMAL(38, 2))
  ) AS "_b_prev_14",
  COALESCE(
    SUM("t0"."value_usd") FILTER(WHERE
      "t0"."period" BETWEEN '2025-01' AND '2025-12'
      AND "t0"."flow" IN ('export', 'import')),
    CAST(0 AS DECIMAL(38, 2))
  ) AS "_value_usd_2",
  COALESCE(
    SUM("t0"."value_cny") FILTER(WHERE
      "t0"."period" BETWEEN '2025-01' AND '2025-12'
      AND (
        (
          "t0"."flow" = 'export'
        ) AND FALSE
      )),
    CAST(0 AS DECIMAL(38, 2))
  ) AS "_b_cur_15",
  COALESCE(
    SUM("t0"."value_cny") FILTER(WHERE
      "t0"."period" BETWEEN '2024-01' AND '2024-12'
      AND (
        (
          "t0"."flow" = 'export'
        ) AND FALSE
      )),
    CAST(0 AS DECIMAL(38, 2))
  ) AS "_b_prev_15"
FROM "tradestats_cube" AS "t0";

-- step 3: monthly sums of the streak _9
SELECT
  "t1"."period",
  SUM("t1"."value_cny") AS "_v"
FROM (
  SELECT
    *
  FROM "tradestats_cube" AS "t0"
  WHERE
    "t0"."flow" = 'import'
) AS "t1"
GROUP BY
  1;

-- step 4: distinct enterprises _2
SELECT
  COUNT(DISTINCT "t1"."enterprise_id") AS "_enterprises_2"
FROM (
  SELECT
    *
  FROM "records" AS "t0"
  WHERE
    "t0"."period" BETWEEN '2025-01' AND '2025-12'
    AND "t0"."flow" IN ('export', 'import')
    AND COALESCE("t0"."partner" <> 'WLD', TRUE)
) AS "t1";

-- step 5: per-partner sums _2
SELECT
  "t1"."partner",
  COUNT(*) FILTER(WHERE
    "t1"."period" BETWEEN '2025-01' AND '2025-12') AS "_n",
  SUM("t1"."value_cny") FILTER(WHERE
    "t1"."period" BETWEEN '2025-01' AND '2025-12') AS "_c",
  SUM("t1"."value_cny") FILTER(WHERE
    "t1"."period" BETWEEN '2024-01' AND '2024-12') AS "_p"
FROM (
  SELECT
    *
  FROM "records" AS "t0"
  WHERE
    "t0"."period" BETWEEN '2024-01' AND '2025-12'
    AND "t0"."flow" IN ('export', 'import')
    AND COALESCE("t0"."partner" <> 'WLD', TRUE)
) AS "t1"
GROUP BY
  1;
