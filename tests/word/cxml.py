"""WordprocessingML elements from a compact expression, for element-level tests of the Word reader.

The idea and the notation are python-docx's (``tests/unitutil/cxml.py``, "CXEL"); this is a small
recursive-descent parser instead of its pyparsing grammar, so the tests need nothing more installed::

    element('w:p/(w:pPr/w:pStyle{w:val=Heading1},w:r/w:t"Hello")')

* ``w:p`` is an element (a namespace prefix and a local name);
* ``{w:val=Heading1,w:type=page}`` its attributes (a value runs to the next ``,`` or ``}``);
* ``"Hello"`` its text (``\\"`` and ``\\\\`` inside the quotes for a quote and a backslash);
* ``/child`` one child, ``/(first,second)`` several; children nest: ``w:p/w:r/(w:t"a",w:br)``.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from docx.oxml.ns import nsmap
from lxml import etree

# python-docx's prefixes, and those of markup compatibility and VML it does not declare.
NAMESPACES = {**nsmap, "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
              "v": "urn:schemas-microsoft-com:vml", "o": "urn:schemas-microsoft-com:office:office"}


class CxmlError(ValueError):
    """An expression that does not parse, with where it stopped."""


def element(expression: str) -> etree._Element:
    """The element (with its children) that ``expression`` describes."""
    return etree.fromstring(xml(expression))


def xml(expression: str) -> str:
    """The XML text of ``expression``, the root declaring every namespace prefix used."""
    parser = _Parser(expression)
    node = parser.node()
    parser.expect_end()
    declarations = "".join(f' xmlns:{prefix}="{NAMESPACES[prefix]}"' for prefix in sorted(node.prefixes()))
    return node.xml(declarations)


class _Node:
    def __init__(self, tag: str, attributes: list[tuple[str, str]], text: str) -> None:
        self.tag = tag
        self.attributes = attributes
        self.text = text
        self.children: list[_Node] = []

    def prefixes(self) -> set[str]:
        names = [self.tag] + [name for name, _ in self.attributes]
        found = {name.split(":", 1)[0] for name in names if ":" in name} - {"xml"}
        for child in self.children:
            found |= child.prefixes()
        return found

    def xml(self, declarations: str = "") -> str:
        attributes = "".join(f" {name}={quoteattr(value)}" for name, value in self.attributes)
        inner = escape(self.text) + "".join(child.xml() for child in self.children)
        return f"<{self.tag}{declarations}{attributes}>{inner}</{self.tag}>"


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.at = 0

    def fail(self, wanted: str) -> CxmlError:
        return CxmlError(f"expected {wanted} at {self.at} in {self.text!r}")

    def peek(self) -> str:
        return self.text[self.at] if self.at < len(self.text) else ""

    def take(self, char: str) -> bool:
        if self.peek() == char:
            self.at += 1
            return True
        return False

    def expect_end(self) -> None:
        if self.at != len(self.text):
            raise self.fail("the end")

    def node(self) -> _Node:
        """element [ "/" ( "(" node { "," node } ")" | node ) ]"""
        node = _Node(self.tag(), self.attributes(), self.quoted())
        if self.take("/"):
            if self.take("("):
                node.children.append(self.node())
                while self.take(","):
                    node.children.append(self.node())
                if not self.take(")"):
                    raise self.fail("',' or ')'")
            else:
                node.children.append(self.node())
        return node

    def name(self, allowed: str) -> str:
        start = self.at
        while self.peek() and (self.peek().isalnum() or self.peek() in allowed):
            self.at += 1
        return self.text[start:self.at]

    def tag(self) -> str:
        name = self.name(":")
        prefix, colon, local = name.partition(":")
        if not colon or prefix not in NAMESPACES or not local:
            raise self.fail(f"a tag with a known prefix (one of {', '.join(sorted(NAMESPACES))})")
        return name

    def attributes(self) -> list[tuple[str, str]]:
        result: list[tuple[str, str]] = []
        if not self.take("{"):
            return result
        while True:
            name = self.name(":")
            if not name or not self.take("="):
                raise self.fail("an attribute as name=value")
            start = self.at
            while self.peek() and self.peek() not in ",}":
                self.at += 1
            result.append((name, self.text[start:self.at]))
            if self.take("}"):
                return result
            if not self.take(","):
                raise self.fail("',' or '}'")

    def quoted(self) -> str:
        if not self.take('"'):
            return ""
        pieces = []
        while not self.take('"'):
            char = self.peek()
            if not char:
                raise self.fail("a closing quote")
            if char == "\\" and self.at + 1 < len(self.text):
                self.at += 1
                char = self.peek()
            pieces.append(char)
            self.at += 1
        return "".join(pieces)
