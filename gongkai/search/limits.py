"""Searches per client address (``SEARCH_RATE_LIMIT`` per ``SEARCH_RATE_WINDOW`` seconds,
default 120 a minute): every search reads the index, so one address cannot monopolise it.
Enough for an office behind one NAT address; 0 lifts the limit (benchmarks)."""

from gongkai.core.ratelimit import RateLimit

SEARCHES = RateLimit("search_rate", 120, 60)
