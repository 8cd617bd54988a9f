"""`tradestats demo`: synthetic records in, the 2025 release's figures out, in one command."""

from __future__ import annotations

import hashlib
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.table import Table

from tradestats.cli.app import app

if TYPE_CHECKING:  # the engine loads in about a second: only when the command runs
    from tradestats.engine import Engine
    from tradestats.synth.headline import Row

DEMO_RECORDS = 4_000_000  # enough lines for the 790,000 firms behind "over 780,000"
# The seed article lies beside the project (shared/seeds); the demo checks it when it is there.
SEED_ARTICLE = Path("../shared/seeds/000_cd315f6f60b908e6.txt")


def publish(engine: Engine, out: Path, article: Path | None, console: Console) -> None:
    """Write the 2025 bulletin in English and Chinese, then check the English one (and the
    article, if there is one) against the store with the claim checker."""
    from tradestats.bulletin import render_bulletin
    from tradestats.checker import check
    from tradestats.checker.report import to_html

    out.mkdir(parents=True, exist_ok=True)
    english = ""
    for lang in ("en", "zh"):
        for fmt in ("html", "md"):
            bulletin = render_bulletin(engine, "2025", lang=lang, fmt=fmt)
            target = out / f"bulletin-2025.{lang}.{fmt}"
            bulletin.write(target, trace=out / f"bulletin-2025.{lang}.trace.json")
            if (lang, fmt) == ("en", "md"):
                english = str(bulletin.content)
    console.print(f"bulletins written to {out}/ (English and Chinese, HTML and Markdown)")
    texts = {"bulletin-2025.en": english}
    if article is not None and article.is_file():
        texts[article.stem] = article.read_text(encoding="utf-8")
    for name, text in texts.items():
        report = check(text, store=engine)
        (out / f"check-{name}.html").write_text(to_html(report, title=f"Claim check: {name}"))
        verdicts = Counter(c.verdict.value for c in report.claims)
        summary = ", ".join(f"{n} {v}" for v, n in sorted(verdicts.items()))
        console.print(f"claim check of {name}: {summary} (check-{name}.html)")


OUTPUTS = [f"bulletin-2025.{lang}.{fmt}" for lang in ("en", "zh") for fmt in ("html", "md")]
STAMP = ".demo-stamp.json"  # what the outputs of --out were made from


def made_from(store: Path, article: Path | None) -> dict[str, object]:
    """What the demo's outputs depend on: the store's committed batches, the program (its
    files' sizes and times) and the article; equal stamps mean equal outputs."""
    import tradestats
    from tradestats.disclosure import policy_history
    from tradestats.store import Store

    package = Path(tradestats.__file__).parent
    digest = hashlib.sha256()
    for f in sorted(package.rglob("*")):
        if f.is_file() and "__pycache__" not in f.parts:
            st = f.stat()
            digest.update(f"{f.relative_to(package)}:{st.st_size}:{st.st_mtime_ns}\n".encode())
    art = article.stat() if article is not None and article.is_file() else None
    return {
        "batches": [b.id for b in Store(store).batches()],
        "disclosure": [p.version for p in policy_history(Store(store))],
        "store": str(store.resolve()),
        "program": digest.hexdigest(),
        "article": [str(article), art.st_size, art.st_mtime_ns] if art else None,
    }


def up_to_date(out: Path, stamp: dict[str, object]) -> bool:
    """True when every output of ``out`` was made from exactly ``stamp``."""
    try:
        old = json.loads((out / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return old == stamp and all((out / name).is_file() for name in OUTPUTS)


def headline_table(rows: list[Row], title: str) -> Table:
    """Article figure beside the value the engine computed from the records."""
    table = Table(title=title)
    table.add_column("figure")
    table.add_column("article", justify="right")
    table.add_column("from records", justify="right")
    table.add_column("")
    for r in rows:
        pub = r.figure.published
        published = f"over {int(pub[1:]):,}" if pub.startswith(">") else pub
        table.add_row(r.figure.label, published, r.computed, "ok" if r.ok else "[red]differs[/]")
    return table


def _fill(store: Path, records: int, seed: int, console: Console) -> None:
    from tradestats.ingest import ingest_files
    from tradestats.synth import generate

    show = sys.stderr.isatty()
    store.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=store.parent, prefix=".demo-data-") as tmp:
        result = generate(records, seed=seed, out=tmp, progress=show)
        console.print(
            f"generated {result.records:,} synthetic records in {result.seconds:.1f} s "
            f"({result.records_per_second:,.0f} records/s)"
        )
        report = ingest_files(store, result.files, progress=show, note="tradestats demo")
        console.print(f"ingested {report.rows_accepted:,} rows, {report.rows_quarantined} rejected")


def _set_policy(store: Path, console: Console) -> None:
    """Give the demo store a disclosure policy (the documented defaults) when it has none, so
    that every front end shows confidential cells as they would be on customs records."""
    from tradestats.disclosure import Policy, policy_history, save_policy
    from tradestats.store import Store

    if policy_history(Store(store)):
        return
    saved = save_policy(Store(store), Policy(), note="tradestats demo: the default rules")
    console.print(f"disclosure policy {saved.version} set: {saved.describe()}")


@app.command()
def demo(
    store: Path = typer.Option(Path("demo-store"), "--store", "-s", help="Store to fill."),
    records: int = typer.Option(DEMO_RECORDS, "--records", "-n", help="Synthetic lines."),
    seed: int = typer.Option(2025, "--seed", help="Random seed of the synthetic records."),
    out: Path = typer.Option(Path("demo-out"), "--out", "-o", help="Folder for the bulletins."),
    article: Path | None = typer.Option(
        SEED_ARTICLE, "--article", help="An article to check against the store, if present."
    ),
) -> None:
    """Generate calibrated synthetic records (first run only), ingest them into a store and
    print each figure of China's 2025 trade release beside the value computed from the records.

    The records are synthetic, calibrated to the published totals; a second run reuses the
    store (delete it to start over).

    Example: tradestats demo --store demo-store
    """
    from tradestats.engine import Engine
    from tradestats.store import Store
    from tradestats.synth.headline import headline

    console = Console()
    start = time.perf_counter()
    if Store(store).batches():
        console.print(f"{store} already holds data: reusing it (delete it to start over)")
    else:
        _fill(store, records, seed, console)
    _set_policy(store, console)
    rows = headline(Engine(store), "2025")
    title = "China's foreign trade in 2025: article vs synthetic records (via the engine)"
    console.print(headline_table(rows, title))
    matched = sum(r.ok for r in rows)
    console.print(f"{matched} of {len(rows)} figures match")
    stamp = made_from(store, article)
    if up_to_date(out, stamp):
        console.print(
            f"bulletins and claim checks in {out}/ are up to date (same store, program and "
            f"article): kept"
        )
    else:
        (out / STAMP).unlink(missing_ok=True)
        publish(Engine(store), out, article, console)
        (out / STAMP).write_text(json.dumps(stamp, indent=1), encoding="utf-8")
    console.print(f"done in {time.perf_counter() - start:.1f} s")
    console.print(f"explore it in a browser: tradestats serve --store {store}  (then open the URL)")
