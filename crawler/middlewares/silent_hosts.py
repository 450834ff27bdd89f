"""Downloader middleware: a host whose robots.txt did not answer is not asked again.

robots.txt is the first request to every host. When it times out (it is not retried at
once, `crawler.middlewares.transient_retry`), the server is not answering: asking it for
the start page as well cost another timeout on every try (15 s × 3, at the tail of every
run with a dead site). Like search engines, which
pause a site whose robots.txt is unreachable, the crawl takes that as the host's answer for
this run: its other requests fail at once, as timeouts, with a detail saying why. Only
timeouts count; a robots.txt that answers with an error or is missing allows the crawl.

A request tried once more late in the crawl (`late` meta) gets one more chance: its host's
robots.txt is asked for again (`crawler.middlewares.robots_again`), once, without retries
and as patiently as the late request itself (the budget's late timeout); if it answers, the
host is no longer silent; if it times out again, the late request fails at once like the
others.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Self

from scrapy.exceptions import DownloadTimeoutError
from scrapy.utils.httpobj import urlparse_cached

from crawler.failures import classify_exception
from crawler.model import FailureKind

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response

__all__ = ["SilentHosts", "is_robots_txt"]


def is_robots_txt(request: Request) -> bool:
    """The request is Scrapy's own for a host's robots.txt."""
    robots = bool(request.meta.get("dont_obey_robotstxt"))  # set on robots.txt requests
    return robots and urlparse_cached(request).path == "/robots.txt"


class SilentHosts:
    """Fails requests to hosts whose robots.txt timed out on every try, without sending them.

    Sits below the retry middleware, so its `process_exception` sees a failure only once
    the retries are spent.
    """

    def __init__(self, *, late_timeout: float) -> None:
        self.late_timeout = late_timeout
        self.silent: dict[str, str] = {}  # netloc -> why it is not asked again
        self.silent_again: set[str] = set()  # its robots.txt, asked again, timed out again

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        timeout = crawler.settings.getfloat("DOWNLOAD_TIMEOUT")
        return cls(late_timeout=crawler.settings.getfloat("QMSAUDIT_LATE_TIMEOUT", 2 * timeout))

    def process_request(self, request: Request) -> None:
        netloc = urlparse_cached(request).netloc
        why = self.silent.get(netloc)
        if why is None:
            return
        if is_robots_txt(request):  # asked again for a late request: one patient try
            request.meta.update(dont_retry=True, download_timeout=self.late_timeout)
            return
        if request.meta.get("late") and netloc not in self.silent_again:
            return
        request.meta["dont_retry"] = True
        raise DownloadTimeoutError(why)

    def process_response(self, request: Request, response: Response) -> Response:
        if is_robots_txt(request):
            self.silent.pop(urlparse_cached(request).netloc, None)  # the host answers now
        return response

    def process_exception(self, request: Request, exception: Exception) -> None:
        if not is_robots_txt(request):
            return
        kind, detail = classify_exception(exception)
        if kind is FailureKind.TIMEOUT:
            netloc = urlparse_cached(request).netloc
            if netloc in self.silent:
                self.silent_again.add(netloc)
            tries = int(request.meta.get("retry_times", 0)) + 1
            self.silent[netloc] = (
                f"robots.txt did not answer ({detail}; {tries} {'try' if tries == 1 else 'tries'}):"
                " the host was not asked again in this crawl"
            )
