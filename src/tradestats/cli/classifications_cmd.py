"""Classification commands: `tradestats classifications list|show|validate`.

Example:
    $ tradestats classifications list
    $ tradestats classifications show asean --on 2025-10-27
    $ tradestats classifications show new_trio --format csv
    $ tradestats classifications validate my-classifications/
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyarrow as pa
import typer
from rich.console import Console

from tradestats.cli.app import app
from tradestats.cli.output import FORMAT_OPTION, OUT_OPTION, OutputFormat, emit
from tradestats.errors import UsageError
from tradestats.reference import Reference, load_reference, validate_directory
from tradestats.reference.reference import lookup, normalize

classifications_app = typer.Typer(
    help="Reference classifications: partner groups, product groups, trade modes, countries.",
    no_args_is_help=True,
)
app.add_typer(classifications_app, name="classifications")

DIR_OPTION = typer.Option(
    None,
    "--classifications",
    envvar="TRADESTATS_CLASSIFICATIONS",
    help="Directory of user classification files overriding the packaged ones.",
)
SPECIAL = ("countries", "regions", "enterprise_types")


def _listing(ref: Reference) -> pa.Table:
    rows = []
    for g in ref.partner_groups.values():
        rows.append(("partner", g.name, g.title_en, g.title_zh, g.status))
    for p in ref.product_groups.values():
        rows.append(("product", p.name, p.title_en, p.title_zh, p.status))
    for t in ref.trade_mode_groups.values():
        rows.append(("trade_mode", t.name, t.title_en, t.title_zh, "official"))
    for e in ref.enterprise_types.values():
        rows.append(("enterprise_type", e.name, e.title_en, e.title_zh, "official"))
    names = ("kind", "name", "title_en", "title_zh", "status")
    return pa.table({n: [r[i] for r in rows] for i, n in enumerate(names)})


@classifications_app.command("list")
def list_(
    classifications: Path | None = DIR_OPTION,
    fmt: OutputFormat = FORMAT_OPTION,
    out: Path | None = OUT_OPTION,
) -> None:
    """List every partner group, product group, trade-mode group and enterprise type.

    Example:
        $ tradestats classifications list --format csv
    """
    emit(_listing(load_reference(classifications)), fmt, out, title="classifications")


def _partner_table(ref: Reference, name: str, on: dt.date | None) -> pa.Table:
    group = ref.partner_group(name)
    stretches = [m for m in group.memberships if on is None or m.active_on(on)]
    stretches.sort(key=lambda m: (m.code, m.start))
    countries = [ref.country(m.code) for m in stretches]
    return pa.table(
        {
            "code": [m.code for m in stretches],
            "name_en": [c.name_en for c in countries],
            "name_zh": [c.name_zh for c in countries],
            "from": [m.start for m in stretches],
            "to": [m.end for m in stretches],
            "source": [m.source for m in stretches],
        }
    )


def _product_table(ref: Reference, name: str, edition: str) -> pa.Table:
    """Expanded codes with descriptions; the prefix rules when the edition has no code list."""
    group = ref.product_group(name)
    if edition not in group.expanded:
        rules = [("include", p) for p in group.include(edition)]
        rules += [("exclude", p) for p in group.exclude(edition)]
        return pa.table(
            {
                "hs_prefix": [p for _, p in rules],
                "edition": [edition] * len(rules),
                "rule": [r for r, _ in rules],
            }
        )
    codes = group.expand(edition)
    descriptions = [ref.hs_description(c) if edition == "HS2022" else "" for c in codes]
    return pa.table(
        {"hs_code": codes, "edition": [edition] * len(codes), "description": descriptions}
    )


def _special_table(ref: Reference, key: str) -> pa.Table:
    if key == "countries":
        return pa.Table.from_pylist([vars(c) for c in ref.countries])
    if key == "regions":
        return pa.Table.from_pylist([vars(r) for r in ref.regions.values()])
    return pa.Table.from_pylist([vars(e) for e in ref.enterprise_types.values()])


def _kind_of(ref: Reference, name: str) -> str:
    key = normalize(name)
    for kind, index in (
        ("partner", ref._groups),
        ("product", ref._products),
        ("trade_mode", ref._modes),
    ):
        if key in index:
            return kind
    every = {**ref._groups, **ref._products, **ref._modes, **{k: k for k in SPECIAL}}
    lookup(every, name, "classification")  # raises with the nearest names
    return ""


def _parse_date(text: str | None) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"--on {text!r} is not a date", hint="use YYYY-MM-DD") from None


@classifications_app.command("show")
def show(
    name: str = typer.Argument(..., help="Group name or alias, or countries / regions."),
    on: str | None = typer.Option(None, "--on", help="Members on this date (YYYY-MM-DD)."),
    edition: str | None = typer.Option(None, "--edition", help="HS edition of a product group."),
    classifications: Path | None = DIR_OPTION,
    fmt: OutputFormat = FORMAT_OPTION,
    out: Path | None = OUT_OPTION,
) -> None:
    """Show one classification: members of a partner group (on a date), codes of a product group.

    Without --on a partner group shows every membership with its dates. For a product group,
    --on picks the HS edition in force on that date (default HS2022).

    Example:
        $ tradestats classifications show asean --on 2025-10-27
        $ tradestats classifications show photovoltaic --edition HS2022 --format json
        $ tradestats classifications show countries --format csv --out countries.csv
    """
    ref = load_reference(classifications)
    day = _parse_date(on)
    if normalize(name) in SPECIAL:
        table = _special_table(ref, normalize(name).replace(" ", "_"))
    else:
        kind = _kind_of(ref, name)
        if kind == "partner":
            table = _partner_table(ref, name, day)
        elif kind == "product":
            ed = edition or (ref.hs_edition(day.strftime("%Y-%m")) if day else "HS2022")
            table = _product_table(ref, name, ed.upper())
        else:
            codes = sorted(ref.trade_mode_group(name).codes)
            table = pa.table({"trade_mode": codes})
    emit(table, fmt, out, title=name)


@classifications_app.command("validate")
def validate(
    directory: Path = typer.Argument(..., help="Directory of classification files."),
) -> None:
    """Check a directory of user classification files; print every problem with file and line.

    The directory is laid out like the packaged data (countries.tsv, groups/*.yaml,
    products/*.yaml, trade_modes.yaml, ...) and is checked as an overlay on the packaged files.
    Exit code 1 when there is any problem.

    Example:
        $ tradestats classifications validate my-classifications/
    """
    problems = validate_directory(directory)
    console = Console(width=200, highlight=False)
    if problems:
        console.print(problems.render(), markup=False)
        console.print(f"{len(problems.items)} problem(s) found", markup=False)
        raise typer.Exit(1)
    console.print(f"ok: {directory} is valid", markup=False)
    # HS code lists the product groups have rules for but cannot check without (not an error).
    for edition, how in load_reference(directory).missing_code_lists().items():
        console.print(f"note: no {edition} code list: {how}", markup=False)
