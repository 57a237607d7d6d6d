"""Who produced a figure: ``sources.publisher`` names the body that produced it first, then (after
"reported by", "reposted by", ...) who carried it — never the site it was read on.

The loader refuses a publisher naming a news organisation before the official body whose figure
it reports (:func:`reporter_first`), and a value cited to a regional body of another province
(:func:`produced_elsewhere`) unless the document is a release about the whole Jing-Jin-Ji region
(its title names 京津冀), which may give every province's figures: :func:`regional_releases`
lists those values for readers.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    from jingjinji.data import DataPackage

#: A regional official body named in ``sources.publisher``: "Hebei Provincial Bureau of
#: Statistics", "Beijing Municipal Bureau of Ecology and Environment", "People's Government of
#: Hebei Province", "Information Office of the Hebei Provincial Government".
_BODY = r"(?:Bureau|Department|Commission|Government|Office|Committee)"
_REGIONAL_BODY = re.compile(
    rf"\b(?P<a>Beijing|Tianjin|Hebei)(?: (?:Municipal|Provincial))?(?: [A-Z][\w'-]*)*? {_BODY}"
    rf"|{_BODY} of (?:the )?(?P<b>Beijing|Tianjin|Hebei)\b")
_NATIONAL_BODY = re.compile(r"\bNational (?:Bureau|Health|Development)|\bMinistry of\b"
                            r"|\bState Council\b")
_PROVINCE = {"Beijing": "CN-BJ", "Tianjin": "CN-TJ", "Hebei": "CN-HE"}
#: Any official body, in any part of a publisher.
_ANY_BODY = re.compile(r"\b(?:(?i:Bureau|Department|Commission|Government|Office|Committee"
                       r"|Ministry|Centre|Center|Administration|Council|Group|authorities)"
                       r"|Municipal|Provincial)\b")
#: A part of a publisher that says who carried or where one read the text, not who produced it.
_CARRIER = re.compile(r"(?:reported|reposted|reprinted|relayed|quoted) by\b|as relayed\b|via\b"
                      r"|on\b|read\b", re.IGNORECASE)
#: The title of a release about the whole region.
REGION_TITLE = "京津冀"


def _province(region: str) -> str:
    """The province of a region: Hebei for its cities and Xiong'an, else the region itself."""
    return "CN-HE" if region[:2] == "13" else region


def producer(publisher: str) -> str:
    """The producing body's part of a publisher: what comes before the first part that names
    who carried the text ("Hebei Daily (河北日报)" of "Hebei Daily (河北日报), reposted by ...")."""
    kept = []
    for part in publisher.split(", "):
        if kept and _CARRIER.match(part):
            break
        kept.append(part)
    return ", ".join(kept)


def short_name(publisher: str) -> str:
    """The producing body's name alone: 'Hebei Department of Water Resources, reported by
    Xinhua' → 'Hebei Department of Water Resources'; 'Xinhua (新华社)' → 'Xinhua'."""
    return re.split(r" \(|, ", publisher, maxsplit=1)[0]


def publisher_regions(publisher: str) -> set[str] | None:
    """The provinces whose official bodies a publisher names as producer; None if it names a
    national body or no regional official body (a news organisation, say)."""
    named = producer(publisher)
    if _NATIONAL_BODY.search(named):
        return None
    found = {_PROVINCE[m["a"] or m["b"]] for m in _REGIONAL_BODY.finditer(named)}
    return found or None


def reporter_first(publisher: str) -> str | None:
    """The part naming a news organisation, when a publisher names it before the official body
    whose figure it reports ("Xinhua (新华社), Hebei Department of Water Resources" must read
    "Hebei Department of Water Resources, reported by Xinhua (新华社)"); else None."""
    first, *rest = producer(publisher).split(", ")
    if not _ANY_BODY.search(first) and any(_ANY_BODY.search(part) for part in rest):
        return first
    return None


def is_regional_release(title: str) -> bool:
    """A release about the whole Jing-Jin-Ji region, which may give every province's figures."""
    return REGION_TITLE in title


def produced_elsewhere(region: str, publisher: str) -> bool:
    """The publisher names as producer a regional body of another province than the region's."""
    named = publisher_regions(publisher)
    return named is not None and _province(region) not in named


def regional_releases(package: DataPackage) -> pd.DataFrame:
    """Values of one province released by another's body in a release about the whole region
    (Hebei's income in the Beijing statistics bureau's Jing-Jin-Ji release)."""
    obs = package.observations.merge(package.sources[["source", "publisher", "title"]],
                                     on="source")
    chosen = [produced_elsewhere(r, p) and is_regional_release(t)
              for r, p, t in zip(obs["region"], obs["publisher"], obs["title"], strict=True)]
    return obs.loc[chosen, ["indicator", "region", "year", "value", "source", "publisher"]] \
        .reset_index(drop=True)
