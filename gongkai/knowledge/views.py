"""The portal's 政策问答库: the list with search and topic filter, and an entry's page (cached
pages; searching finds entries by the words the search module segments, in the database, so
a publication or a flag changes the cached results at once)."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from gongkai.core.models import Department
from gongkai.core.pagecache import list_tag, obj_tag, public_page, tag
from gongkai.documents.models import Document, Topic
from gongkai.knowledge import selectors
from gongkai.knowledge.models import PolicyAnswer
from gongkai.search.highlight import highlight, snippet
from gongkai.search.query import clean_text

PAGE_SIZE = 20


@require_safe
@public_page(list_tag(PolicyAnswer), list_tag(Topic), list_tag(Department))
def answer_list(request):
    text = clean_text(request.GET.get("q", ""))
    topic = request.GET.get("topic", "")[:60]
    answers, terms = selectors.search_answers(text, topic=topic)
    page = Paginator(answers, PAGE_SIZE).get_page(request.GET.get("page"))
    for answer in page:
        # Both escape the text and add only <mark> around the words found.
        answer.question_html = mark_safe(highlight(answer.question, terms))  # noqa: S308
        answer.excerpt_html = mark_safe(snippet(answer.answer, terms))  # noqa: S308
    context = {
        "page_obj": page,
        "q": text,
        "topic": topic,
        "topics": Topic.objects.filter(policy_answers__live=True).distinct(),
        "section": "interaction",
    }
    return render(request, "knowledge/list.html", context)


@require_safe
@public_page(list_tag(Topic), list_tag(Department))
def answer_detail(request, pk: int):
    answer = selectors.public_answer(pk)
    if answer is None:
        raise Http404
    documents = list(answer.documents.all())
    tag(request, obj_tag(answer), *(obj_tag(Document, d.pk) for d in documents))
    context = {
        "answer": answer,
        "documents": [d for d in documents if d.is_public],
        "ended": selectors.ended_documents(answer),
        "section": "interaction",
    }
    return render(request, "knowledge/detail.html", context)
