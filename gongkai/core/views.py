"""The uploaded files: public ones to anyone, the rest to the staff who may see their owner."""

from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from gongkai.core.fileserve import file_response
from gongkai.core.media import owned_file, staff_may_read


@require_safe
def media_public(request, name: str):
    """/media/NAME: only files of published items. It never reads the session, so its answer is
    the same for everyone and may be cached; staff read drafts' files through ``media_staff``."""
    owned = owned_file(name)
    if owned is None:
        raise Http404
    if owned.public:
        return file_response(request, owned.name, public=True)
    if owned.withdrawn:
        return HttpResponse(
            _("该文件已随所属信息撤回。"),
            status=410,
            content_type="text/plain; charset=utf-8",
        )
    raise Http404


@require_safe
def media_staff(request, name: str):
    """/admin/media/NAME (behind the back-office sign-in): any file of an item the user may view
    or change, in their department's scope. 404 rather than 403, so nothing tells others that a
    path exists."""
    owned = owned_file(name)
    if owned is None or not staff_may_read(request.user, owned):
        raise Http404
    return file_response(request, owned.name, public=False)
