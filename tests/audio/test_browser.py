"""每日一听 in a real browser: the day's digest and an interpretation read aloud by the real
espeak-ng, each player with the text it reads beside it, its sound served as audio, the podcast
linked, in both languages at 1280 and 375 px; a department's editor uploads a recording that
replaces the generated reading on the portal. Screenshots: test-artifacts/audio-*.png."""

import shutil

import pytest
from django.utils import timezone

from gongkai.audio import services
from gongkai.audio.models import AudioStatus, SpokenInterpretation
from gongkai.core.roles import Role
from tests import factories
from tests.audio.conftest import published_yesterday
from tests.audio.test_admin import wav_bytes
from tests.browser import ARTIFACTS, shot, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
ESPEAK = "gongkai.audio.engines.EspeakEngine"
PASSWORD = "correct horse battery staple"


@pytest.fixture
def espeak(settings):
    if shutil.which("espeak-ng") is None:
        pytest.skip("needs espeak-ng (apt-get install espeak-ng)")
    settings.GONGKAI_TTS_ENGINE = ESPEAK


def fits(page, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width


def check_player(page, base: str, text: str) -> str:
    """The player is shown with the text it reads, and its source answers with sound."""
    player = page.locator(".audio-player").first
    assert player.locator("audio").is_visible()
    assert text in player.locator(".spoken-text").inner_text()
    source = player.locator("audio").get_attribute("src")
    sound = page.request.get(f"{base}{source}")
    assert sound.status == 200 and sound.headers["content-type"].startswith("audio/")
    assert len(sound.body()) > 1000
    return source


def test_the_digest_and_an_interpretation_are_heard_with_their_text(
    live_server, browser, espeak, department
):
    base = live_server.url
    document = factories.make_document(department=department, title="关于印发2024年工作要点的通知")
    published_yesterday(document)
    digest = services.build_digest(timezone.localdate())
    assert digest.file and digest.engine == "espeak-ng:cmn"
    interpretation = factories.make_interpretation(
        documents=[document], title="《2024年工作要点》解读", summary="今年重点推进三项工作。"
    )
    spoken = SpokenInterpretation.objects.get(interpretation=interpretation)
    assert spoken.status == AudioStatus.GENERATED, "published: read aloud on the worker"

    page = browser.new_page()
    day = digest.day
    for language in ("zh-hans", "en"):
        page.context.add_cookies([{"name": "django_language", "value": language, "url": base}])
        for url, name in (
            ("/audio/", "latest"),
            (f"/audio/{day.year}/{day.month}/{day.day}/", "day"),
        ):
            page.goto(f"{base}{url}")
            check_player(page, base, digest.text.splitlines()[0])
            assert page.locator("a[href='/audio/podcast.rss']").first.is_visible()
            current = page.locator(".main-nav a[aria-current=page]")
            assert current.get_attribute("href") == "/audio/"
            assert page.get_by_role("link", name="关于印发2024年工作要点的通知").is_visible()
            for width in (1280, 375):
                fits(page, width)
                shot(page, f"audio-{name}-{language}-{width}")
        page.goto(f"{base}{interpretation.get_absolute_url()}")
        check_player(page, base, spoken.text.splitlines()[0])
        for width in (1280, 375):
            fits(page, width)
            shot(page, f"audio-interpretation-{language}-{width}")
    assert page.get_by_role("heading", name="Daily listening").count() == 0  # not this page
    page.goto(f"{base}/audio/")
    assert page.get_by_role("heading", name="Daily listening").is_visible()
    podcast = page.request.get(f"{base}/audio/podcast.rss")
    assert podcast.status == 200 and digest.file.url in podcast.text()


def test_an_editor_replaces_the_reading_with_a_recording(live_server, browser, department):
    base = live_server.url
    document = factories.make_document(department=department)
    interpretation = factories.make_interpretation(documents=[document], title="解读：软件补贴")
    generated = SpokenInterpretation.objects.get(interpretation=interpretation).file.name
    assert generated
    editor = factories.make_user(role=Role.EDITOR, department=department, password=PASSWORD)
    elsewhere = factories.make_department(name="教育局")
    factories.make_interpretation(
        documents=[factories.make_document(department=elsewhere)], title="教育局的解读"
    )

    page = browser.new_page()
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, base, editor.username, PASSWORD)
    page.goto(f"{base}/admin/audio/")
    row = page.locator("tr", has_text="解读：软件补贴")
    assert row.get_by_text("已生成").is_visible()
    assert page.get_by_text("教育局的解读").count() == 0
    shot(page, "audio-admin-list-1280")
    row.get_by_role("link", name="解读：软件补贴").click()

    bad = ARTIFACTS / "not-audio.mp3"
    bad.write_bytes(b"%PDF-1.4 not a sound")
    page.set_input_files("input[type=file]", str(bad))
    page.get_by_role("button", name="上传录音").click()
    page.get_by_text("只能上传 MP3、M4A、WAV 或 OGG 音频文件").wait_for()
    shot(page, "audio-admin-refused-1280")

    recording = ARTIFACTS / "recording.wav"
    recording.write_bytes(wav_bytes(4))
    page.set_input_files("input[type=file]", str(recording))
    page.get_by_role("button", name="上传录音").click()
    page.wait_for_selector("text=录音已上传，网站将播放它。")
    assert page.locator(".audio-state-recorded").is_visible()
    shot(page, "audio-admin-recorded-1280")

    spoken = SpokenInterpretation.objects.get(interpretation=interpretation)
    assert spoken.status == AudioStatus.RECORDED and spoken.file.name != generated
    page.goto(f"{base}{interpretation.get_absolute_url()}")
    source = check_player(page, base, "解读：软件补贴")
    assert source == spoken.file.url
    assert page.request.get(f"{base}{source}").body() == wav_bytes(4)
