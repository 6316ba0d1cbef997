"""A basis document's 有效性 changes (gongkai.documents.signals): the guides resting on it follow.
Wagtail takes a guide, a certificate item or a column's record (budget, debt, employment,
reform measure) off line (its unpublish view): audit, drop its pages."""

from django.dispatch import receiver
from wagtail.signals import unpublished

from gongkai.areas import services
from gongkai.areas.models import (
    BudgetDisclosure,
    CertificateItem,
    DebtDisclosure,
    EmploymentRecord,
    ReformMeasure,
    ServiceGuide,
)
from gongkai.core import audit
from gongkai.documents.signals import validity_changed


@receiver(unpublished, sender=ServiceGuide)
def guide_unpublished(sender, instance, **kwargs):
    services.guide_unpublished(guide=instance, user=audit.unpublished_by(instance))


@receiver(unpublished, sender=CertificateItem)
def certificate_unpublished(sender, instance, **kwargs):
    services.certificate_unpublished(item=instance, user=audit.unpublished_by(instance))


@receiver(validity_changed)
def basis_validity_changed(sender, document, user=None, **kwargs):
    services.guides_follow_basis(document=document, user=user)


@receiver(unpublished, sender=BudgetDisclosure)
@receiver(unpublished, sender=DebtDisclosure)
@receiver(unpublished, sender=EmploymentRecord)
@receiver(unpublished, sender=ReformMeasure)
def record_unpublished(sender, instance, **kwargs):
    services.record_unpublished(record=instance, user=audit.unpublished_by(instance))
