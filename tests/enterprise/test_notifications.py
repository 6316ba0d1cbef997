"""A new support policy reaches the enterprises subscribed to "policies I match" whose profile
meets it: once, through the worker, with the reasons in the mail and nothing personal in the
logs; also when the policy's document is published after the policy was written."""

import json
import logging

import pytest
from django.core import mail

from gongkai.core.roles import Role
from gongkai.enterprise import services
from gongkai.enterprise.models import SupportPolicy
from gongkai.subscriptions import services as subscriptions
from gongkai.subscriptions.models import Criterion, Delivery, DeliveryState
from tests.accounts.conftest import make_account
from tests.enterprise.conftest import LAST_YEAR, RULE, make_enterprise
from tests.factories import make_department, make_document, make_user, publish_object
from tests.subscriptions import test_services as subscription_tests

pytestmark = pytest.mark.django_db
webhook_server = subscription_tests.webhook_server  # the fixture: a local receiver


def _subscribed_enterprise(email, *, revenue, language="zh-hans", **fields):
    account = make_account(email=email, kind="enterprise")
    if language != "zh-hans":
        account.language = language
        account.save(update_fields=["language"])
    subscriptions.subscribe(user=account.user, criterion=Criterion.MATCHED)
    return make_enterprise(account=account, revenue=revenue, **fields)


def _write_policy(capture, document):
    """A member of staff of the document's department writes its support policy."""
    department = document.department
    policy = SupportPolicy(
        title="软件企业研发补助政策", document=document, department=department, rule=RULE
    )
    editor = make_user(role=Role.EDITOR, department=department)
    with capture(execute=True):
        return services.save_policy(policy=policy, user=editor)


def test_a_new_policy_mails_the_matching_subscribed_enterprises_once_with_reasons(
    django_capture_on_commit_callbacks, caplog
):
    caplog.set_level(logging.DEBUG)
    meets = _subscribed_enterprise("boss@meets.example.com", revenue=2500, name="甲软件有限公司")
    _subscribed_enterprise("boss@misses.example.com", revenue=1800)  # 差一项: not told
    english = _subscribed_enterprise("ceo@english.example.com", revenue=3000, language="en")
    department = make_department()
    with django_capture_on_commit_callbacks(execute=True):
        document = make_document(department=department, title="关于支持软件企业研发的通知")
    assert mail.outbox == []

    policy = _write_policy(django_capture_on_commit_callbacks, document)

    assert sorted(m.to[0] for m in mail.outbox) == ["boss@meets.example.com",
                                                    "ceo@english.example.com"]  # fmt: skip
    [chinese] = [m for m in mail.outbox if m.to == ["boss@meets.example.com"]]
    assert document.title in chinese.subject
    assert f"贵企业符合“{policy.title}”的申报条件" in chinese.body
    assert "符合：" in chinese.body and "营业收入 2,500万元，要求不低于 2,000万元" in chinese.body
    assert "（第五条（一））" in chinese.body
    [in_english] = [m for m in mail.outbox if m.to == ["ceo@english.example.com"]]
    assert "Your enterprise meets the conditions of" in in_english.body
    assert f"Met: Revenue {LAST_YEAR} ¥30,000,000, required at least ¥20,000,000 (" in (
        in_english.body
    )

    # Matching again, or publishing the document again, sends nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        services.rematch()
        publish_object(document)
    assert len(mail.outbox) == 2
    assert Delivery.objects.filter(user=meets.account.user).count() == 1
    assert Delivery.objects.filter(user=english.account.user).count() == 1

    for secret in ("boss@meets.example.com", "ceo@english.example.com", meets.name, meets.uscc):
        assert secret not in caplog.text


def test_a_policy_on_a_draft_document_is_mailed_when_the_document_is_published(
    django_capture_on_commit_callbacks,
):
    _subscribed_enterprise("boss@meets.example.com", revenue=2500)
    with django_capture_on_commit_callbacks(execute=True):
        document = make_document(publish=False, title="关于支持软件企业研发的通知")
    policy = _write_policy(django_capture_on_commit_callbacks, document)
    assert policy.match.met_count == 1
    assert mail.outbox == []  # the document is not public yet

    with django_capture_on_commit_callbacks(execute=True):
        publish_object(document)

    [message] = mail.outbox
    assert message.to == ["boss@meets.example.com"]
    assert f"贵企业符合“{policy.title}”的申报条件" in message.body


def test_publishing_a_document_without_policies_matches_nothing(
    django_capture_on_commit_callbacks,
):
    make_enterprise(revenue=2500)
    with django_capture_on_commit_callbacks(execute=True):
        document = make_document()
    assert services.announce_document(document.pk) == 0
    assert not SupportPolicy.objects.exists()


def test_a_webhook_for_policies_i_match_carries_the_reasons_condition_by_condition(
    django_capture_on_commit_callbacks, webhook_server
):
    account = make_account(email="boss@hook.example.com", kind="enterprise")
    url = f"http://127.0.0.1:{webhook_server.server_port}/hook"
    subscriptions.set_webhook(user=account.user, url=url)
    subscriptions.subscribe(user=account.user, criterion=Criterion.MATCHED, channel="webhook")
    make_enterprise(account=account, revenue=2500)
    with django_capture_on_commit_callbacks(execute=True):
        document = make_document(title="关于支持软件企业研发的通知")
    policy = _write_policy(django_capture_on_commit_callbacks, document)

    [(_headers, body)] = subscription_tests._Receiver.received
    [entry] = json.loads(body)["documents"]
    assert entry["id"] == document.pk
    [reason] = entry["reasons"]
    assert reason["policy"] == policy.pk and reason["title"] == policy.title
    assert reason["conditions"] == [
        {
            "state": "met",
            "state_label": "符合",
            "text": f"{LAST_YEAR}年营业收入 2,500万元，要求不低于 2,000万元",
            "clause": "第五条（一）",
        },
        {
            "state": "met",
            "state_label": "符合",
            "text": "所属行业 C3911，属于 C39",
            "clause": "第三条",
        },
    ]
    assert Delivery.objects.get(user=account.user).state == DeliveryState.SENT
