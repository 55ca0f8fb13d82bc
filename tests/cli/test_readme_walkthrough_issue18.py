"""Issue 18's README examples typed as written by a new user: what each prints must be true."""

from __future__ import annotations

import pytest


@pytest.fixture
def sample(cli, tmp_path):
    project = tmp_path / "response.wyproj"
    assert cli("sample", project, "--force").code == 0
    return project


def test_verify_docx_calls_an_unsigned_decline_a_decline(cli, sample, tmp_path):
    """The README's own decline example on the (unsigned) sample: verify-docx listed it as 'the endorsement by'."""
    assert cli("sign-off", sample, "--decline", "--note", "Why", "--named", "--as", "Leeds", "--by", "L. Brown").code == 0
    output = tmp_path / "response.docx"
    assert cli("export", sample, "-o", output, "--draft").code == 0
    lines = cli("verify-docx", output).out.splitlines()
    leeds = [line for line in lines if "(Leeds)" in line and line.startswith("the response:")]
    assert leeds and all(line.startswith("the response: the decline by L. Brown (Leeds)") for line in leeds), leeds
