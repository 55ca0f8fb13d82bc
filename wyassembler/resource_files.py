"""Read the files shipped in ``resources/`` (installed as ``wyassembler.resources``)."""

from __future__ import annotations

from importlib import resources
from importlib.abc import Traversable


def resource(*parts: str) -> Traversable:
    """A shipped resource, e.g. ``resource("schema", "wyproj.rng")``; works installed or from a checkout."""
    node = resources.files("wyassembler.resources")
    for part in parts:
        node = node.joinpath(part)
    return node


def resource_bytes(*parts: str) -> bytes:
    return resource(*parts).read_bytes()
