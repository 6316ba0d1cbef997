"""Signals other apps listen to."""

from django.dispatch import Signal

# Sent with ``year`` when a holiday arrangement is entered or changed, so that apps holding
# provisional deadlines recompute them.
holiday_arrangement_changed = Signal()
