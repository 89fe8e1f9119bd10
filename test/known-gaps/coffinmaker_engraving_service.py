"""Name-plate engraving service for coffin lids.

An asyncio front end takes plate orders, rasterizes the lettering in a thread
pool, talks to the engraver's controller over a socket, and drives the plotter.
Fonts are classes registered by name with a decorator.
"""
import asyncio
import functools
import math
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

PASSES = 8              # depth passes per glyph
HOME_S = 0.01           # plotter homing time
BURN_S_PER_CHAR = 0.0005

PLATES = [
    ("IN LOVING MEMORY OF ADA HALVORSEN", "roman"),
    ("REST IN PEACE - THOMAS WREN 1931-2024", "script"),
    ("BELOVED FATHER AND GRANDFATHER", "roman"),
    ("FOREVER IN OUR HEARTS - M. OKAFOR", "script"),
]

FONTS = {}


def register_font(name):
    def deco(cls):
        FONTS[name] = cls
        return cls
    return deco


class BaseFont:
    dots_per_glyph = 16
    substeps = 40

    def stroke(self, code, dot, sub):
        raise NotImplementedError


@register_font("roman")
class RomanFont(BaseFont):
    dots_per_glyph = 24

    def stroke(self, code, dot, sub):
        return math.cos(code * 0.1 + dot * 0.3) * (1.0 + sub * 0.01)


@register_font("script")
class ScriptFont(BaseFont):
    dots_per_glyph = 30

    def stroke(self, code, dot, sub):
        return math.sin(code * 0.07 + dot * 0.2 + sub * 0.05)


@dataclass
class Plate:
    text: str
    font: str


class Rasterizer:
    """Callable handed to the thread pool: turns a plate into a tool-path length."""

    def __call__(self, plate):
        font = FONTS[plate.font]()
        return plate.text, self._tool_path(font, plate.text)

    def _tool_path(self, font, text):
        length = 0.0
        for ch in text:  # expect: GIL001 -- ~33 glyphs x 24-30 dots x 40 substeps x 8 passes of Python calls per pool task
            code = ord(ch)
            for dot in range(font.dots_per_glyph):
                for sub in range(font.substeps * PASSES):
                    length += abs(font.stroke(code, dot, sub))
        return round(length, 2)


class Plotter:
    def __init__(self):
        self.burned_chars = 0

    def home(self):
        time.sleep(HOME_S)  # expect: GIL004 -- home() is called straight from the engrave coroutine, blocking the loop

    def burn(self, plate, path_len):
        time.sleep(BURN_S_PER_CHAR * len(plate.text))  # ok: GIL004 -- burn runs in the executor thread, not on the loop
        self.burned_chars += len(plate.text)  # expect: GIL002 -- several executor threads burn at once on one Plotter
        return path_len


def controller(conn):
    """Engraver controller: acknowledges every command line it receives."""
    while True:
        data = conn.recv(256)  # ok: GIL004 -- blocking recv in a plain controller thread, not in a coroutine
        if not data:
            break
        conn.sendall(b"ack " + data[:16])
    conn.close()


class EngravingService:
    def __init__(self, pool, link):
        self.pool = pool
        self.link = link
        self.plotter = Plotter()
        self.rasterize = Rasterizer()
        self.font_cache = {}

    async def engrave(self, plate):
        loop = asyncio.get_running_loop()
        if plate.font not in self.font_cache:  # ok: GIL003 -- only coroutines on the loop thread touch font_cache, no await in between
            self.font_cache[plate.font] = FONTS[plate.font]
        text, path_len = await loop.run_in_executor(self.pool, self.rasterize, plate)
        self.plotter.home()
        reply = self._command(f"ENGRAVE {text}")
        burn = functools.partial(self.plotter.burn, plate, path_len)
        await loop.run_in_executor(self.pool, burn)
        return text, path_len, reply

    def _command(self, line):
        self.link.sendall(line.encode() + b"\n")
        return self.link.recv(64).decode()  # expect: GIL004 -- blocking socket recv reached from the engrave coroutine


async def run_service(service, plates):
    return await asyncio.gather(*(service.engrave(p) for p in plates))


def main():
    plates = [Plate(text, font) for text, font in PLATES]
    here, there = socket.socketpair()
    ctl = threading.Thread(target=controller, args=(there,), daemon=True)
    ctl.start()
    with ThreadPoolExecutor(max_workers=3) as pool:
        service = EngravingService(pool, here)
        results = asyncio.run(run_service(service, plates))
    here.close()
    burned = service.plotter.burned_chars
    for text, length, reply in results:
        print(f"{text:<40} path {length:10.2f}  {reply.strip()}")
    print("characters burned:", burned)


if __name__ == "__main__":
    main()
