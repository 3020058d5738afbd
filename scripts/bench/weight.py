"""The weight of each page's first view: its HTML and everything the HTML and its CSS
reference, as sent on the wire to a browser (``Accept-Encoding: gzip, br``)."""

import gzip
import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from .server import fetch

ACCEPT = {"Accept-Encoding": "gzip, br"}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)""")
LINK_RELS = {"stylesheet", "icon", "apple-touch-icon", "preload", "modulepreload"}


class AssetParser(HTMLParser):
    """The stylesheets, icons, scripts and images a page references."""

    def __init__(self):
        super().__init__()
        self.assets = []

    def handle_starttag(self, tag, attrs):
        attrs = {k: (v or "") for k, v in attrs}
        rel = set(attrs.get("rel", "").lower().split())
        if tag == "link" and rel & LINK_RELS:
            kind = "css" if "stylesheet" in rel else "icon" if "icon" in rel else "preload"
            self.add(kind, attrs.get("href"))
        elif tag == "script":
            self.add("js", attrs.get("src"))
        elif tag == "img" or (tag == "input" and attrs.get("type") == "image"):
            self.add("img", attrs.get("src"))

    def add(self, kind, url):
        if url and not url.startswith("data:"):
            self.assets.append((kind, url))


def resources(port, url, html):
    """Every resource the page loads, fetched as a browser would (each once)."""
    parser = AssetParser()
    parser.feed(html.decode("utf-8", "replace"))
    queue = [(kind, urljoin(url, ref)) for kind, ref in parser.assets]
    found, seen = [], set()
    while queue:
        kind, ref = queue.pop(0)
        parts = urlsplit(ref)
        if parts.netloc and parts.netloc not in (f"127.0.0.1:{port}", f"localhost:{port}"):
            found.append({"kind": kind, "url": ref, "status": None, "note": "other site"})
            continue
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if path in seen:
            continue
        seen.add(path)
        status, headers, body, header_bytes = fetch(port, path, headers=ACCEPT)
        found.append(
            {
                "kind": kind,
                "url": path,
                "status": status,
                "encoding": headers.get("Content-Encoding", "identity"),
                "body_bytes": len(body),
                "header_bytes": header_bytes,
            }
        )
        if kind == "css" and status == 200:  # fonts and images the stylesheet pulls in
            css = fetch(port, path)[2].decode("utf-8", "replace")
            refs = [r for r in CSS_URL.findall(css) if not r.startswith(("data:", "#"))]
            queue += [("css-url", urljoin(path, r)) for r in refs]
    return found


def page_weight(port, pages):
    results = []
    for name, url in pages:
        status, headers, body, header_bytes = fetch(port, url, headers=ACCEPT)
        html = fetch(port, url)[2]  # the markup, to find what it references
        loaded = resources(port, url, html)
        body_bytes = len(body) + sum(r.get("body_bytes", 0) for r in loaded)
        results.append(
            {
                "page": name,
                "url": url,
                "status": status,
                "html_encoding": headers.get("Content-Encoding", "identity"),
                "html_bytes": len(body),
                "html_identity_bytes": len(html),
                "html_gzip9_bytes": len(gzip.compress(html, 9)),
                "requests": 1 + len(loaded),
                "wire_bytes": body_bytes
                + header_bytes
                + sum(r.get("header_bytes", 0) for r in loaded),
                "resources": loaded,
            }
        )
    return results
