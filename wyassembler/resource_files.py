"""Read the files shipped in ``resources/`` (installed as the package ``wyassembler.resources``)."""

from __future__ import annotations

from importlib import resources
from importlib.abc import Traversable
from pathlib import Path

# In a source checkout that was never installed, resources/ sits beside the package.
_CHECKOUT_RESOURCES = Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Traversable:
    """A shipped resource, e.g. ``resource("schema", "wyproj.rng")``, installed or from a checkout."""
    try:
        node: Traversable = resources.files("wyassembler.resources")
    except ModuleNotFoundError:
        node = _CHECKOUT_RESOURCES
    for part in parts:
        node = node.joinpath(part)
    return node


def resource_bytes(*parts: str) -> bytes:
    return resource(*parts).read_bytes()


SAMPLE = ("samples", "west-yorkshire-2005.wyproj")
"""The West Yorkshire 2005 sample project, as ``resource(*SAMPLE)``."""

QUESTIONS_SAMPLE = ("samples", "shared-infrastructure-response.wyproj")
"""The sample answering a consultation's numbered questions (``wyassembler sample --questions``)."""

QUESTIONS_SAMPLE_CONSULTATION = ("shared-infrastructure-consultation.md", "shared-infrastructure-consultation.docx")
"""The consultation that sample answers, in ``resources/samples``: Markdown and the Word document."""
