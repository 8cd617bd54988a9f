"""Fixtures for the reference tests (``shared_data`` comes from tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def concordance_dir(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A classifications dir holding only the UNSD HS2022-HS2017 correlation (read at test time)."""
    folder = tmp_path_factory.mktemp("classifications")
    source = shared_data / "hs2022_hs2017_correlation" / "hs2022_hs2017_correlation.csv"
    (folder / "hs_concordance.csv").write_text(source.read_text(encoding="utf-8-sig"), "utf-8")
    return folder


@pytest.fixture(scope="session")
def code_lists_dir(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A classifications dir with the HS2017 and HS2012 code lists, as a user supplies them.

    HS2017: the datasets/harmonized-system file as it is. HS2012: the codes of the HS2012 side
    of the consolidated 2012-2017 concordance, whose integers lost their leading zeros (padded
    back here; 999999 is its "not specified" row, no HS code).
    """
    import csv

    folder = tmp_path_factory.mktemp("code_lists")
    (folder / "hs").mkdir()
    nomenclature = shared_data / "hs_nomenclature" / "hs2017_harmonized-system.csv"
    (folder / "hs" / "HS2017.csv").write_text(nomenclature.read_text("utf-8-sig"), "utf-8")
    source = shared_data / "hs2022_hs2017_correlation"
    with (source / "hgl_consolidated_concordances_2012_2017_2022.csv").open(newline="") as fh:
        codes = {r["code.before"].zfill(6) for r in csv.DictReader(fh)
                 if r["adjustment"].strip() == "2017 to 2012"} - {"999999"}  # fmt: skip
    text = "hscode\n" + "".join(f"{c}\n" for c in sorted(codes))
    (folder / "hs" / "HS2012.csv").write_text(text, "utf-8")
    return folder
