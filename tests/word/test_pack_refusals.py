"""How a pack from another project is refused: the message names each title once."""

from __future__ import annotations

import pytest

from tests.factories import CALDERDALE
from tests.word.test_packs import _pack, project  # noqa: F401 - the fixture
from wyassembler.core.presets import new_project
from wyassembler.word.packs import PackError, import_pack


def test_a_pack_from_a_project_with_the_same_title_says_so_once(project, tmp_path):  # noqa: F811
    path = _pack(project, tmp_path)
    twin = new_project(project.title, preset="west-yorkshire")
    with pytest.raises(PackError) as refused:
        import_pack(twin, path, CALDERDALE)
    message = str(refused.value)
    assert message.count(project.title) == 1
    assert "another project" in message and "same title" in message and "nothing was imported" in message


def test_a_pack_from_a_differently_titled_project_names_both(project, tmp_path):  # noqa: F811
    path = _pack(project, tmp_path)
    other = new_project("Another response", preset="west-yorkshire")
    with pytest.raises(PackError) as refused:
        import_pack(other, path, CALDERDALE)
    message = str(refused.value)
    assert message.count(project.title) == 1 and message.count("Another response") == 1
