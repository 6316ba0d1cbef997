"""Reply letters name the review body and the court: the closing sentence of each template that
still has the first default wording gets the new one (a template an editor rewrote is kept)."""

from django.db import migrations, models

FIRST_CLOSING = (
    "如对本答复不服，可以自收到本告知书之日起六十日内依法申请行政复议，"
    "或者六个月内依法提起行政诉讼。"
)
CLOSING = (
    "如对本答复不服，可以自收到本告知书之日起六十日内向$reconsideration_body申请行政复议，"
    "或者自收到本告知书之日起六个月内向$court提起行政诉讼。"
)


def name_review_body_and_court(apps, schema_editor):
    ReplyTemplate = apps.get_model("disclosure", "ReplyTemplate")
    for template in ReplyTemplate.objects.filter(body__contains=FIRST_CLOSING):
        template.body = template.body.replace(FIRST_CLOSING, CLOSING)
        template.save(update_fields=["body"])


class Migration(migrations.Migration):
    dependencies = [
        ("disclosure", "0003_one_language_labels"),
    ]

    operations = [
        migrations.AlterField(
            model_name="replytemplate",
            name="body",
            field=models.TextField(
                help_text="可用占位符：$body_name $reconsideration_body $court $tracking_number "
                "$applicant_name $received_on $description $outcome $legal_basis $reasons "
                "$replied_on $department。最后一段（空行之后，不超过三行）为落款，右对齐。",
                verbose_name="正文",
            ),
        ),
        migrations.RunPython(name_review_body_and_court, migrations.RunPython.noop),
    ]
