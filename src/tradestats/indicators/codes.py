"""Code tables: the codes of one record column sorted into classes by the tokens a plan tests.

A plan tests a few tokens on a column: ISO codes and partner groups on ``partner``, HS prefixes
and product groups on ``hs_code``, trade modes and their groups on ``trade_mode``. Testing them
on every record (an ``IN`` of 150 codes, an ``OR`` of 300 ``starts_with``) is what makes a scan
slow. Instead, the codes are sorted once, in Python, into *classes*: codes with the same answer
to every token share a class. A small table ``code -> class`` is joined to the records (one hash
probe per row) and the records are grouped by class; every token is then a test of a handful of
class numbers on the small aggregate.

Class 0 stands for "in no token" (codes outside the table and NULL codes), so a code in no token
never matches an include and always passes an exclude, as the selection rules say.

Product groups depend on the HS edition in force: when the periods read span two editions, the
table is keyed by (period, code).

Example:
    >>> m = set_map("partner", {"asean": {"VNM", "THA"}, "VNM": {"VNM"}})
    >>> sorted(m.classes["asean"]), sorted(m.classes["VNM"])
    ([1, 2], [1])
    >>> m.rows.to_pylist()
    [{'_k': 'THA', '_c': 2}, {'_k': 'VNM', '_c': 1}]
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import pyarrow as pa

CLASS_TYPE = pa.int32()


@dataclass(frozen=True)
class ClassMap:
    """Classes of the codes of ``column`` for the tokens a plan tests.

    ``rows`` maps a code (``_k``; with its period ``_p`` when ``by_period``) to its class
    (``_c``); ``classes`` gives, for each token, the classes whose codes it holds.
    """

    column: str
    rows: pa.Table
    classes: Mapping[str, frozenset[int]]
    by_period: bool = False
    name: str = field(default="", compare=False)

    @property
    def cube_column(self) -> str:
        """The class column added to the records (``_c_partner`` ...)."""
        return f"_c_{self.column}"

    def of(self, tokens: Iterable[str]) -> frozenset[int]:
        """Classes holding any of ``tokens``."""
        return frozenset().union(*(self.classes[t] for t in tokens))

    def labels(self, tokens: Sequence[str]) -> pa.Table:
        """``(_c, label)`` pairs: one per class and token holding it (many-to-many)."""
        pairs = [(c, t) for t in tokens for c in sorted(self.classes[t])]
        return pa.table(
            {"_c": pa.array([c for c, _ in pairs], CLASS_TYPE), "_label": [t for _, t in pairs]}
        )


def _digest(*parts: object) -> str:
    return hashlib.sha1(repr(parts).encode()).hexdigest()[:12]


def _classes(
    signatures: Iterable[tuple[str, tuple[int, ...]]], tokens: Sequence[str]
) -> tuple[dict[str, int], dict[str, frozenset[int]]]:
    """Number the distinct non-empty signatures 1..n (sorted, so numbering is stable)."""
    by_code = dict(signatures)
    numbers = {sig: i + 1 for i, sig in enumerate(sorted({s for s in by_code.values() if s}))}
    holding: dict[str, set[int]] = {t: set() for t in tokens}
    for sig, n in numbers.items():
        for i in sig:
            holding[tokens[i]].add(n)
    codes = {code: numbers[sig] for code, sig in by_code.items() if sig}
    return codes, {t: frozenset(s) for t, s in holding.items()}


def set_map(column: str, members: Mapping[str, Iterable[str]]) -> ClassMap:
    """Classes for tokens that are sets of codes (partner groups, trade-mode groups ...).

    >>> set_map("trade_mode", {"processing": {"0214", "0615"}}).classes
    {'processing': frozenset({1})}
    """
    tokens = sorted(members)
    sets = [frozenset(members[t]) for t in tokens]
    universe = sorted(frozenset().union(*sets))
    sigs = ((c, tuple(i for i, s in enumerate(sets) if c in s)) for c in universe)
    codes, classes = _classes(sigs, tokens)
    rows = pa.table(
        {"_k": pa.array(list(codes), pa.string()), "_c": pa.array(list(codes.values()), CLASS_TYPE)}
    )
    name = f"codes_{column}_{_digest(column, tokens, [sorted(s) for s in sets])}"
    return ClassMap(column, rows, classes, False, name)


@dataclass(frozen=True)
class PrefixRule:
    """A token on HS codes: codes starting with an ``include`` prefix and no ``exclude`` one."""

    include: tuple[str, ...]
    exclude: tuple[str, ...] = ()


def _signatures(codes: Sequence[str], rules: Sequence[PrefixRule]) -> dict[str, tuple[int, ...]]:
    """For each code, the indices of the rules holding it: a dictionary lookup per prefix
    length, not a comparison per rule and prefix."""
    plus: dict[str, list[int]] = {}
    minus: dict[str, list[int]] = {}
    for i, rule in enumerate(rules):
        for p in rule.include:
            plus.setdefault(p, []).append(i)
        for p in rule.exclude:
            minus.setdefault(p, []).append(i)
    lengths = sorted({len(p) for p in (*plus, *minus)})
    out = {}
    for code in codes:
        held: set[int] = set()
        dropped: set[int] = set()
        for k in lengths:
            if k > len(code):
                break
            head = code[:k]
            held.update(plus.get(head, ()))
            dropped.update(minus.get(head, ()))
        out[code] = tuple(sorted(held - dropped))
    return out


def prefix_map(
    column: str,
    rules: Callable[[str, str], PrefixRule],
    tokens: Sequence[str],
    codes: Iterable[str],
    editions: Mapping[str, Sequence[str]],
) -> ClassMap:
    """Classes of ``codes`` for prefix tokens whose rules depend on the edition.

    ``rules(token, edition)`` gives a token's rule; ``editions`` the periods read per edition.
    With one edition the table is keyed by code, else by (period, code).

    >>> rule = lambda t, e: PrefixRule(("85",), ("8507",))
    >>> m = prefix_map("hs_code", rule, ["me"], ["850440", "850760"], {"HS2022": ["2025"]})
    >>> m.rows.to_pylist()
    [{'_k': '850440', '_c': 1}]
    """
    tokens = sorted(tokens)
    universe = sorted({c for c in codes if c is not None})
    per_edition = {
        e: _signatures(universe, [rules(t, e) for t in tokens]) for e in sorted(editions)
    }
    sigs = [((e, c), sig) for e, by_code in per_edition.items() for c, sig in by_code.items()]
    numbered, classes = _classes(((f"{e}\0{c}", s) for (e, c), s in sigs), tokens)
    by_period = len(editions) > 1
    keys, periods, values = [], [], []
    for edition, by_code in per_edition.items():
        for code in by_code:
            n = numbered.get(f"{edition}\0{code}")
            if n is None:
                continue
            for period in editions[edition] if by_period else (None,):
                keys.append(code)
                periods.append(period)
                values.append(n)
    cols = {"_k": pa.array(keys, pa.string()), "_c": pa.array(values, CLASS_TYPE)}
    if by_period:
        cols = {"_p": pa.array(periods, pa.string()), **cols}
    inputs = (column, tokens, [(e, [rules(t, e) for t in tokens]) for e in sorted(editions)])
    name = f"codes_{column}_{_digest(inputs, universe, dict(editions))}"
    return ClassMap(column, pa.table(cols), classes, by_period, name)
