"""The citation graph (引用关系): 上位依据 (what a document cites) and 下位落实 (what cites it).

A citation is stored as its citing text writes it (number and title) with the normalised
number as ``key``; it points at the library document with that key once there is one.
Unresolved citations resolve by themselves: whenever a document is created, imported or
published, the citations waiting for its number are pointed at it.

Services (state changes) come first, then selectors. The selectors show the public what is
public only: a public document is a node with its id and link; anything else (a draft, a
withdrawn or withheld document, a document not in the library) is shown as the citing text
writes it, number and title, and is not followed further.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import F, Q
from django.utils.html import strip_tags

from gongkai.core import bulk
from gongkai.core.urlpaths import reverse_id
from gongkai.documents.extraction import Citation as ExtractedCitation
from gongkai.documents.extraction.references import find_citations
from gongkai.documents.models import Citation, Disclosure, Document

MAX_DEPTH = 5
_KEY_BATCH = 500
_TITLE_MAX = Citation._meta.get_field("title").max_length
_NUMBER_MAX = Citation._meta.get_field("doc_number").max_length


# --- services ------------------------------------------------------------------------------


def _public_q(prefix: str = "") -> Q:
    return Q(
        **{
            f"{prefix}live": True,
            f"{prefix}withdrawn_at__isnull": True,
            f"{prefix}disclosure": Disclosure.PROACTIVE,
        }
    )


def targets_for_keys(keys: Iterable[str]) -> dict[str, int]:
    """The library document each normalised number points to. Where several documents
    share a number, the public one wins, then the most recently created."""
    keys = sorted({key for key in keys if key})
    chosen: dict[str, tuple[bool, int]] = {}
    for start in range(0, len(keys), _KEY_BATCH):
        rows = Document.objects.filter(doc_number_key__in=keys[start : start + _KEY_BATCH])
        for pk, key, live, withdrawn_at, disclosure in rows.values_list(
            "pk", "doc_number_key", "live", "withdrawn_at", "disclosure"
        ):
            public = live and withdrawn_at is None and disclosure == Disclosure.PROACTIVE
            rank = (public, pk)
            if key not in chosen or rank > chosen[key]:
                chosen[key] = rank
    return {key: pk for key, (_public, pk) in chosen.items()}


def citation_rows(source: Document, cited: Sequence[ExtractedCitation]) -> list[Citation]:
    """Unsaved Citation rows of ``source`` for what extraction found (targets not set)."""
    return [
        Citation(
            source=source,
            doc_number=item.doc_number[:_NUMBER_MAX],
            key=item.key[:_NUMBER_MAX],
            title=(item.title or "")[:_TITLE_MAX],
            sort_order=order,
        )
        for order, item in enumerate(cited)
    ]


def citations_bulk_create(rows: list[Citation]) -> list[Citation]:
    """Save citation rows of new documents, each pointed at its library document if any."""
    targets = targets_for_keys(row.key for row in rows)
    for row in rows:
        target = targets.get(row.key)
        row.target_id = target if target != row.source_id else None
    with transaction.atomic():
        for row, pk in zip(rows, bulk.reserve_ids(Citation, len(rows)), strict=True):
            row.pk = pk
        bulk.insert(rows)
    return rows


@transaction.atomic
def citations_replace(*, document: Document, cited: Sequence[ExtractedCitation]) -> None:
    """Make the document's citations exactly ``cited`` (kept rows keep their targets)."""
    wanted = {row.key: row for row in citation_rows(document, cited)}
    existing = {row.key: row for row in Citation.objects.filter(source=document)}
    Citation.objects.filter(source=document).exclude(key__in=list(wanted)).delete()
    for key, row in wanted.items():
        old = existing.get(key)
        if old and (old.doc_number, old.title, old.sort_order) != (
            row.doc_number,
            row.title,
            row.sort_order,
        ):
            old.doc_number, old.title, old.sort_order = row.doc_number, row.title, row.sort_order
            old.save(update_fields=["doc_number", "title", "sort_order"])
    citations_bulk_create([row for key, row in wanted.items() if key not in existing])


def citations_resolve_to(*, documents: Sequence[Document], published: bool = False) -> int:
    """Point the citations waiting for these documents' numbers at them. On publication a
    document also takes over citations that point at a non-public document with its number;
    citations that point at it under a number it no longer has are re-resolved."""
    _detach_renumbered([doc.pk for doc in documents])
    by_key = {doc.doc_number_key: doc.pk for doc in documents if doc.doc_number_key}
    waiting = Q(target__isnull=True)
    if published:
        waiting |= ~_public_q("target__")
    keys = sorted(by_key)
    found: set[str] = set()
    for start in range(0, len(keys), _KEY_BATCH):
        chunk = keys[start : start + _KEY_BATCH]
        found.update(Citation.objects.filter(waiting, key__in=chunk).values_list("key", flat=True))
    updated = 0
    for key in sorted(found):
        pk = by_key[key]
        citing = Citation.objects.filter(waiting, key=key).exclude(source_id=pk)
        updated += citing.update(target_id=pk)
    return updated


def _detach_renumbered(ids: list[int]) -> None:
    stale = list(
        Citation.objects.filter(target_id__in=ids)
        .exclude(key=F("target__doc_number_key"))
        .values_list("pk", "key", "source_id")
    )
    if not stale:
        return
    targets = targets_for_keys(key for _pk, key, _source in stale)
    for pk, key, source_id in stale:
        target = targets.get(key)
        Citation.objects.filter(pk=pk).update(target_id=target if target != source_id else None)


def body_citations(document: Document) -> list[ExtractedCitation]:
    """The documents a document's body cites (its text as the portal shows it)."""
    text = html.unescape(strip_tags((document.body or "").replace("</p>", "</p>\n")))
    return find_citations(text, document.doc_number_key or None)


@transaction.atomic
def citations_on_published(*, document: Document) -> None:
    """On publication: the citations follow the published text, and citations waiting for
    (or pointing at a non-public document with) this document's number point at it."""
    citations_replace(document=document, cited=body_citations(document))
    citations_resolve_to(documents=[document], published=True)


# --- selectors -----------------------------------------------------------------------------


@dataclass(frozen=True)
class GraphNode:
    """A document in the graph. ``id`` is set for public documents only; others carry the
    number and title the citing text gives. ``key`` identifies the node within the graph."""

    key: str
    id: int | None
    title: str
    doc_number: str
    public: bool

    @property
    def url(self) -> str | None:
        return reverse_id("portal:document_detail", self.id) if self.id else None


@dataclass(frozen=True)
class GraphEdge:
    """``source`` cites ``target`` (node keys)."""

    source: str
    target: str


@dataclass
class CitationGraph:
    """The graph around ``root`` (a node key): nodes with their level (negative: cited by
    the root, its 上位依据; positive: citing it, 下位落实) and edges citing -> cited."""

    root: str
    nodes: dict[str, GraphNode] = field(default_factory=dict)
    levels: dict[str, int] = field(default_factory=dict)
    edges: list[GraphEdge] = field(default_factory=list)

    def add(self, node: GraphNode, level: int) -> None:
        self.nodes.setdefault(node.key, node)
        self.levels.setdefault(node.key, level)

    def link(self, source: str, target: str) -> None:
        edge = GraphEdge(source, target)
        if edge not in self.edges:
            self.edges.append(edge)


@dataclass
class CitedItem:
    """One entry of the 上位依据 tree: a cited document and what it cites in turn."""

    node: GraphNode
    children: list[CitedItem] = field(default_factory=list)


def _doc_node(document: Document, public: bool) -> GraphNode:
    if public:
        return GraphNode(f"d{document.pk}", document.pk, document.title, document.doc_number, True)
    return _text_node(document.doc_number_key, document.title, document.doc_number)


def _text_node(key: str, title: str, doc_number: str) -> GraphNode:
    return GraphNode(f"n{key}", None, title, doc_number, False)


def _is_public(document: Document) -> bool:
    return document.is_public


def _cited_nodes(source_ids: list[int]) -> dict[int, list[GraphNode]]:
    """What each source cites: public targets as document nodes, the rest as written."""
    cited: dict[int, list[GraphNode]] = {pk: [] for pk in source_ids}
    rows = (
        Citation.objects.filter(source_id__in=source_ids)
        .select_related("target")
        .only(
            "source_id",
            "doc_number",
            "key",
            "title",
            "target__title",
            "target__doc_number",
            "target__live",
            "target__withdrawn_at",
            "target__disclosure",
        )
    )
    for row in rows:
        cited[row.source_id].append(_cited_node(row))
    return cited


def _cited_node(row: Citation) -> GraphNode:
    """A public target as a document node, anything else as the citing text writes it."""
    target = row.target
    if target is not None and _is_public(target):
        return _doc_node(target, True)
    return _text_node(row.key, row.title, row.doc_number)


def _citing_nodes(target_ids: list[int]) -> dict[int, list[GraphNode]]:
    """The public documents citing each target, newest first."""
    citing: dict[int, list[GraphNode]] = {pk: [] for pk in target_ids}
    rows = (
        Citation.objects.filter(_public_q("source__"), target_id__in=target_ids)
        .select_related("source")
        .only("target_id", "source__title", "source__doc_number")
        .order_by("-source__published_on", "-source_id")
    )
    for row in rows:
        citing[row.target_id].append(_doc_node(row.source, True))
    return citing


# What a document node shows and whether it is public (Document.is_public).
_NODE_COLUMNS = ("title", "doc_number", "live", "withdrawn_at", "disclosure")


def _both_ways(pk: int) -> tuple[list[GraphNode], list[GraphNode]]:
    """_cited_nodes and _citing_nodes of one document in one query: on the document page,
    building each query cost Django several times what the database took to answer it
    (issue 7, cold document page). The rows it cites share their source, so the citing
    documents' order (newest first) leaves them in their own (sort_order, id)."""
    rows = (
        Citation.objects.filter(Q(source_id=pk) | Q(_public_q("source__"), target_id=pk))
        .select_related("source", "target")
        .only(
            "source_id",
            "doc_number",
            "key",
            "title",
            *(f"{end}__{name}" for end in ("source", "target") for name in _NODE_COLUMNS),
        )
        .order_by("-source__published_on", "-source_id", "sort_order", "id")
    )
    cited, citing = [], []
    for row in rows:
        if row.source_id == pk:
            cited.append(_cited_node(row))
        if row.target_id == pk and _is_public(row.source):
            citing.append(_doc_node(row.source, True))
    return cited, citing


def clamp_depth(depth: int) -> int:
    return max(1, min(int(depth), MAX_DEPTH))


def citation_graph(document: Document, depth: int = 1) -> CitationGraph:
    """The documents ``depth`` citation steps up and down from ``document``; only public
    documents are followed further (one query per step and direction)."""
    depth = clamp_depth(depth)
    root = _doc_node(document, True) if document.pk else _text_node("", document.title, "")
    graph = CitationGraph(root=root.key)
    graph.add(root, 0)
    if not document.pk:
        return graph
    for direction in (-1, 1):
        frontier = {document.pk: root.key}
        for step in range(1, depth + 1):
            found = (_cited_nodes if direction < 0 else _citing_nodes)(list(frontier))
            following: dict[int, str] = {}
            for pk, nodes in found.items():
                for node in nodes:
                    graph.add(node, direction * step)
                    here = frontier[pk]
                    graph.link(*((here, node.key) if direction < 0 else (node.key, here)))
                    if node.id is not None and graph.levels[node.key] == direction * step:
                        following[node.id] = node.key
            frontier = following
            if not frontier:
                break
    return graph


def upstream(document: Document, depth: int = 1) -> list[CitedItem]:
    """上位依据: what the document cites, and (to ``depth``) what those cite in turn; each
    document appears once, at its first occurrence."""
    if not document.pk:
        return []
    return _upstream_from(document, _cited_nodes([document.pk])[document.pk], depth)


def _upstream_from(document: Document, cited: list[GraphNode], depth: int) -> list[CitedItem]:
    """upstream() from ``cited``, what the document itself cites."""
    depth = clamp_depth(depth)
    top = [CitedItem(node) for node in cited]
    seen = {f"d{document.pk}"} | {item.node.key for item in top}
    level = top
    for _step in range(1, depth):
        open_items = {item.node.id: item for item in level if item.node.id is not None}
        if not open_items:
            break
        level = []
        for pk, nodes in _cited_nodes(list(open_items)).items():
            for node in nodes:
                if node.key in seen:
                    continue
                seen.add(node.key)
                child = CitedItem(node)
                open_items[pk].children.append(child)
                level.append(child)
    return top


def downstream(document: Document) -> list[GraphNode]:
    """下位落实: the public documents that cite this one, newest first."""
    if not document.pk:
        return []
    return _citing_nodes([document.pk])[document.pk]


# --- the diagram ---------------------------------------------------------------------------

DIAGRAM_ROW_MAX = 5  # boxes a row shows; the rest are counted
_BOX_W, _BOX_H, _GAP_X, _GAP_Y, _PAD = 168, 46, 14, 56, 8
_LABEL_CHARS = 12


@dataclass(frozen=True)
class DiagramBox:
    x: int
    y: int
    number: str
    label: str
    title: str
    level: int

    @property
    def width(self) -> int:
        return _BOX_W

    @property
    def height(self) -> int:
        return _BOX_H

    @property
    def text_x(self) -> int:
        return self.x + _BOX_W // 2


@dataclass(frozen=True)
class DiagramLine:
    x1: int
    y1: int
    x2: int
    y2: int


@dataclass
class Diagram:
    """A small server-drawn picture of the graph one step each way: what the document cites
    above it, the document, what cites it below; arrows point at the cited document."""

    width: int
    height: int
    boxes: list[DiagramBox]
    lines: list[DiagramLine]
    cited_count: int
    citing_count: int
    more_cited: int
    more_citing: int


def _label(title: str) -> str:
    return title if len(title) <= _LABEL_CHARS else f"{title[: _LABEL_CHARS - 1]}…"


def _row(nodes: list[GraphNode], y: int, width: int, level: int) -> list[DiagramBox]:
    shown = nodes[:DIAGRAM_ROW_MAX]
    row_width = len(shown) * _BOX_W + max(len(shown) - 1, 0) * _GAP_X
    left = (width - row_width) // 2
    return [
        DiagramBox(
            left + index * (_BOX_W + _GAP_X),
            y,
            node.doc_number,
            _label(node.title or node.doc_number),
            node.title,
            level,
        )
        for index, node in enumerate(shown)
    ]


def citation_diagram(
    document: Document, cited: list[GraphNode], citing: list[GraphNode]
) -> Diagram:
    """Lay out the diagram: rows of at most DIAGRAM_ROW_MAX boxes, centred."""
    widest = max(min(len(cited), DIAGRAM_ROW_MAX), min(len(citing), DIAGRAM_ROW_MAX), 1)
    width = widest * _BOX_W + (widest - 1) * _GAP_X + 2 * _PAD
    y = _PAD
    top = _row(cited, y, width, -1)
    if top:
        y += _BOX_H + _GAP_Y
    root = _row([_doc_node(document, True)], y, width, 0)[0]
    bottom = _row(citing, y + _BOX_H + _GAP_Y, width, 1)
    height = (bottom[0].y if bottom else root.y) + _BOX_H + _PAD
    lines = [DiagramLine(root.text_x, root.y, box.text_x, box.y + _BOX_H) for box in top]
    lines += [DiagramLine(box.text_x, box.y, root.text_x, root.y + _BOX_H) for box in bottom]
    return Diagram(
        width=width,
        height=height,
        boxes=[*top, root, *bottom],
        lines=lines,
        cited_count=len(cited),
        citing_count=len(citing),
        more_cited=max(len(cited) - DIAGRAM_ROW_MAX, 0),
        more_citing=max(len(citing) - DIAGRAM_ROW_MAX, 0),
    )


@dataclass
class CitationSection:
    """What the document page shows: the 上位依据 tree, the 下位落实 list, the diagram."""

    upstream: list[CitedItem]
    downstream: list[GraphNode]
    diagram: Diagram | None

    def document_ids(self) -> set[int]:
        """The public documents shown (the page cache tags the page with each)."""
        ids = {node.id for node in self.downstream}
        items = list(self.upstream)
        while items:
            item = items.pop()
            ids.add(item.node.id)
            items.extend(item.children)
        return ids - {None}


def citation_section(document: Document, depth: int = 3) -> CitationSection:
    if document.pk:
        cites, citing = _both_ways(document.pk)
        cited = _upstream_from(document, cites, depth)
    else:
        cited, citing = [], []
    diagram = (
        citation_diagram(document, [item.node for item in cited], citing)
        if cited or citing
        else None
    )
    return CitationSection(cited, citing, diagram)
