"""Where reference files come from: the package's ``data/`` overlaid by a user directory.

A user file replaces the packaged file with the same relative path (``groups/asean.yaml``);
a user file with a new name adds a group. Files are read as UTF-8 text.

Example:
    >>> files = reference_files(None)
    >>> "groups/asean.yaml" in files and "countries.tsv" in files
    True
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from tradestats.errors import UsageError

PATTERNS = (
    "countries.tsv", "regions.tsv", "enterprise_types.yaml", "trade_modes.yaml",
    "partner_areas.tsv", "comtrade_partners.tsv", "units.tsv",
)  # fmt: skip
FOLDERS = ("groups", "products")
CONCORDANCE = "hs_concordance.csv"


@dataclass(frozen=True)
class Source:
    """One reference file: its relative key, a name to show in messages, and its text."""

    key: str
    shown: str
    text: str


def _packaged() -> dict[str, Traversable]:
    root = resources.files("tradestats.reference") / "data"
    found: dict[str, Traversable] = {name: root / name for name in PATTERNS}
    for folder in FOLDERS:
        for item in (root / folder).iterdir():
            if item.name.endswith((".yaml", ".yml")):
                found[f"{folder}/{item.name}"] = item
    return found


def _user(directory: Path) -> dict[str, Path]:
    if not directory.is_dir():
        raise UsageError(f"classifications directory {str(directory)!r} does not exist")
    found = {name: directory / name for name in PATTERNS if (directory / name).is_file()}
    for folder in FOLDERS:
        sub = directory / folder
        if sub.is_dir():
            for item in sorted(sub.iterdir()):
                if item.suffix in (".yaml", ".yml"):
                    found[f"{folder}/{item.name}"] = item
    return found


def reference_files(directory: Path | None) -> dict[str, Source]:
    """Every reference file, packaged ones overlaid by those in ``directory``, by key."""
    out = {
        key: Source(key, f"<tradestats>/reference/data/{key}", item.read_text(encoding="utf-8"))
        for key, item in sorted(_packaged().items())
    }
    if directory is not None:
        for key, path in _user(directory).items():
            out[key] = Source(key, str(path), path.read_text(encoding="utf-8"))
    return out


def concordance_path(directory: Path | None) -> Path | None:
    """The user's ``hs_concordance.csv`` when the directory has one."""
    if directory is None:
        return None
    path = directory / CONCORDANCE
    return path if path.is_file() else None


def code_list_paths(directory: Path | None) -> dict[str, Path]:
    """The user's HS code lists, ``hs/HS2017.csv`` ..., by edition."""
    from tradestats.reference.hs import ALL_EDITIONS

    if directory is None:
        return {}
    return {
        e: directory / "hs" / f"{e}.csv"
        for e in ALL_EDITIONS
        if (directory / "hs" / f"{e}.csv").is_file()
    }
