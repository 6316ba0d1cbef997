"""The HTTP API under /api/ (django-ninja): the public read-only API and the staff API.

Conventions, stated in the OpenAPI description below: every list pages with ``limit`` and
``offset`` or ``page`` and answers ``total``, ``next`` and ``previous``; takes
``modified_since`` where its rows carry an update time; and answers ``format=csv`` with the
whole list as a CSV file. Errors answer ``{"detail": "中文 / English"}``.

Other apps' routers are mounted explicitly at the end of this module, e.g.
``api.add_router("/staff/requests", "gongkai.disclosure.api.router")
api.add_router("", "gongkai.knowledge.api.router")`` (a staff router with
``auth=BearerTokenAuth()``, see gongkai/api/staff.py) or ``api.add_router("", "...")``.
"""

from ninja.renderers import JSONRenderer

from gongkai.api import directory, documents, interpretations, staff, workdays
from gongkai.api.errors import install_error_handlers
from gongkai.api.openapi import DocumentedAPI

DESCRIPTION = """
政府信息公开平台接口。公开接口只读、无需认证；工作人员接口使用令牌（Authorization: Bearer TOKEN）。

Public read-only API of the Gongkai open-government platform (no authentication), and the staff
API (token authentication: `Authorization: Bearer TOKEN`, tokens from `gongkai token create`).

- 分页 Paging: `limit` (1–100, default 20) with `offset` or `page`; answers `total`, `next`, `previous`.
- 增量同步 Incremental sync: `modified_since` (ISO 8601); withdrawn documents are listed at
  `/api/documents/withdrawn`.
- CSV: `format=csv` downloads the whole filtered list (UTF-8 with BOM, opens in Excel).
- 错误 Errors: `{"detail": "中文 / English"}`; invalid parameters answer 422 with `errors`.
"""


class ReadableJSONRenderer(JSONRenderer):
    """UTF-8 Chinese as it is, not as \\uXXXX escapes: half the size, and readable."""

    json_dumps_params = {"ensure_ascii": False}


api = DocumentedAPI(
    title="Gongkai API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    docs_url="/docs",
    renderer=ReadableJSONRenderer(),
)
install_error_handlers(api)

api.add_router("", documents.router)
api.add_router("", "gongkai.documents.api.router")
api.add_router("", interpretations.router)
api.add_router("", directory.router)
api.add_router("", workdays.router)
api.add_router("/staff", staff.router)
api.add_router("", "gongkai.reports.api.router")
api.add_router("/staff", "gongkai.reports.api.staff_router")
api.add_router("/staff/requests", "gongkai.disclosure.api.router")
api.add_router("", "gongkai.knowledge.api.router")
api.add_router("", "gongkai.areas.api.router")
api.add_router("", "gongkai.consultations.api.router")
api.add_router("/staff", "gongkai.consultations.api.staff_router")
