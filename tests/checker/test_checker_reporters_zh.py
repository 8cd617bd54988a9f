"""Whose figures a Chinese text quotes: Taiwan's releases in traditional script (財政部,
關務署, 新臺幣, 我國 meaning Taiwan), China's in either script, and other economies named as
partners (对美出口, 对东盟、欧盟、韩国进出口, 中欧贸易) rather than as reporters."""

from __future__ import annotations

from test_checker_consistency import findings

from tradestats.checker import extract_claims
from tradestats.checker.zhtext import traditional

TAIWAN = (
    "我國出口連續兩年成長\n\n"
    "財政部關務署今（7）日發布統計，114年10月我國出口618.0億美元，較上年同月增加49.7%；"
    "進口456.2億美元，增加38.3%。10月對美國出口203.4億美元，占我國總出口的32.9%。"
)


def read(text: str, date: str = "2025-11-07") -> list[tuple[str, str, dict[str, str]]]:
    return [(c.text, c.measure.value, c.subject.as_dict()) for c in extract_claims(text, date)]


def test_a_taiwan_release_reports_taiwan_and_wo_guo_is_taiwan() -> None:
    got = read(TAIWAN)
    assert [r for _, _, s in got if (r := s.get("reporter")) != "TWN"] == []
    assert [m for _, m, _ in got] == ["streak", "value", "yoy_pct", "value", "yoy_pct", "value",
                                      "share_pct"]  # fmt: skip
    share = got[-1][2]
    assert (share["partner"], share["parent_flow"]) == ("USA", "export")


def test_china_ministry_of_finance_in_simplified_script_is_no_taiwan_office() -> None:
    text = ("财政部：前10个月全国一般公共预算收入增长0.8%\n\n"
            "另据海关总署统计，前10个月，我国出口21.87万亿元，增长6.2%。")  # fmt: skip
    got = read(text, "2025-11-18")
    assert got[0][2] == {"flow": None, "topic": "一般公共预算"}  # a budget figure, not trade
    assert [s for t, _, s in got[1:]] == [{"flow": "export"}, {"flow": "export"}]


def test_script() -> None:
    assert traditional(TAIWAN) and not traditional("我国出口增长6.1%")


def test_new_taiwan_dollars_are_no_yuan() -> None:
    text = ("臺灣第三季出口年增三成\n\n臺灣第三季出口1,646.4億美元，年增31.9%。"
            "以新臺幣計，第三季出口4.99兆元，年增27.5%。")  # fmt: skip
    claims = extract_claims(text, "2025-10-10")
    nt = next(c for c in claims if c.text == "4.99兆元")
    assert (nt.stated.unit, nt.subject.reporter) == ("TWD", "TWN")
    assert next(c for c in claims if c.text == "27.5%").subject.basis == "value_twd"
    # 4.99 trillion NT$ / 164.64 billion US$ is 30.3 NT$ per dollar: no yuan rate to flag.
    assert all(ok for ok, _ in findings(text).get("exchange_rate", []))


def test_economies_after_a_preposition_are_partners_not_reporters() -> None:
    text = ("前三季度，我国对东盟、欧盟、美国、日本、韩国进出口分别为5.57万亿元、"
            "4.23万亿元、3.1万亿元、1.63万亿元、1.67万亿元。"
            "其中，对东盟、欧盟进出口分别增长9.6%、4.4%。")  # fmt: skip
    got = read(text, "2025-10-13")
    assert {s.get("reporter", "CHN") for _, _, s in got} == {"CHN"}
    assert [s["partner"] for _, _, s in got] == ["asean", "eu27", "USA", "JPN", "KOR", "asean",
                                                 "eu27"]  # fmt: skip


def test_us_exports_to_china_are_reported_by_the_us() -> None:
    (claim,) = extract_claims("2025年，美国对华出口下降5%。", "2026-01-14")
    assert (claim.subject.reporter, claim.subject.partner) == ("USA", "CHN")
    (claim,) = extract_claims("2025年，全年对美出口下降10%。", "2026-01-14")
    assert (claim.subject.reporter, claim.subject.partner) == ("CHN", "USA")


def test_china_eu_trade_is_chinas_figure() -> None:
    text = ("据欧盟统计局数据，2024年欧盟自中国进口5178亿欧元。\n\n"
            "而据中国海关统计，2024年中欧贸易额为7858亿美元。")  # fmt: skip
    last = extract_claims(text, "2025-03-20")[-1]
    assert (last.subject.reporter, last.subject.partner) == ("CHN", "eu27")


def test_a_headline_space_ends_a_clause() -> None:
    got = read("中國9月出口年增8.3% 對美出口年減27%", "2025-10-13")
    assert [s.get("partner") for _, _, s in got] == [None, "USA"]


def test_the_mainland_named_in_a_later_clause_is_not_the_partner_before_it() -> None:
    text = ("政府統計處今日發表的數字顯示，二○二五年首十個月合計，商品整體出口貨值較去年同期上升"
            "12.9%，其中輸往內地的整體出口貨值上升15.1%。")  # fmt: skip
    got = read(text, "2025-11-25")
    assert [(s["reporter"], s.get("partner")) for _, _, s in got] == [("HKG", None),
                                                                      ("HKG", "CHN")]  # fmt: skip


def test_first_three_quarters_in_taiwan_usage() -> None:
    (claim,) = extract_claims("我國前三季出口累計4,679.9億美元。", "2025-10-10")
    assert claim.period == "2025-01..2025-09"


def test_the_place_of_a_chinese_dateline_is_no_region() -> None:
    for text in ("新华社北京1月14日电（记者）海关总署14日发布数据，2025年我国出口26.99万亿元。",
                 "（中央社台北13日電）中國海關總署今天公布，9月出口年增8.3%。"):  # fmt: skip
        (claim,) = extract_claims(text, "2026-01-14")
        assert claim.subject.region is None, text
