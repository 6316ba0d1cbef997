"""Signals other apps listen to."""

from django.dispatch import Signal

# Sent with ``document`` and ``user`` when a document's 有效性 changes (废止, 修订, 失效, or back
# in force), inside the transaction that changes it, so that records resting on the document
# (service guides) follow at once.
validity_changed = Signal()
