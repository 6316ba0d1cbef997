"""Service guides join the sign-off workflow (issue 13: published by a checkbox before): a guide
published so far stays live, with a first revision; an unpublished one becomes a draft."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from gongkai.core.live_backfill import mark_live_with_revision


def keep_published_guides_live(apps, schema_editor):
    mark_live_with_revision(
        apps,
        "areas.ServiceGuide",
        public=models.Q(published=True),
        children=("bases", "materials"),
        dropped=("published",),
    )


def published_again(apps, schema_editor):
    apps.get_model("areas", "ServiceGuide").objects.filter(live=True).update(published=True)


class Migration(migrations.Migration):

    dependencies = [
        ('areas', '0002_budgetdisclosure_debtdisclosure'),
        ('core', '0004_audit_chain_sealed_apart'),
        ('documents', '0007_document_is_sensitive'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('wagtailcore', '0098_apitoken'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='serviceguide',
            name='expire_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='expiry date/time'),
        ),
        migrations.AddField(
            model_name='serviceguide',
            name='expired',
            field=models.BooleanField(default=False, editable=False, verbose_name='expired'),
        ),
        migrations.AddField(
            model_name='serviceguide',
            name='first_published_at',
            field=models.DateTimeField(blank=True, db_index=True, null=True, verbose_name='first published at'),
        ),
        migrations.AddField(
            model_name='serviceguide',
            name='go_live_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='go live date/time'),
        ),
        migrations.AddField(
            model_name='serviceguide',
            name='has_unpublished_changes',
            field=models.BooleanField(default=False, editable=False, verbose_name='has unpublished changes'),
        ),
        migrations.AddField(
            model_name='serviceguide',
            name='last_published_at',
            field=models.DateTimeField(editable=False, null=True, verbose_name='last published at'),
        ),
        migrations.AddField(
            model_name='serviceguide',
            name='latest_revision',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailcore.revision', verbose_name='latest revision'),
        ),
        migrations.AddField(
            model_name='serviceguide',
            name='live',
            field=models.BooleanField(default=True, editable=False, verbose_name='live'),
        ),
        migrations.AddField(
            model_name='serviceguide',
            name='live_revision',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailcore.revision', verbose_name='live revision'),
        ),
        migrations.AddField(
            model_name='serviceguide',
            name='locked',
            field=models.BooleanField(default=False, editable=False, verbose_name='locked'),
        ),
        migrations.AddField(
            model_name='serviceguide',
            name='locked_at',
            field=models.DateTimeField(editable=False, null=True, verbose_name='locked at'),
        ),
        migrations.AddField(
            model_name='serviceguide',
            name='locked_by',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='locked_%(class)ss', to=settings.AUTH_USER_MODEL, verbose_name='locked by'),
        ),
        migrations.AddIndex(
            model_name='serviceguide',
            index=models.Index(fields=['live', 'department'], name='areas_servi_live_affe0a_idx'),
        ),
        migrations.RunPython(keep_published_guides_live, published_again),
        migrations.RemoveField(
            model_name='serviceguide',
            name='published',
        ),
    ]
