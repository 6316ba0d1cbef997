"""Rate limit of public request submissions per client address (gongkai.core.ratelimit).

``DISCLOSURE_SUBMIT_LIMIT`` submissions per ``DISCLOSURE_SUBMIT_WINDOW`` seconds from one
address (defaults 5 per 600 s); 0 turns the check off (benchmarks). Staff registrations and the
staff API are never limited.
"""

from gongkai.core.ratelimit import RateLimit

SUBMISSIONS = RateLimit("disclosure_submit", 5, 600)
