"""One spelling per article URL, so the same article is recognised however it was shared."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from bot.articles.errors import FetchRefused

# Parameters that say who shared a link or which campaign it came from, never which page it is.
_TRACKING_NAMES = frozenset({
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "igshid",
    "mc_cid", "mc_eid", "ref", "ref_src", "ref_url", "referrer", "source", "src", "cmpid",
    "s_cid", "icid", "ncid", "ito", "_hsenc", "_hsmi", "mkt_tok", "oly_anon_id", "oly_enc_id",
    "vero_id", "wt.mc_id", "share", "sharetype", "smid", "soc_src", "soc_trk", "cmp",
    "at_medium", "at_campaign", "at_custom1", "guccounter", "guce_referrer", "guce_referrer_sig",
    "amp", "outputtype", "spm", "si", "feature", "taid", "traffic_source", "sref", "xtor",
})  # fmt: skip
_TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hsa_", "__hs", "at_", "itm_", "trk_")
_DEFAULT_PORTS = {"http": 80, "https": 443}


class UnreadableLink(FetchRefused, ValueError):
    """A link that can't be taken apart: a port past 65535, a broken [IPv6] host. Also a
    ValueError, which is what urllib raises for these."""


def normalise_url(url: str) -> str:
    """The canonical spelling of an article URL.

    https whatever the scheme said, lowercase host without "www." kept as is, default port
    dropped, tracking parameters (utm_*, fbclid, gclid, mc_cid, ref, ...) and the fragment
    dropped, remaining parameters sorted, and no trailing slash on the path. A link that
    can't be read raises UnreadableLink, whose text a member can act on.
    """
    raw = url.strip()
    if not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", raw):
        raw = "https://" + raw.lstrip("/")
    try:
        parts = urlsplit(raw)
        port = parts.port
    except ValueError:
        raise UnreadableLink(
            "That link can't be read: its port or address is malformed (ports go up to 65535). "
            "Check the link and try again."
        ) from None
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").rstrip(".")
    if scheme in _DEFAULT_PORTS:
        if port == _DEFAULT_PORTS[scheme]:
            port = None
        scheme = "https"  # the same page is served over both; http is only the older link
    netloc = f"[{host}]" if ":" in host else host
    if port is not None:
        netloc += f":{port}"
    query = [
        (name, value)
        for name, value in parse_qsl(parts.query, keep_blank_values=True)
        if not _is_tracking(name)
    ]
    path = re.sub(r"/{2,}", "/", parts.path).rstrip("/")
    return urlunsplit((scheme, netloc, path, urlencode(sorted(query)), ""))


def _is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in _TRACKING_NAMES or lowered.startswith(_TRACKING_PREFIXES)
