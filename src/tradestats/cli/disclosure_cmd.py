"""`tradestats disclosure policy|table|audit`: a store's confidentiality policy, a protected
table, and the audit that proves its suppressed cells cannot be narrowed down.

Example:
    $ tradestats disclosure policy --store demo-store --threshold 3 --dominance 1:85,2:90
    $ tradestats disclosure table --store demo-store --period 2025 --flow export --by partner,hs2
    $ tradestats disclosure audit --store demo-store --period 2025 --flow export --by partner,hs2
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import typer
from rich.console import Console

from tradestats.cli.app import app
from tradestats.cli.output import FORMAT_OPTION, OUT_OPTION, OutputFormat, emit, to_rich
from tradestats.cli.query_cmd import _user_errors
from tradestats.errors import UsageError

disclosure_app = typer.Typer(help="Statistical confidentiality: policy, protected tables, audit.")
app.add_typer(disclosure_app, name="disclosure")

STORE = typer.Option(..., "--store", "-s", help="Store directory.")
PERIOD = typer.Option(..., "--period", "-p", help="2025, 2025-Q2, 2025-03 ...")
FLOW = typer.Option("total", "--flow", help="export, import, total, re_export or re_import.")
BY = typer.Option(..., "--by", help="Comma list: partner, hs2..hs8, enterprise_type, region ...")
NESTED = typer.Option(False, "--nested", help="Add the coarser HS levels as a hierarchy.")
PARTNER = typer.Option(None, "--partner", help="Only these partner codes (comma list).")
PRODUCT = typer.Option(None, "--product", help="Only HS codes with these prefixes.")
AS_OF = typer.Option(None, "--as-of", help="Read the store (and its policy) as of a batch.")


def _store(path: Path) -> Any:
    from tradestats.store import Store
    from tradestats.store.store import MARKER

    if not (path / MARKER).is_file():
        raise UsageError(f"{path} is not a tradestats store")
    return Store(path)


def _protected(
    store: Path,
    period: str,
    flow: str,
    by: str,
    nested: bool,
    partner: str | None,
    product: str | None,
    as_of: str | None,
    unrestricted: bool = False,
) -> Any:
    from tradestats.disclosure import load_policy, protect
    from tradestats.disclosure.cells import breakdown_cell_stats
    from tradestats.engine import Engine

    engine = Engine(_store(store))
    policy = load_policy(engine.store, as_of)
    where = {k: v.split(",") for k, v in (("partner", partner), ("product", product)) if v}
    stats = breakdown_cell_stats(
        engine, period, [d.strip() for d in by.split(",") if d.strip()], flow=flow,
        measure=policy.measure, as_of=as_of, where=where, nested=nested, top_n=policy.top_n,
    )  # fmt: skip
    return protect(stats, policy, unrestricted=unrestricted)


@disclosure_app.command("policy")
def policy_cmd(
    store: Path = STORE,
    threshold: int | None = typer.Option(None, help="Fewer than N enterprises: confidential."),
    dominance: str | None = typer.Option(None, help="n:k rules, e.g. 1:85,2:90 ('' for none)."),
    p_percent: str | None = typer.Option(None, "--p-percent", help="p of the p % rule, or off."),
    protection: int | None = typer.Option(None, help="Protection interval, % of the value."),
    singleton: bool | None = typer.Option(
        None, "--singleton/--no-singleton", help="Guard against single-enterprise neighbours."
    ),
    measure: str | None = typer.Option(None, help="Money column the rules judge."),
    note: str | None = typer.Option(None, help="Why the policy changes (kept in the file)."),
    history: bool = typer.Option(False, "--history", help="List every version."),
) -> None:
    """Show the store's disclosure policy, or set a new version of it (options given).

    A new version applies to readings of the store that include the last batch committed
    now; readings as of earlier batches keep the rules they had.

    Example: tradestats disclosure policy --store demo-store

    Example: tradestats disclosure policy --store demo-store --dominance 1:80 --note "review"
    """
    from tradestats.disclosure import load_policy, policy_history, save_policy
    from tradestats.disclosure.policy import Policy, parse_dominance, policy_path

    with _user_errors():
        s = _store(store)
        if history:
            for pol in policy_history(s) or [Policy()]:
                when = f"from {pol.from_batch or 'the start'}, set {pol.set_at or '-'}"
                typer.echo(f"v{pol.version} ({when}): {pol.describe()}")
            return
        current = load_policy(s)
        changes: dict[str, Any] = {}
        if threshold is not None:
            changes["threshold"] = threshold
        if dominance is not None:
            changes["dominance"] = [list(r) for r in parse_dominance(dominance)]
        if p_percent is not None:
            changes["p_percent"] = None if p_percent.lower() == "off" else int(p_percent)
        if protection is not None:
            changes["protection_pct"] = protection
        if singleton is not None:
            changes["singleton"] = singleton
        if measure is not None:
            changes["measure"] = measure
        if changes:
            doc = {**current.to_mapping(), **changes}
            for k in ("format", "version", "from_batch", "set_at", "note"):
                doc.pop(k)
            current = save_policy(s, Policy.from_mapping(doc, where="--options"), note=note)
        where = policy_path(s, current) or "defaults (no policy file)"
        typer.echo(f"policy v{current.version}: {where}")
        typer.echo(current.describe())
        typer.echo(f"measure: {current.measure}; singleton guard: {current.singleton}")


@disclosure_app.command("table")
def table_cmd(
    store: Path = STORE,
    period: str = PERIOD,
    flow: str = FLOW,
    by: str = BY,
    nested: bool = NESTED,
    partner: str | None = PARTNER,
    product: str | None = PRODUCT,
    as_of: str | None = AS_OF,
    unrestricted: bool = typer.Option(
        False, "--unrestricted", help="Internal use: show confidential values (still flagged)."
    ),
    fmt: OutputFormat = FORMAT_OPTION,
    out: Path | None = OUT_OPTION,
) -> None:
    """A breakdown with every margin, under the store's disclosure policy: confidential and
    complementary cells are null with flag c; published cells and totals are true values.

    Example: tradestats disclosure table --store demo-store --period 2025 --flow export
    --by partner,hs2 --format csv
    """
    with _user_errors():
        result = _protected(store, period, flow, by, nested, partner, product, as_of, unrestricted)
        emit(result.to_arrow(), fmt, out)


@disclosure_app.command("audit")
def audit_cmd(
    store: Path = STORE,
    period: str = PERIOD,
    flow: str = FLOW,
    by: str = BY,
    nested: bool = NESTED,
    partner: str | None = PARTNER,
    product: str | None = PRODUCT,
    as_of: str | None = AS_OF,
    fmt: OutputFormat = FORMAT_OPTION,
    out: Path | None = OUT_OPTION,
    method: str = typer.Option(
        "auto",
        "--method",
        metavar="<auto|lp|witness>",
        help="lp: every cell's exact interval by linear programs; witness: verify on integers "
        "the deviations that protect each cell (large tables), solving only where none holds; "
        "auto: lp up to 2,000 suppressed cells.",
    ),
) -> None:
    """Protect a breakdown and audit it: for every suppressed cell, the interval its value can
    take given everything published (linear programs), against the protection it needs.
    Exits 1 when a confidential cell is not protected. The report shows confidential values:
    it is for the statistics office only.

    Example: tradestats disclosure audit --store demo-store --period 2025 --flow export
    --by partner,hs2
    """
    with _user_errors():
        if method not in ("auto", "lp", "witness"):
            raise UsageError(f"--method {method!r} is not auto, lp or witness")
        result = _protected(store, period, flow, by, nested, partner, product, as_of)
        report = result.audit(method)
        rows = [_audit_row(r) for r in report.rows]
        if fmt is OutputFormat.JSON:
            text = json.dumps(report.to_json(), ensure_ascii=False, indent=1)
            if out is None:
                typer.echo(text)
            else:
                out.write_text(text + "\n", encoding="utf-8")
        elif fmt is OutputFormat.TABLE and out is None:
            console = Console(width=200)
            console.print(result.policy.describe(), highlight=False)
            console.print(to_rich(pa.Table.from_pylist(rows), title=report.summary()))
            for note in report.notes:
                console.print(note, highlight=False)
        else:
            emit(pa.Table.from_pylist(rows), fmt, out)
        if not report.ok:
            raise typer.Exit(1)


def _audit_row(r: Any) -> dict[str, Any]:
    from tradestats.disclosure.audit import money_text as money

    return {
        "cell": r.label,
        "reason": r.reason,
        "value": money(r.value),
        "required_low": money(r.need_low),
        "required_high": money(r.need_high),
        "low": money(r.low),
        "high": money(r.high) or ("" if r.proof == "none" else "unbounded"),
        "protected": "yes" if r.protected else "NO",
        "intruder": r.intruder,
        "proof": r.proof,
    }
