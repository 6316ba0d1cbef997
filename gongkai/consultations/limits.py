"""Rate limit of the public comment form, per client address and per account."""

from gongkai.core.ratelimit import RateLimit

COMMENT = RateLimit("consultation_comment", 20, 3600)
REPORT = RateLimit("consultation_report", 30, 3600)
