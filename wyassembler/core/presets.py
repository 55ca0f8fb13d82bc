"""Ready-made partnerships, and the starting shape of a new project."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from .content import Paragraph, MemberList, plain
from .errors import NotFoundError
from .model import Actor, Organisation, Project, utc_now
from .outline import add_section
from .text import clean_text

WEST_YORKSHIRE = "west-yorkshire"

# The ten bodies of the 2005 West Yorkshire Heads of ICT response, in its order.
_WEST_YORKSHIRE_BODIES = [
    ("bradford", "Bradford", "City of Bradford Metropolitan District Council"),
    ("calderdale", "Calderdale", "Calderdale Metropolitan Borough Council"),
    ("kirklees", "Kirklees", "Kirklees Metropolitan Council"),
    ("leeds", "Leeds", "Leeds City Council"),
    ("wakefield", "Wakefield", "Wakefield Metropolitan District Council"),
    ("chis", "CHIS", "Calderdale & Huddersfield Health Informatics Service"),
    ("police", "WY Police", "West Yorkshire Police"),
    ("fire", "WYFRS", "West Yorkshire Fire & Rescue Service"),
    ("wypte", "WYPTE", "West Yorkshire Passenger Transport Executive"),
    ("joint-services", "Joint Services", "West Yorkshire Joint Services"),
]



@dataclass(frozen=True)
class Preset:
    """A known partnership: its name, its bodies (id, short name, full name) and which one coordinates."""

    partnership: str
    organisations: tuple[tuple[str, str, str], ...]
    coordinator: str


PRESETS = {
    WEST_YORKSHIRE: Preset("West Yorkshire Heads of ICT", tuple(_WEST_YORKSHIRE_BODIES), "joint-services"),
}

BACKGROUND_HEADING = "Background information (Partnership Members)"


def preset_organisations(name: str) -> list[Organisation]:
    """Fresh organisation objects for a named preset."""
    try:
        preset = PRESETS[name]
    except KeyError:
        raise NotFoundError(f"no preset {name!r} (known: {', '.join(PRESETS)})") from None
    return [Organisation(org_id, full, short) for org_id, short, full in preset.organisations]


def organisation_name(org_ref: str) -> str:
    """The full name of the organisation a saved identity names by id, where the presets know it (no
    project is open to ask); an organisation they do not know is named as given."""
    for preset in PRESETS.values():
        for org_id, _short, full in preset.organisations:
            if org_id == org_ref:
                return full
    return org_ref


def new_project(title: str, subtitle: str = "", partnership: str = "", preset: str | None = None,
                person: str = "", now: datetime | None = None) -> Project:
    """A new project; with a preset, its partners and a background section listing them."""
    now = now or utc_now()
    project = Project(id=str(uuid.uuid4()), created=now, title=clean_text(title), subtitle=clean_text(subtitle),
                      partnership=clean_text(partnership))
    if preset is not None:
        project.organisations = preset_organisations(preset)
        project.coordinator = PRESETS[preset].coordinator
        project.partnership = project.partnership or PRESETS[preset].partnership
    if project.organisations and project.coordinator:
        actor = Actor(project.coordinator, person or "wyassembler")
        intro = (f"This response has been prepared by the {project.partnership or 'partnership'} "
                 f"on behalf of its member organisations:")
        add_section(project, actor, BACKGROUND_HEADING, project.coordinator,
                    (Paragraph(plain(intro)), MemberList()), now=now)
    return project
