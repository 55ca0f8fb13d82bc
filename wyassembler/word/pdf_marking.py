"""Knowing our own PDF, so an export replaces only a PDF nobody has touched since we wrote it.

A .docx carries its mark in a custom property (:mod:`.provenance`); a PDF carries it in its XMP
metadata, as a Dublin Core ``dc:identifier`` (a property of a schema PDF/A predefines, so a PDF/A
stays one): ``wyassembler-output sha256:<64 hex digits>``, the hash of the whole file with those 64
digits written as zeros.

LibreOffice writes the XMP packet of a PDF/UA uncompressed and ends it with a few thousand bytes of
padding, there so that metadata can be changed in place. The mark is written into it in place: the
packet and the file keep their length, so no offset, cross-reference or ``/Length`` changes. Any later
change to the file (an editor's incremental save appends, a rewrite moves everything) no longer
matches the hash. A PDF whose metadata has no room (or already has an identifier) is left unmarked.
"""

from __future__ import annotations

import hashlib
import re

UNTOUCHED = "untouched"
CHANGED = "changed"
NOT_OURS = "not ours"

MARK_PREFIX = b"wyassembler-output sha256:"
_DIGITS = 64
_ZEROS = b"0" * _DIGITS
_MARK_XML = (b'  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">\n'
             b"   <dc:identifier>" + MARK_PREFIX + _ZEROS + b"</dc:identifier>\n"
             b"  </rdf:Description>\n")
_PACKET_BEGIN = b"<?xpacket begin="
_PACKET_END = b"<?xpacket end="
_RDF_END = b" </rdf:RDF>"
_XMPMETA_END = b"</x:xmpmeta>"
_MAX_PACKET_BYTES = 1_000_000  # LibreOffice's is about 6 KB; a bigger one is not read
_MAX_PACKETS = 16  # pictures may carry XMP packets of their own; only the first few are looked at
_DICTIONARY_REACH = 512  # how far before a packet its stream's dictionary is looked for
_IDENTIFIER_ELEMENT = re.compile(rb"<(?:[\w.-]+:)?identifier[\s>/]")
_HEX = re.compile(rb"[0-9a-f]{64}")


def _metadata_packets(data: bytes):
    """(start, end) of each uncompressed XMP metadata stream's packet: from ``<?xpacket begin=`` to the start
    of ``<?xpacket end=``, at most :data:`_MAX_PACKETS` of them, each at most :data:`_MAX_PACKET_BYTES`."""
    start = data.find(_PACKET_BEGIN)
    for _ in range(_MAX_PACKETS):
        if start < 0:
            return
        end = data.find(_PACKET_END, start, start + _MAX_PACKET_BYTES)
        if end < 0:
            return
        dictionary = data[max(0, start - _DICTIONARY_REACH):start]
        dictionary = dictionary[max(0, dictionary.rfind(b"obj")):]
        if b"/Metadata" in dictionary and b"/Filter" not in dictionary:
            yield start, end
        start = data.find(_PACKET_BEGIN, end)


def marked_pdf(data: bytes) -> bytes | None:
    """``data`` with our mark written into its metadata's padding (same length); None when there is no
    metadata packet with room for it, or it already has an identifier."""
    for start, end in _metadata_packets(data):
        packet = data[start:end]
        if _IDENTIFIER_ELEMENT.search(packet):
            return None
        rdf_end = packet.rfind(_RDF_END)
        meta_end = packet.rfind(_XMPMETA_END)
        if rdf_end < 0 or meta_end < rdf_end:
            continue
        after_meta = meta_end + len(_XMPMETA_END)
        padding = packet[after_meta:]
        if padding.strip(b" \r\n\t") or len(padding) <= len(_MARK_XML):
            continue  # not only whitespace, or too little of it (one newline stays before the end)
        new_packet = (packet[:rdf_end] + _MARK_XML + packet[rdf_end:after_meta]
                      + padding[len(_MARK_XML):])
        unsigned = data[:start] + new_packet + data[end:]
        digits_at = start + rdf_end + _MARK_XML.index(_ZEROS)
        digest = hashlib.sha256(unsigned).hexdigest().encode()
        return unsigned[:digits_at] + digest + unsigned[digits_at + _DIGITS:]
    return None


def pdf_state(data: bytes) -> str:
    """:data:`UNTOUCHED` (our PDF, every byte as written), :data:`CHANGED` (our mark, other bytes) or
    :data:`NOT_OURS` (no mark)."""
    for start, end in _metadata_packets(data):
        at = data.find(MARK_PREFIX, start, end)
        if at < 0:
            continue
        digits_at = at + len(MARK_PREFIX)
        recorded = data[digits_at:digits_at + _DIGITS]
        if not _HEX.fullmatch(recorded):
            return CHANGED
        zeroed = data[:digits_at] + _ZEROS + data[digits_at + _DIGITS:]
        return UNTOUCHED if hashlib.sha256(zeroed).hexdigest().encode() == recorded else CHANGED
    return NOT_OURS
