"""{% citation_section document as citations %}: the citation graph of a document page."""

from django import template

from gongkai.core.pagecache import obj_tag, tag
from gongkai.documents.citations import CitationSection, citation_section
from gongkai.documents.models import Document

register = template.Library()


@register.simple_tag(name="citation_section", takes_context=True)
def citation_section_tag(context, document, depth: int = 3) -> CitationSection:
    section = citation_section(document, depth)
    request = context.get("request")
    if request is not None:
        tag(request, *(obj_tag(Document, pk) for pk in section.document_ids()))
    return section
