"""PDFs built byte by byte for the import tests: a text layer in CJK (a Type0 Identity-H font
with a ToUnicode CMap, no embedded font program), and the parts hostile variants are made of."""

from __future__ import annotations

import zlib


def pdf(objects: dict[int, bytes], root: int = 1) -> bytes:
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, objects[number])
    xref, size = len(out), max(objects) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    out += b"".join(
        b"%010d 00000 n \n" % offsets[k] if k in offsets else b"0000000000 65535 f \n" for k in range(1, size)
    )
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, root, xref)
    return bytes(out)


def stream(data: bytes, *, compress: bool = False) -> bytes:
    if compress:
        packed = zlib.compress(data, 9)
        return b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(packed), packed)
    return b"<< /Length %d >>\nstream\n%s\nendstream" % (len(data), data)


def cjk_pdf(pages: list[list[str]]) -> bytes:
    """A PDF whose text layer holds these lines (a Type0 Identity-H font whose codes are UTF-16
    code units, with a ToUnicode CMap), page after page."""
    ranges = [f"<{hi:02X}00> <{hi:02X}FF> <{hi:02X}00>" for hi in range(256) if not 0xD8 <= hi <= 0xDF]
    cmap = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
        "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
        f"{len(ranges)} beginbfrange\n" + "\n".join(ranges) + "\nendbfrange\n"
        "endcmap CMapName currentdict /CMap defineresource pop end end\n"
    ).encode("ascii")
    kids = " ".join(f"{7 + 2 * i} 0 R" for i in range(len(pages)))
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode(),
        3: b"<< /Type /Font /Subtype /Type0 /BaseFont /Song /Encoding /Identity-H /DescendantFonts [4 0 R]"
        b" /ToUnicode 6 0 R >>",
        4: b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Song /CIDSystemInfo << /Registry (Adobe)"
        b" /Ordering (Identity) /Supplement 0 >> /FontDescriptor 5 0 R /DW 1000 /CIDToGIDMap /Identity >>",
        5: b"<< /Type /FontDescriptor /FontName /Song /Flags 4 /FontBBox [0 0 1000 1000] /ItalicAngle 0"
        b" /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>",
        6: stream(cmap),
    }
    for i, lines in enumerate(pages):
        shown = [
            f"BT /F1 10 Tf 40 {800 - 14 * j} Td <{line.encode('utf-16-be').hex()}> Tj ET"
            for j, line in enumerate(lines)
        ]
        objects[7 + 2 * i] = (
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >>"
            f" /Contents {8 + 2 * i} 0 R >>"
        ).encode()
        objects[8 + 2 * i] = stream("\n".join(shown).encode("ascii"))
    return pdf(objects)
