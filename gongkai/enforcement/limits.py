"""Rate limit of the public feedback form, per client address."""

from gongkai.core.ratelimit import RateLimit

FEEDBACK = RateLimit("enforcement_feedback", 10, 3600)
