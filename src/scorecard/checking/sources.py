"""Checks of every source a data file cites: its address, its host, when it was read.

The hosts to avoid (copy sites, mirrors, machine-written summaries, staging
servers, link shorteners, partisan and advocacy outlets) and the query
parameters that only track a click are kept in `source-hosts.yaml` beside
this module, so maintainers extend the lists without touching code.

The checks walk the file's plain data, not its model: every source is
checked even when another part of the file failed validation. A source is a
mapping with a `url` in a `sources` list, or a `population_source`.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from scorecard.errors import Issue, warning
from scorecard.input.yamlio import Document, Loc
from scorecard.input.yamlnodes import key_path

HOSTS_FILE = "source-hosts.yaml"
Finding = tuple[str, str]  # (code, message) of a warning about an address
_FINDINGS_MAX = 100_000  # addresses remembered per host list
_SOURCE_KEYS = ("sources", "population_source")
CATEGORIES = ("copy", "mirror", "ai-summary", "staging", "shortener", "partisan")
# The warning each category of host gives when a source cites it (partisan: see `_partisan_only`).
CODES = {
    "copy": "source.copy-site",
    "mirror": "source.copy-site",
    "ai-summary": "source.copy-site",
    "staging": "source.staging-host",
    "shortener": "source.shortener",
}
ADVICE = {
    "copy": "cite the original publication",
    "mirror": "cite the original publication",
    "ai-summary": "cite the original publication",
    "staging": "cite the publisher's public address",
    "shortener": "cite the address it leads to",
}


@dataclass(frozen=True)
class HostList:
    """The hosts to avoid by category, and the tracking parameters (a trailing `*` is a prefix)."""

    hosts: Mapping[str, tuple[str, str]]  # host -> (category, why)
    tracking: tuple[str, ...]
    # url -> its findings and its listed host: the same addresses recur across files, and both depend on
    # nothing else
    _findings: dict[str, tuple[Finding, ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _listed: dict[str, tuple[str, str, str] | None] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def category_of(self, host: str) -> tuple[str, str, str] | None:
        """(entry, category, why) of the entry that matches the host or one of its parent domains."""
        labels = host.lower().split(".")
        for start in range(len(labels) - 1):
            entry = ".".join(labels[start:])
            if entry in self.hosts:
                return (entry, *self.hosts[entry])
        return None

    def is_tracking(self, name: str) -> bool:
        """Whether a query parameter only tracks a click."""
        name = name.lower()
        return any(
            name.startswith(item[:-1]) if item.endswith("*") else name == item for item in self.tracking
        )

    def findings(self, url: str) -> tuple[Finding, ...]:
        """What is wrong with an address, as (code, message) pairs; computed once per address."""
        found = self._findings.get(url)
        if found is None:
            if len(self._findings) >= _FINDINGS_MAX:
                self._findings.clear()
            found = self._findings[url] = tuple(_url_findings(url, self))
        return found

    def listed(self, url: str) -> tuple[str, str, str] | None:
        """`category_of` the address's host; computed once per address."""
        if url in self._listed:
            return self._listed[url]
        if len(self._listed) >= _FINDINGS_MAX:
            self._listed.clear()
        found = self._listed[url] = self.category_of(_host(url).rstrip("."))
        return found


def parse_host_list(raw: bytes, display: str) -> HostList:
    """A host list file: a mapping of category to {host: why}, and `tracking`, a list of names."""
    from scorecard.input.yamlio import parse_document

    document = parse_document(raw, display)
    if document.issues:
        raise ValueError("; ".join(str(issue) for issue in document.issues))
    data = document.data
    if not isinstance(data, dict) or set(data) - {*CATEGORIES, "tracking"}:
        raise ValueError(f"{display}: expected the categories {', '.join(CATEGORIES)} and `tracking`")
    hosts: dict[str, tuple[str, str]] = {}
    for category in CATEGORIES:
        entries = data.get(category) or {}
        if not isinstance(entries, dict):
            raise ValueError(f"{display}: {category} must map each host to why it is listed")
        for host, why in entries.items():
            if not isinstance(host, str) or not isinstance(why, str) or host in hosts:
                raise ValueError(f"{display}: {category}: {host!r} must be a new host with a reason")
            hosts[host.lower()] = (category, why)
    tracking = data.get("tracking") or []
    if not isinstance(tracking, list) or not all(isinstance(t, str) for t in tracking):
        raise ValueError(f"{display}: `tracking` must be a list of parameter names")
    return HostList(hosts, tuple(t.lower() for t in tracking))


@functools.cache
def host_list() -> HostList:
    """The shipped host list."""
    resource = resources.files("scorecard").joinpath("checking", HOSTS_FILE)
    return parse_host_list(resource.read_bytes(), f"scorecard/checking/{HOSTS_FILE}")


def _host(url: str) -> str:
    try:
        return urlsplit(url).hostname or ""
    except ValueError:  # a malformed address is the schema's error, not ours
        return ""


def _url_findings(url: str, hosts: HostList) -> Iterator[Finding]:
    if url.startswith("http://"):
        yield "source.http", "link uses http://; prefer the https:// address if the site has one"
    host = _host(url)
    if host.endswith("."):
        yield "source.trailing-dot", f"host '{host}' ends with a dot; write it without the dot"
    found = hosts.listed(url)
    if found is not None and found[1] in CODES:
        entry, category, why = found
        yield CODES[category], f"{entry} is listed as {category} ({why}); {ADVICE[category]}"
    try:
        query = parse_qsl(urlsplit(url).query, keep_blank_values=True)
    except ValueError:
        query = []
    tracking = sorted({name for name, _ in query if hosts.is_tracking(name)})
    if tracking:
        yield "source.tracking", f"address carries tracking parameters ({', '.join(tracking)}); remove them"


def _check_source(
    doc: Document, here: Loc, source: Mapping[Any, Any], hosts: HostList, out: list[Issue]
) -> None:
    # Appends to `out`, and locates only when there is something to say (locating walks the node tree):
    # most sources have nothing wrong.
    url = source.get("url")
    if url.__class__ is str:
        findings = hosts.findings(url)
        if findings:
            at, key = doc.locate((*here, "url")), key_path((*here, "url"))
            out.extend(warning(at, code, message, key) for code, message in findings)
    if source.get("accessed") is None:
        advice = "source has no `accessed` date: when was it read?"
        out.append(warning(doc.locate(here), "source.no-accessed", advice, key_path(here)))


def _partisan_only(doc: Document, loc: Loc, sources: Sequence[Any], hosts: HostList) -> Iterator[Issue]:
    """A `high` confidence record whose every source is a partisan or advocacy outlet."""
    urls = [s["url"] for s in sources if isinstance(s, dict) and isinstance(s.get("url"), str)]
    if not urls or len(urls) != len(sources):
        return
    found = [hosts.listed(u) for u in urls]
    if all(f is not None and f[1] == "partisan" for f in found):
        names = ", ".join(sorted({f[0] for f in found if f is not None}))
        yield warning(
            doc.locate((*loc, "sources")),
            "source.partisan-only",
            f"a high-confidence claim rests only on partisan or advocacy outlets ({names}); "
            "add a primary or news source, or lower the confidence",
            key_path((*loc, "sources")),
        )


def _walk(doc: Document, value: Any, loc: Loc, confidence: Any, hosts: HostList, out: list[Issue]) -> None:
    # Appends to `out` rather than yielding: this visits every value of every file.
    if value.__class__ is list:
        for index, item in enumerate(value):
            if item.__class__ is dict or item.__class__ is list:
                _walk(doc, item, (*loc, index), confidence, hosts, out)
        return
    if value.__class__ is not dict:
        return
    own = value.get("confidence", confidence)  # a history entry without one has its demand's
    sources = value.get("sources")
    if isinstance(sources, list):
        for index, source in enumerate(sources):
            if source.__class__ is dict:
                _check_source(doc, (*loc, "sources", index), source, hosts, out)
        if own == "high":
            out.extend(_partisan_only(doc, loc, sources, hosts))
    population = value.get("population_source")
    if population.__class__ is dict:
        _check_source(doc, (*loc, "population_source"), population, hosts, out)
    for key, child in value.items():
        if (child.__class__ is dict or child.__class__ is list) and key not in _SOURCE_KEYS:
            _walk(doc, child, (*loc, key), own if key == "history" else None, hosts, out)


def check_sources(doc: Document, hosts: HostList | None = None) -> list[Issue]:
    """Every source in a data file: http links, hosts to avoid, tracking parameters, dates read."""
    out: list[Issue] = []
    _walk(doc, doc.data, (), None, hosts or host_list(), out)
    return out
