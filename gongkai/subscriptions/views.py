"""Subscription pages of a public account (/subscriptions/), the one-click unsubscribe
(RFC 8058) and the private feed. Views are thin: the services write."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from gongkai.accounts.views import public_account_required
from gongkai.core.siteurl import site_base_url
from gongkai.subscriptions import selectors, services
from gongkai.subscriptions.feeds import PrivateFeed
from gongkai.subscriptions.forms import SubscriptionForm, WebhookForm
from gongkai.subscriptions.models import Subscription


def _page(request, *, form=None, webhook_form=None, status=200):
    subscriber = services.subscriber_of(request.user)
    feed_url = site_base_url(request) + reverse("subscriptions:feed", args=[subscriber.feed_key])
    context = {
        "form": form or SubscriptionForm(),
        "webhook_form": webhook_form
        or WebhookForm(initial={"webhook_url": subscriber.webhook_url}),
        "subscriber": subscriber,
        "subscriptions": selectors.subscriptions_of(request.user),
        "deliveries": selectors.deliveries_of(request.user),
        "feed_url": feed_url,
    }
    return render(request, "subscriptions/manage.html", context, status=status)


@public_account_required
def manage(request):
    if request.method != "POST":
        return _page(request)
    form = SubscriptionForm(request.POST)
    if form.is_valid():
        try:
            services.subscribe(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("订阅已保存。"))
            return redirect("subscriptions:manage")
    return _page(request, form=form, status=400)


@public_account_required
@require_POST
def remove(request, pk):
    subscription = get_object_or_404(Subscription, pk=pk, user=request.user)
    services.unsubscribe(user=request.user, subscription_ids=[subscription.pk])
    messages.success(request, _("已取消该订阅。"))
    return redirect("subscriptions:manage")


@public_account_required
@require_POST
def renew_feed(request):
    services.renew_feed_key(user=request.user)
    messages.success(request, _("订阅源地址已更换，旧地址不再可用。"))
    return redirect("subscriptions:manage")


@public_account_required
@require_POST
def webhook(request):
    form = WebhookForm(request.POST)
    if form.is_valid():
        try:
            services.set_webhook(user=request.user, url=form.cleaned_data["webhook_url"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Webhook 地址已保存。"))
            return redirect("subscriptions:manage")
    return _page(request, webhook_form=form, status=400)


@public_account_required
@require_POST
def renew_secret(request):
    services.renew_webhook_secret(user=request.user)
    messages.success(request, _("Webhook 签名密钥已更换。"))
    return redirect("subscriptions:manage")


@never_cache
@csrf_exempt  # RFC 8058: mail programs POST "List-Unsubscribe=One-Click" without a token
def unsubscribe(request, token):
    """GET asks for confirmation (a link scanner must not unsubscribe anyone); POST
    unsubscribes, and again is harmless."""
    if services.read_unsubscribe_token(token) is None:
        return render(request, "subscriptions/unsubscribe.html", {"invalid": True}, status=400)
    if request.method == "POST":
        services.unsubscribe_by_token(token)
        return render(request, "subscriptions/unsubscribe.html", {"done": True})
    return render(request, "subscriptions/unsubscribe.html", {})


feed = never_cache(PrivateFeed())
