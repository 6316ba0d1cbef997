"""The indicators of issue 12 §1, as data: assessors change weights and definitions in the back
office (考核指标); a later migration adds an indicator that is not here."""

from django.db import migrations

INDICATORS = [
    (
        "requests_on_time",
        "依申请公开按时答复",
        "Disclosure requests answered on time",
        "期内到期的政府信息公开申请中，在法定期限（20个工作日，依法延期或中止的按顺延后的期限）内作出答复的比例。"
        "撤回和视为放弃的申请不计。逾期的申请列出逾期的工作日数。",
        "The share of disclosure requests due in the period that were answered within the statutory "
        "time (20 working days, later when lawfully extended or paused). Withdrawn and lapsed "
        "requests are not counted. Each late request is listed with the working days it was late.",
        25,
        "higher",
        10,
    ),
    (
        "interpretations",
        "政策解读与文件同步发布",
        "Interpretations published with their documents",
        "期内发布、按规定需要解读的文件中，解读在文件发布当日或之前发布的比例。",
        "The share of the documents published in the period that need an interpretation whose "
        "interpretation was published on the same day or before.",
        20,
        "higher",
        10,
    ),
    (
        "enforcement_on_time",
        "行政执法决定按时公开",
        "Enforcement decisions published on time",
        "期内公开期限届满的行政执法决定中，在期限内公开的比例（行政许可、行政处罚7个工作日，其他20个工作日）。",
        "The share of enforcement decisions whose publication fell due in the period that were "
        "published in time (7 working days for licences and penalties, 20 for the others).",
        15,
        "higher",
        10,
    ),
    (
        "consultation_reports",
        "征求意见采纳情况公开",
        "Consultations with a published adoption report",
        "期内征求意见期满的决策预公开事项中，已公开意见采纳情况的比例。",
        "The share of consultations that closed in the period whose adoption report has been "
        "published.",
        10,
        "higher",
        10,
    ),
    (
        "columns_updated",
        "栏目按时更新",
        "Columns updated on time",
        "期内最近一次网站自查发现的未按时更新栏目和空白栏目，每个扣10分。",
        "Columns not updated within their rule, and empty columns, found by the period's latest "
        "website self-check: 10 points off for each.",
        10,
        "lower",
        10,
    ),
    (
        "dead_links",
        "死链",
        "Dead links",
        "期内最近一次网站自查发现的站内外死链，每个扣5分。",
        "Dead links inside and outside the site found by the period's latest website "
        "self-check: 5 points off for each.",
        10,
        "lower",
        5,
    ),
    (
        "personal_data",
        "页面含未脱敏个人信息",
        "Pages with unmasked personal data",
        "期内最近一次网站自查发现的含未脱敏个人信息的页面，每个扣20分。",
        "Pages with unmasked personal data found by the period's latest website self-check: "
        "20 points off for each.",
        10,
        "lower",
        20,
    ),
]


def seed(apps, schema_editor):
    Indicator = apps.get_model("assessment", "Indicator")
    for position, row in enumerate(INDICATORS):
        code, name, name_en, definition, definition_en, weight, direction, deduction = row
        Indicator.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "name_en": name_en,
                "definition": definition,
                "definition_en": definition_en,
                "weight": weight,
                "direction": direction,
                "deduction": deduction,
                "position": position,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("assessment", "0002_indicators")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
