"""Each result keeps the weight it was computed with (a closed period keeps its weights when an
indicator's weight is changed); the results computed so far take their indicator's weight."""

import django.core.validators
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def weights_of_results(apps, schema_editor):
    Indicator = apps.get_model("assessment", "Indicator")
    IndicatorResult = apps.get_model("assessment", "IndicatorResult")
    weight = Indicator.objects.filter(pk=OuterRef("indicator_id")).values("weight")[:1]
    IndicatorResult.objects.update(weight=Subquery(weight))


class Migration(migrations.Migration):

    dependencies = [
        ('assessment', '0005_seed_spot_check_indicator'),
    ]

    operations = [
        migrations.AddField(
            model_name='indicatorresult',
            name='weight',
            field=models.PositiveSmallIntegerField(default=0, verbose_name='计算时的权重'),
        ),
        migrations.AlterField(
            model_name='indicator',
            name='code',
            field=models.CharField(choices=[('interpretations', '政策解读与文件同步发布'), ('requests_on_time', '依申请公开按时答复'), ('enforcement_on_time', '行政执法决定按时公开'), ('messages_on_time', '留言按期答复'), ('columns_updated', '栏目按时更新'), ('dead_links', '死链'), ('personal_data', '页面含未脱敏个人信息'), ('consultation_reports', '征求意见采纳情况公开'), ('spot_checks', '抽查发现问题及整改')], max_length=40, unique=True, verbose_name='计算规则'),
        ),
        migrations.AlterField(
            model_name='indicator',
            name='weight',
            field=models.PositiveSmallIntegerField(help_text='加权总分是各适用指标得分按权重的加权平均；填 0 则不计入总分。', validators=[django.core.validators.MinValueValidator(0, message='权重不能为负数，请填写 0 或正整数。')], verbose_name='权重'),
        ),
        migrations.RunPython(weights_of_results, migrations.RunPython.noop),
    ]
