WITH "t1" AS (
  SELECT
    "t0"."period",
    "t0"."flow",
    "t0"."hs_code",
    "t0"."partner",
    "t0"."value_cny",
    "t0"."value_usd",
    "t0"."quantity",
    "t0"."unit",
    "t0"."trade_mode",
    "t0"."enterprise_id",
    "t0"."enterprise_type",
    "t0"."region",
    "t0"."brand_type",
    "t0"."transport_mode",
    "t0"."reporter",
    "t0"."product_level",
    "t0"."value_eur",
    "t0"."period" BETWEEN '2025-01' AND '2025-12' AS "_cur",
    "t0"."period" BETWEEN '2024-01' AND '2024-12' AS "_prev",
    "t0"."flow" IN ('export', 'import') AND "t0"."partner" IN ('KEN', 'NGA', 'ZAF') AS "_in0",
    "t0"."flow" IN ('export', 'import')
    AND "t0"."partner" IN ('IDN', 'MYS', 'SGP', 'THA', 'TLS', 'VNM') AS "_in1",
    "t0"."flow" IN ('export', 'import') AS "_in2",
    "t0"."flow" IN ('export', 'import') AS "_in3",
    "t0"."flow" IN ('export', 'import')
    AND "t0"."partner" IN ('KAZ', 'NGA', 'RUS', 'THA', 'VNM') AS "_in4",
    (
      "t0"."flow" = 'export'
    ) AND "t0"."brand_type" IN ('1', '2') AS "_in5",
    "t0"."flow" = 'export' AS "_in6",
    (
      "t0"."flow" = 'export'
    )
    AND (
      STARTS_WITH("t0"."hs_code", '850231')
      OR STARTS_WITH("t0"."hs_code", '854142')
      OR STARTS_WITH("t0"."hs_code", '854143')
      OR STARTS_WITH("t0"."hs_code", '854140')
    ) AS "_in7",
    (
      "t0"."flow" = 'export'
    )
    AND (
      STARTS_WITH("t0"."hs_code", '8471') OR STARTS_WITH("t0"."hs_code", '8802')
    ) AS "_in8",
    "t0"."flow" = 'import' AS "_in9",
    "t0"."flow" IN ('export', 'import') AND "t0"."partner" IN ('BRA', 'MEX') AS "_in10",
    (
      "t0"."flow" = 'export'
    )
    AND (
      (
        STARTS_WITH("t0"."hs_code", '84') OR STARTS_WITH("t0"."hs_code", '85')
      )
      AND NOT (
        STARTS_WITH("t0"."hs_code", '8507')
      )
    ) AS "_in11",
    (
      "t0"."flow" = 'import'
    )
    AND (
      (
        STARTS_WITH("t0"."hs_code", '84') OR STARTS_WITH("t0"."hs_code", '85')
      )
      AND NOT (
        STARTS_WITH("t0"."hs_code", '8507')
      )
    ) AS "_in12",
    (
      "t0"."flow" = 'export'
    )
    AND (
      STARTS_WITH("t0"."hs_code", '870380')
      OR STARTS_WITH("t0"."hs_code", '850760')
      OR STARTS_WITH("t0"."hs_code", '854142')
      OR STARTS_WITH("t0"."hs_code", '854143')
    ) AS "_in13",
    "t0"."flow" IN ('export', 'import') AND "t0"."enterprise_type" IN ('private') AS "_in14",
    (
      "t0"."flow" = 'export'
    ) AND STARTS_WITH("t0"."hs_code", '850231') AS "_in15"
  FROM "records" AS "t0"
  WHERE
    "t0"."period" BETWEEN '2024-01' AND '2025-12'
    AND (
      "t0"."flow" IN ('export', 'import')
      OR "t0"."flow" IN ('export', 'import')
      OR "t0"."flow" IN ('export', 'import')
      OR "t0"."flow" IN ('export', 'import')
      OR "t0"."flow" IN ('export', 'import')
      OR (
        "t0"."flow" = 'export'
      )
      OR (
        "t0"."flow" = 'export'
      )
      OR (
        "t0"."flow" = 'export'
      )
      OR (
        "t0"."flow" = 'export'
      )
      OR (
        "t0"."flow" = 'import'
      )
      OR "t0"."flow" IN ('export', 'import')
      OR (
        "t0"."flow" = 'export'
      )
      OR (
        "t0"."flow" = 'import'
      )
      OR (
        "t0"."flow" = 'export'
      )
      OR "t0"."flow" IN ('export', 'import')
      OR (
        "t0"."flow" = 'export'
      )
    )
)
SELECT
  "t6"."_b_cur_0" AS "africa.total.value",
  CASE
    WHEN "t6"."_b_prev_0" > 0
    THEN (
      CAST("t6"."_b_cur_0" - "t6"."_b_prev_0" AS DOUBLE) / CAST("t6"."_b_prev_0" AS DOUBLE)
    ) * 100
    ELSE CAST(NULL AS DOUBLE)
  END AS "africa.total.yoy",
  CASE
    WHEN "t6"."_p_cur_2" > 0
    THEN (
      CAST("t6"."_b_cur_1" AS DOUBLE) / CAST("t6"."_p_cur_2" AS DOUBLE)
    ) * 100
    ELSE CAST(NULL AS DOUBLE)
  END AS "asean.total.share",
  "t6"."_b_cur_1" AS "asean.total.value",
  CASE
    WHEN "t6"."_b_prev_1" > 0
    THEN (
      CAST("t6"."_b_cur_1" - "t6"."_b_prev_1" AS DOUBLE) / CAST("t6"."_b_prev_1" AS DOUBLE)
    ) * 100
    ELSE CAST(NULL AS DOUBLE)
  END AS "asean.total.yoy",
  "t6"."_b_cur_3" AS "balance.value",
  CASE
    WHEN "t6"."_p_cur_2" > 0
    THEN (
      CAST("t6"."_b_cur_4" AS DOUBLE) / CAST("t6"."_p_cur_2" AS DOUBLE)
    ) * 100
    ELSE CAST(NULL AS DOUBLE)
  END AS "bri.total.share",
  "t6"."_b_cur_4" AS "bri.total.value",
  CASE
    WHEN "t6"."_b_prev_4" > 0
    THEN (
      CAST("t6"."_b_cur_4" - "t6"."_b_prev_4" AS DOUBLE) / CAST("t6"."_b_prev_4" AS DOUBLE)
    ) * 100
    ELSE CAST(NULL AS DOUBLE)
  END AS "bri.total.yoy",
  CASE
    WHEN "t6"."_p_cur_6" > 0
    THEN (
      CAST("t6"."_b_cur_5" AS DOUBLE) / CAST("t6"."_p_cur_6" AS DOUBLE)
    ) * 100
    ELSE CAST(NULL AS DOUBLE)
  END AS "domestic_brand.exports.share",
  CASE
    WHEN "t6"."_p_cur_6" > 0
    THEN (
      CAST("t6"."_b_cur_5" AS DOUBLE) / CAST("t6"."_p_cur_6" AS DOUBLE)
    ) * 100
    ELSE CAST(NULL AS DOUBLE)
  END - CASE
    WHEN "t6"."_p_prev_6" > 0
    THEN (
      CAST("t6"."_b_prev_5" AS DOUBLE) / CAST("t6"."_p_prev_6" AS DOUBLE)
    ) * 100
    ELSE CAST(NULL AS DOUBLE)
  END AS "domestic_brand.exports.share_change",
  "t6"."_b_cur_5" AS "domestic_brand.exports.value",
  CASE
    WHEN "t6"."_b_prev_5" > 0
    THEN (
      CAST("t6"."_b_cur_5" - "t6"."_b_prev_5" AS DOUBLE) / CAST("t6"."_b_prev_5" AS DOUBLE)
    ) * 100
    ELSE CAST(NULL AS DOUBLE)
  END AS "domestic_brand.exports.yoy",
  "t4"."_enterprises_2" AS "enterprises.count",
  "t6"."_records_2" AS "__records:enterprises.count",
  "t6"."_enterprise_ids_2" AS "__enterprise_ids:enterprises.count",
  "t6"."_b_cur_6" AS "exports.value",
  CASE
    WHEN "t6"."_b_prev_6" > 0
    THEN (
      CAST("t6"."_b_cur_6" - "t6"."_b_prev_6" AS DOUBLE) / CAST("t6"."_b_prev_6" AS DOUBLE)
    ) * 100
    ELSE CAST(NULL AS DOUBLE)
  END AS "exports.yoy",
  CASE
    WHEN "t6"."_b_prev_7" > 0
    THEN (
      CAST("t6"."_b_cur_7" - "t6"."_b_prev_7" AS DOUBLE) / CAST("t6"."_b_prev_7" AS DOUBLE)
    ) * 100
    ELSE CAST(NULL AS DOUBLE)
  END AS "green.exports.yoy",
  "t6"."_b_cur_8" AS "high_tech.exports.value",
  CASE
    WHEN "t6"."_b_prev_8" > 0
    THEN (
      CAST("t6"."_b_cur_8" - "t6"."_b_prev_8" AS DOUBLE) / CAST("t6"."_b_prev_8" AS DOUBLE)
    ) * 100
    ELSE CAST(NULL AS DOUBLE)
  END AS "high_tech.exports.yoy",
  "t6"."_b_cur_9" AS "imports.value",
  CASE
    WHEN "t6"."_b_prev_9" > 0
    THEN (
      CAST("t6"."_b_cur_9" - "t6"."_b_prev_9" AS DOUBLE) / CAST("t6"."_b_prev_9" AS DOUBLE)
    ) * 100
    ELSE CAST(NULL AS DOUBLE)
  END AS "imports.yoy",
  "t6"."_b_cur_10" AS "latin_america.total.value",
  CASE
    WHEN "t6"."_b_prev_10" > 0
    THEN (
      CAST("t6"."_b_cur_10" - "t6"."_b_prev_10" AS DOUBLE) / CAST("t6"."_b_prev_10" AS DOUBLE)
    ) * 100
    ELSE CAST(NULL AS DOUBLE)
  END AS "latin_america.total.yoy",
  CASE
    WHEN "t6"."_p_cur_6" > 0
    THEN (
      CAST("t6"."_b_cur_11" AS DOUBLE) / CAST("t6"."_p_cur_6" AS DOUBLE)
    ) * 100
    ELSE CAST(NULL AS DOUBLE)
  END AS "mechanical_electrical.exports.share",
  "t6"."_b_cur_12" AS "mechanical_electrical.imports.value",
  CASE
    WHEN "t6"."_b_prev_12" > 0
    THEN (
      CAST("t6"."_b_cur_12" - "t6"."_b_prev_12" AS DOUBLE) / CAST("t6"."_b_prev_12" AS DOUBLE)
    ) * 100
    ELSE CAST(NULL AS DOUBLE)
  END AS "mechanical_electrical.imports.yoy",
  "t6"."_b_cur_13" AS "new_trio.exports.value",
  CASE
    WHEN "t6"."_b_prev_13" > 0
    THEN (
      CAST("t6"."_b_cur_13" - "t6"."_b_prev_13" AS DOUBLE) / CAST("t6"."_b_prev_13" AS DOUBLE)
    ) * 100
    ELSE CAST(NULL AS DOUBLE)
  END AS "new_trio.exports.yoy",
  "t4"."_partners_2" AS "partners.count",
  CASE
    WHEN "t6"."_p_cur_2" > 0
    THEN (
      CAST("t6"."_b_cur_14" AS DOUBLE) / CAST("t6"."_p_cur_2" AS DOUBLE)
    ) * 100
    ELSE CAST(NULL AS DOUBLE)
  END AS "private.total.share",
  "t6"."_b_cur_14" AS "private.total.value",
  CASE
    WHEN "t6"."_b_prev_14" > 0
    THEN (
      CAST("t6"."_b_cur_14" - "t6"."_b_prev_14" AS DOUBLE) / CAST("t6"."_b_prev_14" AS DOUBLE)
    ) * 100
    ELSE CAST(NULL AS DOUBLE)
  END AS "private.total.yoy",
  "t6"."_b_cur_2" AS "total.value",
  "t6"."_value_usd_2" AS "total.value_usd",
  CASE
    WHEN "t6"."_b_prev_2" > 0
    THEN (
      CAST("t6"."_b_cur_2" - "t6"."_b_prev_2" AS DOUBLE) / CAST("t6"."_b_prev_2" AS DOUBLE)
    ) * 100
    ELSE CAST(NULL AS DOUBLE)
  END AS "total.yoy",
  CASE
    WHEN "t6"."_b_prev_15" > 0
    THEN (
      CAST("t6"."_b_cur_15" - "t6"."_b_prev_15" AS DOUBLE) / CAST("t6"."_b_prev_15" AS DOUBLE)
    ) * 100
    ELSE CAST(NULL AS DOUBLE)
  END AS "wind_turbines.exports.yoy"
FROM (
  SELECT
    COALESCE(
      SUM("t2"."value_cny") FILTER(WHERE
        "t2"."_cur" AND "t2"."_in0"),
      CAST(0 AS DECIMAL(38, 2))
    ) AS "_b_cur_0",
    COALESCE(
      SUM("t2"."value_cny") FILTER(WHERE
        "t2"."_prev" AND "t2"."_in0"),
      CAST(0 AS DECIMAL(38, 2))
    ) AS "_b_prev_0",
    COALESCE(
      SUM("t2"."value_cny") FILTER(WHERE
        "t2"."_cur" AND "t2"."_in1"),
      CAST(0 AS DECIMAL(38, 2))
    ) AS "_b_cur_1",
    COALESCE(
      SUM("t2"."value_cny") FILTER(WHERE
        "t2"."_prev" AND "t2"."_in1"),
      CAST(0 AS DECIMAL(38, 2))
    ) AS "_b_prev_1",
    COALESCE(
      SUM("t2"."value_cny") FILTER(WHERE
        "t2"."_cur" AND "t2"."_in2"),
      CAST(0 AS DECIMAL(38, 2))
    ) AS "_p_cur_2",
    COALESCE(
      SUM("t2"."value_cny") FILTER(WHERE
        "t2"."_prev" AND "t2"."_in2"),
      CAST(0 AS DECIMAL(38, 2))
    ) AS "_p_prev_2",
    COALESCE(
      SUM(
        CASE
          WHEN "t2"."flow" = 'import'
          THEN -(
            "t2"."value_cny"
          )
          ELSE "t2"."value_cny"
        END
      ) FILTER(WHERE
        "t2"."_cur" AND "t2"."_in3"),
      CAST(0 AS DECIMAL(38, 2))
    ) AS "_b_cur_3",
    COALESCE(
      SUM(
        CASE
          WHEN "t2"."flow" = 'import'
          THEN -(
            "t2"."value_cny"
          )
          ELSE "t2"."value_cny"
        END
      ) FILTER(WHERE
        "t2"."_prev" AND "t2"."_in3"),
      CAST(0 AS DECIMAL(38, 2))
    ) AS "_b_prev_3",
    COALESCE(
      SUM("t2"."value_cny") FILTER(WHERE
        "t2"."_cur" AND "t2"."_in4"),
      CAST(0 AS DECIMAL(38, 2))
    ) AS "_b_cur_4",
    COALESCE(
      SUM("t2"."value_cny") FILTER(WHERE
        "t2"."_prev" AND "t2"."_in4"),
      CAST(0 AS DECIMAL(38, 2))
    ) AS "_b_prev_4",
    COALESCE(
      SUM("t2"."value_cny") FILTER(WHERE
        "t2"."_cur" AND "t2"."_in5"),
      CAST(0 AS DECIMAL(38, 2))
    ) AS "_b_cur_5",
    COALESCE(
      SUM("t2"."value_cny") FILTER(WHERE
        "t2"."_prev" AND "t2"."_in5"),
      CAST(0 AS DECIMAL(38, 2))
    ) AS "_b_prev_5",
    COALESCE(
      SUM("t2"."value_cny") FILTER(WHERE
        "t2"."_cur" AND "t2"."_in6"),
      CAST(0 AS DECIMAL(38, 2))
    ) AS "_p_cur_6",
    COALESCE(
      SUM("t2"."value_cny") FILTER(WHERE
        "t2"."_prev" AND "t2"."_in6"),
      CAST(0 AS DECIMAL(38, 2))
    ) AS "_p_prev_6",
    COALESCE(
      SUM("t2"."value_cny") FILTER(WHERE
        "t2"."_cur" AND "t2"."_in2"),
      CAST(0 AS DECIMAL(38, 2))
    ) AS "_b_cur_2",
    COALESCE(
      SUM("t2"."value_cny") FILTER(WHERE
        "t2"."_prev" AND "t2"."_in2"),
      CAST(0 AS DECIMAL(38, 2))
    ) AS "_b_prev_2",
    COUNT(*) FILTER(WHERE
      "t2"."_cur" AND "t2"."_in2") AS "_records_2",
    COUNT("t2"."enterprise_id") FILTER(WHERE
      "t2"."_cur" AND "t2"."_in2") AS "_enterprise_ids_2",
    COALESCE(
      SUM("t2"."value_cny") FILTER(WHERE
        "t2"."_cur" AND "t2"."_in6"),
      CAST(0 AS DECIMAL(38, 2))
    ) AS "_b_cur_6",
    COALESCE(
      SUM("t2"."value_cny") FILTER(WHERE
        "t2"."_prev" AND "t2"."_in6"),
      CAST(0 AS DECIMAL(38, 2))
    ) AS "_b_prev_6",
    COALESCE(
      SUM("t2"."value_cny") FILTER(WHERE
        "t2"."_cur" AND "t2"."_in7"),
      CAST(0 AS DECIMAL(38, 2))
    ) AS "_b_cur_7",
    COALESCE(
      SUM("t2"."value_cny") FILTER(WHERE
        "t2"."_prev" AND "t2"."_in7"),
      CAST(0 AS DECIMAL(38, 2))
    ) AS "_b_prev_7",
    COALESCE(
      SUM("t2"."value_cny") FILTER(WHERE
        "t2"."_cur" AND "t2"."_in8"),
      CAST(0 AS DECIMAL(38, 2))
    ) AS "_b_cur_8",
    COALESCE(
      SUM("t2"."value_cny") FILTER(WHERE
        "t2"."_prev" AND "t2"."_in8"),
      CAST(0 AS DECIMAL(38, 2))
    ) AS "_b_prev_8",
    COALESCE(
      SUM("t2"."value_cny") FILTER(WHERE
        "t2"."_cur" AND "t2"."_in9"),
      CAST(0 AS DECIMAL(38, 2))
    ) AS "_b_cur_9",
    COALESCE(
      SUM("t2"."value_cny") FILTER(WHERE
        "t2"."_prev" AND "t2"."_in9"),
      CAST(0 AS DECIMAL(38, 2))
    ) AS "_b_prev_9",
    COALESCE(
      SUM("t2"."value_cny") FILTER(WHERE
        "t2"."_cur" AND "t2"."_in10"),
      CAST(0 AS DECIMAL(38, 2))
    ) AS "_b_cur_10",
    COALESCE(
      SUM("t2"."value_cny") FILTER(WHERE
        "t2"."_prev" AND "t2"."_in10"),
      CAST(0 AS DECIMAL(38, 2))
    ) AS "_b_prev_10",
    COALESCE(
      SUM("t2"."value_cny") FILTER(WHERE
        "t2"."_cur" AND "t2"."_in11"),
      CAST(0 AS DECIMAL(38, 2))
    ) AS "_b_cur_11",
    COALESCE(
      SUM("t2"."value_cny") FILTER(WHERE
        "t2"."_prev" AND "t2"."_in11"),
      CAST(0 AS DECIMAL(38, 2))
    ) AS "_b_prev_11",
    COALESCE(
      SUM("t2"."value_cny") FILTER(WHERE
        "t2"."_cur" AND "t2"."_in12"),
      CAST(0 AS DECIMAL(38, 2))
    ) AS "_b_cur_12",
    COALESCE(
      SUM("t2"."value_cny") FILTER(WHERE
        "t2"."_prev" AND "t2"."_in12"),
      CAST(0 AS DECIMAL(38, 2))
    ) AS "_b_prev_12",
    COALESCE(
      SUM("t2"."value_cny") FILTER(WHERE
        "t2"."_cur" AND "t2"."_in13"),
      CAST(0 AS DECIMAL(38, 2))
    ) AS "_b_cur_13",
    COALESCE(
      SUM("t2"."value_cny") FILTER(WHERE
        "t2"."_prev" AND "t2"."_in13"),
      CAST(0 AS DECIMAL(38, 2))
    ) AS "_b_prev_13",
    COALESCE(
      SUM("t2"."value_cny") FILTER(WHERE
        "t2"."_cur" AND "t2"."_in14"),
      CAST(0 AS DECIMAL(38, 2))
    ) AS "_b_cur_14",
    COALESCE(
      SUM("t2"."value_cny") FILTER(WHERE
        "t2"."_prev" AND "t2"."_in14"),
      CAST(0 AS DECIMAL(38, 2))
    ) AS "_b_prev_14",
    COALESCE(
      SUM("t2"."value_usd") FILTER(WHERE
        "t2"."_cur" AND "t2"."_in2"),
      CAST(0 AS DECIMAL(38, 2))
    ) AS "_value_usd_2",
    COALESCE(
      SUM("t2"."value_cny") FILTER(WHERE
        "t2"."_cur" AND "t2"."_in15"),
      CAST(0 AS DECIMAL(38, 2))
    ) AS "_b_cur_15",
    COALESCE(
      SUM("t2"."value_cny") FILTER(WHERE
        "t2"."_prev" AND "t2"."_in15"),
      CAST(0 AS DECIMAL(38, 2))
    ) AS "_b_prev_15"
  FROM "t1" AS "t2"
) AS "t6"
CROSS JOIN (
  SELECT
    COUNT(DISTINCT "t2"."enterprise_id") FILTER(WHERE
      "t2"."_cur" AND "t2"."_in2") AS "_enterprises_2",
    COUNT(DISTINCT "t2"."partner") FILTER(WHERE
      "t2"."_cur" AND "t2"."_in2") AS "_partners_2"
  FROM "t1" AS "t2"
) AS "t4";
