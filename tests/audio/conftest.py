from datetime import timedelta

import pytest
from django.utils import timezone

from gongkai.audio import engines
from tests import factories
from tests.audio.engines import SilentEngine

SILENT = "tests.audio.engines.SilentEngine"
MISSING = "tests.audio.engines.MissingEngine"


@pytest.fixture(autouse=True)
def silent_engine(settings):
    settings.GONGKAI_TTS_ENGINE = SILENT
    SilentEngine.runs = []
    engines._reported.clear()
    return SilentEngine


@pytest.fixture
def department(db):
    return factories.make_department(name="产业发展局", name_en="Industry Bureau")


@pytest.fixture
def interpretation(department):
    document = factories.make_document(
        department=department, title="关于支持软件产业发展的若干措施"
    )
    return factories.make_interpretation(
        documents=[document],
        title="《关于支持软件产业发展的若干措施》解读",
        summary="2024年起，对研发投入≥3%的企业给予补贴。",
    )


def published_yesterday(obj):
    """Move ``obj``'s first publication to nine o'clock yesterday morning, local time.

    The same instant for every call, so the digest's order falls to the primary key: keeping
    the seconds of ``now`` ordered two calls backwards when a minute turned between them."""
    when = timezone.now() - timedelta(days=1)
    when = timezone.localtime(when).replace(hour=9, minute=0, second=0, microsecond=0)
    type(obj).objects.filter(pk=obj.pk).update(first_published_at=when)
    return obj
