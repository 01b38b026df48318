"""Show titles: quoted ones, capitalised runs in prose, and the one a headline leads with."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from bot.articles.given_names import GIVEN_NAMES, SURNAMES_FIRST, SURNAMES_LAST
from bot.articles.networks import canonical_network, find_networks
from bot.articles.text import line_around
from bot.articles.when import season_number_after
from bot.domain.dates import WEEKDAYS


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_CONNECTORS = _words(
    "of the and in on a an to for at with from is are & vs vs. de la le du von van or into "
    "over under upon without by aur"  # aur: Hindi and Urdu's "and" ("Khuda aur Mohabbat")
)
# Words that start or end no title even when capitalised ("Fans of The Crown", "Season").
_GENERIC = _words(
    """
    a an the it its it's this that these those he she they we you i his her their our my your
    and but or so yet also meanwhile however now then plus still finally elsewhere additionally
    after before when while if as since because though although once following according ahead
    despite amid
    season seasons series episode episodes part premiere premieres premiered premiering debut
    date dates trailer teaser cast fans viewers audiences critics netflix tv show shows drama
    comedy thriller docuseries reality new official exclusive watch review recap first look
    everything
    here there what where why how who which today tonight tomorrow yesterday last next this
    spoilers spoiler update news report latest breaking photos video watch live streaming
    mr mrs ms dr in on at for with from by to of out not no yes all every each both other
    another some many more most
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday
    nationwide worldwide global national international launch lineup slate summer winter spring
    fall autumn holiday weekend week month year years price prices deal deals service services
    so far far canceled cancelled renewed shows series every best worst biggest ratings
    including starring featuring additional another eyes stream announced sets starting
    anticipated join coming soon sophomore freshman upcoming
    hosted narrated presented directed produced created written led
    airs airing streams dramas k-dramas kdramas cdramas jdramas doramas dorama bl ott otts anime
    picks preview previews recommendation recommendations calendar listings roundup round-up
    publish published posted launches excited highly miss due showing covid covid-19
    coronavirus pandemic updated release releases development about exact must launching
    dizi dizis teleserye teleseryes telenovela telenovelas serial serials web going
    keep arriving debuting premiering announces announcing unveils unveiling reveals revealing
    """
)
# Headline words that separate a title from the rest of the headline ("... Announces X ...").
_HEADLINE_BREAK = _words(
    """
    announces announced announce sets set reveals revealed reveal gets get got renewed renews
    renew returns return returning premieres premiere premiering premiered debuts debut
    debuting drops drop dropping unveils unveiled confirms confirmed lands land arrives arrive
    arriving launches launch teases tease trailer trailers teaser date dates dated release
    released releases photos images poster posters cast casting everything know need here's
    heres when where how why what season seasons series episode episodes finale official
    officially exclusive watch review recap renewal canceled cancelled cancels ends ending
    coming comes back will won't was were be been has have had schedule ratings orders ordered
    picks picked greenlights greenlit moves moved delays delayed pushes pushed postponed news
    update updates latest streaming streams airs airing hits starts begins final clip video
    sneak peek plot details spoilers theories rumors says said talks explains interview vs
    fans viewers via amid ahead after before about report look first-look sets stream
    including starring featuring additional eyes shows adds add added joins join joined taps
    tapped cant can't wait slated scheduled launching
    """
)
# Words that make a capitalised run a place, a people, a company, an office or page furniture:
# never a show's title on their own ("Korean Dramas", "Screenshot", "President Erdogan").
_PLACES = _words(
    """
    america american americans britain british uk u.k. u.s. usa england english scotland
    scottish wales welsh ireland irish canada canadian australia australian zealand kiwi korea
    aussie aussies brit pinoy desi
    korean koreans south north japan japanese china chinese india indian france french germany
    german italy italian spain spanish mexico mexican brazil brazilian russia russian ukraine
    ukrainian turkey turkish kenya kenyan nigeria nigerian africa african europe european asia
    asian sudan ethiopia ethiopian egypt israel iran iraq syria pakistan thailand thai
    philippines filipino indonesia vietnam taiwan hong kong singapore sweden swedish norway latin
    norwegian denmark danish finland dutch netherlands poland polish greece greek portugal
    foreign zealanders australians canadians brits indians
    argentina chile colombia peru cuba jamaica world global international national hollywood
    london paris tokyo seoul beijing washington new york los angeles toronto sydney
    las vegas nevada california florida texas ohio michigan boston chicago miami melbourne
    mumbai delhi kolkata chennai hyderabad bengaluru bangalore karachi lahore islamabad manila
    jakarta dubai cairo nairobi lagos johannesburg auckland brisbane adelaide vancouver montreal
    ottawa glasgow edinburgh
    """
)
_FURNITURE = _words(
    """
    article articles screenshot screenshots photo photos image images credit credits getty
    courtesy caption video videos watch trailer trailers teaser teasers preview previews
    comment comments leave share tweet tweets menu home search sign subscribe newsletter
    advertisement sponsored related read more tv television dramas drama series shows show
    weekly daily news update updates latest breaking exclusive review reviews recap recaps
    episode episodes premiere premieres schedule schedules guide guides list lists top best
    streaming stream streams movies movie film films entertainment celebrity celebrities
    k-drama k-dramas kdrama kdramas anime manga music sports sport politics business tech
    technology science travel lifestyle opinion editorial features feature archives archive
    tag tags link links listen live page category categories roundup round-up upfronts upfront
    originals original media digital tca highlights formats lineup lineups line-up line-ups
    slate slates network networks channel channels available programme programmes programming
    information
    bites
    newsbrief briefing podcasts games gaming register login log skip content main midseason
    header ads ad briefs press office events shonen shojo seinen isekai independent herald times
    post tribune gazette
    sxsw comic-con comiccon tribeca sundance tiff cannes berlinale festival festivals emmys
    journal guardian telegraph express mirror daily weekly magazine screening screenings
    headphones headset headsets vr phone phones smartphone smartphones laptop laptops tablet
    console consoles camera gadget gadgets device devices app apps deals iphone ipad android
    event special specials studio whats big
    sitcom sitcoms favourite favourites favorite favorites returning tour tours
    football soccer rugby cricket tennis golf basketball baseball hockey boxing racing
    fixtures fixture match matches league cup
    """
)
# Companies and leagues that are news' subjects, never a show by themselves.
_BRANDS = _words(
    "disney apple amazon google alphabet microsoft meta facebook instagram twitter tiktok "
    "youtube sony warner comcast nbcuniversal paramount lionsgate universal marvel lucasfilm "
    "pixar dreamworks spotify roku samsung lg nintendo xbox playstation tesla spacex nasa "
    "nfl nba mlb nhl mls ncaa fifa uefa ufc wwe olympics sky tencent alibaba baidu bytedance"
)
_COMPANY_END = _words(
    "corp corp. corporation ltd ltd. llc plc studios studio group "
    "holdings technologies pictures productions entertainment media networks partners television "
    # "Television Critics Association", "The LifeStyle Channel", "WIN Network"
    "association guild federation institute council committee channel network"
    # "Discovery Communications", "Media Development Authority", "Seven West Media Inc."
    " communications authority commission broadcasting inc inc."
)
_OFFICES = _words(
    "president prime minister senator sen. governor gov. chancellor mayor secretary ambassador "
    "representative rep. congressman congresswoman ceo chairman chairwoman spokesperson pope "
    "sheikh general gen. commissioner"
)
# "Kim So Hyun", "Park Seo-joon", "Lee Min Ho": a Korean family name and a given name.
_KOREAN_NAME = re.compile(
    r"^(?:Kim|Lee|Park|Choi|Jung|Jeong|Kang|Cho|Jo|Yoon|Yun|Jang|Lim|Im|Han|Oh|Seo|Shin|Kwon"
    r"|Hwang|Ahn|Song|Yoo|Yu|Hong|Jeon|Jun|Ko|Go|Moon|Yang|Son|Bae|Baek|Heo|Nam|Ha|Kwak|Sung"
    r"|Cha|Joo|Ju|Woo|Min|Ryu|Na|Jin|Ji|Uhm|Chae|Won|Bang|Byun|Yeo|Do|Noh|Gong|Ok)"
    r"\s+[A-Z][a-z]{1,5}(?:[-\s][A-Za-z][a-z]{1,5})?$"
)
# A given name's two syllables ("Young-ae", "Hae-in"; "Black-ish" is a show), or a common
# surname on its own.
_KOREAN_NAME_PART = re.compile(
    r"[A-Z][a-z]{1,4}-(?!ish\b)[a-z]{1,4}|Kim|Lee|Park|Choi|Jung|Kang|Yoon|Jang|Lim|Shin|Kwon"
    r"|Hwang|Ahn|Yoo|Jeon"
)
_CODE_LIKE = re.compile(r"^(?=[a-z]*\d)(?=\d*[a-z])[a-z0-9]{3,}$")  # "a7c6", "11e9", "b72a"
_NOT_A_TITLE = re.compile(
    r"""(?ix)^(?:
        [\d\s.,:/-]+(?:st|nd|rd|th|s)?                    # 24, 2019, 01:00, 3/8, 21st, 90s
      | \d{1,2}(?:[:.]\d\d)?\s*[ap]\.?m\.?(?:\s+\w{1,8})?  # 01:00 PM, 9 p.m. ET, 10.30pm
      | (?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?
          |sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?(?:\s+\d{1,4}\w*)*
      | (?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?s?\.?
          (?:\s*[-–/&]\s*(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?s?\.?)?
          (?:\s+\d{1,2}\w*)?                                        # Mon-Tue: a drama's slot
      | (?:[ecmp][sd]?t|gmt|bst|utc|jst|kst|aes?t|aedt|cet|cest)    # a time zone
      | (?:midnight|noon|midday)                                    # a time of day
      | (?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)  # a number
      | (?:\d+|one|two|three|four|five|six|eight|ten|twelve)-(?:episode|part|hour|minute
          |night|week|day)s?                  # "10-episode", "two-hour" ("48 Hours" is a show)
      | tv\s+(?:talk|picks?|tonight|guide|preview|review|news|this\s+week)  # a column's name
      | happy\s+new(?:\s+year)?                                     # a greeting
      | (?:fall|autumn|spring|summer|winter|holiday|mid-?season)(?:\s+(?:tv|programming
          |premieres?|streaming|new|shows?))+(?:\s+(?:guide|preview|line-?up|schedule
          |round-?up|calendar|highlights))?      # a column: "Fall Programming Guide"
      | (?:(?:fall|autumn|spring|summer|winter|holiday|mid-?season|new|tv|programming|premiere
          |streaming)\s+){1,3}(?:guide|preview|line-?up|schedule|round-?up|calendar|highlights)
                                                            # "Premiere Calendar", "New Lineup"
      | (?:science\s+fiction|sci-?fi|fantasy|horror|romance|mystery|true\s+crime
          |documentar(?:y|ies)|animation|action|adventure|period\s+drama|crime\s+drama
          |romantic\s+comedy|rom-?com|dark\s+comedy)s?             # a genre: a list's heading
      | (?:christmas|xmas|halloween|thanksgiving|easter|hanukkah|diwali|eid
          |new\s+year(?:['’]s)?(?:\s+(?:eve|day))?)                  # a holiday alone
    )$"""
)


_ROLE_BEFORE = re.compile(
    r"(?i)\b(?:hosts?|hosted\s+by|co-?hosts?|starring|stars|star|actor|actress|creator|showrunner"
    r"|director|directed\s+by|narrated\s+by|narrator|led\s+by|presenter|presented\s+by|judges?"
    r"|comedian|singer|rapper|chef|writer|written\s+by|produced\s+by|executive\s+producer"
    r"|role\s+as|plays|played\s+by|portrayed\s+by|voiced\s+by)"
    # "starring Scott Patterson, Chad Michael Murray and ...": each name of the list.
    r"\s+(?:(?:[A-Z][\w'’.-]+\s+){1,3}?[A-Z][\w'’.-]+,\s+){0,4}(?:and\s+\w+\s+)?$"
)


# What casting news says a person does: "Dana Whitfield (Lowlands) has joined the cast".
_PERSON_AFTER = re.compile(
    r"(?i)^\s*(?:\([^()]{1,40}\)\s*)?(?:(?:has\s+)?join(?:s|ed)\s+the\s+(?:[\w'’-]+\s+){0,4}?"
    r"(?:cast|season|series)\b|will\s+(?:play|portray|star\s+as)\b|has\s+been\s+cast\b"
    r"|(?:is|was)\s+cast\s+as\b|stars\s+as\b"
    r"|['’]s\s+(?:production\s+company|(?:older\s+|younger\s+)?(?:brother|sister|husband|wife"
    r"|son|daughter|father|mother|character|role)\b)|,?\s+(?:said|says|told|explained)\b)"
)


def names_a_person(text: str, start: int, end: int | None = None) -> bool:
    """Whether the words at `start` follow a role ("with host Ron MacLean", "starring ..."),
    or (given where they `end`) do what casting news says people do ("... has joined the
    cast", "... will play")."""
    if _ROLE_BEFORE.search(text[max(0, start - 30) : start]):
        return True
    return end is not None and bool(_PERSON_AFTER.match(text[end : end + 80]))


# Inside a name: a zone with a time ("EDT/7"), or an epithet ("Emmy-winning", "Oscar-nominated").
_NOT_A_TITLE_PART = re.compile(
    r"(?i)\b(?:[ECMP][SD]?T|GMT|BST|UTC|JST|KST|AES?T|AEDT)/\d|\b(?:standard|daylight)\s+time$"
    r"|(?:^|\s)[\w-]+-(?:winning|nominated|acclaimed|starring|led|based|themed|inspired"
    r"|produced)$"
)


_TIMESHIFT = re.compile(r"\s?\+\s?1\s*$")


@lru_cache(maxsize=4096)  # a page asks of the same few names again and again
def plausible_title(title: str | None, *, quoted: bool = False) -> bool:
    """Whether a name can be a show's title: never a number, a time, a date, a month, a place
    or a people, a network, a company, a person's office, or a line of page furniture. Fewer
    than three letters ("Em", "TW") only in quotes ("W" is a drama; "Em" is someone's name)."""
    if not title or not re.search(r"[^\W\d_]", title):
        return False
    if re.search(r"[“”\"]", title.strip(' “”"')):
        return False  # 'Jimmy Kimmel Live” Pre-Empted': a quote's end inside is two phrases
    if not quoted and len(re.findall(r"[^\W_]", title)) < 3:
        return False
    if quoted and title.strip() in WEEKDAYS:
        return True  # "Wednesday": a show where quotes or its season mark it as one
    if _NOT_A_TITLE.match(title.strip()) or _NOT_A_TITLE_PART.search(title):
        return False
    if not quoted and _PREMIERES.search(title):
        return False  # "Simultaneous Premieres of Three Taylor Sheridan": a headline's words
    if not quoted and _LISTICLE.search(title):
        return False  # "My Top 10 Highly Anticipated", "Five Original Latin American": a count
    if canonical_network(title.strip()) is not None:
        return False
    if _TIMESHIFT.search(title):
        return False  # "TV2+1", "ITV +1": a channel an hour later, not a show
    words = [w.strip("\"'“”‘’()[]:;,.!?…/") for w in title.split()]
    lowered = [w.lower() for w in words if w]
    if not lowered:
        return False
    if all(
        w in _PLACES
        or w in _FURNITURE
        # In quotes, plain words are a title: "The Big Deal", "The Event".
        or (_strip_possessive(w) in _GENERIC and not (quoted and len(lowered) > 1))
        or w in _BRANDS
        or w in _CONNECTORS
        or w.isdigit()
        or (len(w) >= 4 and _CODE_LIKE.match(w))  # "ae44" of an address; "W1A" is a title
        for w in lowered
    ):
        return False
    if len(lowered) == 1 and _strip_possessive(lowered[0]) in _GENERIC:
        return False  # "What" of "What's on?"
    if not any(len(w) > 1 and w not in _CONNECTORS for w in lowered):
        return False  # "a and E": the letters of a slug, not a title
    if len(lowered) > 1 and lowered[-1] in _COMPANY_END:
        return False
    if lowered == ["communications"] or lowered == ["authority"]:
        return False  # what is left of "Discovery Communications" once its network is off
    if lowered[-1] == "originals" and canonical_network(" ".join(words[:-1])) is not None:
        return False  # "Max Originals": a service's label for its own shows
    if lowered[0] in _OFFICES or (len(lowered) > 1 and " ".join(lowered[:2]) == "prime minister"):
        return False
    if lowered[0] in _PLACES and len(lowered) > 1 and lowered[1] in _OFFICES:
        return False  # "Turkish President Erdogan"
    people = re.split(r"\s+(?:and|&)\s+", title.strip())
    if all(_KOREAN_NAME.match(person) for person in people):
        return False  # "Kim So Hyun and Chae Jong Hyeop": the cast, not the drama
    if not quoted and _KOREAN_NAME_PART.fullmatch(title.strip()):
        return False  # "Young-ae" of "Lee Young-ae’s return", or "Lee" alone: a person's
    if not quoted and a_list_of_people(title):
        return False  # "Daniel Lissing, Author Janette Oke, and Erin Krakow"
    return sum(1 for w in lowered if _CODE_LIKE.match(w)) < 2


def a_list_of_people(title: str) -> bool:
    """Two or more full names, at least two of them opening on a given name (a role may come
    first: "Author Janette Oke")."""
    parts = [p for p in re.split(r",\s*(?:and\s+|&\s+)?|\s+(?:and|&)\s+", title) if p.strip()]
    if len(parts) < 2:
        return False
    given = 0
    for part in parts:
        words = part.split()
        while words and words[0].lower() in _ROLE_WORDS:
            words = words[1:]
        if not (2 <= len(words) <= 3 and all(_is_capitalised(w) for w in words)):
            return False
        given += words[0].lower() in GIVEN_NAMES
    return given >= 2


_ROLE_WORDS = _words("author actor actress host star creator writer director producer showrunner")
# A headline's verbs, which no title holds: "Production Delayed Again", "10 Confirms
# Returning Formats", "Six New Dramas With Big Names Attached".
_PREMIERES = re.compile(
    r"(?i)\b(?:premieres|confirms|announces|unveils|renews|renewed|cancels|cancell?ed|delayed"
    r"|postponed|attached|joins)\b"
)
_LISTICLE = re.compile(
    r"(?i)\b(?:top|these|those)\s+\d+\b|^(?:\d+|two|three|four|five|six|seven|eight|nine|ten"
    r"|twelve)\s+(?:new|original|upcoming|best|must|highly|anticipated|brand|great|returning"
    r"|top|more|other|hottest|biggest|shows|series|dramas|k-?dramas|sitcoms|movies|films|titles"
    r"|programmes|programs)\b"
)
_QUOTED_RE = re.compile(
    r"(?<![\w’'])(?:‘(?P<a>[A-Z0-9][^\n’]{0,80}?(?:’\w[^\n’]{0,40}?)*)’"
    r"|'(?P<b>[A-Z0-9][^\n']{0,80}?(?:'\w[^\n']{0,40}?)*)'"
    r"|[\"“](?P<c>[A-Z0-9][^\n\"“”]{0,80}?)[\"”])(?![\w’'])"
)
# A given name just before the quote, a capitalised surname just after it.
_NICKNAME = re.compile(r"(?<![\w.])(?P<given>[A-Z][a-z]+)\s$")
_SURNAME_NEXT = re.compile(r"\s(?:Mc|Mac|O['’])?[A-Z][a-z]+\b(?!\s*(?:season|series)\b)")
# A word as its opening marks, its core and its closing marks ('“Severance”,' -> “ Severance ”,):
# the core is what is left once every closing mark at the end is taken off.
_TOKEN_PARTS_RE = re.compile(
    r"""(?<!\S)(?=\S)(?P<lead>["'“‘(\[{*#]*)(?P<core>\S*?)(?P<trailing>["'”’)\]},;:.!?*…]*)(?!\S)"""
)
_KEEP_DOT = frozenset({"mr.", "mrs.", "ms.", "dr.", "st.", "jr.", "vs.", "s.w.a.t."})
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_SLUG_STOP = re.compile(r"^(?:\d{4,}|\d+-\d+|[a-f0-9]{8,}|amp|html?|php)$")


@dataclass(frozen=True, slots=True)
class TitleMention:
    text: str
    start: int
    end: int
    quoted: bool = False


@dataclass(frozen=True, slots=True)
class HeadlineShow:
    title: str | None
    confidence: float
    source: str  # "quoted", "headline", "headline-only", "slug", "slug-only", "ranked", "none"
    # every title the headline, address and opening offered that reads as one (title keys)
    considered: frozenset[str] = frozenset()


class _Token(NamedTuple):  # a tuple: a page's opening makes hundreds of them
    core: str  # the word without surrounding punctuation
    start: int
    end: int
    breaks_after: bool  # a comma, bracket or full stop ends a title here
    colon_after: bool
    opens: bool  # a bracket or quote opens before it


def title_key(title: str) -> str:
    """What makes two titles the same show: case, punctuation, a leading "The" do not."""
    key = re.sub(r"[^\w\s]", "", title.casefold().replace("&", "and"))
    key = " ".join(key.split())
    return key.removeprefix("the ").removeprefix("marvels ")


def same_show(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    ka, kb = title_key(a), title_key(b)
    if ka == kb or _initials_of(a, b) or _initials_of(b, a):
        return True
    short, long = sorted((ka, kb), key=len)
    # "Jessica Jones" is "Marvel's Jessica Jones"; one word alone is not enough to say so.
    return len(short) >= 6 and " " in short and f" {short} " in f" {long} "


def _initials_of(short: str, title: str) -> bool:
    """Whether `short` is the title's initials: "MAFS" for "Married At First Sight", "RHOP"
    for "The Real Housewives of Potomac"."""
    if not (3 <= len(short) <= 6 and short.isupper() and short.isalpha()):
        return False
    words = re.findall(r"[^\W\d_]+", title)
    if words and words[0].lower() == "the":
        words = words[1:]
    return len(words) == len(short) and "".join(w[0] for w in words).upper() == short


def quoted_titles(text: str) -> list[TitleMention]:
    """Titles in quotation marks: short, mostly capitalised, not someone's words."""
    found = []
    for match in _QUOTED_RE.finditer(text):
        group = "a" if match["a"] else "b" if match["b"] else "c"
        inner = match[group].strip().rstrip(",;")  # "Salt Garden," as US punctuation writes it
        if _nickname(text, match.start(), match.end()):
            continue  # Ryan “Brickman” McNaught: a nickname inside a name
        if _COMMENTS_ON.search(text, max(0, match.start() - 30), match.start()):
            continue  # 'One thought on "Production Delayed Again"': the post's own headline
        if _looks_like_title(inner) and plausible_title(inner, quoted=True):
            start = match.start(group)
            found.append(TitleMention(inner, start, start + len(inner), quoted=True))
    return found


# A season's greeting: its first word is no show ("Happy!" is one, and is written alone).
_GREETING = re.compile(
    r"(?i)\b(?:happy|merry)\s+(?:new\s+year|holidays|christmas|thanksgiving|easter|halloween"
    r"|hanukkah|diwali|birthday)\b"
)
_GREETED = re.compile(r"(?i)^(?:happy|merry)(?:\s+new)?$")
_COMMENTS_ON = re.compile(r"(?i)\b(?:thoughts?|responses?|comments?|replies)\s+(?:on|to)\s+$")


def _nickname(text: str, start: int, end: int) -> bool:
    given = _NICKNAME.search(text[max(0, start - 20) : start])
    return (
        given is not None
        and given["given"].lower() in GIVEN_NAMES
        and _SURNAME_NEXT.match(text, end) is not None
    )


def title_runs(text: str, blocked: Sequence[tuple[int, int]] = ()) -> list[TitleMention]:
    """Capitalised runs ("Only Murders in the Building") that could be titles.

    Runs stop at `blocked` spans (networks, dates, seasons found by the caller), at commas,
    brackets and full stops, and shed generic words at either end ("Fans of The Crown").
    """
    tokens = _tokens(text)
    spans = _Spans(blocked)
    runs: list[TitleMention] = []
    current: list[_Token] = []

    def close() -> None:
        if current:
            mention = _trimmed(text, current)
            if mention is not None:
                runs.append(mention)
            current.clear()

    skip = 0
    for index, token in enumerate(tokens):
        if not current and not skip and not _is_capitalised(token.core):
            continue  # a lowercase word outside a run: most of any text, and nothing to do
        blocked_here = _inside(token, spans)
        if token.opens or blocked_here:
            close()
        if blocked_here:
            continue
        if skip:
            skip -= 1
            continue
        if _headline_infinitive(tokens, index):
            close()  # "Outnumbered To Return For Christmas": a headline's verb ends the title
            skip = 1
            continue
        lowered = token.core.lower()
        capital = _is_capitalised(token.core)
        if current and token.core == lowered and _all_caps(current[-1].core):
            # "GREY'S ANATOMY and STATION 19": a title in capitals writes its "AND" in
            # capitals too; a lowercase one joins two titles.
            close()
            continue
        if capital or (current and lowered in _CONNECTORS):
            current.append(token)
        else:
            close()
            continue
        if token.breaks_after:
            close()
        elif token.colon_after:
            following = tokens[index + 1] if index + 1 < len(tokens) else None
            if _FIELD_LINE.fullmatch(text, current[0].start, token.end + 1):
                current.clear()  # "Executive Producers: R.J. Cutler": a field's label, no title
            elif (
                following is None
                or following.core.lower() in _GENERIC
                or not _is_capitalised(following.core)
            ):
                close()
    close()
    return runs


def _headline_infinitive(tokens: Sequence[_Token], index: int) -> bool:
    """ "To Return", "To Premiere": a title-case headline's verb, not a word of the title
    ("Back To The Future", "Bound To Happen" go on)."""
    return (
        tokens[index].core == "To"
        and index + 1 < len(tokens)
        and _is_capitalised(tokens[index + 1].core)
        and tokens[index + 1].core.lower() in _HEADLINE_VERBS
    )


_HEADLINE_VERBS = _words(
    "return premiere debut air stream launch arrive drop get end conclude wrap join hit"
)


def _capitals_in_prose(text: str, words: Sequence[_Token]) -> bool:
    """A title a press release writes in capitals inside lowercase prose ("new seasons of RICK
    MERCER REPORT, THIS HOUR HAS 22 MINUTES"): every word in capitals is the title's."""
    if len(words) < 2 or not all(_all_caps(w.core) or w.core.isdigit() for w in words):
        return False
    start, end = line_around(text, words[0].start)
    return bool(_LOWERCASE_WORD.search(text, start, end))


_LOWERCASE_WORD = re.compile(r"\b[a-z]{3,}\b")


def _all_caps(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def headline_show(
    headline: str,
    body: str,
    blocker: Callable[[str], Sequence[tuple[int, int]]] = lambda text: (),
    slug: str | None = None,
) -> HeadlineShow:
    """The show a headline leads with, confirmed against the body where possible.

    `blocker` gives the spans of a text that are networks, seasons or dates: never a title.
    A title found only in the headline (or only in the URL slug) has a lower confidence.
    """
    if headline:
        quotes = quoted_titles(headline)
        aside = [q for q in quotes if _set_aside(headline, q)]
        quoted = [q for q in quotes if q not in aside]
        if quoted:
            title = _strip_possessive(quoted[0].text)
            in_body = _count_in_body(title, body) > 0
            if in_body or not _said_in_prose(title, body):
                return HeadlineShow(title, 0.95 if in_body else 0.8, "quoted")
            aside.append(quoted[0])
        if _entry_heading(headline, body, blocker):
            return HeadlineShow(headline.strip(), 0.9, "headline")
        # "CloverWorks’ Tokyo 24th Ward": the studio whose show it is, never the show.
        owners = [m.span("plural") for m in _OWNER.finditer(headline) if m["plural"]]
        blocked = [*blocker(headline), *((q.start, q.end) for q in aside), *owners]
        found = _best_span(headline, body, blocked, marks=True)
        if found is not None:
            title, verified = found
            if verified:
                return HeadlineShow(title, 0.9, "headline")
            slug_title = _slug_show(slug, body, blocker) if slug else None
            if slug_title and slug_title.source == "slug":
                return slug_title
            if not _title_case(headline):
                return HeadlineShow(title, 0.55, "headline-only")
            # "Networks Ready To Roll Out Last Fall's Delayed Shows": where every word is
            # capitalised, capitals mark no title, and nothing else here says this is one.
    if slug:
        return _slug_show(slug, body, blocker) or HeadlineShow(None, 0.0, "none")
    return HeadlineShow(None, 0.0, "none")


def quoted_speech(quoted: str, body: str) -> bool:
    """Whether a headline's quote is someone's words, not a title: "… to Deliver 'Amazing
    Love and Drama' Again" over a body that never writes it and says "we have amazing love"."""
    return _count_in_body(quoted, body) == 0 and _said_in_prose(quoted, body)


def _said_in_prose(quoted: str, body: str) -> bool:
    """Whether the body writes every word of the quote (two at least) as a plain word."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", quoted) if w.lower() not in _CONNECTORS]
    return len(words) >= 2 and all(_written_lowercase(word, body) for word in words)


def _entry_heading(
    headline: str, body: str, blocker: Callable[[str], Sequence[tuple[int, int]]]
) -> bool:
    """A listing's entry taken for the headline: "The Summer Show" over "Sunday, RTÉ One,
    6.30pm". Its plain words are the entry's title, as they would be in quotes."""
    words = headline.split()
    first = body.split("\n", 1)[0]
    if not (1 < len(words) <= 5 and len(first) <= 60):
        return False  # most headlines: no scan of the body's first line at all
    spans = sorted(blocker(first))
    return (
        len(spans) >= 2
        and spans[0][0] <= 1  # the line opens on its day
        and all(_is_capitalised(w) or w.lower() in _CONNECTORS for w in words)
        and plausible_title(headline.strip(), quoted=True)
    )


# "Aside from "W", "Uncontrollably Fond", and ..., here's another K-drama": titles listed to
# be set aside are not what the story is about.
_SET_ASIDE = re.compile(
    r"""(?i)\b(?:aside\s+from|apart\s+from|besides|other\s+than|unlike|beyond|in\s+addition\s+to)
    \s+(?:[“"‘'][^“”"‘’']{1,60}[”"’']\s*,?\s*(?:and\s+|or\s+)?)*$""",
    re.VERBOSE,
)


def _title_case(headline: str) -> bool:
    """Whether the headline capitalises every word of four letters or more (four at least)."""
    words = re.findall(r"(?<![\w'’])[^\W\d_][\w'’-]{3,}", headline)
    return len(words) >= 4 and all(w[0].isupper() for w in words)


def _set_aside(headline: str, mention: TitleMention) -> bool:
    return bool(_SET_ASIDE.search(headline[: mention.start].rstrip("“\"‘'")))


def _slug_show(
    slug: str, body: str, blocker: Callable[[str], Sequence[tuple[int, int]]]
) -> HeadlineShow | None:
    words = [w for w in re.split(r"[-_]+", slug) if w and not _SLUG_STOP.match(w)]
    if words and words[-1] == "index":
        words.pop()  # "index.html"; "a-certain-magical-index-season-3" keeps its word
    if not words:
        return None
    # Slugs are lowercase: "nbc" is a network all the same, and never part of the title.
    words = _as_written(_networks_marked(words), body[:LEAD_WINDOW])
    text = " ".join(w if w.lower() in _CONNECTORS or " " in w else w.capitalize() for w in words)
    found = _best_span(text, body, blocker(text))
    if found is None:
        return None
    title, verified = found
    if verified:
        return HeadlineShow(_body_spelling(title, body), 0.7, "slug")
    written = _joined_pattern(tuple(title.lower().split())).search(body)
    if written is not None and not _written_as_title(f"{written.group()} -"):
        return None  # "netflix-working-first-dutch-original": the page's words in lowercase
    if _has_plain_words(title, body):
        return None  # "more-laugh-therapy": the body's "laugh" is a word, not a title's
    if any(w.lower() in _FURNITURE for w in title.split()):
        return None  # "april-tv-preview-dont-miss", "entertainment-preview": a page's words
    return HeadlineShow(title, 0.35, "slug-only")


# What an address drops between a title's words: "young-restless" of "The Young and the
# Restless", "my-600-lb-life" of "My 600-Lb Life". A lone "and" joins two titles as often
# ("Dracula and Doctor Who"); a colon is the title rules' own ("Survivor: Cook Islands").
_JOIN_WORDS = r"(?:and|the|of|a|an|&|in|on|to|for)"
_DROPPED_JOIN = rf"(?:\s*[-–]\s*|\s+(?!(?:and|&)\s+(?!the\s))(?:{_JOIN_WORDS}\s+){{0,3}})"


def _as_written(words: list[str], body: str) -> list[str]:
    """The slug's words, where the body writes a run of them as a title joined by what the
    address dropped (a hyphen, "and the"), with that run as the body writes it."""
    out: list[str] = []
    i = 0
    while i < len(words):
        for j in range(min(len(words), i + 8), i + 1, -1):
            run = words[i:j]
            if "|" in run:
                continue
            match = _joined_pattern(tuple(w.lower() for w in run)).search(body)
            if match is not None and _written_as_title(match.group()):
                out.append(" ".join(match.group().split()))
                i = j
                break
        else:
            out.append(words[i])
            i += 1
    return out


@lru_cache(maxsize=1024)
def _joined_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(
        r"(?<![\w-])" + _DROPPED_JOIN.join(re.escape(w) for w in words) + r"(?![\w-])", re.I
    )


def _written_as_title(span: str) -> bool:
    # Only where some join is more than a space: a plain run is the headline rules' to find.
    words = span.split()
    return (
        re.search(rf"[-–]|\s{_JOIN_WORDS}\s", span, re.I) is not None
        and _is_capitalised(words[0])
        and all(_is_capitalised(w) or w.lower() in _CONNECTORS for w in words)
    )


def _networks_marked(words: list[str]) -> list[str]:
    """The slug's words with each network's, one word or two ("virgin-media"), made "|"."""
    marked = list(words)
    for i in range(len(words) - 1):
        pair = f"{words[i].capitalize()} {words[i + 1].capitalize()}"
        if canonical_network(pair) or canonical_network(pair.upper()):
            marked[i] = marked[i + 1] = "|"
    return ["|" if _slug_network(w) else w for w in marked]


def _slug_network(word: str) -> bool:
    """A slug's word that is a network, possessive too ("netflixs" of "one-of-netflixs-...")."""
    forms = [word, word[:-1]] if word.endswith("s") and len(word) > 4 else [word]
    return any(canonical_network(w.upper()) or canonical_network(w.capitalize()) for w in forms)


def _best_span(
    headline: str, body: str, blocked: Sequence[tuple[int, int]], *, marks: bool = False
) -> tuple[str, bool] | None:
    """The longest run of headline words the body also writes as a title; else the first."""
    tokens = _tokens(headline)
    spans = _Spans(blocked)
    segments: list[list[_Token]] = [[]]
    for token in tokens:
        lowered = token.core.lower()
        breaker = (
            _inside(token, spans)
            or lowered in _HEADLINE_BREAK
            or not (_is_capitalised(token.core) or lowered in _CONNECTORS)
            or token.opens
            or bool(segments[-1] and token.core == lowered and _all_caps(segments[-1][-1].core))
        )
        if breaker:
            segments.append([])
            continue
        segments[-1].append(token)
        if token.breaks_after or token.colon_after or token.core in ("-", "–", "—", "|"):
            segments.append([])
    found: list[tuple[int, int, str]] = []  # (segment, first word, text)
    marked: set[str] = set()
    for number, segment in enumerate(segments):
        # Whether the headline writes a show's mark before each word, or after it.
        before = [
            marks and bool(_MARKED_BEFORE.search(headline[max(0, w.start - 40) : w.start]))
            for w in segment
        ]
        after = [marks and bool(_MARKED_AFTER.match(headline[w.end : w.end + 30])) for w in segment]
        for i in range(len(segment)):
            for j in range(i + 1, min(len(segment), i + 9) + 1):
                words = segment[i:j]
                if not _good_edges(words):
                    continue
                text = _strip_possessive(headline[words[0].start : words[-1].end])
                if plausible_title(text) and not _KIND_AFTER.match(headline, words[-1].end):
                    found.append((number, i, text))
                    if before[i] or after[j - 1]:
                        marked.add(text)
    if not found:
        return None
    counted = [
        (
            span,
            0
            if _a_person_in(span[2], body) or _a_word(span[2], body)
            else _count_in_body(span[2], body),
        )
        for span in found
    ]
    verified = [(span, count) for span, count in counted if count]
    if verified:
        maximal = [
            (span, count)
            for span, count in verified
            if not any(
                other[2] != span[2] and f" {span[2].lower()} " in f" {other[2].lower()} "
                for other, _ in verified
            )
        ]
        # A headline that writes a title as a show ("... on the season premiere of SURVIVOR",
        # "X Season 3") names its subject there, whatever place words come first.
        best = max(
            maximal,
            key=lambda item: (
                item[0][2] in marked,
                -item[0][0],
                -item[0][1],
                len(item[0][2].split()),
                item[1],
            ),
        )
        return _body_spelling(best[0][2], body), True
    # Nothing confirmed: the first segment's longest span, in the headline's own words, unless
    # the body writes it in lowercase ("midseason"): then it is a word, not a title.
    found = [
        span
        for span in found
        if not _written_lowercase(span[2], body)
        and not _a_person_in(span[2], body)
        # One capitalised word of a headline the body never writes ("Launching") is a word.
        and (len(span[2].split()) > 1 or not marks)
    ]
    if not found:
        return None
    first_segment = min(span[0] for span in found)
    candidates = [span for span in found if span[0] == first_segment]
    return max(candidates, key=lambda span: (len(span[2]), -span[1]))[2], False


_REST_OF_NAME = re.compile(r"(?:\s+[A-Z][\w'’.-]*)+")


def _a_person_in(span: str, body: str) -> bool:
    """The body first writes the name as a person's: "Dana Whitfield has joined the cast", or
    a one-word name as someone's surname ("Jo Brand", "Ben and Erin Napier")."""
    match = _title_pattern(span.split()).search(body, 0, LEAD_WINDOW)
    if match is None:
        return False
    given = re.search(r"([A-Z][a-z]+)\s+$", body[max(0, match.start() - 20) : match.start()])
    if " " not in span and given and given[1].lower() in GIVEN_NAMES:
        return True
    rest = _REST_OF_NAME.match(body, match.end())  # "Dana" of "Dana Whitfield has joined"
    return names_a_person(body, match.start(), rest.end() if rest else match.end())


def _a_word(span: str, body: str) -> bool:
    """A one-word candidate the body also writes in lowercase: "Formats" of "10 Confirms
    Returning Formats" is the word "formats"."""
    return " " not in span.strip() and _written_lowercase(span, body)


def _has_plain_words(title: str, body: str) -> bool:
    """Whether the body writes a word of this title as a plain word ("laugh", "your",
    "preview"): an address's phrase the body never confirms is no title then."""
    return any(
        _written_lowercase(word, body)
        for word in re.findall(r"[^\W\d_][\w'’-]*", title)
        if word.lower() not in _CONNECTORS
    )


def _written_lowercase(span: str, body: str) -> bool:
    return bool(re.search(r"(?<![\w])" + re.escape(span.lower()) + r"(?![\w])", body))


def _good_edges(words: list[_Token]) -> bool:
    first, last = words[0].core.lower(), words[-1].core.lower()
    # "FOR LIFE" in a mixed-case headline: a title in capitals may open with a small word.
    capitals = len(words) > 1 and all(_all_caps(w.core) for w in words)
    if first in _CONNECTORS and first not in ("the", "a", "an") and not capitals:
        return False
    if last in _CONNECTORS or (_strip_possessive(last) in _GENERIC and not _ends_title(words)):
        return False
    meaningful = [w for w in words if w.core.lower() not in _GENERIC]
    return bool(meaningful) and not (len(words) == 1 and first in ("the", "a", "an"))


def _title_pattern(words: Sequence[str]) -> re.Pattern[str]:
    """The words as a title may be written: a slug's "handmaids" is the body's "Handmaid's",
    and its "survivor-cook-islands" the body's "Survivor: Cook Islands" (an address drops the
    colon between a franchise and its edition's subtitle)."""
    return _compiled_title_pattern(tuple(words))  # the same titles are looked for often


@lru_cache(maxsize=1024)
def _compiled_title_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    parts = [
        re.escape(w[:-1]) + "['’]?s" if w.lower().endswith("s") and len(w) > 3 else re.escape(w)
        for w in words
    ]
    return re.compile(r"(?<![\w])" + r":?\s+".join(parts) + r"(?![\w])", re.I)


def _count_in_body(title: str, body: str) -> int:
    """How often the body writes these words as a title (capitalised where a title is)."""
    words = title.split()
    if not body or not words:
        return 0
    pattern = _title_pattern(words)
    count = 0
    for match in pattern.finditer(body):
        found = match.group().split()
        if (
            _is_capitalised(found[0])
            and all(_is_capitalised(w) or w.lower() in _CONNECTORS for w in found)
            and not _in_title_case_line(body, match.start())
        ):
            count += 1
    return count


def _in_title_case_line(text: str, at: int) -> bool:
    """Whether `at` is in a line that capitalises nearly every word (the headline again, a
    caption, a menu): such a line capitalises a phrase without making it a title."""
    start, end = line_around(text, at)
    line = text[start:end]
    long = [w for w in re.findall(r"[^\W\d_][\w'’-]*", line) if len(w) > 3]
    return len(long) >= 4 and sum(w[0].isupper() for w in long) >= 0.8 * len(long)


def _body_spelling(title: str, body: str) -> str:
    """The title as the body spells it ("Orange Is the New Black", not "... The New ...")."""
    for match in _title_pattern(title.split()).finditer(body):
        if _is_capitalised(match.group()):
            return " ".join(match.group().split())
    return title


_BREAKS_TITLE = frozenset(",;)]}.!?\"”’'")  # after a word: a title does not go on past it


def _tokens(text: str) -> list[_Token]:
    tokens = []
    for match in _TOKEN_PARTS_RE.finditer(text):
        lead, core, trailing = match.group("lead", "core", "trailing")
        if trailing and (core + trailing).lower() in _KEEP_DOT:
            core, trailing = core + trailing, ""  # "Mr.", "S.W.A.T.": the dot is the word's
        if not core:
            tokens.append(_Token(match.group(), match.start(), match.end(), True, False, True))
            continue
        start = match.start("core")
        if trailing in ("'", "’") and _plural_possessive(text, start, match.end()):
            core, trailing = core + trailing, ""  # "Dragons' Den": the apostrophe is the word's
        end = start + len(core)
        breaks = bool(trailing) and not _BREAKS_TITLE.isdisjoint(trailing)
        # A title never runs on to the next line.
        breaks = breaks or text.startswith("\n", match.end()) or text.startswith(" \n", match.end())
        tokens.append(_Token(core, start, end, breaks, ":" in trailing, bool(lead)))
    return tokens


def _plural_possessive(text: str, start: int, end: int) -> bool:
    """ "Dragons' Den", "The Writers’ Room": an apostrophe after a plural's s, a capitalised
    word next, and no single quote opened earlier on the line that it could be closing."""
    if text[end - 2 : end - 1] != "s" or not _CAPITAL_NEXT.match(text, end):
        return False
    line_start = text.rfind("\n", 0, start) + 1
    return not _QUOTE_OPENS.search(text, line_start, start)


_CAPITAL_NEXT = re.compile(r" [A-Z]")
_QUOTE_OPENS = re.compile(r"(?:^|(?<=[\s(\[—–-]))[‘']")


def _trimmed(text: str, run: list[_Token]) -> TitleMention | None:
    if len(run) == 1 and run[0].core in WEEKDAYS and season_number_after(text, run[0].end):
        # "Wednesday season 2": a weekday's name, numbered by season, is the show's. Marked
        # as a title the way quotes mark one.
        return TitleMention(run[0].core, run[0].start, run[0].end, quoted=True)
    words = list(run)
    while words and (
        words[0].core.lower() in _GENERIC
        and not (words[0].core.lower() in ("the", "a", "an") and len(words) > 1)
        and not _title_opening_word(text, words)
        and not _title_opening_no(words)
    ):
        words.pop(0)
    if (
        len(words) >= 3
        and words[-2].core.lower() == "with"
        and _SUBTITLES_AFTER.match(text, words[-1].end)
    ):
        del words[-2:]  # "My Hero Academia with English subtitles": the language is no title's
    capitals = _capitals_in_prose(text, words)
    while words and (
        words[-1].core.lower() in _CONNECTORS
        or (
            _strip_possessive(words[-1].core).lower() in _GENERIC
            and not _ends_title(words)
            and not _pronoun_ends_title(words)
            and not capitals
        )
    ):
        words.pop()
    if not words or not any(w.core.lower() not in _GENERIC for w in words):
        return None
    start, end = words[0].start, words[-1].end
    written = text[start:end]
    title = _without_owner_name(written)
    start += len(written) - len(title)
    title = _strip_possessive(title)
    if not plausible_title(title):
        return None  # a number, a date, a place, a company, an office: not a show
    return TitleMention(title, start, start + len(title))


_SUBTITLES_AFTER = re.compile(r"(?i)\s+(?:subtitles?|subs\b|dub|dubbing|audio|captions)")


def _title_opening_no(words: list[_Token]) -> bool:
    """ "No Man’s Land will premiere", "No Good Nick": "No" before two or more title words
    opens the title; before one ("No Netflix", "No Activity") it is as likely the writer's."""
    return (
        words[0].core == "No"
        and len(words) >= 3
        and _strip_possessive(words[1].core).lower() not in _GENERIC
    )


def _title_opening_word(text: str, words: list[_Token]) -> bool:
    """ "on My Lady Jane", "My Hero Academia season 7": a capitalised "My" inside a sentence,
    before two or more title words, opens the title; at a sentence's start it is the writer's.
    So does a capitalised "For" or "Under" right after a word of prose ("space drama For All
    Mankind"): prose writes its own prepositions in lower case."""
    first = words[0]
    if len(words) < 3 or (first.core != "My" and first.core not in _OPENING_PREPOSITIONS):
        return False  # the common case, without copying the text before the run
    before = text[max(0, first.start - 40) : first.start].rstrip()
    if first.core != "My":
        return bool(_PROSE_WORD_END.search(before))
    return bool(before) and before[-1] not in ".!?:\n\"“‘'"


_OPENING_PREPOSITIONS = _words(
    "For In On Of From Under Into After Before With Without Between Beyond Behind Through "
    "Over Inside Outside Until Against Among Across Above Below"
)
_PROSE_WORD_END = re.compile(r"(?:^|\s)[a-z][a-z'’-]*$")


# "Sally Rooney’s Normal People": the person whose show it is comes off the front.
_OWNER_NAME = re.compile(r"([A-Z][a-z]+)\s+(?:[A-Z][\w-]+\s+)?[A-Z][\w-]*['’]s\s+(?=[A-Z0-9])")


def _without_owner_name(title: str) -> str:
    owner = _OWNER_NAME.match(title)
    if owner and owner.group(1).lower() in GIVEN_NAMES:
        return title[owner.end() :]
    return title


_NOT_OF_A_TITLE = _GENERIC | _HEADLINE_BREAK


def _pronoun_ends_title(words: list[_Token]) -> bool:
    """'Doctor Who', 'The Thick Of It': a capitalised "Who" or "It" right after a title's
    own word (or its "Of") is the title's last word, not the sentence's next one."""
    if len(words) < 2 or words[-1].core not in ("Who", "It"):
        return False
    before = words[-2].core
    return before in ("Of", "of") or (
        _is_capitalised(before) and before.lower() not in _NOT_OF_A_TITLE
    )


def _ends_title(words: list[_Token]) -> bool:
    """ "The Morning Show", "The Great British Bake Off Show": a capitalised "Show" after a
    word of the title's own ends it; "Netflix Show" or "TV Show" is only a noun."""
    return (
        len(words) >= 2
        and _strip_possessive(words[-1].core) == "Show"
        and words[-2].core.lower() not in _GENERIC
        and words[-2].core.lower() not in _CONNECTORS
    )


def _inside(token: _Token, blocked: _Spans) -> bool:
    return blocked.overlaps(token.start, token.end)


class _Spans:
    """Spans to look up by overlap in O(log n): titles are checked token by token."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [start for start, _ in ordered]
        self._reach: list[int] = []  # the furthest end among the spans up to each index
        furthest = -1
        for _, end in ordered:
            furthest = max(furthest, end)
            self._reach.append(furthest)

    def overlaps(self, start: int, end: int) -> bool:
        index = bisect_left(self._starts, end)  # spans starting before `end`
        return index > 0 and self._reach[index - 1] > start


def _is_capitalised(word: str) -> bool:
    return bool(word) and (word[0].isupper() or word[0].isdigit())


def _strip_possessive(title: str) -> str:
    return _POSSESSIVE.sub("", title).strip()


def _looks_like_title(inner: str) -> bool:
    words = inner.split()
    parts = [p.split() for p in inner.split(",")]
    # "Signed, Sealed, Delivered" is a title; "Dallas, Texas, 1983" a dateline, a longer list
    # of phrases a list.
    listed = len(parts) > 2 and not all(
        1 <= len(p) <= 2 and all(_is_capitalised(w) for w in p) for p in parts
    )
    if listed or re.search(r",\s*\d", inner):
        return False  # a dateline or a list, not a title
    if not 1 <= len(words) <= 9 or (inner.endswith((".", ",", "?")) and len(words) > 4):
        return False
    content = [w for w in words if w.lower().strip(",.!?:") not in _CONNECTORS]
    capitalised = [w for w in content if _is_capitalised(w)]
    return bool(content) and len(capitalised) / len(content) >= 0.75


# ---------------------------------------------------------------------------- the lead show

# How prose marks a run as a show: a season after it, or "the premiere of" / "the new drama"
# before it. A sequel's number may stand between ("... The Animation 2 will premiere").
_NUMBER_WORD = r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)\b"
_MARKED_AFTER = re.compile(
    r"(?i)^(?:['’]s)?(?:\s+\d{1,2}(?=\s))?\s*(?:season\b|series\s+"
    + _NUMBER_WORD
    + r"|part\s+"
    + _NUMBER_WORD
    + r"|cycle\b|s\d"
    r"|premieres?\b|debuts?\b|will\s+(?:premiere|debut|air|stream)\b)"
)
# What people do as well as shows ("Todd Sampson returns"): a weaker mark.
_PERHAPS_AFTER = re.compile(
    r"(?i)^\s*(?:returns?\b|is\s+(?:set|back|coming|returning|launching|premiering|debuting)\b"
    r"|will\s+(?:return|launch)\b|launches\b)"
)
_MARKED_BEFORE = re.compile(
    r"(?i)(?:premiere|return|debut|(?:season|series|part)(?:\s+\w+)?|launch|arrival|cast)\s+of\s+"
    r"(?:the\s+)?$"
    r"|(?:new|upcoming|hit|acclaimed|original|limited|animated|anime|reality|docu-?)\s*"
    r"(?:drama|comedy|series|show|thriller|sitcom|docuseries|adaptation|anime|spinoff"
    r"|spin-off|prequel|sequel|reboot|revival)\s+$"
    r"|(?:drama|series|show|sitcom|anime|docuseries)\s+$"
    r"|\b(?:will\s+)?(?:premieres?|debuts?|launch(?:es)?|presents?|unveils?)\s+$"
)
_OPENING_QUOTE = re.compile(r"[\"“‘']$")
LEAD_WINDOW = 2500  # the opening of the body, where a story names its subject
# "Kim So Hyun's new drama": whose show it is, not its title.
_OWNER = re.compile(
    r"(?P<owner>[A-Z][\w’'.-]*(?:\s+(?:and\s+|&\s+)?[A-Z][\w’'.-]*)*)['’]s\s+"
    r"(?:(?:new|upcoming|latest|next|hit|first|romantic|original)\s+)*"
    r"(?:drama|series|show|comedy|sitcom|thriller|docuseries|anime|k-drama|film)\b"
    # "CloverWorks’ Tokyo 24th Ward": a studio's (plural) possessive before a title
    r"|(?P<plural>[A-Z][\w.-]*s)['’]\s+(?=[A-Z0-9])"
)


def lead_show(
    headline: str,
    body: str,
    blocker: Callable[[str], Sequence[tuple[int, int]]] = lambda text: (),
    slug: str | None = None,
    outlet: str | None = None,
    known_show: Callable[[str], bool] = lambda title: False,
) -> HeadlineShow:
    """The show a story is about: the title that its headline, its address and its opening
    agree on. Each candidate earns points for standing in the headline, in the address's
    slug, in quotes, and in the body written as a show ("X season 2", "the premiere of X");
    page furniture, places, people's offices and companies are never candidates, nor a
    person's surname that `known_show` does not know as a show's title.
    """
    opening = body[:LEAD_WINDOW]
    whole = f"{headline}\n{body}"
    scores: dict[str, float] = {}
    spelling: dict[str, str] = {}
    first_seen: dict[str, int] = {}
    # "Nine", "Seven", "Three": the page's own network by its short name, not a show.
    # (headline and body apart: the body's scan is cached and shared with the other readers)
    network_names = {title_key(m.name) for t in (headline, body) for m in find_networks(t)}
    names_a_day = "s Day" in whole  # "Valentine’s Day": looked for once, most pages name none

    def add(title: str, points: float, at: int, *, quoted: bool = False) -> None:
        title = display_title(_strip_possessive(_without_owner_name(title.strip(" -–—:|,;."))))
        if not plausible_title(title, quoted=quoted) or _names_the_outlet(title, outlet):
            return
        if (
            not quoted
            and a_name_not_a_show(title, whole)
            and not (
                _title_pattern(title.split()).search(headline) and not _given_a_role(title, whole)
            )
        ):
            # "sophie-turner-joan-itv-drama": the star leads the address, not the show (a
            # headline's capitals say more: "Jack Ryan is back again!", unless the text calls
            # them an actress: "Liu Yifei Returns to Historical Drama")
            return
        if not quoted and a_surname_named_before(title, whole) and not known_show(title):
            # "Murphy is returning to ..." after "Ryan Murphy helped put FX on the map" (but
            # "Luther", after "DCI John Luther", is a show named after its lead)
            return
        if (
            not quoted
            and names_a_day
            and re.search(rf"(?<!\w){re.escape(title)}['’]s\s+Day\b", whole)
        ):
            return  # "Valentine" of "Valentine’s Day": a holiday
        if not quoted and _GREETED.search(title) and _GREETING.search(whole):
            return  # "Happy" of "Happy New Year! Here are 41 shows debuting this week"
        key = title_key(title)
        if not key or (not quoted and (key in network_names or key[:-1] in network_names)):
            return  # "Nine", and "ABCs" of "ABC’s" with its apostrophe lost
        scores[key] = scores.get(key, 0.0) + points
        spelling.setdefault(key, title)
        first_seen[key] = min(first_seen.get(key, at), at)

    head = headline_show(headline, body, blocker, slug) if headline or slug else None
    if head is not None and head.source != "quoted" and _lists_titles(headline, blocker):
        head = None  # "When Calls The Heart, Signed Sealed Delivered, Cedar Cove, and More!"
    quotes = quoted_titles(headline)
    season_marked = [
        run
        for run in title_runs(headline, blocker(headline))
        if _MARKED_AFTER.match(headline[run.end : run.end + 30])
    ]
    # "The Walking Dead Season 6 Premiere: What Happens in 'First Time Again?'": the show its
    # season marks comes first; the quotes after it name an episode.
    episode = bool(quotes and season_marked and season_marked[0].end <= quotes[0].start)
    if head is not None and head.title:
        points = {"quoted": 4.0, "headline": 3.5, "slug": 3.0, "slug-only": 1.5}
        add(head.title, 1.5 if episode else points.get(head.source, 1.5), -1)
    for mention in quotes:
        if not _set_aside(headline, mention):
            add(mention.text, 1.5, -1, quoted=True)
    for run in season_marked:
        add(run.text, 3.5 if episode else 1.5, -1)
    for mention in quoted_titles(opening):
        before = _OPENING_QUOTE.sub("", opening[max(0, mention.start - 41) : mention.start])
        # Quoted, and more so after "the new drama" or "will premiere": 'tvN's upcoming
        # drama "Is It Fate?"'.
        quote_points = 2.0 if _MARKED_BEFORE.search(before) else 1.0
        add(mention.text, quote_points, mention.start, quoted=True)
    # "Drama Casting & News" above every teaser of a tag page: a section's label, not a title.
    labels = _repeated_labels(opening, headline)
    runs = [
        r
        for r in title_runs(opening, blocker(opening))
        if not names_a_person(opening, r.start, r.end)
        and not _in_a_field(opening, r.start)
        and not (labels and _line_of(opening, r.start) in labels)
    ]
    for run in runs:
        after = opening[run.end : run.end + 30]
        if _CREDIT_AFTER.match(after) or _KIND_AFTER.match(after):
            # "The Americans and Luke Cage actress Karen Pittman": her credits; "Five Swedish
            # shows": a kind of show
            continue
        marked = _marked_as_show(opening, run.start, run.end)
        run_points = 1.5 if marked else 0.75 if _PERHAPS_AFTER.match(after) else 0.25
        add(run.text, run_points, run.start, quoted=run.quoted)
    for owner in _OWNER.finditer(headline):
        key = title_key(_strip_possessive(owner["owner"] or owner["plural"]))
        if key in scores:
            scores[key] -= 3.0
    if not scores:
        return HeadlineShow(None, 0.0, "none")
    considered = frozenset(scores)
    slug_words = address_words(slug)
    # A title only the address names: the page never writes it.
    address_only = (
        title_key(head.title)
        if head is not None and head.title and head.source == "slug-only"
        else None
    )
    for key in scores:
        if key != address_only and in_address(key, slug_words):
            scores[key] += 2.0
    best = max(scores, key=lambda k: (scores[k], -first_seen[k]))
    # A title inside a longer one that scores as well is the longer one's ("Real Housewives").
    longer = [
        k
        for k in scores
        if f" {best} " in f" {k} " and k != best and scores[k] >= scores[best] - 0.5
    ]
    if longer:
        best = max(longer, key=lambda k: (scores[k], -first_seen[k]))
    if scores[best] < 1.5:
        return HeadlineShow(None, 0.0, "none", considered)  # nothing says which show this is about
    spelling[best] = _completed(spelling[best], opening)
    if (
        " " not in spelling[best]
        or a_name_not_a_show(spelling[best], whole)
        or _name_shaped(spelling[best])
    ) and _given_a_role(spelling[best], whole):
        # "Yifei" was "actress Liu Yifei"; "Farah Khan" of a headline, "filmmaker Farah Khan"
        return HeadlineShow(None, 0.0, "none", considered)
    spelling[best] = _opener_from_slug(spelling[best], slug_words, f"{headline}\n{opening}")
    spelling[best] = _first_of_two(spelling[best], body)
    from_head = head is not None and head.title is not None and title_key(head.title) == best
    in_slug = in_address(best, slug_words)
    # A shorter name of the same show ("Strange New Worlds" of "Star Trek: Strange New
    # Worlds") is no rival; one of two titles joined ("Hidden Assets and The Dry") still is.
    runner_up = max(
        (
            v
            for k, v in scores.items()
            if k not in (best, address_only)
            and (f" {k} " not in f" {best} " or " and " in f" {best} ")
        ),
        default=0.0,
    )
    if not (from_head or in_slug) and scores[best] < 1.5 * runner_up:
        # A round-up with no show in its headline: no one show leads it; each premiere
        # keeps the show its own sentence names.
        return HeadlineShow(None, 0.0, "none", considered)
    if from_head and head is not None and head.source in ("slug-only", "headline-only"):
        return HeadlineShow(spelling[best], head.confidence, head.source, considered)
    # A title only the body's runs suggest, with little behind it, is shown as a guess; so is
    # one word the text never writes as a show ("Applause", "Network", "Seven"): as likely a
    # word of the headline or the address as a title.
    confidence = 0.95 if scores[best] >= 5 else 0.85 if scores[best] >= 3.5 else 0.5
    if " " not in spelling[best] and not _written_as_show(spelling[best], whole):
        confidence = 0.5
    return HeadlineShow(
        spelling[best], confidence, head.source if from_head and head else "body", considered
    )


def _lists_titles(headline: str, blocker: Callable[[str], Sequence[tuple[int, int]]]) -> bool:
    """Whether the headline lists three titles or more ("When Calls The Heart, Signed Sealed
    Delivered, Cedar Cove, and More!"): a round-up's, which leads with none of them. "Release
    Date, Cast, Plot and More" lists what a piece tells of one show; "What to expect from
    Season 2, The Newsreader, ABC TV" a season and a network beside it."""
    match = _LISTED.search(headline)
    if match is None:
        return False
    items = [i for i in re.split(r",\s+(?:and\s+|&\s+)?|\s+(?:and|&)\s+", match[1]) if i]
    titles = [i for i in items if plausible_title(i) and not _all_generic(i) and not blocker(i)]
    return len(titles) >= 3


def _all_generic(words: str) -> bool:
    return all(w.lower() in _NOT_OF_A_TITLE or w.lower() in _CONNECTORS for w in words.split())


_LISTED = re.compile(
    r"(?:^|:\s+)((?:[A-Z][^,:]{1,40},\s+){2,}(?:and\s+|&\s+)?[A-Z][^,:]{1,40}?)"
    r"(?:,?\s+(?:and|&)\s+(?:more|others)\b|\s*[!?.]?$)"
)


def _repeated_labels(text: str, headline: str) -> set[str]:
    """Short lines the text repeats word for word, other than its headline: section labels.
    Three times at least: a show's own title line may stand twice (a caption, a heading)."""
    lines = Counter(line.strip() for line in text.split("\n") if 0 < len(line.strip()) <= 40)
    return {line for line, times in lines.items() if times >= 3 and line != headline.strip()}


def _line_of(text: str, at: int) -> str:
    start, end = line_around(text, at)
    return text[start:end].strip()


def _first_of_two(title: str, body: str) -> str:
    """ "Atlanta and Better Things": two shows a headline joins, where the body also writes
    each on its own; the first leads. A title the body writes only whole ("Mike & Molly",
    "Law & Order") stays one."""
    parts = re.split(r"\s+(?:and|&)\s+", title)
    if len(parts) != 2:
        return title
    alone = _title_pattern(title.split()).sub(" ", body)
    if all(
        plausible_title(p)
        and _count_in_body(p, alone)
        # "Will & Grace", "Mike & Molly": a given name alone is a character's
        and (" " in p or p.lower() not in GIVEN_NAMES)
        for p in parts
    ):
        return parts[0]
    return title


def _name_shaped(title: str) -> bool:
    """Two or three capitalised words and nothing else, as a person's name is written."""
    words = title.split()
    return 2 <= len(words) <= 3 and all(
        _NAME_WORD.fullmatch(w) and w.lower() not in _CONNECTORS and w.lower() not in _GENERIC
        for w in words
    )


_NAME_WORD = re.compile(r"[A-Z][a-z]+(?:-[A-Z]?[a-z]+)?")


def a_name_not_a_show(title: str, text: str) -> bool:
    """A given name and a surname ("Alan Davies", "Taylor Sheridan", "Liu Yifei", "Rashmi
    Sharma") that the text never writes as a show. "Returns" after it is no mark here: people
    return as well."""
    words = title.split()
    if not 2 <= len(words) <= 3:
        return False
    lowered = [w.lower() for w in words]
    if not (
        lowered[0] in GIVEN_NAMES
        or (len(words) == 2 and lowered[0] in SURNAMES_FIRST and words[1].isalpha())
        or (len(words) == 2 and lowered[1] in SURNAMES_LAST)
    ):
        return False
    rest = [w.lower() for w in words[1:]]
    if any(w in _CONNECTORS or _strip_possessive(w) in _GENERIC for w in rest):
        return False
    return not _written_as_show(title, text, people_too=False)


def a_surname_named_before(title: str, text: str) -> bool:
    """One capitalised word that the text first writes after a given name ("Ryan Murphy"),
    and never as a show: a person, called by their surname."""
    if not _NAME_WORD.fullmatch(title):
        return False
    first = re.search(rf"\b{re.escape(title)}\b", text)
    full = re.search(rf"\b([A-Z][a-z]+)\s+{re.escape(title)}\b", text)
    return (
        first is not None
        and full is not None
        and full.end() == first.end()
        and full[1].lower() in GIVEN_NAMES
        and not _written_as_show(title, text, people_too=False)
    )


_ROLE_NOUN = re.compile(
    r"(?i)\b(?:actor|actress|comedian|singer|rapper|star|director|showrunner|creator|presenter"
    r"|host|chef|author|novelist|writer|producer|filmmaker|journalist)\s+$"
)


def _given_a_role(title: str, text: str) -> bool:
    """Whether the text calls the name someone's: "actress Liu Yifei", "Rocky star Talia Shire"
    (and "Yifei" of "actress Liu Yifei")."""
    return any(
        _ROLE_NOUN.search(_FORENAMES.sub(" ", text[max(0, m.start() - 40) : m.start()]))
        for m in _title_pattern(title.split()).finditer(text)
    )


_FORENAMES = re.compile(r"(?:\s[A-Z][a-z]+){0,2}\s*$")


def _written_as_show(title: str, text: str, *, people_too: bool = True) -> bool:
    """Whether the text writes the title as a show somewhere: quoted, with its season or a
    premiere verb after it, a show noun or "the premiere of" before it, or a network's; with
    `people_too`, also by what people do as well as shows ("X returns")."""
    for match in _title_pattern(title.split()).finditer(text):
        start, end = match.start(), match.end()
        quoted = start > 0 and text[start - 1] in "\"“‘'" and text[end : end + 1] in "\"”’'"
        if (
            quoted
            or _marked_as_show(text, start, end)
            or (people_too and _PERHAPS_AFTER.match(text[end : end + 30]))
        ):
            return True
    return False


def _marked_as_show(text: str, start: int, end: int) -> bool:
    """The words at start:end written as a show: its season or "premieres" after them, a show
    noun or "the premiere of" before them, or a network's possessive."""
    before = text[max(0, start - 40) : start]
    return bool(
        _MARKED_AFTER.match(text[end : end + 30])
        or _MARKED_BEFORE.search(before)
        or _network_possessive(before)
    )


_NEIGHBOUR = r"[A-Z][\w’'&.-]*"


# A listing's field line: "Genre: Music, School", "Studio: Drive". Its values are no titles.
_FIELD_LINE = re.compile(
    r"(?i)\W*(?:genres?|studios?|where\s+to\s+watch|networks?|platforms?|cast|starring|stars"
    r"|directors?|writers?|creators?|(?:executive\s+)?producers?|based\s+on|tags?"
    r"|categor(?:y|ies)|(?:press|media|news)\s+release)\s*:"
)


def _in_a_field(text: str, start: int) -> bool:
    return bool(_FIELD_LINE.match(text, line_around(text, start)[0]))


def completed_title(title: str, text: str) -> str:
    """The title as `text` writes it in full (see `_completed`): for a show a sentence names,
    cut short the same way a headline's can be."""
    return _completed(title, text[: LEAD_WINDOW * 2])


def _completed(title: str, text: str) -> str:
    """The title with the capitalised word the text always writes beside it: a run cut at a
    common word ("Nobody Wants" of "Nobody Wants This", "Get Me Out" of "Get Me Out Of
    Here"), or an address names only its last word ("Playlist" of "Secret Playlist")."""
    for _ in range(3):
        core = r"\s+".join(re.escape(w) for w in title.split())
        total = len(re.findall(rf"(?<![\w’']){core}(?![\w’'])", text))
        after = re.findall(rf"(?<![\w’']){core}\s+({_NEIGHBOUR_AFTER})(?![\w’'])", text)
        before = re.findall(rf"(?<![\w’'])({_NEIGHBOUR})\s+{core}(?![\w’'])", text)
        for neighbours, word_first in ((after, False), (before, True)):
            # Three times in four: "Hospital Playlist" elsewhere leaves "Secret Playlist" it.
            # A small word's case is the writer's whim: "Out Of Here" and "Out of Here" agree.
            counts = Counter(_small_word_lowered(n) for n in neighbours)
            key, times = counts.most_common(1)[0] if neighbours else ("", 0)
            word = next((n for n in neighbours if _small_word_lowered(n) == key), "")
            last = word.split()[-1] if word else ""
            fits = _belongs_to_title(last) or (
                word_first and (word.lower() in _TITLE_OPENERS or word in _OPENING_PREPOSITIONS)
            )
            every_time = times == total and not word_first
            # A country after a franchise's name is its national edition ("Big Brother
            # Canada", "MasterChef Australia"): written so every time, once is enough.
            edition = every_time and last.lower().rstrip(".") in _EDITIONS
            # A word headlines break titles at ("News", "Update"), written after the title
            # every time and three times or more, is the title's own: "Small Town News".
            own_word = every_time and times >= 3 and _headline_word_in_title(last)
            if (times >= 2 and times * 4 >= total * 3 and fits) or edition or own_word:
                title = f"{word} {title}" if word_first else f"{title} {word}"
                break
        else:
            return title
    return title


# After a title, a capitalised small word and the word it leads to: a title-case title runs
# on through its small words ("... Get Me Out Of Here"), where prose writes them lowercase.
_NEIGHBOUR_AFTER = (
    r"(?:(?:[Oo]f|The|In|On|To|For|At|A|An|And|With|From|By|Or|Is|Are)\s+)?" + _NEIGHBOUR
)


def _small_word_lowered(neighbour: str) -> str:
    first, _, rest = neighbour.partition(" ")
    return f"{first.lower()} {rest}" if rest else neighbour


_EDITIONS = _PLACES - _words("world global international national hollywood asia europe")
# Headline words that still never end a title: a season, an episode, the piece's own nouns.
_NEVER_LAST = _words(
    "season seasons series episode episodes part finale trailer trailers teaser cast casting "
    "premiere premieres date dates review recap renewal"
)


def _headline_word_in_title(word: str) -> bool:
    lowered = word.lower()
    return (
        lowered in _HEADLINE_BREAK
        and lowered not in _NEVER_LAST
        and not word.endswith(("’s", "'s"))
        and canonical_network(word) is None
    )


def _opener_from_slug(title: str, slug_words: str, text: str) -> str:
    """ "Calls The Heart" of "When Calls The Heart": the address writes the common word that
    opens the title ("when-calls-the-heart-season-11"), and so does the text."""
    squashed = _squash(" ".join(title.lower().split()))
    for opener in _TITLE_OPENERS:
        if f" {opener} {squashed} " in slug_words:
            found = re.search(rf"(?i)\b({opener})\s+{re.escape(title)}", text)
            if found:
                return f"{found.group(1)} {title}"
    return title


# Common words that begin titles ("When Calls the Heart", "This Is Us", "Her Legend"): a
# run drops them, and the text writing them before it every time gives them back.
_TITLE_OPENERS = _words("when what where how why who this that it my your our her his their all")


def _belongs_to_title(word: str) -> bool:
    lowered = word.lower().rstrip(".")
    return not (
        lowered in _HEADLINE_BREAK
        or lowered in _CONNECTORS
        or word.endswith(("’s", "'s"))
        or canonical_network(word) is not None
    )


_CREDIT_AFTER = re.compile(
    r"(?i)^\s+(?:actor|actress|star|alum|alumna|alumnus|creator|showrunner|producer|veteran)s?\b"
)
# "Five Swedish shows", "Korean dramas", "New Netflix originals": the kind the words describe,
# in the plural, follows them; a title is one show.
_KIND_AFTER = re.compile(
    r"\s+(?:shows|dramas|comedies|sitcoms|thrillers|documentaries|docuseries|programmes"
    r"|programs|originals|box\s+sets|titles)\b"
)
_POSSESSOR = re.compile(r"([A-Z][\w+&!.]*(?:\s+[A-Z+][\w+&!.]*){0,2})\s*['’‘]s\s+$")


def _network_possessive(before: str) -> bool:
    """ "Paramount Network's Yellowstone", "Netflix's Nobody Wants This": what follows a
    network's possessive is its show."""
    match = _POSSESSOR.search(before)
    return bool(match and canonical_network(match.group(1)) is not None)


def address_words(slug: str | None) -> str:
    """An address's words, spaced for whole-word lookups: " the handmaids tale season 2 "."""
    return " " + " ".join(re.split(r"[-_]+", slug.lower())) + " " if slug else ""


def in_address(title: str, words: str) -> bool:
    """Whether an address (its `address_words`) spells the title as slugs do: "The Handmaid's
    Tale" is in ".../the-handmaids-tale-season-2"."""
    squashed = _squash(title_key(title))
    return bool(words and squashed) and f" {squashed} " in words


def _squash(key: str) -> str:
    """A title key as a slug writes it: "handmaid's tale" -> "handmaids tale"."""
    return re.sub(r"[^a-z0-9 ]", "", key.replace("’", "").replace("'", ""))


def _names_the_outlet(title: str, outlet: str | None) -> bool:
    """ "The Independent" on independent.co.uk, "The Korea Herald" on koreaherald.com: the
    page's masthead, printed above the story, is not what the story is about."""
    if not outlet:
        return False
    host = outlet.lower().removeprefix("www.").removeprefix("m.")
    core = re.sub(r"[^a-z0-9]", "", host.split(".")[0])
    squashed = re.sub(r"[^a-z0-9]", "", title_key(title))
    if len(core) < 5 or len(squashed) < 5:
        return False
    if core in squashed:
        return True
    # "BizAsia" on bizasialive.com is its masthead; "The Walking Dead" on
    # thewalkingdeadepisode.com is the show a fan site is named after.
    rest = core.replace(squashed, " ", 1).split(" ")
    return squashed in core and all(part in _MASTHEAD_ENDS for part in rest)


_MASTHEAD_ENDS = _words(
    "the live online news hq daily today blog mag magazine media digital web uk us"
) | {""}


def display_title(title: str) -> str:
    """ALL-CAPS press-release titles read as titles: "MURDOCH MYSTERIES" -> "Murdoch Mysteries"."""
    letters = [c for c in title if c.isalpha()]
    if " " not in title.strip() and len(letters) <= 4:
        return title  # "NCIS", "TMNT", "SWAT": one short word in capitals is an acronym
    if len(letters) > 3 and all(c.isupper() for c in letters):
        return " ".join(
            w.lower() if w.lower() in _CONNECTORS and i else w.capitalize()
            for i, w in enumerate(title.split())
        )
    return title
