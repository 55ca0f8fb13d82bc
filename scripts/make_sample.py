"""Rebuild resources/samples/west-yorkshire-2005.wyproj, the built-in sample project.

The sample reproduces the West Yorkshire Heads of ICT response of 2005: the
ten partner bodies, six sections owned by different partners, every section
approved by its owner and the whole response endorsed by every partner, so it
exports as a final response. Ids and times are fixed, so rebuilding gives the
same file byte for byte.

    python scripts/make_sample.py
"""

from __future__ import annotations

import itertools
from datetime import date, datetime, timedelta, UTC
import sys
from pathlib import Path

from wyassembler.core import editing, model, outline, signoff
from wyassembler.core.markdown import parse_markdown
from wyassembler.core.model import Actor
from wyassembler.core.presets import new_project
from wyassembler.projectfile.codec import to_bytes

OUT = Path(__file__).resolve().parent.parent / "resources" / "samples" / "west-yorkshire-2005.wyproj"

LEADS = {
    "bradford": "R. Ahmed", "calderdale": "J. Smith", "kirklees": "S. Patel", "leeds": "M. Walsh",
    "wakefield": "D. Hughes", "chis": "A. Green", "police": "P. Clarke", "fire": "L. Brooks",
    "wypte": "K. Fisher", "joint-services": "H. Dawson",
}

BACKGROUND = """\
This response has been prepared by the West Yorkshire Heads of ICT Partnership on behalf of its member organisations:

{{members}}

In recent years the Partnership has enjoyed considerable and real success from collaborative working, notably delivering five core sub-regional infrastructure projects following a successful £1.3million e-Government Partnership bid in 2003/4 to the ODPM. These were:

- To develop a secure shared network between the partners
- To work sub-regionally on e-procurement and tendering
- To work to support and stimulate SMEs in the sub-region by the provision of and access to broadband
- To develop a cross-agency home working pilot in the Calder Valley utilising our previously developed shared network infrastructure.
- To develop an integrated e-Government strategy on behalf of all the Partners

During this time, the opportunities offered by Partnership working have increased significantly and within this sub-region have been wholeheartedly embraced, particularly following the publication of the Gershon report and other recent major e-government initiatives.

Consequently, this Partnership (along with SocITM our professional body) warmly welcomes the publication of the National Strategy and fully endorses the comments already put forward by SocITM. In addition, this Partnership wishes to highlight the following points for consideration (points 2, 3 and 4 correspond to the strategy's three main strands).
"""

CITIZEN = """\
The Partnership suggests that there is much to be learned from Local Authorities' experience accumulated during recent years while re-engineering services around citizens and business to achieve the objectives of the e-Government programme. Whilst we recognise that the strategy has been designed for the whole Public Sector, and also whilst learning from best practice is specifically acknowledged on Page 7 (point 22 a), there is perhaps also an opportunity here to incorporate and, to a certain extent, re-use (or alternately cite) the model developed by the [National Strategy for Local e-Government](https://webarchive.nationalarchives.gov.uk/ukgwa/*/http://www.localegovnp.org/). Furthermore, it is also recognised that 'the customer' in the context of the new National strategy is not just the citizen and business.

A common theme across the national government agenda including Local Area Agreements is the focus on neighbourhood management. Neighbourhoods should define and develop the services they require rather than merely being consumers of service. The transformation of the public sector needs to include this into the approach, placing communities and neighbourhoods alongside business and citizens.

Many exemplars have been developed by the Local Authority community for delivering solutions as advocated within the National Strategy for Local e-Government which are also directly in line with the principles of "Transformational Government". These should be recognised, widely accessible, re-utilised and built upon.
"""

SHARED = """\
The Partnership particularly welcomes this section of the strategy, which will already be evident in respect of the membership that our partnership enjoys. However, in order to deliver the step-change envisaged, the Partnership suggests that the resulting action plan will need to reflect and acknowledge the following challenges:

- Legislation currently preventing the re-use of data (for example the Local Government Act 2000) generally and specifically in relation to identity management. Whilst the Government Connect programme will provide a real driver for change this will continue to be a key issue.
- We welcome particularly section 40 of the Strategy (Page 14) but again would look to see specific measures, targets and incentives detailed in the resulting action plan, as well as the value for money 'presumption' and spending review 'implications' suggested in this section. With any major change of this magnitude perhaps the resulting action plan should also proffer "carrots" as well as "the sticks".
- Again, in terms of the timetable for change, the action plan will also need to take account of 'local' factors. For example, in Local Authority terms to reflect the introduction of Local Area Agreements, and similarly from Police and Fire colleagues' points of view the wider 'regionalisation' agenda.
- The Partnership also suggests that a real obstacle to the delivery of the strategy is the many contradictions between the aspirations of government (as detailed here) and the wider regulation and inspection regime to which we are collectively subject. The Partnership therefore suggests that a holistic organizational transformation in line with the strategy may result in our members' respective Performance Indicators going down based on the current inspection and measurement approach. The strategy needs to recognise this and address it. The Partnership would like to see parallel transformation in the regulatory and inspection processes of government in line with the strategic direction this will take Government in. For example, if two Local Authorities were to merge service delivery where one of the Authorities is rated as "four star" or "excellent" following CPA review and its partner is rated at two stars (fair), the inspection regime (without parallel due change) is likely to focus on the inevitable interim dip/disruption to service delivery, rather than reflecting the much wider efficiencies gained by sharing service delivery.
"""

PROFESSIONALISM = """\
Where exemplar and proven practices are already in place, the Partnership suggests that the Strategy could perhaps also provide a focal point of cross-reference. For example, the [National eService Delivery Standards programme](https://webarchive.nationalarchives.gov.uk/ukgwa/*/http://www.esd-toolkit.org/) is currently seeking to further embed "excellent" service provision into Local Government. The advantages here we suggest are manifold in that this would further support:

- The embedding and benchmarking as to what constitutes good-practice
- Linkage to the standards i.e. beyond Local Government which already enjoys a good track record in the delivery of major ICT projects.
- Raising awareness of the existence and importance of ICT professionalism.
"""

ORGANISATIONAL = """\
The Strategy needs to reflect/mention the much wider organisational development factors, which in our view is the key transformation method required to change the organization and the people necessary to guarantee the far reaching success envisaged. At a Local level, this will be **the critical factor** if we are also going to continue to meet local community needs (as envisaged by the introduction of Local Area Agreements), i.e. our respective organisations need to be able to offer differentiated services, whilst also joining up service delivery. In so doing this requires real transformation of the way the organisation "thinks" in terms of its people, our wider culture and our reflected processes.
"""

FINALLY = """\
The Partnership suggests that when the action plan is published, materials are also provided to enable the ICT profession to promote this wider organisational engagement and decisive leadership which will be required.
"""

# (id, heading, owner, contributors, markdown)
SECTIONS = [
    ("background", "Background information (Partnership Members)", "joint-services", [], BACKGROUND),
    ("citizen-business", "Citizen and Business Centred Services.", "bradford", ["wypte"], CITIZEN),
    ("shared-services", "Moving to a Shared Services Culture", "calderdale", ["police", "fire"], SHARED),
    ("professionalism", "Professionalism in terms of the planning delivery, management, skills and "
     "governance of IT enabled change.", "kirklees", ["chis"], PROFESSIONALISM),
    ("organisational-development", "The need for accompanying Organisational Development", "leeds", [],
     ORGANISATIONAL),
    ("and-finally", "And finally ...", "wakefield", [], FINALLY),
]


def build() -> model.Project:
    counter = itertools.count(1)
    model.new_id = lambda prefix: f"{prefix}-sample{next(counter):04d}"  # fixed ids: the file is reproducible
    start = datetime(2005, 12, 5, 9, 0, tzinfo=UTC)
    coordinator = Actor("joint-services", LEADS["joint-services"], "coordinator")
    project = new_project("Transformational Government Enabled by Technology.",
                          "The West Yorkshire Heads of ICT response to the strategy.",
                          preset="west-yorkshire", person=coordinator.person, now=start)
    project.id = "6f1c2a0e-2005-4d1e-9c1a-0000000a2005"
    project.responds_to = "Transformational Government: Enabled by Technology (Cabinet Office, November 2005)"
    project.deadline = date(2006, 1, 31)
    for org in project.organisations:
        org.lead_name = LEADS[org.id]
        org.lead_email = LEADS[org.id].lower().replace(". ", ".") + "@example.org"
    project.sections.clear()
    # The coordinator sets out the outline; each owner then writes its section.
    for day, (section_id, heading, owner, contributors, text) in enumerate(SECTIONS):
        section = outline.add_section(project, coordinator, heading, owner, contributors=contributors,
                                      now=start, section_id=section_id)
        writer = Actor(owner, LEADS[owner], "contributor")
        editing.edit_section(project, writer, section, blocks=parse_markdown(text).blocks,
                             now=start + timedelta(days=day + 1, hours=2))
    approvals = datetime(2006, 1, 16, 10, 0, tzinfo=UTC)
    for index, section in enumerate(project.sections):
        lead = Actor(section.owner, LEADS[section.owner], "partner lead")
        signoff.sign_off_section(project, lead, section, now=approvals + timedelta(hours=index))
    endorsements = datetime(2006, 1, 24, 9, 0, tzinfo=UTC)
    for index, org in enumerate(project.organisations):
        lead = Actor(org.id, LEADS[org.id], "partner lead")
        signoff.endorse_response(project, lead, now=endorsements + timedelta(hours=index))
    return project


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    out.write_bytes(to_bytes(build()))
    print(f"wrote {out}")
