"""The 附页: for each grant, `<holder>获准经营<grant>相关信息` and its websites, each given as
网站名称 / 网站域名 / 服务器放置地 / 网站接入服务提供单位 (in any line layout: one field a line,
several on a line, or a value broken over lines)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from licencecheck.i18n import _, quote
from licencecheck.importing.normalise import Line
from licencecheck.importing.parsed import Maybe, Notes

_BLOCK = re.compile(r"获准经营(?P<grant>.+?)相关信息$")
_BLOCK_START = re.compile(r"获准经营")
_HEADING_LINES = 3
"""A block's heading broken over at most this many lines is read as one."""
_FIELD = re.compile(r"(?P<label>网站名称|网站域名|服务器放置地|网站接入服务提供单位)：?")
_LABELS = {
    "网站名称": "name",
    "网站域名": "domain",
    "服务器放置地": "server_location",
    "网站接入服务提供单位": "access_provider",
}
_DOMAIN_SEPARATORS = re.compile(r"[、，；,;\s]+")
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://")


@dataclass
class ParsedWebsite:
    name: Maybe[str]
    domain: Maybe[str]
    server_location: Maybe[str]
    access_provider: Maybe[str]


@dataclass
class WebsiteBlock:
    """The websites listed for one grant (`grant` as printed in the block's heading)."""

    grant: str | None
    line: int
    websites: list[ParsedWebsite] = field(default_factory=list)


def read_websites(lines: list[Line], notes: Notes) -> list[WebsiteBlock]:
    blocks: list[WebsiteBlock] = []
    fields: list[tuple[str, str, int]] = []
    for line in _joined_headings(lines):
        heading = _BLOCK.search(line.text)
        if heading:
            _finish(blocks, fields, notes)
            blocks.append(WebsiteBlock(heading["grant"], line.number))
            continue
        if not blocks:
            blocks.append(WebsiteBlock(None, line.number))
        _collect(fields, line)
    _finish(blocks, fields, notes)
    return [block for block in blocks if block.websites or block.grant]


def _joined_headings(lines: list[Line]) -> list[Line]:
    """The lines, with a block heading that OCR broke over lines (`…获准经营信息服务业务（仅限互联网`
    / `信息服务）相关信息`) joined into one, at the line where it starts."""
    out: list[Line] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        width = _heading_width(lines, index) if _BLOCK_START.search(line.text) else 1
        out.append(Line(line.number, "".join(part.text for part in lines[index : index + width])))
        index += width
    return out


def _heading_width(lines: list[Line], index: int) -> int:
    """How many lines from `index` make up one block heading (1 if it is whole or none)."""
    text = ""
    for width, line in enumerate(lines[index : index + _HEADING_LINES], start=1):
        if width > 1 and (_FIELD.search(line.text) or _BLOCK_START.search(line.text)):
            break
        text += line.text
        if _BLOCK.search(text):
            return width
    return 1


def _collect(fields: list[tuple[str, str, int]], line: Line) -> None:
    """Split a line into (field, value, line) at each label; text before any label continues
    the previous field's value."""
    position = 0
    for match in _FIELD.finditer(line.text):
        if match.start() > position and fields:
            label, value, number = fields[-1]
            fields[-1] = (label, value + line.text[position : match.start()], number)
        fields.append((_LABELS[match["label"]], "", line.number))
        position = match.end()
    if position < len(line.text) and fields:
        label, value, number = fields[-1]
        fields[-1] = (label, value + line.text[position:], number)


def _finish(blocks: list[WebsiteBlock], fields: list[tuple[str, str, int]], notes: Notes) -> None:
    """Turn the block's fields into websites: each 网站名称 starts one."""
    if not blocks:
        return
    groups: list[dict[str, tuple[str, int]]] = []
    for label, value, number in fields:
        if label == "name" or not groups or label in groups[-1]:
            groups.append({})
        groups[-1][label] = (value, number)
    for group in groups:
        blocks[-1].websites.extend(_websites(group, blocks[-1].line, notes))
    fields.clear()


def _websites(group: dict[str, tuple[str, int]], block_line: int, notes: Notes) -> list[ParsedWebsite]:
    line = min((number for _value, number in group.values()), default=block_line)

    def value(label: str, what: str) -> Maybe[str]:
        text, number = group.get(label, ("", line))
        return text or notes.gap(_("website without {what}").format(what=what), number)

    domains = _domains(group.get("domain", ("", line)), notes)
    return [
        ParsedWebsite(
            value("name", "网站名称"),
            domain,
            value("server_location", "服务器放置地"),
            value("access_provider", "网站接入服务提供单位"),
        )
        for domain in domains
    ]


def _domains(field_value: tuple[str, int], notes: Notes) -> list[Maybe[str]]:
    """Each domain of a 网站域名 field in A-label form; several in one field become several sites."""
    from licencecheck.hostnames import HostError, normalise_name

    text, line = field_value
    found: list[Maybe[str]] = []
    for part in _DOMAIN_SEPARATORS.split(text.strip()):
        raw = _SCHEME.sub("", part.lower()).split("/")[0]
        if not raw:
            continue
        try:
            name = normalise_name(raw)
        except HostError as exc:
            said = _("网站域名 {domain} is not a domain name ({error})").format(domain=quote(part), error=exc)
            found.append(notes.gap(said, line))
            continue
        if "." not in name:
            said = _("网站域名 {domain} is not a domain name (a single label)").format(domain=quote(part))
            found.append(notes.gap(said, line))
        else:
            found.append(name)
    return found or [notes.gap(_("website without {what}").format(what="网站域名"), line)]
