"""The spot-check indicator (issue 12 §2), as data like the others (0003)."""

from django.db import migrations


def seed(apps, schema_editor):
    Indicator = apps.get_model("assessment", "Indicator")
    Indicator.objects.get_or_create(
        code="spot_checks",
        defaults={
            "name": "抽查发现问题及整改",
            "name_en": "Spot checks: problems found and rectified",
            "definition": "期内抽查抽中对象的部门，抽中的文件或页面每发现一个问题扣5分，"
            "未在整改期限内整改的问题再扣5分。",
            "definition_en": "Departments with items drawn by a spot check in the period: 5 "
            "points off for each problem found on a document or page drawn, and 5 more for each "
            "problem not rectified by its deadline.",
            "weight": 10,
            "direction": "lower",
            "deduction": 5,
            "position": 7,
        },
    )


def unseed(apps, schema_editor):
    apps.get_model("assessment", "Indicator").objects.filter(code="spot_checks").delete()


class Migration(migrations.Migration):
    dependencies = [("assessment", "0004_spot_checks")]

    operations = [migrations.RunPython(seed, unseed)]
