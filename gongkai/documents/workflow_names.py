"""Workflow and task names in the reader's language.

Wagtail stores a workflow's and a task's name as data and prints ``task.name`` in some sixty
places (the status panel, "Submit to …", history, dashboards, notification mail). The names
this product creates are stored in Chinese, the source language, which is also their key in the
catalogue; ``WorkflowName`` keeps that stored value and prints it in the active language. A name
an administrator types prints as typed. Wagtail has no hook for
this, hence the str subclass set on every loaded instance (``apps.DocumentsConfig.ready``).
"""

from django.utils.translation import gettext, gettext_noop

SIGN_OFF_WORKFLOW = gettext_noop("政策文件审签流程")
HEAD_REVIEW_TASK = gettext_noop("部门负责人审核")
SIGN_OFF_TASK = gettext_noop("政务公开办审签")
PAGE_WORKFLOW = gettext_noop("页面审核")
OWN_NAMES = (SIGN_OFF_WORKFLOW, HEAD_REVIEW_TASK, SIGN_OFF_TASK, PAGE_WORKFLOW)


class WorkflowName(str):
    """A stored name that prints translated; compares, hashes and saves as the stored value."""

    def stored(self) -> str:
        return str.__str__(self)

    def __str__(self) -> str:
        stored = self.stored()
        # Only our own names: a typed name may happen to be some other catalogue entry.
        return gettext(stored) if stored in OWN_NAMES else stored

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)


def as_displayed(name):
    """The name as loaded from the database, printing in the reader's language."""
    return name if name is None or isinstance(name, WorkflowName) else WorkflowName(name)


def as_stored(name):
    """What to save: the stored key, also when a form sends back the translation it showed
    (an administrator editing our task in English must not rename it for everyone)."""
    if name is None:
        return None
    if isinstance(name, WorkflowName):
        return name.stored()
    for own in OWN_NAMES:
        if name == gettext(own):
            return own
    return name
