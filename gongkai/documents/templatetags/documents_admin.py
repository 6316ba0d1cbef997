from django import template

from gongkai.documents.selectors import publication_problems

register = template.Library()


@register.simple_tag
def revision_problems(task_state):
    """The pre-publication problems of the revision a workflow task is reviewing."""
    if task_state is None or task_state.revision is None:
        return []
    return publication_problems(task_state.revision.as_object())
