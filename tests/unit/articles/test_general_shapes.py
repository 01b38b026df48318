"""Shapes of real premiere news that recur across outlets, each in our own sentences: titles
cut short where a headline or an address drops a word, dates that are guesses or past, and
a season that already aired elsewhere arriving on another service."""

from __future__ import annotations

from datetime import date

import pytest

from bot.articles import analyse
from bot.articles.preview import premiere_value
from bot.articles.titles import plausible_title, title_runs

TODAY = date(2026, 11, 28)


def read(text: str, url: str | None = None) -> tuple[str | None, int | None, str | None]:
    article = analyse(text=text, url=url, today=TODAY)
    premiere, _ = premiere_value(article.facts)
    return article.facts.show, article.facts.season, premiere


# ---------------------------------------------------------------------------- titles


def test_an_address_that_drops_a_subtitles_colon_still_names_the_whole_title() -> None:
    text = (
        "date 2021-05-03 NBC said on Monday that Rescue Crew: Lake District, the reality "
        "series' newest edition, will premiere on Thursday, September 16 at 8 p.m. ET.\n"
        "Rescue Crew: Lake District follows volunteers on the fells."
    )
    url = "https://tv.example/news/rescue-crew-lake-district-opens-nbc-fall-4411.php"
    assert read(text, url)[0] == "Rescue Crew: Lake District"


@pytest.mark.parametrize(
    ("sentence", "slug", "title"),
    [
        (
            "The midday serial The Harbour and the Lighthouse is back with new episodes on "
            "Monday, August 10 at 12:30 p.m. on CBS.",
            "harbour-lighthouse-returns-aug",
            "Harbour and the Lighthouse",
        ),
        (
            "PBS's long-running series, My 400-Acre Farm, is back with its sixth season on "
            "Monday, August 10 at 8 p.m.",
            "my-400-acre-farm-returns-season-6",
            "My 400-Acre Farm",
        ),
    ],
)
def test_an_address_that_drops_a_titles_joining_words_still_names_the_whole_title(
    sentence: str, slug: str, title: str
) -> None:
    text = f"date 2020-08-07 {sentence} Fans will not want to miss it."
    assert read(text, f"https://news.example/2020/08/07/{slug}/")[0] == title


def test_an_address_does_not_join_two_titles_the_text_lists_with_and() -> None:
    text = (
        "date 2020-08-07 The BBC has two big dramas this winter: Castle Keep and Blue Water "
        "both return on Sunday, December 6 on BBC One."
    )
    url = "https://news.example/2020/08/07/castle-keep-blue-water-winter-dates/"
    assert read(text, url)[0] != "Castle Keep and Blue Water"


def test_two_shows_a_headline_joins_are_two_and_the_first_leads() -> None:
    text = (
        "FX Sets Spring Returns for Night Owls and Harbour Lane\n"
        "date 2019-01-10 The network confirmed the dates on Thursday. Night Owls and Harbour "
        "Lane both come back on April 4, with Night Owls in its third season and Harbour Lane "
        "in its second."
    )
    assert read(text)[0] == "Night Owls"


def test_a_title_the_body_only_writes_whole_keeps_its_and() -> None:
    text = (
        "Bread & Butter Returns for a Final Season\n"
        "date 2019-01-10 Bread & Butter season 6 premieres Thursday, April 4 at 9 p.m. on CBS. "
        "The sitcom about two bakers ends its run this spring."
    )
    assert read(text)[0] == "Bread & Butter"


def test_a_label_repeated_above_each_teaser_of_a_tag_page_is_no_title() -> None:
    teaser = "Drama Casting & News\n{headline}\nby | {day} | 12 Comments\n{text} More »\n"
    text = "‘drama news’\n" + "\n".join(
        teaser.format(headline=headline, day=day, text=body)
        for headline, day, body in [
            (
                "Harbour Lane cut down to 10 episodes",
                "September 26, 2014",
                "Sad news for fans of Harbour Lane: the tvN comedy about a lighthouse keeper "
                "has been cut from 14 episodes to 10, ending early next month.",
            ),
            (
                "Glass River breaks records in its debut",
                "February 25, 2014",
                "New drama Glass River passed 30% with its second episode.",
            ),
            (
                "Iron Orchard adds a cast member",
                "February 20, 2014",
                "The tvN drama Iron Orchard has cast a new lead.",
            ),
        ]
    )
    article = analyse(text=text, url="http://dramas.example/tag/drama-news/", today=TODAY)
    assert article.facts.show != "Drama Casting"
    assert not article.facts.trackable


def test_a_title_of_two_characters_names_stays_one_where_the_body_names_each() -> None:
    text = (
        "Mike & Grace Returns for a Final Season\n"
        "date 2019-01-10 Mike & Grace season 6 premieres Thursday, April 4 at 9 p.m. on CBS. "
        "Mike is still running the diner. Grace has opened a bakery across the street."
    )
    assert read(text)[0] == "Mike & Grace"


def test_a_country_after_a_franchise_name_is_its_national_edition() -> None:
    text = (
        "date 2018-06-04 Last spring the owners of the Global network put Bake Squad Canada "
        "on ice. This year they changed course, saying that season 4 will debut in 2019."
    )
    url = "https://paper.example/entertainment/2018/06/04/bake-squad-is-back-on-global.html"
    assert read(text, url)[0] == "Bake Squad Canada"


def test_a_headline_word_the_text_always_writes_after_the_title_is_part_of_it() -> None:
    text = (
        "HBO's Valley Radio News follows a tiny desert station\n"
        "HBO's Valley Radio News follows a tiny desert station\n"
        "Valley Radio News (HBO, 9 p.m.): the new documentary series premieres on Monday, "
        "August 2, 2021, with two episodes. Valley Radio News airs weekly after that."
    )
    assert read(text)[0] == "Valley Radio News"


def test_a_title_case_title_runs_on_through_its_small_words() -> None:
    text = (
        "Channel Nine Unveils Its 2022 Slate\n"
        "Nine used its upfronts to show off the year ahead.\n"
        "On January 3, the hosts will return to the bush for the fifth season of "
        "Camp Lost In Here!.\n"
        "“Camp Lost In Here! is the perfect show for summer,” one host said."
    )
    assert read(text)[0] == "Camp Lost In Here"


def test_a_title_a_sentence_cuts_at_a_common_word_is_mended_from_the_text() -> None:
    # Two shows and no headline: no lead, so the show is the one the date's sentence names.
    text = (
        "date 2024-10-11 Netflix has renewed its romantic comedy series Everybody Loves This "
        "for a second season, and its thriller series The Envoy for a third ahead of The "
        "Envoy season 2.\nIts creator called Everybody Loves This a career high.\n"
        "Season 2 of Everybody Loves This will arrive on Netflix in 2025."
    )
    assert read(text)[:2] == ("Everybody Loves This", 2)


def test_a_headline_that_writes_a_title_as_a_show_names_its_subject_there() -> None:
    # A press release's headline in capitals: a place comes first, the show after "premiere of".
    text = (
        "TWELVE STRANGERS ARE LEFT ON THE ISLANDS OF TONGA TO FIGHT FOR A PRIZE, ON THE "
        "SEASON PREMIERE OF CASTAWAY CLUB, WEDNESDAY, SEPT. 24\n"
        "Twelve strangers are left on the islands of Tonga with a prize to win, on the "
        "two-hour season premiere of CASTAWAY CLUB, Wednesday, Sept. 24 on CBS."
    )
    assert read(text)[0] == "Castaway Club"


# ---------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    "history",
    [
        "Every earlier season, dating back to its debut in 2015, premiered in the spring.",
        "Back in March 2019, the show's debut season was set to stream on Hulu.",
    ],
)
def test_a_date_the_text_looks_back_to_is_no_premiere(history: str) -> None:
    text = (
        "Everything We Know About the Last Season of Saltmarsh\n"
        f"Saltmarsh has no date for its sixth season yet. {history}"
    )
    assert read(text)[2] is None


def test_a_lineup_that_comes_back_with_new_seasons_of_shows_dates_them() -> None:
    # A network's schedule release: the first row's shows lead, with the row's own date.
    text = (
        "date 2019-07-19 CBC has announced premiere dates for its fall slate.\n"
        "Crime Mondays come back to CBC with new seasons of MAPLE HOLLOW and GLASS ORCHARD on "
        "September 16\n"
        "COPPER VALLEY returns with new episodes on Sunday, September 22\n"
        "PAPER MOONS returns for a 14th season on Thursday, September 26"
    )
    assert read(text)[0::2] == ("Maple Hollow", "2019-09-16")


def test_a_year_told_as_past_at_its_end_puts_a_january_date_in_the_next_year() -> None:
    # No publication day: the only year is one the text tells as already over.
    text = (
        "A new season of Kitchen Duel is upon us, and it's on a new channel: the cooking "
        "contest moves to Bravo with a two-part premiere on January 6 at 8pm ET.\n"
        "The twelve cooks were revealed at the end of 2022 in a special livestream."
    )
    assert read(text)[2] == "2023-01-06T20:00-05:00"


def test_a_year_ahead_at_its_end_leaves_the_estimate_at_the_years_start() -> None:
    text = (
        "A new season of Kitchen Duel is coming: the cooking contest will air on Bravo "
        "from March 6 at 8pm ET, and a holiday edition is set for the end of 2022."
    )
    assert read(text)[2] == "2022-03-06T20:00-05:00"


# ---------------------------------------------------------------------------- second runs


def test_a_season_that_already_aired_elsewhere_has_no_premiere_on_its_new_service() -> None:
    text = (
        "date 2020-09-21 Copper Valley (CBC)\n"
        "Fans in the US finally know when the sixth and final season of Copper Valley will "
        "hit Netflix: October 7.\n"
        "Copper Valley Season 6 originally aired on CBC between January and April of this year."
    )
    assert read(text)[2] is None


def test_a_new_season_after_an_older_one_that_aired_elsewhere_keeps_its_date() -> None:
    text = (
        "date 2020-09-21 Copper Valley season 7 moves to Hulu\n"
        "Copper Valley Season 6 originally aired on CBC between January and April. Season 7 "
        "of Copper Valley will premiere on Hulu on October 7."
    )
    assert read(text)[1:] == (7, "2020-10-07")


def test_an_imported_season_said_to_have_aired_in_an_earlier_year_is_a_second_run() -> None:
    text = (
        "date 2019-10-10 Channel Seven is bringing back the renovation show Flip House.\n"
        "Seven will start with season 9 of the Canadian Flip House, which was broadcast in "
        "2016.\nSeason 9 of Flip House will start on Tuesday 29 October at 18:00 on Seven."
    )
    assert read(text)[2] is None


# ------------------------------------------------------------------ who a date is for


def test_a_long_title_between_the_verb_and_its_date_keeps_them_together() -> None:
    text = (
        "date 2019-11-21 Fox sets its winter dates\n"
        'Fox launches the third season of "The Extraordinary Voyages of Captain Marigold and '
        'Her Friends" on Sunday, Feb. 16 at 8 p.m.'
    )
    assert read(text)[2] == "2020-02-16T20:00-05:00"


def test_a_list_entry_headed_by_its_title_season_and_service_names_its_show() -> None:
    text = (
        "date 2021-01-03 The shows returning with new seasons this year\n"
        "Tin Drum, season 2 (SonyLIV)\n"
        "The first season of this family comedy was a quiet delight. We are glad to have the "
        "Mishra household back. The season 2 of the show will release on January 15.\n"
        "Harbour Lane, season 3 (Eros Now)\n"
        "The comedy set in Leeds keeps its cast."
    )
    assert read(text) == ("Tin Drum", 2, "2021-01-15")


def test_a_numbered_entry_with_its_other_name_heads_the_long_paragraph_below_it() -> None:
    text = (
        "date 2021-12-05 Winter is nearly here, and so is a full season of new anime. Here "
        "are the series we are most excited about.\n"
        "1. Hoshizora Tanken no Kiroku (A Star Surveyor’s Field Guide to Faraway Lands)\n"
        "Not every hero wants the job. Mira certainly does not. She maps comets for a living. "
        "Her uncle hands her a ship anyway. The crew is odd. The ship is older. The jokes "
        "land often. Keep an eye out for this title when it premieres on January 11, 2022.\n"
        "2. Silver Orchard\n"
        "A quieter pick, arriving later in the season."
    )
    show, _, premiere = read(text)
    assert (show, premiere) == ("Hoshizora Tanken no Kiroku", "2022-01-11")


def test_an_entry_named_by_an_initialism_heads_the_date_below_it() -> None:
    text = (
        "date 2015-08-20 Fall TV: the four returns we are counting down to\n"
        "1. Night Owls\n"
        "Season 2 premieres September 9th on FXX, stars Ann Lee and Bo Park. It is sharp.\n"
        "2. Agents of C.O.D.E.\n"
        "Season 3 premieres September 29th on ABC, stars Cy Moss and Di Ray. It is loud.\n"
        "3. Harbour Lane\n"
        "Season 2 premieres October 4th on Showtime, stars Ed Kim and Flo Tan. It is slow."
    )
    article = analyse(text=text, today=TODAY)
    assert [(o.show, o.season) for o in article.other_premieres] == [
        ("Agents of C.O.D.E.", 3),
        ("Harbour Lane", 2),
    ]


def test_the_pages_own_dateline_is_not_a_premiere() -> None:
    text = (
        "date 2019-11-21 ABC Unveils Midseason Premiere Dates\n"
        "Staff Writer Nov. 21, 2019\n"
        "ABC Unveils Midseason Premiere Dates\n"
        'ABC premieres the new drama "Quiet Harbour" on Tuesday, Feb. 11 at 10 p.m.'
    )
    article = analyse(text=text, today=TODAY)
    assert read(text) == ("Quiet Harbour", 1, "2020-02-11T22:00-05:00")
    assert article.other_premieres == ()


def test_it_after_a_second_title_is_the_sentences_subject() -> None:
    text = (
        "tvN sets its autumn dramas: “Glass River” opens the season\n"
        "date 2016-08-30 “Glass River” premieres on tvN on 2nd September 2016. “The Lantern "
        "Keeper” will replace the channel’s current Friday drama, “The Quiet Wife”, and it is "
        "slated to premiere at 8pm on 23rd September 2016."
    )
    article = analyse(text=text, today=TODAY)
    assert [(o.show, premiere_value(o)[0]) for o in article.other_premieres] == [
        ("The Lantern Keeper", "2016-09-23T20:00+09:00")
    ]


def test_titles_a_headline_sets_aside_are_not_its_show() -> None:
    text = (
        "Aside from “Iron Orchard” and “Glass River”, here’s another drama to watch this month\n"
        "date 2016-08-30 The channel has released stills from its upcoming drama “The Lantern "
        "Keeper”, which premieres on September 23. “Iron Orchard” and “Glass River” air already."
    )
    assert read(text) == ("The Lantern Keeper", 1, "2016-09-23")


# ------------------------------------------------------------------------- datelines


def test_a_wire_storys_dateline_is_when_it_was_filed_not_a_premiere() -> None:
    text = (
        "'Harbour Watch' Season 2 coming to Prime Video in September\n"
        "May 24 (UPI) -- Harbour Watch will premiere its second season on Prime Video. The "
        "streamer shared a premiere date, Sept. 1, and first-look photos on Wednesday."
    )
    url = "https://news.example/entertainment/2023/05/24/harbour-watch-season-2/8921/"
    assert read(text, url) == ("Harbour Watch", 2, "2023-09-01")


def test_a_year_the_weekdays_do_not_fit_dates_nothing() -> None:
    # Nov. 14 fell on a Sunday in 1965 and 1971, never in 1968-1970: the year the plot
    # mentions is not the one the piece was written in, and nothing else says which is.
    text = (
        "Tubi sets a premiere date for its animated comedy Dope Hares\n"
        "Dope Hares, the animated comedy about two friends who wake up from a 50-year nap "
        "they began in 1969, premieres on Tubi on Sunday, Nov. 14. Following the Nov. 14 "
        "premiere, Tubi will add a new episode every Sunday."
    )
    assert read(text)[2] is None


def test_a_year_the_weekdays_fit_still_dates_the_piece() -> None:
    text = (
        "Dope Hares season 4 gets its Netflix premiere date\n"
        "The fourth season of Dope Hares has eight episodes and will premiere on Netflix on "
        "Friday, July 19. Netflix has also ordered a fifth season, coming in 2020."
    )
    assert read(text)[2] == "2019-07-19"


def test_a_pages_updated_or_modified_stamp_is_no_premiere() -> None:
    updated = analyse(
        text=(
            "Cartoon series 'Tide Runners' returns to StreamBox with season two\n\n"
            "Newswire | Chennai | Updated: 02-08-2021 20:50 IST | Created: 02-08-2021 20:50 IST\n"
            "The second season of the animated series 'Tide Runners' is set to premiere on "
            "StreamBox on August 20."
        ),
        today=TODAY,
    )
    assert [o.show for o in updated.other_premieres] == []
    modified = (
        "Kitchen Kings season premiere: the new cooks arrive\n\n"
        "Last modified on Mon 19 Apr 2021 22.08 EDT\n\n"
        "The cooking show is back for its fifth season."
    )
    assert read(modified)[0::2] == ("Kitchen Kings", None)


# ----------------------------------------------------------------- page furniture


def test_a_byline_or_breadcrumb_above_the_story_is_no_headline() -> None:
    for furniture in ("By Rick Marshall", "Home > TV"):
        text = (
            f"{furniture}\n"
            "date 2018-11-28 HBO has set a premiere date for the third season of its crime "
            "anthology Lantern Road: it returns Sunday, January 13."
        )
        assert read(text) == ("Lantern Road", 3, "2019-01-13"), furniture


def test_a_networks_possessive_in_an_address_is_no_part_of_a_title() -> None:
    text = (
        "date 2025-07-20 The second half of the season will be released a little later, on "
        "September 3rd, on Netflix."
    )
    url = "https://tv.example/one-of-netflixs-biggest-hits-splits-its-season-2-in-two"
    assert "Netflix" not in (read(text, url)[0] or "")


def test_a_section_heading_in_sentence_case_names_no_show() -> None:
    text = (
        "date 2017-01-08 Upcoming dramas take viewers on a ride\n"
        "Tighten your seat belts\n"
        "A number of series set to hit Korean television early this year feature time travel."
    )
    assert read(text)[0] is None


# ------------------------------------------------------------- premieres called off


def test_a_premiere_a_show_no_longer_has_is_not_announced() -> None:
    text = (
        "date 2020-03-20 Networks pull spring premieres\n"
        "FX's Lantern Road bailed on its planned April 19 premiere date as production "
        "stopped. AMC's Glass River will no longer premiere April 12 after the season finale "
        "of its parent show."
    )
    article = analyse(text=text, today=TODAY)
    assert premiere_value(article.facts)[0] is None
    assert article.other_premieres == ()


@pytest.mark.parametrize(
    ("update", "premiere"),
    [
        ("Update: the drama's release has been postponed, more here.", None),
        ("Update: Jade Banner has been postponed to July 8, 2019.", "2019-07-08"),
    ],
)
def test_a_date_an_update_says_has_been_postponed_is_withdrawn(
    update: str, premiere: str | None
) -> None:
    text = (
        "date 2019-05-20 The Chinese dramas to watch this summer\n"
        "Jade Banner\n"
        "Release date: June 3, 2019 at Zhejiang TV and Youku\n"
        f"{update}\n"
        "The epic drama Jade Banner adapts a six-volume fantasy saga."
    )
    assert read(text)[2] == premiere


def test_a_span_of_months_that_many_shows_come_out_in_is_no_premiere() -> None:
    text = (
        "Jade Banner and the Chinese dramas to watch this summer\n"
        "date 2019-05-20 This year, says one listings site, a total of 105 Chinese drama series "
        "will be released from June to September 2019. The fantasy epic Jade Banner is the one "
        "we wait for."
    )
    assert read(text)[2] is None


def test_a_premiere_pushed_from_one_month_to_another_is_the_later_month() -> None:
    text = (
        "Jade Banner moves to the autumn\n"
        "date 2019-05-20 Zhejiang TV has pushed the premiere of the fantasy drama Jade Banner "
        "from June to September 2019."
    )
    assert read(text)[2] == "2019-09"


def test_a_date_a_past_verb_follows_is_when_that_happened() -> None:
    text = (
        "date 2022-11-30 The streamer unveiled its new Korean line-up on Wednesday. The "
        'documentary "Stage Lights: Nine Years" follows the band on tour, while another series '
        "in production is about Min, who in June became the first member to debut as a solo "
        "artist."
    )
    assert read(text)[2] is None


def test_a_podcasts_new_series_is_no_tv_premiere_and_names_no_show() -> None:
    text = (
        "Let's have a look at well known podcasts that are back with new series, or have new "
        "episodes just around the corner!\n"
        "Get Gardening, a podcast that tries to get us all growing vegetables, is returning "
        "with a new series later this month. Previous hosts have included a chef and a "
        "botanist. This new series will be hosted by Ann Lee.\n"
        "Bread Tales, the popular series looking into famous bakeries, has just started a "
        "series about Paris."
    )
    url = "https://pods.example/picks/gardening-bread-tales-and-ann-lee/"
    article = analyse(text=text, url=url, today=TODAY)
    assert (article.facts.show, premiere_value(article.facts)[0]) == (None, None)


def test_a_tv_show_about_a_podcast_is_still_tv() -> None:
    text = (
        "date 2021-08-20 Hulu's new comedy Harbour Lane follows three neighbours who start "
        "their own podcast about a crime in their building. Their podcast soon has listeners, "
        "and a suspect. Harbour Lane premieres on Hulu on Tuesday, August 31."
    )
    assert read(text) == ("Harbour Lane", 1, "2021-08-31")


def test_a_series_of_phones_is_no_show() -> None:
    text = (
        "Brand launching a new India-first series of phones for young buyers\n"
        "The maker plans to launch a new series of budget smartphones in India in January, "
        "ahead of their global release. It will sell the three new Q-series phones only "
        "through its online store and Amazon India, with large batteries and quick charging, "
        "priced below 20,000 rupees."
    )
    article = analyse(text=text, today=TODAY)
    assert (article.facts.show, premiere_value(article.facts)[0]) == (None, None)


# ------------------------------------------------------------------ people and asides


def test_every_name_a_starring_list_gives_is_a_person() -> None:
    text = (
        "date 2023-08-10 The CW sets its fall dates\n"
        "The second season of the drama series starring Scott Pellman, Chad Michael Morrow "
        "and Morgan Kale begins on Wednesday, October 4 (8:00-9:00pm ET/PT)."
    )
    assert read(text)[0] is None


def test_a_producers_epithet_is_no_title() -> None:
    text = (
        "date 2025-09-10 The network shuffles its Sunday\n"
        "The news comes days ahead of the third season premiere of the Taylor Shannon-produced "
        "crime drama, which is back on September 21st."
    )
    assert read(text)[0] != "Taylor Shannon-produced"


def test_a_dash_aside_does_not_cut_a_season_from_its_date() -> None:
    text = (
        "date 2018-01-20 Channel 4 brings back its sitcom Doomed\n"
        "The first series of Doomed aired in late 2016. Series two of the sitcom – written by "
        "Jo Brand and Morwenna Banks – is set to begin on Wednesday 14th February. Doomed "
        "returns to Channel 4 on Wednesday 14th February at 10pm."
    )
    assert read(text) == ("Doomed", 2, "2018-02-14T22:00+00:00")


# ------------------------------------------------------------------------- seasons


@pytest.mark.parametrize(
    "telling",
    [
        "Harbour Lane is a new show that follows the staff of a seaside hospital",
        "RTÉ will air Harbour Lane, the TV adaptation of Jo Byrne's acclaimed novel",
        "The channel brings two fresh shows, Harbour Lane and Glass River, to its evenings",
    ],
)
def test_a_show_told_as_new_is_season_one_whatever_other_seasons_the_piece_names(
    telling: str,
) -> None:
    text = (
        f"date 2024-10-01 {telling}. Harbour Lane premieres on RTÉ One on Monday, "
        "November 4. Later in the month Iron Orchard returns for season 3."
    )
    assert read(text)[:2] == ("Harbour Lane", 1)


@pytest.mark.parametrize(
    ("sentence", "season"),
    [
        (
            "ABC today set its midseason dates. Season Two of Jo Byrne's hit space adventure "
            "series, HARBOUR LANE, premieres Sunday, December 30 at 8 p.m.",
            2,
        ),
        (
            "The CW set its TV premiere dates today. Sophomore Harbour Lane is the first to "
            "return, on Sunday, December 30.",
            2,
        ),
        (
            "Here are the series to watch on Netflix.\nHARBOUR LANE 3\nThe drama is finally "
            "back: it arrives on Netflix on Sunday, December 30.",
            3,
        ),
        (
            "BBC Three's TV schedule is out. The new series of Jo Byrne's Harbour Lane starts "
            "on BBC Three on Sunday, December 30.",
            None,
        ),
    ],
)
def test_a_season_written_around_the_shows_name(sentence: str, season: int | None) -> None:
    text = f"Harbour Lane is back in December\ndate 2018-12-01 {sentence}"
    assert read(text)[:2] == ("Harbour Lane", season)


def test_an_edition_of_a_reality_franchise_is_its_season() -> None:
    text = (
        "Castaway: Coral Islands to launch the CBS fall lineup\n"
        "date 2006-08-10 CBS has announced that Castaway: Coral Islands, the formal title for "
        "this fall's thirteenth Castaway edition, will premiere Thursday, September 14 at 8PM."
    )
    url = "https://tv.example/news/castaway-coral-islands-debut-september-14-launch-cbs-4258.php"
    assert read(text, url)[1:] == (13, "2006-09-14T20:00-04:00")


def test_a_game_show_named_in_apposition_is_the_show_its_date_is_for() -> None:
    text = (
        "date 2019-11-20 Having picked up the rights to make its own version of the "
        "long-running hit game show, Family Quarrel, the broadcaster has a host for the show, "
        "which will air four nights a week, starting Monday, December 16 at a special time of "
        "8PM on CBC."
    )
    assert read(text)[::2] == ("Family Quarrel", "2019-12-16T20:00-05:00")


def test_a_quoted_title_of_plain_words_is_a_title() -> None:
    text = (
        "date 2021-08-26 26 Aug 2021 | 12.31 pm\n"
        "The broadcaster has announced details of its new autumn schedule.\n"
        "The flagship show ‘The Big Deal’ begins broadcasting on Virgin Media One on Saturday "
        "September 4."
    )
    url = "https://tv.example/virgin-media-television-autumn-schedule-2021"
    assert read(text, url) == ("The Big Deal", None, "2021-09-04")


# ------------------------------------------------------------------ the Track button


def test_a_title_only_the_body_suggests_is_shown_but_not_offered_to_track() -> None:
    text = (
        "Autumn on the box: what we are watching\n"
        "date 2021-09-01 ITV has commissioned the new drama Harbour Lights, from the makers of "
        "a much-loved crime series. Filming starts next spring."
    )
    facts = analyse(text=text, today=TODAY).facts
    assert (facts.show, facts.trackable) == ("Harbour Lights", False)


def test_one_word_the_text_never_writes_as_a_show_is_not_offered_to_track() -> None:
    text = (
        "Applause sets up its next streaming drama\n"
        "date 2022-02-10 The studio behind several hit streaming dramas said on Thursday that "
        "Applause will produce a second season of the legal drama Undersea for SonyLIV."
    )
    url = "https://news.example/applause-sets-up-next-streaming-drama-2022"
    assert not analyse(text=text, url=url, today=TODAY).facts.trackable


def test_a_guess_no_premiere_is_about_gives_way_to_the_show_the_premiere_names() -> None:
    text = (
        "Applause sets up its next streaming drama\n"
        "date 2022-02-10 The studio behind several hit streaming dramas said on Thursday that "
        "Applause will produce a second season of the legal drama Undersea, which streams on "
        "SonyLIV from March 4."
    )
    url = "https://news.example/applause-sets-up-next-streaming-drama-2022"
    facts = analyse(text=text, url=url, today=TODAY).facts
    assert (facts.show, facts.season, facts.trackable) == ("Undersea", 2, True)


def test_the_day_a_casting_was_confirmed_is_no_premiere() -> None:
    text = (
        "date 2022-07-08 Harbour General is getting ready to welcome a new doctor. On "
        "Wednesday, ABC confirmed that Harry Shore is set to join Harbour General's 19th "
        "season, playing a first-year surgical resident."
    )
    assert read(text)[2] is None


def test_a_count_of_episodes_is_no_title_but_a_shows_number_is() -> None:
    assert [plausible_title(t) for t in ("10-episode", "Two-Hour", "48 Hours", "60 Minutes")] == [
        False,
        False,
        True,
        True,
    ]


def test_us_shows_returning_to_an_irish_channel_are_second_runs() -> None:
    text = (
        "5 great US TV shows returning to Sky this month\n"
        "date 2013-10-01 There are still plenty of shows heading our way.\n"
        "1. Quiver, Sky 1 HD, Monday October 21st at 8pm\n"
        "2. Baker Street, Sky Living, Tuesday October 22nd at 9pm"
    )
    article = analyse(text=text, today=TODAY)
    assert (premiere_value(article.facts)[0], article.other_premieres) == (None, ())


def test_a_studios_plural_possessive_in_a_headline_is_the_owner_not_the_show() -> None:
    text = (
        "StarWorks’ Harbour Ward Anime Gets New Trailer\n"
        "date 2021-12-10 The studio StarWorks has released a new trailer for its original "
        "anime Harbour Ward, which premieres on January 5."
    )
    assert read(text)[0] == "Harbour Ward"


def test_a_hard_wrapped_text_keeps_a_title_split_across_lines() -> None:
    text = (
        "date 2012-05-20 As it first said at its upfront in May, The CW will launch its fall "
        "season in October.\n"
        "Sophomore Heart of\n"
        "Dover is the first to bow on Tuesday, Oct. 2, at 8 p.m. on The CW."
    )
    assert read(text)[::2] == ("Heart of Dover", "2012-10-02T20:00-04:00")


def test_a_shows_initials_are_the_show() -> None:
    text = (
        "date 2022-01-10 Save The Date: Here’s When ‘Wed At First Glance’ Will Premiere In "
        "2022\n"
        "Expect the first episode of WAFG season nine to drop on Monday, January 31, on Nine."
    )
    assert read(text) == ("Wed At First Glance", 9, "2022-01-31")


def test_a_basketball_seasons_opening_night_is_not_tv() -> None:
    text = (
        "The NBA season tips off next week\n"
        "date 2022-10-10 Opening night of the new season is Tuesday, October 18, with two games "
        "on TNT. The Nuggets and the Jazz meet first; then the Suns host the Mavericks. Both "
        "teams reached the playoffs last season, and the Nuggets return their whole roster."
    )
    facts = analyse(text=text, today=TODAY).facts
    assert (facts.show, facts.network, facts.premiere) == (None, None, None)


def test_a_show_the_text_calls_upcoming_is_a_new_series() -> None:
    text = (
        "date 2021-12-10 StarWorks’ Harbour Ward Anime Gets New Trailer\n"
        "The upcoming Harbour Ward anime, from the studio StarWorks, released a new trailer on "
        "Friday. Harbour Ward premieres on January 5."
    )
    assert read(text) == ("Harbour Ward", 1, "2022-01-05")


def test_a_star_leading_the_address_is_a_person_not_the_show() -> None:
    text = (
        "date 2023-04-02 Marsh Lane, the comedy about two tired ferry pilots, is coming back "
        "for a second series on Channel 4 later this year.\n"
        "Helen Brightwater, who wrote the first run, returns to the harbour town for it."
    )
    url = "https://tv.example/news/helen-brightwater-comedy-marsh-lane-returns"
    assert read(text, url)[:2] == ("Marsh Lane", 2)


def test_a_show_named_after_a_person_and_written_as_a_show_stays_the_show() -> None:
    text = (
        "date 2023-04-02 The spy drama Owen Calloway is coming back: Owen Calloway season 3 "
        "premieres on Prime Video on Friday, June 9."
    )
    url = "https://tv.example/news/owen-calloway-returns-june"
    assert read(text, url) == ("Owen Calloway", 3, "2023-06-09")


def test_a_title_ending_in_a_question_mark_does_not_make_its_sentence_a_question() -> None:
    text = (
        "date 2024-05-20 Next month brings the return of the courtroom drama Verdict Row, "
        "whose third season premieres on Sunday 16 June, and before it the stand-up film "
        "Are We There Yet?\n"
        "What else is coming in June?"
    )
    assert read(text) == ("Verdict Row", 3, "2024-06-16")


def test_the_show_a_prequel_comes_from_is_not_the_show_that_premieres() -> None:
    text = (
        "date 2024-05-20 Among next month's highlights is the second season of Ember Throne. "
        "The prequel series to Kingdom of Ash premieres mid-month (Sunday 16 June)."
    )
    assert read(text)[0] == "Ember Throne"


def test_a_second_installment_points_back_at_the_show_named_before() -> None:
    text = (
        "date 2024-05-20 Among next month's highlights on Max is the much-anticipated Season 2 "
        "of Ember Throne. A second installment of the prequel series to Kingdom of Ash "
        "premieres mid-month (Sunday 16 June). The comedy Sure Thing arrives on June 6. "
        "Fenwick Road lands on 13 June."
    )
    assert read(text) == ("Ember Throne", 2, "2024-06-16")


def test_a_home_drama_returning_to_our_screens_is_a_premiere() -> None:
    text = (
        "First look at the new season of drama on RTÉ\n"
        "date 2023-08-28 Glenmore Bay returns to our screens this Sunday, September 3rd, on "
        "RTÉ One, with a six-part second season set between Cork and Bilbao."
    )
    assert read(text)[0::2] == ("Glenmore Bay", "2023-09-03")


def test_a_listing_line_under_its_entrys_title_is_about_that_show() -> None:
    text = (
        "Streaming roundup: winter 2021\n"
        "date 2021-01-10 Winter is here, and so are plenty of new series to stream.\n\n"
        "Glass Harbour (Netflix)\n"
        "Launches globally January 27, 2021\n"
    )
    assert read(text)[0::2] == ("Glass Harbour", "2021-01-27")


def test_a_listings_own_words_are_not_a_title() -> None:
    text = (
        "date 2023-12-28 Winter Anime Picks\n"
        "A new anime season is almost here, and these are the series I will be watching.\n\n"
        "Frozen Orchard\n\n"
        "Airs January 9th on Crunchyroll\n\n"
        "A quiet story about two sisters who run an apple farm."
    )
    assert read(text)[0::2] == ("Frozen Orchard", "2024-01-09")


@pytest.mark.parametrize(
    ("sentence", "title"),
    [
        ("The new series of Doctor Who premieres on BBC One on Saturday, May 11.", "Doctor Who"),
        (
            "The Thick Of It returns to BBC Two for a fourth series on Saturday, May 11.",
            "The Thick Of It",
        ),
    ],
)
def test_a_title_may_end_in_who_or_it(sentence: str, title: str) -> None:
    assert read(f"date 2024-04-02 {sentence}")[0::2] == (title, "2024-05-11")


def test_the_author_whose_show_it_is_is_not_part_of_its_title() -> None:
    text = (
        "date 2020-03-30 We finally know when the TV adaptation of Megan Corrigan’s Quiet "
        "Tides arrives.\nRTÉ One will air the drama series on Tuesday 28 April."
    )
    url = "https://news.example/megan-corrigans-quiet-tides-gets-rte-date"
    assert read(text, url)[0::2] == ("Quiet Tides", "2020-04-28")


def test_a_special_set_to_air_before_the_premiere_is_not_the_premiere() -> None:
    text = (
        "date 2019-05-02 Harbour Lights returns for a third season, starting June 10.\n"
        "ITV also plans to release an hour-long catch-up special, to air on May 27.\n"
        "Harbour Lights returns to ITV on June 10 at 9 p.m."
    )
    assert read(text)[0::2] == ("Harbour Lights", "2019-06-10T21:00+01:00")


def test_the_pages_own_network_by_its_short_name_is_not_a_show() -> None:
    text = (
        "date 2019-10-21 Nine unveils its 2020 line-up\n"
        "Nine will bring back Harbour Rescue for a fourth season on the Nine Network next "
        "year, while Backyard Builders returns in 2020 with a new host."
    )
    assert read(text)[0] != "Nine"


def test_a_networks_programming_launch_is_an_event_not_a_premiere() -> None:
    text = (
        "date 2018-10-22 Seven's cooking contest Dinner Duel is coming back for a tenth "
        "season, its host said at the network’s programming launch on Friday."
    )
    assert read(text)[2] is None


def test_a_host_named_beside_a_show_is_not_another_premiere() -> None:
    article = analyse(
        text=(
            "date 2019-09-01 CBC sets its fall dates\n"
            "Kitchen Table Talk returns for season 3 on Monday, September 16. STUDIO LIGHTS "
            "with Laura Benton returns for season 5 on Friday, September 20."
        ),
        today=TODAY,
    )
    assert "Laura Benton" not in [o.show for o in article.other_premieres]


@pytest.mark.parametrize(
    "words", ["Japanese Standard Time", "Release", "Media Release", "Development", "Updated"]
)
def test_a_time_zone_or_a_listings_field_word_is_not_a_title(words: str) -> None:
    assert not plausible_title(words)


def test_a_title_case_line_ends_its_title_at_to_return() -> None:
    article = analyse(
        text=(
            "date 2025-11-02 What to watch on the BBC this winter\n"
            "Harbour Lights season 3 premieres on BBC One on December 26.\n"
            "Dinner Ladies To Return For A Fourth Series On January 9\n"
            "The sitcom comes back to BBC Two with six episodes."
        ),
        today=TODAY,
    )
    assert article.facts.show == "Harbour Lights"
    assert [o.show for o in article.other_premieres] == ["Dinner Ladies"]


def test_a_field_line_under_another_entry_is_that_entrys_date() -> None:
    text = (
        "date 2021-06-02 New dramas this June\n"
        "Cedar Ward 2\n"
        "Premiere Date: June 17\n"
        "Network: tvN\n"
        "About: Doctors and their patients.\n"
        "At a Distance, Summer Is Gold / Gold Summer From Afar\n"
        "Network: KBS\n"
        "Premiere Date: June 14\n"
        "About: Students whose lives look easy from afar."
    )
    article = analyse(text=text, today=TODAY)
    assert read(text)[0::2] == ("Cedar Ward 2", "2021-06-17")
    assert [(o.show, premiere_value(o)[0]) for o in article.other_premieres] == [
        ("At a Distance, Summer Is Gold", "2021-06-14")
    ]


@pytest.mark.parametrize(
    ("words", "show"),
    [
        ("the weekly studio series INSIDE THE LEAGUE", "Inside the League"),
        ("the Emmy Award-winning drama Harbour Lights", "Harbour Lights"),
    ],
)
def test_a_shows_own_words_or_its_awards_do_not_stop_its_premiere(words: str, show: str) -> None:
    text = (
        "date 2023-08-10 The CW sets its fall dates\n"
        f"The network's fall season kicks off with the premiere of {words} on Tuesday, "
        "September 5 (8:00-9:00pm ET/PT)."
    )
    assert read(text)[0::2] == (show, "2023-09-05T20:00-04:00")


def test_a_makers_name_set_off_by_commas_does_not_part_a_show_from_its_date() -> None:
    text = (
        "date 2019-11-21 ABC sets its midseason dates\n"
        'ABC premieres the new drama "Night Shift Rules," from Dana "Big D" Reyes, on '
        "TUESDAY, FEB. 11 (10:00-11:00 p.m. EST)."
    )
    assert read(text) == ("Night Shift Rules", 1, "2020-02-11T22:00-05:00")


def test_a_line_of_only_a_date_and_a_service_dates_the_entry_above() -> None:
    text = (
        "date 2019-09-12 Fall streaming guide\n"
        "Quiet Harbour\n"
        "A detective returns to the town she left twenty years ago.\n"
        "Nov. 1, Apple TV+\n"
        "Lantern Keepers\n"
        "Two sisters take over their late father's lighthouse.\n"
        "Nov. 12, Disney+\n"
        "Tom Bexley's Night Pilot (Season 2)\n"
        "The pilot is back in the air for a second mission.\n"
        "Nov. 8, Amazon Prime Video"
    )
    article = analyse(text=text, today=TODAY)
    assert read(text)[0::2] == ("Quiet Harbour", "2019-11-01")
    assert [(o.show, premiere_value(o)[0]) for o in article.other_premieres] == [
        ("Lantern Keepers", "2019-11-12"),
        ("Night Pilot", "2019-11-08"),
    ]


def test_hitting_tv_screens_is_a_premiere_not_a_screening() -> None:
    text = (
        "date 2020-12-01 New Channel 4 drama Paper Lanterns will be hitting TV screens on "
        "22 January 2021."
    )
    assert read(text)[0::2] == ("Paper Lanterns", "2021-01-22")


def test_the_novel_a_show_is_adapted_from_does_not_stop_its_premiere() -> None:
    text = (
        "date 2020-04-15 Quiet Tides gets its RTÉ date\n"
        "RTÉ has announced that it will air Quiet Tides, the adaptation of Megan Corrigan’s "
        "acclaimed novel, on Tuesday 28 April.\n"
        "The first two episodes will air in a double bill on RTÉ One."
    )
    article = analyse(text=text, today=TODAY)
    assert read(text)[0::2] == ("Quiet Tides", "2020-04-28")
    assert article.facts.network == "RTÉ One"  # the broadcaster's one channel the piece names


def test_a_mastheads_ratings_word_does_not_make_a_ratings_story() -> None:
    text = (
        "TV Ratings Australia\n"
        "Harbour Lights (image - Seven)\n\n"
        "Harbour Lights on Channel 7 returns 8 January 2024\n\n"
        "Harbour Lights will return for an all new season 7.00pm Monday, 8 January on "
        "Channel 7 and 7Plus."
    )
    url = "https://tv.example/news/harbour-lights-on-channel-7-returns-8-january-2024/"
    assert read(text, url) == ("Harbour Lights", None, "2024-01-08T19:00+11:00")


def test_returning_for_a_second_series_next_year_dates_the_year() -> None:
    text = (
        "date 2017-06-02 Harbour Lights renewed for series 2\n"
        "The comedy will be returning for a second series next year, Channel 4 has "
        "confirmed."
    )
    assert read(text) == ("Harbour Lights", 2, "2018")


def test_the_return_of_the_half_of_a_season_is_no_premiere() -> None:
    text = (
        "date 2012-11-20 AMC has set the date for the return of the half of season 3 of "
        "Harbour Lights and it will be on Feb. 10, 2013."
    )
    assert read(text)[2] is None


def test_the_broadcasters_one_named_channel_is_the_network() -> None:
    text = (
        "date 2008-07-10 BBC Press Office\n"
        "Harbour Lights returns for a third series this autumn. The BBC says the comedy, "
        "which the BBC made with a new writer, keeps its Thursday slot on BBC Two."
    )
    assert analyse(text=text, today=TODAY).facts.network == "BBC Two"


@pytest.mark.parametrize(
    ("services", "network"),
    [("BBC One and iPlayer", "BBC One"), ("Crunchyroll and Hulu", "Crunchyroll")],
)
def test_of_two_services_joined_the_first_is_the_home(services: str, network: str) -> None:
    text = f"date 2022-06-01 The second series of Harbour Lights will air on {services} on 4 July."
    assert analyse(text=text, today=TODAY).facts.network == network


@pytest.mark.parametrize("name", ["Liu Yifei", "Rashmi Sharma"])
def test_a_stars_name_leading_the_address_is_not_the_show(name: str) -> None:
    text = (
        "date 2023-05-02 A new palace drama is coming\n"
        f"{name} will star in a new palace drama for Tencent Video, the studio said."
    )
    url = f"https://news.example/{name.lower().replace(' ', '-')}-new-palace-drama"
    assert read(text, url)[0] != name


@pytest.mark.parametrize(
    "title", ["Launching", "Announces New", "Simultaneous Premieres of Three Drama"]
)
def test_a_headlines_verbs_are_no_title(title: str) -> None:
    assert not plausible_title(title)


@pytest.mark.parametrize("word", ["One", "Three", "Seven", "Keep"])
def test_a_number_word_or_keep_alone_is_no_title(word: str) -> None:
    assert not plausible_title(word)


def test_a_shorter_name_of_the_lead_is_no_rival_for_it() -> None:
    text = (
        "date 2025-05-15 logo\n"
        "'Star Voyage: Distant Shores' Season 3 Sets Premiere Date\n\n"
        'It has been two years since "Star Voyage: Distant Shores" Season 2 ended, and now '
        'we know when to expect more. Season 3 of "Distant Shores" will debut with two '
        "episodes on Paramount+ on Thursday, July 17.\n"
        'After that, new episodes of "Distant Shores" will debut on Thursdays.\n'
        'Mara Quinn in "Star Voyage: Distant Shores".\n'
    )
    assert read(text)[0] == "Star Voyage: Distant Shores"


def test_a_show_called_the_newest_series_is_a_first_season() -> None:
    text = (
        "date 2019-08-22 Harbour Lights arrives on RTÉ One this autumn\n"
        "The stars of RTÉ’s newest TV series, Harbour Lights, say it shows the city at its best."
    )
    assert read(text)[1] == 1


def test_a_show_named_like_a_person_keeps_its_own_listing_line() -> None:
    article = analyse(
        text=(
            "date 2020-06-01 Showtime sets its summer dates\n"
            "Harbour Lights returns for season 8 on Sunday, June 7.\n"
            "Tom Donovan returns Sunday, June 28."
        ),
        today=TODAY,
    )
    assert [(o.show, premiere_value(o)[0]) for o in article.other_premieres] == [
        ("Tom Donovan", "2020-06-28")
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "A new teaser confirms Harbour Lights season 2 will air on June 3.",
        "The trailer shows that season 2 will air on ITV on June 3.",
    ],
)
def test_a_trailer_that_tells_when_the_season_will_air_dates_it(sentence: str) -> None:
    assert read(f"date 2020-05-01 Harbour Lights season 2 news\n{sentence}")[0::2] == (
        "Harbour Lights",
        "2020-06-03",
    )


def test_a_single_field_line_under_a_section_heading_stays_the_lead_shows() -> None:
    text = (
        "date 2023-05-01 Harbour Lights season 2: release date, cast and everything we know\n"
        "Harbour Lights is coming back to Netflix for a second season.\n"
        "Everything We Know\n"
        "Release date: June 3"
    )
    assert read(text) == ("Harbour Lights", 2, "2023-06-03")


def test_a_leagues_season_starting_is_no_premiere() -> None:
    text = (
        "date 2020-04-20 Harbour Lights season 5 is coming, but not yet\n"
        "The NFL is optimistic that its season will start as usual in the fall, so it is "
        "giving the network its Thursday nights back."
    )
    assert read(text)[2] is None


def test_a_series_that_will_broadcast_this_autumn_dates_the_year() -> None:
    text = (
        "date 2012-06-20 Harbour Lights will return for a fourth series\n"
        "The new series, which will consist of seven 30-minute episodes, will broadcast on "
        "BBC Two this autumn."
    )
    assert read(text)[2] == "2012"


@pytest.mark.parametrize("word", ["Dizi", "Teleserye", "Telenovelas", "Web", "Going", "Tencent"])
def test_a_series_word_in_another_language_or_a_listings_word_is_no_title(word: str) -> None:
    assert not plausible_title(word)


def test_today_with_its_date_dates_a_page_stamped_days_later() -> None:
    text = (
        "date 2022-02-07 Apple TV+ shares its winter slate\n"
        "“Harbour Lights” premieres globally today, February 4, on Apple TV+."
    )
    assert read(text)[0::2] == ("Harbour Lights", "2022-02-04")


def test_a_list_of_people_is_no_title_and_a_quoted_list_of_words_is() -> None:
    assert not plausible_title("Daniel Lissing, Author Janette Oke, and Erin Krakow")
    assert plausible_title("Grace and Frankie")
    text = (
        "date 2014-03-01 Hallmark Channel news\n"
        "“Sent, Sealed, Signed”, the next new Hallmark Channel drama series, will premiere "
        "on Easter Sunday – April 20, 2014 at (8pm ET/PT, 7C)."
    )
    assert read(text)[0::2] == ("Sent, Sealed, Signed", "2014-04-20T20:00-04:00")


def test_a_year_in_the_address_dates_an_undated_page() -> None:
    text = (
        "Fall TV preview: the returning shows\n"
        "HARBOUR LIGHTS returns Sunday, September 8 at 9PM on HBO\n"
        "The drama is back for one more run."
    )
    url = "https://tv.example/2013-fall-tv-preview-the-returning-shows-1848377"
    assert read(text, url)[0::2] == ("Harbour Lights", "2013-09-08T21:00-04:00")


def test_a_date_inside_a_quoted_title_is_the_titles_word() -> None:
    text = (
        "date 2019-09-01 Fall TV 2019: shows with Seattle ties\n"
        "Candace Reyes, the “Lost” star who grew up outside the city, makes her Hallmark "
        "Channel series debut in “The Christmas Club” (Nov. 17), based on a novel."
    )
    article = analyse(text=text, today=TODAY)
    assert read(text)[0::2] == ("The Christmas Club", "2019-11-17")
    assert article.other_premieres == ()


def test_of_two_shows_an_address_lists_the_first_leads() -> None:
    text = (
        "date 2022-05-01 New on HBO Max this month\n"
        "Harbour Lights is back for its second season on May 12, while Quiet Tides Weekly, the "
        "late-night show, starts May 26 on HBO Max.\n"
        "Harbour Lights season 2 has ten episodes; Quiet Tides Weekly has six."
    )
    url = "https://news.example/new-on-hbo-max-in-may-2022-harbour-lights-quiet-tides-weekly"
    assert read(text, url) == ("Harbour Lights", 2, "2022-05-12")


@pytest.mark.parametrize(
    ("text", "url", "show"),
    [
        (
            "date 2021-11-20 Ben and Erin Marlow are back with more Cedar Row on HGTV.\n"
            "The sixth season of Cedar Row premieres Sunday, Dec. 26 at 8 p.m., and Cedar Row "
            "fans will get a new kitchen.",
            "https://news.example/hgtv-marlow-cedar-row-season-6",
            "Cedar Row",
        ),
        (
            "date 2017-06-01 Jo Brand’s comedy is coming back. Channel 4 has confirmed that "
            "Damp Fields will return for a second series.\n"
            "Damp Fields, which follows social workers, returns later this year.",
            "https://news.example/jo-brand-damp-fields-series-2",
            "Damp Fields",
        ),
    ],
)
def test_a_surname_leading_the_address_is_not_the_show(text: str, url: str, show: str) -> None:
    assert read(text, url)[0] == show


def test_a_feeds_clock_to_the_second_is_no_premiere() -> None:
    text = (
        "date 2015-09-03 TV Tonight\n"
        "Harbour Lights Live on air Fri, 04 Sep 2015 02:39:35 +0000\n"
        "The drama returns."
    )
    assert read(text)[2] is None


def test_a_slash_after_furniture_words_leaves_them_furniture() -> None:
    assert not plausible_title("First Look/")


def test_a_capitalised_my_inside_a_sentence_opens_a_title() -> None:
    runs = [r.text for r in title_runs("The return of My Harbour Diaries is near")]
    assert runs == ["My Harbour Diaries"]
    # At a sentence's start "My" is the writer's.
    assert [r.text for r in title_runs("My Favourite Harbour Show is back")] == [
        "Favourite Harbour Show"
    ]


def test_a_language_for_subtitles_is_no_part_of_a_title() -> None:
    runs = [r.text for r in title_runs("It will stream Harbour Lights with English subtitles.")]
    assert runs == ["Harbour Lights"]


def test_an_executive_producers_field_is_no_entry_heading() -> None:
    article = analyse(
        text=(
            "date 2020-06-01 What to watch in June\n"
            "Harbour Lights\n"
            "Premiere date: June 5 (Apple TV+)\n"
            "Executive Producers: Jo Smith\n"
            "Quiet Tides\n"
            "Executive Producers: Al Brown\n"
            "Premiere date: June 11 (ABC)"
        ),
        today=TODAY,
    )
    assert [(o.show, premiere_value(o)[0]) for o in article.other_premieres] == [
        ("Quiet Tides", "2020-06-11")
    ]
    assert not any("Producers" in r.text for r in title_runs("Executive Producers: R.J. Cutler"))
