"""Rebuild the second sample: a consultation with numbered questions, and the partnership's answers to it.

Writes three files to resources/samples/:

* shared-infrastructure-consultation.md and .docx: a fictional department's consultation, *Shared
  digital infrastructure for local public services*, laid out as the Cabinet Office template lays one
  out (scope table, introduction, chapters with "Question 1:" in bold, "How to respond", and a "Summary
  of questions" at the end); eleven questions, some limited in words and some in characters, two
  "Yes / No / Don't know";
* shared-infrastructure-response.wyproj: the West Yorkshire Heads of ICT partnership answering it,
  part way to sign-off: every question mapped to a section except one marked no comment (with a
  reason) and one answered by its choice alone, one answer a little over its limit (so ``status`` and
  ``export-answers`` have something to show), every section approved, six of ten endorsements.

Ids, times and the .docx's zip entries are fixed, so rebuilding gives the same files byte for byte.

    python scripts/make_questions_sample.py [OUT_FOLDER]
"""

from __future__ import annotations

import io
import itertools
import sys
import zipfile
from datetime import date, datetime, timedelta, UTC
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH

from wyassembler.core import editing, model, outline, question_edits, signoff
from wyassembler.core.markdown import parse_markdown
from wyassembler.core.model import Actor
from wyassembler.core.presets import new_project
from wyassembler.core.question_edits import NewQuestion
from wyassembler.core.questions import Limit
from wyassembler.projectfile.codec import to_bytes

OUT = Path(__file__).resolve().parent.parent / "resources" / "samples"
NAME = "shared-infrastructure"
DEPARTMENT = "Department for Communities and Local Services"
TITLE = "Shared digital infrastructure for local public services"
PUBLISHED = "2 March 2026"
CLOSES = "27 May 2026"

# -- the consultation ---------------------------------------------------------------------------------------

# (number, text, limit or None, options)
QUESTIONS = [
    ("1", "Do you agree that the public service bodies of an area should be able to share one digital "
          "infrastructure (networks, hosting, and identity and access), funded and governed together? "
          "Please explain your answer.", Limit("words", 250), ("Yes", "No", "Don't know")),  # options after "?"
    ("2", "Which local services would benefit most from shared digital infrastructure in your area, and why?",
     Limit("words", 300), ()),
    ("3", "What legal, financial, technical or cultural barriers prevent local bodies from sharing "
          "infrastructure today?", Limit("characters", 1500), ()),
    ("4", "How should shared infrastructure in an area be governed, and who should be accountable for it?",
     Limit("words", 250), ()),
    ("5a", "Should local bodies that share infrastructure be required to use a common identity and access "
           "service for their staff?", None, ("Yes", "No", "Don't know")),
    ("5b", "What safeguards would a common identity and access service need to protect personal data?",
     Limit("characters", 1000), ()),
    ("6", "How should the costs of shared infrastructure be met and shared between partners?",
     Limit("words", 200), ()),
    ("7", "Which technical and data standards should shared infrastructure adopt?", Limit("words", 250), ()),
    ("8", "What support would your organisation need to build the skills to run shared infrastructure?",
     Limit("characters", 800), ()),
    ("9", "How should these proposals apply in Scotland, Wales and Northern Ireland?", Limit("words", 150), ()),
    ("10", "Do you have any other comments on the proposals in this consultation?", Limit("words", 500), ()),
]


def limit_phrase(limit: Limit | None) -> str:
    """How the consultation prints a limit: "(max 250 words)", "(max 1,500 characters)"."""
    return f" (max {limit.value:,} {limit.unit()})" if limit else ""


def question_line(number: str) -> tuple[str, str]:
    """("Question 3:", the rest of the line as the consultation prints it)."""
    _, text, limit, options = next(q for q in QUESTIONS if q[0] == number)
    if options:  # as consultations print them: the options straight after the question's "?"
        asked, mark, rest = text.partition("?")
        text = f"{asked}{mark} {' / '.join(options)}.{' ' + rest.strip() if rest.strip() else ''}"
    return f"Question {number}:", f"{text}{limit_phrase(limit)}"


SCOPE = [
    ("Topic of this consultation", "Proposals to let the public service bodies of an area share one digital "
                                   "infrastructure: networks, hosting, and identity and access."),
    ("Scope of this consultation", "Local authorities, police, fire and rescue services, NHS bodies and transport "
                                   "authorities in England."),
    ("Geographical scope", "England. Question 9 asks how the proposals should apply elsewhere in the UK."),
    ("Audience", "Public service bodies, their partnerships, suppliers and anyone with an interest."),
    ("Duration", f"The consultation opens on {PUBLISHED} and closes at 11:59pm on {CLOSES}."),
    ("Enquiries", "shared.infrastructure@dcls.example.gov.uk"),
    ("How to respond", "Online at https://consult.dcls.example.gov.uk/shared-infrastructure, or by email to "
                       "the address above."),
]

# (heading, paragraphs, questions asked after them)
CHAPTERS = [
    ("Introduction", [
        "Local public services are delivered by many bodies that serve the same people and places. Each "
        "council, police force, fire and rescue service, NHS body and transport authority buys and runs its "
        "own networks, data centres and staff accounts, and partnerships that want to share them meet the "
        "same obstacles again and again.",
        "This consultation seeks views on letting the public service bodies of an area share one digital "
        "infrastructure, funded and governed together, and on what the government should do to make that "
        "possible. The proposals build on the shared networks that several areas already run.",
    ], []),
    ("Chapter 1: The case for shared infrastructure", [
        "We propose that the bodies of an area may agree to share networks, hosting and identity and access "
        "services under one agreement, with a single accountable body and costs shared by a published formula.",
    ], ["1", "2", "3"]),
    ("Chapter 2: Governance and identity", [
        "Shared infrastructure needs clear governance. We propose that each area names one accountable body, "
        "with a board on which every partner is represented. A common identity and access service would let "
        "staff of one partner use the shared services of another without a second account.",
    ], ["4", "5a", "5b"]),
    ("Chapter 3: Costs, standards and skills", [
        "We propose that set-up costs are met by a time-limited transition fund and running costs are shared "
        "by partners in proportion to use. Shared infrastructure would follow the government's open standards "
        "and the Technology Code of Practice.",
    ], ["6", "7", "8"]),
    ("Chapter 4: The rest of the United Kingdom, and other comments", [
        "Local government, policing, fire and rescue and health are devolved in different ways in Scotland, "
        "Wales and Northern Ireland.",
    ], ["9", "10"]),
]

HOW_TO_RESPOND = [
    "Please respond online at https://consult.dcls.example.gov.uk/shared-infrastructure. The online form has "
    "a box for each question and counts your answer against the question's limit; answers longer than the "
    "limit cannot be submitted.",
    "If you respond on behalf of an organisation or partnership, please say which organisations you represent.",
]


def consultation_markdown() -> str:
    """The consultation as Markdown."""
    lines = [f"# {TITLE}", "", "Consultation", "", f"Published {PUBLISHED}. This consultation closes on {CLOSES}.",
             "", f"{DEPARTMENT}", "", "## Scope of this consultation", "", "| | |", "|---|---|"]
    lines += [f"| {topic} | {text} |" for topic, text in SCOPE]
    lines.append("")
    for heading, paragraphs, numbers in CHAPTERS:
        lines += [f"## {heading}", ""]
        for paragraph in paragraphs:
            lines += [paragraph, ""]
        for number in numbers:
            label, text = question_line(number)
            lines += [f"**{label}** {text}", ""]
    lines += ["## How to respond", ""]
    for paragraph in HOW_TO_RESPOND:
        lines += [paragraph, ""]
    lines += ["## Summary of questions", ""]
    for number, *_ in QUESTIONS:
        label, text = question_line(number)
        lines += [f"**{label}** {text}", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _question_paragraph(document, number: str) -> None:
    label, text = question_line(number)
    paragraph = document.add_paragraph()
    paragraph.add_run(label).bold = True
    paragraph.add_run(" " + text)


def consultation_docx() -> bytes:
    """The consultation as a Word document laid out as the Cabinet Office template lays one out."""
    document = docx.Document()
    # python-docx's blank document carries a stylesWithEffects part that disagrees with its styles (an
    # ECMA-376 validator's finding); Word 2010 and later do not need the part.
    for rel_id, rel in list(document.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            document.part.drop_rel(rel_id)
    properties = document.core_properties
    fixed = datetime(2026, 3, 2, 9, 0)
    properties.title, properties.author, properties.last_modified_by = TITLE, DEPARTMENT, DEPARTMENT
    properties.created = properties.modified = fixed
    properties.last_printed = fixed
    properties.revision = 1
    properties.comments = ""
    document.add_paragraph(TITLE, style="Title")
    document.add_paragraph("Consultation", style="Subtitle")
    document.add_paragraph(f"Published {PUBLISHED}. This consultation closes on {CLOSES}.")
    document.add_paragraph(DEPARTMENT).alignment = WD_ALIGN_PARAGRAPH.LEFT
    document.add_heading("Scope of this consultation", level=1)
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for topic, text in SCOPE:
        cells = table.add_row().cells
        cells[0].paragraphs[0].add_run(topic).bold = True
        cells[1].text = text
    for heading, paragraphs, numbers in CHAPTERS:
        document.add_heading(heading, level=1)
        for paragraph in paragraphs:
            document.add_paragraph(paragraph)
        for number in numbers:
            _question_paragraph(document, number)
    document.add_heading("How to respond", level=1)
    for paragraph in HOW_TO_RESPOND:
        document.add_paragraph(paragraph)
    document.add_heading("Summary of questions", level=1)
    for number, *_ in QUESTIONS:
        _question_paragraph(document, number)
    buffer = io.BytesIO()
    document.save(buffer)
    return _fixed_zip(buffer.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """The same package with every entry dated 1 January 1980, so a rebuild gives the same bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


# -- the response -------------------------------------------------------------------------------------------

LEADS = {
    "bradford": "R. Ahmed", "calderdale": "J. Smith", "kirklees": "S. Patel", "leeds": "M. Walsh",
    "wakefield": "D. Hughes", "chis": "A. Green", "police": "P. Clarke", "fire": "L. Brooks",
    "wypte": "K. Fisher", "joint-services": "H. Dawson",
}

ABOUT = """\
This is the joint response of the West Yorkshire Heads of ICT Partnership to the consultation on shared digital infrastructure for local public services. It is made on behalf of:

{{members}}

The Partnership has run a shared secure network between its members since 2004 and welcomes proposals that would let more of our infrastructure be shared. Our answers follow the consultation's questions.
"""

Q1 = """\
Yes. The Partnership's shared network has shown for twenty years that bodies serving the same people can run one infrastructure more cheaply and more securely than ten. Each partner still buys its own hosting, its own staff accounts and most of its own connections, and pays for the same work many times over.

A shared infrastructure, funded and governed together, would let us invest once in resilience and security that no single partner can afford alone, and would make it far simpler for staff of different bodies to work in the same team. We would want the arrangements to remain voluntary for each area, so that partnerships can start with the services where sharing pays first.
"""

Q2 = """\
The services that would gain most are those where staff of several bodies already work together:

- Multi-agency safeguarding hubs, where council, police and health staff need the same case information at the same time.
- Integrated health and social care teams, now sharing buildings but not networks or accounts.
- Emergency planning and response, where fire, police, councils and transport must keep working when one partner's systems fail.
- Customer contact, where a resident calling one body about a problem owned by another is passed from number to number.

In each, a shared network and a common staff identity would remove the second laptop, the second login and the delays that come from copying information between systems.
"""

Q3 = """\
The largest barriers are not technical. Legal uncertainty about sharing personal data between bodies with different statutory duties makes every project start with months of agreements, and each partner's lawyers reach a different view of the same question. Clearer legal gateways, and standard agreements that all partners may rely on, would do more than any new technology.

Financially, partners have different budget cycles, capital rules and contract end dates, so the moment at which sharing saves money comes at a different time for each body. Savings often fall to one partner while the costs fall to another, and no mechanism moves them.

Technically, partners run different identity systems, networks built to different security standards, and contracts that forbid connection to other bodies. Accreditation regimes for policing and health add their own conditions, each assessed separately, so one shared network may need three accreditations before it carries any traffic.

Procurement adds a further barrier: frameworks open to one kind of body are often closed to others, so a joint purchase needs a new procurement, and the partner that runs it carries the risk of challenge for everyone.

Culturally, each body is inspected and held to account on its own, so sharing can look like a risk to its own performance with no credit for what the area gains. Staff, too, fear that sharing is a first step towards cuts, and need to hear early and plainly what it will mean for their jobs and their teams.
"""

Q4 = """\
Each area should name one accountable body, chosen by the partners, which holds the contracts and the staff who run the shared infrastructure. A board with a member from every partner should set its priorities, agree the budget and the cost formula, and approve any change that affects the service of another partner.

Accountability for the information each partner holds must stay with that partner: the accountable body runs the infrastructure, not the services on it. Inspectorates should assess the shared arrangements once, for all partners, rather than each in turn.
"""

Q5B = """\
A common identity service needs strong safeguards: each partner decides which of its systems staff of other partners may reach; every grant of access has an owner and an end date; access is reviewed every quarter; and every use is logged where the partner holding the information can see it. Staff accounts should hold no more personal data than identity needs, and no partner should be able to see another's staff records.
"""

Q6 = """\
Set-up costs should be met by the proposed transition fund, for at least three years, so that no partner pays twice while old contracts run out. Running costs should then be shared by a published formula based on use, reviewed each year by the board, so that each partner can see what it pays for and why.

Savings should be reported by partner, so that a body which bears a cost for the area's benefit can show it.
"""

Q7 = """\
Shared infrastructure should follow the government's open standards and the Technology Code of Practice, the Cyber Assessment Framework for security, and the public sector network standards the partners already meet. Where policing or health require more, the shared infrastructure should meet the higher standard once for all.
"""

Q7_OPEN_DATA = """\
Data shared between partners should use published, open formats, and each partner should publish the data it can in the same formats, so that a partner can leave the arrangement with its data intact.
"""

Q8 = """\
We would need help to keep the specialist staff who run networks and identity services, whom partners struggle to recruit and retain against private sector pay. Funded training and apprenticeships, shared across the area, and a common job framework so that staff can move between partners without losing pay or pension, would help most.
"""

Q10 = """\
The Partnership would welcome the chance to act as one of the early areas and to share what we learn. We ask that the final proposals set out a timetable that allows partners' current contracts to run out, and that guidance is written with the inspectorates so that sharing is recognised, not penalised.
"""

NO_COMMENT_9 = "The arrangements in Scotland, Wales and Northern Ireland are for the devolved administrations; the Partnership serves West Yorkshire only."

# (id, heading, owner, contributors, markdown, question numbers, parent id)
SECTIONS = [
    ("about", "About this response", "joint-services", [], ABOUT, [], None),
    ("case-for-sharing", "The case for shared infrastructure", "leeds", ["bradford"], Q1, ["1"], None),
    ("services", "Services that would benefit most", "bradford", ["chis", "police"], Q2, ["2"], None),
    ("barriers", "Barriers to sharing", "calderdale", ["police", "fire"], Q3, ["3"], None),
    ("governance", "Governance and accountability", "kirklees", [], Q4, ["4"], None),
    ("identity-safeguards", "Safeguards for a common identity service", "police", ["chis"], Q5B, ["5b"], None),
    ("costs", "Meeting and sharing the costs", "wakefield", [], Q6, ["6"], None),
    ("standards", "Standards", "chis", ["joint-services"], Q7, ["7"], None),
    ("open-data", "Open formats for shared data", "chis", [], Q7_OPEN_DATA, [], "standards"),
    ("skills", "Skills and support", "wypte", ["fire"], Q8, ["8"], None),
    ("other-comments", "Other comments", "joint-services", [], Q10, ["10"], None),
]

ENDORSERS = ["joint-services", "leeds", "bradford", "kirklees", "wakefield", "chis"]


def build_response() -> model.Project:
    """The partnership's response, part way to sign-off (see the module's docstring)."""
    counter = itertools.count(1)
    model.new_id = lambda prefix: f"{prefix}-qsample{next(counter):04d}"  # fixed ids: the file is reproducible
    questions = itertools.count(1)
    question_edits.new_question_id = lambda: f"q-qsample{next(questions):04d}"
    start = datetime(2026, 4, 13, 9, 0, tzinfo=UTC)
    coordinator = Actor("joint-services", LEADS["joint-services"], "coordinator")
    project = new_project(TITLE + ": the West Yorkshire response",
                          "The West Yorkshire Heads of ICT Partnership's answers to the consultation's questions.",
                          preset="west-yorkshire", person=coordinator.person, now=start)
    project.id = "6f1c2a0e-2026-4d1e-9c1a-0000000a2026"
    project.responds_to = f"{TITLE} ({DEPARTMENT}, {PUBLISHED})"
    project.deadline = date(2026, 5, 27)
    for org in project.organisations:
        org.lead_name = LEADS[org.id]
        org.lead_email = LEADS[org.id].lower().replace(". ", ".") + "@example.org"
    project.sections.clear()
    question_edits.import_questions(project, coordinator, [NewQuestion(*question) for question in QUESTIONS])
    # The coordinator sets out the outline and maps each section to its question; each owner then writes.
    for day, (section_id, heading, owner, contributors, text, numbers, parent) in enumerate(SECTIONS):
        section = outline.add_section(project, coordinator, heading, owner, contributors=contributors, now=start,
                                      section_id=section_id, parent=project.section(parent) if parent else None)
        if numbers:
            question_edits.map_section(project, coordinator, section, numbers)
        writer = Actor(owner, LEADS[owner], "contributor")
        editing.edit_section(project, writer, section, blocks=parse_markdown(text).blocks,
                             now=start + timedelta(days=day + 1, hours=2))
    question_edits.set_choice(project, Actor("leeds", LEADS["leeds"], "partner lead"), "1", "Yes")
    question_edits.set_choice(project, coordinator, "5a", "Yes")
    question_edits.set_no_comment(project, coordinator, "9", True, NO_COMMENT_9)
    approvals = datetime(2026, 5, 11, 10, 0, tzinfo=UTC)
    for index, section in enumerate(project.all_sections()):
        lead = Actor(section.owner, LEADS[section.owner], "partner lead")
        signoff.sign_off_section(project, lead, section, now=approvals + timedelta(hours=index))
    endorsements = datetime(2026, 5, 18, 9, 0, tzinfo=UTC)
    for index, org_id in enumerate(ENDORSERS):
        signoff.endorse_response(project, Actor(org_id, LEADS[org_id], "partner lead"),
                                 now=endorsements + timedelta(hours=index))
    return project


def build_files() -> dict[str, bytes]:
    """Every file of the sample, by name."""
    return {
        f"{NAME}-consultation.md": consultation_markdown().encode("utf-8"),
        f"{NAME}-consultation.docx": consultation_docx(),
        f"{NAME}-response.wyproj": to_bytes(build_response()),
    }


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    for name, data in build_files().items():
        (out / name).write_bytes(data)
        print(f"wrote {out / name}")
