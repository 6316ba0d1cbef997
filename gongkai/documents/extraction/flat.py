"""Pages whose text was flattened into one long line (a crawler's text dump, a copy from a
page whose paragraphs were spans): the breadcrumb, the page's date, the share buttons, the
发文字号, the title, the 主送机关, the text and the signature run together, separated by a
space at best. Such a line is split back into the lines the other extractors expect:

- at spaces, except inside a breadcrumb's label and between a date and its clock time;
- within a piece: after a leading 发文字号, between a title and the 主送机关 list that ends
  in a colon, and around a signature (a body's name and a date after the last sentence).

Only a long line that shows a page's frame (a breadcrumb, or a 时间/来源 field after a
space) is split: a long paragraph of a document is left alone. Hand-written: the layout
of flattened pages is a convention of crawlers, not a format a library reads.
"""

from __future__ import annotations

import re

from gongkai.documents.extraction.chrome import DOC_TYPE_WORDS, looks_like_title
from gongkai.documents.extraction.dates import DATE_PATTERN
from gongkai.documents.extraction.names import is_org, split_names
from gongkai.documents.extraction.text import doc_numbers_in, fold
from gongkai.documents.extraction.units import UNIT_ENDING

_FLAT_MIN = 300
_PAGE_SIGNS = re.compile(
    r"^(?:当前位置|您的位置|您当前的位置)\s*:|\s(?:时间|来源|发布时间)\s*:\s*\S"
    # a signature between spaces inside the line: … 某某镇人民政府 2020年10月22日 …
    r"|\s\S{2,30}(?:政府|办公室|办公厅|局|委员会|办事处)\s+\d{4}年\d{1,2}月\d{1,2}日(?:\s|$)"
)
# Where a space does not separate lines: after a breadcrumb's label, before a clock time.
_KEEP_SPACE = re.compile(r"(?:位置\s*:|\d{4}[-/.]\d{1,2}[-/.]\d{1,2})$")
_SPACE = re.compile(r"\s+")
_ATTACHMENT_START = re.compile(r"附\s*件")
_TITLE_END = re.compile(DOC_TYPE_WORDS)
_SENTENCE_END = "。；;！!？?）)】"
_ATTACHMENTS = re.compile(r"附\s*件\s*:")
_ATTACHMENTS_AFTER_SENTENCE = re.compile(r"[。;；]附\s*件\s*:")
_ITEM = re.compile(r"\d{1,2}\s*[.、]")
_SIGNATURE_MAX = 40


def unflatten(text: str) -> str:
    """`text` with each flattened page line split back into lines."""
    lines = text.split("\n")
    if not any(len(line) >= _FLAT_MIN for line in lines):
        return text
    out: list[str] = []
    for line in lines:
        folded = fold(line)
        if len(line) >= _FLAT_MIN and _PAGE_SIGNS.search(folded):
            out += _split_line(line)
        else:
            out.append(line)
    return "\n".join(out)


def _space_pieces(line: str) -> list[str]:
    """The line split at spaces. In an attachment list (附件：1.X 2.Y) a space splits only
    before the next item or the signature's date, or after an item's closing bracket: a
    stray space inside a title stays."""
    pieces: list[str] = []
    start = 0
    in_attachments = False
    for space in _SPACE.finditer(line):
        before = fold(line[start : space.start()])
        after = fold(line[space.end() : space.end() + 12])
        if _KEEP_SPACE.search(before):
            continue
        in_attachments = in_attachments or bool(_ATTACHMENTS.match(before))
        if in_attachments and not _ends_attachment_item(before, after):
            continue
        if in_attachments and DATE_PATTERN.match(after):
            in_attachments = False
        pieces.append(line[start : space.start()])
        start = space.end()
    pieces.append(line[start:])
    return [piece for piece in pieces if piece]


def _ends_attachment_item(before: str, after: str) -> bool:
    return bool(_ITEM.match(after) or DATE_PATTERN.match(after)) or before.endswith((")", "）"))


def _split_line(line: str) -> list[str]:
    pieces = [part for piece in _space_pieces(line) for part in _split_head(piece)]
    known = _heading_issuers(pieces)
    return [part for piece in pieces for part in _signature_split(piece, known)]


def _split_head(piece: str) -> list[str]:
    """A piece of a flattened line, split after a leading number and between a title and
    its 主送机关."""
    parts: list[str] = []
    numbers = doc_numbers_in(piece)
    if numbers and numbers[0].span[0] == 0 and numbers[0].span[1] < len(piece):
        parts.append(piece[: numbers[0].span[1]])
        piece = piece[numbers[0].span[1] :]
    parts += _title_and_recipients(piece)
    return [part for text in parts for part in _attachments_apart(text)]


def _attachments_apart(piece: str) -> list[str]:
    """…请认真贯彻落实。附件：… -> the text, and the attachment list on a line of its own."""
    match = _ATTACHMENTS_AFTER_SENTENCE.search(fold(piece))
    if not match:
        return [piece]
    return [piece[: match.start() + 1], piece[match.start() + 1 :]]


def _is_unit_list(text: str) -> bool:
    names = split_names(text)
    units = sum(1 for name in names if UNIT_ENDING.search(fold(name)))
    return bool(names) and 2 * units >= len(names)


def _title_and_recipients(piece: str) -> list[str]:
    """关于X的通知区直各单位，各乡镇人民政府：正文 -> title, 主送机关 with colon, text."""
    folded = fold(piece)
    colon = folded.find(":")
    if colon <= 0:
        return [piece]
    head = piece[:colon]
    for end in _TITLE_END.finditer(fold(head)):
        title, recipients = head[: end.end()], head[end.end() :]
        if recipients and looks_like_title(title) and _is_unit_list(recipients):
            rest = piece[colon + 1 :]
            return [title, piece[end.end() : colon + 1], *([rest] if rest else [])]
    return [piece]


def _signature_split(piece: str, known: set[str]) -> list[str]:
    """…支持配合。平潭综合实验区管委会办公室2015年9月10日 -> text, issuer, date; also where
    the attachments follow the date (…2015年7月31日附件1…). The signer is what follows the
    last sentence, or a body the page names as the issuer of its heading (`known`)."""
    folded = fold(piece)
    for match in reversed(list(DATE_PATTERN.finditer(folded))):
        tail = folded[match.end() :].strip()
        if tail and not _ATTACHMENT_START.match(tail):
            continue
        before = piece[: match.start()]
        signer = _signer(before, known)
        if signer:
            rest = piece[match.end() :].strip()
            parts = (
                before[: len(before) - len(signer)],
                signer,
                piece[match.start() : match.end()],
                rest,
            )
            return [part for part in parts if part]
    return [piece]


def _signer(before: str, known: set[str]) -> str | None:
    for name in known:
        if before.endswith(name):
            return name
    cut = max(before.rfind(ch) for ch in _SENTENCE_END) + 1
    signer = before[cut:]
    if signer.strip() and len(signer) <= _SIGNATURE_MAX and is_org(signer.strip()):
        return signer
    return None


def _heading_issuers(pieces: list[str]) -> set[str]:
    """Bodies named at the head of a title (X关于…), to find the same body signing."""
    found = set()
    for piece in pieces:
        cut = piece.find("关于")
        if cut > 0 and is_org(piece[:cut].strip()):
            found.add(piece[:cut].strip())
    return found
