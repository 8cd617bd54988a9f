"""Raking of cell values onto overlapping margins (the KL-closest table meeting all of them).

Raking (iterative proportional fitting) multiplies the cells of each constrained set by
target / current sum, cycling until all hold; its fixed point is the table closest to the
prior in Kullback-Leibler divergence that meets every constraint (Csiszar 1975), of the form
``x = x0 * exp(sum of the multipliers of the sets a cell is in)``. Cycling converges slowly
when sets overlap a lot, so we find the same fixed point by Newton's method on those
multipliers (the convex dual), which takes a few dozen steps.

Cells that belong to exactly the same sets always get the same factor, so the solve runs on
*groups* of such cells (a few thousand) rather than on the cells themselves.

Example:
    >>> import numpy as np
    >>> x = np.ones(4)
    >>> cons = [Constraint("left", np.array([0, 1]), 6.0), Constraint("all", np.arange(4), 10.0)]
    >>> rake(x, cons).round(6).tolist()
    [3.0, 3.0, 2.0, 2.0]
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from tradestats.errors import UsageError

FLOOR = 1e-9  # targets are scaled to a total of 1: misses below 1e-9 of it do not count


@dataclass(frozen=True)
class Constraint:
    """Cells ``index`` must sum to ``target``."""

    name: str
    index: np.ndarray
    target: float


@dataclass(frozen=True)
class Partition:
    """Cells with label k must sum to ``targets[k]`` (label -1: unconstrained)."""

    name: str
    labels: np.ndarray
    targets: np.ndarray
    names: tuple[str, ...] = ()


@dataclass
class _Problem:
    """Grouped cells: per-group prior, partition label, subset membership; scaled targets."""

    x0: np.ndarray
    label: np.ndarray
    member: np.ndarray  # (groups, subsets) float 0/1
    t_part: np.ndarray
    t_sub: np.ndarray
    names: list[str]

    @property
    def size(self) -> int:
        return len(self.t_part) + len(self.t_sub)

    def values(self, lam: np.ndarray) -> np.ndarray:
        n_p = len(self.t_part)
        eta = self.member @ lam[n_p:]
        if n_p:
            eta = eta + np.where(self.label >= 0, lam[:n_p][np.maximum(self.label, 0)], 0.0)
        return self.x0 * np.exp(eta)

    def sums(self, x: np.ndarray) -> np.ndarray:
        ok = self.label >= 0
        part = np.bincount(self.label[ok], weights=x[ok], minlength=len(self.t_part))
        return np.concatenate([part, x @ self.member])

    def targets(self) -> np.ndarray:
        return np.concatenate([self.t_part, self.t_sub])

    def hessian(self, x: np.ndarray) -> np.ndarray:
        n_p, n_s = len(self.t_part), len(self.t_sub)
        h = np.zeros((self.size, self.size))
        ok = self.label >= 0
        h[:n_p, :n_p] = np.diag(np.bincount(self.label[ok], weights=x[ok], minlength=n_p))
        h[n_p:, n_p:] = self.member.T @ (self.member * x[:, None])
        if n_p:
            rows, cols = np.nonzero(self.member[ok])
            key = self.label[ok][rows] * n_s + cols
            cross = np.bincount(key, weights=x[ok][rows], minlength=n_p * n_s)
            h[:n_p, n_p:] = cross.reshape(n_p, n_s)
            h[n_p:, :n_p] = h[:n_p, n_p:].T
        return h


def _group(
    n: int, cons: list[Constraint], part: Partition | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Group id per cell, and per group: partition label and subset membership."""
    member = np.zeros((n, len(cons)), dtype=bool)
    for k, c in enumerate(cons):
        member[c.index, k] = True
    label = part.labels if part is not None else np.full(n, -1)
    keys = np.concatenate([label[:, None], np.packbits(member, axis=1).astype(np.int64)], axis=1)
    _, first, group = np.unique(keys, axis=0, return_index=True, return_inverse=True)
    return group.ravel(), label[first], member[first]


def _problem(
    x0: np.ndarray, cons: list[Constraint], part: Partition | None
) -> tuple[_Problem, np.ndarray]:
    group, label, member = _group(len(x0), cons, part)
    scale = max(float(x0.sum()), 1e-300)
    t_part = part.targets / scale if part is not None else np.zeros(0)
    names = []
    if part is not None:
        names = [f"{part.name} {n}" for n in (part.names or range(len(part.targets)))]
    names += [c.name for c in cons]
    gx0 = np.bincount(group, weights=x0 / scale, minlength=len(label))
    prob = _Problem(
        gx0,
        label,
        member.astype(np.float64),
        t_part,
        np.array([c.target for c in cons]) / scale,
        names,
    )
    return prob, group


def _misses(prob: _Problem, x: np.ndarray) -> np.ndarray:
    t = prob.targets()
    # relative to the target, but never finer than FLOOR of the whole (tiny partners)
    return np.abs(prob.sums(x) - t) / np.maximum(np.abs(t), FLOOR)


def _check_reachable(prob: _Problem) -> None:
    empty = [
        n
        for n, s, t in zip(prob.names, prob.sums(prob.x0), prob.targets(), strict=True)
        if t > 0 and s <= 0
    ]
    if empty:
        raise UsageError("no cells can carry these targets: " + ", ".join(empty[:10]))


def _ipf(prob: _Problem, x: np.ndarray, sweeps: int) -> np.ndarray:
    """Plain raking sweeps on the groups: slow to finish, but a safe way to get close."""
    x = x.copy()
    n_p = len(prob.t_part)
    ok = prob.label >= 0
    for _ in range(sweeps):
        if n_p:
            sums = np.bincount(prob.label[ok], weights=x[ok], minlength=n_p)
            factor = np.divide(prob.t_part, sums, out=np.ones(n_p), where=sums > 0)
            x[ok] *= factor[prob.label[ok]]
        for k in range(len(prob.t_sub)):
            inside = prob.member[:, k] > 0
            total = x[inside].sum()
            if total > 0:
                x[inside] *= prob.t_sub[k] / total
    return x


def _direction(h: np.ndarray, grad: np.ndarray, n_p: int) -> np.ndarray:
    """Solve h @ d = -grad; the partition block of h is diagonal, so eliminate it first."""
    d = h.diagonal()[:n_p]
    inv = np.divide(1.0, d, out=np.zeros(n_p), where=d > 0)
    c = h[:n_p, n_p:]
    schur = h[n_p:, n_p:] - c.T @ (c * inv[:, None])
    rhs = -grad[n_p:] + c.T @ (inv * grad[:n_p])
    d_sub = np.linalg.lstsq(schur, rhs, rcond=None)[0]  # lstsq: redundant targets are fine
    d_part = inv * (-grad[:n_p] - c @ d_sub)
    return np.concatenate([d_part, d_sub])


def _newton_step(prob: _Problem, t: np.ndarray) -> np.ndarray | None:
    """One damped Newton step on the dual from multipliers 0; None when no step helps."""
    x = prob.x0
    grad = prob.sums(x) - t
    step = _direction(prob.hessian(x), grad, len(prob.t_part))
    dual = x.sum()
    size = 1.0
    while size > 1e-6:  # backtracking line search on the (convex) dual
        xt = prob.values(size * step)
        dt = xt.sum() - t @ (size * step)
        if np.isfinite(dt) and dt <= dual + 1e-4 * size * (grad @ step):
            return xt
        size /= 2
    return None


def _solve(prob: _Problem, tol: float, max_steps: int) -> np.ndarray:
    """Group values meeting every target: raking to get close, then Newton steps."""
    t = prob.targets()
    base = prob.x0
    x = _ipf(prob, base, 20)
    for _ in range(max_steps):
        if _misses(prob, x).max() < tol:
            break
        prob.x0 = x  # Newton from the current point (same exponential family as the prior)
        nxt = _newton_step(prob, t)
        x = nxt if nxt is not None else _ipf(prob, x, 50)
    prob.x0 = base
    return x


def rake(
    x0: np.ndarray,
    constraints: list[Constraint],
    partitions: list[Partition] | None = None,
    tol: float = 1e-10,
    max_steps: int = 200,
) -> np.ndarray:
    """Scale ``x0`` (non-negative) until every constraint holds to relative ``tol``.

    At most one partition is supported. Raises UsageError naming the constraints still missed
    (the targets are then inconsistent with one another or with the available cells).
    """
    parts = partitions or []
    if len(parts) > 1:
        raise ValueError("rake supports at most one partition")
    prob, group = _problem(
        np.asarray(x0, dtype=np.float64), constraints, parts[0] if parts else None
    )
    _check_reachable(prob)
    gx = _solve(prob, tol, max_steps)
    miss = _misses(prob, gx)
    if miss.max() >= tol:
        worst = np.argsort(-miss)[:8]
        listed = "; ".join(
            f"{prob.names[k]} off by {miss[k]:.3g} (relative)" for k in worst if miss[k] >= tol
        )
        raise UsageError(f"calibration cannot meet all targets together: {listed}")
    factor = np.divide(gx, prob.x0, out=np.zeros_like(gx), where=prob.x0 > 0)
    return np.asarray(x0, dtype=np.float64) * factor[group]
