"""Signals of 政策通 for other apps (subscriptions deliver "new policies I match" from them).

``policy_matched(sender=SupportPolicy, enterprise, policy_ids, document_ids)``
    Sent after a re-match committed, once per enterprise that newly meets one or more support
    policies (it did not meet them at the previous match): ``policy_ids`` are those policies,
    ``document_ids`` the library documents they rest on (policies without a document are left
    out of it). An enterprise is told about a policy once, until it stops meeting it, and
    again when the policy's document is published (it may have been a draft before).
"""

from django.dispatch import Signal

policy_matched = Signal()
