"""Transcripts of pages read aloud, and dictated pages: the parser reads them as it reads the
page itself (signals_data/spoken.py). The stories are invented."""

from __future__ import annotations

from signals_data.parse import parse_text
from signals_data.spoken import from_transcript


def _text(*lines: str) -> str:
    return "\n".join(lines) + "\n"


def _signals(story):
    return [(s.headline, s.outlets) for s in story.signals]


def test_a_voice_memo_of_a_2023_page_with_headless_signals():
    text = _text(
        "Copper readout",
        "",
        "Tue, Mar 5, 2024 9:02AM • 2:58",
        "",
        "SUMMARY KEYWORDS",
        "",
        "copper, chile, codelco, mining, lithium",
        "",
        "SPEAKERS",
        "",
        "Speaker 1",
        "",
        "Speaker 1  00:01",
        "Memo for the mining desk: the Semaphore signals item from Monday.",
        "",
        "Speaker 1  00:08",
        "Chile's copper giant posts its lowest output in a quarter century.",
        "",
        "Speaker 1  00:13",
        "Updated October 30th, 2023, 4:15pm EDT. Insights from Reuters, Bloomberg and La Tercera.",
        "",
        "Speaker 1  00:21",
        "News. Codelco said on Monday that its copper output fell to a 25-year low.",
        "",
        "Speaker 1  00:44",
        "Signals.",
        "",
        "Speaker 1  00:46",
        "Its new projects have run over budget and behind schedule, Reuters reported.",
        "",
        "Speaker 1  01:10",
        "Lower Chilean output has helped keep copper prices firm, Bloomberg noted.",
        "",
        "Speaker 1  01:31",
        "Critics say a lithium push will stretch its managers further, La Tercera wrote.",
        "",
        "Speaker 1  01:52",
        "That's the whole page, filing it under mining.",
        "",
        "",
        "",
        "Transcribed by https://otter.ai",
    )
    story = parse_text(text)
    assert story.title == "Chile's copper giant posts its lowest output in a quarter century"
    assert story.published == "2023-10-30"
    assert [s.body for s in story.signals] == [
        "Its new projects have run over budget and behind schedule, Reuters reported.",
        "Lower Chilean output has helped keep copper prices firm, Bloomberg noted.",
        "Critics say a lithium push will stretch its managers further, La Tercera wrote.",
    ]


def test_subtitles_with_sentences_cut_between_cues_and_no_headline():
    text = _text(
        "1",
        "00:00:00,000 --> 00:00:03,100",
        "Updated February 4th, 2025, 7:20 AM Eastern.",
        "",
        "2",
        "00:00:03,100 --> 00:00:07,800",
        "Insights from Nation Africa, The EastAfrican and Reuters.",
        "",
        "3",
        "00:00:08,200 --> 00:00:13,900",
        "The news. Kenya's tea auction in Mombasa recorded its highest average price",
        "",
        "4",
        "00:00:13,900 --> 00:00:18,300",
        "in two years on Monday, as dry weather in India cut supplies.",
        "",
        "5",
        "00:00:18,900 --> 00:00:20,100",
        "Signals.",
        "",
        "6",
        "00:00:20,100 --> 00:00:23,400",
        "Farmers want a bigger share. Sources, Nation Africa, The EastAfrican.",
        "",
        "7",
        "00:00:23,400 --> 00:00:29,900",
        "Smallholders who grow most of the country's tea say brokers keep the gains,",
        "",
        "8",
        "00:00:29,900 --> 00:00:34,200",
        "Nation Africa reported. Buyers shift to Mombasa",
        "",
        "9",
        "00:00:34,200 --> 00:00:37,000",
        "from Colombo. Sources, Reuters, The",
        "",
        "10",
        "00:00:37,000 --> 00:00:41,500",
        "Tea Board. Pakistani and Egyptian packers bought more Kenyan tea, Reuters reported.",
    )
    story = parse_text(text)
    assert story.title == "" and "untitled" in story.flags
    assert story.published == "2025-02-04"
    assert _signals(story) == [
        ("Farmers want a bigger share", ["Nation Africa", "The East African"]),
        ("Buyers shift to Mombasa from Colombo", ["Reuters", "The Tea Board"]),
    ]
    assert story.signals[0].body == (
        "Smallholders who grow most of the country's tea say brokers keep the gains, "
        "Nation Africa reported."
    )


def test_a_meeting_read_aloud_between_questions_and_counting_the_signals():
    text = _text(
        "[Ines Duarte] 14:02:10",
        "Can someone read the Semafor one into the notes before we start?",
        "",
        "[Karl Weber] 14:02:15",
        "Sure, reading it now. It's Semafor Signals.",
        "",
        "[Karl Weber] 14:02:19",
        "Portugal's ports strike halts cork exports. Updated May 14, 2024, 9:30 a.m. Eastern."
        " Insights from Público, Expresso and the Financial Times.",
        "",
        "[Karl Weber] 14:02:31",
        "The news. Dock workers in Lisbon, Sines and Leixões walked out on Tuesday for the"
        " second time this month.",
        "",
        "[Karl Weber] 14:02:50",
        "Okay, and then signals. First one. A wage fight years in the making.",
        "",
        "[Karl Weber] 14:02:55",
        "Sources, Público, Expresso.",
        "",
        "[Karl Weber] 14:02:58",
        "Port pay has barely moved since 2015 while Lisbon rents have doubled, Público reported.",
        "",
        "[Ines Duarte] 14:03:10",
        "Wait, which year was that?",
        "",
        "[Karl Weber] 14:03:12",
        "2015, yes. Moving on. Exporters count the cost.",
        "",
        "[Karl Weber] 14:03:17",
        "Source, the Financial Times.",
        "",
        "[Karl Weber] 14:03:19",
        "Cork makers say each week of stoppage costs them millions, the Financial Times noted.",
        "",
        "[Karl Weber] 14:03:31",
        "That's everything, link to follow.",
        "",
        "[Ines Duarte] 14:03:33",
        "Thanks. Next item is the budget.",
    )
    story = parse_text(text)
    assert story.title == "Portugal's ports strike halts cork exports"
    assert story.published == "2024-05-14"
    assert _signals(story) == [
        ("A wage fight years in the making", ["Público", "Expresso"]),
        ("Exporters count the cost", ["Financial Times"]),
    ]
    assert [s.body for s in story.signals] == [
        "Port pay has barely moved since 2015 while Lisbon rents have doubled, Público reported.",
        "Cork makers say each week of stoppage costs them millions, the Financial Times noted.",
    ]


def test_webvtt_cues_with_voices_and_an_interruption():
    text = _text(
        "WEBVTT",
        "",
        "a1/1-0",
        "00:00:01.000 --> 00:00:04.500",
        "<v Lena Novak>Putting the Semafor",
        "signals page into the minutes.</v>",
        "",
        "a1/2-0",
        "00:00:05.000 --> 00:00:08.000",
        "<v Lena Novak>Slovenia opens its first",
        "nuclear tender in decades.</v>",
        "",
        "a1/3-0",
        "00:00:08.500 --> 00:00:10.000",
        "<v Lena Novak>Updated June 12th, 2023.</v>",
        "",
        "a1/4-0",
        "00:00:10.500 --> 00:00:19.000",
        "<v Lena Novak>News. Slovenia asked reactor makers",
        "on Monday to bid for a second unit at",
        "the Krško plant, which it shares with Croatia.</v>",
        "",
        "a1/5-0",
        "00:00:19.500 --> 00:00:20.500",
        "<v Lena Novak>Signals.</v>",
        "",
        "a1/6-0",
        "00:00:21.000 --> 00:00:29.000",
        "<v Lena Novak>Ljubljana hopes the new unit will",
        "cut its reliance on coal from the Šoštanj",
        "plant, Delo reported.</v>",
        "",
        "a1/7-0",
        "00:00:29.500 --> 00:00:31.000",
        "<v Marko Horvat>Is that the Delo piece from May?</v>",
        "",
        "a1/8-0",
        "00:00:31.500 --> 00:00:33.000",
        "<v Lena Novak>Different one, from June.</v>",
        "",
        "a1/9-0",
        "00:00:33.500 --> 00:00:41.000",
        "<v Lena Novak>Zagreb wants a say in the project",
        "because it owns half of the existing plant,",
        "Jutarnji list noted.</v>",
    )
    story = parse_text(text)
    assert story.title == "Slovenia opens its first nuclear tender in decades"
    assert story.published == "2023-06-12"
    assert [s.body for s in story.signals] == [
        "Ljubljana hopes the new unit will cut its reliance on coal from the Šoštanj plant,"
        " Delo reported.",
        "Zagreb wants a say in the project because it owns half of the existing plant,"
        " Jutarnji list noted.",
    ]


def test_two_voices_share_the_reading_under_times_before_their_names():
    text = _text(
        "00:00:00 Speaker 1",
        "Hi, this is the Semafor Signals, Argentina's peso slides again as reserves run dry."
        " Updated March 4th, 2024, 10:12 AM EST. Insights from Clarín, La Nación and Reuters.",
        "",
        "00:00:14 Speaker 1",
        "Now the news. Argentina's peso fell 3% on Monday after reserves dropped below $20"
        " billion.",
        "",
        "00:00:29 Speaker 2",
        "Hold on, is that the official rate or the parallel one?",
        "",
        "00:00:31 Speaker 1",
        "Official. Okay. Now the signals.",
        "",
        "00:00:34 Speaker 1",
        "Exporters hold back. Source is Clarín. Soy exporters are sitting on their harvest,"
        " Clarín reported.",
        "",
        "00:00:49 Speaker 2",
        "I'll take the next one. A lifeline from Beijing? Sources, Reuters, La Nación. China"
        " agreed to extend a currency swap line, Reuters reported.",
        "",
        "00:01:05 Speaker 1",
        "Thanks, that's all.",
    )
    story = parse_text(text)
    assert story.title == "Argentina's peso slides again as reserves run dry"
    assert (
        story.summary
        == "Argentina's peso fell 3% on Monday after reserves dropped below $20 billion."
    )
    assert _signals(story) == [
        ("Exporters hold back", ["Clarín"]),
        ("A lifeline from Beijing?", ["Reuters", "La Nación"]),
    ]
    assert story.signals[0].body == "Soy exporters are sitting on their harvest, Clarín reported."


def test_a_meeting_transcript_with_speakers_named_before_their_words():
    text = _text(
        "Desk sync - 2024/11/05 10:00 - Transcript",
        "Attendees",
        "Ana Ruiz, Tom Hale",
        "Transcript",
        "00:00:00",
        "",
        "Ana Ruiz: Tom, can you read the Semafor one?",
        "Tom Hale: Sure, Semafor Signals, Peru's Congress votes to extend mining amnesty."
        " Updated November 4, 2024, 6:00 PM EST. Politics, South America.",
        "Tom Hale: The news. Peru's Congress voted on Monday to give small-scale miners another"
        " year to formalize their operations.",
        "Tom Hale: Signals. Environmental groups are alarmed.",
        "Tom Hale: Source: Mongabay. Mining camps are spreading along rivers, Mongabay reported.",
        "Ana Ruiz: Madre de Dios is the southern one, right?",
        "Tom Hale: Right, it is. A boost for gold exports. Sources: Gestión, Reuters. Peru's gold"
        " exports hit a record last year, Reuters reported.",
        "Ana Ruiz: Thanks, that's enough.",
    )
    story = parse_text(text)
    assert story.title == "Peru's Congress votes to extend mining amnesty"
    assert story.published == "2024-11-04"
    assert _signals(story) == [
        ("Environmental groups are alarmed", ["Mongabay"]),
        ("A boost for gold exports", ["Gestión", "Reuters"]),
    ]
    assert story.signals[1].body == "Peru's gold exports hit a record last year, Reuters reported."


def test_windows_dictation_with_spoken_commands():
    text = _text(
        "Semafor Signals.",
        "Mongolia bans coal trucks from the capital in winter.",
        "Updated January 9, 2024, 3:05 AM EST.",
        "Insights from Montsame, Reuters and The Diplomat.",
        "The news.",
        "Mongolia said on Tuesday that coal trucks would be barred from Ulaanbaatar in winter."
        " new paragraph The city has some of the world's dirtiest winter air.",
        "Signals.",
        "Semafor Signals: Global insights on today's biggest stories.",
        "Herders pay the price.",
        "Source colon Montsame.",
        "Families on the city's edge burn raw coal to heat their tents, Montsame reported.",
        "A blow to miners.",
        "Sources: Reuters, The Diplomat.",
        "Coal exporters fear delays at the border, Reuters reported. stop dictation",
    )
    story = parse_text(text)
    assert story.title == "Mongolia bans coal trucks from the capital in winter"
    assert story.published == "2024-01-09"
    assert _signals(story) == [
        ("Herders pay the price", ["Montsame"]),
        ("A blow to miners", ["Reuters", "The Diplomat"]),
    ]
    assert story.signals[1].body == "Coal exporters fear delays at the border, Reuters reported."


def test_dictation_with_punctuation_said_as_words():
    text = _text(
        "Notes for the Andes folder",
        "",
        "Semafor Signals",
        "",
        "Bolivia rations diesel as dollar shortage deepens",
        "",
        "Updated August 21, 2024 11:40 AM EDT",
        "",
        "Insights from El Deber, Reuters and Americas Quarterly",
        "",
        "The News",
        "",
        "Bolivia began limiting diesel sales on Wednesday comma with trucks queuing for hours.",
        "",
        "Signals",
        "",
        "Farmers warn of a lost harvest",
        "",
        "Source El Deber",
        "",
        "Soy growers say they cannot run their harvesters without fuel comma El Deber reported.",
        "",
        "Reserves are nearly gone",
        "",
        "Sources colon Reuters, Americas Quarterly",
        "",
        "The central bank has sold most of its gold period Importers wait weeks for dollars.",
    )
    story = parse_text(text)
    assert story.published == "2024-08-21"
    assert _signals(story) == [
        ("Farmers warn of a lost harvest", ["El Deber"]),
        ("Reserves are nearly gone", ["Reuters", "Americas Quarterly"]),
    ]
    assert [s.body for s in story.signals] == [
        "Soy growers say they cannot run their harvesters without fuel, El Deber reported.",
        "The central bank has sold most of its gold. Importers wait weeks for dollars.",
    ]


def test_a_run_on_voice_note_under_front_matter():
    text = _text(
        "---",
        "title: Vietnam raises power prices for the third time in a year",
        'source: "https://www.semafor.com/article/10/11/2024/vietnam-power-prices"',
        "tags:",
        "  - signals",
        "---",
        "",
        "# Power prices – voice note",
        "",
        "![[Recording 20241012.m4a]]",
        "",
        "Semaphore Signals. Updated October 11th, 2024, 8.30am Eastern. Insights from VnExpress"
        " and Nikkei Asia. The News. Vietnam's state utility raised average electricity prices"
        " by nearly 5% on Friday. Signals. Factories brace for costs. Source, VnExpress."
        " Manufacturers in the north say the rise adds to their costs, VnExpress reported. A grid"
        " that cannot keep up? Source, Nikkei Asia. Investors have complained about outages near"
        " Hanoi, Nikkei Asia noted. And that's the page.",
    )
    story = parse_text(text)
    assert story.title == "Vietnam raises power prices for the third time in a year"
    assert story.url == "https://semafor.com/article/10/11/2024/vietnam-power-prices"
    assert story.updated == "2024-10-11T08:30:00-04:00"
    assert _signals(story) == [
        ("Factories brace for costs", ["VnExpress"]),
        ("A grid that cannot keep up?", ["Nikkei Asia"]),
    ]


def test_a_recorder_with_the_date_and_label_said_after_the_headline():
    text = _text(
        "Recording 12 — Sep 3, 2024 6:40 PM",
        "Transcript",
        "",
        "Speaker 1",
        "00:00",
        "Reading the page you have open.",
        "",
        "Speaker 2",
        "00:02",
        "Ghana's cocoa board delays payments to farmers",
        "",
        "00:06",
        "Updated September 2nd, 2024, 5:15 p.m. EDT. Semaphore signals. Insights from GhanaWeb"
        " and Bloomberg.",
        "",
        "00:13",
        "The news.",
        "",
        "00:15",
        "Ghana's cocoa regulator said on Monday that payments for the new season would be late.",
        "",
        "00:31",
        "Signals. Semaphore signals: global insights on today's biggest stories.",
        "",
        "00:36",
        "Smuggling to neighbors rises",
        "",
        "00:39",
        "Source: GhanaWeb.",
        "",
        "00:41",
        "Farmers near the border are selling beans in Togo for cash, GhanaWeb reported.",
        "",
        "01:02",
        "Speaker 1",
        "End of article.",
    )
    story = parse_text(text)
    assert story.title == "Ghana's cocoa board delays payments to farmers"
    assert story.published == "2024-09-02"
    assert _signals(story) == [("Smuggling to neighbors rises", ["GhanaWeb"])]
    assert story.signals[0].body == (
        "Farmers near the border are selling beans in Togo for cash, GhanaWeb reported."
    )


def test_times_before_the_words_and_no_news_heading_said():
    text = _text(
        "[00:00:01] Okay, this is the Semafor Signals page, reading it now.",
        "[00:00:05] Serbia signs a lithium deal with the EU.",
        "[00:00:08] Updated 19 July 2024 at 2:10 PM EDT.",
        "[00:00:12] Serbia and the European Union signed an agreement on Friday to develop"
        " lithium mining in the Jadar valley.",
        "[00:00:30] Signals.",
        "[00:00:31] Protesters vow to return. Sources, N1, Balkan Insight.",
        "[00:00:36] Environmental groups said they would block roads again, N1 reported.",
        "[00:00:50] That's it.",
    )
    story = parse_text(text)
    assert story.title == "Serbia signs a lithium deal with the EU"
    assert story.published == "2024-07-19"
    assert _signals(story) == [("Protesters vow to return", ["N1", "Balkan Insight"])]


def test_page_text_passes_through_unchanged():
    """A copy as printed, the same under a dictated note, its markup, and a transcript of a
    page that is no Signals page: none is changed."""
    printed = _text(
        "Semafor Signals",
        "",
        "Uruguay’s new president names his cabinet",
        "",
        "Updated Feb 28, 2025, 5:10pm EST",
        "",
        "Insights from El País Uruguay and Reuters",
        "",
        "The News",
        "",
        "Yamandú Orsi will take office on Saturday with a cabinet drawn from his whole coalition.",
        "",
        "SIGNALS",
        "",
        "Semafor Signals: Global insights on today's biggest stories.",
        "",
        "Markets expect continuity",
        "",
        "Source: Reuters",
        "",
        "Investors see little change to Uruguay’s fiscal rules, Reuters reported.",
    )
    noted = "Dictated 9:12 AM: Semafor Signals page on Uruguay comma for Friday period.\n\n"
    markup = "<html><body><p>Semafor Signals. The news.</p></body></html>"
    article = _text(
        "Speaker 1  0:00",
        "Reading a standard Semafor story for the Uganda file, there's no signals part. Uganda"
        " opens refinery talks. Updated March 1, 2024, 8:00 AM EDT.",
        "",
        "Speaker 1  0:12",
        "The news. Uganda said on Friday it would restart talks over a refinery.",
        "",
        "Speaker 1  0:25",
        "Know more. The project has been delayed for a decade.",
    )
    for text in (printed, noted + printed, markup, article):
        assert from_transcript(text) == text
