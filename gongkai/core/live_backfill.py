"""For migrations that put a model under the sign-off workflow (Wagtail's DraftStateMixin and
RevisionMixin): what was public before stays live, with a first revision of its current state,
as if it had been published once; the rest becomes a draft.

Works on the historical models a migration's ``apps`` gives (no method of the real model).
"""

from django.utils import timezone
from modelcluster.models import get_serializable_data_for_fields


def mark_live_with_revision(
    apps,
    model_label: str,
    *,
    public,
    children=(),
    dropped=(),
    published_at: str = "",
    author: str = "",
):
    """``public`` is a Q of the rows public so far; ``children`` the names of the child
    relations (modelcluster ParentalKeys) the revision carries; ``dropped`` fields the
    migration removes afterwards (left out of the revision); ``published_at`` the field saying
    when a row was published (now, when not given), ``author`` the one naming who wrote it (the
    revision's user)."""
    app_label, model_name = model_label.split(".")
    model = apps.get_model(app_label, model_name)
    revision_model = apps.get_model("wagtailcore", "Revision")
    content_type_model = apps.get_model("contenttypes", "ContentType")
    model.objects.exclude(public).update(live=False, has_unpublished_changes=True)
    rows = model.objects.filter(public)
    if not rows.exists():
        return
    content_type, _ = content_type_model.objects.get_or_create(
        app_label=app_label, model=model_name.lower()
    )
    now = timezone.now()
    for row in rows.prefetch_related(*children):
        when = getattr(row, published_at) if published_at else now
        row.live = True
        content = get_serializable_data_for_fields(row)
        for name in dropped:
            content.pop(name, None)
        for name in children:
            content[name] = [get_serializable_data_for_fields(c) for c in getattr(row, name).all()]
        revision = revision_model.objects.create(
            content_type=content_type,
            base_content_type=content_type,
            object_id=str(row.pk),
            object_str=str(getattr(row, "name", None) or getattr(row, "title", ""))[:255],
            content=content,
            created_at=when,
            user_id=getattr(row, f"{author}_id") if author else None,
        )
        model.objects.filter(pk=row.pk).update(
            live=True,
            has_unpublished_changes=False,
            live_revision=revision,
            latest_revision=revision,
            first_published_at=when,
            last_published_at=when,
        )
