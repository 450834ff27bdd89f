"""Joomla: `com_content` articles, and a download component for files.

Without URL rewriting every page is `/index.php?option=com_…`; files are served by the
download component (Phoca Download `option=com_phocadownload…&download=N:…`, DOCman
`task=doc_download`, jDownloads `task=download.send`). Its search module posts a form.
"""

from __future__ import annotations

import re

from crawler.platforms.base import PlatformAdapter

__all__ = ["JoomlaAdapter"]


class JoomlaAdapter(PlatformAdapter):
    name = "joomla"
    generator = re.compile(r"joomla", re.I)
    path_cues = re.compile(r"index\.php\?(?:.*&)?option=com_\w+", re.I)
    download_handlers = (
        re.compile(r"option=com_phocadownload\b.*[?&]download=\d+", re.I),
        re.compile(r"option=com_docman\b.*task=doc_download", re.I),
        re.compile(r"option=com_jdownloads\b.*task=download", re.I),
    )
