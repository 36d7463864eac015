"""The tagging corpus (tests/data/corpus/*.jsonl): reading it, and its split by source.

Every item names the public page whose phrasing it was modelled on. Items are grouped by site (the page's
registered domain), and a whole site goes to one side: the test side is the sites listed in
tests/data/corpus/test_sites.txt, frozen before any rule, threshold or model was fitted, and never used for
fitting. Everything else, with the older labelled tables, is training data.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "corpus"
TEST_SITES = CORPUS / "test_sites.txt"
TEST_SHARE = 0.25  # of the items, by whole sites
# Older labelled tables in the style of the development data: training data only.
OLDER_TABLES = sorted((ROOT / "tests" / "data").glob("*_utterances.jsonl"))

_SECOND_LEVEL = {"co", "com", "org", "net", "ac", "gov", "edu"}
# Hosts where each subdomain is someone else's site: the subdomain is the site.
_HOSTING = {
    "blogspot.com",
    "wordpress.com",
    "workers.dev",
    "github.io",
    "substack.com",
    "medium.com",
    "wixsite.com",
    "weebly.com",
    "tumblr.com",
    "netlify.app",
    "pages.dev",
    "vercel.app",
    "squarespace.com",
}


def site(url: str) -> str:
    """The registered domain of a page: "https://blog.hubspot.com/x" -> "hubspot.com"."""
    host = (urlsplit(url).hostname or url).lower()
    labels = host.split(".")
    keep = 3 if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2 else 2
    if ".".join(labels[-2:]) in _HOSTING and len(labels) > 2:
        keep = 3
    return ".".join(labels[-keep:])


def read_items(paths: Iterable[Path] | None = None) -> list[dict]:
    """Every corpus item, each with its file's name as `family`."""
    items = []
    for path in sorted(paths or CORPUS.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                items.append({**json.loads(line), "family": path.stem})
    return items


def choose_test_sites(items: list[dict]) -> list[str]:
    """Sites in an order fixed by a hash of their names, taken until they hold TEST_SHARE of the items.
    Reads names and counts only, never a label, so the choice cannot favour the tagger."""
    counts: dict[str, int] = {}
    for item in items:
        counts[site(item["source"])] = counts.get(site(item["source"]), 0) + 1
    ordered = sorted(counts, key=lambda s: hashlib.sha256(s.encode()).hexdigest())
    chosen, held = [], 0
    for name in ordered:
        if held >= TEST_SHARE * len(items):
            break
        chosen.append(name)
        held += counts[name]
    return sorted(chosen)


def test_sites() -> set[str]:
    return {line.strip() for line in TEST_SITES.read_text(encoding="utf-8").splitlines() if line.strip()}


def split(items: list[dict]) -> tuple[list[dict], list[dict]]:
    """(training items, test items) by the frozen list of test sites."""
    frozen = test_sites()
    train = [i for i in items if site(i["source"]) not in frozen]
    test = [i for i in items if site(i["source"]) in frozen]
    return train, test


def fingerprint(items: list[dict]) -> str:
    """A hash of the test side's texts and labels, recorded when it was frozen: any later edit shows."""
    rows = sorted(json.dumps([i["id"], i["text"], i["tags"], i["also_ok"]], ensure_ascii=False) for i in items)
    return hashlib.sha256("\n".join(rows).encode()).hexdigest()
