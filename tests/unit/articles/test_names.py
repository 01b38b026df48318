"""Networks by every name the press uses; seasons however they are written."""

from __future__ import annotations

import pytest

from bot.articles.networks import canonical_network, find_networks
from bot.articles.seasons import find_seasons


@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        ("Amazon Prime Video", "Prime Video"),
        ("Prime Video", "Prime Video"),
        ("Amazon", "Prime Video"),
        ("FX on Hulu", "FX on Hulu"),
        ("HBO", "HBO"),
        ("HBO and Max", "HBO"),
        ("Max", "HBO Max"),
        ("Disney Plus", "Disney+"),
        ("Apple TV+", "Apple TV+"),
        ("Paramount Plus", "Paramount+"),
        ("Toonami", "Adult Swim"),
        ("Masterpiece on PBS", "PBS Masterpiece"),
        ("CBC Gem", "CBC Gem"),
        ("Crunchyroll", "Crunchyroll"),
        ("BBC One", "BBC One"),
        ("ITV1", "ITV"),
        ("Channel 4", "Channel 4"),
        ("tvN", "tvN"),
        ("JTBC", "JTBC"),
        ("Peacock", "Peacock"),
        ("Showtime", "Showtime"),
        ("The CW", "The CW"),
        ("USA Network", "USA Network"),
        ("FOX", "Fox"),
        ("Disney Jr.", "Disney Channel"),
        ("Virgin Media One", "Virgin Media One"),
        ("Virgin Media Player", "Virgin Media"),
        ("VIRGIN MEDIA", "Virgin Media"),
        ("KBS World", "KBS World"),
        ("KBS", "KBS"),
        ("TV Chosun", "TV Chosun"),
        ("TVNZ 2", "TVNZ"),
        ("TVNZ+", "TVNZ"),
        ("Tencent Video", "Tencent Video"),
        ("WeTV", "Tencent Video"),
        ("iQIYI", "iQIYI"),
        ("Zhejiang Satellite TV", "Zhejiang TV"),
        ("FOX8", "FOX8"),
        ("Pop TV", "Pop TV"),
        ("El Rey Network", "El Rey Network"),
        ("Univision", "Univision"),
        ("Telemundo", "Telemundo"),
        ("S4C", "S4C"),
        ("Show TV", "Show TV"),
        ("Kanal D", "Kanal D"),
        ("GMMTV", "GMM TV"),
        ("GMA-7", "GMA"),
        ("ABS-CBN", "ABS-CBN"),
        ("ARY Digital", "ARY Digital"),
        ("HUM TV", "Hum TV"),
        ("Voot Select", "Voot Select"),
        ("Starzplay", "Starzplay"),
        ("STARZPLAY", "Starzplay"),
        ("Starz", "Starz"),
        ("Viu", "Viu"),
        ("Sohu TV", "Sohu"),
        ("Zee TV", "Zee TV"),
        ("Tokyo Mx", "Tokyo MX"),
        ("TV Aichi", "TV Aichi"),
        ("TVQ Kyushu", "TVQ Kyushu"),
        ("Sun TV", "Sun TV"),
        ("KBS Kyoto", "KBS Kyoto"),
        ("ThreeNow", "Three"),
        ("MASTERPIECE", "PBS Masterpiece"),
        ("Masterpiece Mystery!", "PBS Masterpiece"),
        # the world's broadcasters beyond the English-speaking markets
        ("ZDFneo", "ZDF"),
        ("Das Erste", "ARD"),
        ("ARTE", "Arte"),
        ("Canal+", "Canal+"),
        ("Movistar Plus+", "Movistar Plus+"),
        ("RaiPlay", "Rai"),
        ("SVT Play", "SVT"),
        ("Viaplay", "Viaplay"),
        ("NRK1", "NRK"),
        ("TV Globo", "Globo"),
        ("Las Estrellas", "Las Estrellas"),
        ("Caracol Televisión", "Caracol"),
        ("CCTV-8", "CCTV"),
        ("Geo Entertainment", "Geo TV"),
        ("Kapamilya Channel", "Kapamilya Channel"),
        ("TRT 1", "TRT 1"),
        ("Super Channel", "Super Channel"),
        ("BBC Scotland", "BBC Scotland"),
        ("U&Dave", "Dave"),
        ("9Gem", "Nine"),
        ("7mate", "Seven"),
    ],
)
def test_canonical_names(name: str, canonical: str) -> None:
    assert canonical_network(name) == canonical


def test_zee_alone_is_its_channel_where_the_sentence_makes_it_one() -> None:
    assert [m.name for m in find_networks("The sitcom debuts on Zee this Sunday.")] == ["Zee TV"]


@pytest.mark.parametrize(
    "text",
    [
        "Max Greenfield stars as the detective.",
        "It was a Fox News exclusive.",
        "Amazon Studios produces the series.",
        "BBC Studios is a co-producer.",
        "The USA Today review was kind.",
        "Virgin Media Television has announced its autumn line-up.",
        "The ATV trails were closed for the winter.",
        "GMA News reported the casting first.",
        "Zee Studios produces the series.",
        "The interview was a view of the set.",
        "Dave Chappelle hosts the special.",
        "Gold Coast police closed the road.",
        "The Neon Genesis box set sold out.",
    ],
)
def test_ordinary_words_and_studios_are_not_networks(text: str) -> None:
    assert find_networks(text) == []


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Jessica Jones season 2", 2),
        ("the second season of the show", 2),
        ("season two", 2),
        ("series two of the drama", 2),
        ("'Show' S2 release date", 2),
        ("cycle 17 of the competition", 17),
        ("Mirror Lake Part 2", 2),
        ("its fifth and final season", 5),
        ("the 12th season", 12),
        ("a brand-new series", 1),
        ("the limited series", 1),
        ("a second six-part series", 2),
        ("its third 10-episode season", 3),
        ("their sophomore seasons", 2),
    ],
)
def test_seasons(text: str, number: int) -> None:
    assert find_seasons(text)[0].number == number


def test_a_new_series_of_a_uk_show_is_not_season_one() -> None:
    assert find_seasons("the new series of EastHaven") == []


def test_the_second_part_of_a_season_is_no_season_number() -> None:
    assert find_seasons("July 11 (the second part of the season)") == []


def test_a_time_right_after_season_is_no_season_number() -> None:
    assert find_seasons("back for an all new season 7.00pm Monday") == []
    assert find_seasons("back for an all new season 7:30pm Monday") == []
