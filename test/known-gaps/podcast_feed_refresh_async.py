"""Podcast host: refresh the RSS feeds of partner shows with asyncio and list the newest episodes."""
import asyncio
import os
import pathlib
import tempfile
import urllib.request
import xml.etree.ElementTree as ET

SHOWS = {
    "garden-hour": ["Pruning roses", "Compost myths", "Winter sowing"],
    "byte-sized": ["Rust in the kernel", "Dependency hell", "Tiny ML"],
    "local-history": ["The old tram line", "Mill fire of 1893"],
    "night-sky": ["Meteor showers", "Choosing a telescope", "Saturn's rings", "Light pollution"],
}

feeds_refreshed = 0


def write_feed(directory, show, titles):
    items = "".join(f"<item><title>{t}</title><guid>{show}-{i}</guid></item>" for i, t in enumerate(titles))
    path = pathlib.Path(directory, f"{show}.xml")
    path.write_text(f"<rss><channel><title>{show}</title>{items}</channel></rss>")
    return path.as_uri()


def download_feed(url):
    with urllib.request.urlopen(url, timeout=10) as resp:  # ok: GIL004
        return resp.read()


def parse_titles(raw):
    channel = ET.fromstring(raw).find("channel")
    return [item.findtext("title") for item in channel.iter("item")]


async def refresh_show(show, url):
    global feeds_refreshed
    loop = asyncio.get_running_loop()
    raw = await loop.run_in_executor(None, download_feed, url)
    titles = parse_titles(raw)
    feeds_refreshed += 1  # ok: GIL002
    await asyncio.sleep(0.01)  # ok: GIL004
    return show, titles


async def refresh_partner_show(show, url):
    # older code path kept for the partner feeds; nobody moved it to the executor
    global feeds_refreshed
    raw = urllib.request.urlopen(url, timeout=10).read()  # expect: GIL004
    feeds_refreshed += 1  # ok: GIL002
    return show, parse_titles(raw)


async def main(directory):
    urls = {show: write_feed(directory, show, titles) for show, titles in SHOWS.items()}
    own = [refresh_show(show, url) for show, url in urls.items() if show != "night-sky"]
    partner = [refresh_partner_show("night-sky", urls["night-sky"])]
    for show, titles in await asyncio.gather(*own, *partner):
        print(f"{show:>14}: {len(titles)} episodes, newest '{titles[-1]}'")
    print(f"{feeds_refreshed} feeds refreshed from {len(os.listdir(directory))} files")


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        asyncio.run(main(tmp))
