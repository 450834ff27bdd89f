"""Talk to one WordPress site as its administrator would: installer, log-in, REST API, admin form.

Requests go to 127.0.0.1 with the site's name in the Host header (names under .localhost
need not resolve). REST calls use cookie authentication with the `wp_rest` nonce, and the
`?rest_route=` form, which works whatever the site's permalinks.
"""

from __future__ import annotations

import re
import time
from types import TracebackType
from typing import Any

import httpx

from sandbox.wordpress.errors import WordPressError

TIMEOUT = 60.0  # seconds for one request at most (an install creates every table)
_NONCE_FIELD = re.compile(r'name="_wpnonce" value="([0-9a-f]+)"')


class SiteClient:
    """An HTTP client for the site served as `host` on 127.0.0.1:`port`.

    Every request must end before `deadline` (a `time.monotonic()` value): past it, the
    next one raises `WordPressError` instead of being sent.
    """

    def __init__(self, *, host: str, port: int, deadline: float) -> None:
        self.host = host
        self.deadline = deadline
        self.origin = f"http://{host}:{port}"
        self._http = httpx.Client(
            base_url=f"http://127.0.0.1:{port}",
            headers={"Host": f"{host}:{port}"},
            timeout=TIMEOUT,
            follow_redirects=False,
        )
        self._nonce = ""

    def __enter__(self) -> SiteClient:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    def _send(self, method: str, path: str, **options: Any) -> httpx.Response:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise WordPressError(f"{self.host}: not filled in the time the tier has to start")
        try:
            return self._http.request(method, path, timeout=min(TIMEOUT, left), **options)
        except httpx.HTTPError as error:
            raise WordPressError(f"{self.host}: {method} {path}: {error!r}") from error

    def _failed(self, what: str, response: httpx.Response) -> WordPressError:
        body = response.text[:600].strip()
        return WordPressError(f"{self.host}: {what} answered {response.status_code}: {body}")

    def install(self, *, title: str, user: str, password: str, email: str, language: str) -> None:
        """Run WordPress's installer (wp-admin/install.php, step 2) as a person would."""
        form = {
            "weblog_title": title,
            "user_name": user,
            "admin_password": password,
            "admin_password2": password,
            "pw_weak": "1",
            "admin_email": email,
            "blog_public": "1",  # search engines welcome: robots.txt and sitemaps are served
            "language": language,
        }
        response = self._send("POST", "/wp-admin/install.php", params={"step": "2"}, data=form)
        if response.status_code != 200 or "install-success" not in response.text:
            raise self._failed("the installer", response)

    def log_in(self, *, user: str, password: str) -> None:
        """Log in through wp-login.php, then fetch the REST nonce of the session."""
        self._http.cookies.set("wordpress_test_cookie", "WP%20Cookie%20check")
        form = {"log": user, "pwd": password, "wp-submit": "Log In", "testcookie": "1"}
        response = self._send("POST", "/wp-login.php", data=form)
        if response.status_code != 302:
            raise self._failed("log-in", response)
        nonce = self._send("GET", "/wp-admin/admin-ajax.php", params={"action": "rest-nonce"})
        if nonce.status_code != 200 or not nonce.text.isalnum():
            raise self._failed("the REST nonce", nonce)
        self._nonce = nonce.text

    def rest(
        self,
        method: str,
        route: str,
        *,
        json: Any = None,
        params: dict[str, str] | None = None,
        content: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> Any:
        """One REST API call; its decoded JSON answer, or `WordPressError`."""
        response = self._send(
            method,
            "/",
            params={"rest_route": route, **(params or {})},
            json=json,
            content=content,
            headers={"X-WP-Nonce": self._nonce, **(headers or {})},
        )
        if response.status_code >= 300:
            raise self._failed(f"{method} {route}", response)
        return response.json()

    def batch(self, requests: list[dict[str, Any]]) -> list[Any]:
        """Several REST writes in one call (/batch/v1, at most 25); their answers' bodies."""
        answer = self.rest("POST", "/batch/v1", json={"requests": requests})
        bodies = []
        for request, response in zip(requests, answer["responses"], strict=True):
            if response["status"] >= 300:
                raise WordPressError(f"{self.host}: batch {request['path']}: {response['body']}")
            bodies.append(response["body"])
        return bodies

    def upload(self, *, filename: str, body: bytes, content_type: str, post: int | None) -> Any:
        """Put a file in the media library, attached to `post` when given; its media object."""
        params = {"post": str(post)} if post else {}
        return self.rest(
            "POST",
            "/wp/v2/media",
            params=params,
            content=body,
            headers={
                "Content-Type": content_type,
                "Content-Disposition": f'attachment; filename="{filename}"',
            },
        )

    def set_permalinks(self, structure: str) -> None:
        """Choose the permalink structure on Settings > Permalinks ('' for plain ?p=N links)."""
        page = self._send("GET", "/wp-admin/options-permalink.php")
        found = _NONCE_FIELD.search(page.text)
        if page.status_code != 200 or not found:
            raise self._failed("the permalink settings", page)
        form = {
            "_wpnonce": found.group(1),
            "_wp_http_referer": "/wp-admin/options-permalink.php",
            "selection": "custom" if structure else "",
            "permalink_structure": structure,
            "category_base": "",
            "tag_base": "",
            "submit": "Lưu thay đổi",
        }
        response = self._send("POST", "/wp-admin/options-permalink.php", data=form)
        if response.status_code != 302:
            raise self._failed("saving the permalinks", response)
