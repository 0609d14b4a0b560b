"""The Content-Security-Policy our pages are tested under (served over http).

Scripts may come only from the site itself, plus the page's own inline bootstrap
scripts (the builder's), each allowed by its SHA-256 hash. Inline event handlers,
`javascript:` URLs, eval and scripts from anywhere else are refused by the browser, and
nothing may be loaded from outside the site. (Not shipped as a <meta> tag: from a folder,
the search worker shim runs an inline script whose text depends on where the folder is.)
"""

from __future__ import annotations

import base64
import hashlib
import re

_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.S)
_DATA_TYPE = re.compile(r"""\btype=["']?application/(?:ld\+)?json""")

POLICY = (
    "default-src 'self'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
    "worker-src 'self' blob:; frame-src 'self' blob: data:; object-src 'none'; base-uri 'none'; "
    "form-action 'none'"
)


def policy_for(html: str) -> str:
    """The policy for one page: its inline scripts (not JSON data islands) by hash."""
    hashes = []
    for attrs, body in _INLINE_SCRIPT.findall(html):
        if _DATA_TYPE.search(attrs):
            continue
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
        token = f"'sha256-{digest}'"
        if token not in hashes:
            hashes.append(token)
    return POLICY.format(hashes=" ".join(hashes)).replace("  ", " ")
