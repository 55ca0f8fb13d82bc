"""Shared test data: actors of the West Yorkshire preset and a fixed time."""

from __future__ import annotations

from datetime import datetime, UTC

from wyassembler.core.model import Actor

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)

COORDINATOR = Actor("joint-services", "H. Dawson", "coordinator")
KIRKLEES = Actor("kirklees", "S. Patel", "partner lead")
CALDERDALE = Actor("calderdale", "J. Smith", "partner lead")
POLICE = Actor("police", "P. Clarke", "partner lead")
