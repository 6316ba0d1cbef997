"""A library document goes live (Wagtail's ``published`` signal, sent when the sign-off
workflow publishes it): the enterprises meeting the support policies resting on it are told,
on the worker once the transaction commits. A support policy or a programme saved or deleted
(by a service, the back office or a script): the policy revision moves, in the same
transaction, so every process compiles the rules again at its next match (a programme's window
is public once signed off: its publication and its edits save the row). An enterprise's yearly
figures or qualification saved or deleted: its facts token moves, in the same transaction, so
its kept matches are not found again. Wagtail takes a
programme off line (its unpublish view): audit, drop its pages."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import published, unpublished

from gongkai.core import audit
from gongkai.documents.models import Document
from gongkai.enterprise import services
from gongkai.enterprise.models import (
    Enterprise,
    PolicyRevision,
    Programme,
    Qualification,
    SupportPolicy,
    YearlyFigures,
    new_token,
)
from gongkai.enterprise.tasks import announce_document


@receiver(published, sender=Document)
def document_published(sender, instance, **kwargs):
    document_id = instance.pk
    transaction.on_commit(lambda: announce_document.enqueue(document_id), robust=True)


@receiver(unpublished, sender=Programme)
def programme_unpublished(sender, instance, **kwargs):
    services.programme_unpublished(programme=instance, user=audit.unpublished_by(instance))


@receiver(post_save, sender=SupportPolicy)
@receiver(post_delete, sender=SupportPolicy)
@receiver(post_save, sender=Programme)
@receiver(post_delete, sender=Programme)
def policies_changed(sender, **kwargs):
    PolicyRevision.objects.update_or_create(pk=1, defaults={"token": new_token()})


@receiver(post_save, sender=YearlyFigures)
@receiver(post_delete, sender=YearlyFigures)
@receiver(post_save, sender=Qualification)
@receiver(post_delete, sender=Qualification)
def facts_changed(sender, instance, **kwargs):
    Enterprise.objects.filter(pk=instance.enterprise_id).update(facts_token=new_token())
