"""Source quality: the host list file, host matching, tracking parameters, every source walked."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from scorecard.checking.filecache import fingerprint_of
from scorecard.checking.sources import CATEGORIES, check_sources, host_list, parse_host_list
from scorecard.input.yamlio import parse_document

# Hosts the data rules of issue 13 say never to cite.
NEVER_CITE = (
    "casetext.com", "statutes.laws-info.com", "x.blogspot.com", "news.bitsofbytes.tech", "lawyers8.com",
    "uscisguide.com", "stateregstoday.com", "legalclarity.org", "publiclawlibrary.org", "getpocketlaw.com",
    "instalawyer.io", "courtgpt.ai", "lexace.ai", "lawserver.com", "legalfix.com", "self-law.org",
    "wikimili.com", "pdfslide.us", "daily8.com", "particle.news", "devdiscourse.com", "newsfinale.com",
    "usa-newnews.com", "pubt.io", "citizenportal.ai", "thisjustinbox.com", "scribd.com", "elaws.us",
    "new-origin.patch.com", "new-test-origin.patch.com", "bit.ly", "t.co", "tinyurl.com",
)  # fmt: skip
PARTISAN = (
    "cairco.org", "immigrationreform.com", "numbersusa.com", "texasscorecard.com", "arizonaglobe.com",
    "breitbart.com", "theepochtimes.com", "alipac.us", "thenewamerican.com", "justthenews.com",
)  # fmt: skip


def test_the_shipped_list_has_every_host_the_data_rules_name() -> None:
    hosts = host_list()
    for host in NEVER_CITE:
        found = hosts.category_of(host)
        assert found is not None, host
        assert found[1] != "partisan"
    for host in PARTISAN:
        assert hosts.category_of(host) == (host, "partisan", hosts.hosts[host][1])
    assert {category for category, _ in hosts.hosts.values()} == set(CATEGORIES)
    assert all(why for _, why in hosts.hosts.values())


@pytest.mark.parametrize(
    ("host", "entry"),
    [
        ("www.scribd.com", "scribd.com"),
        ("WWW.Scribd.COM", "scribd.com"),
        ("67thdistrict.blogspot.com", "blogspot.com"),
        ("new-origin.patch.com", "new-origin.patch.com"),
        ("patch.com", None),
        ("notscribd.com", None),
        ("scribd.com.example.org", None),
        ("com", None),
    ],
)
def test_an_entry_matches_its_host_and_subdomains_only(host: str, entry: str | None) -> None:
    found = host_list().category_of(host)
    assert (found[0] if found else None) == entry


@pytest.mark.parametrize(
    ("name", "tracking"),
    [("utm_source", True), ("UTM_Campaign", True), ("fbclid", True), ("gclid", True), ("mc_eid", True),
     ("id", False), ("page", False), ("utm", False), ("q", False)],
)  # fmt: skip
def test_tracking_parameters(name: str, tracking: bool) -> None:
    assert host_list().is_tracking(name) is tracking


@pytest.mark.parametrize(
    "text",
    [
        "copy: [a.com]\n",
        "copy:\n  a.com: why\nmirror:\n  a.com: again\n",
        "gossip:\n  a.com: why\n",
        "tracking: utm_*\n",
        "copy:\n  a.com: 3\n",
        "- a list\n",
    ],
)
def test_a_malformed_host_list_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match=r"hosts\.yaml"):
        parse_host_list(text.encode(), "hosts.yaml")


def codes_of(text: str) -> list[tuple[str, str]]:
    doc = parse_document(text.encode(), "f.yaml")
    return [(issue.code, issue.key) for issue in check_sources(doc)]


def test_every_source_in_a_file_is_checked() -> None:
    text = """
population_source: {title: Census, url: "https://bit.ly/x", accessed: 2026-01-01}
litigation:
  - case: A v. B
    sources: [{title: Mirror, url: "https://wikimili.com/a"}]
laws:
  - id: a-law
    blocked:
      - sources: [{title: Order, url: "https://example.org./order", accessed: 2026-01-01}]
sources: [{title: Summary, url: "http://example.org/a?utm_medium=x", accessed: 2026-01-01}]
"""
    assert sorted(codes_of(text)) == [
        ("source.copy-site", "litigation[0].sources[0].url"),
        ("source.http", "sources[0].url"),
        ("source.no-accessed", "litigation[0].sources[0]"),
        ("source.shortener", "population_source.url"),
        ("source.tracking", "sources[0].url"),
        ("source.trailing-dot", "laws[0].blocked[0].sources[0].url"),
    ]


def test_partisan_only_needs_high_confidence_and_every_source_partisan() -> None:
    partisan = '{title: P, url: "https://www.breitbart.com/a", accessed: 2026-01-01}'
    news = '{title: N, url: "https://www.nytimes.com/a", accessed: 2026-01-01}'
    text = f"""
demands:
  a: {{confidence: high, sources: [{partisan}]}}
  b: {{confidence: medium, sources: [{partisan}]}}
  c: {{confidence: high, sources: [{partisan}, {news}]}}
  d:
    confidence: high
    sources: [{news}]
    history:
      - {{sources: [{partisan}]}}
      - {{confidence: low, sources: [{partisan}]}}
    practice: {{confidence: medium, sources: [{partisan}]}}
laws:
  - {{confidence: high, sources: [{partisan}]}}
"""
    assert codes_of(text) == [
        ("source.partisan-only", "demands.a.sources"),
        ("source.partisan-only", "demands.d.history[0].sources"),
        ("source.partisan-only", "laws[0].sources"),
    ]


def test_the_host_list_is_part_of_the_code_fingerprint(tmp_path: Path) -> None:
    """Cached check results must not outlive an edit of the host list."""
    package = tmp_path / "scorecard"
    (package / "checking").mkdir(parents=True)
    hosts = package / "checking" / "source-hosts.yaml"
    hosts.write_text("copy: {}\n", encoding="utf-8")
    before = fingerprint_of(package)
    hosts.write_text("copy:\n  a.com: why\n", encoding="utf-8")
    assert fingerprint_of(package) != before


def test_remembered_findings_equal_fresh_ones_and_stay_with_their_host_list() -> None:
    """Each address is judged once per host list; the remembered answer is the fresh one, located anew."""
    text = """
sources:
  - {title: A, url: "http://bit.ly/x?utm_source=y", accessed: 2026-01-01}
  - {title: B, url: "https://example.org./a"}
  - {title: C, url: "http://bit.ly/x?utm_source=y", accessed: 2026-01-01}
"""
    doc = parse_document(text.encode(), "f.yaml")
    shipped = (Path(__file__).parents[1] / "src/scorecard/checking/source-hosts.yaml").read_bytes()
    hosts = parse_host_list(shipped, "hosts.yaml")
    first = check_sources(doc, hosts)
    again = check_sources(doc, hosts)  # every address now remembered
    fresh = check_sources(doc, parse_host_list(shipped, "hosts.yaml"))
    assert first == again == fresh
    assert [(i.code, str(i.location)) for i in first if i.key == "sources[2].url"] == [
        ("source.http", "f.yaml:5:21"),
        ("source.shortener", "f.yaml:5:21"),
        ("source.tracking", "f.yaml:5:21"),
    ]
    other = parse_host_list(b"shortener: {}\ntracking: []\n", "other.yaml")
    assert [i.code for i in check_sources(doc, other)] == [
        "source.http",
        "source.trailing-dot",
        "source.no-accessed",
        "source.http",
    ]


@pytest.mark.parametrize(
    "url",
    [
        "https://www.breitbart.com/a",
        "https://bit.ly./x",
        "https://example.org/a?utm_source=y",
        "http://[::1/",  # malformed: no host
        "https://sub.scribd.com/doc",
    ],
)
def test_a_remembered_host_entry_is_the_one_matching_finds(url: str) -> None:
    """`listed` remembers per address what `category_of` finds for the address's host."""
    hosts = parse_host_list(
        b"copy:\n  scribd.com: a copy site\nshortener:\n  bit.ly: hides the address\n"
        b"partisan:\n  breitbart.com: partisan\ntracking: [utm_*]\n",
        "hosts.yaml",
    )
    try:
        host = (urlsplit(url).hostname or "").rstrip(".")
    except ValueError:
        host = ""
    assert hosts.listed(url) == hosts.listed(url) == hosts.category_of(host)
