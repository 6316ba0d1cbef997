"""The client's address, as every rate limit and lock-out counts it."""


def client_address(request) -> str:
    """REMOTE_ADDR, never a forwarded header read here.

    Behind a reverse proxy, `gongkai serve --trusted-proxy` (GONGKAI_TRUSTED_PROXY) has waitress
    set REMOTE_ADDR from the proxy's X-Forwarded-For, and only for requests that come from that
    proxy; reading the header again here would let any client choose its own address.
    """
    return request.META.get("REMOTE_ADDR", "")
