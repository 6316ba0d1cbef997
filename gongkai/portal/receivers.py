"""Wagtail publishes editorial pages through its own actions (scheduled ones included, from
the worker): these receivers drop the cached copy of the page. Documented in
gongkai.core.pagecache, rule 3."""

from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from gongkai.core import pagecache
from gongkai.portal.models import GuidePage


@receiver(page_published, sender=GuidePage)
@receiver(page_unpublished, sender=GuidePage)
def guide_page_changed(sender, instance, **kwargs):
    # The page itself, and /guide/ (it redirects to the first live guide page).
    pagecache.invalidate(pagecache.obj_tag(instance), pagecache.list_tag(GuidePage))
