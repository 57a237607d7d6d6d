"""The ledger published for reuse: a schema.org ClaimReview for every claim that agrees with the
ledger, and the CSV download written whole."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

import jingjinji as jj
from jingjinji import claim_review, claims, downloads
from jingjinji.rubric import VERDICT_WORDS


@pytest.fixture(scope="module")
def package():
    return jj.load()


@pytest.fixture(scope="module")
def ledger(package) -> pd.DataFrame:
    return claims.ledger(package)


def test_every_claim_has_a_review_that_matches_the_ledger(package, ledger):
    reviews = claim_review.claim_reviews(package, ledger)
    assert len(reviews) == len(ledger)
    for review, (_, claim) in zip(reviews, ledger.iterrows(), strict=True):
        assert review["@type"] == "ClaimReview"
        assert review["url"] == f"#claim-{claim['claim']}"
        assert review["claimReviewed"] == claim["statement"]
        assert review["itemReviewed"]["text"] == claim["printed"]
        rating = review["reviewRating"]
        assert rating["alternateName"] == VERDICT_WORDS[claim["verdict"]]
        assert rating["ratingExplanation"] == claim["evidence"]
        ids = claim["source"].split(";") if isinstance(claim["source"], str) else []
        assert len(review.get("citation", [])) == len(ids)


def test_every_cited_document_has_an_address(package, ledger):
    reviews = claim_review.claim_reviews(package, ledger)
    missing = [(r["url"], c["name"]) for r in reviews for c in r.get("citation", [])
               if not c.get("url", "").startswith(("http://", "https://"))]
    assert not missing, missing


@pytest.mark.parametrize(("read_at", "url"), [
    ("owner/repo@" + "a" * 40 + ":data/x.csv",
     "https://github.com/owner/repo/blob/" + "a" * 40 + "/data/x.csv"),
    ("pycountry 26.2.16 (PyPI package), ISO 3166", "https://pypi.org/project/pycountry/"),
    ("https://example.org/page", "https://example.org/page"),
])
def test_a_source_is_linked_where_it_can_be_read(read_at, url):
    assert claim_review.source_url(pd.Series({"url": "", "read_at": read_at})) == url


def test_the_original_address_comes_first():
    source = pd.Series({"url": "https://www.gov.cn/a.htm", "read_at": "https://copy.example/a"})
    assert claim_review.source_url(source) == "https://www.gov.cn/a.htm"


@pytest.mark.parametrize(("listed", "words"), [("4", "paragraph 4"),
                                                ("4;40", "paragraphs 4 and 40"),
                                                ("1;2;3", "paragraphs 1, 2 and 3")])
def test_paragraphs_are_words(listed, words):
    assert claim_review.paragraphs(listed) == words


def test_the_script_cannot_close_early(package, ledger):
    row = ledger.iloc[[0]].assign(evidence="a </script><b>b</b>")
    script = claim_review.json_ld(package, row)
    inner = re.fullmatch(r'<script type="application/ld\+json">(.*)</script>', script, re.S)
    assert inner is not None and "</script>" not in inner.group(1)
    assert json.loads(inner.group(1))[0]["reviewRating"]["ratingExplanation"] == row[
        "evidence"].iloc[0]


def test_the_csv_has_every_claim_in_reading_order_with_its_citations(package, ledger):
    table = claim_review.ledger_csv(package, ledger)
    assert list(table.columns) == claim_review.CSV_COLUMNS
    assert list(table["claim"]) == list(claims.reading_order(ledger)["claim"])
    assert set(table["verdict"]) <= set(VERDICT_WORDS.values())
    counts = table["source"].fillna("").map(lambda s: len(s.split(";")) if s else 0)
    cited = table["citations"].map(lambda c: len(c.split(" | ")) if c else 0)
    assert (counts == cited).all()


def test_a_download_is_written_whole(tmp_path, monkeypatch):
    monkeypatch.setattr(downloads, "FOLDER", tmp_path)
    table = pd.DataFrame({"a": [1, 2], "b": ["x", "é"]})
    path = downloads.write_csv(table, "t.csv")
    assert path == tmp_path / "t.csv"
    assert pd.read_csv(path).equals(table)
    assert [p.name for p in tmp_path.iterdir()] == ["t.csv"]
