"""`/docs`: Swagger UI under a Content-Security-Policy.

Swagger UI still loads its bundle from a CDN (serving it ourselves is the client-contract issue's
business), so the policy lets in that one release's directory of the CDN for scripts and styles,
and otherwise only the page's own inline script (it carries the whole OpenAPI document) and
stylesheet, each by its hash. The page itself is what the policy is computed from, so they can
never disagree; it is computed per answer (a hash of the page, about 1 ms) rather than kept,
since the page depends on the app it is served by.
"""

import base64
import hashlib
import re

from litestar import Response, Router
from litestar.openapi.plugins import SwaggerRenderPlugin

_INLINE_SCRIPT = re.compile(rb"<script type='text/javascript'>(.*?)</script>", re.DOTALL)
_INLINE_STYLE = re.compile(rb"<style>(.*?)</style>", re.DOTALL)


def _hashes(pattern: re.Pattern[bytes], page: bytes) -> str:
    return " ".join(
        f"'sha256-{base64.b64encode(hashlib.sha256(found).digest()).decode()}'"
        for found in pattern.findall(page)
    )


class DocsPage(SwaggerRenderPlugin):
    def __init__(self) -> None:
        # No favicon: Litestar's comes from the CDN too, and an icon is not worth an image source.
        super().__init__(path="/", favicon="")
        # The release's directory, not the CDN's origin: the CDN serves every package on npm.
        self.bundle_source = self.js_url.rsplit("/", 1)[0] + "/"

    def policy_for(self, page: bytes) -> str:
        return (
            "default-src 'none'; "
            f"script-src {self.bundle_source} {_hashes(_INLINE_SCRIPT, page)}; "
            f"style-src {self.bundle_source} {_hashes(_INLINE_STYLE, page)}; "
            # Swagger UI draws its icons from data: URIs, and "Try it out" calls this API.
            "img-src 'self' data:; connect-src 'self'; "
            "form-action 'none'; frame-ancestors 'none'; base-uri 'none'"
        )

    def receive_router(self, router: Router) -> None:
        async def with_policy(response: Response[bytes]) -> Response[bytes]:
            if response.media_type == self.media_type and isinstance(response.content, bytes):
                response.headers["Content-Security-Policy"] = self.policy_for(response.content)
            return response

        router.after_request = with_policy
