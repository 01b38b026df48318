"""Shapes real pages have that clean prose lacks: where a year comes from, what is a title,
what is TV news at all, and `preview --url` for a saved copy. Our own sentences throughout."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import time_machine

from bot.articles import analyse
from bot.articles.extract import address_day, address_month, extract_text
from bot.articles.facts import _told_as_new, about_tv
from bot.articles.networks import canonical_network, find_networks, written_since
from bot.articles.preview import premiere_value
from bot.articles.text import byline_name, clean_lines, is_top_furniture, split_sentences
from bot.articles.titles import lead_show, plausible_title, quoted_titles, title_runs
from tests.unit.articles.conftest import Preview

TODAY = date(2026, 11, 28)  # what "today" would wrongly anchor an old article to


def read(text: str, url: str | None = None) -> tuple[str | None, str | None, str | None]:
    article = analyse(text=text, url=url, today=TODAY)
    premiere, _ = premiere_value(article.facts)
    return article.facts.show, article.facts.network, premiere


# ---------------------------------------------------------------------------- years


def test_a_month_stamp_at_the_top_files_the_article_and_names_no_show() -> None:
    text = (
        "date 2021-03 Harbour Lights has confirmed that it will begin airing its second "
        "season this October on Netflix, after a long wait."
    )
    assert read(text) == ("Harbour Lights", "Netflix", "2021-10")


def test_a_timestamp_line_at_the_top_dates_the_article() -> None:
    text = (
        "date 2019-07-19 Glenhollow Farm returns to CBC for its fourth season on "
        "Monday, September 16.\nThe farm drama follows three sisters."
    )
    assert read(text)[2] == "2019-09-16"


def test_an_address_with_a_date_path_dates_an_undated_copy() -> None:
    text = "Tinder Point Season 2 Premiere Date\n\nTinder Point season 2 premieres April 7 on FX."
    url = "https://www.example-tvnews.com/2019/03/05/tinder-point-season-2-premiere/"
    assert read(text, url)[2] == "2019-04-07"


def test_an_address_filed_under_a_month_keeps_a_december_date_in_that_year() -> None:
    text = (
        "Quarry Lane Season Two Date\n\n"
        "Season two of Quarry Lane will premiere on Hulu December 15."
    )
    url = "https://www.example-tvnews.com/2023/11/quarry-lane-season-two-date/"
    assert read(text, url)[2] == "2023-12-15"


def test_the_weekday_names_the_year_when_nothing_else_does() -> None:
    # October 20 fell on a Sunday in 2019 and 2024; the nearest to the reading day wins,
    # never today's own year (October 20, 2026 is a Tuesday).
    text = (
        "Brightwater season 5 premiere on NBC\n\n"
        "Brightwater returns for its fifth season Sunday, Oct. 20 at 9 p.m. ET on NBC."
    )
    assert read(text)[2] == "2024-10-20T21:00-04:00"


def test_next_year_after_a_day_uses_the_latest_year_the_piece_mentions() -> None:
    text = (
        "Marble Court S3 Set For Feb 27th\n\n"
        "Netflix said its drama Marble Court will debut its third season on February 27th "
        "next year. The first two seasons arrived in 2013 and 2014."
    )
    assert read(text)[2] == "2015-02-27"


@pytest.mark.parametrize(
    ("url", "day"),
    [
        ("https://a.example/2019/07/19/show/", date(2019, 7, 19)),
        ("https://a.example/news/show-returns-2021-03-04", date(2021, 3, 4)),
        ("https://a.example/tv/ratings-wednesday-sept-22-2021-1235019640/", date(2021, 9, 22)),
        ("https://a.example/tv/show-returns/", None),
        ("https://a.example/2019/02/31/show/", None),
        # month, day and a two-digit year as folders; a day past 12 tells the order
        ("https://a.example/entertainment/10/22/20/show-premieres/", date(2020, 10, 22)),
        ("https://a.example/entertainment/12/07/20/show-premieres/", date(2020, 12, 7)),
        ("https://a.example.co.uk/entertainment/12/07/20/show/", date(2020, 7, 12)),
        ("https://a.example/threads/1/2/345/", None),
    ],
)
def test_address_day(url: str, day: date | None) -> None:
    assert address_day(url) == day


def test_address_month() -> None:
    assert address_month("https://a.example/2023/11/show/") == date(2023, 11, 1)
    assert address_month("https://a.example/2023/show/") == date(2023, 1, 1)
    assert address_month("https://a.example/show/") is None


# ---------------------------------------------------------------------------- titles


@pytest.mark.parametrize(
    "name",
    [
        "01:00 PM", "2019", "21st", "24", "UK", "Korean Dramas", "Tv Dramas", "Screenshot",
        "Turkish President Erdogan", "Article A7c6 11e9 8f03", "Netflix", "Canadian",
        "Tag Archives", "Headphones & VR", "Football", "NFL", "Disney", "E", "Prime Minister",
        "Acme Studios", "March", "Sunday", "Link", "Most Anticipated", "Fall Shows…",
        "Join or Sign", "Listen Live", "Shonen", "Television Critics Association",
        "The Lifestyle Channel", "WIN Network", "10.30pm", "Sitcoms", "Favourite", "Foreign",
        "New Zealanders", "Returning", "My Top 10 Highly Anticipated", "Don’t Miss These 10",
        "Five Original Latin American", "The Summer Press Tour", "Midnight", "Las Vegas",
        "Thurs.", "Sundays", "Sept.", "Tues",
    ],
)  # fmt: skip
def test_what_never_reads_as_a_title(name: str) -> None:
    assert not plausible_title(name)


@pytest.mark.parametrize(
    "name",
    [
        "The Morning Show", "Mr. Robot", "Queen of Tears", "Line of Duty", "The Crown", "W1A",
        # they begin as a weekday or a month is written, and are none
        "Friends", "Monsterland", "Mayans", "Sunnyside", "Marcella", "Octonauts",
    ],
)  # fmt: skip
def test_titles_that_look_like_other_things_still_read_as_titles(name: str) -> None:
    assert plausible_title(name)


def test_a_title_opening_with_top_keeps_it() -> None:
    runs = title_runs("Top Harbour: Season 25 (UK/US)\nThe first episode of Top Harbour airs.")
    assert [run.text for run in runs if "Harbour" in run.text] == ["Top Harbour", "Top Harbour"]


def test_furniture_before_the_story_is_not_the_show() -> None:
    text = (
        "Tag Archives: Crave\n"
        "Leave a Comment\n"
        "Frost Harbour premieres Thursday, July 2, only on Crave\n"
        "Crave announced that the first season of Frost Harbour premieres Thursday, July 2."
    )
    show, network, _ = read(text, "https://www.example-tvnews.ca/tag/crave/page/11/")
    assert (show, network) == ("Frost Harbour", "Crave")


def test_a_press_release_title_in_capitals_reads_as_a_title() -> None:
    text = (
        "CBC announces its fall premiere dates\n"
        "HOLLOWAY MYSTERIES returns for a new season on Monday, September 16, 2019 on CBC."
    )
    assert read(text)[0] == "Holloway Mysteries"


def test_a_trailing_ellipsis_is_no_part_of_a_title() -> None:
    text = (
        "The biggest shows coming this month include the Foxtel Original series Harbour "
        "Lights…\n\nMore to come."
    )
    assert "Harbour Lights" in [run.text for run in title_runs(text)]


def test_a_plurals_apostrophe_inside_a_title_is_the_titles() -> None:
    assert [run.text for run in title_runs("BBC Two confirms Sailors' Rest returns.")] == [
        "Sailors' Rest"
    ]
    # a single quote opened earlier on the line is what the apostrophe closes
    assert "Harbour Lights" in [run.text for run in title_runs("'Harbour Lights' Star Joins")]


# ---------------------------------------------------------------------------- TV or not


def test_a_politics_story_claims_nothing() -> None:
    text = (
        "Minister to visit Nairobi\n\n"
        "The foreign minister lands in Kenya later on Friday for a series of talks, the BBC "
        "reported. She arrives in Addis Ababa on Sunday."
    )
    assert read(text) == (None, None, None)


def test_a_gadget_review_claims_nothing() -> None:
    text = (
        "Review: the Lumen 2 headset\n\n"
        "The Lumen 2 headset is launching this fall for $399. It runs Netflix and Prime Video "
        "apps, and the battery lasts six hours."
    )
    assert read(text)[2] is None


def test_a_sports_schedule_is_not_a_season_premiere() -> None:
    text = (
        "League schedule released\n\n"
        "The 2020 NFL season is scheduled to kick off on Thursday, Sept. 10, with the opening "
        "game at 8:20 ET on NBC."
    )
    assert read(text)[2] is None


@pytest.mark.parametrize(
    "text",
    [
        "The Ashes return to Channel 4\n\nThe cricket series begins on November 21, 2026, live "
        "on Channel 4.",
        "Wimbledon returns to BBC One\n\nThe tennis starts on June 29, 2026, live on BBC One.",
    ],
)
def test_a_sport_on_television_is_no_season_premiere(text: str) -> None:
    assert read(text)[2] is None


def test_about_tv_needs_more_than_one_word() -> None:
    assert not about_tv("Rocket launch set", "The launch is scheduled for Monday, April 30.")
    assert about_tv("Cycle 17 premieres on VH1", "The competition premieres Jan. 8 on VH1.")


# ---------------------------------------------------------------------------- preview --url


async def test_preview_reads_a_saved_copy_as_its_address(preview: Preview, tmp_path: Path) -> None:
    saved = tmp_path / "copy.txt"
    saved.write_text(
        "Tinder Point Season 2 Premiere Date\n\nThe second season premieres April 7 on FX.",
        encoding="utf-8",
    )
    url = "https://www.example-tvnews.com/2019/03/05/tinder-point-season-2-premiere/"

    done = await preview("--json", "--url", url, str(saved))

    assert done.status == 0, done.stderr
    result = json.loads(done.stdout)
    assert (result["show"], result["premiere"]) == ("Tinder Point", "2019-04-07")


async def test_preview_url_reads_standard_input_too(preview: Preview) -> None:
    url = "https://www.example-tvnews.com/2019/03/05/tinder-point-season-2-premiere/"
    done = await preview(
        "--json", "--url", url, "-", stdin="Tinder Point season 2 premieres April 7 on FX."
    )

    assert done.status == 0, done.stderr
    assert json.loads(done.stdout)["premiere"] == "2019-04-07"


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--url", "ftp://example.org/a", "-"], "is not a web address"),
        (["--url", "https://a.example/x", "https://a.example/x"], "saved copy"),
    ],
)
async def test_preview_url_refuses_with_one_line(
    preview: Preview, args: list[str], says: str
) -> None:
    done = await preview(*args, stdin="Some text about a show premiere on Netflix.")

    assert done.status == 1
    assert says in done.stderr
    assert done.stderr.count("\n") == 1


# ---------------------------------------------------------------------------- after the real set


def test_a_saved_copy_that_nothing_dates_gives_no_year_it_would_have_to_guess() -> None:
    text = "Harrow Lane Season 2 Date\n\nHarrow Lane season 2 premieres June 6 on Lifetime."
    article = analyse(text=text)  # a saved copy: no publication day, no address, no today

    assert article.facts.show == "Harrow Lane"
    assert article.facts.premiere is None


@time_machine.travel(datetime(2026, 11, 29, tzinfo=UTC), tick=False)
def test_a_service_a_saved_copy_names_bounds_the_year_of_its_weekday_date() -> None:
    # Sunday, Oct. 20 fell in 2013, 2019 and 2024; Paramount+ was first named in 2020, so
    # only 2024 fits before next year. Disney+ (2018 on) leaves 2019 and 2024: no day.
    text = (
        "Brightwater season 5 premiere\n\n"
        "Brightwater returns for its fifth season Sunday, Oct. 20 at 9 p.m. ET on CBS, "
        "streaming on Paramount+."
    )

    def premiere(text: str) -> str | None:
        return premiere_value(analyse(text=text).facts)[0]

    assert premiere(text) == "2024-10-20T21:00-04:00"
    assert premiere(text.replace("Paramount+", "Disney+")) is None
    assert premiere(text.replace(", streaming on Paramount+", "")) is None


def test_a_services_name_says_how_early_a_page_can_be() -> None:
    assert written_since("streams on Paramount+ with Showtime") == 2023
    assert written_since("on Peacock and Disney+") == 2019
    assert written_since("NBC, the Peacock network, and Hulu") is None


def test_pasted_text_is_todays_news() -> None:
    text = "Harrow Lane Season 2 Date\n\nHarrow Lane season 2 premieres June 6 on Lifetime."
    assert read(text)[2] == "2027-06-06"  # read on TODAY, 2026-11-28: the next June 6


def test_eastern_is_a_zone_not_easter() -> None:
    text = (
        "Maple Hill Season 4: when it airs\n\n"
        "The Maple Hill season 4 premiere will hit The CW at 8 p.m. Eastern on Oct. 9, 2019."
    )
    assert read(text)[2] == "2019-10-09T20:00-04:00"


def test_to_be_released_looks_ahead() -> None:
    text = (
        "date 2018-07-10 Netflix announces 'Ironveil' season two release date\n"
        "Netflix said the second season of Ironveil is to be released on 26 October 2018."
    )
    assert read(text)[2] == "2018-10-26"


def test_a_date_that_opens_its_sentence_belongs_to_its_verb() -> None:
    text = (
        "On Feb. 19 at 8 a.m. on KPTS – Channel 8, PBS KIDS will premiere “Button & Bramble,” "
        "a new animated series."
    )
    url = "http://www.example-news.com/news/20180124/new-show-screening"
    assert read(text, url)[0::2] == ("Button & Bramble", "2018-02-19T08:00-05:00")


def test_an_aside_does_not_part_a_verb_from_its_date() -> None:
    text = (
        "Ridgeback is back!\n\n"
        "The show is back for season two. It hits Amazon (you need a Prime membership to "
        "watch) on November 1st."
    )
    url = "https://radio.example.com/content/2019-09-06-ridgeback-is-back/"
    assert read(text, url)[2] == "2019-11-01"


@pytest.mark.parametrize(
    "text",
    [
        "date 2021-02-22 Stillwater Road is on ITV right now.\n"
        "The fifth episode of Stillwater Road series four airs on Monday March 29, 2021.",
        "Pale Harbour is heading for our screens\n\n"
        "The US drama Pale Harbour is coming to Irish screens on Thursday, January 27, 2022.",
        "TV ratings: Wednesday, Sept. 22, 2021\n\n"
        "ABC's Kettle Creek reboot drew solid numbers for its premiere on Wednesday, "
        "Sept. 22, 2021.",
    ],
    ids=["a later episode", "an arrival on our screens", "a ratings story"],
)
def test_what_real_pages_date_that_is_no_premiere(text: str) -> None:
    assert read(text)[2] is None


def test_the_outlets_masthead_is_not_the_show() -> None:
    text = (
        "The Daily Lantern\n"
        "date 2022-09-10 Bramble Bake Off returns to Channel 4 for its fourteenth series on "
        "Tuesday, September 13."
    )
    url = "https://www.dailylantern.co.uk/tv/bramble-bake-off-returns"
    assert read(text, url)[0] == "Bramble Bake Off"


def test_an_unstated_season_stays_empty() -> None:
    text = (
        "Premiere date of Kim So Hyun and Chae Jong Hyeop’s drama revealed\n"
        "date 2024-06-21 tvN’s romantic drama “Lantern Bridge” will premiere on "
        "Monday, July 22 at 8:40 p.m. KST."
    )
    article = analyse(text=text, today=TODAY)
    assert (article.facts.show, article.facts.season) == ("Lantern Bridge", None)


def test_an_upcoming_drama_is_a_new_one() -> None:
    text = (
        "date 2023-11-01 TVING has announced the premiere date for its upcoming drama series, "
        "Paper Kites. Paper Kites is set to premiere November 18 on TVING."
    )
    article = analyse(text=text, today=TODAY)
    assert (article.facts.show, article.facts.season) == ("Paper Kites", 1)


def test_a_film_in_cinemas_is_not_tv() -> None:
    text = (
        "'Greywater' release date pushed back to September 2018\n\n"
        "The studio's film Greywater will now open in cinemas in September 2018. The movie, "
        "a period drama, was due in theatres this spring; the film's box office hopes rest on "
        "its star, who also leads a TV series."
    )
    assert read(text) == (None, None, None)


def test_a_numbered_title_is_its_season() -> None:
    text = (
        "date 2024-07-14 The Castaway 47 cast finally has an arrival date.\n"
        "CBS said Castaway 47 premieres Wednesday, Sept. 18 at 8 p.m. ET. Castaway has run "
        "since 2000."
    )
    article = analyse(text=text, today=TODAY)
    assert (article.facts.show, article.facts.season) == ("Castaway", 47)


def test_a_number_the_text_also_spells_out_is_the_titles_own() -> None:
    text = (
        "date 2024-03-19 New to streaming this week\n"
        "Gate 9 (21 March)\nBased on the novel Gate Nine, this drama follows a commuter "
        "haunted by what she saw. Gate 9 streams on Stan from March 21."
    )
    article = analyse(text=text, today=TODAY)
    assert article.facts.show == "Gate 9"
    assert article.facts.season != 9


def test_a_title_that_begins_with_a_common_word_keeps_it() -> None:
    text = (
        "date 2024-04-02 When Hearts Gather is officially returning to Hallmark Channel this "
        "weekend! When Hearts Gather season 11 premieres Sunday, April 7 at 8 p.m. ET."
    )
    assert read(text)[0] == "When Hearts Gather"


def test_holidays_without_their_apostrophe() -> None:
    text = (
        "date 2025-11-24 The best dramas of 2026\n"
        "The Quiet Ward series 2 on BBC One, New Years Day 2026\n"
        "Glossy thriller The Quiet Ward made a huge impact when it first landed on BBC One."
    )
    assert read(text)[2] == "2026-01-01"


def test_will_be_aired_is_a_premiere_verb() -> None:
    text = (
        "The series premiere of 'Harbour Watch', an action series, will be aired on Sunday, "
        "June 22nd at 9pm on TNT. The other new TNT drama, 'Ledgers' (2014), will premiere on "
        "Wednesday, August 20th."
    )
    assert read(text)[0::2] == ("Harbour Watch", "2014-06-22T21:00-04:00")


@pytest.mark.parametrize(
    "text",
    [
        "date 2017-12-10 Larch Street returns to CBC's Tuesday night comedy lineup later.",
        "date 2017-12-10 Larch Street, a new comedy, airs on CBC on Sunday nights.",
    ],
)
def test_a_timeslot_is_no_date(text: str) -> None:
    assert read(text)[2] is None


def test_an_exclamation_mark_in_a_title_ends_no_sentence() -> None:
    text = (
        'ABC Sets Winter Dates\n\nThe event "QUIZ NIGHT! The Greatest of All Time" premieres '
        "Jan. 6.\n\nHey Neighbor! (8 x 10 minutes), a new comedy, will bow on ABC on Feb. 13."
    )
    assert [s.text[:9] for s in split_sentences(text.split("\n\n", 1)[1])] == [
        "The event",
        "Hey Neigh",
    ]
    article = analyse(text=text, published=date(2025, 11, 20))
    dated = {f.show: premiere_value(f)[0] for f in (article.facts, *article.other_premieres)}
    assert dated["Hey Neighbor"] == "2026-02-13"


def test_a_numbered_entry_and_a_closing_initialism_end_no_line_but_prose_still_ends() -> None:
    lines = split_sentences(
        "2. Agents of C.O.D.E.\nThe drama airs in the U.S.\n3. The Long Night (Season 2)"
    )
    assert [(s.text, s.is_line) for s in lines] == [
        ("2. Agents of C.O.D.E.", True),
        ("The drama airs in the U.S.", False),
        ("3. The Long Night (Season 2)", True),
    ]


# ---------------------------------------------------------------------------- headlines


def test_the_line_the_address_spells_is_the_headline_under_the_site_furniture() -> None:
    text = (
        "The valley's trusted news source\n"
        "Morning Drive with Aoife\n"
        "Linden Cove return date confirmed for its fourth series\n"
        "All Buzz\n"
        "Linden Cove is back! Its fourth series starts on Wednesday 4th September on RTÉ One."
    )
    url = (
        "https://www.valleyfm.ie/news/buzz/linden-cove-return-date-confirmed-for-its-fourth-series"
    )
    read = extract_text(text, url)
    assert read.title == "Linden Cove return date confirmed for its fourth series"
    assert "The valley's trusted news source" not in read.title
    # Without an address nothing says which line is the headline: the first one stands.
    assert extract_text(text).title == "The valley's trusted news source"


def test_a_headlines_brand_new_series_of_a_returning_show_is_its_next_season() -> None:
    article = analyse(
        text=(
            "Linden Cove return date confirmed as brand new series on the way\n"
            "Linden Cove is back for a brand new series! Harbour Television has confirmed that "
            "Linden Cove’s 10th series starts on 4th September. New and returning households "
            "are back every Wednesday night on RTÉ One. The channel's new drama Dead Water "
            "begins on 2nd September on RTÉ One."
        ),
        published=date(2024, 8, 26),
    )
    assert (article.facts.show, article.facts.season) == ("Linden Cove", 10)
    assert premiere_value(article.facts)[0] == "2024-09-04"


def test_a_slates_new_series_and_new_seasons_give_the_lead_no_first_season() -> None:
    article = analyse(
        text=(
            "Harvest Network Talks New Talent, New Series and New Seasons at Press Tour\n"
            "Critics were introduced to the upcoming season of Grill Kings premiering Tuesday, "
            "July 31st at 9pm ET on Food Network."
        ),
        published=date(2018, 7, 27),
    )
    assert (article.facts.show, article.facts.season) == ("Grill Kings", None)


def test_a_person_the_text_gives_a_role_leads_no_headline() -> None:
    article = analyse(
        text=(
            "Liu Wenya Returns to Historical Drama After 16 Long Years\n"
            "Fans of actress Liu Wenya will soon catch her in a new historical drama, A Song "
            "of Lanterns, to be streamed on Tencent Video."
        ),
        published=date(2025, 5, 2),
    )
    assert article.facts.show != "Liu Wenya"
    assert not article.facts.trackable


def test_a_headline_listing_three_titles_leads_with_none_of_them() -> None:
    article = analyse(
        text=(
            "News for Hallmark Channel Series: Maple Hollow, Signed By Moonlight, Cedar Lane, "
            "and More!\n"
            "No news yet on a second season of Maple Hollow. The new series Signed By "
            "Moonlight premieres Sunday, April 20, 2014 at 8 p.m. ET on Hallmark Channel."
        ),
        published=date(2014, 2, 10),
    )
    assert article.facts.show == "Signed By Moonlight"
    assert premiere_value(article.facts)[0] == "2014-04-20T20:00-04:00"


def test_the_writers_name_under_the_byline_and_a_caption_are_no_headline() -> None:
    text = (
        "date 2022-09-28 By Tomas Varga\n"
        "Tomas Varga\n"
        "Marta Quill. Picture: Lee Dobbs\n"
        "Fall premiere dates for new and returning series\n"
        "Here is our list of fall premiere dates.\n"
        "Harbour Lights (FX, Season 4) premieres September 15."
    )
    assert extract_text(text).title == "Fall premiere dates for new and returning series"
    # A headline that only begins like a caption stays a headline.
    assert not is_top_furniture("Exclusive image: First look at The Crown season 5")


def test_the_end_of_a_span_between_two_times_is_no_premiere() -> None:
    text = (
        "Harbour Lights premiere date and more fall premieres\n"
        "Here is the list of fall premiere dates for new and returning series. It covers "
        "Harbour Lights and 300 series premiering between mid-September and December 31."
    )
    article = analyse(text=text, published=date(2022, 9, 28))
    assert (article.facts.show, article.facts.premiere) == ("Harbour Lights", None)


def test_a_title_may_end_on_up_and_a_network_keeps_its_lost_apostrophe() -> None:
    article = analyse(
        text=(
            "Foreign dramas head to Channel 4\n"
            "Spanish prison drama Cell Block Up returns: the second series will launch on "
            "Channel 4 in April."
        ),
        published=date(2017, 3, 31),
    )
    assert article.facts.show == "Cell Block Up"
    article = analyse(
        text=(
            "What to expect from Season 2\n"
            "The second season of ABCs six-part drama The Morning Bulletin will stream from "
            "Sunday 10 September on ABC iview."
        ),
        published=date(2023, 8, 20),
    )
    assert article.facts.show == "The Morning Bulletin"


def test_a_date_from_the_latest_buzz_is_no_announcement() -> None:
    article = analyse(
        text=(
            "Harbour Lights season 3 release date\n"
            "Fans have waited two years. As per the latest buzz, Harbour Lights 3 is expected "
            "to premiere on Prime Video in late March 2024."
        ),
        published=date(2024, 1, 20),
    )
    assert article.facts.show == "Harbour Lights"
    assert article.facts.premiere is None


def test_an_old_series_dubbed_for_another_country_is_no_premiere() -> None:
    article = analyse(
        text=(
            "Channel Nine to air Chinese epic\n"
            "Chinese historical drama River Kingdoms, first shown in 2010, is dubbed into Thai "
            "and will be broadcast on weekdays from Jan. 30."
        ),
        published=date(2017, 1, 21),
    )
    assert article.facts.premiere is None


def test_a_games_season_and_a_theatre_season_claim_nothing() -> None:
    game = (
        "Skyforge Arena Season 3 starts tomorrow\n"
        "It's a new chapter for Skyforge Arena, as Season 3 begins tomorrow on Feb. 7. The "
        "Season 3 battle pass brings new skins, and players can spend in-game credits in the "
        "shop."
    )
    theatre = (
        "Lakeside Stage unveils its new season\n"
        "The musical Harbour Nights has its world premiere on Sept. 12, followed by the "
        "premiere of a stage adaptation of the novel. Tickets for every matinee and the "
        "Broadway transfer go on sale Monday."
    )
    for text in (game, theatre):
        article = analyse(text=text, published=date(2023, 2, 6))
        assert (article.facts.show, article.facts.premiere) == (None, None)
        assert not about_tv(*text.split("\n", 1))


def test_a_headline_of_a_season_a_title_and_a_network_is_no_list_of_titles() -> None:
    article = analyse(
        text=(
            "What to expect from Season 2, The Morning Bulletin, ABC TV + iview\n"
            "The cast discuss the upcoming series. The second season of the six-part drama is "
            "coming back."
        ),
        published=date(2023, 8, 20),
    )
    assert article.facts.show == "The Morning Bulletin"


def test_in_a_round_up_the_first_premiere_leads_not_the_show_named_most() -> None:
    article = analyse(
        text=(
            "The Latest Streaming and Cable News from the Summer Press Tour\n"
            "This week the networks revealed details of upcoming shows.\n"
            "FX’s award-winning comedy “Harbour Lights” will return for its fourth and final "
            "season on Thursday, September 15, at 10 p.m. ET on FX.\n"
            "The Quiet Patient\n"
            "FX’s new limited series “The Quiet Patient” will premiere Tuesday, August 30, "
            "exclusively on Hulu.\n"
            "A thriller, “The Quiet Patient” follows a therapist held by a patient. “The Quiet "
            "Patient” stars a comedian in a dark role."
        ),
        published=date(2022, 7, 22),
    )
    assert (article.facts.show, article.facts.season) == ("Harbour Lights", 4)
    assert [other.show for other in article.other_premieres] == ["The Quiet Patient"]


def test_a_list_under_date_lines_is_read_where_only_the_address_says_it_is_one() -> None:
    text = (
        "date 2022-09-28 Normalcy is returning to the fall schedule. Here is our list of "
        "premieres; it covers shows debuting between mid-September and December 31 but does "
        "not include movies or specials.\n"
        "September 15:\n"
        "Harbour Lights (FX, Season 4; final season)\n"
        "Halloween Bakers (Food Network, Season 12)"
    )
    url = "https://tvnews.example.com/fall-tv-premiere-dates-new-returning-series-1235"
    article = analyse(text=text, url=url)
    assert (article.facts.show, article.facts.season, article.facts.network) == (
        "Harbour Lights",
        4,
        "FX",
    )
    assert premiere_value(article.facts)[0] == "2022-09-15"
    assert [o.show for o in article.other_premieres] == ["Halloween Bakers"]


def test_in_a_round_up_a_show_told_as_new_by_its_own_name_is_a_first_season() -> None:
    article = analyse(
        text=(
            "Here are the new TV series coming out this month.\n"
            "‘Harbour Medical’\n"
            "From the creators of a hit sitcom, “Harbour Medical” is a new show that follows "
            "the staff of a hospital in Oregon.\n"
            "Premiere date: Nov. 12\n"
            "Where to watch: Peacock\n"
            "‘The Quiet Valley’\n"
            "A detective returns to her home town.\n"
            "Premiere date: Nov. 14\n"
            "Where to watch: Peacock"
        ),
        published=date(2024, 11, 5),
    )
    assert (article.facts.show, article.facts.season) == ("Harbour Medical", 1)
    # The other show's season is its own: nothing by its name says it is new.
    assert [(o.show, o.season) for o in article.other_premieres] == [("The Quiet Valley", None)]


@pytest.mark.parametrize(
    "sentence",
    [
        'NEW ACTION-DRAMA "HARBOUR CREW" TO PREMIERE THURSDAY, MAY 22 ON FOX.',
        "“Harbour Crew” will first air on Fox on Thursday, May 22.",
        "“Harbour Crew” is a Korean drama adaptation of the Chinese novel. It premieres May 22 "
        "on Fox.",
        "Harbour Crew, the Dockside spin-off prequel, premieres Thursday, May 22 on Fox.",
        "Fox premieres Harbour Crew, the latest crime series to launch on the network, on "
        "Thursday, May 22.",
        "Fox has acquired “Harbour Crew,” the network’s first original animated series. It "
        "premieres Thursday, May 22.",
        "Titled Harbour Crew, this new horror anthology premieres Thursday, May 22 on Fox.",
    ],
)
def test_a_show_told_as_new_in_real_shapes_is_a_first_season(sentence: str) -> None:
    article = analyse(text=f"Harbour Crew premiere date\n{sentence}", published=date(2014, 5, 1))
    assert (article.facts.show, article.facts.season) == ("Harbour Crew", 1)


def test_a_spin_off_it_once_was_says_nothing_of_the_season_now() -> None:
    article = analyse(
        text=(
            "Harbour Crew returns\n"
            "Thirteen new episodes of Harbour Crew will air in 2019. Harbour Crew, which was a "
            "spin-off from a film, drew half a million viewers on TVNZ 2."
        ),
        published=date(2018, 11, 1),
    )
    assert article.facts.season != 1


def test_a_title_set_to_premiere_is_a_show_whatever_the_lead() -> None:
    article = analyse(
        text=(
            "Toon Parade reboot heads to Hulu this fall\n"
            "The Toon Parade reboot comes to Hulu on Friday, November 20. Also premiering this "
            "fall is an anthology. Harbour Fog is set to premiere on Friday, October 2."
        ),
        published=date(2020, 8, 20),
    )
    assert article.facts.show == "Toon Parade"
    dated = [(o.show, premiere_value(o)[0]) for o in article.other_premieres]
    assert dated == [("Harbour Fog", "2020-10-02")]


def test_a_news_programme_named_after_its_noun_is_the_show() -> None:
    article = analyse(
        text=(
            "CBS sets its fall schedule\n"
            "Highlights include: television’s #1 news program, Harbour Lights, premiering Sunday, "
            "Sept. 20 (7:30-8:30 PM, ET/PT)."
        ),
        published=date(2020, 8, 28),
    )
    assert article.facts.show == "Harbour Lights"


def test_available_before_a_date_is_a_release() -> None:
    article = analyse(
        text=(
            "Six telenovelas Netflix is launching this year\n"
            "The streamer is betting on Latin American drama.\n"
            '"Harbour Lights" — available April 6'
        ),
        published=date(2022, 3, 20),
    )
    assert (article.facts.show, premiere_value(article.facts)[0]) == (
        "Harbour Lights",
        "2022-04-06",
    )


def test_the_first_of_a_list_of_titles_before_a_date_leads() -> None:
    article = analyse(
        text=(
            "Streamer launches five original Latin American series in Mexico\n"
            "The originals “Harbour Lights”, “Salt Garden”, “Lantern Road” and “Quiet Valley” "
            "will arrive on the platform in 2022."
        ),
        published=date(2021, 11, 20),
    )
    assert article.facts.show == "Harbour Lights"


def test_of_two_parts_the_first_is_the_premiere_though_only_the_second_gives_its_year() -> None:
    article = analyse(
        text=(
            "Harbour Lights final season date\n"
            "The fifth and final season of Harbour Lights launches in September on Netflix. It "
            "has ten episodes in two volumes: the first volume will be available from September "
            "3, while the second will be broadcast on December 3, 2021."
        ),
        published=date(2021, 5, 24),
    )
    assert premiere_value(article.facts)[0] == "2021-09-03"


def test_a_date_line_over_rows_in_a_copy_of_unknown_age_dates_nothing() -> None:
    text = (
        "NBC Announces Fall Premiere Dates\n"
        "Here's the premiere schedule:\n"
        "Wednesday Sept. 14\n"
        '10 p.m. "Harbour Lights"\n'
        "Monday, Sept. 19\n"
        '8 p.m. "Quiet Valley"'
    )
    article = analyse(text=text, url="https://tvnews.example.com/news/nbc-fall-premiere-dates")
    assert article.facts.premiere is None
    assert not article.other_premieres


def test_a_sequels_number_before_will_premiere_stays_with_its_whole_title() -> None:
    article = analyse(
        text=(
            "Lantern Rise The Animation 2 will premiere on Tokyo MX on October 7\n"
            "LANTERN RISE Animation 2 is ready to air on October 7. The anime Lantern Rise The "
            "Animation season 2 follows the idol unit through a second year."
        ),
        published=date(2020, 9, 1),
    )
    assert article.facts.show == "Lantern Rise The Animation"


def test_a_day_told_three_times_beats_a_month_it_was_once_postponed_to() -> None:
    # An undated copy: the years come from the text's own ("April 2020").
    article = analyse(
        text=(
            "Lantern Rise season 2 will premiere on Tokyo MX on October 7\n"
            "LANTERN RISE season 2 is set to premiere on October 7. The anime Lantern Rise "
            "season 2 is finally ready to premiere on October 7 on several stations. The new "
            "season will air on Tokyo MX on October 7 at 10:30 p.m. The premiere date was first "
            "postponed to April 2020, then to July 2020 because of the pandemic, and the final "
            "date is October 2020."
        )
    )
    assert premiere_value(article.facts) == ("2020-10-07T22:30+09:00", "day")


LAUGHS = (
    "More laugh therapy ordered for viewers\n"
    "Friday, 27 September 2019\n"
    "Press Release: Screen Fund\n"
    "Audiences have plenty to laugh about, with more comedy on local screens. The fund has "
    "backed one new and three returning comedy projects. Harbour of Ash, a new prime time "
    "series for TVNZ 2, premieres in 2020."
)


@pytest.mark.parametrize(
    ("slug", "text"),
    [
        # the headline's words, which the address keeps without "on"
        (
            "streamer-working-first-dutch-original-series",
            "Streamer working on first Dutch original series\n"
            "The streamer is working on its first Dutch original series, Harbour of Ash.",
        ),
        # words the body writes plainly ("laugh"), that only the address puts together
        ("more-laugh-therapy-ordered-for-viewers", LAUGHS),
    ],
)
def test_an_address_phrase_the_page_writes_in_plain_words_is_no_show(slug: str, text: str) -> None:
    article = analyse(text=text, url=f"https://tvnews.example.com/news/{slug}", today=TODAY)
    assert article.facts.show not in ("Streamer Working First Dutch Original", "More Laugh Therapy")


def test_a_press_release_line_names_its_sender_not_a_show() -> None:
    article = analyse(text=LAUGHS.replace("Harbour of Ash, a", "A"), today=TODAY)
    assert article.facts.show is None


def test_a_title_in_apposition_to_a_new_series_is_the_show() -> None:
    article = analyse(text=LAUGHS, today=TODAY)
    assert (article.facts.show, premiere_value(article.facts)[1]) == ("Harbour of Ash", "year")


def test_a_premieres_audience_is_a_ratings_story() -> None:
    text = (
        "Seven's premiere a winner for local drama\n\n"
        "date 2011-03-23 Seven's Harbour Lights premiered to a big audience of 1.61m viewers "
        "last night. Next up, Gate Nine premieres on Seven on Tuesday, May 24."
    )
    assert read(text)[2] is None


def test_a_seasons_release_on_disc_is_no_premiere() -> None:
    text = (
        "Harbour Lights DVD Release Schedule\n\n"
        "date 2016-06-24 Harbour Lights: The Complete First Season, 20 episodes, will be "
        "available on August 9. The CBS drama stars Mae Santos."
    )
    assert read(text) == ("Harbour Lights", "CBS", None)


def test_a_replay_and_a_last_telecast_are_no_premieres() -> None:
    replay = (
        "Original Harbour Lights anime to replay in Japan starting May 5th\n\n"
        "date 2013-04-14 The 1992 Harbour Lights anime series will replay on TV Asahi from "
        "May 5."
    )
    assert read(replay)[2] is None
    ending = (
        "Harbour Lights to air last serial on 6 November\n\n"
        "date 2008-11-05 The prime time soap Harbour Lights on Star Plus draws to a close "
        "tomorrow, 6 November, with the telecast of its last episode."
    )
    assert read(ending)[2] is None


def test_a_series_broadcast_again_is_a_rerun_not_a_premiere() -> None:
    article = analyse(
        text=(
            "Five Swedish shows you should not miss\n"
            "The drama Harbour Lights (2012) will be broadcast again on BBC Four from June "
            "11th, 2023."
        ),
        published=date(2023, 5, 30),
    )
    assert article.facts.premiere is None


@pytest.mark.parametrize("kind", ["shows", "dramas", "box sets"])
def test_words_before_a_plural_kind_describe_shows_and_name_none(kind: str) -> None:
    article = analyse(
        text=(
            f"Five Swedish {kind} you should not miss\n"
            "The drama Harbour Lights (2012) will be broadcast again on BBC Four from June "
            "11th, 2023."
        ),
        published=date(2023, 5, 30),
    )
    assert article.facts.show == "Harbour Lights"


def test_a_later_year_in_the_address_outdates_the_years_the_text_looks_back_on() -> None:
    text = (
        "Harbour Lights season 2 comes to Netflix\n"
        "The first season of the anime Harbour Lights aired in Japan on March 3, 2018. Harbour "
        "Lights season 2 arrives on Netflix on April 9."
    )
    url = "https://animenews.example.com/anime-series-to-netflix-in-april-2020-harbour-lights"
    assert read(text, url)[2] == "2020-04-09"


def test_an_owners_name_before_its_service_is_not_the_network() -> None:
    article = analyse(
        text=(
            "Fox’s Tubi Picks Up Comedy ‘Harbour Crew,’ Sets Premiere Date\n"
            "“Harbour Crew” is a stoner comedy series. The streamer will premiere the first two "
            "episodes on Sunday, Nov. 14."
        ),
        published=date(2021, 10, 1),
    )
    assert article.facts.network == "Tubi"


def test_the_new_series_that_shows_a_returning_show_is_no_first_season() -> None:
    article = analyse(
        text=(
            "Harbour Crew comes back to BBC One\n"
            "The return of Harbour Crew is confirmed, with the first episode of the hit police "
            "drama’s fifth series airing on BBC One soon. A trailer for the new series shows "
            "Harbour Crew chasing a masked thief across the docks."
        ),
        published=date(2018, 12, 1),
    )
    assert article.facts.season == 5


@pytest.mark.parametrize(
    ("clock", "premiere"),
    [
        ("at 22:30", "2020-10-07T22:30+09:00"),
        # Japanese schedules count past midnight: 25:05 on the 7th is 1:05 on the 8th
        ("at 25:05", "2020-10-08T01:05+09:00"),
    ],
)
def test_a_24_hour_clock_after_at_is_the_time_in_the_networks_zone(
    clock: str, premiere: str
) -> None:
    article = analyse(
        text=(
            "Harbour Crew season 2 date\n"
            f"The anime Harbour Crew season 2 will premiere on Tokyo MX on October 7 {clock}."
        ),
        published=date(2020, 9, 1),
    )
    assert premiere_value(article.facts)[0] == premiere


def test_a_fan_site_named_after_its_show_is_about_that_show() -> None:
    text = (
        "Harbour Crew Season 3 Release Date\n"
        "After the season two premiere of AMC’s Harbour Crew broke records, the drama will "
        "return for a third season on Sunday, October 14, 2012. Captain Merle Dixon returns."
    )
    url = "https://www.harbourcrewepisode.com/harbour-crew-season-3-release-date/"
    assert read(text, url)[0] == "Harbour Crew"


def test_a_word_of_a_networks_name_is_no_title() -> None:
    assert not plausible_title("Digital")


@pytest.mark.parametrize(
    "dateline",
    [
        "TORONTO , June 23, 2020 /CNW/ - Today",
        "TORONTO, June 23, 2020 (GLOBE NEWSWIRE) -- Today",
        "LOS ANGELES, Calif., June 23, 2020 /PRNewswire/ - Today",
    ],
)
def test_a_wire_releases_dateline_dates_it(dateline: str) -> None:
    text = (
        "Global unveils its fall lineup\n"
        f"{dateline} Global unveiled its fall schedule. The new drama Harbour Crew lands this "
        "fall on Global."
    )
    assert extract_text(text, None).published == date(2020, 6, 23)
    assert read(text)[2] == "2020"


def test_a_listing_entry_taken_for_the_headline_is_the_show_in_plain_words() -> None:
    text = (
        "The Last Anniversary\n"
        "Thursday, streaming on Binge\n"
        "A family mystery on a small island, told over six episodes. Nicole Kidman’s new "
        "movie arrives the same week, for her last anniversary of the year."
    )
    url = "https://tvnews.example.com/what-to-watch-the-last-anniversary-and-nicole-kidmans-movie"
    assert read(text, url)[0] == "The Last Anniversary"


def test_new_series_a_release_says_it_includes_are_told_as_new() -> None:
    body = (
        "FOR NEW AND RETURNING SERIES\n"
        "New original series premiering this winter include HARBOUR CREW, THE QUIET VALLEY and "
        "LANTERN ROAD"
    )
    assert _told_as_new(body, "Harbour Crew")


def test_a_field_of_stars_names_people_not_a_show() -> None:
    assert title_runs("Stars: Jo Jung-seok, Yoo Yeon-seok") == []


def test_a_count_of_premieres_on_a_day_is_led_by_the_first_show_it_lists() -> None:
    article = analyse(
        text=(
            "Drama round up: a week of premieres\n"
            "On Monday, October 9, three dramas will be premiering. On MBC, Harbour Crew, on "
            "KBS, Quiet Valley and on tvN, Lantern Road.\n"
            "Friday, October 13 marks the start of Salt Garden on KBS."
        ),
        published=date(2017, 10, 6),
    )
    assert (article.facts.show, premiere_value(article.facts)[0]) == ("Harbour Crew", "2017-10-09")


def test_a_listing_entry_with_its_slot_in_brackets_is_a_premiere() -> None:
    article = analyse(
        text=(
            "Fall TV: the new shows worth your time\n"
            "Cable keeps turning out the best drama on television.\n"
            "“Harbour Crew” (10 p.m. Sunday, Sept. 29, Epix): An Oscar winner plays a crime "
            "boss back from prison."
        ),
        published=date(2019, 9, 20),
    )
    facts = article.facts
    assert (facts.show, premiere_value(facts)[0]) == ("Harbour Crew", "2019-09-29T22:00-04:00")


def test_lines_of_a_title_and_its_date_are_a_listing_of_premieres() -> None:
    article = analyse(
        text=(
            "Netflix has new true crime documentary series coming over the next weeks\n"
            "Here is what is coming.\n"
            "Killer Ratings – 31st May\n"
            "The Harbour Murders – 14th June\n"
        ),
        published=date(2019, 5, 20),
    )
    shows = [(f.show, premiere_value(f)[0]) for f in (article.facts, *article.other_premieres)]
    assert shows == [("Killer Ratings", "2019-05-31"), ("The Harbour Murders", "2019-06-14")]


def test_a_premiere_whose_year_nothing_settles_still_names_its_show() -> None:
    # A copy nothing dates (no stamp, no address): "Friday" could be any year's, so no day is
    # claimed, but the show, its season and its network are what the piece announces.
    article = analyse(
        text=(
            "Various dramas to air this month\n"
            "Several new series hit the small screen in the coming days.\n"
            'The adaptation of the webcomic, "Lantern Road," will finally premiere Friday on tvN.'
        ),
    )
    facts = article.facts
    assert (facts.show, facts.network, premiere_value(facts)) == (
        "Lantern Road",
        "tvN",
        (None, None),
    )
    assert facts.trackable


def test_the_first_of_several_dateless_premieres_is_named_but_not_offered_to_track() -> None:
    article = analyse(
        text=(
            "Dramas to air this month\n"
            "The adaptation Lantern Road will premiere Friday on tvN.\n"
            "The comedy Harbour Crew will premiere Sunday on MBC."
        ),
    )
    assert article.facts.show == "Lantern Road"
    assert not article.facts.trackable


def test_a_nickname_in_quotes_inside_a_name_is_no_title() -> None:
    assert quoted_titles("judged by Ryan “Brickman” McNaught and the host") == []
    assert [m.text for m in quoted_titles("watch “Brickman” Tonight on Nine")] == ["Brickman"]


def test_a_city_before_a_colon_is_a_dateline_not_a_show() -> None:
    assert not plausible_title("Mumbai")
    assert not plausible_title("Karachi")


def test_aur_joins_a_hindi_or_urdu_title() -> None:
    runs = [m.text for m in title_runs("the serial Khuda aur Mohabbat starts on Geo TV")]
    assert "Khuda aur Mohabbat" in runs


def test_an_orchestra_opening_its_season_is_not_tv_news() -> None:
    headline = "The Albany Symphony's season opener and gala"
    body = (
        "The Albany Symphony starts a new season this Saturday, led by its conductor. The season "
        "begins at the Palace Theatre with the orchestral premiere of a new work and a violin "
        "concerto played by a visiting violinist."
    )
    assert not about_tv(headline, body)


def test_a_page_heading_of_highlights_or_a_line_up_is_no_title() -> None:
    headings = ("Autumn and Winter Highlights", "Spring Highlights", "Formats", "Network")
    for heading in (*headings, "Programme Information", "News bites"):
        assert not plausible_title(heading), heading
    assert plausible_title("Mayans MC")


def test_a_press_release_in_capitals_names_its_network() -> None:
    names = [m.name for m in find_networks("PREMIERES SATURDAY ON BBC AMERICA AND SKY ATLANTIC")]
    assert names == ["BBC America", "Sky Atlantic"]
    assert find_networks("A GLOBAL HIT RETURNS") == []  # one word in capitals is a word


def test_a_show_that_will_debut_is_a_new_one() -> None:
    article = analyse(
        text=(
            "Lantern Road anime gets a date\n"
            "Based on the best-selling manga, the anime Lantern Road will debut on Crunchyroll "
            "on October 11."
        ),
        published=date(2022, 8, 1),
    )
    assert (article.facts.show, article.facts.season) == ("Lantern Road", 1)


def test_no_opens_a_title_of_three_words_or_more() -> None:
    runs = [m.text for m in title_runs("Then No Man’s Land will premiere on Wednesday.")]
    assert "No Man’s Land" in runs


def test_a_show_named_once_deep_in_a_column_is_shown_but_not_offered_to_track() -> None:
    musing = "the autumn schedule keeps getting longer and the remote keeps getting smaller. " * 14
    text = (
        "The TV Column\n"
        f"Here we are again, and {musing}\n"
        "For one, Lantern Road premieres at 9 p.m. Tuesday, Sept. 4 on FX."
    )
    article = analyse(text=text, published=date(2018, 9, 2))
    assert article.facts.show == "Lantern Road"
    assert not article.facts.trackable
    named_again = text + "\nLantern Road stars two sisters."
    assert analyse(text=named_again, published=date(2018, 9, 2)).facts.trackable


def test_a_weekday_numbered_by_season_or_quoted_is_the_show() -> None:
    assert [m.text for m in title_runs("The first half of Wednesday season 2 is out.")] == [
        "Wednesday"
    ]
    assert [m.text for m in quoted_titles("Netflix renewed “Wednesday” at once.")] == ["Wednesday"]
    assert not plausible_title("Wednesday")  # unmarked, a weekday is a day
    article = analyse(
        text=(
            "Netflix’s Wednesday is the streamer’s biggest show, and Wednesday season 2 has "
            "just dropped. The second half of Wednesday season 2 will be released on "
            "September 3rd."
        ),
        published=date(2025, 8, 6),
    )
    facts = article.facts
    assert (facts.show, facts.season, premiere_value(facts)[0]) == ("Wednesday", 2, "2025-09-03")


def test_a_listing_writes_its_day_as_month_dash_day_and_its_slot_as_days() -> None:
    from bot.articles.when import find_dates

    assert [(m.month, m.day) for m in find_dates("Mar-02, Mon-Tue, 16 eps, SBS")] == [(3, 2)]
    assert find_dates("the Jan-2020 catalogue") == []
    assert not plausible_title("Mon-Tue")
    assert not plausible_title("Wed/Thu")
    assert plausible_title("Friday Night Lights")


def test_a_count_that_looks_like_a_year_dates_nothing() -> None:
    # "2000 pairs of shoes" is no year the piece was written in: the copy stays undated, and
    # "September 29" claims no year.
    article = analyse(
        text=(
            "Must-see new series on ITVX in September\n"
            "Lantern Road\n"
            "A jewel thief who owned 11 fur coats and 2000 pairs of shoes leads this new drama.\n"
            "Available September 29"
        ),
    )
    assert premiere_value(article.facts) == (None, None)
    assert article.facts.show != "Available"


def test_index_inside_an_address_is_a_word_of_the_title() -> None:
    article = analyse(
        text=(
            "The anime's third season gets a new key visual and an October premiere. "
            "A Certain Magical Index III premieres in October on AT-X."
        ),
        url="https://anime.example.com/2018/06/a-certain-magical-index-season-3-october/",
    )
    assert article.facts.show == "A Certain Magical Index"


def test_a_korean_given_name_or_a_surname_alone_is_a_person_not_a_show() -> None:
    for person in ("Young-ae", "Hae-in", "Lee", "Kim"):
        assert not plausible_title(person), person
    for show in ("Black-ish", "Grown-ish", "Kim's Convenience"):
        assert plausible_title(show), show


def test_a_listing_row_of_a_label_a_day_and_a_service_is_its_entrys_premiere() -> None:
    article = analyse(
        text=(
            "Fall TV preview: 12 shows you don't want to miss\n"
            "Jane Marlow\n"
            "Aug 30, 2020 • 7 minute read\n"
            "Season 2 of the space western will stream this fall.\n"
            "Here are the new and returning series we look forward to.\n"
            "MTV’s Harbour Crew: Lost at Sea\n"
            "Reality: Wednesday, Sept. 2, on MTV\n"
            "Two hosts search for missing sailors.\n"
            "Lantern Road\n"
            "Debut: Thursday, Sept. 3, on Crave and CTV Sci-Fi\n"
            "A ten-episode series about two androids.\n"
        ),
        published=date(2020, 8, 30),
    )
    rows = [
        (f.show, f.network, premiere_value(f)[0]) for f in (article.facts, *article.other_premieres)
    ]
    assert ("Harbour Crew: Lost at Sea", "MTV", "2020-09-02") in rows
    assert ("Lantern Road", "Crave", "2020-09-03") in rows
    assert all(show != "Jane Marlow" for show, _, _ in rows)


def test_a_title_case_headline_names_no_show_the_body_does_not_confirm() -> None:
    headline = "Networks Ready To Roll Out Last Fall's Delayed Shows In February"
    article = analyse(
        text=(
            f"{headline}\nCommentary\n{headline}\n"  # the page repeats its headline
            "The delayed season is about to heat up the dead of winter.\n"
            "Harbour Crew returns for its sixth season on ABC on Wednesday, Feb. 7."
        ),
        published=date(2024, 2, 1),
    )
    assert article.facts.show == "Harbour Crew"
    # An ordinary headline's run still names its show when nothing else does.
    ordinary = "Lantern road returns to ABC with new episodes\nThe drama series returns soon."
    assert analyse(text=ordinary.replace("road", "Road")).facts.show == "Lantern Road"


def test_a_list_in_us_punctuation_is_led_by_its_first_title() -> None:
    article = analyse(
        text=(
            "ABC sets its February premiere dates\n"
            "The network's delayed series return this month.\n"
            "“Harbour Crew,” “Lantern Road” and “Quiet Valley” return for new seasons on "
            "Wednesday, Feb. 7."
        ),
        published=date(2024, 2, 1),
    )
    assert article.facts.show == "Harbour Crew"


def test_a_date_that_will_be_postponed_is_no_premiere() -> None:
    article = analyse(
        text=(
            "Harbour Crew postponed\n"
            'The sixth season of CBS\' "Harbour Crew," originally slated to premiere Saturday, '
            "September 26 then moved to October 2, will now be postponed indefinitely."
        ),
        published=date(2004, 9, 20),
    )
    assert premiere_value(article.facts) == (None, None)


def test_the_network_beside_the_show_is_its_own_however_often_others_are_named() -> None:
    article = analyse(
        text=(
            "Lantern Road renewed for a second season\n"
            "It was announced today that Lantern Road has been picked up for a second season on "
            "Facebook Watch. Elsewhere, Netflix renewed a drama, Netflix revived a comedy, and "
            "Netflix ordered a third series."
        ),
        published=date(2019, 7, 1),
    )
    assert (article.facts.show, article.facts.network) == ("Lantern Road", "Facebook Watch")


def test_the_sentence_after_an_entry_calling_it_brand_new_makes_it_a_first_season() -> None:
    article = analyse(
        text=(
            "Apple TV+ shows coming in September\n"
            "Lantern Road – September 8\n"
            "This brand-new fantasy horror series is based on a novel, and streams on Apple TV+.\n"
            "Harbour Crew – September 22\n"
            "The second season of the sea drama picks up a year later."
        ),
        published=date(2023, 9, 1),
    )
    assert (article.facts.show, article.facts.season) == ("Lantern Road", 1)


def test_a_piece_on_mid_season_returns_claims_only_numbered_seasons() -> None:
    article = analyse(
        text=(
            "Restless for mid-season? Here are return dates\n"
            "Most scripted shows are starting long holiday breaks. Now the CW has its news, "
            "mostly resuming its fall line-up in January, or, for “Lantern Road”, early February."
        ),
        published=date(2022, 12, 10),
    )
    assert premiere_value(article.facts) == (None, None)


def test_an_address_of_page_words_names_no_show() -> None:
    lead = lead_show(
        "April TV Preview: Don’t Miss These 10 Premieres",
        "Spring brings comedy back. The third season of the British comedy Lantern Road "
        "arrives on Amazon April 28.",
        slug="april-tv-preview-dont-miss-these-10-premieres",
    )
    assert lead.title != "April Tv Preview Dont"


def test_a_day_and_slot_line_under_an_entry_is_its_premiere() -> None:
    article = analyse(
        text=(
            "ABC: spring highlights\n"
            "Here are the new series on ABC this spring.\n"
            "Lantern Road\n"
            "Thursday 6 October at 8:00pm (8×30’)\n"
            "A cook travels the coast in search of the best recipes."
        ),
        published=date(2016, 9, 20),
    )
    facts = article.facts
    assert (facts.show, premiere_value(facts)[0][:10]) == ("Lantern Road", "2016-10-06")


def test_a_premiere_sentence_naming_no_show_belongs_to_the_paragraphs_show() -> None:
    text = (
        "Virgin Media's autumn schedule\n"
        "Viewers will meet the gangster at the heart of Confessions of a Crime Lord, a new "
        "documentary series. The series follows his rise and fall over four decades. "
        "The first episode of the series will air on 4 September."
    )
    article = analyse(text=text, published=date(2023, 8, 31))
    facts = article.facts
    assert (facts.show, premiere_value(facts)[0]) == ("Confessions of a Crime Lord", "2023-09-04")
    # People the paragraph names are not its show.
    people = text.replace("Confessions of a Crime Lord", "actor Andrew Upton and Cate Blanchett")
    assert analyse(text=people, published=date(2023, 8, 31)).facts.show is None


def test_a_day_and_time_alone_under_a_heading_needs_a_service_or_a_run_to_be_tv() -> None:
    article = analyse(
        text=(
            "What's on this season\n"
            "Here are the new TV series, and the shows at the arts centre this spring.\n"
            "Lantern Road\n"
            "Thursday 6 October at 8:00pm\n"
            "A folk group plays its new album."
        ),
        published=date(2016, 9, 20),
    )
    assert premiere_value(article.facts) == (None, None)


def test_the_week_a_listing_is_for_is_no_premiere() -> None:
    article = analyse(
        text=(
            "Sci-fi TV listings for the week of October 1st: premieres for Lantern Road\n"
            "It is a busy week, as this week brings us eight premieres. Season 3 of Lantern Road "
            "premieres on Prime Video on Friday."
        ),
        published=date(2018, 9, 30),
    )
    assert premiere_value(article.facts)[0] == "2018-10-05"


def test_a_weekday_no_year_near_the_stamp_fits_names_no_day() -> None:
    # September 17 is a Sunday in 2023, a Saturday in 2022, a Tuesday in 2024: "Friday,
    # September 17" is not of the year the stamp says.
    article = analyse(
        text=(
            "Show TV's new drama\n"
            "The first episode of the new drama Lantern Road will be broadcast on Show TV on "
            "Friday, September 17."
        ),
        published=date(2023, 3, 27),
    )
    assert premiere_value(article.facts) == (None, None)


def test_a_film_debut_is_no_season_premiere_and_the_season_before_the_date_is_its() -> None:
    article = analyse(
        text=(
            "Local actress in a holiday film\n"
            "The actress makes her Hallmark Channel Christmas movie debut in “The Holly Club” "
            "(Nov. 17). She was most recently seen in season three of “Lantern Road” "
            "(returning for season four on Prime Video on Dec. 13)."
        ),
        published=date(2019, 11, 1),
    )
    facts = article.facts
    assert (facts.show, facts.season, premiere_value(facts)[0]) == ("Lantern Road", 4, "2019-12-13")


def test_the_latter_of_a_list_is_its_end() -> None:
    article = analyse(
        text=(
            "Disney Junior launches on Valentine's Day\n"
            "The new series will be joined on the schedule by current series “Quiet Valley,” "
            "“Harbour Crew” and “Lantern Road,” the latter two with season premieres Feb. 14."
        ),
        published=date(2011, 1, 20),
    )
    shows = [f.show for f in (article.facts, *article.other_premieres)]
    assert "Lantern Road" in shows
    assert "Quiet Valley" not in shows


def test_channel_names_of_a_network_and_new_services_are_known() -> None:
    assert canonical_network("CTV Sci-Fi Channel") == "CTV"
    assert canonical_network("Facebook Watch") == "Facebook Watch"
    assert canonical_network("VICE TV") == "Vice TV"


def test_a_headline_naming_the_host_leads_with_the_show_not_her() -> None:
    text = (
        "Colors TV launches Meera Joshi celeb show\n\n"
        "Colors TV will be launching two new shows including the celebrity show hosted by "
        "filmmaker Meera Joshi.\n"
        "From Sunday, 30th August, Colors TV will premiere ‘Dhoop Chhaon Nights’, presented "
        "by the director, Meera Joshi. The show will air weekends at 20:00."
    )
    headline, body = text.split("\n\n", 1)
    assert lead_show(headline, body).title is None
    assert read(text)[0] == "Dhoop Chhaon Nights"


def test_a_column_a_greeting_and_a_services_label_are_no_titles() -> None:
    assert not plausible_title("TV Talk")
    assert not plausible_title("Happy New")
    assert not plausible_title("Max Originals")
    assert not plausible_title("Aussie")  # "It’s all about Aussie drama this week"


def test_a_headline_verb_is_no_word_of_a_title() -> None:
    assert not plausible_title("Production Delayed Again")
    assert not plausible_title("Ten Confirms Returning Formats")
    assert not plausible_title("Six New Dramas With Big Names Attached")
    assert plausible_title("Arrested Development")


def test_the_comments_header_quoting_the_post_names_no_show() -> None:
    text = (
        "Filming Paused Once More\n\n"
        "Fresh reports came last night about another pause in filming of the new season.\n\n"
        "One thought on “Filming Paused Once More”\n"
        "Reader: I hope it is still on for January."
    )
    assert quoted_titles(text) == []
    assert read(text)[0] is None


def test_a_quoted_list_around_asides_leads_with_its_first_title() -> None:
    text = (
        "Networks Bring Back Their Delayed Shows In February\n\n"
        "ABC will bring back eleven returning shows.\n\n"
        "“Harbour Lights” (with its two stars, above photo), “Quiet Acres,” a one-hour "
        "season-premiere episode of “Maple Street Elementary” and “Judge Nora Vance” return "
        "Wednesday, Feb. 7, 2024 on ABC."
    )
    assert read(text)[0] == "Harbour Lights"
    told = (
        f"{text}\n\nFor “Harbour Lights,” it will be the sixth season.\n\n"
        "Later in the month “Quiz Night” returns for its 22nd season on Sunday, Feb. 18, 2024."
    )
    assert analyse(text=told, today=TODAY).facts.season == 6


def test_a_comma_after_the_and_of_a_list_starts_a_new_subject() -> None:
    text = (
        "SBS sets its autumn dramas\n\n"
        "Directed by the maker of “Sign Posts” (2011), “Old Phantom” (2012) and “Odd "
        "Housekeeper” (2013), “Lantern Gate” will premiere on SBS on Sept. 22, 2014."
    )
    assert read(text)[0] == "Lantern Gate"


def test_it_after_the_sentences_about_a_show_is_that_show() -> None:
    text = (
        "date 2021-05-12 ARY Digital is all set to roll out four more drama serials.\n\n"
        "Starring Ali Khan, Sana Mir, and Hina Rauf, Kabhi Alvida Na is the story of two "
        "friends with different aspirations in life. It will air from Monday 17th May at 7:00 PM."
    )
    assert read(text)[0] == "Kabhi Alvida Na"
    assert read(text)[2] == "2021-05-17T19:00+05:00"


def test_a_field_label_line_names_no_show_its_heading_does() -> None:
    text = (
        "Upcoming Autumn Jdramas 2012\n\n"
        "Check out the TV dramas of the season below!\n\n"
        "Lantern Hill\n\n"
        "-- Start: October 8th, 2012 --\n"
        "-- Air Time: 20:00 --\n"
    )
    assert read(text)[0] == "Lantern Hill"
    listing = (
        "Upcoming Autumn Jdramas 2012\n\n"
        "Check out the TV dramas of the season below!\n\n"
        "GLASS HARBOR Season 2\n"
        "Air Date: 9 pm, Mondays, 15 October 2012\n"
        "Cast: Oda Ken, Mori Yui"
    )
    assert read(listing)[0] == "Glass Harbor"
    assert not plausible_title("Upcoming Autumn Jdramas 2012")


def test_a_small_words_case_does_not_cut_a_title_short() -> None:
    text = (
        "Network 10 unveils its 2022 slate\n\n"
        "“I’m A Contestant… Take Me Out Of Here!, The Big Quiz and Paddock continue to lead "
        "the network.”\n"
        "On January 3, 2022 the hosts will return to the jungle for the eighth season of "
        "I’m A Contestant… Take Me Out Of Here!.\n"
        "“I’m A Contestant… Take Me Out of Here! is the perfect show for summer,” he said."
    )
    assert read(text)[0] == "I’m A Contestant… Take Me Out Of Here"


def test_a_holiday_is_no_show() -> None:
    text = (
        "Disney Junior to launch on Valentine’s Day\n\n"
        "Old brand to be retired\n\n"
        "Disney Junior will officially replace its older brand on Feb. 14, 2011 as the brand "
        "for programming aimed at small children.\n\n"
        "Three new half-hour series will premiere upon the Valentine’s Day launch."
    )
    url = "https://www.example-tvnews.com/disney-junior-to-launch-on-valentine-s-day/"
    assert read(text, url)[0] != "Valentine"


def test_a_seasons_greeting_is_no_show() -> None:
    text = (
        "Happy New Year! Here are 12 reality shows debuting this week\n\n"
        "Happy New Year! It is January 2, and the first week of the year brings a dozen new "
        "unscripted series.\n"
        "NBC starts the week with a quiz on Tuesday, and cable follows with three cooking "
        "competitions before the weekend."
    )
    url = "https://www.example-tvnews.com/2019/01/reality-tv-this-week/"
    assert read(text, url)[0] not in ("Happy", "Happy New")


def test_a_quote_in_the_headline_that_the_body_says_in_prose_is_no_title() -> None:
    text = (
        "Saltwater Crew set to bring 'Big Rescues and Big Hearts' back in 2020\n\n"
        "Channel 4 will open its year with the return of Saltwater Crew, its chief said.\n"
        "“We have big rescues, we have big hearts, and the audience loves it,” she said.\n"
        "Saltwater Crew will be back on Channel 4 in 2020 for its fourth season."
    )
    url = "https://www.example-tvnews.com/2019/12/saltwater-crew-back-in-2020/"
    assert read(text, url) == ("Saltwater Crew", "Channel 4", "2020")


def test_a_schedules_rows_ending_on_their_hour_are_rows_under_the_date_line() -> None:
    text = (
        "Monday, May 3, 2021\n\n"
        "2021 Summer Cable Premieres and Schedule\n\n"
        "Summer is quiet, but cable fills it with new seasons. Here is the schedule.\n"
        "June 7\n"
        "Saltwater Crew (TNT), 9 p.m.\n"
        "Harbour Lights (USA), 10 p.m.\n"
        "June 14\n"
        "Orbit Nine (Syfy), 10 p.m.\n"
    )
    url = "https://example-tvblog.blogspot.com/2021/05/2021-summer-cable-premieres.html"
    assert read(text, url) == ("Saltwater Crew", "TNT", "2021-06-07T21:00-04:00")


def test_a_press_releases_dateline_is_not_the_premiere() -> None:
    text = (
        "Orbit Nine leads a new slate of documentary series\n\n"
        "(Washington, DC/Pasadena, CA – Jan. 13, 2021) Discovery has set the premiere dates "
        "for its spring series; they were announced today, including the new series Orbit Nine."
    )
    assert read(text)[2] != "2021-01-13"


def test_a_shows_acronym_keeps_its_capitals() -> None:
    text = (
        "Fall TV: what returns to Global this September\n\n"
        "The season starts early this year. NCIS returns for its 13th season on Tuesday, "
        "September 22, 2015 on Global, and NCIS will be followed by a new drama."
    )
    assert read(text)[0] == "NCIS"
    text = (
        "MURDOCH MYSTERIES RETURNS FOR ITS NINTH SEASON\n\n"
        "MURDOCH MYSTERIES returns for its ninth season on Monday, October 5, 2015 on CBC."
    )
    assert read(text)[0] == "Murdoch Mysteries"


def test_a_title_in_capitals_inside_prose_keeps_its_last_word() -> None:
    text = (
        "Source: Network press office\n\n"
        "The Tuesday night comedy lineup returns September 26, 2017 with new seasons of "
        "HARBOUR WATCH REPORT and THE LATE LEDGER on CBC."
    )
    assert read(text)[0] == "Harbour Watch Report"


def test_a_season_told_after_the_shows_return_verb_is_its_season() -> None:
    # An undated copy: no premiere can be dated, and the season is read beside the name.
    def season(text: str) -> int | None:
        return analyse(text=text).facts.season

    later = "\n\nIn this season, we meet Saga a year after the end of season two."
    assert (
        season(
            "Nordic drama Saltmarsh is set to debut it’s third season on BBC Four this Saturday."
            + later
        )
        == 3
    )
    assert season("The variety show ‘Wolf Hollow’ will return to Season 4 this month." + later) == 4


def test_a_casting_headlines_verb_is_no_word_of_a_title() -> None:
    text = (
        "date 2022-07-01 Dana Whitfield Jr. Joins Season 4 of 'Harbour Lights'\n\n"
        "The hospital drama is getting a new doctor. On Wednesday, ABC confirmed that Dana "
        "Whitfield Jr. is set to join Harbour Lights' fourth season as a first-year resident."
    )
    assert read(text)[0] == "Harbour Lights"


def test_the_next_season_after_one_that_ended_is_the_one_after_it() -> None:
    text = (
        "Saltmarsh season 4 trailer released\n\n"
        "It has been six months since HBO left us hanging at the end of the third season of "
        "Saltmarsh, and there are still months to go until the next season starts in April, 2026."
    )
    assert analyse(text=text, today=TODAY).facts.season == 4


def test_a_volume_of_a_named_season_is_no_season_of_its_own() -> None:
    text = (
        "2025 premiere dates for new and returning series\n\n"
        "date 2025-01-10 One of the year's big events is the return of major series. Saltmarsh "
        "Season 5, for example, is set to close the saga with two staggered releases: Volume 1 "
        "on November 26 and Volume 2 on December 25, ending with a finale on December 31."
    )
    assert analyse(text=text, today=TODAY).facts.season == 5


def test_a_season_the_return_comes_with_later_in_the_sentence_is_its_season() -> None:
    text = (
        "First Look – New Drama from RTÉ\n"
        "Saltmarsh, Obituary and The Gone are part of over 30 hours of new drama.\n"
        "Saltmarsh returns to our screens this Sunday, September 3rd, on RTÉ One and RTÉ Player, "
        "with a six-part second season, set between Limerick and Antwerp."
    )
    url = "https://about.example-broadcaster.ie/2023/09/01/first-look-new-drama/"
    assert analyse(text=text, url=url).facts.season == 2


def test_a_title_with_its_slot_in_brackets_is_a_listing_entry() -> None:
    text = (
        "date 2019-09-20 Fall TV: the shows with local ties\n\n"
        "Series with local ties remain plentiful, including one of the most anticipated new "
        "fall series, HBO’s “Tin Crowns” (9 p.m. Oct. 20)."
    )
    assert read(text)[:3] == ("Tin Crowns", "HBO", "2019-10-20T21:00-04:00")


def test_they_ll_be_back_announces_a_return() -> None:
    text = (
        "date 2019-11-20 More TV comedy from Tidewater Mums\n\n"
        "The two comedy series from last year’s pilot week on Three, Tidewater Mums and Golden "
        "Gully, have both found receptive audiences, meaning they’ll be back next year."
    )
    assert read(text)[0] == "Tidewater Mums"
    assert read(text)[2] == "2020"


def test_a_documentarys_subject_between_leaves_the_show_its_premiere() -> None:
    text = (
        "date 2023-08-31 Harbour TV launched its programme for the new season on Wednesday.\n\n"
        "The new slate includes the return of action-drama The Wardens for its first season in "
        "three years.\n\n"
        "The station will also air the docuseries Confessions of a Harbour King, featuring "
        "new interview footage with the convicted smuggler Tom Quill.\n\n"
        "Quill was jailed for 28 years. This was reduced to 20 years on appeal. While in "
        "prison, Quill was tried and acquitted of another crime.\n\n"
        "The three-part series looks at Quill’s life in his own words. The first episode of "
        "the series will air on 4 September."
    )
    assert read(text)[0] == "Confessions of a Harbour King"
    assert read(text)[2] == "2023-09-04"


def test_films_named_before_are_no_subject_of_a_premiere() -> None:
    text = (
        "date 2024-11-05 The November box office is full of big movies such as “Glass Castle” "
        "and “Iron Legion II”, but there are TV series releasing during the month as well.\n\n"
        "From spy thrillers to hospital sitcoms, there are a variety of series premiering in "
        "the next few weeks.\n\n"
        "These new series come from streamers and networks alike.\n\n"
        "Here are seven new TV series coming out this month.\n\n"
        "Series premiering in November\n\n"
        "‘Harbor General’\n\n"
        "The hospital sitcom premieres November 12 on NBC."
    )
    assert read(text)[0] == "Harbor General"


def test_a_name_with_credits_in_brackets_is_an_actor() -> None:
    text = (
        "date 2018-04-11 Binge-worthy British broadcasts\n\n"
        "Here are some exciting shows from across the pond!\n\n"
        "Tom Hartley (Paddington Lane, World War Zed) returns to BBC America this Sunday, "
        "April 15, for his last season as the time-travelling Professor."
    )
    assert read(text)[0] != "Tom Hartley"


def test_the_year_a_period_drama_is_set_in_dates_no_premiere() -> None:
    text = (
        "Sky date announced for new drama filmed in Hertfordshire\n\n"
        "Sky has confirmed its new Victorian drama The Lanterns will debut on May 17 on Sky "
        "Atlantic.\n"
        "What is The Lanterns about?\n"
        "August, 1896. Victorian London is rocked by a strange event."
    )
    premiere = read(text)[2]
    assert premiere is None or not premiere.startswith("1896")


def test_an_abbreviation_run_without_its_space_ends_no_sentence() -> None:
    text = "New series include the miniseries HARBOUR GRACE (6x60) premiering Mon.Sept. 25, on CBC."
    assert [s.text for s in split_sentences(text)] == [text]


def test_a_byline_with_its_site_after_a_bar_is_furniture() -> None:
    assert is_top_furniture("By Tamsin A. Oberon | Shadow and Act")
    assert byline_name("By Tamsin A. Oberon | Shadow and Act") == "Tamsin A. Oberon"
    assert byline_name("By Erik Pedersen") == "Erik Pedersen"
    assert not is_top_furniture("Bypass Road | Season 2")


def test_an_entry_in_prose_under_its_date_line_takes_that_date() -> None:
    text = (
        "date 2015-01-16 Find Out When All Of Netflix’s New Shows Are Premiering\n\n"
        "The service announced release dates for its new original series lineup:\n\n"
        "March 6\n\n"
        "Harbour Lights — a former cult member takes on the big city in this new comedy "
        "series from a famous writer.\n\n"
        "March 20\n\n"
        "Tidewater — three siblings star in this family drama from the makers of a legal "
        "thriller."
    )
    assert read(text)[0] == "Harbour Lights"
    assert read(text)[2] == "2015-03-06"


def test_a_show_that_aired_on_another_channel_last_year_has_no_premiere_here() -> None:
    text = (
        "Harbour Lights comes to BBC Two\n\n"
        "The American drama Harbour Lights, which aired on NBC last year, arrives on BBC Two "
        "on January 5, 2027."
    )
    assert read(text)[2] is None


@pytest.mark.parametrize(
    "text",
    [
        "Holiday slate announced\n\nThe new original movie Snowfall at the Lodge "
        "premieres on Hallmark Channel on December 5, 2026.",
        "HBO documentary set\n\nThe documentary film Glass Hearts premieres on HBO on "
        "December 5, 2026.",
    ],
)
def test_a_film_named_as_one_has_no_season_premiere(text: str) -> None:
    assert read(text)[2] is None


def test_old_seasons_arriving_on_a_service_are_no_premiere() -> None:
    text = (
        "Harbour Lights seasons 1-3 come to Hulu\n\n"
        "Seasons one through three of Harbour Lights will stream on Hulu from January 5, 2027."
    )
    assert read(text)[2] is None
    new_season = (
        "Harbour Lights season 4 date\n\n"
        "After three seasons on NBC, Harbour Lights season 4 premieres on Peacock on January "
        "5, 2027."
    )
    assert read(new_season)[2] == "2027-01-05"


def test_a_capitalised_preposition_in_prose_opens_the_title() -> None:
    text = (
        "Streamer Teases Space Drama For Distant Shores Trailer\n\n"
        "The streamer has released the first trailer for its space drama For Distant Shores, "
        "which premieres on Apple TV+ on October 4, 2026. Premiering this fall, For Distant "
        "Shores imagines a world where the moon race never ended."
    )
    assert read(text) == ("For Distant Shores", "Apple TV+", "2026-10-04")


def test_a_sentence_opening_preposition_stays_the_writers() -> None:
    text = (
        "Harbour Lights season 2 date\n\n"
        "For Harbour Lights fans the wait is over. Harbour Lights returns to Netflix on "
        "March 3, 2027."
    )
    assert read(text)[0] == "Harbour Lights"


@pytest.mark.parametrize(
    ("url", "day"),
    [
        (
            "https://news.example/entertainment/hindi/2025/Dec/10/harbour-lights-date",
            date(2025, 12, 10),
        ),
        ("https://news.example/tv/2019/september/3/harbour-lights", date(2019, 9, 3)),
        ("https://news.example/tv/2019/later/3/harbour-lights", None),
        ("https://news.example/culture/2017/0921/906463-harbour-lights/", date(2017, 9, 21)),
        ("https://news.example/culture/2017/1234/906463-harbour-lights/", None),
        ("https://news.example/view/AEN20191028005500315", date(2019, 10, 28)),
        ("https://news.example/view/AEN20191399005500315", None),
        ("https://news.example/p/123456789", None),
    ],
)
def test_an_address_names_its_month_between_year_and_day(url: str, day: date | None) -> None:
    assert address_day(url) == day


def test_a_date_in_january_after_a_december_address_is_the_next_year() -> None:
    text = (
        "Harbour Lights season 2 gets a date\n\n"
        "On Tuesday, the makers announced the streaming date for the second season of Harbour "
        "Lights. The second season will begin streaming on JioHotstar on January 9."
    )
    url = "https://news.example/entertainment/2025/Dec/10/harbour-lights-season-2-date"
    assert read(text, url)[2] == "2026-01-09"


def test_a_full_day_dates_an_undated_copy_before_a_month_it_looks_ahead_to() -> None:
    text = (
        "Starz shared its plans on Monday. The network revealed that Harbour Lights will "
        "return for its second season on October 2.\n"
        "The deal with its producer now runs through September 2028.\n"
        "— Starz (@Starz) August 1, 2026"
    )
    assert read(text)[2] == "2026-10-02"


@pytest.mark.parametrize("name", ["Christmas", "Halloween", "Thanksgiving", "New Year's Eve"])
def test_a_holiday_alone_is_no_title(name: str) -> None:
    assert not plausible_title(name)
    assert plausible_title(f"A {name} Carol at Harbour Lights")


def test_a_media_launch_is_an_event_not_a_premiere() -> None:
    text = (
        "Harbour Lights leads Netflix's new local slate\n\n"
        "At its media launch on Sept. 18, 2026, Netflix unveiled Harbour Lights and three "
        "other local series. Harbour Lights stars Mae Santos as a lighthouse keeper."
    )
    assert read(text) == ("Harbour Lights", "Netflix", None)


def test_a_show_going_off_air_from_a_month_premieres_nothing() -> None:
    text = (
        "Harbour Lights TV serial will go off air from August 2014\n\n"
        "Star Plus wants to introduce new TV series. Harbour Lights is going to go off air "
        "from the month of August, 2014."
    )
    assert read(text) == ("Harbour Lights", "Star Plus", None)


def test_a_premiere_postponed_without_a_new_date_is_no_premiere() -> None:
    text = (
        "date 2012-10-19 Harbour Lights: the wait goes on\n\n"
        "NBC was all set on debuting the new Harbour Lights on October 19th, until it decided "
        "to postpone the season premiere until, well, some other time."
    )
    assert read(text)[2] is None
    planned = (
        "date 2012-10-19 Harbour Lights: the wait goes on\n\n"
        "NBC is set to debut the new Harbour Lights on October 19th; the season premiere is "
        "the first of 13 episodes."
    )
    assert read(planned)[2] == "2012-10-19"


def test_what_did_not_happen_until_a_month_has_happened_since() -> None:
    text = (
        "Harbour Lights season 4 teaser\n\n"
        "Filming for Harbour Lights season four began in February 2026, stopped a month "
        "later and didn't resume until September. Its Netflix date is still to be set."
    )
    assert read(text, "https://news.example/tv/harbour-lights-season-4-teaser/")[2] is None


def test_an_audience_counted_for_a_launch_is_no_premiere() -> None:
    text = (
        "Harbour Lights holds its audience\n\n"
        "Last night Harbour Lights drew a metro audience of 791,000 on Nine. The launch of "
        "season one in 2023 was watched by 803,000."
    )
    assert read(text, "https://news.example/harbour-lights-nine-ratings-362757")[2] is None


@pytest.mark.parametrize(
    "name",
    ["8 Shows That Are Releasing Their Final", "Ten Dramas to Watch", "Fall Programming Guide",
     "Fall Programming", "Fall TV", "Winter Preview", "Programming"],
)  # fmt: skip
def test_a_count_of_shows_or_a_columns_name_is_no_title(name: str) -> None:
    assert not plausible_title(name)


@pytest.mark.parametrize("name", ["13 Reasons Why", "Summer Heights High", "Spring Break"])
def test_titles_that_start_like_a_count_or_a_season_still_are(name: str) -> None:
    assert plausible_title(name)


def test_the_most_anticipated_show_points_back_at_the_lead() -> None:
    text = (
        "Seven announces premiere date for HARBOUR LIGHTS\n\n"
        "Despite media reports the new series would launch on Sunday June 7, Seven sets the "
        "record straight.\n"
        "The network has revealed the most anticipated show of 2026 will launch on MONDAY "
        "June 8 at 7.30pm."
    )
    url = "https://news.example/2026/05/28/seven-announces-premiere-date-for-harbour-lights/"
    show, _, premiere = read(text, url)
    assert (show, premiere) == ("Harbour Lights", "2026-06-08")


@pytest.mark.parametrize("word", ["Despite", "Amid"])
def test_a_sentences_opening_preposition_is_no_title(word: str) -> None:
    assert not plausible_title(word)


@pytest.mark.parametrize("name", ["Science Fiction", "Romantic Comedy", "Documentaries", "Horror"])
def test_a_genre_heading_is_no_title(name: str) -> None:
    assert not plausible_title(name)
    assert plausible_title(f"{name} Island")


def test_a_weekday_date_moves_a_year_the_text_names_to_one_it_fits() -> None:
    text = (
        "Harbour Lights cast celebrates its final season\n\n"
        "On Wednesday, December 4, fans gathered in Sydney for a send-off of Harbour Lights, "
        "which first premiered in January 2021. The fifth and final season will premiere on "
        "Stan on December 26."
    )
    assert read(text)[2] == "2024-12-26"


def test_a_columns_bracketed_slot_before_a_return_verb_is_its_premiere() -> None:
    text = (
        "At long last\n\n"
        "Saturday, March 6, 2027\n\n"
        '"Harbour Lights" (8 p.m. Sunday, HBO) returns for its fifth season with several new '
        "characters and a boatload of unresolved issues."
    )
    show, network, premiere = read(text)
    assert (show, network, premiere) == ("Harbour Lights", "HBO", "2027-03-07T20:00-05:00")


def test_tune_in_from_a_day_is_a_premiere() -> None:
    text = (
        "date 2025-10-08 Harbour Lights has quietly built a loyal following.\n\n"
        "Catch the first two seasons on SBS On Demand, and tune in for the third season on "
        "SBS from 9th October with new episodes added weekly."
    )
    assert read(text)[2] == "2025-10-09"


@pytest.mark.parametrize("line", ["News", "TV News", "Features", "Entertainment"])
def test_a_sections_name_above_the_story_is_no_headline(line: str) -> None:
    text = (
        f"{line}\n\n"
        "Your guide to what's new to stream on Stan from 18 to 24 March.\n"
        "New to streaming this week\n"
        "Harbour Lights (21 March)\n"
        "Based on the novel, this four-part British thriller series follows a ghost in a "
        "railway station. All episodes stream at once."
    )
    url = "https://news.example/news/features/stan-new-shows-streaming-this-week-6-2637109/"
    article = analyse(text=f"date 2027-03-19 {text}", url=url, today=TODAY)
    assert article.title != line
    assert premiere_value(article.facts)[0] == "2027-03-21"


def test_a_first_episode_that_aired_is_no_premiere_to_come() -> None:
    text = (
        "Five dramas cut short by backlash\n\n"
        "Harbour Lights is a fantasy series starring Jang Min. The drama aired the first "
        "episode on SBS TV on March 22, 2027 and was cancelled after a backlash."
    )
    assert read(text)[2] is None


def test_a_night_counted_in_viewers_is_no_premiere_to_come() -> None:
    text = (
        "Here's the ratings round-up for the week ending October 9, 2027:\n"
        "- Harbour Lights - Showtime's long-running drama returned to its best premiere "
        "numbers ever on October 2 with 2.188 million viewers and a 1.1 rating."
    )
    assert read(text, "https://news.example/2027/10/ratings-round-up.html")[2] is None


def test_a_first_episode_repeated_is_no_premiere() -> None:
    text = (
        "date 2024-10-01 Network to Repeat First Episode of 'Harbour Lights' Thursday "
        "October 3 at 8PM\n\nAfter its strong debut, ABC is set to rebroadcast the pilot episode "
        "of Harbour Lights on Thursday, October 3 (8:00-9:00 p.m. ET)."
    )
    assert read(text)[2] is None


def test_a_reunion_announced_with_that_is_no_season_premiere() -> None:
    text = (
        "date 2024-05-10 After a long delay, the reunion of the cast of “Harbour Lights” at "
        "last has a premiere date. Today, Max announced that the reunion will stream on the "
        "service on Thursday, May 23."
    )
    show, _, premiere = read(text)
    assert (show, premiere) == ("Harbour Lights", None)


def test_a_year_well_before_the_month_an_address_files_is_history() -> None:
    text = (
        "We remember the wait between the NBC debut of Harbour Lights for Season 1 back in "
        "2015 and its arrival here.\nQuarry Lane debuts on CBC on January 10 and on the CW a "
        "week later."
    )
    url = "https://www.example-tvnews.com/2023/12/crossing-the-border/"
    assert read(text, url) == ("Quarry Lane", "CBC", "2024-01-10")


def test_a_galleries_photo_number_is_not_part_of_its_caption() -> None:
    lines = clean_lines(
        "The hosts have started work on the new series.\n"
        "3 Harbour Lights will be back on ITV for 2020 Credit: Getty - Contributor\n"
        "24 returns to Fox in January."
    )
    assert lines[1].startswith("Harbour Lights will be back")
    assert lines[2] == "24 returns to Fox in January."


def test_a_surname_after_a_given_name_is_a_person_unless_a_known_show() -> None:
    body = (
        "Dana Whitfield helped put FX on the map with two dramas. Now Whitfield is returning "
        "to the cable drama with FX’s Quarry Lane. It is slated for a 2018 premiere."
    )
    slug = "dana-whitfield-quarry-lane-fx-series-drama"
    assert lead_show("", body, slug=slug).title != "Whitfield"
    known = lead_show("", body, slug=slug, known_show=lambda title: title == "Whitfield")
    assert known.title == "Whitfield"  # as "Luther" is, after "DCI John Luther"


def test_a_whole_finished_run_arriving_on_a_service_is_no_premiere() -> None:
    text = (
        "date 2021-09-01 Sitcom fans, rejoice! Netflix has found a new series to binge.\n"
        "All 180 episodes of Harbour Lights, the classic sitcom created by two comedians, are "
        "hitting the streamer on October 1."
    )
    assert read(text)[2] is None


def test_a_return_to_the_set_is_no_return_to_the_air() -> None:
    text = (
        "date 2020-03-02 Filming in the city this week.\n"
        "Harbour Lights is back for Season 2 today (March 2), and will continue filming until "
        "June 9."
    )
    assert read(text)[2] is None


@pytest.mark.parametrize(
    "name", ["TV2+1", "ITV +1", "Discovery Communications", "Media Development Authority"]
)
def test_a_channel_an_hour_later_or_a_company_is_no_title(name: str) -> None:
    assert not plausible_title(name)


def test_a_promos_expect_and_onto_screens_announce_the_day() -> None:
    text = (
        "date 2018-09-27 As the summer ends the drama rises: Harbour Lights is back\n\n"
        "The Harbour Lights gang reunite on their home turf for a new series this autumn. "
        "Expect secrets, romances and an engagement, with the new series of Harbour Lights "
        "bursting onto screens on Monday 8th October at 9pm on E4."
    )
    assert read(text) == ("Harbour Lights", "E4", "2018-10-08T21:00+01:00")


def test_a_tele_serial_is_tv_news_and_a_serial_killer_is_not() -> None:
    assert about_tv(
        "Star Vista's new series 'Harbour Lights' to be aired six days a week",
        "Star Vista has launched a new tele-serial, Harbour Lights. The serial will go on air "
        "starting 22nd of November at 9.00pm.",
    )
    assert about_tv(
        "Harbour Lights’s Journey to Begin on Monday",
        "The upcoming primetime series stars two newcomers. It takes over the 8pm time slot.",
    )
    assert not about_tv(
        "League schedule released",
        "The NFL season kicks off on Thursday night on NBC. Five prime-time games open the season, "
        "and the playoffs end at the Super Bowl in February.",
    )
    assert not about_tv(
        "Police name suspect",
        "Detectives say the serial killer struck again on Friday, the third time this year.",
    )


def test_a_studios_youtube_channel_with_a_trailer_is_not_the_network() -> None:
    text = (
        "date 2017-12-05 Harbour Lights anime premieres January 5\n\n"
        "The Harbour Lights anime series will premiere on January 5. Now, the studio’s official "
        "YouTube channel has released the anime’s second trailer."
    )
    show, network, premiere = read(text)
    assert (show, premiere) == ("Harbour Lights", "2018-01-05")
    assert network != "YouTube"


def test_what_all_indications_suggest_is_no_announced_premiere() -> None:
    text = (
        "date 2022-11-21 A Harbour Lights season 2 premiere date will be big news. Production on "
        "the upcoming season is underway, and all indications suggest that Showtime is building "
        "towards a premiere either in late winter or in the spring of 2023."
    )
    assert read(text)[2] is None
