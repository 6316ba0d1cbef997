"""The public pages and forms: list and message pages (cached, dropped exactly when a reply is
published or rated), the write form (account, CSRF, idempotent, limits), the suggestions and
the writer's own page with the rating form."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from gongkai.interaction import services
from gongkai.interaction.models import Message, MessageState
from gongkai.knowledge.models import AnswerValidity, PolicyAnswer
from tests.factories import make_document
from tests.interaction.conftest import write
from tests.knowledge.conftest import make_answer

pytestmark = pytest.mark.django_db

WRITE = "/interaction/write/"


def answered(message, editor, head, text="已安排维修。"):
    services.reply_save(message=message, user=editor, text=text, submit=True)
    return services.reply_publish(message=message, user=head)


def post_message(client, kind, nonce="w" * 24, **fields):
    data = {"category": kind.pk, "addressee": "", "title": "路灯不亮", "body": "请维修。"}
    return client.post(WRITE, {**data, "nonce": nonce, **fields})


def test_a_reply_appears_at_once_with_the_writer_masked(
    client, citizen, category, department, editor, head
):
    listing = client.get("/interaction/")
    assert listing.status_code == 200 and "暂无公开的留言" in listing.content.decode()
    message = write(citizen, category, addressee=department, body="<script>x</script>路灯").message
    assert client.get(message.get_absolute_url()).status_code == 404
    answered(message, editor, head)
    page = client.get("/interaction/").content.decode()
    assert message.title in page and "张**" in page and "张三丰" not in page
    detail = client.get(message.get_absolute_url()).content.decode()
    assert "已安排维修。" in detail and "&lt;script&gt;x&lt;/script&gt;" in detail
    assert reverse("knowledge:list") in detail  # see also the 政策问答库
    assert "csrfmiddlewaretoken" not in detail
    services.message_rate(message=message, user=citizen.user, rating=5, solved=True)
    assert "5 / 5" in client.get(message.get_absolute_url()).content.decode()


def test_the_category_filter(client, citizen, category, department, editor, head):
    from gongkai.interaction.models import MessageCategory

    other = MessageCategory.objects.create(name="教育")
    answered(write(citizen, category, addressee=department).message, editor, head)
    assert "路灯" not in client.get(f"/interaction/?category={other.pk}").content.decode()
    assert "路灯" in client.get(f"/interaction/?category={category.pk}").content.decode()
    assert client.get("/interaction/?category=abc").status_code == 200


def test_writing_needs_an_account_and_a_double_submit_makes_one(client, citizen, category):
    response = client.get(WRITE)
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
    client.force_login(citizen.user)
    form = client.get(WRITE).content.decode()
    assert "csrfmiddlewaretoken" in form and "城市管理" in form
    first = post_message(client, category)
    second = post_message(client, category)
    assert first.status_code == second.status_code == 302
    message = Message.objects.get()
    assert first["Location"] == reverse("interaction:mine", args=[message.pk])
    mine = client.get(first["Location"]).content.decode()
    assert message.tracking_number in mine and "待分办" in mine
    assert message.title in client.get(reverse("accounts:mine")).content.decode()


def test_bad_input_is_refused_clearly(client, citizen, category):
    client.force_login(citizen.user)
    huge = post_message(client, category, body="长" * 100_000)
    assert huge.status_code == 400 and "5000" in huge.content.decode()
    assert post_message(client, category, category="x").status_code == 400
    assert post_message(client, category, nonce="<bad>").status_code == 400
    assert post_message(client, category, title="\x00").status_code == 400
    assert not Message.objects.exists()


def test_the_write_form_is_rate_limited(client, citizen, category, settings):
    settings.INTERACTION_MESSAGE_LIMIT = 1
    cache.clear()
    client.force_login(citizen.user)
    assert post_message(client, category).status_code == 302
    refused = post_message(client, category, nonce="v" * 24)
    assert refused.status_code == 429 and refused["Retry-After"]
    assert Message.objects.count() == 1


def test_suggestions_come_from_the_public_documents(
    client, department, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        document = make_document(title="关于城市道路照明设施维护管理的通知", department=department)
    found = client.get("/interaction/suggest/", {"q": "道路照明"}).json()["results"]
    assert {
        "title": document.title,
        "url": document.get_absolute_url(),
        "kind": "document",
        "label": "政策文件",
    } in found
    assert client.get("/interaction/suggest/", {"q": ""}).json() == {"results": []}


def test_policy_answers_are_suggested_before_the_documents_with_their_kind(
    client, department, django_capture_on_commit_callbacks
):
    """A message being typed finds the 政策问答 entries sharing its words (the nearest first,
    though none has every word) before the documents; withdrawn or unpublished ones never."""
    with django_capture_on_commit_callbacks(execute=True):
        document = make_document(title="关于城市道路照明设施维护管理的通知", department=department)
    near = make_answer(
        department=department,
        question="路灯不亮向哪个部门反映？",
        answer="城市道路照明由住房和城乡建设局负责维护，可拨打12345热线报修。",
    )
    far = make_answer(department=department, question="道路挖掘需要办理什么手续？")
    make_answer(department=department, question="路灯坏了怎么报修？", publish=False)
    withdrawn = make_answer(department=department, question="路灯维修多久完成？")
    PolicyAnswer.objects.filter(pk=withdrawn.pk).update(validity=AnswerValidity.WITHDRAWN)
    typed = {"q": "金阳南路的路灯不亮了，道路照明什么时候维修"}
    found = client.get("/interaction/suggest/", typed).json()["results"]
    assert [(row["kind"], row["title"]) for row in found] == [
        ("answer", near.question),
        ("answer", far.question),
        ("document", document.title),
    ]
    assert [row["label"] for row in found] == ["政策问答", "政策问答", "政策文件"]
    assert found[0]["url"] == near.get_absolute_url()
    client.cookies["django_language"] = "en"
    english = client.get("/interaction/suggest/", typed).json()["results"]
    assert [row["label"] for row in english] == ["Policy Q&A", "Policy Q&A", "Document"]


def test_the_answers_are_linked_from_the_interaction_pages(client, citizen, category):
    for url in (reverse("interaction:list"), reverse("portal:site_map")):
        assert reverse("knowledge:list") in client.get(url).content.decode(), url
    client.force_login(citizen.user)
    assert reverse("knowledge:list") in client.get(WRITE).content.decode()


def test_only_the_writer_sees_and_rates_on_their_page(
    client, citizen, category, department, editor, head
):
    from tests.accounts.conftest import make_account

    message = write(citizen, category, addressee=department, wants_private=True).message
    url = reverse("interaction:mine", args=[message.pk])
    client.force_login(make_account(email="other@example.com").user)
    assert client.get(url).status_code == 404
    client.force_login(citizen.user)
    assert "评价答复" not in client.get(url).content.decode()
    answered(message, editor, head)
    page = client.get(url).content.decode()
    assert "已安排维修。" in page and "按您的要求不公开" in page and "评价答复" in page
    assert client.post(url, {"rating": "9", "solved": "yes"}).status_code == 400
    assert client.post(url, {"rating": "4", "solved": "no"}).status_code == 302
    message.refresh_from_db()
    assert message.state == MessageState.CLOSED and (message.rating, message.solved) == (4, False)
