"""How solid each value is: the kind of copy it was read in, and whether a second copy agrees.

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

The domain lists below say what each known web domain is; :func:`expected_grades` turns a
``read_at`` into the grade(s) it may carry. A web reprint on a domain in neither
:data:`PORTAL_DOMAINS` nor :data:`OTHER_NEWS_DOMAINS` is read "only on an unrelated domain"
(a content farm, a spam site, a bare IP address): :func:`junk_sources` lists those.

``corroborations.csv`` holds second copies of observations. :func:`observation_evidence` gives
every observation its copy grade and status: ``corroborated`` (an independent copy agrees within
the rounding of the less precise of the two), ``contradicted`` (one disagrees) or
``single copy``.
"""

from __future__ import annotations

import ipaddress
import math
import re
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pandas as pd

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
#: Corroboration statuses, in the order tables show them.
STATUSES = ("corroborated", "contradicted", "single copy")

#: Official sites: the producer's own site or a government site. A domain matches itself and
#: every subdomain (``gov.cn`` covers ``www.gov.cn``, ``hbepb.hebei.gov.cn``, ``sthj.tj.gov.cn``).
PUBLISHER_DOMAINS = {
    "gov.cn": "Chinese government sites: State Council, ministries, provinces, cities, counties",
    "phic.org.cn": "Beijing Health Big Data and Policy Research Centre "
                   "(北京市卫生健康大数据与政策研究中心)",
    "dzsrmyy.com": "Dingzhou People's Hospital (定州市人民医院), its own site",
}

#: National and provincial state news organisations, on their own domains.
STATE_MEDIA_DOMAINS = {
    "news.cn": "Xinhua News Agency (新华网)",
    "xinhuanet.com": "Xinhua News Agency (新华网)",
    "people.com.cn": "People's Daily Online (人民网)",
    "people.cn": "People's Daily Online, English (人民网英文版)",
    "chinanews.com.cn": "China News Service (中国新闻网)",
    "chinanews.com": "China News Service (中国新闻网)",
    "ecns.cn": "China News Service, English (中新网英文版)",
    "jwview.com": "China News Service's economic news site (中新经纬)",
    "chinadaily.com.cn": "China Daily (中国日报网)",
    "cctv.com": "China Central Television (央视网)",
    "cnr.cn": "China National Radio (央广网)",
    "cri.cn": "China Radio International (国际在线)",
    "gmw.cn": "Guangming Daily (光明网)",
    "ce.cn": "Economic Daily (中国经济网)",
    "cs.com.cn": "China Securities Journal, a Xinhua newspaper (中国证券报·中证网)",
    "dbw.cn": "Northeast Net (东北网), Heilongjiang",
    "china.com.cn": "China Internet Information Center (中国网), State Council Information Office",
    "china.org.cn": "China Internet Information Center (中国网), State Council Information Office",
    "chinagate.cn": "China Development Gateway (中国发展门户网), run by China.org.cn",
    "youth.cn": "China Youth Network (中国青年网)",
    "taiwan.cn": "Taiwan.cn (中国台湾网), news site of the Taiwan Affairs Office",
    "chinataiwan.cn": "Taiwan.cn (中国台湾网), news site of the Taiwan Affairs Office",
    "tibet.cn": "China Tibet Online (中国西藏网)",
    "chinacourt.org": "China Court Network (中国法院网), People's Court Daily",
    "hebnews.cn": "Hebei Daily group (河北新闻网, 燕赵都市报)",
    "hebei.com.cn": "Great Wall Network (长城网), Hebei",
    "hebccw.cn": "Great Wall Network (长城网), Hebei",
    "hbjjrb.com": "Hebei Economic Daily (河北经济日报)",
    "hebtv.com": "Hebei Radio and Television (河北广播电视台)",
    "bjnews.com.cn": "The Beijing News (新京报)",
    "bjtitle.com": "Beijing Youth Daily's news app (北京青年报客户端)",
    "workerbj.cn": "Labour Afternoon News (劳动午报), Beijing Federation of Trade Unions",
    "enorth.com.cn": "Northern Network (北方网), Tianjin",
    "rednet.cn": "Red Net (红网), Hunan",
    "dzwww.com": "Dazhong Net (大众网), Dazhong Newspaper Group, Shandong",
    "ycwb.com": "Yangcheng Evening News (羊城晚报), Guangdong",
    "infzm.com": "Southern Weekly (南方周末), Nanfang Media Group, Guangdong",
    "globaltimes.cn": "Global Times (环球时报), People's Daily group",
    "pdnews.cn": "People's Daily's English news app and site (人民日报)",
    "rmhb.com.cn": "China Pictorial (人民画报), China International Communications Group",
    "bjreview.com.cn": "Beijing Review (北京周报), China International Communications Group",
    "xfafinance.com": "Xinhua Finance (新华财经), Xinhua News Agency",
    "qianlong.com": "Qianlong (千龙网), Beijing's state news site",
}

#: Major web portals: copies there are reprints, but not on an unrelated domain.
PORTAL_DOMAINS = {
    "sina.com.cn": "Sina (新浪)",
    "sina.cn": "Sina (新浪)",
    "sohu.com": "Sohu (搜狐)",
    "163.com": "NetEase (网易)",
    "qq.com": "Tencent (腾讯)",
    "ifeng.com": "Phoenix New Media (凤凰网)",
    "baidu.com": "Baidu (百度)",
    "china.com": "China.com (中华网)",
    "fang.com": "Fang.com (房天下)",
}

#: Other news organisations and trade media, on their own domains (municipal papers, Hong Kong
#: and foreign media, business and trade press): copies there are reprints, not junk.
OTHER_NEWS_DOMAINS = {
    "qingdaonews.com": "Qingdao News (青岛新闻网), Qingdao Daily group",
    "tyrbw.com": "Taiyuan Daily (太原日报)",
    "huainannet.com": "Huainan Daily group (淮南日报, 淮南网), Anhui",
    "bohaitoday.com": "Cangzhou Daily (沧州日报)",
    "zjknews.com": "Zhangjiakou News (张家口新闻网)",
    "huanbohainews.com.cn": "Huanbohai News (环渤海新闻网), Tangshan",
    "hkwb.net": "Haikou Evening News (海口晚报)",
    "hkcd.com": "Hong Kong Commercial Daily (香港商报)",
    "crntt.cn": "China Review News (中国评论新闻网), Hong Kong",
    "business-standard.com": "Business Standard, India (IANS copy)",
    "laotiantimes.com": "Laotian Times (PR Newswire releases)",
    "jiemian.com": "Jiemian News (界面新闻)",
    "guandian.cn": "Guandian (观点网)",
    "shippingonline.cn": "Shipping Online (中国航贸网), trade press",
    "17huanbao.com": "17huanbao (一起环保), environmental trade press",
    "hbchanyelian.com": ("Zhonglian Qitong Environmental Network (中链企通环保网), "
                         "environmental trade news"),
    "nengyuanjie.net": "Nengyuanjie (能源界), energy trade press",
    "yuanlin.com": "China Landscape Network (中国园林网), trade press",
    "cinic.org.cn": "China Industry News (中国工业新闻网)",
    "ciudsrc.com": "China City Development Network (中国城市发展网)",
    "kczg.org.cn": "Kechuang China (科创中国), China Association for Science and Technology",
    "caixin.com": "Caixin (财新网), business and financial news",
    "ijjnews.com": ("Jinjiang News Network (晋江新闻网), Jinjiang Economic News (晋江经济报), "
                    "Fujian"),
    "rfi.fr": "Radio France Internationale (法广), French public international broadcaster",
}

#: Domains known to have nothing to do with the figures they carry (content farms, spam, shops,
#: podcasts): a copy there is a ``reprint`` read "only on an unrelated domain". A bare IP address
#: counts as one too. A domain in none of the lists is refused by the loader until it is listed.
UNRELATED_DOMAINS = frozenset({
    "029lcdz.com", "02boy.com", "0514f.cn", "15672526ak.iask.in", "360docs.net", "414w.com",
    "51hei.cn", "51onetop.cn", "668528.com", "72177.com", "afpbb.com", "ailuma55.com",
    "ajqwthf.cn", "akcjnk999.com", "allensearle.com", "auto-ty.com", "av069.com", "bao228.com",
    "batgames.net", "bpsa.cn", "caijing.qianxunwang.com.cn", "ce.cguiw.com", "chinaidr.com",
    "chinanewauto.org.cn", "ciudsrc.cn", "cjsjw.cn", "cnkyw.cn", "daluzixun.com",
    "dashoubi.org.cn", "dbsqp.com", "duomi32.cn", "engbus.cn", "epaper.ssxww.com.cn",
    "epaper.zjgrrb.cn", "feifmx.com", "fhxwzx.com", "floridamenpodcast.com", "fubaore.com",
    "fudaoke.com", "fx168cj.com", "gepresearch.com", "gilin.com.cn", "gome-cellars.com",
    "hbgtcfzp.com", "hbhcj.cn", "hbstwm.com", "hbzqbyyxgs.com", "he-bei.cn", "hengyuejishu.com",
    "herich.com.cn", "hjkx.ac.cn", "jinrongribao.com", "jpbzzn.cn", "kandiankuaibao.830036.com",
    "kkannews.com", "kwongwah.com.my", "lfdjt.com", "liyuefang.net", "loja-hidrogenio.com",
    "lu100.cc", "m.1u38hk.cn", "m.blogpowerevents.com", "m.bm463.com", "m.bsbk.net",
    "m.digipub.cc", "m.hbzqbyyxgs.com", "m.itfastcode.com", "m.itxw.cn", "m.iverstown.com",
    "m.jiangsulong.com", "m.jinbaonet.com", "m.jinshudabaoji.com", "m.orisbrush.com",
    "mip.gucheng.com", "mna.net.cn", "mshxw.com", "net5168.com", "news.calyptus.net",
    "news.cncjw.com.cn", "news.qiyechina.com.cn", "news.tbv.cn", "news.zhuyitai.com",
    "njpanjin.com", "northhouse.cc", "one-tool.net", "ppfocus.com", "public.djxww.com",
    "qc.idea-sf.com", "qiaohuadan.com", "redian.news", "scholarmate.com", "sdyjkjfhq.cn",
    "seuboutique.com", "shadafang.com", "shi-fen.com", "sipix.com.cn", "solution.yktchina.com",
    "soolun.net", "sqljys.com", "stallone-f.com", "sxmzlq.com", "td.fyun.cc",
    "tech.jiangsulong.com", "test1.jyh.esint.com.cn", "todaymg.com", "tz1992.com", "unclezhai.com",
    "wanyuanshiji.com", "whtianma.com", "wxredian.com", "xinmeiw.com", "xn--zou516cbfd4w3a.xyz",
    "xuesongtree.com", "yinhu3.com", "yqzksb.com", "yuexinxi.com", "zhenguoke.com",
})

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
                             "jingjinji/evidence.py: list it with its kind to grade the copy")
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


# --- agreement of two copies --------------------------------------------------------------------


def rounding_unit(value: float) -> float:
    """The rounding step a value was written with: 0.1 for 49.3, 100 for 7800, 1 for 2183.

    Trailing zeros of a whole number are read as rounding (7800 km from 0.78 万公里).
    """
    if value == 0 or not math.isfinite(value):
        return 1.0
    text = repr(abs(float(value)))
    if "e" in text:
        mantissa, exponent = text.split("e")
        digits = mantissa.replace(".", "").rstrip("0")
        return 10.0 ** (int(exponent) - (len(digits) - 1))
    whole, _, fraction = text.partition(".")
    fraction = fraction.rstrip("0")
    if fraction:
        return 10.0 ** -len(fraction)
    return 10.0 ** (len(whole) - len(whole.rstrip("0")))


def agree(a: float, b: float) -> bool:
    """Whether two copies agree within the rounding of the less precise of the two.

    The more precise value, rounded or cut off at the less precise one's last digit, gives the
    less precise one (7475.675 km agrees with 7475 km and with 7476 km, not with 7474 km).
    """
    unit = max(rounding_unit(a), rounding_unit(b))
    if abs(a - b) <= unit / 2 * (1 + 1e-9):
        return True
    coarse, fine = (a, b) if rounding_unit(a) >= rounding_unit(b) else (b, a)
    cut = math.copysign(math.floor(abs(fine) / unit + 1e-9) * unit, fine)
    return abs(cut - coarse) <= unit * 1e-6


# --- per-observation evidence -----------------------------------------------------------------


def observation_evidence(package: DataPackage) -> pd.DataFrame:
    """Every observation with its copy grade, corroboration status and the second copies.

    Columns: indicator, region, year, value, source, copy, status, checked_by (the sources of
    the second copies, ``;``-separated) and disagreeing (those that disagree).
    """
    key = ["indicator", "region", "year"]
    obs = package.observations[[*key, "value", "source"]]
    obs = obs.merge(package.sources[["source", "copy"]], on="source", how="left")
    observed = {tuple(k): v for *k, v in obs[[*key, "value"]].itertuples(index=False)}
    checked: dict[tuple, list[str]] = {}
    disagreeing: dict[tuple, list[str]] = {}
    for *k, source, value in package.corroborations[[*key, "source", "value"]].itertuples(
            index=False):
        if tuple(k) not in observed:  # a package cut down to some observations (the loader
            continue                  # refuses a second copy of a value that is not there)
        checked.setdefault(tuple(k), []).append(source)
        if not agree(observed[tuple(k)], value):
            disagreeing.setdefault(tuple(k), []).append(source)
    keys = [tuple(k) for k in obs[key].itertuples(index=False)]
    obs["status"] = ["contradicted" if k in disagreeing else
                     "corroborated" if k in checked else "single copy" for k in keys]
    obs["checked_by"] = [";".join(checked.get(k, [])) for k in keys]
    obs["disagreeing"] = [";".join(disagreeing.get(k, [])) for k in keys]
    return obs


def evidence_summary(package: DataPackage, by: str | None = None) -> pd.DataFrame:
    """Counts of observations by copy grade × status (and by ``by``, e.g. 'theme', if given)."""
    evidence = observation_evidence(package)
    index = ["copy"]
    if by is not None:
        evidence = evidence.merge(package.indicators[["indicator", "theme"]], on="indicator")
        index = [by, "copy"]
    table = pd.crosstab([evidence[c] for c in index], evidence["status"])
    table = table.reindex(columns=list(STATUSES), fill_value=0)
    grades = [g for g in COPY_GRADES if g in set(evidence["copy"])]
    if by is None:
        table = table.reindex(grades, fill_value=0)
    table["total"] = table.sum(axis=1)
    return table


def third_party_corroborated_share(package: DataPackage) -> float:
    """Share of values resting on one third-party copy (reprint, export mirror, compilation)
    that a copy from another owner corroborates."""
    evidence = observation_evidence(package)
    weak = evidence[evidence["copy"].isin(THIRD_PARTY)]
    return float((weak["status"] == "corroborated").mean()) if len(weak) else 1.0


def contradictions(package: DataPackage) -> pd.DataFrame:
    """Every observation a second copy disagrees with: both values, both sources, the notes."""
    evidence = observation_evidence(package)
    key = ["indicator", "region", "year"]
    bad = evidence[evidence["status"] == "contradicted"][[*key, "value", "source"]]
    second = package.corroborations.rename(columns={"value": "other_value",
                                                    "source": "other_source"})
    table = bad.merge(second, on=key)
    table = table[[not agree(a, b) for a, b in
                   zip(table["value"], table["other_value"], strict=True)]]
    return table.reset_index(drop=True)
