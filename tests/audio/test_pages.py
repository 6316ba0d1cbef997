"""每日一听 on the portal: the player and its text, the files, the podcast, both languages."""

import re

import pytest
from django.utils import timezone
from lxml import etree

from gongkai.audio import services
from tests import factories
from tests.audio.conftest import MISSING, published_yesterday

pytestmark = pytest.mark.django_db
CJK = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture
def digest(department):
    document = factories.make_document(department=department, title="关于印发2024年工作要点的通知")
    published_yesterday(document)
    return services.build_digest(timezone.localdate())


def audio_source(page: str) -> str:
    return re.search(r'<audio controls preload="none" src="([^"]+)"', page)[1]


def test_the_interpretation_page_plays_its_reading_beside_the_text(client, interpretation):
    spoken = services.speak_interpretation(interpretation.pk)
    page = client.get(interpretation.get_absolute_url()).content.decode()
    assert "听解读" in page and spoken.text.splitlines()[0] in page
    sound = client.get(audio_source(page))
    assert sound.status_code == 200 and sound["Content-Type"] == "audio/x-wav"
    assert b"".join(sound.streaming_content) == spoken.file.read()


def test_the_reading_of_a_draft_is_not_served(client, interpretation):
    spoken = services.speak_interpretation(interpretation.pk)
    type(interpretation).objects.filter(pk=interpretation.pk).update(live=False)
    assert client.get(spoken.file.url).status_code == 404


def test_the_page_is_refreshed_when_the_reading_is_made(client, interpretation):
    url = interpretation.get_absolute_url()
    assert "听解读" not in client.get(url).content.decode()  # now in the page cache
    services.speak_interpretation(interpretation.pk)
    assert "听解读" in client.get(url).content.decode()


def test_without_an_engine_the_pages_say_there_is_no_sound(client, interpretation, settings):
    settings.GONGKAI_TTS_ENGINE = MISSING
    services.speak_interpretation(interpretation.pk)
    page = client.get(interpretation.get_absolute_url()).content.decode()
    assert "暂无音频" in page and "<audio" not in page.split("听解读")[1]


def test_the_digest_page_and_its_podcast(client, digest):
    page = client.get("/audio/").content.decode()
    assert digest.text.splitlines()[0] in page and "关于印发2024年工作要点的通知" in page
    sound = client.get(audio_source(page))
    assert sound.status_code == 200 and sound["Content-Type"] == "audio/x-wav"
    day = client.get(f"/audio/{digest.day.year}/{digest.day.month}/{digest.day.day}/")
    assert day.status_code == 200 and audio_source(day.content.decode()) == digest.file.url
    feed = etree.fromstring(client.get("/audio/podcast.rss").content)
    enclosure = feed.find("channel/item/enclosure")
    assert enclosure.get("url") == "http://testserver" + digest.file.url
    assert enclosure.get("length") == str(digest.file.size) and digest.size > 0
    assert enclosure.get("type") == "audio/x-wav"


def test_a_rebuilt_digest_replaces_the_cached_page(client, digest, department, silent_engine):
    assert "另一份通知" not in client.get("/audio/").content.decode()
    published_yesterday(factories.make_document(department=department, title="另一份通知"))
    services.build_digest(timezone.localdate())
    assert "另一份通知" in client.get("/audio/").content.decode()


def test_a_withdrawn_document_leaves_the_digest_page(client, digest, department):
    document = factories.make_document(department=department, title="临时通知")
    published_yesterday(document)
    services.build_digest(timezone.localdate())
    assert "临时通知" in client.get("/audio/").content.decode()
    factories.withdraw_document(document)
    assert "临时通知" not in re.sub(
        r"<details.*?</details>", "", client.get("/audio/").content.decode(), flags=re.S
    )


def test_unknown_days_are_not_found(client, db):
    assert client.get("/audio/2024/2/30/").status_code == 404
    assert client.get("/audio/2024/2/28/").status_code == 404
    assert "暂无每日一听" in client.get("/audio/").content.decode()


def test_the_pages_in_english_show_no_chinese_labels(client, digest, interpretation):
    services.speak_interpretation(interpretation.pk)
    client.cookies["django_language"] = "en"
    for url in ("/audio/", interpretation.get_absolute_url()):
        page = client.get(url).content.decode()
        main = page[page.index("<main") : page.index("</main>")]
        main = re.sub(r'<(\w+)[^>]*lang="zh-hans".*?</\1>', " ", main, flags=re.S)
        text = re.sub(r"<[^>]+>", " ", main)
        assert "Daily listening" in page or "Listen" in page
        if url == "/audio/":
            assert not CJK.search(text), CJK.findall(text)[:20]
    page = client.get(interpretation.get_absolute_url()).content.decode()
    section = page[page.index('class="doc-section interpretation-audio"') :]
    section = section[: section.index("</section>")]
    section = re.sub(r'<div lang="zh-hans">.*?</div>', "", section, flags=re.S)
    assert not CJK.search(re.sub(r"<[^>]+>", " ", section))
