"""Signals other apps send to 政策订阅.

``documents_matched`` (sent by the enterprise matching with ``user`` and ``document_ids``):
those published documents newly match the enterprise of ``user``; subscribers to "new
policies I match" (与我匹配的新政策) get them.
"""

from django.dispatch import Signal

documents_matched = Signal()
