"""What a premiere article announces: the lead show's premiere, and every other one.

The reading is rule-based and sentence by sentence. A date counts as a premiere only when a
premiere word governs it ("premieres", "returns", "set for", a schedule line) and nothing closer
makes it something else: a finale, a festival screening, a trailer, the day of the announcement,
a date since superseded ("originally set for May 3"), a guess ("could arrive"), or a day already
past. Each premiere is bound to the show, season and network its sentence names, or, when the
sentence names none ("It returns March 8"), to the article's lead show: the headline's.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.articles import first_season, networks, ranking, seasons, titles, when
from bot.articles.text import LIST_NUMBER, Sentence, line_around, split_sentences
from bot.domain.dates import Precision
from bot.domain.shows import window_end

FIELDS = ("show", "season", "network", "premiere")
PREMIERE_THRESHOLD = 1.0
_DAY_BONUS = 0.3  # what a day-precise date adds to its score: the likelier premiere
TRACK_CONFIDENCE = 0.6  # below it a show is a guess: shown as unsure, never offered to track


@dataclass(frozen=True, slots=True)
class PremiereFacts:
    """One announced premiere (or, for an article's lead show, possibly none)."""

    show: str | None
    season: int | None
    network: str | None
    premiere: datetime | None  # aware, UTC: the start of the announced day, month or year
    premiere_precision: Precision | None
    timezone: str | None  # the IANA zone the premiere is announced in
    confidence: Mapping[str, float] = field(default_factory=dict)  # 0..1 per field in FIELDS
    evidence: str | None = None  # the sentence that states the premiere

    @property
    def trackable(self) -> bool:
        """A show was found with confidence: only then is there something to offer to track
        (a name guessed from an address alone, or a headline the text never repeats, is not)."""
        return bool(self.show) and self.confidence.get("show", 0.0) >= TRACK_CONFIDENCE

    @property
    def local_premiere(self) -> datetime | None:
        """The premiere in its own zone: the day the article names, at the time it names."""
        if self.premiere is None:
            return None
        return self.premiere.astimezone(ZoneInfo(self.timezone or "UTC"))


# ---------------------------------------------------------------------------- cue words

# Leagues and their events: a season of one starts and ends too.
_SPORTS = (
    r"league|NFL|NBA|MLB|NHL|MLS|NCAA|UFC|WWE|tournament|World\s+Cup|Olympics?|playoffs?"
    r"|Super\s+Bowl|Grand\s+Prix|match(?:es)?|cricket|rugby|tennis|golf|Wimbledon|Ashes"
    r"|Formula\s+(?:1|One)|motorsport|boxing"
)
# Forty episodes or more, all at once: a finished run, not a season ("all 8 episodes" is one).
_WHOLE_RUN = r"(?:all|every)\s+(?:[4-9]\d|\d{3})\s+episodes"
_CUE_RE = re.compile(
    # Every cue starts a word: the one look up front turns away the other positions at once
    # (each group tried in turn there costs three times as long).
    r"""\b(?=[^\W_])(?:
      (?P<neg>\b(?:(?:season|series|mid-?season|winter|spring|summer|fall)\s+finales?|finales?
        |final\s+episodes?|last\s+episode|mid-?season|winter\s+premiere|hiatus
        |(?:winter|holiday|midseason|summer)\s+break|back\s+half|(?:second|latter|final|last)\s+(?:half|part)\s+of\s+(?:the\s+)?season
        |the\s+half\s+of\s+(?:the\s+)?season
        |time\s*slots?|new\s+(?:night|time|day)|moves?\s+to|moving\s+to|shifts?\s+to|relocat\w*
        # "to Repeat First Episode of ...": the premiere's words are what is repeated
        |(?:repeat|rebroadcast|re-air|reair|encore)s?\s+(?:of\s+)?(?:the\s+|its\s+)?(?:first|pilot
          |premiere)\s+episodes?
        |repeats?|reruns?|re-runs?|encores?|re-airs?|reairs?|replay(?:s|ed|ing)?|marathon
        |re-?broadcast(?:s|ed|ing)?|re-?telecast(?:s|ed|ing)?
        |catch\s+up|binge|draws?\s+to\s+a\s+close|(?:last|final)\s+(?:serial|telecast|broadcast)
        |(?:(?:will|to|is|are)\s+(?:be\s+|being\s+)?)?(?:broadcast|air(?:ed|ing|s)?|shown
          |showing|screened|screening)\s+again\b  # "will be broadcast again": a rerun
        |(?:holiday|christmas|reunion|anniversary|standalone|one-off|festive|halloween|clip
          |retrospective)\s+specials?|special\s+episodes?|specials?(?!\s+(?:two|premiere|event|sneak
          |preview|look|guest|effects|screening|time))
        |festivals?
        |"""
    + _WHOLE_RUN
    + r"""  # "All 180 episodes of Seinfeld": a library
        |seasons\s+(?:\d+|one|two|three|four|five)\s*(?:-|–|to|through|and|&)\s*(?:\d+|two|three
          |four|five|six|seven|eight)|(?:all|every)\s+(?:\w+\s+)?seasons|(?:entire|complete)\s+series
          |back\s+catalogu?e  # "Seasons one through three will stream on Hulu": a library's
        |(?<!our\s)(?<!your\s)(?<!TV\s)(?<!small\s)screen(?:s|ed|ings?)?  # "TV screens": TV
        |SXSW|Comic-?Con|TIFF|Tribeca|Sundance(?!\s*TV)|Cannes
        |Berlinale|panels?|red\s+carpet|world\s+premiere|ratings?|viewers|Nielsen|demo
        |share\s+of|born|birthday|died|anniversary|trailers?|teasers?|first\s+look|posters?
        |clips?|tickets|on\s+sale|tour|filming|production|shoot(?:ing)?|casting|DVD|Blu-?ray
        |box\s+set|digital\s+download|home\s+video|soundtrack|after-?show|reunion
        |(?:Emmys?|Golden\s+Globes?|awards?)(?!®?[\s-]*(?:awards?[\s-]*)?(?:winning|nominated))
        |nominations?|submissions?|podcast|comic|novel|book|game(?!\s+show)
        |convention|live\s+event|(?:programming|network|annual|slate|media|press)\s+launch|upfronts?
        |auditions?|conclud(?:e|es|ing)|wraps?\s+up|wrapping\s+up
        |(?:comes?|coming)\s+to\s+an\s+end|off\s+(?:the\s+)?air
        |(?:the|this|that)\s+(?:episode|special|film|movie|one-off)(?!\s+(?:two|three|premiere|event|season|edition))
        |(?:Irish|British|UK|Australian|Canadian|Kiwi)\s+screens
        |(?:UK|Irish|British|Australian|Canadian)\s+(?:premiere|debut|viewers|audiences)
        |(?:US|U\.S\.)\s+(?:premiere|debut)|"""
    + _SPORTS
    + r"""
        |season\s+\w+\s+(?:was|has\s+been)\s+renewed
        |episode\s+(?:\d+|two|three|four|five|six|seven|eight|nine|ten)|next\s+week\s*:
        |(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|final|last|\d+(?:nd|rd|th))
          \s+episode)\b)
    | (?P<superseded>\b(?:originally|initially|previously|had\s+been|formerly|no\s+longer
        |bail(?:s|ed|ing)?\s+on|scrap(?:s|ped|ping)?|abandon(?:s|ed|ing)?|call(?:s|ed)?\s+off
        |(?:was|were)\s+(?:originally\s+|initially\s+)?(?:set|scheduled|slated|due|supposed
          |planned|meant|expected|going)
        |instead\s+of|rather\s+than|(?:moved|pushed|delayed|bumped|shifted)\s+(?:up\s+|back\s+
          |forward\s+)?from|from\s+(?:its|the)\s+(?:original|earlier|previous|planned))\b)
    | (?P<winner>\b(?:now|moved\s+(?:up\s+|back\s+|forward\s+)?to|pushed\s+(?:back\s+|up\s+)?to
        |rescheduled\s+(?:for|to)|new\s+(?:premiere\s+|release\s+)?date|instead|will\s+now
        |bumped\s+(?:up\s+)?to|(?:delayed|postponed)\s+(?:to|until)(?!\s+further))\b)
    | (?P<strong>\b(?:(?:series|season)\s+premiere|premier(?:e|es|ing)(?!d)|debut(?:s|ing)?\b
        |(?:with|brings?|bringing)\s+(?:a\s+)?new\s+seasons?\s+of
        |(?<=will\s)premier\b|(?<=to\s)premier\b
        |ahead\s+of\s+(?:its|their|the)\s+(?:return|premiere|debut|launch)
        |bows?|(?:is|are)\s+set\s+(?:to|for)|set\s+(?:to|for)|slated|scheduled
        |(?:release|premiere|air|launch|debut|return)\s+date|dated\s+for
        |(?:two|three|four|2|3|4)-night\s+(?:event|premiere|launch|return|debut)|due\s+(?:to|on|out|in|for)
        |first\s+episode|(?<=['’])ll\s+be\s+back|will\s+(?:air|broadcast|stream|arrive|return|drop|hit|land|begin|start|debut
          |premiere|launch|bow|follow|be\s+(?:available|released|back|streaming|airing|aired
          |broadcast|shown|screened\s+on)|come\s+back)
        |(?:dated|dates|slated|slates|slotted|booked)\s+(?:[\w'’:&-]+\s+){0,6}?(?:for|on)\b
        |(?<!on\s)(?<!the\s)sets?\b(?!\s+(?:in|during|against
          |among|around|amid|inside|aboard|within|across|between|after|before|over|off|out|up|piece
          |design)\b)
        |to\s+(?:air|stream|return|arrive|drop|hit|land|debut|bow)\b|to\s+be\s+(?:released|available)|goes?\s+live|gets?\s+(?:a|its)
          \s+(?:premiere|release)\s+date|(?:is|are)\s+coming)\b)
    | (?P<past>\b(?:since\s+(?:its\s+)?(?:debut(?:ing)?|premier(?:e|ing)|launch(?:ing)?)
        |premiered|debuted|bowed|launched|returned|arrived|aired|dropped|began|started
        |opened|(?<!be\s)released|begun|streamed|kicked\s+off|wrapped|ended|concluded|finished|drew|earned
        |pulled\s+in|scored|attracted|averaged|delivered|ran|went\s+live|has\s+aired|have\s+aired
        |was|were)\b)
    | (?P<weak>\b(?:returns?|returning|resum(?:e|es|ing)|starting|beginning|adds?|adding
        |arriv(?:e|es|ing)|com(?:ing|es?)\s+(?:back\s+)?to|back\s+
        (?:on|for)(?!\s+(?:set|screen|stage|track|the\s+set))|brings?\s+back|bringing\s+back
        |follows?|kicks?\s+off|hit(?:s|ting)?(?=\s+(?:on\s+)?(?:[A-Z]|the\s+(?:small\s+)?screen|(?:TV\s+)?screens|streaming))
        |lands?|launch(?:es|ing)?|drops?|streaming\s+(?:on|from)|available\s+(?:to\s+
        stream|on|from)|available(?=\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue
          |wed|thu|fri|sat|sun|\d))|airs?|airing|begins?|starts?|opens?|releas(?:e|es|ing)|out\s+on
        |on(?:to)?\s+(?:our\s+|your\s+)?screens|streams?|(?:is|are)\s+back|tune\s+in)\b)
    | (?P<report>\b(?:announced|announces|announcing|revealed|reveals|revealing|confirmed|confirms
        |unveiled|unveils|said|says|told|shared|teased|tweeted|posted|reported|renewed|ordered
        |picked\s+up|greenlit|greenlighted|cancell?ed|cancels|revealed\s+on)\b)
    | (?P<spec>\b(?:could|might|likely|unlikely|possibly|probably|perhaps|predict\w*|speculat\w*
        |guess\w*|rumou?r\w*|reportedly|hopeful(?:ly)?|hoping|estimate\w*|assum\w*|potentially|wager
        |bet|if|we\s+think|(?-i:may)(?=\s+(?:premiere|debut|arrive|return|air|drop|land|hit|come
          |be|launch|stream))|would\s+(?:likely|probably)|speculation|theory
        |(?:all\s+)?indications\s+(?:suggest|are|point))\b)
    | (?P<soft>\b(?:expected|expect|tentatively|aiming|eyeing|targeting|planned|aims|hopes)\b)
    )""",
    re.VERBOSE | re.IGNORECASE,
)
# A date the sentence has from hearsay, whatever clause it stands in: not announced yet.
_HEARSAY = re.compile(
    r"(?i)\b(?:(?:latest|the)\s+buzz|according\s+to\s+(?:(?:media|recent|some|unconfirmed)\s+)?"
    r"(?:reports|rumou?rs|sources|insiders)|as\s+per\s+(?:the\s+|some\s+)?(?:latest\s+)?"
    r"(?:reports|buzz|rumou?rs)|(?:sources|insiders)\s+(?:say|said|claim|suggest))\b"
)
_CUE_STRENGTH = {"strong": 3.0, "winner": 3.0, "weak": 2.0, "past": 2.2, "report": 2.4}
# "Press release", "release schedule": nouns, not a premiere being released.
_FALSE_RELEASE = re.compile(r"(?i)\b(?:press|news)\s+release|release\s+schedule")
_WITHDRAWN_RE = re.compile(
    r"""(?ix)\b(?:until\s+further\s+notice|indefinitely|to\s+a\s+later\s+date|(?:a\s+)?new\s+date
      \s+(?:has\s+not|hasn't|is\s+yet\s+to|will\s+be)|pulled\s+from\s+(?:the\s+)?schedule
      |taken\s+off\s+the\s+schedule|no\s+longer\s+(?:premiering|airing|set)|shelved|scrapped
      |(?:has|have)\s+been\s+(?:postponed|delayed)(?!\s+(?:to|until|till|by|for)\b)
      |(?:pulled|removed|dropped)\s+(?:[\w'’,]+\s+){0,6}?from\s+(?:[\w'’]+\s+){0,2}schedules?
      |postpon(?:e|es|ed|ing)\s+(?:the\s+|its\s+|their\s+)?(?:[\w-]+\s+){0,2}
        (?:premiere|debut|launch|return)s?\b(?!\s+(?:to|until|till|for)\s+(?:[A-Z]|\d)))\b"""
)
_NOUN_CUE = re.compile(r"(?i)(?:series\s+|season\s+)?premiere|debut|launch|return|release")
_PAST_VERB = re.compile(
    r"\b(?:was|were|had|did|drew|went|came|saw|left|got|began|ran|took|made|gave|brought"
    r"|(?!(?:schedul|slat|dat|set|expect|announc|confirm|reveal|plann|need)ed\b)[a-z]{3,}ed)\b"
)
_MOVE_VERB = re.compile(
    r"(?i)\b(?:mov(?:e[sd]?|ing)\b|push|delay|shift|bump|reschedul|postpon|chang|advanc|brought)\w*"
)
_BREAK = re.compile(r"(?i)hiatus|(?:winter|holiday|midseason|summer)\s+break|mid-?season")
# A headline about returns from a break ("midseason premieres" are often new shows' dates).
_BREAK_HEADLINE = re.compile(
    r"(?i)hiatus|(?:winter|holiday|midseason|summer)\s+break|back\s+half"
    # "Restless for mid-season? Here are return dates": returns, in the middle of seasons
    r"|mid-?season\b.*\breturn|\breturn\w*\b.*\bmid-?season"
)
_SUBJECT_NOT_A_SEASON = re.compile(
    r"(?i)(?:the|this|that)\s+(?:episode|special|film|movie|one-off)|(?:\w+\s+)?finale|reunion"
    r"|seasons\s|(?:all|every)\s|(?:entire|complete)\s+series"  # a library's old seasons
)
_LIBRARY = re.compile(f"(?i){_WHOLE_RUN}")
# A production's own calendar: the cameras, not the air.
_ON_SET = re.compile(
    r"(?i)\b(?:(?:continue|continues|begin|begins|start|starts|resume|resumes)\s+(?:filming|shooting)"
    r"|(?:back\s+)?on\s+set\b|(?:will|to)\s+(?:shoot|film)\b|cameras\s+(?:roll|start\s+rolling))"
)
_THAT_THE = re.compile(r"(?i)\bthat\s+(?:the\s+)?$")
# "July 7 (Episode 133)": the date of an episode well into a run.
_NEG_AFTER = re.compile(
    r"(?i)(?:\w+\s+)?finale|special|screening|episode\s+(?:[2-9]|\d\d+|two|three|four|five|six"
    r"|seven|eight|nine|ten)\b"
)
_LAUNCH_CUE = re.compile(r"(?i)\b(?:launch(?:es|ed|ing)?|goes\s+live|go\s+live)\b")
_SERVICE_WORDS = re.compile(r"(?i)\b(?:service|platform|streamer|app|network|channel)\s*$")
_FRONTED = re.compile(r"(?i)\s*(?:on|starting|beginning|from|come)?\s*")
# What a show is adapted from: "the adaptation of Sally Rooney’s novel" is no book's date.
_SOURCE_WORK = re.compile(r"(?i)novel|book|comic|game")
_ADAPTED = re.compile(r"(?i)\b(?:adaptation|adapted|based\s+on|inspired\s+by)\b")
# Verbs any broadcast takes, a special's as much as a premiere's: they end no special's or
# finale's claim (a trailer's they do: "the trailer shows season 2 will air on June 3").
_AIRING_VERB = re.compile(r"(?i)(?:to|will)\s+air|will\s+be\s+airing")
_SPORT_NEG = re.compile(f"(?i){_SPORTS}")
_SHOW_VERB = re.compile(r"(?i)premier|debut|bow|return|air|stream|new\s+seasons?")
_BROADCAST_KIND = re.compile(
    r"(?i)special|finale|episode|repeat|rerun|re-run|encore|re-?air|marathon|after-?show"
)
# A clause with no subject of its own, after a comma: "…, to air on May 27", "…, set to
# premiere in June". It tells of the noun before the comma.
_REDUCED_CLAUSE = re.compile(
    r"(?i)\s*(?:(?:set|slated|scheduled|due)\s+)?to\s+(?:air|premiere|debut|stream|launch)\b"
)
_CLAUSE_BREAK = re.compile(
    r";|\s[—–]\s|,(?!\s*\d{4}\b)|\s(?:but|while|whereas|although|though|after|before|following"
    r"|which|who|unlike|when)\s|:\s"
)
_NETWORK_DISTRACTOR = re.compile(
    r"(?ix)(?:formerly|originally|previously)\s+(?:\w+\s+){0,2}(?:on|at|by)\s+(?:the\s+)?$"
    r"|first\s+(?:aired|broadcast|ran|shown|developed|launched)\s+(?:\w+\s+){0,2}(?:on|at|by)\s+$"
    r"|(?:moved|moving|moves|migrated|jumped|jumps|switched)\s+(?:over\s+)?from\s+(?:the\s+)?$"
    r"|(?:cancell?ed|dropped|axed|passed)\s+(?:\w+\s+)?(?:by|at)\s+(?:the\s+)?$"
    r"|(?:produced|co-produced|coproduced|developed|distributed)\s+(?:\w+\s+)?(?:by|with|for)\s+$"
    r"|in\s+(?:association|partnership|collaboration)\s+with\s+$|(?:after|following)\s+(?:its\s+)?$"
    r"|co-production\s+(?:with|between)\s+$|(?:years|seasons)\s+on\s+$|(?:its\s+)?former\s+home\s+"
    r"(?:on|at)\s+$"
)
# How prose marks a capitalised run as a show: a season after it, or "the premiere of" or
# "the new drama" before it; or, weaker, a premiere verb after it.
_SHOW_AFTER = re.compile(
    r"(?i)(?:['’]s|[!?](?=\s*\())?\s*(?:\(|season|series|part|cycle|—|–|-\s|:)"
    # "Harbour of Ash, a new prime time series for TVNZ 2,": a title in apposition
    r"|,\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?(?:series|drama|comedy|sitcom|thriller"
    r"|docuseries|documentary|anime)\b"
)
_SHOW_BEFORE = re.compile(
    r"(?i)(?:premiere|return|debut|(?:seasons?|series|parts?)(?:\s+\w+)?|launch|arrival)\s+of\s+"
    r"(?:the\s+)?$"
    r"|(?:new|upcoming|hit|acclaimed|original|limited|animated|anime|reality|docu-?)\s*"
    r"(?:(?:game|talk|quiz|cooking|dating)\s+)?"
    r"(?:drama|comedy|series|show|thriller|sitcom|docuseries|adaptation|anime|spinoff"
    r"|spin-off|prequel|sequel|reboot|revival),?\s+$"  # "the hit game show, Family Feud,"
    r"|\b(?:drama|comedy|sitcom|thriller|docuseries|documentary|docudrama|program|programme"
    r"|(?:game|talk|quiz|cooking|dating)\s+show),?\s+$"
    r"|\b(?:weekly|studio|news|competition|anthology|magazine|sketch|variety)\s+(?:series|show)"
    r",?\s+$"  # "the weekly studio series INSIDE THE NFL"
    r"|\b(?:replacement|rival|companion|sister|new)\s+(?:show|series|programme)\s+$"
)
# "the prequel series to Game of Thrones premieres": the show it comes from, not the show.
_PARENT_BEFORE = re.compile(
    r"(?i)\b(?:prequel|sequel|spin-?off|follow-up|successor|remake|reboot|adaptation)"
    r"(?:\s+(?:series|show|drama))?\s+(?:to|of|from)\s+(?:the\s+)?[\"“‘']?$"
    r"|\bbased\s+on\s+(?:the\s+)?[\"“‘']?$"
)
# What only a show does: "Monsterland is set to premiere", "Lantern Road will debut". People
# return and arrive; they do not premiere.
_PREMIERES_AFTER = re.compile(
    r"(?i)\s*(?:(?:is|are)\s+(?:set|scheduled|slated|due)\s+to\s+|will\s+)?(?:premiere|debut)s?\b"
)
_SUBJECT_AFTER = re.compile(
    r"(?i)\s*(?:returns?|premieres?|debuts?|will|is|arrives?|bows?|kicks?|launch|lands?|hits?"
    r"|drops?|comes?|heads?|gets?|has|follows?|streams?|airs?|opens?|starts?|begins?)\b"
)
_SCHEDULE_HEADLINE = re.compile(
    r"(?i)premiere|schedule|return|debut|calendar|dates|lineup|line-up|what'?s\s+on|coming\s+to"
    r"|preview|guide|what\s+to\s+watch|new\s+shows|tv\s+tips|listings|slate|upfronts?"
)
_UK_CUES = re.compile(
    r"\b(?:BBC|ITV|Channel 4|Channel 5|Sky (?:Atlantic|One|Max)|E4|iPlayer|programme|colour"
    r"|favourite|series (?:one|two|three|four|five|\d+) of)\b"
)


@dataclass(frozen=True, slots=True)
class _Cue:
    start: int
    end: int
    kind: str
    text: str


@dataclass(frozen=True, slots=True)
class _Statement:
    show: str | None
    show_named: bool  # the sentence names the show; else it was inferred (the lead)
    season: int | None
    season_implied: bool
    network: str | None
    resolved: when.Resolved
    time: when.TimeMention | None
    score: float
    confidence: float
    order: int  # position in the article, for "first mentioned"
    sentence: str
    winner: bool  # a corrected date ("now moved up to April 26")
    year_given: bool = False  # the text writes the year ("2015", "next year"), not inferred
    names_show: bool = False  # the sentence names its show, or points at the lead ("it")


@dataclass(frozen=True, slots=True)
class _Scan:
    """What one sentence holds, found once and shared by each of its dates."""

    sentence: Sentence
    text: str  # the sentence, "press release" masked out
    dates: list[when.DateMention]
    cues: list[_Cue]
    times: list[when.TimeMention]
    nets: list[networks.NetworkMention]
    season_mentions: list[seasons.SeasonMention]
    named: list[titles.TitleMention]  # the show titles it names as a subject
    # A listing's field line under its entry's title: "50m2 (Netflix)" above "Launches
    # globally January 27" names the show the line's verb is about.
    under_heading: bool = False
    # One of a list's lines of a title and its date ("Killer Ratings – 31st May").
    dated_row: bool = False
    # "It will air from Monday 17th May" after the sentences about a show, in a piece with
    # no lead: "it" is that show.
    points_back: bool = False


@dataclass(frozen=True, slots=True)
class _Context:
    anchor: date
    anchor_known: bool
    undated: bool  # nothing dates the article: only dates that carry their year count
    estimated: bool  # the anchor is a year or month guessed from the address or the text
    # The anchor is the month (or year) the address files the page under: the page was
    # written then or soon after.
    filed: bool
    weekday_years: int  # how far back of the anchor a weekday may place a date
    day_first: bool
    article_zone: str | None
    schedule: bool  # the headline speaks of premieres or a schedule: grid lines count
    lead: titles.HeadlineShow
    # Premieres told with a day whose year nothing settles ("will premiere Friday on tvN" in an
    # undated copy): no date to claim, but the show, season and network they name still stand.
    dateless: list[_DatelessClaim] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _DatelessClaim:
    show: str
    season: int | None
    network: str | None
    order: int


def find_facts(
    headline: str,
    body: str,
    *,
    published: date | None,
    url_slug: str | None = None,
    filed: date | None = None,
    outlet: str | None = None,
    day_first: bool | None = None,
    today: date | None = None,
) -> tuple[PremiereFacts, tuple[PremiereFacts, ...]]:
    """The lead show's facts and every other premiere the article announces.

    `published` anchors years and relative dates; without it the article's own years (or
    `today`) stand in, and nothing is dropped for being in the past. `day_first` says how the
    outlet writes numeric dates (5/2/18); None guesses from the text.
    """
    if not about_tv(headline, body):
        # Politics, gadgets, sport: whatever "lands on Friday" there is no premiere, no show.
        return PremiereFacts(None, None, None, None, None, None), ()
    # A ratings story tells how a premiere did; an import's arrival is no season's premiere,
    # nor a season's release on disc: all are about a show, and announce none.
    # A masthead ("TV Ratings Australia") taken for the headline is not the story's: its
    # address says what the story is.
    ratings = (
        _RATINGS_STORY.search(headline)
        and not (url_slug and not _RATINGS_STORY.search(url_slug.replace("-", " ")))
    ) or _AUDIENCE_OPENING.search(body[:300])
    announces = not (
        ratings
        or _FOREIGN_AIRING.search(f"{headline}\n{body[:300]}")
        or _HOME_VIDEO_STORY.search(headline)
    )
    sentences = split_sentences(body)
    head = Sentence(headline, -len(headline) - 1, -1, False) if headline else None
    everything = ([head] if head else []) + sentences
    anchor, source = _anchor(published, headline + "\n" + body, today, filed, url_slug)
    lead = titles.lead_show(
        headline, body, _blocked_spans, url_slug, outlet, known_show=ranking.known_show
    )
    ctx = _Context(
        # Without any anchor the date is read only for dates that name their year.
        anchor=anchor or datetime.now(UTC).date(),
        anchor_known=source == "published",
        undated=source == "none",
        estimated=source in ("estimated", "mentioned", "filed"),
        filed=source == "filed",
        # A year the text only mentions ("the 2002 movie") is a loose guess: a weekday that
        # fits no year near it says the guess is wrong, not that the date is from 1998.
        weekday_years=3 if source == "mentioned" else 15,
        day_first=bool(_UK_CUES.search(body)) if day_first is None else day_first,
        article_zone=when.article_zone(body),
        # a headline lost from the copy still names its list in the address
        schedule=bool(_SCHEDULE_HEADLINE.search(headline or (url_slug or "").replace("-", " "))),
        lead=lead,
    )
    statements = _statements(everything, ctx) if announces else []
    statements = _drop_withdrawn(statements, everything, lead.title)
    if _BREAK_HEADLINE.search(headline):
        # "Anime on hiatus will return in July": the piece is about returns from a break;
        # only a date the text gives a season number is a season's premiere.
        statements = [s for s in statements if s.season is not None and not s.season_implied]
    aired = _seasons_aired_before(body) if statements else set()
    # A season the text says has aired already, arriving on another service or in another
    # country, is a second run: its date is no season's premiere.
    statements = [s for s in statements if s.season_implied or s.season not in aired]
    speech = {
        titles.title_key(q.text)
        for q in (titles.quoted_titles(headline) if statements else ())
        if titles.quoted_speech(q.text, body)
    }
    if speech:
        # The headline's quoted words of someone's ('Amazing Love and Drama'): its date is
        # the story's show's, as if the quote were not there.
        statements = [
            replace(s, show=None, show_named=False)
            if s.show and titles.title_key(s.show) in speech
            else s
            for s in statements
        ]
    head_network = _headline_network(headline, lead.title)
    head_season = _headline_season(headline)
    reading = _read_lead(lead, statements, aired, head_network, head_season, body, url_slug, ctx)
    ranked = ranking.best(_show_candidates(headline, body, url_slug, lead, statements, reading))
    if ranked is not None and _overrules(ranked.candidate, reading.facts.show):
        # The page says more for another title than for the rules' pick: the premiere is read
        # again as that show's. Whether there is one, the rules' first reading still says: a
        # date it found and the second reading cannot place stays; none is made up.
        first = reading.facts
        # A softmax share is relative: a lone candidate gets all of it.
        sure = round(min(ranked.probability, 0.9), 2)
        lead = titles.HeadlineShow(ranked.candidate.name, sure, "ranked")
        reading = _read_lead(
            lead, statements, aired, head_network, head_season, body, url_slug, ctx
        )
        if first.premiere is None or reading.facts.premiere is None:
            reading = replace(reading, facts=_with_premiere_of(first, reading.facts))
    lead_facts, others = reading.facts, reading.others
    # A schedule's rows rarely repeat the network: the headline's (or the lead's) is theirs.
    default_network = head_network or lead_facts.network
    other_facts = tuple(_other_facts(s, ctx, default_network) for s in others)
    return lead_facts, other_facts


def _overrules(pick: ranking.Candidate, rules_show: str | None) -> bool:
    """Whether the ranker's pick replaces the rules' show (or names one where they name none).

    A capitalised run of the opening alone ("Tighten", "Between") says too little whatever it
    scores beside weaker runs: the pick needs the headline, the address, quotes or a premiere
    sentence behind it, or (where the rules name nothing) TVmaze to know a show by its name.
    And the ranker says which show, not how much of its name: "Overlord" leaves "Overlord
    III" be, "Bake Off" "Great British Bake Off"."""
    behind = (
        pick.in_headline_run
        or pick.quoted_in_headline
        or pick.quoted_in_opening
        or pick.in_slug
        or pick.in_statement
        or pick.is_lead
    )
    if rules_show is None:
        return behind or pick.known
    pick_key, rules_key = f" {titles.title_key(pick.name)} ", f" {titles.title_key(rules_show)} "
    return behind and pick_key not in rules_key and rules_key not in pick_key


def _with_premiere_of(source: PremiereFacts, facts: PremiereFacts) -> PremiereFacts:
    return replace(
        facts,
        premiere=source.premiere,
        premiere_precision=source.premiere_precision,
        timezone=source.timezone,
        evidence=source.evidence,
        confidence={**facts.confidence, "premiere": source.confidence["premiere"]},
    )


@dataclass(frozen=True, slots=True)
class _LeadReading:
    facts: PremiereFacts
    statement: _Statement | None  # the premiere sentence the lead's date comes from
    others: list[_Statement]  # every other premiere


def _read_lead(
    lead: titles.HeadlineShow,
    statements: list[_Statement],
    aired: set[int],
    head_network: str | None,
    head_season: int | None,
    body: str,
    url_slug: str | None,
    ctx: _Context,
) -> _LeadReading:
    """The lead show's facts, given which show leads, and the premieres besides."""
    if _unsupported_guess(lead, statements) or _round_up_lead(lead, statements):
        lead = titles.HeadlineShow(None, 0.0, "none")  # the first premiere named leads
    lead_statement, others = _choose(statements, lead.title, head_network, head_season)
    if lead_statement is not None and not (lead.title or lead_statement.show):
        lead_statement = None  # a date with no show to bind it to announces nothing to track
    if lead_statement is not None:
        lead_statement = _told_again(lead_statement, statements)
    lead_facts = _lead_facts(
        lead_statement,
        lead,
        head_network,
        _slug_season(url_slug) if head_season is None else head_season,
        body,
        url_slug,
        ctx,
        single=not others,
    )
    if (
        lead_statement is not None
        and (lead_statement.season is None or lead_statement.season_implied)
        and lead_facts.season in aired
    ):
        # "The final season will hit Netflix on October 7" in a piece saying season 6
        # originally aired on another network: the date the sentence names is its second run.
        lead_facts = replace(
            lead_facts,
            premiere=None,
            premiere_precision=None,
            timezone=None,
            evidence=None,
            confidence={**lead_facts.confidence, "premiere": 0.0},
        )
    if lead_facts.show is None and lead_statement is None and ctx.dateless:
        claim = min(ctx.dateless, key=lambda c: c.order)
        # One show told to premiere is the story's; the first of several is a round-up's guess.
        alone = len({titles.title_key(c.show) for c in ctx.dateless}) == 1
        lead_facts = _lead_facts(
            None,
            titles.HeadlineShow(
                titles.completed_title(claim.show, body), TRACK_CONFIDENCE if alone else 0.5, "body"
            ),
            claim.network or head_network,
            claim.season if claim.season is not None else head_season,
            body,
            url_slug,
            ctx,
            single=not others,
        )
    return _LeadReading(lead_facts, lead_statement, others)


def _show_candidates(
    headline: str,
    body: str,
    url_slug: str | None,
    lead: titles.HeadlineShow,
    statements: Sequence[_Statement],
    reading: _LeadReading,
) -> list[ranking.Candidate]:
    """Every title the page could be about, with what speaks for each."""
    opening = body[: titles.LEAD_WINDOW]
    opening_runs = titles.title_runs(opening)
    sources: dict[str, set[str]] = {}
    spelling: dict[str, str] = {}

    def add(name: str | None, source: str, *, admitted: bool = True) -> None:
        key = titles.title_key(name) if name else ""
        if key and name and (admitted or key in lead.considered):
            spelling.setdefault(key, name)
            sources.setdefault(key, set()).add(source)

    for run in titles.title_runs(headline):
        add(run.text, "headline run", admitted=False)
    for quote in titles.quoted_titles(headline):
        add(quote.text, "headline quote", admitted=False)
    for run in opening_runs:
        add(run.text, "opening run", admitted=False)
    for quote in titles.quoted_titles(opening):
        add(quote.text, "opening quote", admitted=False)
    add(lead.title, "lead")
    add(reading.facts.show, "rules")
    for statement in statements:
        add(statement.show, "statement")
    if reading.statement is not None:
        add(reading.statement.show, "chosen")
    counts = Counter(titles.title_key(run.text) for run in opening_runs)
    first_at: dict[str, int] = {}
    for run in opening_runs:
        first_at.setdefault(titles.title_key(run.text), run.start)
    slug_words = titles.address_words(url_slug)
    told = Counter(titles.title_key(s.show) for s in statements if s.show)
    candidates = []
    for key, found in sources.items():
        name = spelling[key]
        candidates.append(
            ranking.Candidate(
                name=name,
                in_headline_run="headline run" in found,
                quoted_in_headline="headline quote" in found,
                in_opening_run="opening run" in found,
                quoted_in_opening="opening quote" in found,
                is_lead="lead" in found,
                lead_confidence=lead.confidence,
                lead_from_headline=lead.source in ("headline", "quoted"),
                is_rules_choice="rules" in found,
                in_statement="statement" in found,
                is_chosen_statement="chosen" in found,
                statements=told[key],
                in_slug=titles.in_address(name, slug_words),
                opening_count=counts[key],
                first_at=1.0
                - min(first_at.get(key, titles.LEAD_WINDOW), titles.LEAD_WINDOW)
                / titles.LEAD_WINDOW,
                words=len(name.split()),
                plausible=titles.plausible_title(name),
                person=titles.a_name_not_a_show(name, opening),
                known=ranking.known_show(name),
            )
        )
    return candidates


def _unsupported_guess(lead: titles.HeadlineShow, statements: Sequence[_Statement]) -> bool:
    """A low-confidence lead ("Network" of a press release's masthead) that no premiere in the
    text is about, where the text names the shows its premieres are for."""
    return (
        lead.title is not None
        and lead.confidence < TRACK_CONFIDENCE
        and not any(s.show is None or titles.same_show(s.show, lead.title) for s in statements)
        and any(s.show_named for s in statements)
    )


def _round_up_lead(lead: titles.HeadlineShow, statements: Sequence[_Statement]) -> bool:
    """A lead that only the body's runs suggest, in a piece whose premieres name two shows or
    more: a round-up's, where the first premiere named leads ("The Latest Hulu and FX News"
    opening on Atlanta's date, whatever show its paragraphs name most)."""
    if lead.title is None or lead.source != "body":
        return False
    return len({titles.title_key(s.show) for s in statements if s.show and s.show_named}) >= 2


def _told_again(chosen: _Statement, statements: Sequence[_Statement]) -> _Statement:
    """The lead premiere with what its other tellings add: "Series two is set to begin on
    Wednesday 14th February. Damned returns to Channel 4 on Wednesday 14th February at 10pm."
    gives the hour; "Colors is set to premiere the 16th season of Bigg Boss on October 1" the
    season of "Colors to launch Bigg Boss on Oct 1"."""
    same = [
        s
        for s in statements
        if s is not chosen
        and s.resolved.day == chosen.resolved.day
        and s.resolved.precision is chosen.resolved.precision
        and (s.show is None or titles.same_show(s.show, chosen.show))
    ]
    if chosen.time is None:
        timed = [s for s in same if s.time is not None]
        if timed:
            chosen = replace(chosen, time=timed[0].time)
    if chosen.season is None or chosen.season_implied:
        numbered = {s.season for s in same if s.season is not None and not s.season_implied}
        if len(numbered) == 1:
            chosen = replace(chosen, season=numbered.pop(), season_implied=False)
    return chosen


# A season told as already shown: "Season 6 originally aired on Pop TV", "season 11 of the
# Australian version, which was broadcast in 2015". Only right after the season it names.
_AIRED_BEFORE = re.compile(
    r"(?i)\b(?:originally|already|previously|first)\s+(?:aired|ran|premiered|broadcast|screened"
    r"|debuted|streamed)\b|\b(?:that|which)\s+(?:(?:was|were)\s+)?(?:originally\s+|first\s+"
    r"|already\s+)?(?:broadcast|aired|shown|screened|premiered|ran|debuted)\s+in\s+(?:(?:19|20)"
    r"\d\d|the\s+(?:US|U\.S\.|UK|U\.K\.)|(?-i:[A-Z]))"
)
# What else a season has that airs: its trailer, an episode, its finale.
_NOT_THE_SEASON = re.compile(r"(?i)[.;!?]|trailer|teaser|episode|finale|clip|poster|special")


def _seasons_aired_before(body: str) -> set[int]:
    aired: set[int] = set()
    for match in _AIRED_BEFORE.finditer(body):
        start = max(0, match.start() - 70)
        for found in seasons.find_seasons(body[start : match.start()]):
            if not found.implied and not _NOT_THE_SEASON.search(
                body, start + found.end, match.start()
            ):
                aired.add(found.number)
    return aired


# ---------------------------------------------------------------------------- TV or not

_TV_WORDS = re.compile(
    r"(?i)\b(?:(?-i:TV)|television|telly|series(?!\s+of\b)|sitcoms?|docu-?series|mini-?series|(?:k-?)?dramas?"
    r"|anime|episodes?|showrunners?|seasons?|premieres?|premiering|streamers?|streaming\s+service"
    r"|broadcasters?|spinoff|spin-off|reboot|revival"
    # "Star One has launched a new tele-serial": India's and Latin America's words for a show
    r"|(?:tele-?)?serials?(?!\s+(?:killers?|numbers?|rapists?|murders?|ports?))|telenovelas?"
    r"|soap\s+operas?|(?:talk|game|reality)\s+shows?|teleseryes?|time\s*slots?|prime-?\s?time)\b"
)
_PODCASTS = re.compile(r"(?i)\bpodcast(?:s|ing|er|ers)?\b")
_SCREENS = re.compile(r"(?i)\b(?:(?-i:TV)|television|telly|channel|streamers?|screens?|watch\w*)\b")
_OTHER_MEDIA = re.compile(
    r"(?i)\b(?:in\s+theat(?:re|er)s|cinemas?|box\s+office|films?|movies?|video\s*games?"
    r"|(?-i:PS[45]|Xbox|Nintendo|Switch|Steam)|concerts?|tour\s+dates|album|single|gig)\b"
)
# A club's season: fixtures, a campaign, a manager. "Season" is sport's word as much as TV's.
_SPORT = re.compile(
    r"(?i)\b(?:sports?|football|soccer|rugby|cricket|fixtures?|kick-?off|clubs?|managers?|squad"
    r"|campaign|relegat\w*|promoted|promotion|division|league|matches|goals?|striker|midfielder"
    r"|season\s+tickets?|transfer\s+window|away\s+(?:trip|game|match)|basketball|baseball"
    r"|hockey|NBA|NFL|NHL|MLB|teams?|tip-?off|playoffs?|championship|coach(?:es)?|roster"
    r"|opening\s+night|games)\b"
)
# A product line's "series": phones, laptops, cars.
_GADGETS = re.compile(
    r"(?i)\b(?:smartphones?|phones?|handsets?|laptops?|tablets?|batter(?:y|ies)|charging"
    r"|processors?|chips?|cameras?|screens?|displays?|storage|\d+\s*gb|mah|vehicles?|cars?"
    r"|models?|price[ds]?|pricing|shipments?|retail|store|online\s+sales)\b"
)
# A game's season: its battle pass, its players, its in-game shop. A stage's: its musicals,
# matinees and tickets; an orchestra's, its concertos and conductor.
_GAMES = re.compile(
    r"(?i)\b(?:battle\s+pass|in-game|gameplay|multiplayer|e-?sports|dlc|patch\s+notes|loot"
    r"|players?|gamers?|base\s+game|video\s*games?|consoles?|playstation|xbox|nintendo|steam"
    r"|(?-i:skins))\b"
)
_STAGE = re.compile(
    r"(?i)\b(?:musicals?|(?-i:West\s+End|Broadway)|stage|playwright|theat(?:re|er)s?|matinees?"
    r"|tickets?|box\s+office|cast\s+album|curtain|opera|ballet|orchestr\w*|symphon(?:y|ies)"
    r"|philharmonic|concertos?|conductors?|recitals?|choirs?|violinists?|pianists?|cellists?)\b"
)
# "A new season of Quiet Valley", "the season premiere": a show's season, not the year's.
_SHOWS_SEASON = re.compile(
    r"(?i)\b(?:new|next|upcoming|another|second|third|fourth|fifth|final|sophomore)\s+season\b"
    r"|\bseason\s+(?:premiere|finale|opener)|\bseason\s+of\s+(?-i:[A-Z])"
)
# An imported show's arrival in another market: not its season's premiere.
_FOREIGN_AIRING = re.compile(
    r"(?i)\b(?:heading|coming|arriving|returning|comes|heads|arrives|returns)\s+(?:back\s+)?to"
    # "our screens" is as often a home broadcaster's own drama coming back: a nation says more
    r"\s+(?:Irish|British|UK|Australian|Canadian|Kiwi|Indian)\s+(?:(?:TV|television)\s+)?"
    r"(?:screens|TVs|shores)"
    # "5 US TV shows returning to Sky this month": imports, in a headline
    r"|\b(?:US|U\.S\.|American)\s+(?:TV\s+)?(?:shows|series|dramas|imports)\s+(?:returning|coming"
    r"|heading|arriving)\s+to\b"
)
# A home-video release names the day a season comes out on disc, not on the air.
_HOME_VIDEO_STORY = re.compile(r"(?i)\b(?:DVD|Blu-?ray|home\s+video|box\s+set)s?\b")
# "Winners and Losers premiered to a big audience of 1.61m viewers last night": how it did.
_AUDIENCE_OPENING = re.compile(
    r"(?i)\b(?:premiered|debuted|returned|launched)\s+(?:\w+\s+){0,6}?(?:to|with|for|drew)\s+"
    r"(?:\w+\s+){0,4}?[\d.,]+\s*(?:m|million|k|thousand)?\s+viewers\b"
)
# A ratings story reports how a premiere did; the day it names has been.
_RATINGS_STORY = re.compile(
    r"(?i)\b(?:ratings|nielsens?|viewing\s+figures|overnights|most[-\s]watched"
    r"|biggest\s+(?:new\s+)?(?:drama|show|series|launch|debut))\b"
)


def about_tv(headline: str, body: str) -> bool:
    """Whether a piece is TV news at all: it speaks of shows (series, seasons, episodes,
    premieres) and names a network, a season or a premiere. A politician who "lands in Kenya
    on Friday" or a headset "launching this fall" is not, whatever else it mentions."""
    opening = body[: titles.LEAD_WINDOW]  # the same slice the lead show is looked for in
    top = f"{headline}\n{opening}"
    found = [m.group().lower().rstrip("s") for m in _TV_WORDS.finditer(top)]
    other_media = len(_OTHER_MEDIA.findall(top))
    if other_media >= 3 and other_media >= 2 * len(found):
        return False  # a film in cinemas, a game, a tour: "release date" is not a premiere
    words = set(found)
    slots = {w for w in words if "time" in w}  # "prime time", "time slot": games have them too
    if not words - {"season"} - slots and len(set(_SPORT.findall(top.lower()))) >= 3:
        return False  # a club's new season: fixtures and kick-offs, whatever channel shows them
    if not words - {"serie", "season", "streaming service"} and (
        len(set(_GADGETS.findall(top.lower()))) >= 3
    ):
        return False  # "a new series of budget smartphones", sold on Amazon: no show
    network = bool(networks.find_networks(headline) or networks.find_networks(opening))
    for other_seasons in (_GAMES, _STAGE):
        if not network and len({g.lower() for g in other_seasons.findall(top)}) >= 3:
            return False  # a game's "Season 3" with its battle pass; a stage's musicals
    podcasts = len(_PODCASTS.findall(top))
    if not network and podcasts >= 2 and podcasts > len(_SCREENS.findall(top)):
        return False  # a podcast's new series and episodes: heard, not watched
    season = any(not s.implied for t in (headline, opening) for s in seasons.find_seasons(t))
    if not (network or season or _SHOWS_SEASON.search(top)):
        words.discard("season")  # "the season's hottest handsets": a season of the year
    return len(words) + network + season >= 2 and bool(
        network or season or words & {"premiere", "premiering", "episode", "serie", "tv"}
    )


# ---------------------------------------------------------------------------- statements


def _statements(sentences: Sequence[Sentence], ctx: _Context) -> list[_Statement]:
    found: list[_Statement] = []
    # A listing repeats its rows' shape ("Premiere Date: …" under each entry).
    row_shapes = Counter(_row_shape(s) for s in sentences if s.is_line)
    header: when.Resolved | None = None  # a grid's date line ("Monday, Sept. 23") above rows
    header_at = -1
    for index, sentence in enumerate(sentences):
        text = sentence.text
        if _FALSE_RELEASE.search(text):
            text = _FALSE_RELEASE.sub(lambda m: "x" * len(m.group()), text)
        dates = [d for d in when.find_dates(text) if d.kind != "vague"]
        dates = _drop_shadowed_relatives(dates)
        if dates and any(mark in text for mark in "\"“‘'"):
            # "The Christmas Club", "Friday Night Lights": a title's words, not its date
            quoted = [(t.start, t.end) for t in titles.quoted_titles(text)]
            dates = [
                d for d in dates if not any(lo <= d.start and d.end <= hi for lo, hi in quoted)
            ]
        if sentence.is_line and dates and _is_date_header(text, dates):
            # "Wednesday Sept. 14" over a copy of unknown age dates its rows no better than a
            # sentence's "Sept. 14".
            header = (
                None
                if _year_unknowable(dates[0], ctx)
                else when.resolve(
                    dates[0],
                    ctx.anchor,
                    day_first=ctx.day_first,
                    anchor_known=ctx.anchor_known,
                    weekday_years=ctx.weekday_years,
                )
            )
            header_at = index
            continue
        # "March 6 / Unbreakable Kimmy Schmidt — Ellie Kemper will star as …": an entry of a
        # schedule under its date line, its title before the dash and prose after it.
        entry_title = (
            _heading_title(_TITLE_DASH.split(text, maxsplit=1)[0])
            if header is not None
            and index == header_at + 1
            and not sentence.is_line
            and ctx.schedule
            and _TITLE_DASH.search(text, 0, 80)
            else None
        )
        if not sentence.is_line and entry_title is None:
            header = None
        if not dates and header is None:
            continue
        if text.rstrip().endswith("?") and _QUESTION_OPENER.match(text):
            # "What's returning to Seven in 2019?": a question announces nothing (a title's
            # own mark ending a sentence, "the comedy Am I OK?", makes none)
            continue
        cues = [
            _Cue(m.start(), m.end(), m.lastgroup or "", m.group()) for m in _CUE_RE.finditer(text)
        ]
        times = when.find_times(text)
        nets = networks.find_networks(text)
        season_mentions = seasons.find_seasons(text)
        blocked = (
            [(d.start, d.end) for d in dates]
            + [(n.start, n.end) for n in nets]
            + [(s.start, s.end) for s in season_mentions]
            + [(t.start, t.end) for t in times]
        )
        named = _named_titles(text, blocked, ctx.lead.title, sentence.is_line)
        if entry_title is not None:
            named = [titles.TitleMention(entry_title, 0, len(entry_title)), *named]
        cues = [c for c in cues if not _not_a_negation(c, text, named)]
        under_heading = (
            bool(dates)
            and sentence.is_line
            and index > 0
            and sentences[index - 1].is_line
            and _heading_title(sentences[index - 1].text) is not None
        )
        dated_row = (
            row_shapes["title and date"] >= 2 and _row_shape(sentence, dates) == "title and date"
        )
        # found once: the statement below takes it as its show
        pointed_at = (
            _paragraph_subject(sentences, index)
            if dates and ctx.lead.title is None and not named and _POINTS_BACK.match(text)
            else None
        )
        points_back = pointed_at is not None
        scan = _Scan(
            sentence, text, dates, cues, times, nets, season_mentions, named, under_heading,
            dated_row, points_back,
        )  # fmt: skip
        if not dates and header is not None:
            # A grid row under a date line: "8 p.m. — The Voice (season premiere)".
            if named and ctx.schedule:
                found.append(_row_statement(scan, header))
            if entry_title is not None:
                header = None  # the entry's prose ends the grid
            continue
        for mention in dates:
            statement = _judge(scan, mention, ctx)
            if statement is None:
                continue
            shape = _row_shape(sentence, dates, nets)
            if statement.show is None or (
                not statement.show_named and shape is not None and row_shapes[shape] >= 2
            ):
                # "Premiere Date: June 14" under the next entry of a list: that entry's date,
                # even where the piece has a lead show.
                subject = _subject_before(sentences, index, text)
                if statement.show is None and subject is None:
                    subject = _counted_subject(sentences, index, text)
                if statement.show is None and subject is None:
                    subject = pointed_at if points_back else _paragraph_subject(sentences, index)
                if subject is not None:
                    statement = replace(statement, show=subject)
            if dated_row and (title := _heading_title(_TITLE_DASH.split(text)[0])) is not None:
                statement = replace(statement, show=title)  # the row's title, all of it
            found.append(statement)
    return found


# "Actor Jin Seon-gyu": a run that opens on a person's role.
_ROLE_FIRST = re.compile(
    r"(?i)(?:actor|actress|director|writer|host|presenter|singer|rapper|comedian|chef|judge)\s"
)


def _people(title: titles.TitleMention, text: str) -> bool:
    """Whether a run names people: "Actor Jin Seon-gyu", "Andrew Upton and Cate Blanchett"."""
    names = re.split(r"\s+(?:and|&)\s+", title.text)
    return (
        titles.names_a_person(text, title.start, title.end)
        or _ROLE_FIRST.match(title.text) is not None
        or titles.a_list_of_people(title.text)
        or any(titles.a_name_not_a_show(name, text) for name in names)
    )


_FILMS_BEFORE = re.compile(r"(?i)\b(?:movies?|films?)\b[^.;:!?]{0,40}$")


def _paragraph_subject(sentences: Sequence[Sentence], index: int) -> str | None:
    """The show the sentences just before name last, for one that names none and points at
    none: "The first episode of the series will air on 4 September." after the paragraph
    about it (a documentary's subject and his history may stand between)."""
    for earlier in reversed(sentences[max(0, index - 6) : index]):
        if earlier.is_line:
            return None  # a heading or a listing's line: another entry's
        named = [
            t
            for t in _named_titles(earlier.text, _blocked_spans(earlier.text), None, False)
            # a title in quotes, or of two words at least that is no one's name
            if (t.quoted or (" " in t.text and not _people(t, earlier.text)))
            # "big movies such as “Wicked” and “Gladiator II”": films
            and not _FILMS_BEFORE.search(earlier.text, 0, t.start)
        ]
        if named:
            return named[-1].text
    return None


# "three dramas will be premiering", "has two premieres:": the shows follow the count.
_COUNTED_SHOWS = re.compile(
    r"(?i)\b(?:two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+(?:new\s+)?(?:dramas"
    r"|shows|series|premieres|sitcoms|comedies|anime|titles|programmes|programs)\b"
)


def _counted_subject(sentences: Sequence[Sentence], index: int, text: str) -> str | None:
    """The first of the shows a count announces, after its colon or in the next sentence:
    "On Monday, October 9, three dramas will be premiering. On MBC, Harbour Crew (1), ..."."""
    count = _COUNTED_SHOWS.search(text)
    if count is None:
        return None
    colon = text.find(":", count.end())
    rest = text[colon + 1 :] if colon >= 0 else None
    if rest is None and index + 1 < len(sentences):
        rest = sentences[index + 1].text
    if not rest:
        return None
    found = titles.quoted_titles(rest) or titles.title_runs(rest, _blocked_spans(rest))
    return found[0].text if found else None


_QUESTION_OPENER = re.compile(
    r"(?i)\W*(?:what|when|where|who|whose|which|why|how|is|are|was|were|will|would|can|could"
    r"|should|shall|does|do|did|has|have|had|any|anyone)(?:['’]s)?\b"
)

# A sentence that opens on a guess governs every date in it.
_HEDGED = re.compile(
    r"(?i)^\W*(?:[\w'’]+\W+){0,3}?(?:seems|appears|assum\w*|guess\w*|predict\w*|speculat\w*"
    r"|chances\s+are|we\s+(?:think|expect|bet|reckon)|if\s+(?:history|past\s+seasons))\b"
)


_BYLINE_REACH = 400  # characters into the body where a byline stands


def _byline(line: Sentence, heading: str) -> bool:
    """ "Mark Daniell" on a line of its own over the piece: its writer, not a listing's entry."""
    return line.start < _BYLINE_REACH and titles.a_name_not_a_show(heading, line.text)


def _subject_before(sentences: Sequence[Sentence], index: int, text: str) -> str | None:
    """Without a lead show, the show a sentence that names none speaks of: "It will air on
    SBS from Aug 29" after the sentence naming the drama; "Season 2 premieres September 9th"
    under the list heading "You're the Worst"."""
    if index and _POINTS_BACK.match(text):
        subject = _subject_of(sentences[index - 1])
        if subject is not None:
            return subject
    for earlier in reversed(sentences[max(0, index - 8) : index]):
        if earlier.is_line and (heading := _heading_title(earlier.text)) is not None:
            return None if _byline(earlier, heading) else heading
        # "An Angel Swooped Down On Me: Miyako is a college girl who...": a list entry that
        # opens on its title.
        entry = _ENTRY.match(earlier.text)
        if (
            entry
            and not _FIELD_LABEL.fullmatch(entry.group(1))
            and (heading := _heading_title(entry.group(1))) is not None
        ):
            return heading
    return None


def _not_a_negation(cue: _Cue, text: str, named: Sequence[titles.TitleMention]) -> bool:
    """A negative word that is no negation here: a show's own words ("the studio series INSIDE
    THE NFL"), or what it is adapted from ("the adaptation of Sally Rooney’s novel")."""
    return cue.kind == "neg" and (
        any(t.start <= cue.start and cue.end <= t.end for t in named)
        or bool(_SOURCE_WORK.fullmatch(cue.text) and _ADAPTED.search(text, 0, cue.start))
    )


def _date_and_service_line(
    line: Sentence,
    dates: Sequence[when.DateMention],
    nets: Sequence[networks.NetworkMention],
) -> bool:
    """ "Nov. 1, Apple TV+" on a line of its own, under a listing's entry: its premiere; so is
    "Debut: Thursday, Sept. 3, on Crave and CTV Sci-Fi", after a field's label."""
    if not (line.is_line and len(dates) == 1 and nets):
        return False
    spans = [(d.start, d.end) for d in dates] + [(n.start, n.end) for n in nets]
    rest = _unlabelled(line.text, spans)
    return not re.search(r"\w", rest.replace(" on ", " ").replace(" and ", " "))


_EPISODE_COUNT = re.compile(r"(?i)\d+\s*[×x]\s*\d+|\b\d+\s*(?:episodes|eps)\b")


def _slot_line(scan: _Scan) -> bool:
    """A line of a day and a slot alone under a listing's entry ("Thursday 6 October at
    8:00pm (8×30’)", "Sunday, RTÉ One, 6.30pm"): the entry's premiere."""
    if not (scan.sentence.is_line and len(scan.dates) == 1 and scan.times):
        return False
    if not (scan.nets or _EPISODE_COUNT.search(scan.text)):
        return False  # a day and a time alone could be a concert's: a service or a run says TV
    spans = [(d.start, d.end) for d in scan.dates]
    spans += [(n.start, n.end) for n in scan.nets] + [(t.start, t.end) for t in scan.times]
    rest = _ASIDE.sub("", _unlabelled(scan.text, spans))
    return not re.search(r"\w", re.sub(r"(?i)\b(?:at|on|from|and)\b", "", rest))


# "Debut:", "Reality:", "Season 2:": the label of a listing row's field, before its date.
_ROW_LABEL = re.compile(r"^\s*[A-Z][\w-]*(?:\s+\w+)?\s*:")


def _unlabelled(line: str, spans: Sequence[tuple[int, int]]) -> str:
    """A listing row with its dates, services and times blanked and its field label gone."""
    return _ROW_LABEL.sub("", _blanked(line, spans), count=1)


def _entry_in_brackets(scan: _Scan, mention: when.DateMention) -> bool:
    """'“Harbour Crew” (10 p.m. Sunday, Sept. 29, Epix): …': a listing's entry, its title
    followed at once by its slot and service in brackets."""
    if mention.kind not in ("day", "weekday", "numeric"):
        return False
    text = scan.text
    opened = text.rfind("(", 0, mention.start)
    closed = text.find(")", mention.end - 1)  # a mention may hold the bracket: "Oct. 20)"
    if opened < 0 or closed < 0 or ")" in text[opened : mention.start]:
        return False
    # its service or its slot: "(9 p.m. Oct. 20)" after “Watchmen”
    fields = [(n.start, n.end) for n in scan.nets] + [(t.start, t.end) for t in scan.times]
    if not any(opened < start and end <= closed for start, end in fields):
        return False
    return any(t.end <= opened and not re.search(r"\w", text[t.end : opened]) for t in scan.named)


def _row_shape(
    line: Sentence,
    dates: Sequence[when.DateMention] | None = None,
    nets: Sequence[networks.NetworkMention] | None = None,
) -> str | None:
    """The kind of listing row a line is: a field ("Premiere Date: June 14") by its label, or
    a line of only a date and a service ("Nov. 1, Apple TV+"); None for anything else. Without
    the line's dates and services they are found here, on a short line only."""
    field = re.match(r"\W*([^:]{2,30}):", line.text)
    if line.is_line and field and _FIELD_LABEL.fullmatch(field.group(1)):
        return field.group(1).strip().lower()
    if dates is None and len(line.text) <= 60:
        dates = [d for d in when.find_dates(line.text) if d.kind != "vague"]
        nets = networks.find_networks(line.text) if dates else []
    if dates and nets and _date_and_service_line(line, dates, nets):
        return "date and service"
    dash = _TITLE_DASH_DATE.fullmatch(line.text.strip())
    if line.is_line and dash and dates and dates[-1].end >= len(line.text.rstrip()) - 1:
        return "title and date"  # "Killer Ratings – 31st May"
    return None


_TITLE_DASH = re.compile(r"\s[–—-]\s")
_TITLE_DASH_DATE = re.compile(r"[A-Z“\"‘'][^.!?:]{1,50}?\s[–—-]\s[^.!?]{3,25}")


_ENTRY = re.compile(r"([^:.!?]{3,70}):\s+[A-Z]")
# An entry's fields ("Thoughts: ...", "Genre: ..."), not its title.
_FIELD_LABEL = re.compile(
    r"(?i)\W*(?:thoughts|verdict|synopsis|genre|studio|premiering|premiere|plot|cast|status"
    r"|notes?|update|summary|source|airs|network|channel|platform|episodes|director|writer"
    r"|starring|rating|runtime|description|story|trailer|bottom\s+line|our\s+take|the\s+scoop"
    r"|where\s+we\s+left\s+off|where\s+to\s+watch|premiere\s+date|release\s+date|date|time"
    r"|air\s+date|airing\s+date|start|starts|broadcast|original\s+release"
    r"|(?:executive\s+)?producers?|creators?|based\s+on|about|stars|slot|also\s+known\s+as|aka"
    r"|(?:press|media|news)\s+release)"
    r"\W*"
)


def _subject_of(sentence: Sentence) -> str | None:
    """The title a sentence names first, as the show it speaks of; or the title a heading line
    is ("You're the Worst" above "Season 2 premieres September 9th on FXX")."""
    text = sentence.text
    if sentence.is_line:
        heading = _heading_title(text)
        return None if heading is None or _byline(sentence, heading) else heading
    named = _named_titles(text, _blocked_spans(text), None, False)
    return named[0].text if named else None


_NOT_A_HEADING = re.compile(
    r"(?i)\b(?:shows|series|highlights|returning|premieres?|schedule|line-?up|dates|guide|list"
    r"|round-?up|what|when|where|how|why|watch|here)\b"
)


_BY_LINE = re.compile(r"(?i)\W*by\b")


def _sentence_case(line: str) -> bool:
    """A section's heading in sentence case ("Tighten your seat belts"): most of its words after
    the first are lowercase, as a title's are not."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", line)[1:] if len(w) > 3]
    lower = [w for w in words if w[0].islower()]
    return len(lower) >= 2 and len(lower) * 2 > len(words)


def _lowercase_words(line: str) -> bool:
    """Any long word after the first in lowercase: prose, or a list joined by commas."""
    return any(w[0].islower() for w in re.findall(r"[^\W\d_][\w'’-]*", line)[1:] if len(w) > 3)


_OTHER_NAME = re.compile(r"\s+\([^()]{3,80}\)\s*$")
_OWNER_FIRST = re.compile(r"\W*(?:[A-Z][\w.-]*\s+){1,2}[A-Z][\w.-]*['’]s\s+")


def _without_other_name(line: str) -> str:
    """The line without a closing aside that is another name, not the entry's season, network
    or date ("Gullak (Season 2)" keeps its aside)."""
    aside = _OTHER_NAME.search(line)
    return line[: aside.start()] if aside and not _blocked_spans(aside.group()) else line


def _without_network_owner(line: str) -> str:
    owner = networks.find_networks(line[:40])
    if owner and owner[0].start == 0:
        rest = re.match(r"['’]s\s+(?=\S)", line[owner[0].end :])
        if rest:
            return line[owner[0].end + rest.end() :]
    return line


def _heading_title(line: str) -> str | None:
    """The show a heading line names: the whole line ("You're the Worst"), or a title that is
    most of it ("Gullak, season 2 (SonyLIV)"); None for a line that is something else."""
    line = LIST_NUMBER.sub("", line, count=1)  # "3. Murder In Successville": a list's entry
    line = _without_network_owner(line)  # "MTV’s Ghosted: Love Gone Missing"
    field = re.match(r"([^:]{2,30}):", line)
    if (
        line.rstrip().endswith(":")
        # an entry's other name is no heading's word ("... (The Genius Prince's Guide)")
        or _NOT_A_HEADING.search(_without_other_name(line))
        or _BY_LINE.match(line)
        or (field and _FIELD_LABEL.fullmatch(field.group(1)))
    ):
        return None  # "Key Highlights:", "New Shows on the Block": the piece's own sections
    # "At a Distance, Spring Is Green / Blue Spring From A Distance", "Tensai Ouji (The Genius
    # Prince)": a title and its other name; the first is the entry's.
    bare = _without_other_name(line.split(" / ")[0]).strip(' *#"“”‘’')
    if (
        len(bare.split()) <= 8
        and bare[:1].isupper()
        and not re.search(r"[;()\[\]|]", bare)
        and not (re.search(r",", bare) and _lowercase_words(bare))
        and not _blocked_spans(bare)
        and titles.plausible_title(bare)
        and not _sentence_case(bare)
    ):
        return bare
    blocked = _blocked_spans(line)
    found = (titles.quoted_titles(line) or titles.title_runs(line, blocked))[:1]
    if not found:
        return None
    # The title may follow its owner's name: "Tom Clancy's Jack Ryan (Season 2)".
    owner = _OWNER_FIRST.fullmatch(line[: found[0].start])
    if found[0].start > 2 and not owner:
        return None
    # Its season, network and date are the entry's fields, not words of some other title.
    rest = _blanked(line, blocked)[found[0].start if owner else 0 :]
    letters = len(re.findall(r"\w", _ASIDE.sub("", rest)))
    if len(re.findall(r"\w", found[0].text)) * 2 >= letters:
        return found[0].text
    return None


def _year_unknowable(mention: when.DateMention, ctx: _Context) -> bool:
    """ "March 8" (even "Sunday, March 8": it fits one year in six) in a copy of unknown age:
    which year it means is unknowable."""
    return ctx.undated and mention.year is None


def _judge(scan: _Scan, mention: when.DateMention, ctx: _Context) -> _Statement | None:
    """A statement if this date is a premiere the sentence announces; None otherwise."""
    text, dates, cues, named = scan.text, scan.dates, scan.cues, scan.named
    clause = _clause(text, mention, dates)
    # A date that opens its sentence ("On Feb. 19, ...") is the time of the sentence's verb.
    fronted = bool(_FRONTED.fullmatch(text[: mention.start]))
    best: tuple[float, _Cue] | None = None
    for cue in cues:
        if cue.kind not in _CUE_STRENGTH:
            continue
        if cue.end <= mention.start:
            distance = _gap_without_asides(
                text, cue.end, mention.start, named, scan.season_mentions
            )
            if distance > 90:
                continue
            weight = _CUE_STRENGTH[cue.kind] - distance / 30
        elif cue.start >= mention.end:
            distance = cue.start - mention.end
            if cue.kind == "report" and "," in text[mention.end : cue.start]:
                continue  # "…moved to April 26, the network said": said is not about the date
            reported = any(
                c.kind == "report" and mention.end <= c.start < cue.start for c in cues
            )  # "On Wednesday, ABC confirmed that X is set to join": the day it was said
            if fronted and cue.kind in ("strong", "weak") and distance <= 90 and not reported:
                weight = _CUE_STRENGTH[cue.kind] - 0.5  # "On Feb. 19 at 8 a.m., PBS will premiere"
            elif distance > 50:
                continue
            else:
                weight = _CUE_STRENGTH[cue.kind] - distance / 20 - 0.5
        else:
            continue
        if not clause[0] <= cue.start < clause[1]:
            weight -= 1.0
        if best is None or weight > best[0]:
            best = (weight, cue)
    score, chosen = best if best else (0.0, None)
    # A listing row: a short line naming a show, and either under a schedule headline or with
    # its season and network beside the date ("The Night Manager series 2 on BBC One, 1 Jan").
    grid_row = (
        scan.sentence.is_line
        and bool(named)
        and (ctx.schedule or bool(scan.nets and scan.season_mentions))
    ) or _date_and_service_line(scan.sentence, scan.dates, scan.nets)
    grid_row = (
        grid_row
        or scan.dated_row
        or _entry_in_brackets(scan, mention)
        or (scan.under_heading and _slot_line(scan))
    )
    if chosen is not None and chosen.kind == "past":
        return None  # it already happened: a past premiere, a finale that aired
    if chosen is not None and _done_to(chosen, cues, text):
        return None  # "the drama aired the first episode on March 22": it has aired
    if chosen is None or chosen.kind == "report":
        if not grid_row:
            return None  # no premiere word, or the day something was announced
        score, kind = 1.5, "grid"
    else:
        kind = "strong" if chosen.kind == "winner" else chosen.kind
        if grid_row:
            score = max(score, 1.5)  # "“The Sopranos” (8 p.m. Sunday, HBO) returns": its slot
    names_show = _names_its_show(scan, ctx) or scan.under_heading or scan.points_back
    if kind != "grid" and not (names_show or _speaks_of_tv(scan)):
        return None  # "lands", "launches", "is scheduled for" alone: anything can land on Friday
    if kind == "weak" and not (names_show or scan.season_mentions or _airs_on_a_network(scan)):
        return None  # "lands in Kenya on Friday": a weak verb needs its show in the sentence
    if any(c.kind == "neg" and _LIBRARY.match(c.text) for c in cues if c.start < mention.start):
        return None  # "All 180 episodes of Seinfeld, the classic sitcom, are hitting": old ones
    if kind == "weak" and _ON_SET.search(text):
        return None  # "is back for Season 2 today (March 2), and will continue filming": on set
    before = [c for c in cues if clause[0] <= c.start and c.end <= mention.start]
    if _negated(text, mention, cues, before, clause):
        return None
    nearest_marks = [c for c in before if mention.start - c.end <= 45]
    if any(c.kind == "superseded" for c in nearest_marks) and not any(
        c.kind == "winner"
        and c.start > max(x.start for x in nearest_marks if x.kind == "superseded")
        for c in nearest_marks
    ):
        return None
    if any(c.kind == "spec" for c in cues if c.start < mention.start and c.start >= clause[0]):
        return None
    if _HEDGED.match(text):
        return None  # "It seems safe to assume, then, that it will kick off in January"
    if _HEARSAY.search(text, 0, mention.start):
        return None  # "As per the latest buzz, Mirzapur 3 is expected to premiere in March"
    if _service_launch(text, scan.nets, named):
        return None
    if chosen is not None and _FILM_BEFORE.search(text, max(0, chosen.start - 20), chosen.end):
        return None  # "makes her Christmas movie debut in X (Nov. 17)": a film, not a season
    if _WEEK_OF.search(text, max(0, mention.start - 30), mention.start):
        return None  # "Listings for the Week of October 1st": the week's name, not a premiere
    if _LOOKS_BACK.search(text, max(0, mention.start - 80), mention.start):
        return None  # "Back in March 2019, ...", "since its debut in 2015": told as history
    if _PAST_VERB_AFTER.match(text, mention.end):
        return None  # "who in June became the first member to debut": when that happened
    if _AUDIENCE_AFTER.match(text, mention.end):
        return None  # "returned … on October 2 with 2.188 million viewers": how it did
    if _NOT_UNTIL.search(text, max(0, mention.start - 60), mention.start + 6):
        return None  # "filming didn't resume until September": it has, since
    if _CALLED_OFF_AFTER.match(text, mention.end):
        return None  # "set to broadcast in Apr. 2020, will be postponed": the old date
    if _RUN_END.search(text, 0, mention.start) or _window(text, mention, dates):
        return None  # "weekly through April 5", "free from May 1 to May 7": a run, not its start
    if _IMPORTED.search(text):
        return None  # "the comedy that aired in the US in 2022 arrives on BBC Two": an import
    moved = _moved_from_to(text, mention, dates)
    if moved == "from":
        return None  # "pushed back from Feb. 15 to March 29": the old date
    winner = moved == "to" or any(c.kind == "winner" for c in nearest_marks)
    soft = any(
        c.kind == "soft"
        # "Expect scandalous secrets ... on Monday 8th October": a promo's imperative
        and not (c.start == 0 and c.text == "Expect")
        for c in cues
        if c.start < mention.start
    )
    if soft and not any(c.kind == "strong" for c in cues):
        return None  # "he expects to be back next year": a hope, not an announcement
    if mention.kind in ("weekday", "relative") and _narrates_past(text, cues):
        return None  # "Sunday night's premiere ... picked up where": that Sunday has been
    if _year_unknowable(mention, ctx) or (
        ctx.estimated
        and (
            mention.kind in ("relative", "weekday")
            or (mention.kind == "year" and mention.year is None)
        )
    ):
        # "today", "this Friday" against a year guessed from the address or text, "March 8" in
        # an undated copy: which day is meant is unknowable; what premieres is not.
        if score + _DAY_BONUS >= PREMIERE_THRESHOLD:
            _keep_dateless(scan, mention, ctx, clause)
        return None
    resolved = when.resolve(
        mention,
        ctx.anchor,
        day_first=ctx.day_first,
        anchor_known=ctx.anchor_known,
        weekday_years=ctx.weekday_years,
    )
    if resolved is None or (
        ctx.anchor_known
        and _is_past(resolved, ctx.anchor)
        and not _written_that_day(text, mention, resolved, ctx.anchor)
    ):
        return None
    if ctx.filed and mention.year is not None and _is_past(resolved, ctx.anchor - _FILED_SLACK):
        return None  # "premiered in July 1989" on a page filed under 2021/09: history
    if (
        _is_dateline(scan, mention, resolved, ctx)
        or _WIRE_DATELINE.match(text, mention.end)
        or _release_dateline(text, mention)
        or _STAMPED.search(text, max(0, mention.start - 30), mention.start)
        or _MACHINE_TIME.match(text, mention.end)
    ):
        return None  # "Article Pixel Nov. 21, 2019" above the headline: when it was written
    score += 1.5 if winner else 0.0
    score -= 1.0 if soft else 0.0
    score += {Precision.DAY: _DAY_BONUS, Precision.MONTH: 0.15}.get(resolved.precision, 0.0)
    score -= 0.0 if resolved.explicit else 0.4
    if score < PREMIERE_THRESHOLD:
        return None
    show, show_at = _bind_show(mention, named, ctx.lead.title, text)
    show_named = show_at is not None
    if show_at is not None and _FILM_NAMED.search(text, max(0, show_at.start - 30), show_at.start):
        return None  # "The new original movie Christmas at the Lodge premieres": a film's
    season, implied = _bind_season(mention, scan.season_mentions, show_at, clause, text)
    if (
        season is None
        and chosen is not None
        and re.search(r"(?i)\b(?:debut|series\s+premiere)", chosen.text)
        and not any(
            not s.implied and clause[0] <= s.start < clause[1] for s in scan.season_mentions
        )
    ):
        season, implied = 1, True  # "Wildfire Season debuts July 12": a new show
    network = _bind_network(text, mention, scan.nets)
    confidence = resolved.confidence
    confidence *= {"strong": 1.0, "weak": 0.92, "grid": 0.85}.get(kind, 0.9)
    confidence *= 0.7 if soft else 1.0
    if not ctx.anchor_known and not (mention.year or mention.kind in ("numeric",)):
        confidence *= 0.75
    time = _bind_time(mention, dates, scan.times) if resolved.precision is Precision.DAY else None
    return _Statement(
        show, show_named, season, implied, network, resolved, time, score, min(confidence, 0.99),
        scan.sentence.start + mention.start, scan.sentence.text, winner,
        mention.year is not None or mention.year_offset is not None,
        show_named or names_show,
    )  # fmt: skip


def _keep_dateless(
    scan: _Scan, mention: when.DateMention, ctx: _Context, clause: tuple[int, int]
) -> None:
    """Keeps the show a premiere of unknowable day is about, with its season and network."""
    show, show_at = _bind_show(mention, scan.named, None, scan.text)
    if show is None or show_at is None:
        return
    season, implied = _bind_season(mention, scan.season_mentions, show_at, clause, scan.text)
    ctx.dateless.append(
        _DatelessClaim(
            show,
            None if implied else season,
            _bind_network(scan.text, mention, scan.nets),
            scan.sentence.start + mention.start,
        )
    )


# "Updated: 02-08-2021 20:50 IST", "Last modified on Mon 19 Apr 2021": the page's own stamp.
_STAMPED = re.compile(
    r"(?i)\b(?:updated|created|published|posted|modified|edited)(?:\s+(?:on|at))?\s*:?\s*"
    r"(?:[A-Z][a-z]{2,8},?\s+)?$"
)
# "Fri, 04 Sep 2015 02:39:35 +0000": a feed's or a server's clock, to the second.
_MACHINE_TIME = re.compile(r"\s*,?\s*(?:at\s+)?\d{1,2}:\d{2}:\d{2}\b")
# "May 24 (UPI) --", "SEOUL, Nov. 2 (Yonhap) --": a wire story's dateline, the day it was filed.
_WIRE_DATELINE = re.compile(
    r"\s*\((?:UPI|AP|Reuters|AFP|Yonhap|IANS|PTI|ANI|CNN|Xinhua|dpa|Kyodo)\)\s*(?:--|[-–—])"
)


# "(Washington, DC/Pasadena, CA – Jan. 13, 2018) National Geographic has set ...": a press
# release's dateline in brackets, the day it went out.
_RELEASE_DATELINE = re.compile(r"\(\s*[A-Z][\w .,'’/&-]{1,60}?\s*[-–—]\s*$")


def _release_dateline(text: str, mention: when.DateMention) -> bool:
    return (
        mention.year is not None
        and text[mention.end :].lstrip().startswith(")")
        and bool(_RELEASE_DATELINE.search(text, max(0, mention.start - 70), mention.start))
    )


def _is_dateline(
    scan: _Scan, mention: when.DateMention, resolved: when.Resolved, ctx: _Context
) -> bool:
    """The publication day written out in full on a line of its own words, with no premiere
    word on that line: the page's dateline, not a premiere on the day it was published."""
    if not (ctx.anchor_known and mention.year is not None and resolved.day == ctx.anchor):
        return False
    line_start, line_end = line_around(scan.text, mention.start)
    return (
        not any(line_start <= c.start < line_end for c in scan.cues if c.kind in _CUE_STRENGTH)
        and not scan.season_mentions
    )


def _row_statement(scan: _Scan, header: when.Resolved) -> _Statement:
    """A schedule row without a date of its own, under the date line above it."""
    season = scan.season_mentions[0] if scan.season_mentions else None
    return _Statement(
        scan.named[0].text, True, season.number if season else None,
        bool(season and season.implied), scan.nets[0].name if scan.nets else None, header,
        scan.times[0] if scan.times else None, 1.5, header.confidence * 0.85,
        scan.sentence.start, scan.sentence.text, False,
    )  # fmt: skip


_ASIDE = re.compile(r"\([^()]{0,120}\)")


def _gap_without_asides(
    text: str,
    start: int,
    end: int,
    named: Sequence[titles.TitleMention] = (),
    season_mentions: Sequence[seasons.SeasonMention] = (),
) -> int:
    """Characters between two points, not counting a bracketed aside, a show's title or its
    season: "hits Amazon (you need an Amazon Prime membership to watch) on November 1st",
    "premieres the new drama "For Life" on Feb. 11" and "returning for a second six-part
    series later this year" keep the verb next to its date."""
    between = text[start:end]
    spans = [(t.start, t.end) for t in named] + [(s.start, s.end) for s in season_mentions]
    shows = [(low - start, high - start) for low, high in spans if start <= low and high <= end]
    asides = [m.span() for p in (_ASIDE, _CREDIT_ASIDE, _APPOSITIVE) for m in p.finditer(between)]
    left_out = {at for low, high in shows + asides for at in range(low, high)}
    return len(between) - len(left_out)  # a title inside an aside is left out once


def _blanked(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """The text with each span overwritten by spaces, every offset kept."""
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def _done_to(cue: _Cue, cues: Sequence[_Cue], text: str) -> bool:
    """A premiere noun a past verb governs ("aired the first episode", "aired its premiere")."""
    if cue.kind not in ("strong", "weak") or not _DONE_NOUN.fullmatch(cue.text):
        return False
    return any(
        c.kind == "past"
        and c.end <= cue.start
        and _DONE_TO_GAP.fullmatch(text, c.end, cue.start) is not None
        for c in cues
    )


_DONE_TO_GAP = re.compile(r"(?i)\s+(?:(?:the|its|their|a|an)\s+)?")
_DONE_NOUN = re.compile(r"(?i)first\s+episode|(?:series\s+|season\s+)?premiere|debut")


def _speaks_of_tv(scan: _Scan) -> bool:
    """The sentence names a season, a network or a TV noun."""
    return bool(scan.season_mentions or scan.nets or _TV_WORDS.search(scan.text))


# What a story calls its show after naming it once: "the western returns Sunday".
_GENRE_NOUN = (
    r"(?:show|series|drama|comedy|sitcom|thriller|western|docuseries|documentary\s+series"
    r"|anime|programme|procedural|competition|reality\s+(?:show|series))"
)


_POINTS_BACK = re.compile(
    r"(?i)\s*(?:it|the\s+(?:(?:new|upcoming|prequel|sequel|spin-?off)\s+)?"
    + _GENRE_NOUN
    + r"|(?:the\s+)?(?:new\s+)?(?:season|series)\s+\w+"
    # "A second installment of the prequel series premieres mid-month"
    r"|(?:a|the|its)\s+(?:(?:new|next|second|third|fourth|fifth|final|latest)\s+)?"
    r"(?:installment|instalment|chapter|outing))\b"
)


def _names_its_show(scan: _Scan, ctx: _Context) -> bool:
    """The sentence names the show the date is for, or points back at the lead ("it")."""
    if scan.named:
        return True
    lead = ctx.lead.title
    # "the show", "the most anticipated show of 2020"
    pointer = (
        r"(?i)\b(?:it|the\s+(?:[\w’'-]+\s+){0,3}?"
        + _GENRE_NOUN
        + r"|"
        + re.escape(lead or "")
        + r")\b"
    )
    return bool(lead and re.search(pointer, scan.text))


def _airs_on_a_network(scan: _Scan) -> bool:
    """A network named as where something airs ("on HBO", "to Netflix"), not as a source."""
    return any(
        re.search(
            r"(?i)\b(?:on|to|via|at)\s+(?:the\s+)?$", scan.text[max(0, n.start - 10) : n.start]
        )
        for n in scan.nets
    )


def _narrates_past(text: str, cues: Sequence[_Cue]) -> bool:
    """The sentence tells what happened: a past-tense verb and no verb of what is to come."""
    if any(
        c.kind in ("strong", "weak", "winner") and not _NOUN_CUE.fullmatch(c.text) for c in cues
    ):
        return False
    return bool(_PAST_VERB.search(text))


# "makes her Christmas movie debut": a film's premiere, not a season's.
_FILM_BEFORE = re.compile(
    r"(?i)\b(?:movie|film|telefilm|tv\s+movie)['’]?s?\s+(?:debut|premiere|premieres|debuts)\b"
)
# "the new original movie", "the documentary film", "the feature": a film's name follows.
_FILM_NAMED = re.compile(r"(?i)\b(?:movie|film|telefilm|feature)\s+(?:[\"“‘']\s*)?$")
# "TV listings for the week of October 1st", "w/c Saturday July 22": the week a list is for.
_WEEK_OF = re.compile(
    r"(?i)\b(?:week\s+of|weekend\s+of|w/c|week\s+(?:commencing|beginning|starting))\s*:?\s*"
    r"(?:(?:mon|tues?|wed|thu|thurs|fri|sat|sun)\w*,?\s+)?$"
)
# What news writes before a date it looks back to: "Back in March 2019, the finale
# confirmed...", "dating back to its debut in 2015", "ever since January". Only a clause that
# opens on "back in" counts: "the show is back in March" looks ahead.
_LOOKS_BACK = re.compile(
    r"(?i)(?:(?:^|[,;(—–]\s*|\b(?:and|but)\s+)(?:way\s+)?back(?:\s+in)?|\bdating\s+back\s+to"
    r"|\bas\s+far\s+back\s+as|\b(?:ever\s+)?since)"
    r"(?:\s+(?:its|their|the\s+show['’]s)\s+(?:debut|premiere|launch|first\s+season)"
    r"(?:\s+in)?)?\s+(?:(?:early|late|mid)[\s-]+)?$"
)
# "set to broadcast in Apr. 2020, will be postponed": a date called off as it is named.
_CALLED_OFF_AFTER = re.compile(
    r"[\s,]*(?:(?:will|has|had|have)\s+(?:now\s+)?(?:been|be)|was|were|is\s+being|is|are)\s+"
    r"(?:postponed|delayed|pushed\s+back|cancell?ed|scrapped|called\s+off)\b"
)
# "who in June became ...", "which in 2015 won ...": the date of a past event; "the launch
# in 2013 was watched by 803,000": an audience counted.
_PAST_VERB_AFTER = re.compile(
    r"\s*(?:became|won|took|began|made|got|had|finished|ended|wrapped|debuted|premiered|aired"
    r"|joined|opened|drew|attracted|averaged|(?:was|were)\s+(?:watched|seen|viewed)\s+by)\b"
)
# "on October 2 with 2.188 million viewers": an audience counted, so a night that has been.
_AUDIENCE_AFTER = re.compile(
    r"(?i),?\s+(?:with|to|drawing|pulling\s+in|averaging)\s+(?:an?\s+)?(?:average\s+(?:of\s+)?)?"
    r"[\d.,]+\s*(?:million|m\b|k\b|thousand)?\s*(?:total\s+)?viewers"
)
# "filming didn't resume until September": when something past at last happened.
_NOT_UNTIL = re.compile(
    r"(?i)\b(?:didn['’]t|did\s+not|wasn['’]t|was\s+not|weren['’]t|were\s+not|hadn['’]t"
    r"|had\s+not)\s+(?:[\w-]+\s+){1,4}?until\b"
)
# The end of a run: "new episodes each week through early April".
_RUN_END = re.compile(r"(?i)\b(?:through|thru|between\s+now\s+and)\s+$")
_WINDOW_JOIN = re.compile(r"(?i)\s*(?:to|until|till|through|thru|-|–)\s*")
# A season already shown in another country: its arrival here is no season's premiere.
_IMPORTED = re.compile(
    r"(?i)\b(?:aired|was\s+(?:broadcast|shown|aired)|ran|premiered|debuted)\s+(?:first\s+"
    r"|originally\s+|already\s+)?in\s+(?:the\s+)?(?:US|U\.S\.|UK|U\.K\.|America|Britain|Australia"
    r"|Canada|Korea|Japan|States)\b"
    # "which aired on NBC last year, arrives on BBC Two": a second run, on another channel
    r"|\b(?:aired|ran|premiered|debuted|was\s+(?:broadcast|shown))\s+on\s+(?-i:[A-Z])[\w+&!.-]*"
    r"(?:\s+(?-i:[A-Z])[\w+&!.-]*){0,2}\s+(?:last\s+year|in\s+(?:19|20)\d\d|earlier\s+this\s+year)\b"
    # "dubbed into Thai": the version for another country
    r"|\b(?:dubbed|re-?voiced)\s+(?:in|into)\s+(?-i:[A-Z])\w+"
)


def _window(text: str, mention: when.DateMention, dates: Sequence[when.DateMention]) -> bool:
    """The date opens or closes a window ("free from May 1 to May 7"): a promotion, a run of
    screenings, not a premiere. A move ("pushed from May 1 to May 7") is told apart first."""
    if _MOVE_VERB.search(text):
        return False
    before = text[max(0, mention.start - 40) : mention.start]
    if _BETWEEN_AND.search(before) or (
        re.search(r"(?i)\bbetween\s*$", before) and re.match(r"\s*and\b", text[mention.end :])
    ):
        return True  # "debuting between mid-September and December 31": a season's span
    for other in dates:
        if other.start >= mention.end:
            first, last = mention, other
        elif other.end <= mention.start:
            first, last = other, mention
        else:
            continue
        if _WINDOW_JOIN.fullmatch(text, first.end, last.start) and _after_from(text, first):
            return True
    return False


_BETWEEN_AND = re.compile(r"(?i)\bbetween\s+(?:[\w’'.-]+\s+){1,3}and\s*$")


def _after_from(text: str, mention: when.DateMention) -> bool:
    """ "from May 1", where "from" is before the date or, for a month, read as part of it."""
    return bool(
        re.search(r"(?i)\bfrom\s*$", text[max(0, mention.start - 8) : mention.start])
        or re.match(r"(?i)from\b", mention.text)
    )


def _moved_from_to(
    text: str, mention: when.DateMention, dates: Sequence[when.DateMention]
) -> str | None:
    """ "from" or "to" when the date is one end of a move ("from Feb. 15 to March 29")."""
    if not _MOVE_VERB.search(text):
        return None
    for other in dates:
        if (
            other.start >= mention.end
            and re.fullmatch(r"\s*to\s*", text[mention.end : other.start])
            and _after_from(text, mention)
        ):
            return "from"
        if (
            other.end <= mention.start
            and re.fullmatch(r"\s*to\s*", text[other.end : mention.start])
            and _after_from(text, other)
        ):
            return "to"
    return None


_DATE_NOUN = re.compile(r"(?i)(?:release|premiere|air|launch|debut|return)\s+date")


def _negated(
    text: str,
    mention: when.DateMention,
    cues: Sequence[_Cue],
    before: Sequence[_Cue],
    clause: tuple[int, int],
) -> bool:
    """A finale, a festival, a trailer... governs the date: nothing stronger stands between."""

    def premiere_word_between(neg: _Cue) -> bool:
        # "The finale airs May 20" stays a finale; "after the finale, season 2 premieres" not.
        return any(
            c.kind == "strong"
            and neg.end <= c.start
            and c.end <= mention.start
            and not (_AIRING_VERB.fullmatch(c.text) and _BROADCAST_KIND.search(neg.text))
            # "The NFL ... its season will start in the fall": a league's season starts too;
            # only a show's own words ("premieres", "returns") take the date from it.
            and not (_SPORT_NEG.fullmatch(neg.text) and not _SHOW_VERB.search(c.text))
            for c in cues
        )

    if any(
        c.kind == "strong" and 0 <= c.start - mention.end <= 3 and _DATE_NOUN.match(c.text)
        for c in cues
    ):
        return False  # "a new poster and a December 23 release date": the date is the noun's
    if any(c.kind == "neg" and not premiere_word_between(c) for c in before):
        return True
    # "Anime on hiatus will return in July": a return from a break is no season's premiere,
    # whatever verb says so.
    if any(c.kind == "neg" and _BREAK.fullmatch(c.text) for c in before):
        return True
    # The clause's subject is the finale, the special, the episode: whatever verb follows,
    # the date is its ("The episode is scheduled to debut on 23 July").
    if any(
        c.kind == "neg"
        and _SUBJECT_NOT_A_SEASON.match(c.text)
        and (
            c.start - clause[0] <= 4
            # "HBO Max announced that the reunion will stream on May 27"
            or _THAT_THE.search(text, clause[0], c.start)
        )
        for c in before
    ):
        return True
    # Right after the date only a few nouns bind to it: "on May 20, the finale ...".
    after = [c for c in cues if mention.end <= c.start < min(clause[1], mention.end + 14)]
    return any(c.kind == "neg" and _NEG_AFTER.match(c.text) for c in after)


# ', from Curtis "50 Cent" Jackson,': who made it, set off by commas, splits nothing.
_CREDIT_ASIDE = re.compile(
    r",[\"”’']?\s+(?:from|by|(?:created|written|executive\s+produced|produced|directed)\s+by|starring"
    r"|based\s+on)\s+[^,.;:!?]{2,80},"
)
# ", the adaptation of Sally Rooney’s novel, on Tuesday": what it is, before its date.
_APPOSITIVE = re.compile(r",\s+(?:the|an?)\s+[^,.;:!?]{2,80},(?=\s+(?:on|from|at|in|this|next)\b)")
_DASH_ASIDE = re.compile(r"\s[–—]\s[^–—.;!?]{3,120}?\s[–—]\s")


def _clause(
    text: str, mention: when.DateMention, dates: Sequence[when.DateMention]
) -> tuple[int, int]:
    """The clause around a date: commas inside dates ("March 8, 2018") do not split it."""
    start, end = 0, len(text)
    appositive = text[: mention.start].rstrip().endswith(",")
    # "Series two of the sitcom – written by Jo Brand – is set to begin on ...": a dash
    # aside the date stands outside of splits nothing.
    asides = [
        (m.start(), m.end())
        for pattern in (_DASH_ASIDE, _CREDIT_ASIDE, _APPOSITIVE)
        for m in pattern.finditer(text)
        if not m.start() <= mention.start < m.end()
    ]
    for match in _CLAUSE_BREAK.finditer(text):
        if any(d.start <= match.start() < d.end for d in dates):
            continue
        if any(low <= match.start() < high for low, high in asides):
            continue
        if match.group().startswith(",") and (
            0 <= mention.start - match.end() <= 1
            or (0 <= match.start() - mention.end <= 1 and appositive)
        ):
            continue  # an apposition: "drops tomorrow, May 9, on Hulu"
        if match.end() <= mention.start and _REDUCED_CLAUSE.match(text, match.end()):
            continue  # "a recap special, to air on May 27": the noun before is its subject
        if match.end() <= mention.start:
            start = match.end()
        elif match.start() >= mention.end:
            end = match.start()
            break
    return start, end


def _drop_shadowed_relatives(dates: list[when.DateMention]) -> list[when.DateMention]:
    """An explicit date next to a relative one names the same day: "tomorrow (March 8)"."""
    kept = []
    for index, mention in enumerate(dates):
        if mention.kind in ("relative", "weekday"):
            following = dates[index + 1] if index + 1 < len(dates) else None
            previous = dates[index - 1] if index else None
            if following and following.kind == "day" and following.start - mention.end <= 4:
                continue
            if previous and previous.kind == "day" and mention.start - previous.end <= 4:
                continue
        if mention.kind == "holiday":
            following = dates[index + 1] if index + 1 < len(dates) else None
            if following and following.kind == "day" and following.start - mention.end <= 4:
                continue
        kept.append(mention)
    return kept


def _is_date_header(text: str, dates: Sequence[when.DateMention]) -> bool:
    if len(dates) != 1 or dates[0].kind not in ("day", "numeric"):
        return False
    rest = (text[: dates[0].start] + text[dates[0].end :]).strip(" :-–—*#|")
    return not re.search(r"[A-Za-z]{2,}", rest)


def _written_that_day(
    text: str, mention: when.DateMention, resolved: when.Resolved, anchor: date
) -> bool:
    """ "Premieres globally today, February 4" on a page stamped a few days later: the piece
    was written on the day it names, and the stamp is a later edit's."""
    return bool(_TODAY_BEFORE.search(text, max(0, mention.start - 20), mention.start)) and (
        0 <= (anchor - resolved.day).days <= 14
    )


# A page filed under a month may have been written a little before it was filed.
_FILED_SLACK = timedelta(days=31)

_TODAY_BEFORE = re.compile(r"(?i)\b(?:today|tonight)\s*,\s*$")


def _is_past(resolved: when.Resolved, anchor: date) -> bool:
    """Over before the publication day: the whole day, month or year it names has ended."""
    start = datetime(resolved.day.year, resolved.day.month, resolved.day.day, tzinfo=UTC)
    return window_end(start, resolved.precision, "UTC").date() <= anchor


def _service_launch(
    text: str,
    nets: Sequence[networks.NetworkMention],
    named: Sequence[titles.TitleMention],
) -> bool:
    """ "Peacock will launch nationwide on July 15": a service's own launch, not a premiere."""
    launch = _LAUNCH_CUE.search(text)
    if launch is None or named:
        return False
    before = text[: launch.start()]
    if _SERVICE_WORDS.search(before.rstrip()) or re.search(
        r"(?i)\b(?:service|platform|streamer|app|broadcaster)\b", before
    ):
        return True
    return any(net.end <= launch.start() for net in nets)


# ---------------------------------------------------------------------------- binding


_CREDITS_AFTER = re.compile(r"\s*\([^()]+,[^()]+\)")


def _named_titles(
    text: str, blocked: Sequence[tuple[int, int]], lead: str | None, is_line: bool
) -> list[titles.TitleMention]:
    """Titles this sentence names as a subject: quoted, the lead's, a schedule row's, or a
    capitalised run written as a show ("The Crown's fourth season", "the new drama Ashfall").

    A run that is only the subject of a premiere verb ("Severance returns") counts when the
    article has no lead show: with one, it is as likely an actor ("Pedro Pascal returns as
    Joel when season 2 premieres"), and the date stays the lead's.
    """
    named: list[titles.TitleMention] = list(titles.quoted_titles(text))
    if lead:
        for match in re.finditer(r"(?<!\w)" + re.escape(lead) + r"(?!\w)", text, re.IGNORECASE):
            named.append(titles.TitleMention(lead, match.start(), match.end()))
    runs = titles.title_runs(text, blocked)
    if is_line:
        # "Air Date: 9 pm, Mondays, 13 April 2020", "-- Start: October 8th --": a field's label
        label = re.match(r"([^:]{1,30}):", text)
        if label and _FIELD_LABEL.fullmatch(label[1]):
            runs = [r for r in runs if r.start >= label.end()]
        named.extend(runs[:1])
    for run in runs:
        after = text[run.end : run.end + 40]
        before = text[max(0, run.start - 45) : run.start]
        if (
            _SHOW_AFTER.match(after)
            or _SHOW_BEFORE.search(before)
            or (lead is None and _SUBJECT_AFTER.match(after))
            or _PREMIERES_AFTER.match(after)
        ):
            named.append(run)
    credits = [a.span() for a in _CREDIT_ASIDE.finditer(text)]
    named = [
        m
        for m in named
        if (m.quoted or not titles.names_a_person(text, m.start, m.end))
        and not _PARENT_BEFORE.search(text, 0, m.start)
        # ', from Curtis "50 Cent" Jackson,': a maker's name, quoted or not
        and not any(low < m.start < high for low, high in credits)
    ]
    # "STUDIO LIGHTS with Laura Benton returns": after "with", or beside another title, a
    # given name and a surname the sentence never writes as a show is a host or a star ("Ray
    # Donovan returns Sunday" alone stays the show).
    people = [
        m
        for m in named
        if not m.quoted and m.text != lead and titles.a_name_not_a_show(m.text, text)
    ]
    # "Peter Capaldi (Paddington, World War Z) returns": an actor, his credits in brackets
    hosts = [
        m
        for m in people
        if re.search(r"\bwith\s+$", text[max(0, m.start - 6) : m.start])
        or _CREDITS_AFTER.match(text, m.end)
    ]
    named = [m for m in named if m not in (people if len(people) < len(named) else hosts)]
    unique: dict[tuple[int, int], titles.TitleMention] = {}
    for mention in named:
        if not any(m.start <= mention.start and mention.end <= m.end for m in unique.values()):
            unique[(mention.start, mention.end)] = mention
    return sorted(unique.values(), key=lambda m: m.start)


_LEAD_POINTER = re.compile(r"(?i)\bthe\s+(?:show|series|drama|comedy|sitcom|programme)\b")
# A new clause whose subject is "it": the sentence's subject again, not the title just before.
_SUBJECT_PRONOUN = re.compile(r"(?i)(?:,|\band|\bbut)\s+it\s+(?:is|will|was|has|premieres|airs)\b")


# Between two titles of a list: a comma, or "and" between quoted titles ("Eastbound & Down"
# unquoted is one title).
_LIST_JOIN = re.compile(
    r"[\"”’']\s*(?:,\s*(?:and\s+|&\s+)?|\s+(?:and|&)\s+)[\"“‘']|\s*,\s*(?:and\s+|&\s+)?"
    r"|,[\"”’']\s+(?:(?:and|&)\s+)?[\"“‘']"  # '“Harbour Crew,” “Lantern Road”': US commas
)


# Between quoted titles of a list, around an aside: '“The Conners” (with its stars), “Not
# Dead Yet,” a one-hour season-premiere episode of “Abbott Elementary” and ...'.
_QUOTED_LIST_GAP = re.compile(
    r"[”’\"']?\s*,\s*[”’\"']?\s*(?:(?:and|&)\s+)?(?:an?\s+[^.;:!?“”\"]{0,50}?\bof\s+)?[“‘\"']"
)


def _quoted_list_join(text: str, first: titles.TitleMention, second: titles.TitleMention) -> bool:
    gap = _ASIDE.sub("", text[first.end : second.start])
    return first.quoted and second.quoted and _QUOTED_LIST_GAP.fullmatch(gap) is not None


def _bind_show(
    mention: when.DateMention,
    named: Sequence[titles.TitleMention],
    lead: str | None,
    text: str = "",
) -> tuple[str | None, titles.TitleMention | None]:
    """The show a date belongs to, and where the sentence names it (None: the lead's, unnamed)."""
    before = [t for t in named if t.end <= mention.start]
    after = [t for t in named if t.start >= mention.end]
    if before:
        chosen = before[-1]
        if (
            lead
            and not titles.same_show(chosen.text, lead)
            and _LEAD_POINTER.search(text, chosen.end, mention.start)
        ):
            # 'The new "Fab 5" announced the show is returning on March 15': "the show" stands
            # between the name and the date, and it is the story's own.
            return lead, None
        if (
            len(before) > 1
            and before[0].start <= 2
            and _SUBJECT_PRONOUN.search(text, chosen.end, mention.start)
        ):
            # '"The K2" will be replacing tvN's current drama, "The Good Wife", and it is
            # slated to premiere on 23rd September': "it" is the sentence's subject.
            return before[0].text, before[0]
        # '"Señorita 89", "Malayerba" and "El Refugio" will arrive in 2022': the list's date
        # is each title's; the first one leads.
        at = len(before) - 1
        # "..., “Chuggington” and “Imagination Movers,” the latter two with season premieres
        # Feb. 14": the list's end is meant.
        latter = re.search(r"(?i)\bthe\s+latter\b", text[chosen.end : mention.start])
        # A list of quoted titles ends "..., “B” and “C”"; a comma last ('“Suspicious
        # Housekeeper” (2013), “Secret Door” will premiere') starts a new subject.
        closed = len(before) > 1 and re.search(
            r"\s(?:and|&)\s", text[before[-2].end : before[-1].start]
        )
        while (
            not latter
            and at > 0
            and (
                _LIST_JOIN.fullmatch(text, before[at - 1].end, before[at].start)
                or (closed and _quoted_list_join(text, before[at - 1], before[at]))
            )
        ):
            at -= 1
        if at < len(before) - 1:
            return before[at].text, before[at]
        # "Following The Crown, Severance returns March 8": the nearest subject names it,
        # but the lead wins when it is one of the candidates and the other is far.
        if lead and not titles.same_show(chosen.text, lead):
            leads = [t for t in before if titles.same_show(t.text, lead)]
            if leads and chosen.start - leads[-1].end < 12:
                chosen = leads[-1]
        return chosen.text, chosen
    near = [t for t in after if t.start - mention.end < 100]
    # "On Feb. 19 on KPTS, PBS Kids will premiere 'Pinkalicious'": the lead, or a quoted
    # title, is what the date's sentence premieres; a station named first is not.
    preferred = [t for t in near if titles.same_show(t.text, lead) or t.quoted]
    if preferred:
        return preferred[0].text, preferred[0]
    if after and after[0].start - mention.end < 40:
        return after[0].text, after[0]
    return lead, None


def _bind_season(
    mention: when.DateMention,
    season_mentions: Sequence[seasons.SeasonMention],
    show_at: titles.TitleMention | None,
    clause: tuple[int, int],
    text: str | None = None,
) -> tuple[int | None, bool]:
    """The season written with the show in the date's clause ("Jessica Jones season 2 is set
    to premiere"), else in the date's clause, else next to the show's name elsewhere."""
    if text is not None:
        # "the end of the fifth season …, and … the next season starts in April": a season
        # that has ended is not the one the date starts; "the next season" is the one after.
        ended = [
            s
            for s in season_mentions
            if not s.implied and _ENDED_BEFORE.search(text, max(0, s.start - 25), s.start)
        ]
        if ended:
            last = ended[-1]
            if last.end <= mention.start and _NEXT_SEASON.search(text, last.end, mention.start):
                return last.number + 1, False
            season_mentions = [s for s in season_mentions if s not in ended]
        # "Stranger Things Season 5 … Volume 1 on November 26": a part of the season named
        # beside it, not a season of its own.
        parts = [s for s in season_mentions if _A_PART.match(text, s.start)]
        if parts and any(not s.implied and s not in parts for s in season_mentions):
            season_mentions = [s for s in season_mentions if s not in parts]
    windows: list[tuple[int, int, int]] = []  # (from, to, the point to be nearest to)
    if show_at is not None and clause[0] <= show_at.start < clause[1]:
        low, high = min(show_at.start, mention.start), max(show_at.end, mention.end)
        windows.append((max(low - 40, clause[0]), min(high + 40, clause[1]), show_at.start))
    else:
        windows.append((clause[0], clause[1], mention.start))
        if show_at is not None:
            windows.append((show_at.start - 40, show_at.end + 25, show_at.start))
    for low, high, anchor in windows:
        near = [s for s in season_mentions if low <= s.start and s.end <= high]
        # "season three of X (returning for season four on Dec. 13)": a season between the
        # show and its date is the one the date is for.
        between = [
            s
            for s in near
            if show_at is not None and show_at.end <= s.start and s.end <= mention.start
        ]
        if between:
            near = between
        if near:
            chosen = min(near, key=lambda s: abs(s.start - anchor))
            return chosen.number, chosen.implied
    if text is not None:
        # "returns this Sunday, September 3rd, on RTÉ One, with a six-part second season": the
        # season the date's verb comes "with", later in its sentence.
        for found in season_mentions:
            if (
                not found.implied
                and mention.end <= found.start <= mention.end + 100
                and _COMES_WITH.search(text, max(mention.end, found.start - 30), found.start)
            ):
                return found.number, False
    if show_at is not None and text is not None:
        # "the third and final season of Netflix's acclaimed dark comedy Dead to Me": the
        # season governs the show its "of" leads to, however many words stand between.
        for found in reversed(season_mentions):
            if (
                not found.implied
                and 0 <= show_at.start - found.end <= 90
                and re.match(r"\s+of\b", text[found.end : found.end + 4])
            ):
                return found.number, False
    return None, False


_ENDED_BEFORE = re.compile(r"(?i)\b(?:end|finale|close|conclusion)\s+of\s+(?:the\s+|its\s+)?$")
_NEXT_SEASON = re.compile(r"(?i)\bnext\s+season\b")
_COMES_WITH = re.compile(r"(?i)\b(?:with|for)\s+(?:a|an|its|their)\b[^,.;]{0,18}$")
_A_PART = re.compile(r"(?i)(?:part|volume|vol\.|book|chapter)\b")
_JOINED = re.compile(r"\s*(?:,|and|&|or|\+|/)\s*")


def _bind_network(
    text: str, mention: when.DateMention, nets: Sequence[networks.NetworkMention]
) -> str | None:
    usable = [
        n for n in nets if not _NETWORK_DISTRACTOR.search(text[max(0, n.start - 40) : n.start])
    ]
    if not usable:
        return None
    chosen = min(
        usable,
        key=lambda n: (
            (mention.start - n.end) if n.end <= mention.start else (n.start - mention.end) * 1.5
        ),
    )
    # "on BBC One and iPlayer", "on Crunchyroll and Hulu": the one named first is its home.
    for earlier in reversed(usable):
        if earlier.end <= chosen.start and _JOINED.fullmatch(text, earlier.end, chosen.start):
            chosen = earlier
    return chosen.name


def _bind_time(
    mention: when.DateMention,
    dates: Sequence[when.DateMention],
    times: Sequence[when.TimeMention],
) -> when.TimeMention | None:
    best: tuple[float, when.TimeMention] | None = None
    for time in times:
        if time.start >= mention.end:
            distance: float = time.start - mention.end
            if distance > 45:
                continue
        elif time.end <= mention.start:
            distance = (mention.start - time.end) * 1.5
            if distance > 45:
                continue
        else:
            continue
        # A time closer to another date belongs to that one ("A returns May 3 at 9, B May 4 at 10").
        if any(_gap(other, time) < _gap(mention, time) for other in dates if other is not mention):
            continue
        if best is None or distance < best[0]:
            best = (distance, time)
    return best[1] if best else None


def _gap(mention: when.DateMention, time: when.TimeMention) -> int:
    return time.start - mention.end if time.start >= mention.end else mention.start - time.end


# ---------------------------------------------------------------------------- choosing


_FOREVER = 10**9


def _drop_withdrawn(
    statements: list[_Statement], sentences: Sequence[Sentence], lead: str | None
) -> list[_Statement]:
    """A premiere pulled "until further notice" is no premiere, unless a new date follows."""
    ends = [s.start + len(s.text) for s in sentences if _WITHDRAWN_RE.search(s.text)]
    if not ends:
        return statements
    # A headline that pulls the show ("new show pulled from schedule") governs the whole piece.
    last = _FOREVER if min(ends) < 0 else max(ends)
    return [
        s
        for s in statements
        if (s.winner and (last != _FOREVER or s.show_named))
        or s.order >= last
        or (s.show_named and lead is not None and not titles.same_show(s.show, lead))
    ]


def _choose(
    statements: list[_Statement],
    lead: str | None,
    head_network: str | None,
    head_season: int | None,
) -> tuple[_Statement | None, list[_Statement]]:
    if not statements:
        return None, []
    if lead:
        candidates = [s for s in statements if titles.same_show(s.show, lead) or s.show is None]
    else:
        # No show in the headline ("NBC Sets Fall Premiere Dates"): the first one named leads.
        named = [s for s in statements if s.show] or statements
        first = min(named, key=lambda s: s.order)
        candidates = [s for s in named if titles.same_show(s.show, first.show)] or [first]
    # The headline's network and season pick among the lead's premieres (UK first, US later);
    # a sentence that names neither is not against them.
    if head_network:
        candidates = [s for s in candidates if s.network in (head_network, None)] or candidates
    if head_season:
        candidates = [s for s in candidates if s.season in (head_season, None)] or candidates
    chosen: _Statement | None = None
    if candidates:
        # Best supported first; among equals the finer precision, then the earliest day
        # (a two-night premiere starts on the first night).
        # A day the text tells three times over is the one it announces, whatever month it
        # was once "postponed to".
        told = Counter((s.resolved.day, s.resolved.precision) for s in candidates)
        chosen = max(
            candidates,
            key=lambda s: (
                s.winner and s.names_show,  # "now moved to": for this show, not another
                told[(s.resolved.day, s.resolved.precision)] >= 3,
                round(s.score),
                s.show_named,  # "Gogglebox's series starts on 4th September" beats a drama
                # whose title the sentence does not name as one
                s.resolved.explicit,  # "March 8" beats "Friday" wherever they stand
                _PRECISION_RANK[s.resolved.precision],
                s.time is not None,
                -s.resolved.day.toordinal(),
            ),
        )
    if chosen is not None and not chosen.year_given:
        # "February 27th next year" says what "Feb 27th" leaves open: the same day, its year.
        dated = [
            s
            for s in candidates
            if s.year_given
            and round(s.score) == round(chosen.score)
            and (s.resolved.day.month, s.resolved.day.day)
            == (chosen.resolved.day.month, chosen.resolved.day.day)
        ]
        if dated:
            chosen = dated[0]
    if chosen is not None and chosen.resolved.precision in (Precision.MONTH, Precision.YEAR):
        # "Premieres in October" in the headline, "Thursday, Oct. 10" in the body: the day.
        inside = [
            s
            for s in candidates
            if _PRECISION_RANK[s.resolved.precision] > _PRECISION_RANK[chosen.resolved.precision]
            and _within(s.resolved.day, chosen.resolved)
        ]
        if inside:
            chosen = min(inside, key=lambda s: s.order)
    others: dict[tuple[str, int | None, str | None], _Statement] = {}
    for s in sorted(statements, key=lambda s: s.order):
        if s.show is None or (chosen is not None and _same_premiere_group(s, chosen, lead)):
            continue
        key = (titles.title_key(s.show), s.season, s.network)
        if key not in others or (round(s.score), s.winner) > (
            round(others[key].score),
            others[key].winner,
        ):
            others[key] = s
    return chosen, list(others.values())


def _within(day: date, period: when.Resolved) -> bool:
    if period.precision is Precision.YEAR:
        return day.year == period.day.year
    return (day.year, day.month) == (period.day.year, period.day.month)


_PRECISION_RANK = {Precision.YEAR: 0, Precision.MONTH: 1, Precision.DAY: 2, Precision.TIME: 3}


def _same_premiere_group(s: _Statement, chosen: _Statement, lead: str | None) -> bool:
    same_show = titles.same_show(s.show, chosen.show or lead) or (
        s.show is not None
        and lead is not None
        and titles.same_show(s.show, lead)
        and chosen.show is None
    )
    if not same_show:
        return False
    return (s.season in (None, chosen.season) or chosen.season is None) and (
        s.network in (None, chosen.network) or chosen.network is None
    )


# ---------------------------------------------------------------------------- facts


_NUMBERED_TITLE = re.compile(r"(?P<title>.*[^\W\d_].*?)\s+(?P<season>[2-9]|[1-5]\d)")


def _lead_facts(
    statement: _Statement | None,
    lead: titles.HeadlineShow,
    head_network: str | None,
    head_season: int | None,
    body: str,
    url_slug: str | None,
    ctx: _Context,
    *,
    single: bool,
) -> PremiereFacts:
    show = lead.title
    if show is None and statement is not None and statement.show is not None:
        # A sentence's run is cut where a headline's is ("Nobody Wants" of "Nobody Wants
        # This"): the text's own full spelling mends it the same way.
        show = titles.completed_title(statement.show, body)
    show_conf = (
        lead.confidence if lead.title else (0.6 if statement and statement.show_named else 0.0)
    )
    if not lead.title and statement and show and _named_once_in_passing(show, statement, body):
        show_conf = 0.5
    if (
        statement
        and statement.show_named
        and lead.title
        and titles.same_show(statement.show, lead.title)
    ):
        show_conf = max(show_conf, 0.9)
    season, season_conf = _lead_season(statement, head_season, body, show, single=single)
    numbered = _NUMBERED_TITLE.fullmatch(show or "")
    if numbered and (
        season is None or season_conf < 0.85 or season in (1, int(numbered["season"]))
    ):
        # "Survivor 47", "Tiger King 2" beside "Survivor", "Tiger King": the number is the
        # season ("Station 19", never written without its number, keeps it).
        base = numbered["title"].removeprefix("The ")
        # "the novel Platform Seven" spells out "Platform 7": there the number is the title's
        spelled_out = rf"(?!\s*(?:\d|(?i:{seasons.CARDINAL})\b))"
        if re.search(rf"(?<!\w){re.escape(base)}{spelled_out}(?!\w)", body):
            show, season, season_conf = base, int(numbered["season"]), 0.8
    network, network_conf = None, 0.0
    if statement and statement.network:
        network, network_conf = statement.network, 0.9
        home = networks.network_zone(statement.network)
        if head_network and home != networks.network_zone(head_network):
            # "Premieres on Tokyo MX ... Crunchyroll will stream it": an English headline names
            # the service its readers watch on; the sentence names the home broadcaster.
            network, network_conf = head_network, 0.75
    elif head_network:
        network, network_conf = head_network, 0.8
    elif show and (beside := _network_beside(body, show)):
        network, network_conf = beside, 0.75
    else:
        network, network_conf = _body_network(body, url_slug)
    if network:
        network = _channel_of(network, body)
    return _facts(statement, (show, show_conf), (season, season_conf), (network, network_conf), ctx)


# Where a studio puts its trailers and promos, not where a season airs.
_CLIP_HOST = re.compile(
    r"(?i)\bYouTube(?:/|\s+channel)|\b(?:trailers?|teasers?|PVs?|promos?|promotional|clips?)\b"
)
_IN_PASSING = 1000  # characters into the body: past a story's opening paragraphs


def _named_once_in_passing(show: str, statement: _Statement, body: str) -> bool:
    """A show the body names once, deep in the piece, with nothing in its headline, address
    or opening pointing at it: a guess at what a round-up or a column is about."""
    if statement.order < _IN_PASSING:
        return False
    return len(re.findall(r"(?<!\w)" + re.escape(show) + r"(?!\w)", body, re.IGNORECASE)) <= 1


def _channel_of(broadcaster: str, body: str) -> str:
    """ "RTÉ will air it" in a piece that names RTÉ One: the one channel of the broadcaster's
    that the piece names is where it airs."""
    channels = {
        m.name
        for m in networks.find_networks(body)
        if re.fullmatch(rf"{re.escape(broadcaster)} (?:One|Two|Three|Four|[1-4])", m.name)
    }
    return channels.pop() if len(channels) == 1 else broadcaster


def _lead_season(
    statement: _Statement | None,
    head_season: int | None,
    body: str,
    show: str | None,
    *,
    single: bool,
) -> tuple[int | None, float]:
    """The premiere sentence's season, else the headline's, else one written by the show's
    name, else (in an article about one show) the highest season the body names, else 1 for
    a new series. What stands by the show's own name counts in a round-up too."""
    if statement and statement.season is not None and not statement.season_implied:
        return statement.season, 0.9
    if head_season is not None:
        return head_season, 0.85
    if show:
        # "The third and final season of Dead to Me, debuting Nov. 17": the season written
        # by the show's name beats the "new show" a debut verb alone suggests.
        season, confidence = _body_season(body, show)
        if season is not None:
            return season, confidence
    if statement and statement.season is not None:
        return statement.season, 0.6
    if show is None:
        return None, 0.0
    if _told_as_new(body, show):
        return 1, 0.55  # "the upcoming Tokyo 24th Ward anime", "miniseries When We Rise"
    if single:  # another show's season is no evidence of this one's
        found = seasons.find_seasons(body)
        explicit = [s.number for s in found if not s.implied]
        if len(set(explicit)) == 1:
            return explicit[0], 0.5
        if found and not explicit:
            return 1, 0.55
    # Nothing written says: a cast, a synopsis, an episode count for a title no one has seen
    # may still tell a first run.
    return (1, 0.5) if first_season.is_new(body, show, single=single) else (None, 0.0)


Sure = tuple[Any, float]  # a value and how sure we are of it


def _other_facts(
    statement: _Statement, ctx: _Context, default_network: str | None
) -> PremiereFacts:
    """Facts of a premiere besides the lead's: what its own sentence says."""
    season_sure = 0.0 if statement.season is None else 0.6 if statement.season_implied else 0.85
    if statement.network:
        network: Sure = (statement.network, 0.85)
    else:
        network = (default_network, 0.6 if default_network else 0.0)
    return _facts(
        statement,
        (statement.show, 0.75 if statement.show_named else 0.4),
        (statement.season, season_sure),
        network,
        ctx,
    )


def _facts(
    statement: _Statement | None, show: Sure, season: Sure, network: Sure, ctx: _Context
) -> PremiereFacts:
    premiere = precision = zone = None
    premiere_sure = 0.0
    if statement is not None:
        premiere, precision, zone = _instant(statement, network[0], ctx)
        premiere_sure = statement.confidence * (1.0 if statement.show_named else 0.95)
    return PremiereFacts(
        show=titles.display_title(show[0]) if show[0] else None,
        season=season[0],
        network=network[0],
        premiere=premiere,
        premiere_precision=precision,
        timezone=zone,
        confidence={
            "show": round(show[1] if show[0] else 0.0, 2),
            "season": round(season[1] if season[0] is not None else 0.0, 2),
            "network": round(network[1] if network[0] else 0.0, 2),
            "premiere": round(premiere_sure, 2),
        },
        evidence=statement.sentence if statement else None,
    )


def _instant(
    statement: _Statement, network: str | None, ctx: _Context
) -> tuple[datetime, Precision, str]:
    resolved = statement.resolved
    home = networks.network_zone(network or statement.network)
    time = statement.time
    zone = None
    if time is not None:
        zone = time.zone or ctx.article_zone or home
    if time is not None and zone is not None:
        day = resolved.day + timedelta(days=time.hour // 24)
        local = datetime(
            day.year, day.month, day.day, time.hour % 24, time.minute, tzinfo=ZoneInfo(zone)
        )
        return local.astimezone(UTC), Precision.TIME, zone
    zone = home or ctx.article_zone or "UTC"
    day = resolved.day
    local = datetime(day.year, day.month, day.day, tzinfo=ZoneInfo(zone))
    return local.astimezone(UTC), resolved.precision, zone


def _anchor(
    published: date | None,
    text: str,
    today: date | None,
    filed: date | None,
    slug: str | None = None,
) -> tuple[date | None, str]:
    """The day dates without a year are read against, and where it comes from: "published",
    "filed" (the month or year its address files it under), "estimated", "mentioned" (a year
    the text only mentions), "today" or "none".

    Without one, an old article must not be read as today's: the month or year its address
    files it under, else the latest year its full dates name (days before months), else the
    latest year it mentions at all, stands in (news looks ahead: what it dates is mostly still
    to come).
    With none of these, `today` (a page fetched or text pasted now is today's news); without
    that either, None: a saved copy of unknown age dates nothing that lacks its year.
    """
    if published is not None:
        return published, "published"
    if filed is not None:
        return filed, "filed"
    found = when.find_dates(text)
    # "Sunday, Nov. 14": a day written with its weekday and without its year
    weekday_dates = [
        m for m in found if m.kind == "day" and m.weekday is not None and m.year is None
    ]
    full = [
        (m.year, m.kind)
        for m in found
        # "August, 1896": where a period drama is set, not when its news was written
        if m.year is not None and m.year >= _TV_ERA and m.kind in ("day", "numeric", "month")
    ]
    # A full day ("August 1, 2026") dates the piece better than a month it looks ahead to
    # ("the deal runs through September 2028").
    years = [year for year, kind in full if kind != "month"] or [year for year, _ in full]
    latest = (today or datetime.now(UTC).date()).year + 1
    # "fall-tv-2019-what-to-watch": the year the address gives the piece's subject. A later
    # one than any the text dates says the text's are history ("anime-to-netflix-in-april-2020"
    # over a 2018 release date).
    slug_years = [int(y) for y in _SLUG_YEAR.findall(slug or "") if int(y) <= latest]
    if len(set(slug_years)) == 1:
        years.append(slug_years[0])
    if years:
        return date(_weekday_year(weekday_dates, max(years)), 1, 1), "estimated"
    mentioned = [int(y) for y in _BARE_YEAR.findall(text) if int(y) <= latest]
    if mentioned and not _weekdays_fit(weekday_dates, max(mentioned)):
        # "Sunday, Nov. 14" fits no year near the one it mentions ("smoking weed in 1969"):
        # the piece is from some other year, and nothing says which.
        return None, "none"
    if mentioned:
        year = max(mentioned)
        # "The cast was revealed at the end of 2022": the piece is written after that, so a
        # "January 6" it announces is the next year's.
        for late in _LATE_IN_YEAR.finditer(text):
            if int(late[1]) == year and _told_as_past(_sentence_around(text, late.start())):
                return date(year, 12, 1), "mentioned"
        return date(year, 1, 1), "mentioned"
    if today is None and (since_services := _year_of_services(weekday_dates, text, latest)):
        return date(since_services, 1, 1), "estimated"
    return today, "today" if today is not None else "none"


_TV_ERA = 1950  # no year before it dates a piece of television news
_SLUG_YEAR = re.compile(r"(?<![\w])((?:19|20)\d\d)(?![\w])")


def _weekday_year(weekday_dates: Sequence[when.DateMention], year: int) -> int:
    """The year a piece dated only by the years it names was written: the latest of them,
    unless its weekday dates fall on their weekdays only later ("Last Wednesday, December 4"
    in a piece that names "January 2021" is from 2024, the first year after it that fits)."""
    if not weekday_dates:
        return year
    for candidate in range(year, year + 7):
        if any(when.on_its_weekday(m, candidate) for m in weekday_dates):
            return candidate
    return year


def _year_of_services(
    weekday_dates: Sequence[when.DateMention], text: str, latest: int
) -> int | None:
    """The one year since the services a text names existed in which its weekday dates fall
    on their weekdays: "Sunday, Oct. 20" fits one year in six, but beside "Paramount+" (2020
    on) only 2024 before next year. None when no such year stands out."""
    since = networks.written_since(text)
    if since is None or not weekday_dates:
        return None
    fits = {
        year: sum(when.on_its_weekday(m, year) for m in weekday_dates)
        for year in range(since, latest + 1)
    }
    most = max(fits.values(), default=0)
    best = [year for year, count in fits.items() if count == most]
    return best[0] if most and len(best) == 1 else None


def _weekdays_fit(weekday_dates: Sequence[when.DateMention], year: int) -> bool:
    """Whether the text's weekday dates ("Sunday, Nov. 14") fall on their weekdays within a
    year of `year`: a year the text only mentions ("smoking weed in 1969") is no anchor for
    them otherwise."""
    near = date(year, 1, 1)
    return not weekday_dates or any(
        when.resolve(m, near, anchor_known=False, weekday_years=1) is not None
        for m in weekday_dates
    )


_LATE_IN_YEAR = re.compile(r"(?i)\b(?:(?:the\s+)?(?:end|close)\s+of|late)\s+((?:19|20)\d\d)\b")
_AHEAD = re.compile(
    r"(?i)\b(?:will|set\s+(?:to|for)|slated|scheduled|expected|due|coming|to\s+(?:premiere"
    r"|debut|air|return|arrive|launch))\b"
)


def _sentence_around(text: str, at: int) -> str:
    start = max(text.rfind(mark, 0, at) for mark in (". ", "\n", "! ", "? ")) + 1
    ends = [e for e in (text.find(mark, at) for mark in (". ", "\n")) if e != -1]
    return text[start : min(ends, default=len(text))]


def _told_as_past(sentence: str) -> bool:
    """The sentence tells what happened ("were revealed at the end of 2022"), nothing ahead."""
    return bool(_PAST_VERB.search(sentence)) and not _AHEAD.search(sentence)


# Not "1980s"; not "2000 pairs of shoes", a count ("the 2019 series of" is a year).
_BARE_YEAR = re.compile(
    r"(?<![\w/.-])((?:19[5-9]|20[0-9])\d)(?![\w'’]|[/.-]?\d|\s+(?!series\b)[a-z]+s\s+of\b)"
)


def _headline_network(headline: str, lead: str | None) -> str | None:
    """The network the headline names; none when it names three or more ("Premiere Dates
    for A&E, TBS, TNT, Starz"): a round-up, whose rows each have their own."""
    found = networks.find_networks(headline)
    names = [
        m.name
        for m, following in zip(found, [*found[1:], None], strict=False)
        if not (lead and m.name.lower() in lead.lower())
        # "Fox's Tubi": the owner's name, before the service the show is on
        and not (following and _OWNER_GAP.fullmatch(headline, m.end, following.start))
    ]
    return names[0] if names and len(set(names)) < 3 else None


_OWNER_GAP = re.compile(r"['’]s\s+|\s+Corp(?:oration)?['’]s\s+|-owned\s+")


# "Fall TV Preview (Part 2)", "Anime Preview, Part 2": the article's part, not a season's.
_ARTICLE_PART = re.compile(r"(?i)(?:\(|\b(?:preview|guide|round-?up|list|recap|review)s?\W*)$")


def _headline_season(headline: str) -> int | None:
    """The season the headline names: a number ("Season 3", "fifth series") before a "new
    series" (1)."""
    found = _seasons_not_parts(headline)
    explicit = [s for s in found if not s.implied]
    if not explicit and _RETURN_WORD.search(headline):
        return None  # "Gogglebox Ireland return date confirmed as brand new series on the way"
    return (explicit or found)[0].number if found else None


# A show that returns is no new one, whatever "brand new series" says of its next season; a
# slate's "New Series and New Seasons" names no one show's.
_RETURN_WORD = re.compile(r"(?i)\b(?:return(?:s|ing)?|back|comeback|renewed|new\s+seasons)\b")


def _seasons_not_parts(text: str) -> list[seasons.SeasonMention]:
    return [
        s
        for s in seasons.find_seasons(text)
        if not _ARTICLE_PART.search(text[max(0, s.start - 24) : s.start])
        or not text[s.start : s.end].lower().startswith("part")
    ]


def _slug_season(slug: str | None) -> int | None:
    """The season number an address writes ("elite-season-2-trailer"): the headline's other
    copy, for a page whose text has lost its headline. Only a number: "new-anime-2022" is
    no season."""
    if not slug:
        return None
    found = [s for s in _seasons_not_parts(re.sub(r"[-_]+", " ", slug)) if not s.implied]
    return found[0].number if found else None


def _body_season(body: str, show: str) -> tuple[int | None, float]:
    """A season written next to the show's name ("Jessica Jones season 2", "second season of
    Jessica Jones"), else none: a season mentioned elsewhere may be another one."""
    # Look only around the show's name: a scan of the whole body per pattern would be slow.
    for match in re.finditer(r"(?<!\w)" + re.escape(show) + r"(?!\w)", body, re.IGNORECASE):
        after = body[match.end() : match.end() + 30]
        before = body[max(0, match.start() - 70) : match.start()]
        tail = re.match(
            r"(?i)(?:['’]s)?\s*[:–—]?\s+((?:\w+\s+)?(?:season|series|part|cycle)\s*\w+)", after
        )  # "Jessica Jones season 2", "Married At First Sight: Season 10"
        head = _SEASON_OF.search(before)
        # 'For “The Conners,” it will be the sixth season'
        told = _IT_WILL_BE.match(body, match.end(), match.end() + 60) or _RETURNS_FOR.match(
            body, match.end(), match.end() + 70
        )
        for piece in (tail, head, told):
            # "the new series of Bad Education" (UK): its next season, whatever number that is
            found = (
                [s for s in seasons.find_seasons(piece.group(1)) if not s.implied] if piece else []
            )
            if found:
                return found[0].number, 0.75
        if _SOPHOMORE.search(before):
            return 2, 0.7  # "Sophomore Hart of Dixie is the first to bow"
        sequel = _SEQUEL_NUMBER.match(after)
        if sequel and match.group()[-1:].isalpha():
            return int(sequel.group(1)), 0.7  # "MIRZAPUR 2: It's finally time for the second"
    return None, 0.0


# 'For “The Conners,” it will be the sixth season': the season told right after the name
_IT_WILL_BE = re.compile(
    r"(?i)[”\"’']?,?[”\"’']?\s+(?:it|this)\s+(?:will\s+be|is|marks)\s+(?:the|its)\s+"
    r"(\w+\s+(?:and\s+final\s+)?season)\b"
)
# "The Bridge is set to debut its third season", "‘2 Days & 1 Night’ will return to Season 4"
_RETURNS_FOR = re.compile(
    r"(?i)[”\"’']?,?\s+(?:is\s+(?:set|due|slated)\s+to\s+|will\s+)?(?:return|debut|premiere"
    r"|launch|come\s+back|be\s+back)s?\s+(?:(?:for|to|with)\s+)?(?:(?:its|it['’]s|their|a|the)\s+)?"
    r"(\w+\s+(?:and\s+final\s+)?season|season\s+\w+)\b"
)
# "Season Two of Seth MacFarlane's hit space adventure THE ORVILLE"
_SEASON_OF = re.compile(
    r"(?i)\b(\w+\s+(?:season|series|part|cycle)|(?:season|series|part)\s+\w+)\s+of\s+"
    r"(?:(?:[\w.-]+\s+){0,2}?[\w.-]+['’]s\s+)?"
    r"(?:(?!(?:and|or|with|the)\s)[\w-]+,?\s+){0,4}$"
)
_SOPHOMORE = re.compile(r"(?i)\bsophomore\s+(?:(?:drama|comedy|series|show|sitcom)\s+)?$")
# A title's own number after it, as sequels are named ("Mirzapur 2", "Bigg Boss 17"), not a
# time or a count ("9 p.m.", "10 episodes").
_SEQUEL_NUMBER = re.compile(
    r"[ \t]+(\d{1,2})(?=[ \t]*(?:$|[,.:!)\]]\s|\n|\s+(?:is|will|to|premieres?|returns?"
    r"|arrives?|streams?|releases?|launches)\b))",
    re.MULTILINE,
)


_KIND = (
    r"(?:series|drama|k-drama|comedy|sitcom|thriller|docuseries|docu-series|anime|show"
    r"|miniseries|mini-series|limited\s+series|procedural|mystery|adaptation|anthology"
    r"|web\s*series|teleserye|telenovela|dorama|sci-fi|romcom|rom-com)"
)
_NEW_WORD = r"(?:new(?:est)?|brand[-\s]new|upcoming|fresh|latest|first)"
_NEW_BEFORE = re.compile(
    r"(?i)(?:\b"
    + _NEW_WORD
    # up to three words before the kind, none a kind itself: "the new series shows Luther"
    + r"\s+(?:(?!"
    + _KIND
    + r"\b)[\w-]+\s+){0,3}?(?:\w+-)?"  # "NEW ACTION-DRAMA"
    + _KIND
    + r"s?|\bmini-?series|\blimited\s+series"
    # "the TV adaptation of Sally Rooney's Normal People": a novel's first screen outing
    + r"|\badaptation\s+of\s+(?:[A-Z][\w.-]*\s+){1,3}?[\w-]+['’]s)\s*[,:—–-]?\s*[\"“‘']?$"
    + r"|\bupcoming\s+$"
    # "New original series premiering this winter include BURDEN OF TRUTH"
    + r"|\b"
    + _NEW_WORD
    + r"\s+(?:[\w-]+\s+){0,2}?"
    + _KIND
    + r"s?\s+(?:[\w-]+\s+){0,4}?includ(?:e|es|ing)\s+$"
)
_NEW_AFTER = re.compile(
    r"(?i)^[\"”’']?\s*(?:(?:,[\"”’']?|\s+is|\s+will\s+be)\s*(?:an?\s+|the\s+next\s+)?"
    r"(?:[\w'’-]+\s+){0,2}?"
    + _NEW_WORD
    + r"\s+(?:[\w-]+\s+){0,3}?"
    + _KIND
    + r"\b|\s+(?:anime|series)\s+(?:adaptation|debut)\b"
    + r"|(?:,|\s+is)\s*(?:the|an?)\s+(?:[\w-]+\s+){0,2}?adaptation\s+of\b"
    # "Young Sheldon, The Big Bang Theory's spin-off prequel,": a show of its own, starting
    + r"|,\s*(?!which|that|who)(?:the\s+|an?\s+)?(?:[\w.'’-]+\s+){0,4}?(?:spin-?off|prequel)\b"
    + r"|\s+will\s+first\s+(?:air|premiere|stream|debut))"  # "will first air July, 2018"
)


def _told_as_new(body: str, show: str) -> bool:
    """The text calls the show itself new: "the upcoming X anime", "the new drama X", "X, a
    new comedy", "miniseries X". A new series is season 1."""
    for match in re.finditer(r"(?<!\w)" + re.escape(show) + r"(?!\w)", body, re.IGNORECASE):
        before = body[max(0, match.start() - 60) : match.start()]
        after = body[match.end() : match.end() + 60]
        if _NEW_BEFORE.search(before) or _NEW_AFTER.match(after):
            return True
        if _NEXT_SENTENCE_NEW.match(body, match.end(), match.end() + 80):
            return True
    return False


# "The Changeling – September 8 / This brand-new fantasy horror series", "Dahan. The new show
# was first introduced": the next sentence, pointing back at the show, calls it new.
_NEXT_SENTENCE_NEW = re.compile(
    r"(?i)[^.!?\n]{0,50}?(?:[.!?]\s+|\s*\n\s*)(?:this|the)\s+"
    + _NEW_WORD
    + r"\s+(?:[\w+-]+\s+){0,3}?"
    + _KIND
    + r"\b"
)


def _network_beside(body: str, show: str) -> str | None:
    """The one network the sentence first naming the show names ("The Birch has been picked up
    for a second season on Facebook Watch"), however often the piece names others."""
    at = body.find(show)
    if at < 0:
        return None
    sentence = _sentence_around(body, at)
    names = {
        m.name
        for m in networks.find_networks(sentence)
        if not _NETWORK_DISTRACTOR.search(sentence[max(0, m.start - 40) : m.start])
    }
    return names.pop() if len(names) == 1 else None


def _body_network(body: str, url_slug: str | None) -> tuple[str | None, float]:
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for mention in networks.find_networks(body):
        if _NETWORK_DISTRACTOR.search(body[max(0, mention.start - 40) : mention.start]):
            continue
        if mention.name == "YouTube" and _CLIP_HOST.search(
            body, max(0, mention.start - 60), mention.end + 60
        ):
            continue  # "Smiral Animation's official YouTube channel has released the trailer"
        counts[mention.name] += 1
        first.setdefault(mention.name, mention.start)
    if counts:
        name = max(counts, key=lambda n: (counts[n], -first[n]))
        return name, 0.7 if counts[name] > 1 else 0.6
    if url_slug:
        for mention in networks.find_networks(
            " ".join(w.capitalize() for w in url_slug.split("-"))
        ):
            return mention.name, 0.4
    return None, 0.0


def _blocked_spans(text: str) -> list[tuple[int, int]]:
    spans = [(n.start, n.end) for n in networks.find_networks(text)]
    spans += [(s.start, s.end) for s in seasons.find_seasons(text)]
    spans += [(d.start, d.end) for d in when.find_dates(text)]
    return spans
