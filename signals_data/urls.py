"""URL normalization: one form per story, whatever tracking parameters or host form a copy had."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

TRACKING_PREFIXES = ("utm_",)
# Share, newsletter and portal tags seen on copied links (ocid: news portals; smid, cmpid:
# publishers' share buttons; the others: ad and social clicks).
TRACKING_PARAMS = {
    "fbclid", "gclid", "dclid", "msclkid", "yclid", "twclid", "igshid", "mc_cid", "mc_eid",
    "ocid", "cmpid", "smid", "sref", "mkt_tok", "ref", "ref_src", "source", "s",
}  # fmt: skip
# On Semafor's own article paths the path is the story: any query is how it was shared.
_PATH_IS_STORY = ("semafor.com", "/article/")


# A web archive's copy of a page, or an annotation proxy's (Hypothesis's "via"): the page is the
# address inside it.
_ARCHIVED = re.compile(
    r"^(?:https?://)?(?:(?:web\.)?archive\.org/web/\d{1,14}[a-z_]*/|via\.hypothes\.is/)"
    r"(?P<url>.+)$",
    re.I,
)


# A reader proxy's address around the page's, whole, in its path: "12ft.io/https://www.…",
# "r.jina.ai/https://…", "archive.ph/newest/https://…".
_WRAPPED_IN_PATH = re.compile(
    r"^(?:https?://)?[^/\s]+/(?:[^\s?#]*/)?(?P<url>https?://[^/\s].*)$", re.I
)


# Google Translate's proxy of a page: the page's host spelled with dashes
# ("www-semafor-com.translate.goog", a dash in the name doubled) and its own parameters.
_TRANSLATE_PROXY = ".translate.goog"
_TRANSLATE_PARAMS = re.compile(r"(?:^|&)_x_tr_\w+=[^&]*")


def _proxied_host(host: str) -> str:
    name = host.removesuffix(_TRANSLATE_PROXY)
    return name.replace("--", "\0").replace("-", ".").replace("\0", "-")


def normalize_url(url: str) -> str:
    """https, host without ``www.``, no tracking parameters, no fragment, no trailing slash; a
    web archive's copy is the page it archives."""
    url = url.strip()
    if ("archive.org/web/" in url or "via.hypothes.is/" in url) and (
        archived := _ARCHIVED.match(url)
    ):
        url = archived["url"]
    elif url.count("://") > 1 and (wrapped := _WRAPPED_IN_PATH.match(url)):
        url = wrapped["url"]
    if "://" not in url:
        url = "https://" + url.lstrip("/")
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if host.endswith(_TRANSLATE_PROXY):
        host = _proxied_host(host)
        parts = parts._replace(query=_TRANSLATE_PARAMS.sub("", parts.query))
    host = host.removeprefix("www.")
    if parts.port and parts.port not in (80, 443):
        host = f"{host}:{parts.port}"
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith(TRACKING_PREFIXES) and k.lower() not in TRACKING_PARAMS
    ]
    if host == _PATH_IS_STORY[0] and parts.path.startswith(_PATH_IS_STORY[1]):
        query = []
    scheme = "https" if parts.scheme in ("http", "https") else parts.scheme
    path = parts.path.rstrip("/") or ""
    return urlunsplit((scheme, host, path, urlencode(query), ""))
