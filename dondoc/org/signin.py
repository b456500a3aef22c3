"""Sign-in helpers."""

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    """The person's address as the trusted proxies saw it (for the sign-in lockout).

    With DONDOC_PROXY_COUNT = N trusted proxies in front of dondoc, the N-th
    address from the right of X-Forwarded-For is the one our outermost proxy
    appended; anything to its left was sent by the client and could be forged.
    Without proxies, or without the header, it is the connection's address.
    """
    count = settings.DONDOC_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    if count > 0 and len(hops) >= count:
        return hops[-count]
    return request.META.get("REMOTE_ADDR")
