"""Serve the built book over HTTP as a static host does: text files gzip-compressed for browsers
that accept it. ``python -m bench.serve [--port 8000] [--bind 127.0.0.1] [--directory DIR]``."""

from __future__ import annotations

import argparse
import email.utils
import functools
import gzip
import http.server
import io
import os
from pathlib import Path

#: Suffixes of the files sent compressed (text); pictures and fonts are compressed already.
COMPRESSED = {".html", ".js", ".css", ".json", ".svg", ".txt", ".csv", ".xml", ".map"}


@functools.lru_cache(maxsize=256)
def _gzipped(path: str, stamp: float) -> bytes:
    return gzip.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """A static file handler that sends text files gzip-compressed when the browser accepts it."""

    def send_head(self) -> io.BytesIO | object | None:
        path = self.translate_path(self.path)
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and os.path.isfile(path) and Path(path).suffix in COMPRESSED):
            return super().send_head()
        stamp = os.path.getmtime(path)
        body = _gzipped(path, stamp)
        self.send_response(http.HTTPStatus.OK)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Last-Modified", email.utils.formatdate(stamp, usegmt=True))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        if os.environ.get("BENCH_SERVE_QUIET") != "1":
            super().log_message(format, *args)


def main() -> None:
    """Serve a folder until interrupted."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--bind", default="127.0.0.1")
    parser.add_argument("--directory", default="_build/html")
    options = parser.parse_args()
    handler = functools.partial(GzipHandler, directory=options.directory)
    with http.server.ThreadingHTTPServer((options.bind, options.port), handler) as server:
        print(f"Serving {options.directory} (gzip) on http://{options.bind}:{options.port}/")
        server.serve_forever()


if __name__ == "__main__":
    main()
