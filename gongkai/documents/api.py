"""The citation graph in the public API: GET /api/documents/{id}/graph?depth=N.

Mounted by gongkai/api/api.py (``api.add_router("", gongkai.documents.api.router)``).
"""

from django.http import HttpRequest
from ninja import Field, Path, Query, Router, Schema
from ninja.decorators import decorate_view

from gongkai.api.errors import NOT_FOUND, ApiError
from gongkai.api.schemas import Detail, ObjectId
from gongkai.core.pagecache import obj_tag, public_page, tag
from gongkai.documents.citations import MAX_DEPTH, citation_graph
from gongkai.documents.models import Document
from gongkai.documents.selectors import public_documents

router = Router(tags=["documents 政策文件"])


class GraphParams(Schema):
    depth: int = Field(
        1,
        ge=1,
        le=MAX_DEPTH,
        description=f"沿引用关系向上、向下各走几步（1–{MAX_DEPTH}）citation steps each way",
    )


class GraphNodeOut(Schema):
    key: str = Field(description="图中节点标识 node key (edges refer to it)")
    id: int | None = Field(description="公开文件的 id；未公开或不在文库中的为 null")
    title: str = Field(description="标题（未公开的为引用处所写）title")
    doc_number: str = Field(description="发文字号 document number")
    public: bool = Field(description="是否公开 public")
    level: int = Field(
        description="0：本文件；负数：上位依据（被其引用）；正数：下位落实（引用它）"
    )
    url: str | None = Field(description="门户页面 portal page (public documents only)")


class GraphEdgeOut(Schema):
    source: str = Field(description="引用方节点 the citing node")
    target: str = Field(description="被引用节点 the cited node")


class GraphOut(Schema):
    root: str
    depth: int
    nodes: list[GraphNodeOut]
    edges: list[GraphEdgeOut]


@router.get("/documents/{id}/graph", response={200: GraphOut, 404: Detail})
@decorate_view(public_page())
def document_graph(request: HttpRequest, id: Path[ObjectId], params: Query[GraphParams]):
    """引用关系图: the documents this one cites (上位依据) and those citing it (下位落实), to
    ``depth`` steps each way. Public documents come with their id and link and are followed
    further; anything else only with the number and title the citing text gives."""
    document = public_documents().filter(pk=id).first()
    if document is None:
        raise ApiError(404, *NOT_FOUND)
    graph = citation_graph(document, params.depth)
    tag(
        request,
        obj_tag(document),
        *(obj_tag(Document, node.id) for node in graph.nodes.values() if node.id),
    )
    return {
        "root": graph.root,
        "depth": params.depth,
        "nodes": [
            {
                "key": node.key,
                "id": node.id,
                "title": node.title,
                "doc_number": node.doc_number,
                "public": node.public,
                "level": graph.levels[node.key],
                "url": node.url,
            }
            for node in graph.nodes.values()
        ],
        "edges": [{"source": edge.source, "target": edge.target} for edge in graph.edges],
    }
