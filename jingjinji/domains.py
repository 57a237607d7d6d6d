"""The web domains the book has read figures on, by kind: official sites, state news
organisations, portals, other news outlets, and unrelated sites (content farms, spam, shops).

:func:`jingjinji.copies.domain_kind` looks a host up here. A domain matches itself and every
subdomain. A domain in none of the lists is refused by the loader until it is listed here.
"""

from __future__ import annotations

#: Official sites: the producer's own site or a government site. A domain matches itself and
#: every subdomain (``gov.cn`` covers ``www.gov.cn``, ``hbepb.hebei.gov.cn``, ``sthj.tj.gov.cn``).
PUBLISHER_DOMAINS = {
    "gov.cn": "Chinese government sites: State Council, ministries, provinces, cities, counties",
    "phic.org.cn": "Beijing Health Big Data and Policy Research Centre "
                   "(北京市卫生健康大数据与政策研究中心)",
    "dzsrmyy.com": "Dingzhou People's Hospital (定州市人民医院), its own site",
    "hjkx.ac.cn": "Environmental Science (环境科学), the journal's own site (Research Center for "
                  "Eco-Environmental Sciences, Chinese Academy of Sciences)",
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
    "peopleschina.com": ("People's China (人民中国), Japanese-language magazine, "
                         "China International Communications Group"),
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
    "myzaker.com": "ZAKER (扎客), news aggregator app",
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
    "hk01.com": "HK01 (香港01), Hong Kong news site",
    "ferro-alloys.com": "China Ferroalloy Network (中国铁合金网), trade press",
    "askci.com": "Askci (中商产业研究院), commercial research and data news",
    "afpbb.com": "AFPBB News, Agence France-Presse's Japanese news site",
    "kwongwah.com.my": "Kwong Wah Yit Poh (光华日报), Malaysian Chinese-language daily",
    "zjgrrb.cn": "Zhejiang Workers' Daily (浙江工人日报), its e-paper",
    "hxnews.com": "Haixia Net (海峡网), Fujian news site",
    "sciencenet.cn": "ScienceNet (科学网), China Science Daily (中国科学报)",
    "sputniknews.cn": "Sputnik (俄罗斯卫星通讯社), Russian state news agency, Chinese service",
    "hkcna.hk": "Hong Kong China News Agency (香港新闻网)",
    "nation.com.pk": "The Nation (Pakistan), English-language daily",
    "shine.cn": "SHINE, Shanghai Daily's news site",
    "tribunnews.com": "Tribun News (Indonesia), news portal of the Tribun Network",
    "shvoice.com": ("Beijing-Tianjin Japion (北京・天津ジャピオン), Japanese-language weekly news "
                    "magazine"),
}

#: Domains known to have nothing to do with the figures they carry (content farms, spam, shops,
#: podcasts): a copy there is a ``reprint`` read "only on an unrelated domain". A bare IP address
#: counts as one too. A domain in none of the lists is refused by the loader until it is listed.
UNRELATED_DOMAINS = frozenset({
    "jhkaozuowen.cn", "ryxmt.com.cn", "xjnnet.com", "zaobao.cn", "melab.com.tw",
    "mengtianwen.com", "juredian.net", "baogaosu.com", "antpedia.com",
    "029lcdz.com", "02boy.com", "0514f.cn", "15672526ak.iask.in", "360docs.net", "414w.com",
    "51hei.cn", "51onetop.cn", "668528.com", "72177.com", "ailuma55.com",
    "ajqwthf.cn", "akcjnk999.com", "allensearle.com", "auto-ty.com", "av069.com", "bao228.com",
    "batgames.net", "bpsa.cn", "caijing.qianxunwang.com.cn", "ce.cguiw.com", "chinaidr.com",
    "chinanewauto.org.cn", "ciudsrc.cn", "cjsjw.cn", "cnkyw.cn", "daluzixun.com",
    "dashoubi.org.cn", "dbsqp.com", "duomi32.cn", "engbus.cn", "epaper.ssxww.com.cn",
    "feifmx.com", "fhxwzx.com", "floridamenpodcast.com", "fubaore.com",
    "fudaoke.com", "fx168cj.com", "gepresearch.com", "gilin.com.cn", "gome-cellars.com",
    "hbgtcfzp.com", "hbhcj.cn", "hbstwm.com", "hbzqbyyxgs.com", "he-bei.cn", "hengyuejishu.com",
    "herich.com.cn", "jinrongribao.com", "jpbzzn.cn", "kandiankuaibao.830036.com",
    "kkannews.com", "lfdjt.com", "liyuefang.net", "loja-hidrogenio.com",
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
