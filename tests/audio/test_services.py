"""Reading interpretations aloud and assembling the daily digest (a silent fake engine)."""

import logging

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from gongkai.audio import services
from gongkai.audio.models import DailyDigest, SpokenInterpretation
from gongkai.audio.speech import DIGEST_MAX_SECONDS, estimated_seconds
from gongkai.documents.models import InterpretationForm, InterpretationFormKind
from tests import factories
from tests.audio.conftest import MISSING, published_yesterday

pytestmark = pytest.mark.django_db


def test_an_interpretation_is_read_once_per_text(interpretation, silent_engine):
    spoken = services.speak_interpretation(interpretation.pk)
    assert spoken.file.name.startswith("audio/interpretations/") and spoken.engine == "silent"
    assert spoken.duration == pytest.approx(2.0) and spoken.size == spoken.file.size
    assert spoken.text.startswith("关于支持软件产业发展的若干措施解读\n二零二四年起")
    assert "不低于百分之三" in spoken.text and "本文件的主要内容是" in spoken.text
    services.speak_interpretation(interpretation.pk)
    assert len(silent_engine.runs) == 1, "same text, same engine: not read again"


def test_a_changed_text_is_read_again_and_the_old_file_removed(
    interpretation, silent_engine, django_capture_on_commit_callbacks
):
    first = services.speak_interpretation(interpretation.pk).file.name
    interpretation.summary = "2025年起，补贴提高到50万元。"
    interpretation.save()
    with django_capture_on_commit_callbacks(execute=True):
        second = services.speak_interpretation(interpretation.pk)
    assert second.file.name != first and "五十万元" in second.text
    assert not default_storage.exists(first) and default_storage.exists(second.file.name)
    assert len(silent_engine.runs) == 2


def test_an_uploaded_recording_wins(interpretation, silent_engine):
    services.speak_interpretation(interpretation.pk)
    InterpretationForm.objects.create(
        interpretation=interpretation,
        kind=InterpretationFormKind.AUDIO,
        file=ContentFile(b"ID3" + b"\0" * 64, name="reading.mp3"),
        caption="负责人解读录音",
    )
    assert services.speak_interpretation(interpretation.pk) is None
    assert not SpokenInterpretation.objects.exists()


def test_without_an_engine_the_text_is_kept_and_the_log_says_so_once(
    interpretation, settings, caplog
):
    settings.GONGKAI_TTS_ENGINE = MISSING
    with caplog.at_level(logging.WARNING, logger="gongkai.audio.engines"):
        spoken = services.speak_interpretation(interpretation.pk)
        services.speak_interpretation(interpretation.pk)
        services.build_digest(timezone.localdate())
    assert not spoken.file and spoken.text and spoken.engine == ""
    assert len([r for r in caplog.records if "not available" in r.getMessage()]) == 1


def test_a_draft_interpretation_is_not_read(department):
    document = factories.make_document(department=department)
    draft = factories.make_interpretation(documents=[document], publish=False)
    assert services.speak_interpretation(draft.pk) is None


def test_the_digest_reads_yesterdays_news_in_order(department, silent_engine):
    first = published_yesterday(factories.make_document(department=department, title="第一份通知"))
    second = published_yesterday(factories.make_document(department=department, title="第二份通知"))
    factories.make_document(department=department, title="今天的通知")  # tomorrow's digest
    digest = services.build_digest(timezone.localdate())
    assert [item["pk"] for item in digest.items] == [first.pk, second.pk]
    assert digest.text.startswith("每日一听，") and "第一条，政策文件：第一份通知" in digest.text
    assert "今天的通知" not in digest.text and digest.left_out == 0
    assert digest.file and digest.size == digest.file.size
    services.build_digest(timezone.localdate())
    assert len(silent_engine.runs) == 1 and DailyDigest.objects.count() == 1


def test_the_digest_stops_at_about_ten_minutes(department):
    long_summary = "本办法支持企业开展研发活动。" * 140  # about 490 seconds each
    for number in range(3):
        document = factories.make_document(
            department=department, title=f"长文件{number}", summary=long_summary
        )
        published_yesterday(document)
    digest = services.build_digest(timezone.localdate())
    assert len(digest.items) == 1 and digest.left_out == 2
    assert estimated_seconds(digest.text) <= DIGEST_MAX_SECONDS
    assert "另有二条请到网站查看" in digest.text


def test_no_news_no_digest(db):
    assert services.build_digest(timezone.localdate()) is None
