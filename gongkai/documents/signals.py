"""Signals other apps listen to."""

from django.dispatch import Signal

# Sent with ``document`` (as it is now), ``before`` (its former validity) and ``user`` when a
# document's 有效性 changes (废止, 修订, 失效, or back in force), inside the transaction that
# changes it, so that records resting on the document follow at once (service guides, and the
# policy answers flagged for review).
validity_changed = Signal()
