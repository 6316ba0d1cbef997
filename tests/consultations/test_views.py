"""The public pages and forms, the back office pages, page cache invalidation and the API."""

import pytest
from django.urls import reverse

from gongkai.consultations import services
from gongkai.consultations.models import Comment, CommentStatus
from gongkai.core.roles import Role
from tests.consultations.conftest import close, make_consultation
from tests.factories import make_department, make_user, publish_object

pytestmark = pytest.mark.django_db


def comment_url(consultation):
    return reverse("consultations:comment", args=[consultation.pk])


def log_in(client, account):
    client.force_login(account.user)


def post_comment(client, consultation, text="建议补贴覆盖三年。", nonce="k" * 24, clause=""):
    return client.post(comment_url(consultation), {"text": text, "nonce": nonce, "clause": clause})


def test_list_and_detail_are_public_and_cached(client, consultation):
    listing = client.get(reverse("consultations:list"))
    assert consultation.title in listing.content.decode()
    detail = client.get(consultation.get_absolute_url())
    page = detail.content.decode()
    assert "第一条" in page and "信函：高新区管委会产业发展局" in page
    assert "csrfmiddlewaretoken" not in page
    again = client.get(consultation.get_absolute_url())
    assert again["ETag"] == detail["ETag"]


def test_comment_form_needs_an_account(client, consultation):
    response = client.get(comment_url(consultation))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_double_submit_makes_one_comment(client, consultation, citizen):
    log_in(client, citizen)
    first = post_comment(client, consultation)
    second = post_comment(client, consultation)
    assert first.status_code == second.status_code == 302
    assert Comment.objects.count() == 1


def test_huge_and_malformed_input_is_refused_clearly(client, consultation, citizen):
    log_in(client, citizen)
    huge = post_comment(client, consultation, text="长" * 100_000)
    assert huge.status_code == 400
    assert "5000" in huge.content.decode()
    assert post_comment(client, consultation, clause="not-a-number").status_code == 400
    assert post_comment(client, consultation, nonce="<bad>").status_code == 400
    assert post_comment(client, consultation, text="\x00\x00").status_code == 400
    assert not Comment.objects.exists()


def test_approved_comment_appears_at_once_and_scripts_stay_text(
    client, consultation, citizen, editor
):
    clause = consultation.clauses.first()
    assert "&lt;script&gt;" not in client.get(consultation.get_absolute_url()).content.decode()
    comment = services.comment_submit(
        consultation=consultation, user=citizen.user, text="<script>alert(1)</script>补贴",
        nonce="s" * 24, clause_id=clause.pk,
    ).comment  # fmt: skip
    services.comment_approve(comment=comment, user=editor)
    page = client.get(consultation.get_absolute_url()).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;补贴" in page
    assert "<script>alert(1)" not in page
    assert "张**" in page and "张三丰" not in page


def test_closed_consultation_refuses_comments(client, consultation, citizen):
    close(consultation)
    log_in(client, citizen)
    assert "不在征求意见期内" in client.get(comment_url(consultation)).content.decode()
    assert post_comment(client, consultation).status_code == 400


def test_awaiting_report_list_and_published_report(client, consultation, citizen, editor, reviewer):
    comment = services.comment_submit(
        consultation=consultation, user=citizen.user, text="意见", nonce="a" * 24
    ).comment
    services.comment_approve(comment=comment, user=editor)
    close(consultation)
    awaiting = client.get(reverse("consultations:awaiting")).content.decode()
    assert consultation.title in awaiting
    services.comments_dispose(
        consultation=consultation, comment_ids=[comment.pk], user=editor,
        disposition="adopted", reason="",
    )  # fmt: skip
    publish_object(services.report_generate(consultation=consultation, user=editor))
    assert consultation.title not in client.get(reverse("consultations:awaiting")).content.decode()
    page = client.get(consultation.get_absolute_url()).content.decode()
    assert "意见采纳情况说明" in page and "采纳1条" in page


def test_report_of_a_comment_by_another_account(
    client, consultation, citizen, other_citizen, editor
):
    comment = services.comment_submit(
        consultation=consultation, user=citizen.user, text="意见", nonce="b" * 24
    ).comment
    services.comment_approve(comment=comment, user=editor)
    log_in(client, other_citizen)
    url = reverse("consultations:report_comment", args=[comment.pk])
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    assert Comment.objects.get(pk=comment.pk).report_count == 1


def test_back_office_pages(client, consultation, citizen, editor, reviewer):
    comment = services.comment_submit(
        consultation=consultation, user=citizen.user, text="=HYPERLINK(1)", nonce="c" * 24
    ).comment
    client.force_login(editor)
    queue = client.get(reverse("consultations_admin:queue")).content.decode()
    assert comment.tracking_number in queue and "citizen@example.com" in queue
    client.post(reverse("consultations_admin:approve", args=[comment.pk]))
    assert Comment.objects.get(pk=comment.pk).status == CommentStatus.PUBLISHED
    close(consultation)
    page = client.get(reverse("consultations_admin:comments", args=[consultation.pk]))
    assert page.status_code == 200
    client.post(
        reverse("consultations_admin:dispose", args=[consultation.pk]),
        {"comments": [comment.pk], "disposition": "not_adopted", "reason": "另行研究"},
    )
    assert Comment.objects.get(pk=comment.pk).disposition == "not_adopted"
    csv = client.get(reverse("consultations_admin:export", args=[consultation.pk, "csv"]))
    assert "'=HYPERLINK(1)" in b"".join(csv.streaming_content).decode("utf-8-sig")
    xlsx = client.get(reverse("consultations_admin:export", args=[consultation.pk, "xlsx"]))
    assert xlsx.content[:2] == b"PK"
    url = reverse("consultations_admin:report", args=[consultation.pk])
    client.post(url)
    page = client.get(url).content.decode()
    report = consultation.report
    assert "未采纳1条" in page and not report.live
    assert reverse("wagtailsnippets_consultations_adoptionreport:edit", args=[report.pk]) in page
    client.force_login(reviewer)  # no button publishes: the report goes through sign-off
    assert "审签并发布" not in client.get(url).content.decode()


def test_staff_of_another_department_are_refused(client, consultation):
    from gongkai.core.roles import Role
    from tests.factories import make_department, make_user

    client.force_login(make_user(role=Role.EDITOR, department=make_department()))
    url = reverse("consultations_admin:comments", args=[consultation.pk])
    response = client.get(url)  # Wagtail turns the refusal into a return to its home page
    assert (response.status_code, response["Location"]) == (302, "/admin/")


def test_another_departments_draft_consultation_is_refused_in_the_back_office(client, department):
    """The consultation's viewset is the shared, department-scoped one (revisions, compare,
    workflow history, usage, chooser), like every other workflow model's."""
    secret = "尚未公开的征求意见稿标题"
    draft = make_consultation(department=department, publish=False, title=secret, live=False)
    author = make_user(role=Role.EDITOR, department=department)
    draft.save_revision(user=author)
    draft.save_revision(user=author)
    draft.get_workflow().start(draft, author)
    client.force_login(make_user(role=Role.EDITOR, department=make_department(name="财政局")))
    ns = "wagtailsnippets_consultations_consultation"
    for url in (
        reverse(f"{ns}:edit", args=[draft.pk]),
        reverse(f"{ns}:usage", args=[draft.pk]),
        reverse(f"{ns}:history", args=[draft.pk]),
        reverse(f"{ns}:revisions_view", args=[draft.pk, draft.latest_revision_id]),
        reverse(f"{ns}:revisions_compare", args=[draft.pk, "earliest", "latest"]),
        reverse(f"{ns}:workflow_history", args=[draft.pk]),
        reverse("wagtailsnippetchoosers_consultations_consultation:choose_results"),
    ):
        response = client.get(url)
        body = response.content.decode()
        assert secret not in body and secret.encode("unicode_escape").decode() not in body, url
        assert response.status_code in (200, 302, 403, 404), url
    client.force_login(make_user(role=Role.EDITOR, department=department))
    response = client.get(reverse(f"{ns}:history", args=[draft.pk]))
    assert response.status_code == 200 and secret in response.content.decode()
