"""`/docs`: Swagger UI from our own origin, under a Content-Security-Policy that names no other.

Swagger UI's files come from the `swagger-ui-bundle-v2` wheel (Swagger UI 5, which reads OpenAPI
3.1), so `/docs` works on a machine with no internet, and no CDN sees who reads the docs. They
are served under a path that names their release, so a browser may keep them for a year: a new
release is a new path.

The policy lets in scripts and styles of this origin and otherwise only the page's own inline
script (it carries the whole OpenAPI document) and stylesheet, each by its hash. The page itself
is what the policy is computed from, so they can never disagree; it is computed per answer (a
hash of the page, about 1 ms) rather than kept, since the page depends on the app it is served by.
"""

import base64
import hashlib
import re
from functools import cache
from pathlib import Path

from litestar import Response, Router, get
from litestar.openapi.plugins import SwaggerRenderPlugin
from litestar.params import FromPath
from swagger_ui_bundle import swagger_ui_path

from dealreg.errors import NotFound

_INLINE_SCRIPT = re.compile(rb"<script type='text/javascript'>(.*?)</script>", re.DOTALL)
_INLINE_STYLE = re.compile(rb"<style>(.*?)</style>", re.DOTALL)

_BUNDLE = Path(str(swagger_ui_path))
# `/docs/assets/swagger-ui-5.31.0`: the release is in the path.
ASSETS_PATH = f"/docs/assets/{_BUNDLE.name}"
# The files the page loads, and their types (with `nosniff`, a script must say it is one;
# Litestar adds the charset to the text ones).
ASSETS = {
    "swagger-ui-bundle.js": "text/javascript",
    "swagger-ui-standalone-preset.js": "text/javascript",
    "swagger-ui.css": "text/css",
    "favicon-32x32.png": "image/png",
}
_IMMUTABLE = "public, max-age=31536000, immutable"


def _hashes(pattern: re.Pattern[bytes], page: bytes) -> str:
    return " ".join(
        f"'sha256-{base64.b64encode(hashlib.sha256(found).digest()).decode()}'"
        for found in pattern.findall(page)
    )


@cache
def _asset(name: str) -> bytes:
    return (_BUNDLE / name).read_bytes()


@get(f"{ASSETS_PATH}/{{name:str}}", include_in_schema=False, opt={"public": True})
async def docs_asset(name: FromPath[str]) -> Response[bytes]:
    """One of Swagger UI's files, from the installed wheel."""
    media_type = ASSETS.get(name)
    if media_type is None:
        raise NotFound("The docs have no such file.")
    return Response(_asset(name), media_type=media_type, headers={"Cache-Control": _IMMUTABLE})


class DocsPage(SwaggerRenderPlugin):
    def __init__(self) -> None:
        super().__init__(
            path="/",
            js_url=f"{ASSETS_PATH}/swagger-ui-bundle.js",
            css_url=f"{ASSETS_PATH}/swagger-ui.css",
            standalone_preset_js_url=f"{ASSETS_PATH}/swagger-ui-standalone-preset.js",
            favicon=f'<link rel="icon" type="image/png" href="{ASSETS_PATH}/favicon-32x32.png">',
        )

    def policy_for(self, page: bytes) -> str:
        return (
            "default-src 'none'; "
            f"script-src 'self' {_hashes(_INLINE_SCRIPT, page)}; "
            f"style-src 'self' {_hashes(_INLINE_STYLE, page)}; "
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
