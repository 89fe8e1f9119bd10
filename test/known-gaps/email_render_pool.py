"""Render a newsletter campaign with a tiny mustache-like template engine.

Templates support `{{ var }}`, `{{ var|upper }}` / `|title` / `|money` filters
and HTML escaping.  Compiled templates are cached by (name, locale).  The
campaign is split into batches that are rendered on a ThreadPoolExecutor.
"""
from __future__ import annotations

import html
import logging
import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Callable, Dict, List, Tuple, Union

log = logging.getLogger("render")

TOKEN = re.compile(r"{{\s*([a-z_]+)(?:\|([a-z]+))?\s*}}")
SUPPORTED_LOCALES = frozenset({"en", "de", "fr"})

FILTERS: Dict[str, Callable[[str], str]] = {}


def template_filter(name: str):
    def register(fn: Callable[[str], str]) -> Callable[[str], str]:
        FILTERS[name] = fn
        return fn
    return register


@template_filter("upper")
def _upper(value: str) -> str:
    return value.upper()


@template_filter("title")
def _title(value: str) -> str:
    return value.title()


@template_filter("money")
def _money(value: str) -> str:
    return f"{float(value):,.2f}"


Part = Union[str, Tuple[str, str]]


@dataclass
class CompiledTemplate:
    name: str
    parts: List[Part]

    def render(self, context: Dict[str, object]) -> str:
        out: List[str] = []
        for part in self.parts:
            if isinstance(part, str):
                out.append(part)
                continue
            var, filt = part
            value = str(context.get(var, ""))
            if filt:
                value = FILTERS[filt](value)
            out.append(html.escape(value))
        return "".join(out)


def compile_template(name: str, source: str) -> CompiledTemplate:
    parts: List[Part] = []
    pos = 0
    for m in TOKEN.finditer(source):
        parts.append(source[pos:m.start()])
        parts.append((m.group(1), m.group(2) or ""))
        pos = m.end()
    parts.append(source[pos:])
    return CompiledTemplate(name, [p for p in parts if p != ""])


class TemplateCache:
    def __init__(self, sources: Dict[Tuple[str, str], str]) -> None:
        self._sources = sources
        self._compiled: Dict[Tuple[str, str], CompiledTemplate] = {}
        self._lock = threading.Lock()
        self.compiles = 0

    def get(self, name: str, locale: str) -> CompiledTemplate:
        if locale not in SUPPORTED_LOCALES:  # ok: GIL003
            locale = "en"
        key = (name, locale)
        if key not in self._compiled:  # expect: GIL003
            time.sleep(0.002)  # sources live in the CMS; fetching one takes a round trip
            self._compiled[key] = compile_template(name, self._sources[key])
            with self._lock:
                self.compiles += 1  # ok: GIL002
        return self._compiled[key]


class RenderStats:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.rendered = 0
        self.bytes = 0

    def add(self, n: int, size: int) -> None:
        with self._lock:
            self.rendered += n  # ok: GIL002
            self.bytes += size  # ok: GIL002


def render_batch(job: Tuple[List[Dict[str, object]], TemplateCache, RenderStats]) -> List[str]:
    recipients, cache, stats = job
    messages = []
    size = 0
    for rcpt in recipients:  # expect: GIL001
        template = cache.get("weekly", str(rcpt["locale"]))
        body = template.render(rcpt)
        size += len(body)  # ok: GIL002
        messages.append(body)
    stats.add(len(messages), size)
    return messages


SOURCES = {
    ("weekly", "en"): "<h1>Hi {{ first_name|title }}!</h1><p>Your balance is {{ balance|money }} "
                      "{{ currency|upper }}.</p><p>Top pick: {{ pick }}</p><footer>{{ unsubscribe }}</footer>",
    ("weekly", "de"): "<h1>Hallo {{ first_name|title }}!</h1><p>Ihr Guthaben: {{ balance|money }} "
                      "{{ currency|upper }}.</p><p>Tipp: {{ pick }}</p><footer>{{ unsubscribe }}</footer>",
    ("weekly", "fr"): "<h1>Bonjour {{ first_name|title }} !</h1><p>Solde : {{ balance|money }} "
                      "{{ currency|upper }}.</p><p>Notre choix : {{ pick }}</p><footer>{{ unsubscribe }}</footer>",
}


def recipients(n: int) -> List[Dict[str, object]]:
    locales = ["en", "de", "fr", "es"]
    picks = ["Tom & Jerry <box set>", "Dune", "Les Misérables", "\"Quoted\" title"]
    return [{"first_name": f"user{i}", "balance": i * 1.37, "currency": "eur",
             "pick": picks[i % 4], "locale": locales[i % 4],
             "unsubscribe": f"https://mail.example/u/{i:08x}"} for i in range(n)]


def main() -> None:
    logging.basicConfig(level=logging.INFO)
    cache = TemplateCache(SOURCES)
    stats = RenderStats()
    people = recipients(24_000)
    batches = [(people[i:i + 4_000], cache, stats) for i in range(0, len(people), 4_000)]
    t0 = time.perf_counter()
    with ThreadPoolExecutor(max_workers=3, thread_name_prefix="render") as pool:
        rendered = [msg for batch in pool.map(render_batch, batches) for msg in batch]
    elapsed = time.perf_counter() - t0
    print(f"rendered={stats.rendered} ({len(rendered)} returned), {stats.bytes / 1e6:.1f} MB "
          f"in {elapsed:.2f}s; template compiles={cache.compiles} (3 needed)")
    print(rendered[1][:90])


if __name__ == "__main__":
    main()
