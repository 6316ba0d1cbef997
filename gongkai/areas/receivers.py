"""A basis document's 有效性 changes (gongkai.documents.signals): the guides resting on it follow."""

from django.dispatch import receiver

from gongkai.areas import services
from gongkai.documents.signals import validity_changed


@receiver(validity_changed)
def basis_validity_changed(sender, document, user=None, **kwargs):
    services.guides_follow_basis(document=document, user=user)
