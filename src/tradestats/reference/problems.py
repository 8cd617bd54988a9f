"""Collect every problem in reference files (file, line, reason) and raise them together.

Example:
    >>> p = Problems()
    >>> p.add("groups/x.yaml", 3, "unknown country code 'XXX'")
    >>> p.add("groups/x.yaml", 7, "'to' 2020-01-01 is before 'from' 2021-01-01")
    >>> print(p.render())
    groups/x.yaml:3: unknown country code 'XXX'
    groups/x.yaml:7: 'to' 2020-01-01 is before 'from' 2021-01-01
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tradestats.errors import ValidationFailed


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one reference file."""

    file: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}"


class ReferenceDataError(ValidationFailed):
    """Reference files are invalid; ``problems`` lists every problem found (exit code 1)."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        lines = "\n".join(f"  {p}" for p in self.problems)
        super().__init__(f"{len(self.problems)} problem(s) in reference data:\n{lines}")


@dataclass
class Problems:
    """A growing list of problems; ``raise_if_any`` raises them all at once."""

    items: list[Problem] = field(default_factory=list)

    def add(self, file: str, line: int, reason: str) -> None:
        """Record one problem."""
        self.items.append(Problem(file, line, reason))

    def extend(self, other: Problems) -> None:
        """Take every problem of ``other``."""
        self.items.extend(other.items)

    def __bool__(self) -> bool:
        return bool(self.items)

    def render(self) -> str:
        """One line per problem, in file and line order."""
        return "\n".join(str(p) for p in sorted(self.items))

    def raise_if_any(self) -> None:
        """Raise :class:`ReferenceDataError` with every problem, if there is one."""
        if self.items:
            raise ReferenceDataError(list(self.items))
