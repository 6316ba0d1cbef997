"""Wagtail unpublishes through its own actions; this receiver hands over to our services. Each
workflow step (submitted, approved, returned, cancelled) goes into our audit log too.
Workflow and task names print in the reader's language (``connect_workflow_names``).

Publishing is handed over by the publish action itself (gongkai.documents.publication), which
knows the reviewer who signed off; Wagtail's ``published`` signal does not say who published.
"""

from django.apps import apps as django_apps
from django.db.models.signals import post_init, pre_delete, pre_save
from django.dispatch import receiver
from wagtail.models import BaseLogEntry, Task, Workflow
from wagtail.signals import (
    task_approved,
    task_rejected,
    task_submitted,
    unpublished,
    workflow_cancelled,
)

from gongkai.core import audit
from gongkai.documents import services, workflow_names
from gongkai.documents.models import Document, Interpretation


@receiver(unpublished, sender=Document)
def on_document_unpublished(sender, instance, **kwargs):
    services.document_on_unpublished(document=instance, user=audit.unpublished_by(instance))


@receiver(pre_delete, sender=Document)
def on_document_deleted(sender, instance, **kwargs):
    # Deleting a live document (back office) goes through no service. Before the deletion: its
    # citations and relations, which say which other pages show it, go with it.
    if instance.live:
        services.drop_document_pages({instance.pk})


@receiver(unpublished, sender=Interpretation)
def on_interpretation_unpublished(sender, instance, **kwargs):
    services.interpretation_on_unpublished(
        interpretation=instance, user=audit.unpublished_by(instance)
    )


@receiver(task_submitted)
def on_task_submitted(sender, instance, user, **kwargs):
    services.workflow_step_recorded(task_state=instance, user=user, decision="submit")


@receiver(task_approved)
def on_task_approved(sender, instance, user, **kwargs):
    services.workflow_step_recorded(task_state=instance, user=user, decision="approve")


@receiver(task_rejected)
def on_task_rejected(sender, instance, user, **kwargs):
    services.workflow_step_recorded(task_state=instance, user=user, decision="reject")


@receiver(workflow_cancelled)
def on_workflow_cancelled(sender, instance, user, **kwargs):
    services.workflow_cancelled(workflow_state=instance, user=user)


def show_workflow_name(sender, instance, **kwargs):
    instance.__dict__["name"] = workflow_names.as_displayed(instance.__dict__.get("name"))


def store_workflow_name(sender, instance, **kwargs):
    instance.name = workflow_names.as_stored(instance.name)


def show_logged_workflow_names(sender, instance, **kwargs):
    """Wagtail's workflow log entries keep the names they had ("'…' started. Next step '…'")."""
    logged = instance.data.get("workflow") if isinstance(instance.data, dict) else None
    if not isinstance(logged, dict):
        return
    for part in (logged, logged.get("task"), logged.get("next")):
        if isinstance(part, dict) and isinstance(part.get("title"), str):
            part["title"] = workflow_names.as_displayed(part["title"])


def connect_workflow_names():
    """Every workflow and task model, Wagtail's and ours, loads its name for display and saves
    it as stored, and the audit log shows the names it logged the same way
    (gongkai.documents.workflow_names)."""
    for model in django_apps.get_models():
        if issubclass(model, (Task, Workflow)):
            post_init.connect(show_workflow_name, sender=model)
            pre_save.connect(store_workflow_name, sender=model)
        elif issubclass(model, BaseLogEntry):
            post_init.connect(show_logged_workflow_names, sender=model)
