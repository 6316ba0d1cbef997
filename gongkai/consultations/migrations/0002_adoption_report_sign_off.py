"""Adoption reports join the sign-off workflow (issue 9 §2: the office published them with one
button before): a report published so far stays live, with a first revision of its text by its
drafter, dated when it was published; an unpublished one becomes a draft. Going back, a live
report is published again at its first publication and its drafter is the latest revision's
user; who published a report, and who drafted one never published, stay in the audit log
(adoption_report.publish, adoption_report.generate)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from gongkai.core.live_backfill import mark_live_with_revision


def keep_published_reports_live(apps, schema_editor):
    mark_live_with_revision(
        apps,
        "consultations.AdoptionReport",
        public=models.Q(published_at__isnull=False),
        dropped=("drafted_by", "published_at", "published_by"),
        published_at="published_at",
        author="drafted_by",
    )


def published_again(apps, schema_editor):
    reports = apps.get_model("consultations", "AdoptionReport").objects
    for report in reports.select_related("latest_revision"):
        report.drafted_by_id = report.latest_revision.user_id if report.latest_revision else None
        report.published_at = report.first_published_at if report.live else None
        report.save(update_fields=["drafted_by", "published_at"])


class Migration(migrations.Migration):

    dependencies = [
        ('consultations', '0001_initial'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('wagtailcore', '0098_apitoken'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='adoptionreport',
            options={'verbose_name': '意见采纳情况说明', 'verbose_name_plural': '意见采纳情况说明'},
        ),
        migrations.AddField(
            model_name='adoptionreport',
            name='expire_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='expiry date/time'),
        ),
        migrations.AddField(
            model_name='adoptionreport',
            name='expired',
            field=models.BooleanField(default=False, editable=False, verbose_name='expired'),
        ),
        migrations.AddField(
            model_name='adoptionreport',
            name='first_published_at',
            field=models.DateTimeField(blank=True, db_index=True, null=True, verbose_name='first published at'),
        ),
        migrations.AddField(
            model_name='adoptionreport',
            name='go_live_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='go live date/time'),
        ),
        migrations.AddField(
            model_name='adoptionreport',
            name='has_unpublished_changes',
            field=models.BooleanField(default=False, editable=False, verbose_name='has unpublished changes'),
        ),
        migrations.AddField(
            model_name='adoptionreport',
            name='last_published_at',
            field=models.DateTimeField(editable=False, null=True, verbose_name='last published at'),
        ),
        migrations.AddField(
            model_name='adoptionreport',
            name='latest_revision',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailcore.revision', verbose_name='latest revision'),
        ),
        migrations.AddField(
            model_name='adoptionreport',
            name='live',
            field=models.BooleanField(default=True, editable=False, verbose_name='live'),
        ),
        migrations.AddField(
            model_name='adoptionreport',
            name='live_revision',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailcore.revision', verbose_name='live revision'),
        ),
        migrations.AddField(
            model_name='adoptionreport',
            name='locked',
            field=models.BooleanField(default=False, editable=False, verbose_name='locked'),
        ),
        migrations.AddField(
            model_name='adoptionreport',
            name='locked_at',
            field=models.DateTimeField(editable=False, null=True, verbose_name='locked at'),
        ),
        migrations.AddField(
            model_name='adoptionreport',
            name='locked_by',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='locked_%(class)ss', to=settings.AUTH_USER_MODEL, verbose_name='locked by'),
        ),
        migrations.AlterField(
            model_name='adoptionreport',
            name='consultation',
            field=models.OneToOneField(editable=False, on_delete=django.db.models.deletion.CASCADE, related_name='report', to='consultations.consultation'),
        ),
        migrations.RunPython(keep_published_reports_live, published_again),
        migrations.RemoveField(
            model_name='adoptionreport',
            name='drafted_by',
        ),
        migrations.RemoveField(
            model_name='adoptionreport',
            name='published_at',
        ),
        migrations.RemoveField(
            model_name='adoptionreport',
            name='published_by',
        ),
    ]
