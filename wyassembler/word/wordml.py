"""WordprocessingML names as the Word reader meets them (the writer's are in :mod:`.oxml`).

Reading has to know many more elements than writing (tracked changes, fields,
drawings, equations, markup-compatibility wrappers), so the reader keeps its
own table here, shared by the body reader, its styles and numbering, and packs.
"""

from __future__ import annotations

from docx.oxml.ns import qn

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_ID = qn("r:id")
M_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def w_tag(name: str) -> str:
    return f"{{{W}}}{name}"


P, R, T, TBL, TR, TC, PPR, RPR = (w_tag(n) for n in ("p", "r", "t", "tbl", "tr", "tc", "pPr", "rPr"))
SDT, SDT_CONTENT, SDT_PR, CUSTOM_XML, SMART_TAG = (w_tag(n) for n in ("sdt", "sdtContent", "sdtPr", "customXml",
                                                                     "smartTag"))
INS, DEL, MOVE_FROM, MOVE_TO = w_tag("ins"), w_tag("del"), w_tag("moveFrom"), w_tag("moveTo")
HYPERLINK, FLD_SIMPLE, FLD_CHAR, INSTR_TEXT = (w_tag(n) for n in ("hyperlink", "fldSimple", "fldChar", "instrText"))
PSTYLE, RSTYLE, NUMPR, NUMID, ILVL, OUTLINE = (w_tag(n) for n in ("pStyle", "rStyle", "numPr", "numId", "ilvl",
                                                               "outlineLvl"))
# I is Word's own name for italic (w:i), as B is for bold.
B, I, VANISH, U, STRIKE, DSTRIKE = (w_tag(n) for n in ("b", "i", "vanish", "u", "strike", "dstrike"))  # noqa: E741
VAL = w_tag("val")
TAB, PTAB, BR, CR, NB_HYPHEN, SOFT_HYPHEN, SYM = (w_tag(n) for n in ("tab", "ptab", "br", "cr", "noBreakHyphen",
                                                                   "softHyphen", "sym"))
DRAWING, PICT, OBJECT, CONTENT_PART = w_tag("drawing"), w_tag("pict"), w_tag("object"), w_tag("contentPart")
FOOTNOTE_REF, ENDNOTE_REF, COMMENT_REF = (w_tag(n) for n in ("footnoteReference", "endnoteReference",
                                                               "commentReference"))
DIR, BDO, ALT_CHUNK, SECT_PR = w_tag("dir"), w_tag("bdo"), w_tag("altChunk"), w_tag("sectPr")
RPR_CHANGE, PPR_CHANGE = w_tag("rPrChange"), w_tag("pPrChange")
TRPR, TCPR, GRID_SPAN, VMERGE = w_tag("trPr"), w_tag("tcPr"), w_tag("gridSpan"), w_tag("vMerge")
TBL_PR, TBL_STYLE, TBL_LOOK, TBL_HEADER = (w_tag(n) for n in ("tblPr", "tblStyle", "tblLook", "tblHeader"))
ALTERNATE, CHOICE, FALLBACK = f"{{{MC_NS}}}AlternateContent", f"{{{MC_NS}}}Choice", f"{{{MC_NS}}}Fallback"
O_MATH, O_MATH_PARA = f"{{{M_NS}}}oMath", f"{{{M_NS}}}oMathPara"
TXBX_CONTENT = w_tag("txbxContent")
ANCHOR = w_tag("anchor")
FALSE = frozenset(("0", "false", "off", "none"))

# Elements whose children are read as if they stood where the element is.
TRANSPARENT_INLINE = frozenset((INS, MOVE_TO, SMART_TAG, CUSTOM_XML, DIR, BDO))
SKIPPED_INLINE = frozenset((DEL, MOVE_FROM))
GRAPHIC_KINDS = (("/drawingml/2006/picture", "image"), ("/drawingml/2006/chart", "chart"),
                  ("/drawingml/2006/diagram", "smartart"), ("chartex", "chart"))
