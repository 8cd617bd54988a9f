"""YAML loading that remembers line numbers, so spec problems can say ``file:line``.

Mappings load as :class:`LDict` and sequences as :class:`LList`; both know the line where
they start and the line of each key or item (1-based).

Example:
    >>> doc = load_yaml("a: 1\\nb:\\n  - x\\n  - y\\n", "spec.yaml")
    >>> doc.line_of("b"), doc["b"].line_of(1)
    (2, 4)
"""

from __future__ import annotations

from typing import Any

import yaml

from tradestats.errors import UsageError


class LDict(dict[str, Any]):
    """A mapping that knows its own line and the line of each key."""

    line: int = 0
    lines: dict[str, int]

    def line_of(self, key: str) -> int:
        """Line of ``key`` (the mapping's own line when the key is absent)."""
        return self.lines.get(key, self.line)


class LList(list[Any]):
    """A sequence that knows its own line and the line of each item."""

    line: int = 0
    lines: list[int]

    def line_of(self, index: int) -> int:
        return self.lines[index] if index < len(self.lines) else self.line


class _Loader(yaml.SafeLoader):
    """SafeLoader building LDict / LList."""


def _mapping(loader: _Loader, node: yaml.MappingNode) -> LDict:
    out = LDict()
    out.line = node.start_mark.line + 1
    out.lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        out[str(key)] = loader.construct_object(value_node, deep=True)
        out.lines[str(key)] = key_node.start_mark.line + 1
    return out


def _sequence(loader: _Loader, node: yaml.SequenceNode) -> LList:
    out = LList(loader.construct_object(child, deep=True) for child in node.value)
    out.line = node.start_mark.line + 1
    out.lines = [child.start_mark.line + 1 for child in node.value]
    return out


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)


def load_yaml(text: str, name: str) -> Any:
    """Parse ``text``; a syntax error becomes a UsageError naming ``name`` and the line."""
    try:
        return yaml.load(text, Loader=_Loader)  # a SafeLoader subclass
    except yaml.MarkedYAMLError as err:
        mark, ctx = err.problem_mark, err.context_mark
        line = mark.line + 1 if mark is not None else 0
        where = f" ({err.context} at line {ctx.line + 1})" if ctx is not None else ""
        raise UsageError(f"{name}:{line}: not valid YAML: {err.problem}{where}") from err
    except yaml.YAMLError as err:
        raise UsageError(f"{name}: not valid YAML: {err}") from err
