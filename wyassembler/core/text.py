"""The one rule for text that comes in: what a project may hold, so every value can be saved and read back.

A project file is XML 1.0, which cannot carry the C0 control characters other
than tab, line feed and carriage return, nor U+FFFE, U+FFFF or lone surrogates
(what Python makes of bytes that are not UTF-8, for instance on a command line).
Every string a user gives (properties, organisations, people, notes, headings,
content, the saved identity) goes through :func:`clean_text` here, in core, so
the command line and the app clean it the same way and no value can make a save
fail.
"""

from __future__ import annotations

import re
import unicodedata

from .errors import ContentError

# Size limits, in UTF-8 bytes, that keep every value within what the project file reader accepts:
# it reads without lxml's huge_tree, so one text node may hold 10,000,000 bytes, and one start tag,
# all its attributes *escaped* (a '"' takes six bytes), a little under 10,000,000. Text over them
# would be saved and never open again.
# A paragraph, list item or table cell: its text is stored as element text, its spans merged.
MAX_TEXT_BYTES = 10_000_000
# A field (title, heading, name, email, role, note): far more than any needs, and an organisation's
# four names, escaped six times over, still well inside one start tag's limit.
MAX_FIELD_BYTES = 100_000

# What XML 1.0 forbids: C0 controls other than tab, LF and CR, and two non-characters.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Line breaks as str.splitlines knows them, vertical tab (Word's manual line break) and form feed
# among them, so those become a space or a line feed rather than vanishing and joining two words.
_LINE_BREAK = "\r\n|[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]"
_BREAKS_AND_TABS = re.compile(f"(?:{_LINE_BREAK}|\t)+")
_LINE_BREAKS = re.compile(_LINE_BREAK)
# The forbidden characters that are not line breaks: dropped, being invisible and meaningless here.
_DROPPED = re.compile("[\x00-\x08\x0e-\x1b\x1f\ufffe\uffff]")
# Lone surrogates stand for bytes that were not UTF-8 (a command line's, say): shown as U+FFFD.
_SURROGATES = re.compile("[\ud800-\udfff]")


def clean_text(text: str, *, multiline: bool = False, strip: bool = True) -> str:
    """``text`` as a project may hold it: NFC, with nothing XML 1.0 cannot carry.

    Line breaks are those :meth:`str.splitlines` knows: LF, CR, CR LF, vertical tab (Word's manual
    line break), form feed, U+001C to U+001E, U+0085, U+2028 and U+2029.

    * One-line fields (the default: a title, a heading, a name, an email, a role, inline text): every
      run of line breaks and tabs becomes one space, since there they are left over from pasting and
      the field shows on one line.
    * ``multiline=True`` (a sign-off's note; inline text of a paragraph, list item or cell, where a
      line feed is a hard line break and a tab a tab the author typed, Word's ``w:br`` and ``w:tab``):
      each line break becomes a line feed; tabs are kept.

    The other characters XML 1.0 forbids (the rest of U+0000 to U+001F, U+FFFE, U+FFFF) are removed
    first, so they join nothing; lone surrogates become U+FFFD.

    Leading and trailing whitespace is removed unless ``strip=False`` (inline spans, whose spaces
    join them to their neighbours). A field over :data:`MAX_FIELD_BYTES` once cleaned raises
    :class:`TextTooLong` (inline text is measured per paragraph, by ``content.normalize_inline``).
    """
    text = unicodedata.normalize("NFC", _DROPPED.sub("", _SURROGATES.sub("\ufffd", text)))
    text = _LINE_BREAKS.sub("\n", text) if multiline else _BREAKS_AND_TABS.sub(" ", text)
    if not strip:
        return text  # inline text: its paragraph's size is checked once its spans are merged
    text = text.strip()
    check_text_size(utf8_size(text), "a title, heading, name or note", MAX_FIELD_BYTES)
    return text


class TextTooLong(ContentError):
    """Text over a size limit: refused where it comes in, since no project file could hold it."""


def utf8_size(text: str) -> int:
    """The bytes ``text`` takes in UTF-8 (as the project file stores it)."""
    return len(text) if text.isascii() else len(text.encode("utf-8"))


def check_text_size(size: int, what: str, limit: int = MAX_TEXT_BYTES) -> None:
    """Raise :class:`TextTooLong` if ``size`` bytes of ``what`` are more than ``limit``."""
    if size > limit:
        raise TextTooLong(f"{what} holds {size:,} bytes of text, over the {limit:,} one may hold")


def has_illegal_characters(text: str) -> bool:
    """Whether ``text`` holds something XML 1.0 cannot carry (for values refused rather than cleaned)."""
    return bool(_XML_ILLEGAL.search(text) or _SURROGATES.search(text))


def decode_text_file(raw: bytes) -> str:
    """A text file's bytes as text: UTF-16 when a byte order mark says so (Notepad's "Unicode"), else
    UTF-8 (a UTF-8 byte order mark dropped). Raises UnicodeDecodeError for bytes that are neither."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    return raw.decode("utf-8-sig")
