"""{% citation_section document as citations %}: the citation graph of a document page."""

from django import template

from gongkai.documents.citations import CitationSection, citation_section

register = template.Library()


@register.simple_tag(name="citation_section")
def citation_section_tag(document, depth: int = 3) -> CitationSection:
    return citation_section(document, depth)
