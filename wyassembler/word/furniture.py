"""Everything around the body: header, footer, document properties, and a clean package.

The template is a coordinator's own document, so anything in it that is not
style or page set-up may carry names, comments or paths that must not reach
government. :func:`clean_package` drops those parts; the properties are then
set only from the project, which also makes the output reproducible.
"""

from __future__ import annotations

import re
from datetime import datetime, UTC

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from lxml import etree

from ..core.model import Project
from . import oxml
from .styles import StyleMap

SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
DRAFT_MARKING = "DRAFT \u2013 not for submission"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MAX_PROPERTY_LENGTH = 255  # Word's limit for a core property's text (and python-docx's check)

# Parts of a template that hold people's names, comments or other content, never styles.
_DROPPED_PACKAGE_RELS = {RT.EXTENDED_PROPERTIES, RT.CUSTOM_PROPERTIES, RT.THUMBNAIL}
_DROPPED_DOCUMENT_RELS = {RT.COMMENTS, RT.GLOSSARY_DOCUMENT, RT.CUSTOM_XML,
                          "http://schemas.microsoft.com/office/2011/relationships/people",
                          "http://schemas.microsoft.com/office/2011/relationships/commentsExtended",
                          "http://schemas.microsoft.com/office/2016/09/relationships/commentsIds",
                          "http://schemas.microsoft.com/office/2018/08/relationships/commentsExtensible",
                          "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"}
# What a body refers to by relationship id (links, pictures, embedded objects): the template's body is
# dropped, so such a relationship nothing refers to any more is the template's, and goes with its body.
_BODY_CONTENT_RELS = {RT.HYPERLINK, RT.IMAGE, RT.OLE_OBJECT, RT.PACKAGE, RT.CHART, RT.DIAGRAM_DATA,
                      RT.DIAGRAM_LAYOUT, RT.DIAGRAM_QUICK_STYLE, RT.DIAGRAM_COLORS, RT.A_F_CHUNK, RT.VIDEO,
                      RT.AUDIO, RT.CONTROL,
                      "http://schemas.openxmlformats.org/officeDocument/2006/relationships/subDocument",
                      "http://schemas.microsoft.com/office/2007/relationships/diagramDrawing",
                      "http://schemas.microsoft.com/office/2007/relationships/media"}
_R_NAMESPACE = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
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
    set_current_compatibility(settings)


def drop_unreferenced(document: Document) -> None:
    """Drop the document part's links, pictures and embedded objects that its XML no longer refers to: the
    template's body is gone, and what it linked to or embedded goes with it (a full response chosen as the
    template brought its confidential link addresses into the public copy)."""
    referenced = {value for element in document.element.iter() for name, value in element.attrib.items()
                  if name.startswith(_R_NAMESPACE)}
    for rel in list(document.part.rels.values()):
        if rel.reltype in _BODY_CONTENT_RELS and rel.rId not in referenced:
            del document.part.rels[rel.rId]


WORD_URI = "http://schemas.microsoft.com/office/word"
# What Word 2013 and later write for a new document (compatibilityMode 15), and add when converting an
# older one; without mode 15 Word opens the export in "[Compatibility Mode]".
CURRENT_COMPATIBILITY = {"compatibilityMode": "15", "overrideTableStyleFontSizeAndJustification": "1",
                         "enableOpenTypeFeatures": "1", "doNotFlipMirrorIndents": "1"}
# CT_Settings children that come after w:compat, in schema order.
_AFTER_COMPAT = {qn(f"w:{name}") for name in (
    "docVars", "rsids", "attachedSchema", "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown", "smartTagType",
    "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol", "listSeparator")}


def set_current_compatibility(settings: etree._Element) -> None:
    """Word 2013+ layout (compatibility mode 15) whatever the template was saved in.

    A template saved by Word 2010 says 14, and one without the setting means 12 (Word 2007): either
    makes Word show "[Compatibility Mode]" and turn off its current layout. The template's own legacy
    layout options (w:compat's other children) are its author's choices and stay. ``w:proofState``
    goes too: it says the template's text was spell-checked, in the template's language.
    """
    for stale in settings.findall(qn("w:proofState")):
        settings.remove(stale)
    compat = settings.find(qn("w:compat"))
    if compat is None:
        compat = etree.Element(qn("w:compat"))
        anchor = next((child for child in settings if child.tag in _AFTER_COMPAT
                       or not child.tag.startswith(f"{{{_W}}}")), None)
        if anchor is None:
            settings.append(compat)
        else:
            anchor.addprevious(compat)
    present = {setting.get(qn("w:name")): setting for setting in compat.iterfind(qn("w:compatSetting"))
               if setting.get(qn("w:uri")) == WORD_URI}
    for name, value in CURRENT_COMPATIBILITY.items():
        setting = present.get(name)
        if setting is None:
            setting = etree.SubElement(compat, qn("w:compatSetting"))
            setting.set(qn("w:name"), name)
            setting.set(qn("w:uri"), WORD_URI)
        if name == "compatibilityMode" or setting.get(qn("w:val")) is None:
            setting.set(qn("w:val"), value)


def _keep_only_separators(part) -> None:
    """Drop the template's own footnotes or endnotes; Word needs only the separator notes."""
    try:
        root = etree.fromstring(part.blob, SAFE_PARSER)
    except etree.XMLSyntaxError:
        return
    for note in list(root):
        if note.get(qn("w:type")) not in ("separator", "continuationSeparator", "continuationNotice"):
            root.remove(note)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# A picture or object in a header is content: DrawingML (w:drawing), or VML (w:pict) as Word 2003-era
# templates hold their logos, or an embedded object.
_PICTURES = (qn("w:drawing"), qn("w:pict"), qn("w:object"))


def _has_content(header) -> bool:
    element = header.part.element
    return any((t.text or "").strip() for t in element.iter(qn("w:t"))) or \
        next(element.iter(*_PICTURES), None) is not None


def _empty(header) -> None:
    element = header.part.element
    for child in list(element):
        element.remove(child)


def set_header(document: Document, styles: StyleMap, title: str, draft: bool) -> None:
    """The response title in the header (unless the template brings its own), and DRAFT on drafts.

    The marking goes in the header of every page, never the body, so a draft's
    text is exactly the text that will be signed off.
    """
    section = document.sections[-1]  # the body's own: a wide table's section breaks copy it later
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
    """A page number on every page but a title page, beside whatever the template's footer says.

    An empty footer gets "Page X of Y", centred. A footer with the template's own text (a council's
    name, a security marking) keeps it, with "Page X of Y" right-aligned below it; one that already
    numbers its pages is left alone. With a different first page, page 1 is numbered too unless it
    is a title page; with different odd and even pages, both are.
    """
    section = document.sections[-1]  # the body's own: a wide table's section breaks copy it later
    footers = [section.footer]
    if section.different_first_page_header_footer and not first_page_is_title_page(document, styles):
        footers.append(section.first_page_footer)
    if document.settings.element.find(qn("w:evenAndOddHeaders")) is not None:
        footers.append(section.even_page_footer)
    page_x_of_y = oxml.run("Page ") + oxml.field("PAGE", "1") + oxml.run(" of ") + oxml.field("NUMPAGES", "1")
    for footer in footers:
        if footer.is_linked_to_previous:
            footer.is_linked_to_previous = False
        if _numbers_pages(footer.part.element):
            continue
        if _has_content(footer):
            footer.part.element.extend(oxml.parse_fragment(oxml.paragraph(page_x_of_y, styles["footer"],
                                                                          align="right")))
        else:
            _empty(footer)
            footer.part.element.extend(oxml.parse_fragment(oxml.paragraph(page_x_of_y, styles["footer"],
                                                                          align="center")))


_PAGE_FIELD = re.compile(r"(?<![A-Z])PAGE(?![A-Z])", re.IGNORECASE)


def _numbers_pages(element: etree._Element) -> bool:
    """Whether a header or footer already shows the page number (a PAGE field, simple or complex)."""
    instructions = [field.get(qn("w:instr"), "") for field in element.iter(qn("w:fldSimple"))]
    instructions += [text.text or "" for text in element.iter(qn("w:instrText"))]
    return any(_PAGE_FIELD.search(instruction) for instruction in instructions)


def first_page_is_title_page(document: Document, styles: StyleMap) -> bool:
    """Whether page 1 holds only the title and subtitle: a page break (or a heading style that starts a new
    page) comes before the first paragraph of the response itself."""
    by_id = {style.get(qn("w:styleId")): style for style in document.styles.element.iter(qn("w:style"))}
    title_styles = {styles["title"], styles["subtitle"]}
    for block in document.element.body:
        if block.tag != qn("w:p"):
            return False
        style_id = next((s.get(qn("w:val")) for s in block.iterfind(f"{qn('w:pPr')}/{qn('w:pStyle')}")), None)
        if style_id not in title_styles:
            return _breaks_page_before(block, by_id.get(style_id), by_id)
        if _ends_page(block):
            return True
    return False


def _ends_page(paragraph: etree._Element) -> bool:
    breaks = paragraph.iter(qn("w:br"))
    return any(br.get(qn("w:type")) == "page" for br in breaks) or \
        paragraph.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None


def _breaks_page_before(paragraph: etree._Element, style: etree._Element | None, by_id: dict) -> bool:
    own = paragraph.find(f"{qn('w:pPr')}/{qn('w:pageBreakBefore')}")
    if own is not None:
        return _on(own)
    for _ in range(20):  # a basedOn chain; a loop in a damaged template ends here
        if style is None:
            return False
        setting = style.find(f"{qn('w:pPr')}/{qn('w:pageBreakBefore')}")
        if setting is not None:
            return _on(setting)
        based_on = style.find(qn("w:basedOn"))
        style = by_id.get(based_on.get(qn("w:val"))) if based_on is not None else None
    return False


def _on(toggle: etree._Element) -> bool:
    return toggle.get(qn("w:val"), "true") not in ("0", "false", "off")


def header_footer_parts(document: Document) -> list[tuple[str, etree._Element]]:
    """("the first-page header", element) for each header and footer the document's pages show."""
    names = {"default": "", "first": "first-page ", "even": "even-page "}
    found: list[tuple[str, etree._Element]] = []
    section_properties = document.element.body.find(qn("w:sectPr"))
    if section_properties is None:
        return found
    for reference in section_properties:
        kind = {qn("w:headerReference"): "header", qn("w:footerReference"): "footer"}.get(reference.tag)
        if kind is None:
            continue
        try:
            part = document.part.related_parts[reference.get(qn("r:id"))]
        except KeyError:
            continue
        found.append((f"the {names.get(reference.get(qn('w:type')), '')}{kind}", part.element))
    return found


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
    properties.created = project.created.astimezone(UTC)
    properties.modified = last_change(project).astimezone(UTC)
    core = document.part.package.core_properties._element  # python-docx has no API to unset a date
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
