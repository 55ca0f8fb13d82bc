"""Format 1.4 on disk: signatures on sign-offs and endorsements, key events, require-signatures; and the
attacks of issue 15 made by editing the XML directly, each caught by signature_problems and not counting
towards final when signatures are required (and noted when it arrives by a merge)."""

from __future__ import annotations

import copy
from datetime import timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from lxml import etree

from tests.factories import COORDINATOR, KIRKLEES, T0
from tests.signing import TestSigner
from wyassembler.core.content import Paragraph, content_hash, plain
from wyassembler.core.keys import key_states, register_key
from wyassembler.core.merge import merge_projects
from wyassembler.core.signatures import encode
from wyassembler.core.signoff import readiness, sign_off_section
from wyassembler.core.statements import SECTION_SIGNOFF, decision_statement
from wyassembler.core.verification import signature_problems, signature_state
from wyassembler.projectfile.codec import ProjectFileError, format_version, from_bytes, to_bytes

FIXTURE = Path(__file__).resolve().parents[1] / "data" / "formats" / "format-1.4.wyproj"
NS = {"w": "urn:wyassembler:project"}


def _root():
    return etree.fromstring(FIXTURE.read_bytes())


def _load(root) -> object:
    return from_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))


def _section_element(root, owner):
    return root.find(f".//w:section[@owner='{owner}']", NS)


def _kirklees_not_counting(project) -> bool:
    return any("does not count" in line for line in readiness(project).missing.get("kirklees", []))


def test_the_frozen_file_verifies_its_keys_and_signatures():
    project = from_bytes(FIXTURE.read_bytes())
    assert project.require_signatures
    assert signature_problems(project) == []
    states = key_states(project)
    assert [(k.state, k.trusted_on_first_use) for k in states["joint-services"]] == [("confirmed", True)]
    assert sorted(k.state for k in states["kirklees"]) == ["confirmed", "revoked"]
    section = project.find_section("3")
    assert [signature_state(project, d) for d in section.signoffs] == ["valid", "valid"]
    assert section.signoffs[1].previous  # linked to the change request before it
    assert not _kirklees_not_counting(project)


def test_signatures_are_written_only_when_used(project):
    assert format_version(project) == "1.0"
    project.require_signatures = True
    assert format_version(project) == "1.4"
    project.require_signatures = False
    signer = TestSigner()
    register_key(project, COORDINATOR, signer.public_key, signer, now=T0)
    data = to_bytes(project)
    assert b' format="1.4" ' in data and to_bytes(from_bytes(data)) == data


def test_a_forged_approval_with_the_current_hash_is_caught():
    root = _root()
    section = _section_element(root, "kirklees")
    genuine = section.findall("w:signoff", NS)[-1]
    forged = copy.deepcopy(genuine)
    forged.set("person", "Forger")
    forged.set("sequence", "3")
    del forged.attrib["previous"]
    genuine.addnext(forged)
    project = _load(root)
    problems = signature_problems(project)
    assert len(problems) == 1 and "Forger (Kirklees)" in problems[0] and "does not match" in problems[0]
    assert _kirklees_not_counting(project)
    # Unsigned, it does not count either.
    for name in ("signed-by", "signature"):
        del forged.attrib[name]
    project = _load(root)
    assert "not signed (this project requires signatures)" in " ".join(signature_problems(project))
    assert _kirklees_not_counting(project)


def test_text_edited_with_its_hashes_recomputed_is_caught():
    root = _root()
    section = _section_element(root, "kirklees")
    revision = section.findall("w:revision", NS)[-1]
    revision.find("w:content/w:p", NS).text = "Standards do not matter."
    new_hash = content_hash(revision.find("w:heading", NS).text, (Paragraph(plain("Standards do not matter.")),))
    revision.set("hash", new_hash)
    for decision in section.findall("w:signoff", NS):
        decision.set("hash", new_hash)
    project = _load(root)
    problems = signature_problems(project)
    assert sum("does not match the record" in line for line in problems) == 2
    assert any("the record it follows is not in the file" in line for line in problems)  # the rewritten link
    assert _kirklees_not_counting(project)


def test_a_signature_moved_to_another_section_or_organisation_is_caught():
    root = _root()
    approval = _section_element(root, "kirklees").findall("w:signoff", NS)[-1]
    moved = copy.deepcopy(approval)
    other = _section_element(root, "calderdale")
    other.findall("w:revision", NS)[-1].addnext(moved)
    moved.set("hash", other.findall("w:revision", NS)[-1].get("hash"))
    moved.set("org", "calderdale")
    project = _load(root)
    assert "a key of Kirklees, not of Calderdale" in " ".join(signature_problems(project))
    moved.set("org", "kirklees")  # same organisation, another section
    project = _load(root)
    assert signature_state(project, project.find_section("2").signoffs[-1]) == "invalid"


def test_a_record_signed_by_the_revoked_key_after_revocation_is_caught():
    root = _root()
    project = from_bytes(FIXTURE.read_bytes())
    section = project.find_section("3")
    lost = Ed25519PrivateKey.from_private_bytes(bytes([3]) * 32)  # the fixture's revoked key
    revoked = next(k for k in key_states(project)["kirklees"] if k.state == "revoked")
    after = sign_off_section(project, KIRKLEES, section, now=T0 + timedelta(hours=2))
    value = lost.sign(decision_statement(project.id, SECTION_SIGNOFF, section.id, after, revoked.fingerprint))
    element = copy.deepcopy(_section_element(root, "kirklees").findall("w:signoff", NS)[-1])
    element.set("time", "2026-01-05T11:00:00Z")
    element.set("sequence", str(after.sequence))
    del element.attrib["previous"]
    element.set("signed-by", revoked.fingerprint)
    element.set("signature", encode(value))
    _section_element(root, "kirklees").findall("w:signoff", NS)[-1].addnext(element)
    loaded = _load(root)
    problems = signature_problems(loaded)
    assert len(problems) == 1 and "revoked before" in problems[0]
    assert signature_state(loaded, loaded.find_section("3").signoffs[-1]) == "revoked-key"
    assert _kirklees_not_counting(loaded)


def test_a_deleted_key_event_and_a_deleted_decision_are_caught():
    root = _root()
    decisions = _section_element(root, "kirklees").findall("w:signoff", NS)
    decisions[0].getparent().remove(decisions[0])
    assert "the record it follows is not in the file" in " ".join(signature_problems(_load(root)))
    root = _root()
    revoke = root.find(".//w:key-event[@kind='revoke']", NS)
    revoke.getparent().remove(revoke)
    project = _load(root)
    assert sorted(k.state for k in key_states(project)["kirklees"]) == ["confirmed", "confirmed"]
    root = _root()
    first_confirm = root.findall(".//w:key-event", NS)[3]
    first_confirm.getparent().remove(first_confirm)
    assert "the record it follows is not in the file" in " ".join(signature_problems(_load(root)))


@pytest.mark.parametrize("name, value", [("signature", "not base64"), ("signed-by", "3f2a"),
                                         ("previous", "xyz")])
def test_a_malformed_signature_is_a_one_line_error(name, value):
    root = _root()
    _section_element(root, "kirklees").findall("w:signoff", NS)[-1].set(name, value)
    with pytest.raises(ProjectFileError, match="not a valid project file: line") as raised:
        _load(root)
    assert "\n" not in str(raised.value)


@pytest.mark.parametrize("name, value, message", [
    ("signature", "not base64", "the signature attribute of <signoff> is not valid"),
    ("signature", "A" * 86 + "=", "the signature attribute of <signoff> is not valid"),
    ("signed-by", "3f2a", "the signed-by attribute of <signoff> is not valid"),
    ("signature", None, "<signoff> has no signature attribute (signed-by and signature go together)"),
])
def test_a_malformed_signature_names_the_attribute_that_is_wrong(name, value, message):
    """libxml2 blames a failed signed-by/signature group on signed-by, whichever of the two is wrong."""
    root = _root()
    record = _section_element(root, "kirklees").findall("w:signoff", NS)[-1]
    if value is None:
        del record.attrib[name]
    else:
        record.set(name, value)
    with pytest.raises(ProjectFileError) as raised:
        _load(root)
    assert str(raised.value).endswith(message)


def test_a_malformed_key_event_signature_names_the_signature():
    root = _root()
    root.find(".//w:key-event[@signature]", NS).set("signature", "not base64")
    with pytest.raises(ProjectFileError, match="the signature attribute of <key-event> is not valid$"):
        _load(root)


def test_a_forged_approval_arriving_by_merge_is_noted():
    ours = from_bytes(FIXTURE.read_bytes())
    root = _root()
    genuine = _section_element(root, "kirklees").findall("w:signoff", NS)[-1]
    forged = copy.deepcopy(genuine)
    forged.set("person", "Forger")
    forged.set("sequence", "3")
    genuine.addnext(forged)
    theirs = _load(root)
    result = merge_projects(ours, theirs, ours)
    assert any(note.startswith("From the saved file, not validly signed:") and "Forger" in note
               for note in result.notes), result.notes
    assert len(result.project.find_section("3").signoffs) == 3
    assert _kirklees_not_counting(result.project)
    # Merging the same copies the other way names the other side.
    again = merge_projects(theirs, ours, ours)
    assert any(note.startswith("From your copy") for note in again.notes)


def test_a_signed_resolution_is_written_and_read_back():
    project = from_bytes(FIXTURE.read_bytes())
    from wyassembler.core.model import Resolution, Signature
    section = project.find_section("3")
    signature = Signature(key_states(project)["kirklees"][0].fingerprint, encode(bytes(64)))
    section.resolutions.append(Resolution(section.current.id, "kirklees", "S. Patel", T0, "kept-current", signature))
    again = from_bytes(to_bytes(project))
    assert again.find_section("3").resolutions[-1].signature == signature
    assert "resolution (kept-current)" in " ".join(signature_problems(again))
