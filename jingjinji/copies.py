"""Where each figure was read, and what kind of copy that is.

``sources.copy`` grades where a figure was read (``read_at``):

- ``publisher``: the producer's own site or an official government site (``*.gov.cn``, ...);
- ``state_media``: a national or provincial state news organisation on its own domain;
- ``reprint``: any other web page reproducing an official text (portals, other news outlets,
  content farms, mirrors);
- ``export_mirror``: an unchanged export of an official database kept by a third party on GitHub
  (an NBS export with its ``数据库：`` header and ``数据来源：`` footer);
- ``compilation``: a table assembled or reshaped by a third party (thesis panels, app data files
  without an export header). Data read in a package from the Python Package Index is graded
  ``compilation`` too: the package's maintainer has extracted and reshaped the original.

The lists of :mod:`jingjinji.domains` say what each known web domain is;
:func:`expected_grades` turns a ``read_at`` into the grade(s) it may carry. A web reprint on a
domain in neither the portals' nor the other news outlets' list is read "only on an unrelated
domain" (a content farm, a spam site, a bare IP address): :func:`junk_sources` lists those.
"""

from __future__ import annotations

import ipaddress
import re
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pandas as pd

from jingjinji.domains import (
    OTHER_NEWS_DOMAINS,
    PORTAL_DOMAINS,
    PUBLISHER_DOMAINS,
    STATE_MEDIA_DOMAINS,
    UNRELATED_DOMAINS,
)

if TYPE_CHECKING:
    from jingjinji.data import DataPackage

#: The grades of ``sources.copy``, strongest first.
COPY_GRADES = ("publisher", "state_media", "reprint", "export_mirror", "compilation")
#: What each grade means, in the words readers see (tooltips, the data appendix).
COPY_WORDS = {"publisher": "the publisher's own site",
              "state_media": "a state news organisation's site",
              "reprint": "a reprint on another site",
              "export_mirror": "a database export kept unchanged by a third party",
              "compilation": "a table compiled by a third party"}
#: Grades of a third-party copy: a value resting on one of these alone needs a second copy.
THIRD_PARTY = ("reprint", "export_mirror", "compilation")

GITHUB = re.compile(r"(?P<owner>[A-Za-z0-9][A-Za-z0-9_.-]*)/(?P<repo>[A-Za-z0-9_.-]+)"
                    r"@(?P<commit>[0-9a-f]{40}):(?P<path>.+)")
PACKAGE = re.compile(r"(?P<package>[A-Za-z0-9_.-]+) [0-9][^ ]* \(PyPI package\)")


# --- where a copy was read --------------------------------------------------------------------


def host(read_at: str) -> str | None:
    """The host name of a web ``read_at`` (lower case, without ``www.``), else None."""
    if not read_at.startswith(("http://", "https://")):
        return None
    name = (urlsplit(read_at).hostname or "").lower()
    return name.removeprefix("www.")


def _listed(name: str, domains: dict[str, str]) -> str | None:
    for domain in domains:
        if name == domain or name.endswith("." + domain):
            return domain
    return None


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def domain_kind(name: str) -> str | None:
    """'publisher', 'state_media', 'portal', 'news' or 'unrelated' for a listed host (a bare IP
    address is unrelated); None when the host is in no list."""
    if _is_ip(name):
        return "unrelated"
    for kind, domains in (("publisher", PUBLISHER_DOMAINS), ("state_media", STATE_MEDIA_DOMAINS),
                          ("portal", PORTAL_DOMAINS), ("news", OTHER_NEWS_DOMAINS),
                          ("unrelated", UNRELATED_DOMAINS)):
        if _listed(name, domains):
            return kind
    return None


def expected_grades(read_at: str) -> frozenset[str]:
    """The copy grades a ``read_at`` may carry, from the domain lists.

    A web page gets exactly one grade; a GitHub file is an ``export_mirror`` or a
    ``compilation`` (which one, only opening the file tells); a PyPI package is a compilation.
    """
    name = host(read_at)
    if name is not None:
        kind = domain_kind(name)
        if kind is None:
            raise ValueError(f"the domain {name!r} is in none of the domain lists of "
                             "jingjinji/domains.py: list it with its kind to grade the copy")
        return frozenset({kind if kind in ("publisher", "state_media") else "reprint"})
    if GITHUB.fullmatch(read_at):
        return frozenset({"export_mirror", "compilation"})
    if PACKAGE.match(read_at):
        return frozenset({"compilation"})
    raise ValueError(f"read_at {read_at!r} is neither a URL, owner/repo@commit:path nor a "
                     "PyPI package")


def is_junk(read_at: str) -> bool:
    """True for a web copy on an unrelated domain: a content farm, spam, a bare IP address."""
    name = host(read_at)
    return name is not None and domain_kind(name) == "unrelated"


def owner(read_at: str) -> str:
    """Who holds the copy: a GitHub repository's owner, a PyPI package, or a web site.

    A web site is its registrable domain (``news.cn`` for ``big5.news.cn``; ``people.com.cn``
    for ``he.people.com.cn``), so that two pages of one site are never independent copies.
    """
    if (match := GITHUB.fullmatch(read_at)) is not None:
        return "github:" + match["owner"].lower()
    if (match := PACKAGE.match(read_at)) is not None:
        return "pypi:" + match["package"].lower()
    name = host(read_at)
    if name is None:
        raise ValueError(f"read_at {read_at!r} has no owner")
    if _is_ip(name):
        return str(ipaddress.ip_address(name))
    listed = _listed(name, {**PUBLISHER_DOMAINS, **STATE_MEDIA_DOMAINS, **PORTAL_DOMAINS,
                            **OTHER_NEWS_DOMAINS})
    if listed is not None and listed != "gov.cn":
        return listed
    labels = name.split(".")
    second_level = {"com", "net", "org", "gov", "edu", "ac"}
    keep = 3 if len(labels) >= 3 and labels[-1] == "cn" and labels[-2] in second_level else 2
    if listed == "gov.cn":  # each government body is its own owner: hebei.gov.cn, tj.gov.cn
        keep = 3 if len(labels) >= 3 else 2
    return ".".join(labels[-keep:])


def junk_sources(package: DataPackage) -> pd.DataFrame:
    """The sources read only on an unrelated domain, with their host and number of values."""
    sources = package.sources
    junk = sources[sources["read_at"].map(is_junk)].copy()
    junk["host"] = junk["read_at"].map(host)
    counts = package.observations["source"].value_counts()
    junk["values"] = junk["source"].map(counts).fillna(0).astype(int)
    return junk[["source", "publisher", "host", "values"]].reset_index(drop=True)


def web_copy_profile(package: DataPackage) -> pd.Series:
    """Web sources by the kind of domain they were read on (publisher … unrelated)."""
    kinds = package.sources["read_at"].map(host).dropna().map(domain_kind)
    order = ["publisher", "state_media", "portal", "news", "unrelated"]
    return kinds.value_counts().reindex(order, fill_value=0)

