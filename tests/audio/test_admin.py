"""每日一听 in the back office: each interpretation's audio state, a recording uploaded in
place of the engine's reading, "read it again", scoped to the staff member's department."""

import io
import re
import subprocess
import wave

import lxml.html
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from wagtail.users.models import UserProfile

from gongkai.audio import services
from gongkai.audio.models import AudioStatus, SpokenInterpretation
from gongkai.core.models import AuditEvent
from gongkai.core.roles import Role
from gongkai.documents.models import Interpretation
from tests import factories
from tests.audio.conftest import MISSING
from tests.audio.engines import SilentEngine
from tests.audio.test_lengths import MP3_FRAME

pytestmark = pytest.mark.django_db
FAILING = "tests.audio.test_admin.FailingEngine"
HAN = re.compile(r"[\u3400-\u9fff]")


class FailingEngine(SilentEngine):
    name = "failing"

    def synthesize(self, text, target):
        raise subprocess.CalledProcessError(1, ["espeak-ng"], stderr=b"no voice cmn")


def wav_bytes(seconds: float = 3.0) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as sound:
        sound.setnchannels(1)
        sound.setsampwidth(2)
        sound.setframerate(8000)
        sound.writeframes(b"\0\0" * int(8000 * seconds))
    return buffer.getvalue()


def recording(name="reading.wav", content=None):
    return SimpleUploadedFile(name, wav_bytes() if content is None else content, "audio/wav")


@pytest.fixture
def editor(department):
    return factories.make_user(role=Role.EDITOR, department=department)


@pytest.fixture
def other_interpretation():
    elsewhere = factories.make_department(name="教育局")
    document = factories.make_document(department=elsewhere, title="教育局的通知")
    return factories.make_interpretation(documents=[document], title="SECRET 教育局的解读")


def test_publishing_queues_the_reading_and_the_job_makes_it(interpretation):
    spoken = SpokenInterpretation.objects.get(interpretation=interpretation)
    assert spoken.status == AudioStatus.QUEUED and not spoken.file
    spoken = services.speak_interpretation(interpretation.pk)
    assert spoken.status == AudioStatus.GENERATED and spoken.file and spoken.error == ""


def test_a_failed_reading_keeps_its_reason(interpretation, settings, client, editor):
    settings.GONGKAI_TTS_ENGINE = FAILING
    spoken = services.speak_interpretation(interpretation.pk)
    assert spoken.status == AudioStatus.FAILED and not spoken.file
    assert "exit 1" in spoken.error and "no voice cmn" in spoken.error
    client.force_login(editor)
    page = client.get("/admin/audio/?state=failed").content.decode()
    assert "生成失败" in page and "no voice cmn" in page and interpretation.title in page


def test_without_an_engine_the_reason_says_so(interpretation, settings):
    settings.GONGKAI_TTS_ENGINE = MISSING
    spoken = services.speak_interpretation(interpretation.pk)
    assert spoken.status == AudioStatus.FAILED and "not available" in spoken.error


def test_the_list_shows_each_state_of_the_department_only(
    client, editor, interpretation, other_interpretation
):
    client.force_login(editor)
    page = client.get("/admin/audio/").content.decode()
    assert interpretation.title in page and "排队生成" in page
    assert "SECRET" not in page
    assert interpretation.title not in client.get("/admin/audio/?state=generated").content.decode()
    services.speak_interpretation(interpretation.pk)
    page = client.get("/admin/audio/?state=generated").content.decode()
    assert interpretation.title in page and "已生成" in page
    assert client.get(f"/admin/audio/{other_interpretation.pk}/").status_code == 404


def test_an_uploaded_recording_replaces_the_reading_on_the_portal(
    client, editor, interpretation, silent_engine, django_capture_on_commit_callbacks
):
    generated = services.speak_interpretation(interpretation.pk).file.name
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/audio/{interpretation.pk}/upload/", {"file": recording()})
    assert response.status_code == 302
    spoken = SpokenInterpretation.objects.get(interpretation=interpretation)
    assert spoken.status == AudioStatus.RECORDED and spoken.recorded_by == editor
    assert spoken.file.name.startswith("audio/interpretations/recorded-")
    assert spoken.duration == pytest.approx(3.0) and spoken.size == len(wav_bytes())
    assert AuditEvent.objects.filter(action="audio.recording_upload").exists()
    page = client.get(interpretation.get_absolute_url()).content.decode()
    assert spoken.file.url in page and generated.rsplit("/", 1)[1] not in page
    # A later edit of the text is published: the recording stays.
    interpretation.summary = "2025年起，补贴提高到50万元。"
    interpretation.save()
    assert services.speak_interpretation(interpretation.pk).file.name == spoken.file.name
    assert len(silent_engine.runs) == 1


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("reading.mp3", b"%PDF-1.4 not a sound", "只能上传 MP3、M4A、WAV 或 OGG"),
        ("reading.mp3", None, "扩展名须与内容一致"),  # WAV content named .mp3
        ("reading.wav", b"", "录音文件是空的"),
    ],
)
def test_a_bad_recording_is_refused_with_a_clear_message(
    client, editor, interpretation, name, content, words
):
    client.force_login(editor)
    upload = SimpleUploadedFile(name, wav_bytes() if content is None else content)
    response = client.post(f"/admin/audio/{interpretation.pk}/upload/", {"file": upload})
    assert response.status_code == 400 and words in response.content.decode()
    assert SpokenInterpretation.objects.get(interpretation=interpretation).status == "queued"


def test_the_back_office_pages_in_english(client, editor, interpretation, settings):
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(editor)
    for url in ("/admin/audio/", f"/admin/audio/{interpretation.pk}/"):
        page = client.get(url).content.decode()
        main = lxml.html.fromstring(page).find(".//main")
        # The heading's subtitle is the interpretation's (Chinese) title.
        labels = main.xpath(".//h2|.//th|.//button|.//label|.//dt")
        assert (
            "Interpretation audio" in page
            and labels
            and not [e for e in labels if HAN.search(e.text_content())]
        ), url
    settings.AUDIO_RECORDING_MAX_BYTES = 1024 * 1024
    big = recording(content=wav_bytes(70))  # about 1.1 MB
    response = client.post(f"/admin/audio/{interpretation.pk}/upload/", {"file": big})
    assert response.status_code == 400
    assert "The recording is larger than 1 MB" in response.content.decode()


def test_only_the_departments_library_staff_change_the_audio(
    interpretation, other_interpretation, editor
):
    with pytest.raises(PermissionDenied):
        services.upload_recording(
            interpretation=other_interpretation, file=recording(), user=editor
        )
    assessor = factories.make_user(role=Role.ASSESSOR)
    with pytest.raises(PermissionDenied):
        services.read_again(interpretation=interpretation, user=assessor)
    assert not SpokenInterpretation.objects.filter(
        interpretation=other_interpretation, status=AudioStatus.RECORDED
    ).exists()


def test_an_unpublished_interpretation_gets_no_recording(department, editor):
    document = factories.make_document(department=department)
    draft = factories.make_interpretation(documents=[document], publish=False)
    with pytest.raises(ValidationError, match="尚未发布"):
        services.upload_recording(interpretation=draft, file=recording(), user=editor)


def test_read_again_removes_the_recording_and_reads_it(
    client, editor, interpretation, silent_engine, django_capture_on_commit_callbacks
):
    services.upload_recording(interpretation=interpretation, file=recording(), user=editor)
    recorded = SpokenInterpretation.objects.get(interpretation=interpretation).file.name
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/audio/{interpretation.pk}/read-again/")
    assert response.status_code == 302
    spoken = SpokenInterpretation.objects.get(interpretation=interpretation)
    assert spoken.status == AudioStatus.GENERATED and spoken.engine == "silent"
    assert spoken.file.name != recorded and spoken.recorded_by is None
    assert len(silent_engine.runs) == 1


def test_backfill_reads_what_is_missing_and_leaves_recordings(
    department, editor, silent_engine, django_capture_on_commit_callbacks
):
    document = factories.make_document(department=department)
    missing = factories.make_interpretation(documents=[document], title="没有音频的解读")
    SpokenInterpretation.objects.filter(interpretation=missing).delete()
    recorded = factories.make_interpretation(documents=[document], title="有录音的解读")
    services.upload_recording(interpretation=recorded, file=recording(), user=editor)
    done = factories.make_interpretation(documents=[document], title="已生成的解读")
    services.speak_interpretation(done.pk)
    runs = len(silent_engine.runs)
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("audio", "--backfill", stdout=out)
    assert "1" in out.getvalue()
    assert SpokenInterpretation.objects.get(interpretation=missing).status == "generated"
    assert SpokenInterpretation.objects.get(interpretation=recorded).status == "recorded"
    assert len(silent_engine.runs) == runs + 1


def test_backfill_now_and_since(department, silent_engine):
    document = factories.make_document(department=department)
    old = factories.make_interpretation(documents=[document], title="旧解读")
    Interpretation.objects.filter(pk=old.pk).update(
        first_published_at=timezone.now() - timezone.timedelta(days=400)
    )
    new = factories.make_interpretation(documents=[document], title="新解读")
    SpokenInterpretation.objects.all().delete()
    since = (timezone.localdate() - timezone.timedelta(days=30)).isoformat()
    call_command("audio", "--backfill", "--now", "--since", since, stdout=io.StringIO())
    assert SpokenInterpretation.objects.get(interpretation=new).status == "generated"
    assert not SpokenInterpretation.objects.filter(interpretation=old).exists()
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("audio", "--backfill", "--since", "yesterday")
    with pytest.raises(CommandError, match="--backfill"):
        call_command("audio")


def test_an_mp3_recording_gets_its_length(
    client, editor, interpretation, silent_engine, django_capture_on_commit_callbacks
):
    services.speak_interpretation(interpretation.pk)
    client.force_login(editor)
    mp3 = SimpleUploadedFile("reading.mp3", MP3_FRAME * 2000, "audio/mpeg")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/audio/{interpretation.pk}/upload/", {"file": mp3})
    assert response.status_code == 302
    spoken = SpokenInterpretation.objects.get(interpretation=interpretation)
    assert spoken.duration == pytest.approx(2000 * 1152 / 44100, rel=1e-3)
    assert spoken.minutes in client.get(interpretation.get_absolute_url()).content.decode()
