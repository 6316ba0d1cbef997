from django import template

from gongkai.documents.publication import revision_to_publish
from gongkai.documents.selectors import publication_problems

register = template.Library()


@register.simple_tag
def revision_problems(task_state):
    """The pre-publication problems of the revision the sign-off would put live."""
    if task_state is None:
        return []
    return publication_problems(revision_to_publish(task_state).as_object())
