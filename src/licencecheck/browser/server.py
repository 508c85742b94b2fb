"""A loopback HTTP server for one folder, for the length of a render run.

It listens on 127.0.0.1 at a free port, so that a page's root-relative assets and fetch calls
work as on its site. It serves regular files inside the folder only (after links, `..` and
`.`; no hidden file or folder such as .git or .env, but for .well-known), lists no folder,
logs nothing, and records every file it serves as an input of the run (so that no output may
replace it).
"""

from __future__ import annotations

import os
import stat
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

_TYPES = {
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".css": "text/css",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".wasm": "application/wasm",
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
}


class _Handler(SimpleHTTPRequestHandler):
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, **_TYPES}  # noqa: RUF012 - as the base class has it

    refused = False

    def translate_path(self, path: str) -> str:
        """The file a URL names; a path outside the folder, hidden (.git, .env), not a regular file
        (a FIFO would hang a thread) or a folder is refused (404, see `send_head`)."""
        from licencecheck.inputs import INPUTS

        wanted = os.path.realpath(super().translate_path(path))
        root = os.path.realpath(self.directory)
        self.refused = True
        if wanted != root and not wanted.startswith(root + os.sep):
            return root
        if any(part.startswith(".") and part != ".well-known" for part in Path(wanted).relative_to(root).parts):
            return root  # .git, .env and other hidden files are no page's assets
        try:
            status = os.stat(wanted)
        except OSError:
            return root
        if not stat.S_ISREG(status.st_mode):
            return root
        self.refused = False
        INPUTS.record(Path(wanted), status)
        return wanted

    def send_head(self) -> Any:
        """404 for a refused path, whatever lies at any stand-in name."""
        self.refused = True
        self.translate_path(self.path)
        if self.refused:
            self.send_error(404, "Not found")
            return None
        return super().send_head()

    def list_directory(self, path: str | os.PathLike[str]) -> None:
        self.send_error(404, "Not found")

    def log_message(self, format: str, *args: Any) -> None:
        return None


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve `folder` on loopback; yields the origin (http://127.0.0.1:PORT), stops at exit."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Handler, directory=str(folder)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="licencecheck-pages", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
