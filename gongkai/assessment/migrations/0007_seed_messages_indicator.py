"""The messages indicator (issue 12 §1, 留言按期答复), as data like the others (0003)."""

from django.db import migrations


def seed(apps, schema_editor):
    Indicator = apps.get_model("assessment", "Indicator")
    Indicator.objects.get_or_create(
        code="messages_on_time",
        defaults={
            "name": "留言按期答复",
            "name_en": "Messages answered on time",
            "definition": "期内答复期限届满的政民互动留言中，在留言类别规定的答复期限（工作日）内"
            "答复的比例。逾期的留言列出逾期的工作日数；期内没有到期留言的部门不计此项。",
            "definition_en": "The share of the messages to the government whose reply deadline "
            "(the working days set for their category) fell in the period that were answered "
            "in time. Each late message is listed with the working days it was late; a "
            "department with no message due in the period is not scored on this indicator.",
            "weight": 10,
            "direction": "higher",
            "deduction": 10,
            "position": 8,
        },
    )


def unseed(apps, schema_editor):
    apps.get_model("assessment", "Indicator").objects.filter(code="messages_on_time").delete()


class Migration(migrations.Migration):
    dependencies = [("assessment", "0006_indicator_weights")]

    operations = [migrations.RunPython(seed, unseed)]
