"""Networks and streamers by every name the press uses, each with one canonical name."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

_US, _UK, _CA, _KR, _JP, _AU, _IN, _CN = (
    "America/New_York", "Europe/London", "America/Toronto", "Asia/Seoul", "Asia/Tokyo",
    "Australia/Sydney", "Asia/Kolkata", "Asia/Shanghai",
)  # fmt: skip

# canonical name, the zone its schedule is given in, its spellings (regex, case-sensitive).
# Spellings marked with a leading "?" are ordinary words too ("Fox", "Max", "USA"): they count
# only where the sentence treats them as a network ("on Max", "Fox's", "(Fox)").
# fmt: off
_NETWORKS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Netflix", _US, ("Netflix", "NETFLIX")),
    ("Prime Video", _US, (
        r"Amazon Prime Video", r"Prime Video", r"Amazon Prime(?! Day)", r"Amazon Video",
        r"Freevee", r"IMDb TV", r"?Amazon(?!\s+(?:MGM|Studios|Original Movie|Music))",
    )),
    ("FX on Hulu", _US, (r"FX on Hulu",)),
    ("Hulu", _US, (r"Hulu",)),
    ("HBO Max", _US, (r"HBO Max", r"HBOMax", r"?Max(?!\s+[A-Z])")),
    # "HBO and Max" is one premiere on the channel and its streamer: the channel names it.
    ("HBO", _US, (r"HBO(?: and |/)(?:HBO )?Max", r"HBO(?!\s+(?:Max|Documentary|Films))")),
    ("Disney+ Hotstar", _IN, (r"Disney\+ ?Hotstar", r"Disney Plus Hotstar", r"Hotstar")),
    ("Disney+", _US, (r"Disney\+(?! ?Hotstar)", r"Disney Plus(?! Hotstar)", r"Disney\s*\+")),
    ("Disney Channel", _US, (r"Disney Channel", r"Disney Junior", r"Disney Jr\b\.?", r"Disney XD")),
    ("Apple TV+", _US, (r"Apple TV\+", r"Apple TV Plus", r"Apple TV(?!\s+app)", r"AppleTV\+")),
    ("Paramount+", _US, (r"Paramount\+(?: with Showtime)?", r"Paramount Plus")),
    # The cable channel (Yellowstone's), not the streaming service.
    ("Paramount Network", _US, (r"Paramount Network",)),
    ("CBS All Access", _US, (r"CBS All Access",)),
    ("Peacock", _US, (r"Peacock",)),
    ("Adult Swim", _US, (r"Adult Swim", r"Toonami", r"\[adult swim\]")),
    ("PBS Masterpiece", _US, (
        r"PBS Masterpiece", r"Masterpiece on PBS", r"PBS'?s? Masterpiece", r"Masterpiece Theatre",
        r"Masterpiece (?:Mystery!|Classic|Contemporary)", r"MASTERPIECE",
        r"?Masterpiece(?= on| series|'s|’s)",
    )),
    ("PBS", _US, (r"PBS(?! Kids)", r"PBS Kids")),
    ("CBC Gem", _CA, (r"CBC Gem",)),
    ("CBC", _CA, (r"CBC(?! Gem| News)",)),
    ("CTV", _CA, (r"CTV Sci-Fi(?: Channel)?", r"CTV Drama(?: Channel)?", r"CTV Comedy(?: Channel)?",
                  r"CTV(?! News)")),
    ("Crave", _CA, (r"?Crave", r"Crave TV", r"CraveTV")),
    ("Citytv", _CA, (r"Citytv",)),
    ("Global", _CA, (r"Global TV", r"Global Television", r"?Global(?!\s+News)")),
    ("Crunchyroll", "America/Los_Angeles", (r"Crunchyroll",)),
    ("HIDIVE", "America/Los_Angeles", (r"HIDIVE", r"HiDive")),
    ("Funimation", "America/Los_Angeles", (r"Funimation",)),
    ("BBC One", _UK, (r"BBC One", r"BBC 1", r"BBC1")),
    ("BBC Two", _UK, (r"BBC Two", r"BBC 2", r"BBC2")),
    ("BBC Three", _UK, (r"BBC Three", r"BBC3")),
    ("BBC Four", _UK, (r"BBC Four", r"BBC4")),
    ("BBC iPlayer", _UK, (r"BBC iPlayer", r"iPlayer")),
    ("BBC America", _US, (r"BBC America",)),
    ("BBC", _UK, (
        r"BBC(?!\s+(?:Studios|Worldwide|News|Films|One|Two|Three|Four|America|iPlayer|\d)\b)",
    )),
    ("ITV", _UK, (r"ITV1", r"ITV(?!X|\s*Studios|2|3|4|\s+News)")),
    ("ITVX", _UK, (r"ITVX", r"ITV Hub")),
    ("ITV2", _UK, (r"ITV2",)),
    ("Channel 4", _UK, (r"Channel 4", r"Channel Four", r"All 4", r"All4")),
    ("E4", _UK, (r"E4",)),
    ("Channel 5", _UK, (r"Channel 5", r"My5")),
    ("Sky Atlantic", _UK, (r"Sky Atlantic",)),
    ("Sky One", _UK, (r"Sky One", r"Sky 1")),
    ("Sky Max", _UK, (r"Sky Max",)),
    ("Sky Comedy", _UK, (r"Sky Comedy",)),
    ("NOW", _UK, (r"NOW TV",)),
    ("BritBox", _UK, (r"BritBox",)),
    ("Acorn TV", _US, (r"Acorn TV", r"?Acorn")),
    ("tvN", _KR, (r"tvN", r"TVN")),
    ("JTBC", _KR, (r"JTBC",)),
    ("KBS2", _KR, (r"KBS 2TV", r"KBS2TV", r"KBS2", r"KBS 2")),
    ("KBS World", _KR, (r"KBS World",)),
    ("KBS", _KR, (r"KBS(?!2| 2| World)",)),
    ("MBC every1", _KR, (r"MBC [Ee]very ?1",)),
    ("MBC", _KR, (r"MBC(?! [Ee]very ?1)",)),
    ("SBS", _KR, (r"SBS",)),
    ("ENA", _KR, (r"ENA",)),
    ("OCN", _KR, (r"OCN",)),
    ("TVING", _KR, (r"TVING", r"Tving")),
    ("Coupang Play", _KR, (r"Coupang Play",)),
    ("Wavve", _KR, (r"Wavve",)),
    ("TV Chosun", _KR, (r"TV Chosun", r"TV CHOSUN")),
    ("Channel A", _KR, (r"Channel A(?![\w-])",)),
    ("Tencent Video", _CN, (r"Tencent Video", r"WeTV")),
    ("iQIYI", _CN, (r"iQIYI", r"iQiyi", r"IQIYI")),
    ("Youku", _CN, (r"Youku",)),
    ("Mango TV", _CN, (r"Mango TV", r"Hunan TV")),
    ("Zhejiang TV", _CN, (r"Zhejiang TV", r"Zhejiang Satellite TV")),
    ("TV Tokyo", _JP, (r"TV Tokyo",)),
    ("Tokyo MX", _JP, (r"Tokyo MX", r"Tokyo Mx", r"TOKYO MX")),
    ("TV Aichi", _JP, (r"TV Aichi",)),
    ("TVQ Kyushu", _JP, (r"TVQ Kyushu(?: Broadcasting)?",)),
    ("Sun TV", _JP, (r"Sun TV",)),
    ("KBS Kyoto", _JP, (r"KBS Kyoto",)),
    ("Fuji TV", _JP, (r"Fuji TV", r"Fuji Television")),
    ("NHK", _JP, (r"NHK(?: General| Educational)?",)),
    ("Nippon TV", _JP, (r"Nippon TV", r"NTV")),
    ("TV Asahi", _JP, (r"TV Asahi",)),
    ("MBS", _JP, (r"MBS",)),
    ("AT-X", _JP, (r"AT-X",)),
    ("BS11", _JP, (r"BS11",)),
    ("Colors", _IN, (r"COLORS", r"Colors TV", r"?Colors")),
    ("Star Plus", _IN, (r"Star Plus", r"StarPlus", r"STAR Plus")),
    ("Sony TV", _IN, (r"Sony TV", r"Sony Entertainment Television", r"Sony SAB", r"SET India")),
    ("SonyLIV", _IN, (r"SonyLIV", r"Sony LIV", r"SonyLiv")),
    ("Zee TV", _IN, (
        r"Zee TV", r"ZEE TV",
        r"?Zee(?!\s*(?:5|TV|News|Cinema|Studios|Marathi|Bangla|Tamil|Telugu))",
    )),
    ("ZEE5", _IN, (r"ZEE5", r"Zee5")),
    ("JioCinema", _IN, (r"JioCinema", r"Jio Cinema", r"JioHotstar")),
    ("Voot Select", _IN, (r"Voot Select", r"VOOT Select")),
    ("ARY Digital", "Asia/Karachi", (r"ARY Digital", r"ARY")),
    ("Hum TV", "Asia/Karachi", (r"Hum TV", r"HUM TV")),
    ("GMA", "Asia/Manila", (r"GMA Network", r"GMA-7", r"GMA 7", r"GMA(?!\s+News)")),
    ("ABS-CBN", "Asia/Manila", (r"ABS-CBN",)),
    ("GMM TV", "Asia/Bangkok", (r"GMMTV", r"GMM TV", r"GMM 25", r"GMM25")),
    ("Viu", "Asia/Hong_Kong", (r"Viu(?![a-z])", r"VIU(?![A-Z])")),
    ("Sohu", _CN, (r"Sohu TV", r"Sohu Video", r"Sohu")),
    ("Show TV", "Europe/Istanbul", (r"Show TV",)),
    ("ATV", "Europe/Istanbul", (r"?ATV",)),
    ("Star TV", "Europe/Istanbul", (r"Star TV",)),
    ("Kanal D", "Europe/Istanbul", (r"Kanal D",)),
    ("M-Net", "Africa/Johannesburg", (r"M-Net", r"MNet")),
    ("Showmax", "Africa/Johannesburg", (r"Showmax",)),
    ("Stan", _AU, (r"?Stan(?!\s+[A-Z])",)),
    ("Foxtel", _AU, (r"Foxtel",)),
    ("FOX8", _AU, (r"FOX8", r"Fox8", r"FOX 8")),
    ("TVNZ", "Pacific/Auckland", (r"TVNZ(?:\+| ?[12]| OnDemand)?",)),
    ("Three", "Pacific/Auckland", (r"ThreeNow", r"Three NZ")),
    ("Binge", _AU, (r"BINGE", r"?Binge(?![-\s]?(?:watch|worthy|able))")),
    ("Nine", _AU, (r"Nine Network", r"Channel 9", r"Channel Nine", r"9Now")),
    ("Seven", _AU, (r"Seven Network", r"Channel 7", r"Channel Seven", r"7plus")),
    ("Network 10", _AU, (
        r"Network 10", r"Network Ten", r"Channel 10", r"Channel Ten", r"10Play", r"10 Network",
    )),
    ("RTÉ One", "Europe/Dublin", (r"RT[ÉE] ?One", r"RT[ÉE] ?1")),
    ("RTÉ2", "Europe/Dublin", (r"RT[ÉE] ?2", r"RT[ÉE] Two")),
    ("RTÉ Player", "Europe/Dublin", (r"RT[ÉE] Player",)),
    ("RTÉ", "Europe/Dublin", (r"RT[ÉE](?!\s*(?:One|1|2|Two|Player|News))",)),
    ("Virgin Media One", "Europe/Dublin", (r"Virgin Media One", r"Virgin Media 1")),
    ("Virgin Media", "Europe/Dublin", (
        # "Virgin Media Television" is the company that owns the channels, not a channel.
        r"Virgin Media(?! One| 1| Television)(?: Player| Two| Three| More)?",
        r"VIRGIN MEDIA(?! ONE| TELEVISION)",
    )),
    ("TG4", "Europe/Dublin", (r"TG4",)),
    ("ABC iview", _AU, (r"ABC iview", r"ABC iView")),
    ("AMC+", _US, (r"AMC\+", r"AMC Plus")),
    ("AMC", _US, (r"AMC(?!\+| Plus| Studios| Theatres| Networks)",)),
    ("Showtime", _US, (r"Showtime", r"SHOWTIME")),
    ("Starzplay", _US, (r"Starzplay", r"STARZPLAY", r"StarzPlay", r"Starz Play")),
    ("Starz", _US, (r"Starz(?!\s?[Pp]lay)", r"STARZ(?!PLAY)")),
    ("MGM+", _US, (r"MGM\+", r"Epix", r"EPIX")),
    ("Cinemax", _US, (r"Cinemax",)),
    ("NBC", _US, (r"NBC(?!\s*Universal|\s+News|\s+Sports|\s+Studios)",)),
    ("CBS", _US, (r"CBS(?! All Access|\s+Studios|\s+News|\s+Sports)",)),
    ("ABC", _US, (r"ABC(?!\s+(?:Signature|Studios|News|iview|iView))",)),
    ("Fox", _US, (
        r"FOX(?!\s+News)", r"?Fox(?!\s+(?:News|Sports|Searchlight|Business|Studios|Nation)\b)",
    )),
    ("The CW", _US, (r"The CW", r"the CW", r"CW(?! Seed)")),
    ("FXX", _US, (r"FXX",)),
    ("FX", _US, (r"FX(?! on Hulu|X| Productions)",)),
    ("USA Network", _US, (r"USA Network", r"?USA(?!\s+Today)")),
    ("TNT", _US, (r"TNT",)),
    ("TBS", _US, (r"TBS",)),
    ("Syfy", _US, (r"Syfy", r"SYFY", r"Sci-Fi Channel")),
    ("Bravo", _US, (r"?Bravo",)),
    ("Freeform", _US, (r"Freeform", r"ABC Family")),
    ("Pop TV", _US, (r"Pop TV", r"POP TV", r"Pop Network")),
    ("El Rey Network", _US, (r"El Rey Network", r"El Rey")),
    ("Lifetime", _US, (r"?Lifetime",)),
    ("A&E", _US, (r"A&E",)),
    ("History", _US, (r"History Channel", r"?History")),
    ("Discovery", _US, (r"Discovery Channel", r"Discovery\+", r"?Discovery")),
    ("TLC", _US, (r"TLC",)),
    ("HGTV", _US, (r"HGTV",)),
    ("Food Network", _US, (r"Food Network",)),
    ("Comedy Central", _US, (r"Comedy Central",)),
    ("MTV", _US, (r"MTV",)),
    ("VH1", _US, (r"VH1",)),
    ("BET+", _US, (r"BET\+",)),
    ("BET", _US, (r"BET(?!\+)",)),
    ("OWN", _US, (r"OWN",)),
    ("Hallmark Channel", _US, (r"Hallmark Channel", r"Hallmark Movies & Mysteries")),
    ("SundanceTV", _US, (r"SundanceTV", r"Sundance TV")),
    ("IFC", _US, (r"IFC",)),
    ("National Geographic", _US, (r"National Geographic", r"Nat Geo", r"NatGeo")),
    ("Shudder", _US, (r"Shudder",)),
    ("Tubi", _US, (r"Tubi",)),
    ("The Roku Channel", _US, (r"The Roku Channel", r"Roku Channel")),
    ("YouTube", _US, (r"YouTube Premium", r"YouTube Red", r"YouTube")),
    ("Facebook Watch", _US, (r"Facebook Watch",)),
    ("Vice TV", _US, (r"Vice TV", r"VICE TV", r"Viceland", r"VICELAND")),
    ("Nickelodeon", _US, (r"Nickelodeon", r"Nick Jr\.?")),
    ("Cartoon Network", _US, (r"Cartoon Network",)),
    ("Quibi", _US, (r"Quibi",)),
    ("Audience", _US, (r"Audience Network", r"DirecTV")),
    ("Spectrum Originals", _US, (r"Spectrum Originals",)),
    ("Oxygen", _US, (r"?Oxygen",)),
    ("E!", _US, (r"E!",)),
    ("Univision", _US, (r"Univision",)),
    ("Telemundo", _US, (r"Telemundo",)),
    ("S4C", _UK, (r"S4C",)),
    # More of the world's broadcasters and services, by the names their own press uses.
    ("SkyShowtime", "Europe/Amsterdam", (r"SkyShowtime",)),
    ("truTV", _US, (r"truTV", r"TruTV")),
    ("TV Land", _US, (r"TV Land",)),
    ("CMT", _US, (r"CMT",)),
    ("WE tv", _US, (r"WE tv", r"WEtv", r"WE TV")),
    ("Investigation Discovery", _US, (r"Investigation Discovery",)),
    ("Animal Planet", _US, (r"Animal Planet",)),
    ("Travel Channel", _US, (r"Travel Channel",)),
    ("Smithsonian Channel", _US, (r"Smithsonian Channel",)),
    ("Reelz", _US, (r"Reelz", r"REELZ")),
    ("Ovation", _US, (r"Ovation TV", r"?Ovation")),
    ("UPtv", _US, (r"UPtv", r"UP TV")),
    ("Great American Family", _US, (r"Great American Family", r"GAC Family")),
    ("ION", _US, (r"ION Television", r"Ion Television")),
    ("WGN America", _US, (r"WGN America", r"WGN")),
    ("The WB", _US, (r"The WB",)),
    ("UPN", _US, (r"UPN",)),
    ("Crackle", _US, (r"Crackle",)),
    ("Pluto TV", _US, (r"Pluto TV",)),
    ("Sundance Now", _US, (r"Sundance Now",)),
    ("ALLBLK", _US, (r"ALLBLK", r"Allblk")),
    ("UniMás", _US, (r"UniM[áa]s",)),
    ("ViX", _US, (r"ViX\+?", r"Vix\+")),
    ("HBO Latino", _US, (r"HBO Latino",)),
    ("Super Channel", _CA, (r"Super Channel",)),
    ("W Network", _CA, (r"W Network",)),
    ("Showcase", _CA, (r"?Showcase(?!\s+[A-Z])",)),
    ("APTN", _CA, (r"APTN",)),
    ("TVO", _CA, (r"TVO(?!\w)",)),
    ("Radio-Canada", _CA, (
        r"ICI Radio-Canada(?: Télé)?", r"Radio-Canada", r"ICI Télé", r"ICI TOU\.TV",
    )),
    ("TVA", _CA, (r"TVA(?!\w)",)),
    ("Noovo", _CA, (r"Noovo",)),
    ("Télé-Québec", _CA, (r"Télé-Québec",)),
    ("YTV", _CA, (r"YTV",)),
    ("Family Channel", _CA, (r"Family Channel",)),
    ("Sky Showcase", _UK, (r"Sky Showcase",)),
    ("Sky Witness", _UK, (r"Sky Witness",)),
    ("Sky Crime", _UK, (r"Sky Crime",)),
    ("Sky Documentaries", _UK, (r"Sky Documentaries",)),
    ("Sky Arts", _UK, (r"Sky Arts",)),
    ("Dave", _UK, (r"U&Dave", r"UKTV's Dave", r"?Dave(?!\s+[A-Z])")),
    ("Gold", _UK, (r"U&Gold", r"UKTV Gold", r"?Gold(?!\s+[A-Z])")),
    ("Alibi", _UK, (r"U&Alibi", r"?Alibi(?!\s+[A-Z])")),
    ("UKTV", _UK, (r"UKTV Play", r"U&Drama", r"U&W", r"UKTV")),
    ("ITV3", _UK, (r"ITV3",)),
    ("ITV4", _UK, (r"ITV4",)),
    ("ITVBe", _UK, (r"ITVBe",)),
    ("More4", _UK, (r"More4",)),
    ("Film4", _UK, (r"Film4",)),
    ("5Star", _UK, (r"5Star", r"5STAR")),
    ("5USA", _UK, (r"5USA",)),
    ("BBC Scotland", _UK, (r"BBC Scotland",)),
    ("BBC Alba", _UK, (r"BBC Alba", r"BBC ALBA")),
    ("CBBC", _UK, (r"CBBC",)),
    ("CBeebies", _UK, (r"CBeebies",)),
    ("STV", _UK, (r"STV Player", r"STV(?!\w)")),
    ("UTV", _UK, (r"UTV(?!\w)",)),
    # sister channels go by the network's name, as the press lists them
    ("Seven", _AU, (r"7mate", r"7two", r"7flix")),
    ("Nine", _AU, (r"9Go!", r"9GO!", r"9Gem", r"9GEM", r"9Life")),
    ("Network 10", _AU, (r"10 Peach", r"10 Bold", r"10 Shake")),
    ("Kayo", _AU, (r"Kayo Sports", r"?Kayo")),
    ("Māori Television", "Pacific/Auckland", (r"M[āa]ori Television", r"Whakaata M[āa]ori")),
    ("Neon", "Pacific/Auckland", (r"?Neon(?!\s+[A-Z])",)),
    ("ZDF", "Europe/Berlin", (r"ZDFneo", r"ZDF(?!\w)")),
    ("ARD", "Europe/Berlin", (r"ARD(?!\w)", r"Das Erste")),
    ("RTL", "Europe/Berlin", (r"RTL\+", r"RTL(?!\s*[4-9]|\w)")),
    ("Sat.1", "Europe/Berlin", (r"Sat\.1", r"SAT\.1")),
    ("ProSieben", "Europe/Berlin", (r"ProSieben",)),
    ("Joyn", "Europe/Berlin", (r"Joyn",)),
    ("Arte", "Europe/Paris", (r"ARTE(?!\w)", r"?Arte(?!\w)")),
    ("France 2", "Europe/Paris", (r"France 2", r"France2")),
    ("France 3", "Europe/Paris", (r"France 3", r"France3")),
    ("France Télévisions", "Europe/Paris", (r"France T[ée]l[ée]visions", r"france\.tv")),
    ("TF1", "Europe/Paris", (r"TF1",)),
    ("Canal+", "Europe/Paris", (r"Canal\+", r"Canal Plus")),
    ("M6", "Europe/Paris", (r"M6(?!\w)",)),
    ("Movistar Plus+", "Europe/Madrid", (r"Movistar\+", r"Movistar Plus\+?")),
    ("RTVE", "Europe/Madrid", (r"RTVE", r"TVE(?!\w)", r"La 1(?!\d)")),
    ("Antena 3", "Europe/Madrid", (r"Antena 3", r"Atresplayer")),
    ("Telecinco", "Europe/Madrid", (r"Telecinco",)),
    ("Rai", "Europe/Rome", (r"Rai ?[123](?!\d)", r"RaiPlay", r"RAI(?!\w)", r"Rai Fiction")),
    ("Canale 5", "Europe/Rome", (r"Canale 5",)),
    ("Mediaset", "Europe/Rome", (r"Mediaset(?: Infinity)?",)),
    ("SVT", "Europe/Stockholm", (r"SVT ?Play", r"SVT ?[12](?!\d)", r"SVT(?!\w)")),
    ("TV4", "Europe/Stockholm", (r"TV4(?!\w)",)),
    ("C More", "Europe/Stockholm", (r"C More",)),
    ("Viaplay", "Europe/Stockholm", (r"Viaplay",)),
    ("DR", "Europe/Copenhagen", (r"DR ?1(?!\d)", r"DRTV", r"DR TV")),
    ("TV 2 Denmark", "Europe/Copenhagen", (r"TV 2 Danmark", r"TV 2 Play")),
    ("NRK", "Europe/Oslo", (r"NRK ?1", r"NRK(?!\w)")),
    ("Yle", "Europe/Helsinki", (r"Yle Areena", r"YLE(?!\w)", r"?Yle(?!\w)")),
    ("RÚV", "Atlantic/Reykjavik", (r"R[ÚU]V(?!\w)",)),
    ("NPO", "Europe/Amsterdam", (r"NPO ?[123]?(?!\w)", r"NPO Start")),
    ("Videoland", "Europe/Amsterdam", (r"Videoland",)),
    ("VRT", "Europe/Brussels", (r"VRT(?: MAX| 1)?", r"Eén(?!\w)")),
    ("VTM", "Europe/Brussels", (r"VTM(?!\w)", r"VTM GO")),
    ("TVP", "Europe/Warsaw", (r"TVP ?[12]?(?!\w)",)),
    ("Polsat", "Europe/Warsaw", (r"Polsat",)),
    ("Globo", "America/Sao_Paulo", (r"TV Globo", r"Rede Globo", r"Globoplay", r"?Globo(?!\w)")),
    ("SBT", "America/Sao_Paulo", (r"SBT(?!\w)",)),
    ("Record", "America/Sao_Paulo", (r"RecordTV", r"Record TV", r"TV Record")),
    ("Las Estrellas", "America/Mexico_City", (r"Las Estrellas", r"Canal de las Estrellas")),
    ("Canal 5", "America/Mexico_City", (r"Canal 5(?!\d)",)),
    ("Televisa", "America/Mexico_City", (r"Televisa",)),
    ("TV Azteca", "America/Mexico_City", (r"TV Azteca", r"Azteca (?:Uno|7|Trece)")),
    ("Caracol", "America/Bogota", (r"Caracol Televisi[óo]n", r"Caracol TV", r"?Caracol(?!\w)")),
    ("RCN", "America/Bogota", (r"Canal RCN", r"RCN Televisi[óo]n", r"RCN(?!\w)")),
    ("Telefe", "America/Argentina/Buenos_Aires", (r"Telefe",)),
    ("El Trece", "America/Argentina/Buenos_Aires", (r"El Trece",)),
    ("Chilevisión", "America/Santiago", (r"Chilevisi[óo]n",)),
    ("MBN", _KR, (r"MBN(?!\w)",)),
    ("Mnet", _KR, (r"Mnet(?!\w)",)),
    ("SBS Plus", _KR, (r"SBS Plus",)),
    ("WOWOW", _JP, (r"WOWOW",)),
    ("ABEMA", _JP, (r"AbemaTV", r"ABEMA", r"Abema(?!\w)")),
    ("Animax", _JP, (r"Animax",)),
    ("U-Next", _JP, (r"U-NEXT", r"U-Next")),
    ("BS Fuji", _JP, (r"BS Fuji",)),
    ("BS Asahi", _JP, (r"BS Asahi",)),
    ("BS NTV", _JP, (r"BS NTV", r"BS Nippon TV", r"BS Nittele")),
    ("Kansai TV", _JP, (r"Kansai TV",)),
    ("Yomiuri TV", _JP, (r"Yomiuri TV",)),
    ("TV Osaka", _JP, (r"TV Osaka",)),
    ("CCTV", _CN, (r"CCTV(?:-| )?\d{1,2}", r"CCTV(?!\w)")),
    ("Dragon TV", _CN, (r"Dragon TV", r"Dragon Television")),
    ("Jiangsu TV", _CN, (r"Jiangsu TV", r"Jiangsu Satellite TV")),
    ("Beijing TV", _CN, (r"Beijing TV", r"Beijing Satellite TV")),
    ("Bilibili", _CN, (r"Bilibili", r"bilibili")),
    ("TVB", "Asia/Hong_Kong", (r"TVB(?!\w)", r"TVB Jade")),
    ("ViuTV", "Asia/Hong_Kong", (r"ViuTV",)),
    ("TTV", "Asia/Taipei", (r"TTV(?!\w)",)),
    ("SET TV", "Asia/Taipei", (r"SET TV", r"Sanlih")),
    ("FTV", "Asia/Taipei", (r"FTV(?!\w)",)),
    ("PTS", "Asia/Taipei", (r"PTS(?!\w)",)),
    ("Channel 3", "Asia/Bangkok", (r"Channel 3 Thailand", r"Ch3 Thailand", r"Ch3Thailand")),
    ("One31", "Asia/Bangkok", (r"One31", r"ONE31", r"oneD")),
    ("Thai PBS", "Asia/Bangkok", (r"Thai PBS",)),
    ("TV5", "Asia/Manila", (r"TV5(?!\w)",)),
    ("Kapamilya Channel", "Asia/Manila", (r"Kapamilya Channel", r"Kapamilya Online Live")),
    ("A2Z", "Asia/Manila", (r"A2Z(?: Channel 11)?",)),
    ("iWantTFC", "Asia/Manila", (r"iWantTFC", r"iWant TFC", r"iWant(?!\w)")),
    ("RCTI", "Asia/Jakarta", (r"RCTI",)),
    ("SCTV", "Asia/Jakarta", (r"SCTV",)),
    ("Vidio", "Asia/Jakarta", (r"Vidio(?!\w)",)),
    ("Astro", "Asia/Kuala_Lumpur", (r"Astro Ria", r"Astro Prima", r"?Astro(?!\s+[A-Z])")),
    ("Mediacorp", "Asia/Singapore", (r"Mediacorp", r"meWATCH", r"meWatch")),
    ("VTV", "Asia/Ho_Chi_Minh", (r"VTV ?[13]?(?!\w)",)),
    ("Star Bharat", _IN, (r"Star Bharat",)),
    ("Star Vijay", _IN, (r"Star Vijay", r"Vijay TV")),
    ("Star Jalsha", _IN, (r"Star Jalsha",)),
    ("&TV", _IN, (r"&TV", r"And TV")),
    ("Voot", _IN, (r"Voot(?! Select)", r"VOOT(?! Select)")),
    ("ALTBalaji", _IN, (r"ALTBalaji", r"ALT Balaji", r"ALTT")),
    ("MX Player", _IN, (r"MX Player",)),
    ("Amazon miniTV", _IN, (r"Amazon miniTV", r"miniTV")),
    ("Doordarshan", _IN, (r"Doordarshan", r"DD National")),
    ("Dangal TV", _IN, (r"Dangal TV",)),
    ("Geo TV", "Asia/Karachi", (r"Geo TV", r"Geo Entertainment", r"Har Pal Geo", r"GEO TV")),
    ("Express Entertainment", "Asia/Karachi", (r"Express Entertainment",)),
    ("Green Entertainment", "Asia/Karachi", (r"Green Entertainment",)),
    ("PTV", "Asia/Karachi", (r"PTV Home", r"PTV(?!\w)")),
    ("TRT 1", "Europe/Istanbul", (r"TRT ?1", r"TRT(?!\w)")),
    ("TV8", "Europe/Istanbul", (r"TV8(?!\w)",)),
    ("BluTV", "Europe/Istanbul", (r"BluTV", r"BluTv")),
    ("Exxen", "Europe/Istanbul", (r"Exxen",)),
    ("Shahid", "Asia/Riyadh", (r"Shahid VIP", r"?Shahid(?!\s+[A-Z])")),
    ("OSN", "Asia/Dubai", (r"OSN\+?",)),
    ("SABC", "Africa/Johannesburg", (r"SABC ?[123]?(?!\w)",)),
    ("e.tv", "Africa/Johannesburg", (r"e\.tv", r"eTV(?!\w)")),
    ("Mzansi Magic", "Africa/Johannesburg", (r"Mzansi Magic",)),
    ("Africa Magic", "Africa/Lagos", (r"Africa Magic",)),
)
# fmt: on
# Names that did not exist before a known year: a page that names one was written that year or
# later, whatever it fails to say of its date. Public facts: the year each name was made public
# (its launch or its announcement, whichever came first). Only names no older word shares.
# fmt: off
_NAMED_SINCE: tuple[tuple[str, int], ...] = (
    (r"Disney\+(?! ?Hotstar)|Disney Plus(?! Hotstar)", 2018),
    (r"Disney\+ ?Hotstar|Disney Plus Hotstar", 2020),
    (r"Apple TV\+|Apple TV Plus|AppleTV\+", 2019),
    (r"HBO ?Max", 2019),
    (r"Paramount\+|Paramount Plus", 2020),
    (r"Paramount\+ with Showtime", 2023),
    (r"Paramount Network", 2017),
    (r"(?<!the )Peacock(?! [Nn]etwork)", 2019),  # "the Peacock network" is NBC's old nickname
    (r"Discovery\+", 2020),
    (r"Freevee", 2022),
    (r"IMDb TV", 2019),
    (r"YouTube Premium", 2018),
    (r"YouTube Red", 2015),
    (r"ITVX", 2021),
    (r"BritBox", 2016),
    (r"Coupang Play", 2020),
    (r"Wavve", 2019),
    (r"HIDIVE|HiDive", 2017),
    (r"AMC\+|AMC Plus", 2020),
    (r"BET\+", 2019),
    (r"The Roku Channel|Roku Channel", 2017),
    (r"Shudder", 2015),
    (r"Globoplay", 2015),
    (r"SkyShowtime", 2021),
    (r"Quibi", 2018),
    (r"ZEE5|Zee5", 2018),
)
# fmt: on
_NAMED_SINCE_RE = tuple(
    (re.compile(rf"(?<![\w+])(?:{spelling})(?![\w+])"), year) for spelling, year in _NAMED_SINCE
)


def written_since(text: str) -> int | None:
    """The earliest year a text can have been written in, by the services it names ("Paramount+"
    did not exist before 2020); None when it names none that says."""
    years = [year for pattern, year in _NAMED_SINCE_RE if pattern.search(text)]
    return max(years, default=None)


# Where an ambiguous spelling counts: a preposition before it, or a possessive or verb after.
_CONTEXT_BEFORE = re.compile(
    r"(?:\b(?:on|to|at|via|from|by|for|with|and|exclusively\s+on|streaming\s+on)\s+(?:the\s+)?"
    r"|[(,/]\s*)$"
)
_CONTEXT_AFTER = re.compile(
    r"^(?:'s|’s|\s*[),/]|\s+(?:network|has|have|had|will|is|announced|revealed|confirmed|said|"
    r"ordered|renewed|picked|released|dropped|shared|original|series|drama|comedy|sets|set))"
)


@dataclass(frozen=True, slots=True)
class NetworkMention:
    name: str  # canonical
    start: int
    end: int


def _first_characters(regex: str) -> set[str]:
    """The characters a spelling can begin with ("[adult swim]" -> "[", "RT[ÉE] One" -> "R")."""
    if regex.startswith("\\"):
        return {regex[1]}
    if regex.startswith("["):
        return set(regex[1 : regex.index("]")])
    return {regex[0]}


_SHOUTABLE = re.compile(r"(?=.*[a-z])(?:[A-Za-z]+(?: [A-Za-z]+)+|[A-Za-z ]+\\\+)")


@cache
def _patterns() -> tuple[re.Pattern[str], dict[str, re.Pattern[str]], dict[str, tuple[str, bool]]]:
    """Where a spelling can begin (a character some spelling starts with, after a non-word),
    and for each such character one alternation of the spellings that start with it, longest
    first, each in a group named after it. Trying only those, only there, is what makes a
    scan of a long page cheap."""
    spellings: list[tuple[str, str, bool]] = []
    for canonical, _zone, variants in _NETWORKS:
        for variant in variants:
            ambiguous = variant.startswith("?")
            spellings.append((variant.lstrip("?"), canonical, ambiguous))
            if not ambiguous and _SHOUTABLE.fullmatch(variant) and variant.upper() not in variants:
                # "premieres on BBC AMERICA": a press release's capitals. Names of two words
                # or with a "+" only: "GLOBAL" or "DAVE" in capitals is as likely a word.
                spellings.append((variant.upper(), canonical, False))
    spellings.sort(key=lambda item: -len(re.sub(r"\(\?.*?\)|\\", "", item[0])))
    groups: dict[str, tuple[str, bool]] = {}
    parts: dict[str, list[str]] = {}
    for index, (regex, canonical, ambiguous) in enumerate(spellings):
        name = f"n{index}"
        groups[name] = (canonical, ambiguous)
        for char in _first_characters(regex):
            parts.setdefault(char, []).append(f"(?P<{name}>{regex})")
    # "+" ends some names, so the right edge is "not a word character", not \b.
    by_first = {
        char: re.compile(r"(?:" + "|".join(alternatives) + r")(?![\w@-])")
        for char, alternatives in parts.items()
    }
    starts = re.compile(r"(?<![\w@#/.-])[" + re.escape("".join(sorted(by_first))) + "]")
    return starts, by_first, groups


def find_networks(text: str) -> list[NetworkMention]:
    """Every network named in the text, canonical, in order."""
    return list(_networks_in(text))


@lru_cache(maxsize=256)
def _networks_in(text: str) -> tuple[NetworkMention, ...]:
    # One scan per text: the headline and the opening are asked about by several readers.
    starts, by_first, groups = _patterns()
    found = []
    reach = 0  # mentions do not overlap: a start inside the last one is no start
    for start in starts.finditer(text):
        if start.start() < reach:
            continue
        match = by_first[start.group()].match(text, start.start())
        if match is None:
            continue
        reach = match.end()
        canonical, ambiguous = groups[match.lastgroup or ""]
        if ambiguous and not _reads_as_network(text, match.start(), match.end()):
            continue
        found.append(NetworkMention(canonical, match.start(), match.end()))
    return tuple(found)


@lru_cache(maxsize=4096)
def canonical_network(name: str) -> str | None:
    """The canonical name for a spelling ("Amazon Prime Video" -> "Prime Video"), if known."""
    text = f"on {name.strip()}"
    mentions = find_networks(text)
    # The whole name must be the spelling: "Netflix's Nobody Wants This" is no network.
    whole = [m for m in mentions if m.start == 3 and m.end == len(text)]
    return whole[0].name if whole else None


def network_zone(name: str | None) -> str | None:
    """The zone a network's schedule is announced in (its home market)."""
    for canonical, zone, _ in _NETWORKS:
        if canonical == name:
            return zone
    return None


def _reads_as_network(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 30) : start]
    after = text[end : end + 20]
    return bool(_CONTEXT_BEFORE.search(before) or _CONTEXT_AFTER.match(after))
