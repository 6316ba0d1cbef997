"""The public 回应关切 pages: the concerns the government has answered, newest response first,
and a concern with its published responses (cached pages, dropped by every change)."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from gongkai.concerns import selectors
from gongkai.concerns.models import PublicConcern
from gongkai.core.models import Department
from gongkai.core.pagecache import list_tag, obj_tag, public_page, tag

PAGE_SIZE = 20


@require_safe
@public_page(list_tag(PublicConcern), list_tag(Department))
def concern_list(request):
    page = Paginator(selectors.public_concerns(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "concerns/list.html", {"page_obj": page, "section": "interaction"})


@require_safe
@public_page(list_tag(Department))
def concern_detail(request, pk: int):
    concern = selectors.public_concern(pk)
    if concern is None:
        raise Http404
    responses = concern.published_responses
    tag(
        request,
        obj_tag(concern),
        *(obj_tag(item) for r in responses for item in r.documents.all()),
        *(obj_tag(item) for r in responses for item in r.interpretations.all()),
    )
    context = {"concern": concern, "responses": responses, "section": "interaction"}
    return render(request, "concerns/detail.html", context)
