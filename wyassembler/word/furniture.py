"""Everything around the body: header, footer, document properties, and a clean package.

The template is a coordinator's own document, so anything in it that is not
style or page set-up may carry names, comments or paths that must not reach
government. :func:`clean_package` drops those parts; the properties are then
set only from the project, which also makes the output reproducible.
"""

from __future__ import annotations

from datetime import datetime, timezone

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from lxml import etree

from ..core.model import Project
from . import oxml
from .styles import StyleMap

SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
DRAFT_MARKING = "DRAFT \u2013 not for submission"
MAX_PROPERTY_LENGTH = 255  # Word's limit for a core property's text (and python-docx's check)

# Parts of a template that hold people's names, comments or other content, never styles.
_DROPPED_PACKAGE_RELS = {RT.EXTENDED_PROPERTIES, RT.CUSTOM_PROPERTIES, RT.THUMBNAIL}
_DROPPED_DOCUMENT_RELS = {RT.COMMENTS, RT.GLOSSARY_DOCUMENT, RT.CUSTOM_XML,
                          "http://schemas.microsoft.com/office/2011/relationships/people",
                          "http://schemas.microsoft.com/office/2011/relationships/commentsExtended",
                          "http://schemas.microsoft.com/office/2016/09/relationships/commentsIds",
                          "http://schemas.microsoft.com/office/2018/08/relationships/commentsExtensible",
                          "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"}
# Settings that would make the export behave like the template file rather than a finished document.
_DROPPED_SETTINGS = ("w:attachedTemplate", "w:trackRevisions", "w:documentProtection", "w:writeProtection",
                     "w:mailMerge")


def clean_package(document: Document) -> None:
    """Drop the template's comments, people, custom properties and template path."""
    package = document.part.package
    for rel in list(package.rels.values()):
        if rel.reltype in _DROPPED_PACKAGE_RELS:
            del package.rels[rel.rId]
    for rel in list(document.part.rels.values()):
        if rel.reltype in _DROPPED_DOCUMENT_RELS:
            del document.part.rels[rel.rId]
    for rel in document.part.rels.values():
        if rel.reltype in (RT.FOOTNOTES, RT.ENDNOTES) and not rel.is_external:
            _keep_only_separators(rel.target_part)
    settings = document.settings.element
    for tag in _DROPPED_SETTINGS:
        for element in settings.findall(qn(tag)):
            settings.remove(element)


def _keep_only_separators(part) -> None:
    """Drop the template's own footnotes or endnotes; Word needs only the separator notes."""
    try:
        root = etree.fromstring(part.blob, SAFE_PARSER)
    except etree.XMLSyntaxError:
        return
    for note in list(root):
        if note.get(qn("w:type")) not in ("separator", "continuationSeparator", "continuationNotice"):
            root.remove(note)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)  # noqa: SLF001


def _has_content(header) -> bool:
    element = header.part.element
    return any((t.text or "").strip() for t in element.iter(qn("w:t"))) or \
        next(element.iter(qn("w:drawing")), None) is not None


def _empty(header) -> None:
    element = header.part.element
    for child in list(element):
        element.remove(child)


def set_header(document: Document, styles: StyleMap, title: str, draft: bool) -> None:
    """The response title in the header (unless the template brings its own), and DRAFT on drafts.

    The marking goes in the header of every page, never the body, so a draft's
    text is exactly the text that will be signed off.
    """
    section = document.sections[0]
    headers = [section.header]
    if section.different_first_page_header_footer:
        headers.append(section.first_page_header)
    for index, header in enumerate(headers):
        if header.is_linked_to_previous:
            header.is_linked_to_previous = False
        keep_template = _has_content(header)
        if not keep_template:
            _empty(header)
        element = header.part.element
        if draft:
            marking = oxml.paragraph(oxml.run(DRAFT_MARKING, bold=True), styles["header"])
            element.insert(0, oxml.parse_fragment(marking)[0])
        if not keep_template and index == 0:
            element.extend(oxml.parse_fragment(oxml.paragraph(oxml.run(title), styles["header"], align="right")))
        if len(element) == 0:
            element.extend(oxml.parse_fragment(oxml.paragraph(style_id=styles["header"])))


def set_footer(document: Document, styles: StyleMap) -> None:
    """"Page X of Y", centred, unless the template's footer already has something in it."""
    footer = document.sections[0].footer
    if footer.is_linked_to_previous:
        footer.is_linked_to_previous = False
    if _has_content(footer):
        return
    _empty(footer)
    page_x_of_y = oxml.run("Page ") + oxml.field("PAGE", "1") + oxml.run(" of ") + oxml.field("NUMPAGES", "1")
    footer.part.element.extend(oxml.parse_fragment(
        oxml.paragraph(page_x_of_y, styles["footer"], align="center")))


def set_properties(document: Document, project: Project, draft: bool, language: str) -> None:
    """Core properties from the project alone: no template author, no clock, so output is reproducible."""
    properties = document.core_properties
    author = property_text(project.partnership or project.title)
    properties.title = property_text(project.title)
    properties.subject = property_text(project.responds_to or project.subtitle)
    properties.author = author
    properties.last_modified_by = author
    properties.keywords = ""
    properties.comments = ""
    properties.category = "Consultation response"
    properties.content_status = "Draft" if draft else "Final"
    properties.identifier = ""
    properties.version = ""
    properties.revision = 1
    properties.language = language
    properties.created = project.created.astimezone(timezone.utc)
    properties.modified = last_change(project).astimezone(timezone.utc)
    core = document.part.package.core_properties._element  # noqa: SLF001 - no API to unset a date
    for stale in core.findall(qn("cp:lastPrinted")):
        core.remove(stale)


def property_text(text: str) -> str:
    """``text`` as a core property can hold it: cut to Word's 255 characters with an ellipsis (the
    document itself keeps the whole text)."""
    if len(text) <= MAX_PROPERTY_LENGTH:
        return text
    return text[:MAX_PROPERTY_LENGTH - 1].rstrip() + "\u2026"


def last_change(project: Project) -> datetime:
    """The time of the newest revision, sign-off or endorsement: the document's modified date."""
    times = [project.created]
    for _, _, section in project.walk():
        times.extend(revision.time for revision in section.revisions)
        times.extend(record.time for record in section.signoffs)
    times.extend(record.time for record in project.endorsements)
    return max(times)
