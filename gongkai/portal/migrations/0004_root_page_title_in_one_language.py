"""The page that roots the editorial pages was titled in two languages ("门户页面 Portal pages");
the back office shows one. A title an administrator gave it is kept."""

from django.db import migrations

DOUBLED, CHINESE = "门户页面 Portal pages", "门户页面"


def one_language(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Page.objects.filter(title=DOUBLED).update(title=CHINESE)
    Page.objects.filter(draft_title=DOUBLED).update(draft_title=CHINESE)


def both_languages(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Page.objects.filter(depth=2, title=CHINESE).update(title=DOUBLED, draft_title=DOUBLED)


class Migration(migrations.Migration):
    dependencies = [("portal", "0003_one_language_labels")]

    operations = [migrations.RunPython(one_language, both_languages)]
