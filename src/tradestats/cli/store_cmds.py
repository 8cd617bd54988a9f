"""Store commands: ingest and log."""

from __future__ import annotations
