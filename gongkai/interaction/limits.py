"""Rate limits of the public message forms and the suggestions, per address and per account."""

from gongkai.core.ratelimit import RateLimit

MESSAGE = RateLimit("interaction_message", 10, 3600)
RATING = RateLimit("interaction_rating", 30, 3600)
SUGGEST = RateLimit("interaction_suggest", 60, 60)
