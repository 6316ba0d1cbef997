"""The page-cache tags of 执行公开 (see gongkai.core.pagecache).

A plan's page shows its tasks, the departments and groups they name, progress reports, findings
and whether each task is overdue today; the list shows each plan's count of tasks. Plans are
few, so every public page of the app carries one tag, dropped by any change
(``invalidate_plan_pages``), and the tags of the documents' and departments' lists (a plan's
document withdrawn or retitled, a department renamed: each shows on these pages).
"""

from gongkai.core import pagecache
from gongkai.core.models import Department
from gongkai.core.pagecache import list_tag
from gongkai.documents.models import Document
from gongkai.execution.models import Plan

PLAN_PAGES = (list_tag(Plan), list_tag(Document), list_tag(Department))


def invalidate_plan_pages() -> None:
    pagecache.invalidate(list_tag(Plan))
