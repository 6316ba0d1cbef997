"""Rate limits per client address (gongkai.core.ratelimit): public request submissions, and
lookups of a request by tracking number and contact (``DISCLOSURE_LOOKUP_LIMIT`` per
``DISCLOSURE_LOOKUP_WINDOW`` seconds, 10 per 600 s; every attempt counts, found or not, so the
lookup cannot be used to try phone numbers against a tracking number).

``DISCLOSURE_SUBMIT_LIMIT`` submissions per ``DISCLOSURE_SUBMIT_WINDOW`` seconds from one
address (defaults 5 per 600 s); 0 turns the check off (benchmarks). Staff registrations and the
staff API are never limited.
"""

from gongkai.core.ratelimit import RateLimit

SUBMISSIONS = RateLimit("disclosure_submit", 5, 600)
LOOKUPS = RateLimit("disclosure_lookup", 10, 600)
