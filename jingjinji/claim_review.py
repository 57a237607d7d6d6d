"""The claims ledger published for reuse: schema.org ``ClaimReview`` JSON-LD for every claim, as
fact-checkers publish theirs, and the ledger as a CSV table with each claim's sources cited.

Each review points at its row of the ledger (``#claim-<id>``), names the claim's paragraph in the
article, gives the verdict as the rating's words (``alternateName``) and the evidence as its
explanation, and cites the documents the verdict rests on by their URL.
"""

from __future__ import annotations

import json

import pandas as pd

from jingjinji.claims import reading_order
from jingjinji.copies import GITHUB, PACKAGE
from jingjinji.data import DataPackage
from jingjinji.rubric import BASIS_WORDS, VERDICT_WORDS

#: Who publishes the reviews: the book.
BOOK = "Ten Years of Jing-Jin-Ji"
#: How the book names the article whose claims it reviews (it gives no author, date or address).
ARTICLE = ("Magazine article on ten years of Beijing-Tianjin-Hebei coordinated development, "
           "as machine-translated into English")
#: The columns of the ledger's CSV download, in order.
CSV_COLUMNS = ["claim", "theme", "paragraph", "printed", "statement", "value", "unit", "year",
               "indicator", "region", "check", "base_year", "verdict", "basis", "evidence",
               "comparison", "source", "citations"]


def anchor(claim_id: str) -> str:
    """The id of a claim's row in the ledger."""
    return f"claim-{claim_id}"


def paragraphs(listed: str) -> str:
    """The article's paragraphs a claim appears in, as words ("4;40": "paragraphs 4 and 40")."""
    numbers = listed.split(";")
    if len(numbers) == 1:
        return f"paragraph {numbers[0]}"
    return f"paragraphs {', '.join(numbers[:-1])} and {numbers[-1]}"


def source_url(source: pd.Series) -> str | None:
    """Where a source can be read: its original address, else the copy read (a web page, a
    GitHub file at its commit, a PyPI release)."""
    for where in (source["url"], source["read_at"]):
        if isinstance(where, str) and where.startswith(("http://", "https://")):
            return where
    read_at = source["read_at"]
    if (match := GITHUB.fullmatch(read_at)) is not None:
        return (f"https://github.com/{match['owner']}/{match['repo']}/blob/{match['commit']}/"
                f"{match['path']}")
    if (match := PACKAGE.match(read_at)) is not None:
        return f"https://pypi.org/project/{match['package']}/"
    return None


def _ids(value: object) -> list[str]:
    return value.split(";") if isinstance(value, str) and value else []


def _citation(source: pd.Series) -> dict[str, object]:
    work: dict[str, object] = {"@type": "CreativeWork", "name": source["title"],
                               "publisher": {"@type": "Organization",
                                             "name": source["publisher"]}}
    if isinstance(source["date"], str) and source["date"]:
        work["datePublished"] = source["date"]
    if (url := source_url(source)) is not None:
        work["url"] = url
    return work


def claim_review(claim: pd.Series, sources: pd.DataFrame) -> dict[str, object]:
    """One claim of the ledger as a schema.org ``ClaimReview``."""
    rating = {"@type": "Rating", "alternateName": VERDICT_WORDS[claim["verdict"]],
              "ratingExplanation": claim["evidence"]}
    review: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": "#" + anchor(claim["claim"]),
        "claimReviewed": claim["statement"],
        "itemReviewed": {"@type": "Claim",
                         "text": claim["printed"],
                         "appearance": {"@type": "CreativeWork", "name": ARTICLE,
                                        "position": paragraphs(claim["paragraph"])}},
        "author": {"@type": "Organization", "name": BOOK},
        "reviewRating": rating,
    }
    cited = [_citation(sources.loc[i]) for i in _ids(claim["source"])]
    if cited:
        review["citation"] = cited
    return review


def claim_reviews(package: DataPackage, ledger: pd.DataFrame) -> list[dict[str, object]]:
    """Every claim of ``ledger`` as a ``ClaimReview``, in the ledger's order."""
    sources = package.sources.set_index("source", drop=False)
    return [claim_review(claim, sources) for _, claim in ledger.iterrows()]


def json_ld(package: DataPackage, ledger: pd.DataFrame) -> str:
    """The reviews as one JSON-LD script element, safe to place in a page."""
    text = json.dumps(claim_reviews(package, ledger), ensure_ascii=False)
    escaped = text.replace("</", "<\\/")
    return f'<script type="application/ld+json">{escaped}</script>'


def ledger_csv(package: DataPackage, ledger: pd.DataFrame) -> pd.DataFrame:
    """The ledger as its CSV download, in reading order: every claim, verdict and basis as
    words, what the data give, and each source cited as "publisher, title (date)"."""
    ledger = reading_order(ledger)
    sources = package.sources.set_index("source")
    cite = {s: f"{r.publisher}, {r.title} ({r.date})" for s, r in sources.iterrows()}
    table = ledger.assign(
        verdict=ledger["verdict"].map(VERDICT_WORDS),
        basis=ledger["basis"].map(BASIS_WORDS),
        citations=ledger["source"].map(lambda ids: " | ".join(cite[i] for i in _ids(ids))))
    return table[CSV_COLUMNS]
