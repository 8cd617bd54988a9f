"""Read YAML keeping line numbers, with every scalar as a string (``NO`` stays Norway).

PyYAML's composer gives nodes with start marks; we turn them into plain dicts, lists and
strings that remember the line they came from. Scalars are never converted: ``0101`` keeps
its zero, ``2025-10-26`` stays text, ``NA`` and ``NO`` stay country codes. Empty scalars and
``~``/``null`` become ``None``.

Example:
    >>> doc = parse_yaml("name: x\\nmembers:\\n  - {code: NO, from: 1995-01-01}\\n", "x.yaml")
    >>> doc["members"][0]["code"], doc["members"][0].line, doc.line_of("members")
    ('NO', 3, 2)
"""

from __future__ import annotations

from typing import Any

import yaml

from tradestats.reference.problems import Problems

NULLS = {"", "~", "null", "Null", "NULL"}


class YDict(dict[str, Any]):
    """A mapping that knows its own line and the line of each key (1-based)."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        """Line of ``key``, or of the mapping itself when the key is absent."""
        return self.key_lines.get(key, self.line)


class YStr(str):
    """A string that knows its line."""

    line: int = 0


class YList(list[Any]):
    """A sequence that knows its own line."""

    line: int = 0


def _convert(node: yaml.Node, duplicates: list[tuple[int, str]]) -> Any:
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out = YDict()
        out.line, out.key_lines = line, {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in out:
                duplicates.append((key_node.start_mark.line + 1, key))
            out[key] = _convert(value_node, duplicates)
            out.key_lines[key] = key_node.start_mark.line + 1
        return out
    if isinstance(node, yaml.SequenceNode):
        seq = YList(_convert(item, duplicates) for item in node.value)
        seq.line = line
        return seq
    text = YStr(node.value)
    text.line = line
    plain = isinstance(node, yaml.ScalarNode) and not node.style
    return None if plain and text in NULLS else text


def parse_yaml(text: str, file: str, problems: Problems | None = None) -> Any:
    """Parse ``text``; syntax errors and duplicate keys go to ``problems`` (or raise)."""
    try:
        node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        line = mark.line + 1 if mark is not None else 0
        reason = f"YAML syntax error: {getattr(err, 'problem', None) or err}"
        if problems is None:
            raise
        problems.add(file, line, reason)
        return None
    if node is None:
        return None
    duplicates: list[tuple[int, str]] = []
    doc = _convert(node, duplicates)
    for line, key in duplicates:
        if problems is None:
            raise ValueError(f"{file}:{line}: duplicate key {key!r}")
        problems.add(file, line, f"duplicate key {key!r}")
    return doc


def line_of(value: Any, default: int = 0) -> int:
    """The line a parsed value came from (``default`` for plain strings)."""
    return int(getattr(value, "line", default) or default)
