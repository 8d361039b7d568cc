"""Parse the plain text of a Signals page into a ``Story``.

The text comes from ``extract.to_text``. Parsing never relies on fixed line positions: page
furniture is dropped by a list of known lines, then the page is cut at its landmarks (the
"Semafor Signals" label, "The News", the "SIGNALS" header) and each part is read by rules that
recognise what a line is (a timestamp, a tag line, an insights list, a photo credit, a Source line).
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from urllib.parse import unquote

import simplemma

from signals_data.budget import check as check_budget
from signals_data.credits import StoryOutlets, resolve_all, split_names, split_source_names
from signals_data.dates import (
    MONTH_PATTERN,
    MONTH_PATTERN_CAPITALIZED,
    date_from_url,
    iso_date,
    parse_timestamp,
)
from signals_data.errors import NotSignalsPage, ParseError
from signals_data.extract import (
    APP_LINK,
    QUOTED_PAGE_END,
    SEMAFOR_ARTICLE,
    is_semafor_article,
    original_address,
    semafor_address,
    wrapped_article,
)
from signals_data.models import Hints, Signal, Story
from signals_data.outlets import Registry, clean_name, load_registry, name_key, scan_mentions
from signals_data.page_forms import as_page_text
from signals_data.screens import (
    is_icon,
    is_screen_bar,
    without_overlaps,
    without_screen_furniture,
    without_source_icon,
)
from signals_data.themes import StoryText, Taxonomy, load_taxonomy, score_stories_themes
from signals_data.translated import from_translation
from signals_data.urls import normalize_url

# Lines that are page furniture: image alt texts, navigation, share bars, error banners.
FURNITURE = {
    # A social post's buttons, each on a line of its own beside its count (Threads, Facebook).
    "like",
    "comment",
    "repost",
    "translate",
    "everybody can reply",  # a thread's post's reply setting, under its link card (Bluesky)
    "visit website",  # a feed reader's button beside the item's source (Feedly)
    # The tagline without its label, as a partner's print edition sets it under "SEMAFOR SIGNALS".
    "global insights on today’s biggest stories",
    "global insights on today's biggest stories",
    "icon",
    "title icon",
    "source icon",
    "resource icon",  # a machine translation back to English
    "arrow down",
    "arrow up",
    "postemailwhatsapp",
    "postemail",
    "tweetemailwhatsapp",
    "tweetemail",
    "emailwhatsapp",
    "ad",
    "advertisement",
    "semafor logo",
    "rotating globe",
    "oops!",
    "something went wrong.",
    "please try again later.",
    "share",
    "copy link",
    "d.c.",
    "bxl",
    "lagos",
    "dubai",
    "riyadh",
    "beijing",
    "sg",
    "semafor",
    "semafor world",
    "sign up",
    "your email address",  # a newsletter box's field
    "email address",
    "enter your email",
    "read it now.",  # the box's link to the newsletter
    "read it now",
    "sign in",
    "subscribe",
    "menu",
    "search",
    "newsletters",
    "close",
    # Buttons of syndication apps and print views.
    "follow",
    "following",
    "open in app",
    "print",
    "print close",
    "excerpt",  # a clipper's heading over the page's description
    "view original",  # a read-later app's link to the page
    "metadata",  # a read-later export's headings and links (Readwise, Omnivore)
    "full document",
    "full content",
    "content",
    "highlights",
    "read original",
    "read on omnivore",
    "open original",  # a read-later app's buttons below the page (Matter)
    "highlight",
    "add note",
    "mark as read",
    "listen",  # an audio player's buttons under the header
    "listen to this article",
    "listen to article",
    "text to speech",  # a read-later app's buttons (Instapaper)
    "send to pocket",
    "current text",  # a page monitor's alert around the watched text (Distill)
    "previous text",
    # A feed reader's summary box above the page (Feedly's: "Feedly AI", "Summary", its lines).
    "feedly ai",
    "summary",
    "was this summary helpful? yes no",
    "ad blocked",  # what an ad blocker leaves where an ad was
    "this ad has been removed",
    # Syndicating apps' own lines between the headline and the page: Yahoo's toast after its
    # share button, a partner's byline part, SmartNews's switch to the original.
    "link copied",
    "partner content",
    "original page",
    "smart view",
    "share this story",
    # Cookie banners and site chrome above the story.
    "manage preferences",
    "accept all",
    "reject all",
    "accept cookies",
    "cookie settings",
    "skip to main content",
    "skip to content",
    "video",
    "log in",
    "accept",
    "decline",
    "events",
    "podcasts",
    "sign in subscribe",
    # A web archive's toolbar.
    "about this capture",
    "wayback machine",
    "view comments",  # a portal's button above the page (Yahoo); below it, the page's end
    "success",
    "fail",
    "go",
}
# Where the story ends: anything after these is site furniture.
END_MARKERS = {
    # A social platform's panels and reactions below a post that pastes the page.
    "relevant people",  # (X)
    "what’s happening",
    "what's happening",
    "all reactions:",  # (Facebook)
    "semafor.com",  # a post's link card below the page it pastes: the address, then the title
    "log in to see more replies.",  # (Threads)
    "semafor logo",
    # A note's exported page: its side panels below the copy (Obsidian's Webpage HTML Export).
    "table of contents",
    "interactive graph",
    "in this article:",  # the story's topic links below it
    "open questions",  # a wiki page's or a note's own section below the page
    "notes",  # (a daily note's "## Notes", "## Tasks" below the page pasted into it)
    "my notes",
    "tasks",
    "to do",
    "to-do",
    # A list archive's buttons and navigation below a message (Google Groups, MHonArc).
    "reply all",
    "reply to author",
    "haut de page",
    "top of page",
    "chronologique discussions",
    "chronological thread",
    "checklist",  # a card's or a note's own list below the page (Trello's "Checklist (1/3)")
    "end of document",  # a news database's export
    # The close of an issue tracker's block that held the copy ("{noformat}" in Jira's markup),
    # and its section of comments and history below the description.
    "{noformat}",
    "{code}",
    "{quote}",
    "[/quote]",  # a forum's quote of the page (Discourse's BBCode), the thread's posts after it
    "labels:",  # a wiki page's labels and comments below the page (Confluence)
    "no comments",
    "write a comment…",
    "write a comment...",
    "activity",
    "in this article",
    "highlights",  # a read-later app's highlights below the page (Omnivore's "## Highlights")
    "translate post",  # a social post's own buttons and counts below the page it pastes (X)
    "open in semafor",  # a shared document's link back to the page, below the copy
    "post your reply",
    "view quotes",
    "show more replies",
    "upvote",  # a forum's (Reddit)
    "top comments",
    "reblog",  # a Tumblr post's buttons
    "join the conversation",
    "go to comments",
    "comments section",
    "sort by:",
    "info",  # a read-later app's side panel tabs (Readwise Reader's "Info / Notebook / Links")
    "notebook",
    "document note",
    # A chat assistant's turn after the page pasted into it: its reply, its drafts.
    "show drafts",
    "chatgpt said:",
    "gemini said:",
    "copilot said:",
    "claude said:",
    "analyst comment",  # a note's own heading below the page, without its colon
    "analyst comments",
    "analyst note",
    "analyst notes",
    "follow-ups",  # a note's own headings below the clipped page
    "follow ups",
    "action items",
    "about",  # the site's footer links, one a line
    "about us",
    "careers",
    "more from semafor",
    "read more",
    "related",
    "related:",
    "related content",
    "more stories",
    "recommended",
    "recommended for you",
    "more for you",  # a portal's list below a syndicated copy (MSN)
    "continue reading",  # its link to the rest on the publisher's site
    "you may also like",
    # A re-poster's list of its own stories below the page, in its language.
    "te puede interesar",
    "también te puede interesar",
    "lee también",
    "leia também",
    "veja também",
    "à lire aussi",
    "lire aussi",
    "mehr zum thema",
    "most read",
    "most popular",
    "trending",
    "privacy policy",
    "terms of service",
    "terms of use",
    "cookie policy",
    "comments:",
    "comments",
    "blog archive",
    # A social post's buttons below the page it pastes, in Spanish and Portuguese (LinkedIn).
    "recomendar",
    "comentar",
    "compartir",
    "compartilhar",
    "más relevantes",
    "mais relevantes",
    # The page's own share bar and a portal's links below the last signal.
    "post email whatsapp",
    "postemailwhatsapp",
    "sharepostemailwhatsapp",
    "whatsapp",
    "share on linkedin",
    "view comments",
    "privacy dashboard",
    "about our ads",
    "back to top",
    "privacy policyterms of service",
    "paramètres des témoins",
}
# An analyst's own note below the copy ("My note: check whether…", "My comments"): it ends the
# copy, unless the page's next signal follows it (see ``_next_signal``).
OWN_NOTE_PREFIXES = (
    "my note",
    "my comment",
    "my take",
    "my thoughts",
    "analyst note",
    "analyst's note",
    "analyst’s note",
    "note to self",
    "my highlights",
    "follow-up:",  # "Follow-up: check Kremlin reaction Thu"
    "follow up:",
)
# Footers and blog re-post trailers start with these ("© Semafor Inc. Terms Privacy").
END_PREFIXES = (
    "©",
    "copyright ©",
    "all rights reserved",
    "[end of",  # a scraper's "[end of item 55120]"
    "load-date:",  # a news database's field below the text
    "copyright of ",  # EBSCO's: "Copyright of Semafor is the property of Semafor Inc. and …"
    "source citation (",  # and its citation of the record: "Source Citation (MLA 9th Edition)"
    "citation (",  # "Citation (MLA)" (NewsBank)
    "record number:",
    "created with onenote",  # a note app's own line below its export
    "next steps:",  # someone's note below the page: "Next steps: brief on the budgets"
    "translated with deepl",  # a translator's credit below its text: "… DeepL.com (free version)"
    "attachments:",  # a ticket's fields below its description: "Attachments: none"
    # A mail gateway's line below the message: "This message has been scanned for viruses",
    # in Polish "Wiadomość została sprawdzona przez program antywirusowy".
    "this message has been scanned",
    "this email has been scanned",
    "wiadomość została sprawdzona",
    "activity: comments",  # and its history: "Activity: Comments (1)"
    "open original",  # a feed reader's link under its item: "Open original · Tags: #pensions"
    "shared from ",  # an app's share trailer: "Shared from Artifact · Personalized news feed"
    "shared via ",
    "culled from",  # a Nigerian portal's credit to the page it copied: "Culled from Semafor."
    "checklist (",
    "printed with printfriendly",  # a print service's footer: "Printed with PrintFriendly.com"
    "read it on semafor",  # a newsletter draft's link under the pasted page
    "read full article",  # an aggregator's link to the rest: "Read Full Article at Semafor"
    "read the full article",
    "get the full story on",  # a mail's link back to the page: "Get the full story on Semafor.com"
    "read the original on",  # a newsletter's: "Read the original on semafor.com ( https://… )"
    # A mail's legal disclaimer below a signature: "The information in this message is…".
    "the information in this message",
    "the information contained in this",
    "this message and any attachments",
    "this e-mail and any attachments",
    "this email and any attachments",
    "confidentiality notice",
    "👁",  # a channel post's views below it: "👁 3.4K" (Telegram)
    "semafor inc",
    "semafor ©",
    "— copied from",  # a note-taker's last line: "— copied from semafor.com"
    "that's the page",  # the poster's own word after the page's last part: "That's the page."
    "that’s the page",
    *OWN_NOTE_PREFIXES,
    "originally published",  # a re-poster's credit after the story
    "originally appeared",
    "first published",
    "this article originally",
    "this article was first",  # "This article was first published by Semafor and is reprinted…"
    "this article was originally",
    "this story was first",
    "this story originally",
    "sent from my ",  # "Sent from my iPhone"
    "sent from outlook",  # "Sent from Outlook for iOS"
    "sent to kindle",
    "sent with push to kindle",
    "converted by calibre",
    "clipped with ",  # "Clipped with Obsidian Web Clipper", "Saved with Omnivore · 28 Oct 2024"
    "saved with ",
    "viewed using ",  # "Viewed using Just Read"
    "read more on semafor",
    "read on semafor",  # a feed-to-mail service's link below the page: "Read on semafor.com →"
    "view original wrong layout",  # Telegram's Instant View below the page
    "wrong layout? leave feedback",
    # A digest's or an alert's own footer: "You're receiving this because you subscribed…",
    # "Manage this Zap: https://…".
    "you’re receiving this",
    "you're receiving this",
    "you are receiving this",
    "you received this",
    "manage this zap",
    "read the original article",
    "read original · ",  # a feed reader's actions: "Read original · [Star] · [Share]"
    "[message clipped]",  # Gmail's "[Message clipped]  View entire message"
    "(full text not available",  # a feed reader's note on an item it could not fetch
    "next in ",  # a reader's link to the feed's next item: "Next in Semafor | Signals: …"
    "post by ",  # a forum's next post: "Post by harbourlights » Thu May 08, 2025 10:15 pm"
    "next article",
    "next starred item:",  # a feed reader's link to the next item it holds
    "next item:",
    "up next",
    "share:",  # "Share: Facebook · X · WhatsApp"
    "partager :",
    "get outlook for ",
    "enviado desde ",  # the same, in the mail app's language
    "enviado do ",
    "envoyé de ",
    "envoyé depuis ",
    "gesendet von ",
    "inviato da ",
    "you received this email",  # a mailing list's or a mail's footer
    "you received this message",
    "confidentiality notice",  # a company mail's legal footer
    "confidentiality:",
    "disclaimer: this e",
    "this message and any attachments",
    "this email and any attachments",
    "this e-mail and any attachments",
    "leave a reply",
    "annotations (",  # a reading app's notes below the page: "Annotations (2)"
    "leave a comment",
    "related posts",
    "related stories",
    "related articles",
    "related coverage",
    "related: ",  # a note app's links: "Related: [[election notes]]"
    "related reading",
    "more coverage",
    "earlier coverage",  # a re-poster's links below the story: "Read our earlier coverage:"
    "previous coverage",
    "read our earlier",
    "read our previous",
    "our earlier coverage",
    "more on this story",
    "read next",
    "share this",
    "filed under",
    "tags:",
    "posted by ",
    "♡ like",
    "etiquetas:",
    "compartir:",
)
# Newsletter sign-up lines ("Sign up for Semafor Flagship: …") stand anywhere on 2023 pages.
SIGN_UP = (
    "sign up for semafor",
    "subscribe to semafor",
    "get semafor ",
    "enter your email",
    "by signing up",
    "by subscribing",
)
# A newsletter's name on a line of its own opens its box ("Semafor Flagship" / "In your inbox,
# every weekday."); in a sentence ("Semafor Africa reported…") it is text.
NEWSLETTER_NAMES = {
    "semafor flagship",
    "semafor world today",
    "semafor net zero",
    "semafor africa",
    "semafor gulf",
    "semafor technology",
    "semafor business",
    "semafor principals",
    "semafor tech",
    "semafor media",
    "semafor americana",
    "semafor security",
}
# Any other newsletter's name between signals ("Semafor Americas"): its box, as the names above.
_NEWSLETTER_NAME = re.compile(r"^semafor (?!signals$)[a-z]+(?: [a-z]+)?$")
# A newsletter box between signals, after its "Get Semafor … in your inbox": its promise and
# its button ("The most important news on climate, twice a week." / "Sign up").
_PROMO_LINE_MAX = 160  # "The world’s biggest stories, in your inbox every weekday. Join the…"
_PROMISE = re.compile(
    r"\b(?:inbox|newsletter|briefing|every (?:week)?day|daily|weekly|twice a week|each week"
    r"|delivered|free|exclusive|scoops|essential|must-read"
    # A box's line on its writer: "Reed Albergotti on the people and companies shaping the…".
    r"|shaping|the future of|the people (?:and|who))\b"
)
# (A machine translation back to English may make them singular, "Semafor signal", "SIGNAL", and
# the name a word: "Semaphore Signals".)
LABEL = re.compile(r"^(?:views from )?(?:semafor|semaphore) signals?$", re.I)
SIGNALS_HEADER = re.compile(r"^SIGNALS?$")
_TITLE_CASE_SIGNALS = re.compile(r"^Signals$")
# "Semafor Signals: Global insights on today's biggest stories." (reworded on translated copies;
# italic marks of a copied Markdown before it)
# ("Signals from Semafor: Global perspectives on…", a translation's order of the words.)
TAGLINE = re.compile(
    r"^[_*]{0,2}(?:(?:semafor|semaphore) signals?|signals? from (?:semafor|semaphore))\s*:", re.I
)
# "NEWS" (2023 pages) only in capitals: a line "News" or "news" is more likely text.
NEWS_HEADER = re.compile(r"^(?:[Tt]he [Nn]ews|THE NEWS|[Tt]he [Ii]nformation|NEWS)$")
INSIGHTS = re.compile(r"^(?:with\s+)?(?:insights|views)\s+from\s*:?\s+(?P<names>.+?)\.?$", re.I)
SUPPORTED_BY = re.compile(r"^supported by\s*:?\s*(?P<sponsor>.*)$", re.I)
# "Source:", and as re-posters rewrite it: "Source —", "Sources |", "Source(s):".
SOURCE_LINE = re.compile(
    r"^(?:fuentes?\s*/\s*)?(?P<label>sources?|resources?|source\(s\)|fuentes?)"
    r"(?:\s*:|\s*[—–|]|\s+-(?=\s)|\s*$)\s*(?P<names>.*)$",
    re.I,
)
LOGO = re.compile(r"^(?P<name>.+?)\s+logo$", re.I)
_LOGO_MAX_CHARS = 60  # a logo's alt text; a paragraph ending "… Semafor Logo" is text
CHART_ALT = re.compile(r"^(?:a |an )?(?:chart|graph|map|table) (?:showing|of|depicting)\b", re.I)
CHART_ALT_MAX_CHARS = 200  # a chart's description; a paragraph may open "A map of the results…"


def _is_chart_alt(text: str) -> bool:
    return len(text) <= CHART_ALT_MAX_CHARS and CHART_ALT.match(text) is not None


CONTRIBUTED = re.compile(r"contributed (?:reporting )?to this (?:report|story|article)\.?$", re.I)
CREDIT_AGENCIES = (
    r"Reuters|REUTERS|AP|AP Photo|AFP|Getty Images|EPA|EPA-EFE|Bloomberg|Pool|File Photo|"
    r"Sipa USA|Anadolu|Xinhua|Sputnik|Kremlin|Handout|Semafor"
)
PHOTO_CREDIT = re.compile(
    rf"(?:^FILE PHOTO:|REUTERS/|\bvia (?:Reuters|REUTERS|Getty Images|AP|AFP)\s*$"
    rf"|(?:^|\s)[\w.'’ -]{{2,40}}(?:/[\w.'’ -]{{2,40}})*/(?:{CREDIT_AGENCIES})\s*$"
    # The agency first, after the caption's sentence: "… western Serbia. Reuters/Zorana Jevtic".
    rf"|[.!?”]\s+(?:{CREDIT_AGENCIES})/[\w.'’ -]{{2,40}}$"
    # A handout's credit after the caption: "… Port Vila. Handout via RNZ Pacific".
    r"|[.!?”]\s+(?:Handout|Pool)(?: photo)? via [\w.'’ &-]{2,50}$)"
)
# A caption that names its credit: "… in Riyadh. Photo: Courtesy of KACST".
_LABELLED_CREDIT = re.compile(r"[.!?”]\s+(?:Photo|Photograph|Image|Credit)s?:\s+[\w.'’ &-]{2,60}$")
CATEGORIES = (
    "security",
    "politics",
    "business",
    "technology",
    "tech",
    "africa",
    "net zero",
    "media",
    "climate",
    "energy",
    "gulf",
    "world",
    "economy",
    "finance",
    "health",
    "science",
    "culture",
    "sports",
    "ideas",
    "compass",
    "principals",
)
REGIONS = (
    "North America",
    "South America",
    "Latin America",
    "Central America",
    "Europe",
    "Africa",
    "Middle East",
    "South Asia",
    "East Asia",
    "Southeast Asia",
    "Central Asia",
    "Asia-Pacific",
    "Asia/Pacific",
    "Asia Pacific",
    "Asia",
    "Oceania",
    "Americas",
    "Global",
    "Gulf",
)
TAG_LINE = re.compile(
    r"^(?P<category>(?i:" + "|".join(re.escape(c) for c in CATEGORIES) + r"))?\s*"
    r"(?P<region>(?i:" + "|".join(re.escape(r) for r in REGIONS) + r")"
    # (A country after a section, on a copy that renamed its region: "Technology China".)
    r"|(?<=[a-z] )[A-Z][a-z]{2,14})?$"
)
# A scraper's tags glued to the headline after them: "politicsEurope Spain’s Sánchez wins…".
_TAGS_THEN_HEADLINE = re.compile(
    r"^(?P<tags>(?:" + "|".join(re.escape(c) for c in CATEGORIES) + r")"
    r"(?:" + "|".join(re.escape(r) for r in REGIONS) + r")) (?P<headline>[A-Z“\"‘].{15,})$"
)
_AFTER_HEADLINE = re.compile(r"\s*(?:Tweet|Post)Email ?Whatsapp\s*|\s+(?=(?:With )?Insights from )")
# A headline with its Insights line glued on, no space between: "…drug war killingsInsights
# from the Philippine Daily Inquirer, Rappler". (Spaced, the two are often one line on purpose.)
_GLUED_INSIGHTS = re.compile(r"^(?P<headline>.{15,}?[a-z0-9’”)?])(?P<insights>Insights from \S.*)$")
# A section's heading glued to its first paragraph: "NEWS Spain’s parliament on Thursday…".
_GLUED_SECTION = re.compile(r"^(?P<heading>THE NEWS|NEWS|SIGNALS) (?P<text>[A-Z“\"‘].{39,})$")
# The same in title case, read only before the page's News ("The News Corp deal…" may open one).
_GLUED_NEWS = re.compile(r"^The News [A-Z“\"‘].{39,}$")
# Furniture words of machine-translated or rewritten copies: parse them, but say so.
LOW_CONFIDENCE = re.compile(r"^(?:[Vv]iews from|The Information$|[Rr]esources?\s*:|The news$)")
NON_SIGNALS_KINDS = (
    (re.compile(r"^the world today$", re.I), "a newsletter ('The World Today')"),
    (re.compile(r"^know more$", re.I), "a standard Semafor article (has 'Know More')"),
    (
        re.compile(r"^from semafor flagship|in your inbox, every weekday", re.I),
        "a newsletter-style article ('From Semafor Flagship')",
    ),
)
TERMINAL = re.compile(r"[.!?…\"”’)\]]$")
_ENDS_LIKE_CLAUSE = re.compile(r"[.:;,][\"”’']?$")
_ENDS_LIKE_SENTENCE = re.compile(r"[.!?][\"”’']?$")
HEADLINE_MAX_CHARS = 160
HEADLINE_MAX_WORDS = 22
TITLE_MAX_CHARS = 220
TITLE_MAX_WORDS = 32
# A single word above a copy is a ticker, a tag or a button ("USDTRY=X", "TUR"), never a
# headline.
TITLE_MIN_WORDS = 2


@dataclass
class Line:
    text: str
    key: str  # lower-cased, bullet-stripped form for furniture checks


_CONTINUED = re.compile(r"^\(cont(?:inued|'d|\.)?\)\s*", re.I)


# Emoji before a line's text: flags (regional indicators), pictographs, dingbats; not a list's
# check boxes and ticks ("☑ Share with Paris team").
_LEADING_EMOJI = re.compile(
    "^(?:[\U0001f1e6-\U0001f1ff\U0001f300-\U0001faff\u2600-\u260f\u2613-\u2712\u2719-\u27bf]"
    "\ufe0f?)+\\s+(?=[A-Z“\"‘'])"
)


def _normalize_line(raw: str) -> str:
    if not raw.isascii():
        raw = unicodedata.normalize("NFC", raw)
        if "\u200b" in raw or "\u2060" in raw or "\ufeff" in raw or "\u00ad" in raw:
            # Zero-width characters, and soft hyphens (a word processor's or a page's "&shy;")
            raw = raw.replace("\u200b", "").replace("\u2060", "").replace("\ufeff", "")
            raw = raw.replace("\u00ad", "")
        if _BIDI_MARK.search(raw):  # right-to-left marks a Hebrew or Arabic tool puts in
            raw = _BIDI_MARK.sub("", raw)
    if raw.startswith(">"):
        raw = _QUOTE_MARKS.sub("", raw)  # a copy forwarded or replied to in an e-mail
    if raw[:1] == "#" and (heading := _ATX_MARKS.match(raw)):
        raw = raw[heading.end() :]  # a Markdown heading in a text copy (a chat assistant's reply)
    if raw.startswith("(cont"):
        raw = _CONTINUED.sub("", raw)  # a thread's next post: "(cont.) Three retired generals…"
    if "]" in raw and "[" in raw:
        raw = _REFERENCE_NUMBER.sub("", raw)  # a text browser's "[10]The Japan Times"
    if "⟩" in raw:
        raw = _CITATION_MARK.sub("", raw)  # a crawler's citation of a link: "Reuters⟨12⟩"
    if "<" in raw and ">" in raw and not _NOTED_ADDRESS.match(raw.strip()):
        # A browser's text export: "Rappler <https://…>"; Outlook's: "Meduza<https://…>".
        raw = _LINK_AFTER_TEXT.sub("", raw)
    line = " ".join(raw.split())  # also turns no-break spaces into plain ones
    if len(line) > 2 and line[0] in "*_" and line[-1] == line[0]:
        # A chat app's *bold* or _italic_ line; a rich editor's **bold** one pasted as text.
        marks = 2 if line[1] == line[0] and line[-2] == line[0] else 1
        if len(line) > 2 * marks and line[marks] != line[0]:
            line = line[marks:-marks].strip()
    if line[:1] == "©":
        line = without_source_icon(line)
    if (line[-8:] == "Whatsapp" or line[-12:] == "Semafor Logo") and len(line) > 24:
        # "Headline… TweetEmailWhatsapp", "…the last body. Semafor Logo": one line each.
        line = _GLUED_PAGE_END.sub("", line)
    return line


_ATX_MARKS = re.compile(r"#{1,6}[ \t]+(?=[^\W\d_]|[“‘\"'])")
_GLUED_PAGE_END = re.compile(r"(?<=\S)\s*(?:(?:Tweet|Post)Email ?Whatsapp|Semafor Logo)$")


# The page's address on the line that ends it, in a dump: "PostEmailWhatsapp Read more at <…>",
# "[tags] iran, election   [source url] semafor.com/article/…   [hash] 3f9a0c71", a crawler's
# field below the page ("*source:* semafor.com/article/…").
_END_LINE_ADDRESS = re.compile(
    r"(?:read more(?: at| on|:)|\[source url\]|^\W{0,3}sources?:)"
    r"\s*(?P<url>(?:https?://)?(?:www\.)?semafor\.com/\S+)",
    re.I,
)
_QUOTE_MARKS = re.compile(r"^(?:>[ \t]?)+")
_BIDI_MARK = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_REFERENCE_NUMBER = re.compile(r"\[\d{1,3}\](?=\S)")
_CITATION_MARK = re.compile(r"⟨\d{1,4}⟩")
# (Glued to its text, only a web address: "alert(2)</script>" in a headline is the headline's.)
_LINK_AFTER_TEXT = re.compile(r"(?<=\S)(?: <(?:https?://|#|/)|<https?://)[^\s<>]*>")
# A link to a Semafor article after its text above the signals (a mail client's text of the
# linked headline, "Headline<https://…>" or "Headline <https://…>", or of "Link: Semafor"): the
# page's address, before the link is dropped.
_GLUED_LINK = re.compile(r"(?<=\S) ?<(?P<url>https?://[^\s<>]+)>")


def _glued_article_link(raw: str) -> str | None:
    links = (found["url"] for found in _GLUED_LINK.finditer(raw))
    return next((url for url in links if is_semafor_article(url)), None)


_NOTED_ADDRESS = re.compile(
    r"^(?:(?P<label>from(?=\s*<https?://)|pasted from|clipped from|collé à partir de"
    r"|recortado de|copied from|url|link|via"
    # OneNote's "Pasted from" in other languages.
    r"|geplakt uit|eingefügt aus|pegado desde|colado de|incollato da|wklejone z"
    r"|source[ _]url|canonical(?:[ _](?:url|link))?|🔗|original(?: article| link| url| story)?"
    r"|read (?:the )?original"
    r"|read more (?:at|on)"
    # A feed reader's button with the item's link: "Open in new tab  ·  https://…" (Inoreader;
    # a newsletter's "View in browser" links the newsletter, not the page).
    r"|open in (?:a )?new tab)"
    r"\s*[:·|]?\s*)?"
    # (A clipper may add when: "Clipped from: https://… on 2025-05-08 11:02".)
    r"<?(?P<url>https?://[^\s<>]+?)>?(?:,?\s+(?:on|at)\s+\d[\d/:.,T -]*)?$",
    re.I,
)
# Any property line among them: a short key of one or two words.
_ANY_PROPERTY = re.compile(r"^[^\W\d_][\w-]*(?: [\w-]+)?\s*:\s*\S")
# Property lines of note apps and clippers above the story ("Tags: Africa, commodities").
_PROPERTY = re.compile(
    r"^(?:tags|tag|created|created time|created at|last edited(?: time)?|author|authors|status"
    r"|type|clipped|date clipped|clipped at|saved|date saved|highlights|labels|site name"
    r"|word count|reading time|full title|category|document tags|published date"
    r"|creado|etiquetas|créé|étiquettes|folder|progress"
    # A news database's fields ("Highlight: Insights from …", "Load-Date: …"), a reference
    # manager's ("Parent item: …", "Reference type: Internet document").
    r"|highlight|section|length|byline|load-date|parent item|reference type|item type"
    r"|short title|date added|date modified|accessed|access date)\s*:\s*\S"
)
# A message's header in a chat export or paste: WhatsApp "02/10/2024, 21:14 - Ana: …" and
# "[02/10/2024, 21:14:05] Ana: …", WhatsApp Web "[10:01, 03/10/2023] Ana: …", Teams "[09:04]
# Okafor, Chidi", Slack "Omar T.  10:51 AM", Telegram "Europe Watch, [27.03.25 15:40]". After
# the signals a new message ends the page.
_CHAT_MESSAGE = re.compile(
    # (Telegram's copy writes the day with dots: "[14.04.25 16:24] Mariana R.: …".)
    r"^(?:\[?(?:\d{1,2}[/.]\d{1,2}[/.]\d{2,4},? \d{1,2}:\d\d(?::\d\d)?(?:\s?[APap]\.?[Mm]\.?)?"
    r"|\d{1,2}:\d\d(?:\s?[APap]\.?[Mm]\.?)?, \d{1,2}/\d{1,2}/\d{2,4}"
    r"|\d{4}-\d\d-\d\d[ T]\d{1,2}:\d\d(?::\d\d)?)\]?"  # Signal's "[2024-05-15 19:04] Me: …"
    r"(?: -)? [^:]{1,40}:)\s*(?P<text>.*)$"
    r"|^\[\d{1,2}:\d\d(?:\s?[AP]M)?\] [^\s].{0,40}$"
    r"|^[A-Z][\w.'’ -]{0,40}\s+\d{1,2}:\d\d\s?[AP]M$"
    r"|^[^\[\]]{1,60}, \[\d{1,2}\.\d{1,2}\.\d{2,4} \d{1,2}:\d\d(?::\d\d)?\]$"
    # Teams' copy of a message: the day and time in brackets, then the sender alone (surname
    # first on a company's directory): "[7/23/2025 8:53 AM] Sato, Kenji".
    r"|^\[\d{1,2}/\d{1,2}/\d{2,4},? \d{1,2}:\d\d(?:\s?[AP]M)?\] [A-Z][\w.'’-]+,?"
    r"(?: [A-Z][\w.'’-]+){0,3}$"
    # Google Chat's sender and time: "Lucía Fernández, Mar 5, 9:41 AM".
    r"|^[^\W\d_][^,\d]{1,40}, (?:[A-Z][a-z]{2} \d{1,2}|Today|Yesterday),? \d{1,2}:\d\d\s?[AP]M$"
    # A ticket's activity stream: "2024-01-12 16:05:41 - Peter Brandt" (ServiceNow).
    r"|^\d{4}-\d\d-\d\d \d{1,2}:\d\d(?::\d\d)? - [^:\d][^:]{0,40}$"
    # A phone's message thread: "Tiago M., 19:03".
    r"|^[A-Z][\w.'’ -]{0,40}, \d{1,2}:\d\d$"
    # Teams or Slack with a 24-hour clock: a full name, then the time ("Kofi Boateng 09:58").
    r"|^[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,3} \d{1,2}:\d\d$"
    # The same with the day, in a chat's export: "Claire Dubois 13/05/2025 18:36".
    r"|^[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,3} \d{1,2}[/.]\d{1,2}[/.]\d{2,4},? \d{1,2}:\d\d"
    r"(?:\s?[AP]M)?$"
    # A phone's text messages, backed up: "Oct 21, 2024 8:52:43 AM  Received".
    r"|^[A-Z][a-z]{2} \d{1,2}, \d{4},? \d{1,2}:\d\d(?::\d\d)?\s?[AP]M\s+(?:Received|Sent)$"
)
# A text message's mark of its part, before its text: "(3/5) received money."
_PART_PREFIX = re.compile(r"^\(\d{1,2}/\d{1,2}\)\s+(?=\S)")
_CHAT_FURNITURE = re.compile(
    r"^(?::[a-z0-9_+-]+:\s*\d*\s*)+$|^\(edited\)$|^<media omitted>$|^this message was deleted$"
    r"|^(?:[^\x00-\x7f\w\s]{1,3}\s*\d{1,4}\s*)+$"  # a message's reactions: "👍 3 ❤️ 2"
    r"|^\d{1,2}:\d\d\s?[ap]m$|^\[\d{1,2}:\d\d(?:\s?[ap]m)?\]$"
    r"|^\d+ repl(?:y|ies)$|^view thread$|^last reply\b.{0,30}$"  # a Slack thread's count
    r"|^#[a-z0-9][\w-]{1,38}$"  # a Slack channel's name
    # A social post's counts and age: "14" (likes), "1.2K", "2h" (posted two hours ago).
    r"|^\d{1,3}(?:[.,]\d)?k?$|^\d{1,2}[smhdw]$"
    r"|^(?:space|group|channel)? ?·? ?\d+ (?:members?|participants?)$",  # "Space · 9 members"
    re.I,
)
# A social post's author: "Camila Duarte" then "@camiladuarte.bsky.social".
_HANDLE = re.compile(r"^@[\w.-]{2,60}$")
_CHAT_TIME = re.compile(r"^\d{1,2}:\d\d\s?[ap]m$")
# A chat export's next message starts with its time: "09:43" on a line of its own.
_CLOCK_24H = re.compile(r"^\d{1,2}:\d\d$")
# A chat message's date and time on a line of their own, under its sender: "18/07/2024 17:11",
# "10/09 09:24" (Teams leaves out the year).
_CHAT_STAMP_ALONE = re.compile(r"^\d{1,2}[/.]\d{1,2}(?:[/.]\d{2,4})?,? \d{1,2}:\d\d(?:\s?[AP]M)?$")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# A digest's next item or a memo's next section after the story ("3) Shipping", "3.
# Implications"; numbered signals, "2. Investors want clarity", go on with a Source line).
_DIGEST_ITEM = re.compile(r"^\d{1,2}(?P<mark>[.)])\s+[A-Z][^.!?]{0,60}\??$")
# The header lines of a forwarded e-mail ("To: desk@…", "Subject: Port deal"): the message's,
# not the story's. ("Date:" lines are left to the date reader.)
_MAIL_HEADER = re.compile(
    r"^(?:from|to|cc|bcc|subject|sent|reply-to"
    # The same in a mail client set to Hebrew, Arabic or Turkish.
    r"|מאת|אל|נושא|תאריך|עותק|من|إلى|الموضوع|التاريخ|تاريخ|نسخة|kimden|kime|konu|tarih|bilgi"
    # … and in Spanish, Portuguese, French, German and Italian.
    r"|de|para|asunto|assunto|enviado|enviada|fecha|data|cco|objet|envoyé|von|an|betreff"
    r"|gesendet|oggetto|inviato"
    # A raw message's own lines (an alert saved with its headers).
    r"|mime-version|content-type|content-transfer-encoding|message-id|x-[a-z-]{1,30})"
    r"\s*:\s*\S"
    # Its separators: "------- Forwarded Message -------", "-----Original Message-----".
    r"|^-{3,}\s*[a-z ]{0,30}\s*-{3,}$|^-{3,}\s*[^\x00-\x7f][^-]{0,30}\s*-{3,}$"
    r"|^begin forwarded message:?$|^in[íi]cio da mensagem encaminhada:?$",
    re.I,
)
# A cookie banner speaks to the reader ("We use cookies…", "…you agree to our use of cookies");
# a News paragraph about cookies does not.
_COOKIES = re.compile(
    r"^(?:we|this (?:web)?site) uses? cookies\b|\byou (?:agree|consent) to (?:our|the) use of "
    r"cookies\b|^(?:accept|reject|manage) (?:all )?cookies\b"
)
_CLIPPED_FROM = re.compile(
    r"^(?:copied|saved) from(?:\W*$| (?:semafor|https?:|www\.|my |\S+\.(?:com|org|net|io)\b"
    r"|the (?:semafor|web|page|site|article|app)\b|[a-z]+ app\b))"
)
_ACTIVITY_LINE = re.compile(
    r"\b(?:commented|replied|reacted|edited|posted|moved this|added|changed|assigned)\b.* · "
)
_NEWSLETTER_PROMO = re.compile(r"^semafor (?!signals\b)[a-z&' ]{2,25} [—–] \S")
_END_OF_CLIP = re.compile(r"^[—–=~-]{1,5}\s*(?:end|fin|fim|ende|fine)\b")
# A post's counts below the page it pastes: "12 comments", "Comments (3)", a Mastodon post's
# "58 boosts · 73 favorites", a Tumblr post's "348 notes", a portal's count alone "(412)".
_COUNT = r"\d[\d.,]*\s*[km]?\s+"
_COMMENT_COUNT = re.compile(
    rf"^(?:{_COUNT}(?:comments?|boosts?|favou?rites?|reblogs?|notes|restacks?|replies|upvotes?)"
    rf"(?:\s*[·•|,]\s*{_COUNT}[a-z]+)*:?(?:\s*[^\w\s]{{1,3}})?|comments? \(\d+\)"
    r"|\(\d[\d.,]*[km]?\))$"  # (an emoji after the counts: "2 comments · 1 boost 👏")
)
# A post's author on the fediverse, after the page it pastes: "Ruedi K. @ruedi@tooting.ch".
_FEDIVERSE_AUTHOR = re.compile(r"^[^\W\d_][^@\n]{0,60}\s@[\w.]+@[\w-]+(?:\.[\w-]+)+$")
# The day of a reply under its author's name (Substack Notes, Mastodon): "Jun 4", "10 Nov".
_MONTH_NAME = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
# And on social platforms, under an author's handle: "· May 22", "08/13/25" (Threads), "· 1d".
_POST_DAY_ALONE = re.compile(
    rf"^(?:·\s*)?(?:{_MONTH_NAME} \d{{1,2}}|\d{{1,2}} {_MONTH_NAME}"
    r"|\d\d/\d\d/\d\d|\d{1,2}[mhdw])$",
    re.I,
)
# An author's handle on a line of its own: "@hsato_agripol", "rafa.clima" (Threads),
# "@wkamau.bsky.social"; a site's address ("semafor.com") is none.
_AUTHOR_HANDLE = re.compile(
    r"^@[\w.-]{2,60}(?:@[\w-]+(?:\.[\w-]+)+)?$|^[a-z0-9_]+(?:[._][a-z0-9_]+)+$"
)
_ADDRESS_END = re.compile(r"\.(?:com|org|net|gov|edu|int|io|co|uk|eu|info|news)$")
_PAGE_NUMBER = re.compile(r"^page \d+(?: (?:of|/) \d+)?$", re.I)  # ("Page 1": a PDF tool's mark)
# What a browser prints around each page: the date and title on top, the address and the page
# number below ("https://www.semafor.com/article/… 1/2").
# When a browser printed the page, in its locale: "5/15/24, 8:03 AM", "07.08.24, 16:41".
_PRINTED_AT = (
    r"(?:\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\d{4}-\d\d-\d\d),?[ \t]+\d{1,2}:\d\d(?:[ \t]?[AP]M)?"
)
_PRINT_HEADER = re.compile(rf"^{_PRINTED_AT} \S.*$")
_PRINT_FOOTER = re.compile(r"^<?(?P<url>https?://[^\s<>]+?)>? \d{1,3}/\d{1,3}$")
# What reader views print around a title: the site's bare domain and a reading time.
_READER_FURNITURE = re.compile(
    r"^(?:\d+(?:\s*[–-]\s*\d+)?\s*min(?:ute[ns]?|utos|uti|s)?(?:\s+read)?"  # "4–5 Minuten"
    r"|(?:www\.)?[a-z0-9-]+(?:\.[a-z]{2,})+"
    # A syndicator's tickers above the story: "In this article: 1211.HK TM".
    r"|in this article:.*"
    # A share bar's count: "846 shares", "2.1K shares".
    r"|\d[\d.,]*\s*[km]?\s+(?:shares?|likes?|views?|reposts?|quotes?|bookmarks?|boosts?)"
    r"|comments?\s+\d[\d.,]*\s*[km]?"
    # A reader view's reading time in the browser's language: "Temps de lecture estimé : 4 à 5
    # minutes", "Geschätzte Lesezeit: 4–5 Minuten".
    r"|[\w ]{0,24}(?:reading time|temps de lecture|lesezeit|tiempo de lectura|tempo de leitura"
    r"|tempo di lettura|leestijd)[\w ]{0,12}:?\s*\d+(?:\s*(?:[–-]|à|a|bis|tot)\s*\d+)?\s*min\w*\.?"
    # A reading app's own record of the save: "Saved May 14, 2025 on iPad".
    r"|(?:saved|clipped|added|archived)\b.{0,50}\b(?:19|20)\d\d\b.{0,20}"
    # The same in German, French, Spanish, Portuguese, Italian, Dutch: "Gespeichert am 19. März
    # 2025 · Original anzeigen".
    r"|(?:gespeichert|enregistré|guardado|salvo|salvato|opgeslagen)\b.{0,50}\b(?:19|20)\d\d\b.{0,30}"
    # A portal's relative time: "7 hours ago", "2 days ago".
    r"|\d{1,2}\s+(?:mins?|minutes?|hrs?|hours?|days?|weeks?)\s+ago"
    # A news database's record of the rights: "Copyright 2024 Semafor Inc. All Rights Reserved".
    r"|copyright (?:©\s*)?(?:19|20)\d\d\b.{0,60}"
    # A portal's credit under the photo: "© Provided by Semafor".
    r"|©?\s*provided by [\w .&'’-]{1,40}"
    # An audio player's credit for its synthetic voice: "Voiced by Amazon Polly".
    r"|(?:voiced|narrated|read aloud) by [\w .&'’-]{1,40}"
    # Its buttons beside it: "Saved Feb 12, 2025 · Move to Archive".
    r"|(?:move to|add to|remove from) (?:archive|favou?rites|library|folder|collection)"
    r"|mark as (?:un)?read"
    # Its link to the page, in the app's language: "Voir l'original", "View original".
    r"|(?:view|open|read|voir|ver) (?:the |l['’])?original"
    r"|original anzeigen|origineel bekijken|vedi (?:l['’])?originale)$",
    re.I,
)
# Header parts printed on one line ("Semafor Signals · Updated Mar 28, 2025, 9:30am EDT",
# "Semafor Signals | Jan 6, 2025 | politicsNorth America", "Tue, May 21, 2024 · 2 min read").
_HEADER_SEPARATOR = re.compile(r"\s+[·|•—]\s+|^[|·]\s*|\s*[|·]$")
# A Semafor article address inside a re-poster's note ("Reposted from Semafor. Link: https://…").


# Markers that scrapers glue to the text around them ("… date 2024-07-31 Semafor Signals",
# "…headline textSources: Reuters, AP", "Semafor SignalsHeadline"): split them out first.
_GLUED_LABEL_AFTER = re.compile(r"^(?P<before>.*?\S)\s*(?P<label>Semafor Signals)\s*$")
# (Followed by a lower-case word it is prose: "Semafor Signals is our global news product".)
_GLUED_SPONSOR_LOGO = re.compile(
    r"^Supported by\s*(?P<logo>\S.{0,40}? logo)\s*(?P<after>[A-Z“‘\"].{14,})$"
)
_GLUED_LABEL_BEFORE = re.compile(
    r"^(?P<label>Semafor Signals)(?!\s*:)\s*(?P<after>[^\s\w]*\s*[^\W_a-z].*)$"
)
# "lang: en Semafor Signals China’s soybean imports…": a scraper's field, the label and the
# headline on one line (a short field before, a capitalised headline after, glued to the label
# or not: "Posted on September 21, 2024 by gridwatch-editor Semafor SignalsMicrosoft deal…"; a
# cached page's "Supported byMicrosoft logoSemafor SignalsPrabowo Subianto claims…").
_GLUED_LABEL_BETWEEN = re.compile(
    r"^(?P<before>.{1,60}?\S)\s*(?P<label>Semafor Signals)\s*"
    r"(?P<after>[A-Z“\"‘](?:[^.!?]|(?<=\d)\.(?=\d)){15,})$"  # (a headline's "$3.5 billion")
)
_LEADING_SYMBOLS = re.compile(r"^[^\w\s\"“‘'(]{1,4}\s*")
# The tagline with the first signal run onto it by a scraper: "Semafor Signals: Global insights
# on today’s biggest stories. Power prices broke the coalition Sources: NRK, E24".
_TAGLINE_THEN_TEXT = re.compile(
    r"^(?P<tagline>[_*]{0,2}Semafor Signals\s*:\s*Global insights on today[’']s biggest"
    r" stories\.[_*]{0,2})\s+(?P<after>\S.*)$"
)
_GLUED_TAGLINE = re.compile(
    r"^(?P<before>.*?[^\s_*])\s*[_*]{0,2}(?P<tagline>Semafor Signals\s*:\s*\S.*)$"
)
# A re-poster's or crawler's date glued in front of the label: "world news 2024-01-29 Semafor
# Signals". The date is kept as the copy's date of last resort; the words before it are dropped.
# (Or a channel's repost: "📌 06.03.2024 | Semafor Signals".)
_CRAWLER_LABEL = re.compile(
    r"^.{0,60}?\b(?P<date>(?:19|20)\d\d-\d\d-\d\d|\d\d\.\d\d\.(?:19|20)\d\d)"
    r"(?:[T ][\d:.]+Z?)?(?: ?(?:UTC|GMT))?\s*(?:\|\s*)?"
    r"(?P<label>Semafor Signals(?!\s*:).*)$"
)
# "…deep inside RussiaUpdated Mar 13, 2024, 6:40pm EDT securityEurope": a headline, its time
# and its tags on one line.
_UPDATED_THEN_LABEL = re.compile(
    r"^(?P<stamp>Updated:?\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+(?:19|20)\d\d,?\s+\d{1,2}[:.]\d\d\s*"
    r"[ap]\.?m\.?\s*[A-Z]{2,4})\s*(?P<tags>.*?)\s*(?P<rest>Semafor Signals.*)$"
)
_GLUED_UPDATED = re.compile(
    r"^(?P<before>.*?\S)\s*(?P<stamp>Updated:?\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+(?:19|20)\d\d"
    r"(?:,?\s+\d{1,2}[:.]\d\d\s*[ap]\.?m\.?(?:\s*[A-Z]{2,4}(?:\b|(?=[a-z])))?)?)\s*(?P<after>.*)$"
)
# The page's time glued to the headline before it, with no "Updated" (a feed's digest): "…as SCO
# admits BelarusJul 4, 2024, 10:55am EDT securityAsia/Pacific"; or after a space, ending the line
# ("…missile defense system Sep 28, 2023, 11:05am EDT").
_GLUED_TIME = re.compile(
    rf"^(?P<before>.*?[a-z.?!’'\"”)])(?P<space>\s*)(?P<stamp>(?:{MONTH_PATTERN_CAPITALIZED})"
    r"[a-z]*\.?\s+\d{1,2},\s+(?:19|20)\d\d,\s+\d{1,2}[:.]\d\d\s*[ap]\.?m\.?\s*[A-Z]{2,4}(?:\b|(?=[a-z])))"
    r"\s*(?P<after>.*)$"
)
# The label and the headline as one title ("Semafor Signals: Samoa makes Samoan compulsory"),
# not the tagline in any language ("Semafor Signals: Global insights on today's biggest…").
_LABEL_THEN_TITLE = re.compile(
    r"^Semafor Signals:\s+(?P<title>[A-Z\"“‘'](?!.*(?:insight|global|biggest|stories|perspectiv"
    r"|aperçu|einblick|noticias|notícias|histórias|actualit)).{10,})$",
    re.I,
)
_LABEL_WITH_NOTE = re.compile(r"^Semafor Signals \([^()]{1,40}\)$")
# (A copy may have put the credits beside the headline: "Damascus gets the oil fields — Sources:
# …", "Coastal killings loom | Sources: …", "Ankara claims a win (Source: Daily Sabah)".)
_GLUED_SOURCES = re.compile(
    r"^(?P<before>.*?[^\s:(\[/])(?:\s+[—–|·-])?\s*(?P<source>Sources?\s*:\s*\S.*)$"
)
_SOURCES_BESIDE_HEADLINE = re.compile(
    r"^(?P<before>[^.!?]{10,}?[^\s.!?])\s+\((?P<source>Sources?\s*:\s*[^()]+)\)$"
)
_MD_HEADING_MARKS = re.compile(r"^#{1,6}\s+")
_GLUED_ICONS = re.compile(r"^(?:(?:Title |Source )?icon\s*)+(?=\S)")
_TRAILING_ICON = re.compile(r"(?<=\S)\s*(?:Title |Source )?icon$")
# The words an icon's alt text holds ("Resource icon": a machine translation of "Source icon").
_ICONS_OWN_WORDS = ("source", "title", "sources", "resource", "resources", "")
# "Jan 29, 2025, 12:40pm ESTsecurityAfrica", "…10:55am EDT africa" or "…3:44pm EDT net zero": a
# time and its tags on one line.
_STAMP_THEN_TAGS = re.compile(
    r"^(?P<stamp>.+?\b(?:[ap]\.?m\.?\s*)?(?:EDT|EST|ET|GMT|UTC))"
    r"\s*(?P<tags>[a-z]{3,}(?: [a-z]{3,})?(?:[A-Z].*)?|[A-Z][A-Za-z &/-]{2,30})$"
)
# A page address pasted on the first lines of a text file: bare, or "URL: …".
URL_LINE = re.compile(
    r"^(?:(?:url|link|source url|url source|page)\s*:\s*)?<?(?P<url>https?://[^\s<>]+?)>?$", re.I
)
URL_LINES_SCANNED = 6  # how many leading lines may hold a pasted address
_SOURCE_ENTRY_MAX_WORDS = 9


# Patterns used on every page, compiled once (re's own cache costs a look-up per call).
_COMMA = re.compile(r"\s*,\s*")
_LETTERS = re.compile(r"[A-Za-z]{2,}")
_SEMAFOR_SUFFIX = re.compile(r"\s*[|–-]\s*Semafor\s*$")
# An app's share line: the page's title and its address. "Brazil scrambles … | Semafor https://…"
_SHARED_TITLE = re.compile(r"^(?P<title>.{15,}?\s[|–-]\s*Semafor)\s+<?https?://\S+$")


def _looks_like_name_list(names: str) -> bool:
    """Whether the text after a glued "Sources:" is a list of names, not a sentence."""
    entries = [e.strip() for e in _COMMA.split(names.rstrip(". ")) if e.strip()]
    return (
        0 < len(entries) <= 6
        and all(len(e.split()) <= _SOURCE_ENTRY_MAX_WORDS for e in entries)
        and not _SENTENCE_BREAK.search(names)
        # (A name has one small word at most besides "of", "the", "and": "Yle counted queues
        # at every stop" is a clause.)
        and all(_small_words(e) <= 1 for e in entries)
    )


def _small_words(entry: str) -> int:
    return sum(word[:1].islower() and not _NAME_WORD.match(word) for word in entry.split()[1:])


def _unglue(line: str) -> list[str]:
    """Split a line at the markers glued into it; most lines come back whole. Each pattern is
    tried only on lines holding its marker (a body paragraph often says "sources" or "EST")."""
    if line.startswith("Semafor Signals (") and _LABEL_WITH_NOTE.match(line):
        return ["Semafor Signals"]  # "Semafor Signals (en inglés)": a partner's note
    if line[:12] == "Supported by" and (sponsor := _GLUED_SPONSOR_LOGO.match(line)):
        # "Supported byMicrosoft logoSweden becomes NATO’s 32nd member…": the sponsor's logo
        # and the headline glued on (a phone's reading app).
        return ["Supported by", sponsor["logo"], *_unglue(sponsor["after"])]
    if "Updated" in line and (match := _GLUED_UPDATED.match(line)):
        return [*_unglue(match["before"]), match["stamp"], *_unglue(match["after"])]
    if (
        ", 20" in line
        and (match := _GLUED_TIME.match(line))
        # (Spaced, only a headline's end, perhaps with the tags run on: not "Updated Jun 19,
        # 2025, …", nor a time in prose.)
        and not (
            match["space"]
            and (
                (match["after"] and not TAG_LINE.match(match["after"].split(" ", 1)[0]))
                or len(match["before"].split()) < 4
            )
        )
    ):
        return [*_unglue(match["before"]), match["stamp"], *_unglue(match["after"])]
    if line[:8] == "Updated " and (match := _UPDATED_THEN_LABEL.match(line)):
        # "Updated May 8, 2025, 3:02pm EDT politicsEurope Semafor SignalsRobert Prevost…"
        return [match["stamp"], *_unglue(match["tags"]), *_unglue(match["rest"])]
    if "icon" in line:
        line = _GLUED_ICONS.sub("", line)
        # "…within daysSource icon": a headline with the icon's alt text glued on (a line that
        # is only "Source icon" is furniture, left whole).
        bare = _TRAILING_ICON.sub("", line) if line.endswith("icon") else line
        if bare != line and bare.lower() not in _ICONS_OWN_WORDS:
            return _unglue(bare)
    # A time zone: a time may have its tags glued on ("12:40pm ESTsecurityAfrica").
    if (
        ("DT" in line or "ST" in line or "GMT" in line or "UTC" in line or " ET" in line)
        and (glued := _STAMP_THEN_TAGS.match(line))
        and (
            (glued["tags"] != glued["tags"].lower() and not glued["tags"][0].isupper())
            or TAG_LINE.match(glued["tags"])
        )
        and parse_timestamp(glued["stamp"])
    ):
        return [glued["stamp"], *_unglue(glued["tags"])]
    if "Semafor Signals" in line and (parts := _unglue_label(line)):
        return parts
    if line[:1].islower() and (tagged := _TAGS_THEN_HEADLINE.match(line)):
        # (The share row and the Insights line may follow the headline on the same line.)
        rest = [part for part in _AFTER_HEADLINE.split(tagged["headline"]) if part]
        return [tagged["tags"], *(piece for part in rest for piece in _unglue(part))]
    if "Insights from" in line and (insights := _GLUED_INSIGHTS.match(line)):
        return [*_unglue(insights["headline"]), insights["insights"]]
    if line[:4] in ("NEWS", "THE ", "SIGN") and (section := _GLUED_SECTION.match(line)):
        return [section["heading"], *_unglue(section["text"])]
    if line[:6] == "Source" and len(line) > 80 and (parts := _source_glued_to_body(line)):
        return parts
    if line[:6] == "Source" and len(line) > 80 and (parts := _source_run_into_body(line)):
        return parts
    if line[-1:] == ")" and (beside := _SOURCES_BESIDE_HEADLINE.match(line)):
        names = SOURCE_LINE.match(beside["source"])["names"]
        if len(beside["before"].split()) <= 16 and _looks_like_name_list(names):
            return [beside["before"], beside["source"]]
    glued = "ource" in line and ":" in line and _GLUED_SOURCES.match(line)
    if glued and _looks_like_name_list(SOURCE_LINE.match(glued["source"])["names"]):
        return [*_unglue(glued["before"]), glued["source"]]
    if (
        glued
        and len(glued["before"].split()) <= HEADLINE_THEN_SOURCE_MAX_WORDS
        and not _ENDS_LIKE_SENTENCE.search(glued["before"])
        and (parts := _source_run_into_body(glued["source"]))
    ):
        return [*_unglue(glued["before"]), *parts]  # "Headline Sources: A, B The body…"
    return [line]


HEADLINE_THEN_SOURCE_MAX_WORDS = 16


def _headline_then_source(text: str) -> bool:
    """A signal's headline with its Source line run on: "Spare capacity is the cushion Sources:
    Argus Media, Financial Times"."""
    glued = _GLUED_SOURCES.match(text)
    return bool(
        glued
        and len(glued["before"].split()) <= HEADLINE_THEN_SOURCE_MAX_WORDS
        and not _ENDS_LIKE_SENTENCE.search(glued["before"])
        and _looks_like_name_list(SOURCE_LINE.match(glued["source"])["names"])
    )


# Where a scraper glued a signal's body to its Source line: a lower-case letter, then the
# body's first word ("Sources: Bangkok Post, Thai PBSThe only building in Bangkok…"; after a
# capital, a word of two letters or more: "BBC Burmese" is whole).
_GLUED_BODY_START = re.compile(r"(?<=[a-z.)])(?=[A-Z][a-z’']*\s)|(?<=[A-Z])(?=[A-Z][a-z’']+\s)")
GLUED_BODY_MIN_WORDS = 8


def _source_glued_to_body(line: str) -> list[str] | None:
    """A Source line with its signal's body glued on, split in two; else None. (A name may
    hold a capital after a small letter, "McClatchy", "DutchNews.nl": the split is the first
    place where a list of names stands before and prose after.)"""
    source = SOURCE_LINE.match(line)
    if not source:
        return None
    start = source.start("names")
    for found in _GLUED_BODY_START.finditer(line, start):
        names, body = line[start : found.start()], line[found.start() :]
        if (
            len(body.split()) >= GLUED_BODY_MIN_WORDS
            and _looks_like_name_list(names)
            and _reads_as_prose(body)  # (not "Sources: McClatchy Washington Bureau, …")
        ):
            return [line[: found.start()], body]
    return None


# Where a tool that joins single line breaks (Reddit, Hacker News) ran a Source line into its
# signal's body: "Sources: Bloomberg, Business Day The rand strengthened…". The body starts at a
# capitalised word after a space; the last name before it is capitalised words (and "of", "&").
_SPACED_BODY_START = re.compile(r"(?<=[\w.)’]) (?=[A-Z][\w’'-]*\s)")
_NAME_WORD = re.compile(
    r"^(?:[A-Z0-9][\w.&’'/-]*|&|of|the|and|for|on|in|de|del|la|el|al|des|du|van|von|für)$"
)


def _source_run_into_body(line: str) -> list[str] | None:
    """A Source line with its signal's body run on after a space, split in two; else None. Of
    the places where names could end, one after a name the registry knows wins, else the last
    ("Daily Maverick" / "Alliance partners in…", not "Daily" / "Maverick Alliance…")."""
    source = SOURCE_LINE.match(line)
    if not source or "<" in line:  # (a table's cell with its markup: "…, Reuters<br>Lula’s…")
        return None
    start = source.start("names")
    fits: list[tuple[str, int]] = []
    for found in _SPACED_BODY_START.finditer(line, start):
        names, body = line[start : found.start()], line[found.end() :]
        last = _COMMA.split(names)[-1].split()
        if (
            last
            and last[-1][:1].isupper()
            and all(_NAME_WORD.match(word) for word in last)
            and len(body.split()) >= GLUED_BODY_MIN_WORDS
            and _looks_like_name_list(names)
            and _reads_as_prose(body)
        ):
            fits.append((_COMMA.split(names)[-1].strip(), found.start()))
    if not fits:
        return None
    registry = load_registry()
    known = [fit for fit in fits if registry.resolve(fit[0])[1]]
    end = (known or fits)[-1][1]
    return [line[:end], line[end + 1 :]]


def _reads_as_prose(text: str) -> bool:
    """Whether a text is a sentence rather than a list of names: a long clause, or one that
    goes on in lower case ("…, and the first trams were full")."""
    clauses = [c.strip() for c in _COMMA.split(text)]
    return any(len(c.split()) > _SOURCE_ENTRY_MAX_WORDS or c[:1].islower() for c in clauses)


def _unglue_label(line: str) -> list[str] | None:
    """A line holding the label or the tagline glued to other text, split; else None."""
    if (
        not line[:1].isalnum()
        and (bare := _LEADING_SYMBOLS.sub("", line))[:15] == "Semafor Signals"
    ):
        return _unglue(bare)  # a channel's post opening with an emoji: "📰 Semafor Signals …"
    if match := _TAGLINE_THEN_TEXT.match(line):
        return [match["tagline"], *_unglue(match["after"])]  # the first signal's headline
    if match := _GLUED_TAGLINE.match(line):
        tagline = match["tagline"]
        after = _TAGLINE_THEN_TEXT.match(tagline)
        rest = [after["tagline"], *_unglue(after["after"])] if after else [tagline]
        return [*_unglue(match["before"]), *rest]
    if (match := _GLUED_LABEL_AFTER.match(line)) and not LABEL.match(line):
        return [*_unglue(match["before"]), match["label"]]
    if match := _GLUED_LABEL_BEFORE.match(line):
        return [match["label"], *_unglue(_MD_HEADING_MARKS.sub("", match["after"]))]
    if match := _GLUED_LABEL_BETWEEN.match(line):
        return [*_header_run(match["before"]), match["label"], *_unglue(match["after"])]
    if line.startswith("Semafor Signals") and TAG_LINE.match(tags := line[15:].strip()) and tags:
        return ["Semafor Signals", tags]  # "Semafor SignalsafricaAfrica": label and tags
    return None


def _header_run(text: str) -> list[str]:
    """What a scraper or a portal glued in front of the label, part by part: "Partner Content |
    Semafor Jan 7, 2025, 12:20pm EST" gives its section and the story's time."""
    parts: list[str] = []
    for piece in (p for p in _HEADER_SEPARATOR.split(text) if p):
        if piece[:8] == "Semafor " and parse_timestamp(piece[8:]):
            piece = piece[8:]  # the publisher's name before the time
        parts.extend(_unglue(piece))
    return parts


def _header_parts(line: str) -> list[str]:
    """A header line split where it prints several parts on one line (label, time, tags), each
    part unglued; any other line as ``_unglue`` gives it."""
    if line[:16] == "Semafor Signals:" and (titled := _LABEL_THEN_TITLE.match(line)):
        return ["Semafor Signals", titled["title"]]  # a re-post's "Semafor Signals: <headline>"
    if "Semafor http" in line and (shared := _SHARED_TITLE.match(line)):
        return [shared["title"]]  # an app's share line (the address is read from the whole text)
    # (A scraper's line may run the site's menu, the label, the headline and the time together:
    # then it is longer.)
    if ("·" in line or "|" in line or "•" in line or " — " in line) and (
        len(line) <= 200 or "Semafor Signals" in line
    ):
        parts = [p for p in _HEADER_SEPARATOR.split(line) if p]
        if len(parts) > 2 and parts[0] == "Semafor" and any(map(parse_timestamp, parts[1:])):
            # A media monitor's byline of its item: "Semafor · United States · Jun 2, 2025 11:40".
            return [p for p in parts[1:] if parse_timestamp(p)]
        if len(parts) > 1 and any(_is_header_part(p) for p in parts):
            return _without_glued_sponsor([piece for part in parts for piece in _unglue(part)])
    if line[-8:] == "The News" and len(line) > 9 and parse_timestamp(line[:-8].rstrip()):
        return [line[:-8].rstrip(), "The News"]  # a re-post's "Updated May 4, 2025, … The News"
    return _without_glued_sponsor(_unglue(line))


SPONSOR_MAX_WORDS = 5  # "Supported by Microsoft", "Supported by Abu Dhabi Investment Office"


def _without_glued_sponsor(parts: list[str]) -> list[str]:
    """ "Supported by" with a whole headline run onto it by a converter (the page had no sponsor's
    name there, only its logo): the label and the headline, apart."""
    out = []
    for part in parts:
        glued = part[:13] == "Supported by " and len(part.split()) > SPONSOR_MAX_WORDS + 2
        out += ["Supported by", part[13:]] if glued and part[13:14].isupper() else [part]
    return out


# Columns of a printed page's line, converted to text: "Aug 9, 2023, 6:12am EDT   net zero".
_WIDE_GAP = re.compile(r"(?<=\S)[ \t\u00a0]{3,}(?=\S)")


def _wide_gaps_as_separators(raw: str) -> str:
    """A line whose parts a printout spaced apart, its wide gaps written as header separators
    when one of the parts is a header's (a time, a tag), so they are read one by one; a row of
    three or more short parts is a reading app's buttons or tags ("Marquer comme lu   Mettre
    en favori   Supprimer"), dropped."""
    pieces = _WIDE_GAP.split(raw.strip())
    if len(pieces) > 1 and any(_is_header_part(" ".join(p.split())) for p in pieces):
        return " · ".join(pieces)
    if len(pieces) > 2 and all(
        len(p.split()) <= 4 and not _ENDS_LIKE_SENTENCE.search(p) for p in pieces
    ):
        return ""  # (a button may end in brackets: "Listen (Matter voice)")
    return raw


def _is_header_part(text: str) -> bool:
    return bool(
        LABEL.match(text)
        or _LABEL_WITH_NOTE.match(text)
        or parse_timestamp(text)
        or TAG_LINE.match(text)
        or _is_post_meta(text)
        or _READER_FURNITURE.match(text)
        or _is_dateish(text)
    )


def _last_copy(lines: list[Line]) -> list[Line]:
    """The lines of the last copy when a page was pasted more than once (twice the same, or two
    revisions one after the other: the later one is the story, as a later revision updates it).
    A second copy shows itself by a second "The News" after the first signals; without SIGNALS
    of its own, it is another kind of story pasted after the page (a standard article), and
    the page is the lines above it."""
    first_signals = _find(lines, SIGNALS_HEADER)
    if first_signals is None:
        return lines
    second_news = _find(lines, NEWS_HEADER, first_signals + 1)
    if second_news is None:
        return lines
    start = second_news
    # Its header, going back: the label, times, tags, insights and the headline above them.
    while start - 1 > first_signals and second_news - start < _HEADER_LINES_MAX:
        text = lines[start - 1].text
        if SOURCE_LINE.match(text) or _looks_like_paragraph(text):
            break
        start -= 1
    if _find(lines, SIGNALS_HEADER, second_news + 1) is None:
        return lines[:start]
    return lines[start:]


_HEADER_LINES_MAX = 8


_MENU_MIN_ITEMS = 3


def _is_menu_row(line: str, minimum: int = 0) -> bool:
    """Items of the site's menu, one after the other, each of one or two words (at least
    ``minimum``, or _MENU_MIN_ITEMS)."""
    words, items, i = line.lower().split(), 0, 0
    while i < len(words):
        step = next((n for n in (2, 1) if " ".join(words[i : i + n]) in FURNITURE), 0)
        if not step:
            return False
        i, items = i + step, items + 1
    return items >= (minimum or _MENU_MIN_ITEMS)


def _all_furniture(line: str, separator: str = "•") -> bool:
    parts = [p.strip(" []").lower() for p in line.split(separator)]  # ("[Share]": a button)
    return all(not p or p in FURNITURE or _READING_BUTTON.match(p) for p in parts)


# A reading tool's button to the page or to itself, in a row: "Read article on semafor.com  |
# Open in Inoreader".
_READING_BUTTON = re.compile(
    r"(?:read (?:the )?(?:full )?(?:article|story|original)(?: on [\w.-]+)?"
    r"|(?:open|view) in [\w.-]+(?: [\w.-]+)?)$"
)


def _reposted_address(line: str, content: Content) -> str | None:
    """The Semafor article address of a re-poster's note above the story, when the copy has no
    pasted address yet: the note is not the story's title, its address is the story's."""
    if content.pasted_url is not None or "semafor.com/article/" not in line.lower():
        return None
    found = SEMAFOR_ARTICLE.search(line)
    return semafor_address(found[0]) if found else None


@dataclass
class Content:
    lines: list[Line]
    pasted_url: str | None = None  # an address pasted on the first lines of the copy
    copy_date: str | None = None  # a crawler's date glued to the label
    footer_stamp: str | None = None  # a time printed below the story (a copy without a header)
    later_link: str | None = None  # a Semafor article linked in a chat message after the page
    original_date: str | None = None  # a re-poster's "Original publication date: Apr 18, 2024"
    translated_from: str | None = None  # the language of a machine translation of the page
    field_title: str | None = None  # a database's or an extractor's "Title: …" above the page


_PRINT_MARGIN = re.compile(
    # Chrome's and Safari's footer: the address and the sheet ("2/3", "Page 2 of 3").
    # (Thunderbird's footer: the message's own address, "mailbox:///…", and the sheet.)
    r"^[ \t]*(?:(?:<?https?://\S+?>?|mailbox:///\S+)[ \t]+"
    r"(?:\d{1,3}/\d{1,3}|Page \d{1,3} of \d{1,3})"
    # (Or the message's address alone, under a header of its subject and sheet: "Mail - Border
    # treaty     1 of 2".)
    # (A document's footer: its running title and the sheet, "POLITICAL RISK     Page 1 of 2".)
    r"|mailbox:///\S+|\S[^\n]*?[ \t]{3,}(?:Page )?\d{1,3} of \d{1,3}"
    rf"|{_PRINTED_AT}[ \t]+\S.*"  # Chrome's header: the time, then the page's title
    rf"|\S[^\n]*?[|–-][ \t]*Semafor[ \t]+{_PRINTED_AT}"  # Safari's: the title, then the time
    # Firefox's footer: "1 of 3   2/24/25, 9:15 AM", in the browser's language ("1 sur 3"); a
    # PDF tool's text of it ("Page 1 of 2   24/06/2023, 22:41").
    rf"|(?:Page )?\d{{1,3}} (?:of|sur|von|di|de|van|z|av|af) \d{{1,3}}[ \t]+{_PRINTED_AT}"
    # Firefox's header: the title (cut: "…"), then far right, the page's address (one space
    # apart once a PDF viewer's copy has closed the gap: "… | Semafor https://…").
    r"|\S[^\n]*?(?:[ \t]{2,}|[|–-][ \t]*Semafor[ \t]+)<?https?://(?:www\.)?semafor\.com/\S+?>?)"
    r"[ \t]*$",
    re.MULTILINE,
)
_MARGIN_ADDRESS = re.compile(r"https?://[^\s<>]+")
_READER_VIEW_ADDRESS = re.compile(r"[ \t]+about:reader\?url=(?P<url>https?%3A%2F%2F\S+)")
_FOOTER_IN_TEXT = re.compile(
    r"(?<=\S) <?(?P<url>https?://(?:www\.)?semafor\.com/article/\S+?)>? \d{1,3}/\d{1,3} (?=\S)"
)
_MARGIN_TIME = re.compile(rf"^{_PRINTED_AT}\s+|\s+{_PRINTED_AT}$")  # around a header's title

# (Blank lines may stand between the parts.)
_SPLIT_MARGIN = re.compile(
    r"^[ \t]*(?P<address><?https?://\S+?>?)[ \t]*\n(?:[ \t]*\n){0,2}[ \t]*"
    r"(?P<sheet>\d{1,3}/\d{1,3})[ \t]*$"
    rf"|^[ \t]*(?P<time>{_PRINTED_AT})[ \t]*\n(?:[ \t]*\n){{0,2}}"
    r"(?=[^\n]*\S[ \t]*[|–-][ \t]*Semafor[ \t]*$)"
    # The page's title over its address (a PDF viewer's copy of Firefox's header).
    r"|^(?P<title>[^\n]*\S[ \t]*[|–-][ \t]*Semafor)[ \t]*\n[ \t]*"
    r"(?P<page><?https?://(?:www\.)?semafor\.com/\S+?>?)[ \t]*$",
    re.MULTILINE,
)


def _joined_margin(found: re.Match[str]) -> str:
    if found["address"]:
        return f"{found['address']} {found['sheet']}"
    if found["title"]:
        return f"{found['title']}  {found['page']}"
    return f"{found['time']} "


# A document's footnote giving the page's address: "1 https://www.semafor.com/article/…" (the
# mark "Semafor1" in its text).
_FOOTNOTE_ADDRESS = re.compile(
    r"^[ \t]*\d{1,2}[ \t]+(?P<url>https?://(?:www\.)?semafor\.com/article/\S+)[ \t]*$", re.M
)


def _footnote_address(text: str) -> str | None:
    found = _FOOTNOTE_ADDRESS.search(text)
    return found["url"] if found else None


_WEBMAIL = re.compile(r"<?https?://(?:mail\.google\.com|outlook\.(?:live|office|office365)\.com)/")
_SHEET_OF = re.compile(r"[ \t](?:Page )?\d{1,3} of \d{1,3}$")


def _without_print_margins(text: str) -> str:
    """A printed page's text (a PDF of the page, converted) without the header and footer the
    browser printed on each sheet, nor the blank lines around them, so a paragraph broken by a
    page break reads as one again. The first footer's address goes on top, where a pasted
    address is read, and the header's page title below it, as a browser tab's title."""
    if "about:reader?url=" in text:
        # Firefox's reader view prints its own address, the page's inside it, encoded: the
        # page's, as the header of a page printed without the reader view holds it.
        text = _READER_VIEW_ADDRESS.sub(lambda found: "   " + unquote(found["url"]), text)
    if "://" not in text:
        return text
    text = text.replace("\f", "\n")  # a converter's page break, before the next sheet's header
    # A scraper that ran the sheets together leaves the footer inside a sentence.
    glued = [found["url"] for found in _FOOTER_IN_TEXT.finditer(text)]
    if glued:
        text = _FOOTER_IN_TEXT.sub(" ", text)
    # Converters that keep no layout put each part of a margin on a line of its own.
    text = _SPLIT_MARGIN.sub(_joined_margin, text)
    margins = [" ".join(m[0].split()) for m in _PRINT_MARGIN.finditer(text)]
    # (A line that starts with a time is a header, or a chat's message: its link is no address.)
    addresses = [
        found[0]
        for margin in margins
        if not _PRINT_HEADER.match(margin) and (found := _MARGIN_ADDRESS.search(margin))
    ] + glued
    printed_mail = any(margin.startswith("mailbox:///") for margin in margins)
    # A document's footer with its sheets: the document's first line, its running header, is
    # printed again at the top of each sheet.
    paged = any(_SHEET_OF.search(margin) for margin in margins)
    if not addresses and not printed_mail and not paged:
        return text
    first = next((" ".join(line.split()) for line in text.split("\n") if line.strip()), "")
    running = first if paged else None
    # (A blank line below the address: hard wraps are joined up to one.)
    # (A web mail's printout gives its own address: the message's, no page's.)
    page_address = next((a for a in addresses if not _WEBMAIL.match(a)), None)
    out: list[str] = [page_address, ""] if page_address else []
    # The header's page title ("Headline | Semafor") is whole where a printed headline wraps.
    # (Firefox's header has the page's address after it.)
    titles = (
        _MARGIN_ADDRESS.sub("", _MARGIN_TIME.sub("", m)).strip() for m in margins if "Semafor" in m
    )
    out += [f"{t}\n" for t in titles if _SEMAFOR_SUFFIX.search(t)][:1]
    after_margin = False
    page_lines = False  # whether a line of the page's own is in ``out`` yet
    lines = text.split("\n")
    width = _wrap_width(lines)
    for line in lines:
        if _PRINT_MARGIN.match(line) or (
            after_margin and running and " ".join(line.split()) == running
        ):
            while out and not out[-1].strip():
                out.pop()  # the blank lines above a margin
            after_margin = True
        elif not (after_margin and not line.strip()):
            # (Only where paragraphs run on one line, and the page's own line above: not the
            # title taken from the header. Wrapped text is joined up later, with its width.)
            cut = not width and page_lines and out[-1].strip() and not TERMINAL.search(out[-1])
            if after_margin and line[:1].islower() and " " in line.strip() and cut:
                # A sentence the sheet's end cut, in a copy whose paragraphs are single lines.
                out[-1] = f"{out[-1].rstrip()} {line.lstrip()}"
                after_margin = False
                continue
            if after_margin and _starts_a_block(line, out[-1] if out else "", width):
                out.append("")  # the sheet ended with a paragraph; a headline starts the next
            out.append(line)
            page_lines = page_lines or bool(line.strip())
            after_margin = False
    return "\n".join(out)


def _stands_alone(text: str) -> bool:
    """A line no paragraph runs into: a time, one of the page's marks (the label, Insights,
    The News, SIGNALS, a Source line), a rule across the page."""
    return bool(
        (len(text) <= 48 and parse_timestamp(text))
        or (text[:1] in "-=_*" and _LONG_RULE.match(text))
        or ("ource" in text and _headline_then_source(text))
        or LABEL.match(text)
        or INSIGHTS.match(text)
        or NEWS_HEADER.match(text)
        or SIGNALS_HEADER.match(text)
        or SOURCE_LINE.match(text)
    )


def _starts_a_block(line: str, before: str, width: int = 0) -> bool:
    """Whether a line after a page break starts something new rather than continuing the
    paragraph above: the paragraph ended a sentence and the line is a short unpunctuated one,
    a headline (a paragraph's next line would run the full width); or, in hard-wrapped text,
    the paragraph's last line ended a sentence well short of the width (a paragraph ended
    there: its lines but the last run the full width)."""
    text = line.strip()
    if before.rstrip()[-1:] not in '.!?”"' or not text[:1].isupper():
        return False
    if width and len(before.rstrip()) < width * 0.8:
        return True
    return 0 < len(text) <= 80 and text[-1:] not in '.!?,;:”"'


def _wrap_width(lines: list[str]) -> int:
    """The width a converter wrapped the text at, or 0 when its paragraphs run on one line."""
    lengths = sorted(
        len(line.rstrip())
        for line in lines
        if len(line.strip()) > 40 and not _PRINT_MARGIN.match(line)
    )
    if len(lengths) < 10:
        return 0
    width = lengths[len(lengths) * 3 // 4]
    return width if 50 <= width <= 120 and lengths[-1] <= width * 1.5 else 0


_RULE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$")
# A note's properties: "saved …", "tags: …", or its tags as hashtags ("#ukraine #ceasefire", Bear).
_NOTE_PROPERTY = re.compile(
    r"^\s*(?:saved|clipped|created|tags?|labels?)\b|^\s*#[^\s#]+(?:\s+#[^\s#]+)+\s*$", re.I
)


def _without_note_header(text: str) -> str:
    """The text below a note app's own header: the note's title and properties ("saved Sat 6
    July 2024", "tags: hungary, russia") above a rule, then the page. The title is the
    note-taker's, not the story's."""
    lines = text.split("\n", 12)
    for at, line in enumerate(lines[:12]):
        if _RULE.match(line):
            above = [x for x in lines[:at] if x.strip()]
            if above and any(_NOTE_PROPERTY.match(x) for x in above):
                # The page's address among the properties ("Source URL: https://…") is kept.
                addresses = [x for x in above if URL_LINE.match(x.strip())]
                return "\n".join([*addresses, *lines[at + 1 :]])
            return text
    return text


# Lists of pages, each item under its address or its source: a search engine's results
# ("https://www.semafor.com › article › indonesia-nickel…") and a feed reader's list of items
# ("Semafor / 3h" under each headline).
_RESULT_ADDRESS = re.compile(r"^[ \t]*(?:https?://)?[\w.-]+\.[a-z]{2,}(?: › \S[^\n]*)$", re.M)
_FEED_ITEM_SOURCE = re.compile(
    r"^[ \t]*[A-Z][\w .&'-]{1,40} / \d{1,2}(?:m|h|d|min|hr)[ \t]*$", re.M
)
RESULT_LIST_MIN_ITEMS = 3


def _reject_result_list(text: str) -> None:
    """A search engine's results or a feed reader's list of items, which may quote a Signals
    page's label, tagline or News in its snippets, is not one story."""
    for pattern, marker, kind in (
        (_RESULT_ADDRESS, " › ", "a search engine's results"),
        (_FEED_ITEM_SOURCE, " / ", "a feed reader's list of items"),
    ):
        if marker in text and len(pattern.findall(text)) >= RESULT_LIST_MIN_ITEMS:
            raise NotSignalsPage(f"not a Signals page: it looks like {kind}")


def _reject_story_list(lines: list[Line]) -> None:
    """A list of Signals stories (the section's front page: the label and tagline, then cards
    each with its own "Insights from" line) has no News: it is not one story."""
    cards = sum(1 for line in lines if line.text[:1] in "IiVvW" and INSIGHTS.match(line.text))
    if cards >= 3:
        raise NotSignalsPage(
            f"not a Signals page: {cards} stories' 'Insights from' lines and no 'The News' "
            "(a list of stories, such as the section's front page?)"
        )


def _note_title(text: str) -> str | None:
    """A note app's own title: the first line, when property lines follow it ("Created: …",
    "Tags: …", "URL: …") or the time the note was made (Apple Notes' "April 5, 2023 at 8:14 AM",
    OneNote's "Wednesday, May 10, 2023" then "10:42 AM"). It may be the story's headline or the
    note-taker's words ("Ethiopia birr float — for Thursday briefing"); either way it was not
    printed on the page."""
    lines = [line.strip() for line in text.lstrip().split("\n", 8)[:8] if line.strip()]
    properties = sum(bool(_PROPERTY.match(line.lower())) for line in lines[1:4])
    if len(lines) > 2 and (properties >= 2 or _note_stamp_lines(lines)):
        return lines[0]
    return None


# When a note was made, under its title: Apple Notes' "April 5, 2023 at 8:14 AM" (or "20
# September 2023 at 18:04"); OneNote's "Wednesday, May 10, 2023" and "10:42 AM" below it.
_NOTE_DAY = r"(?:[A-Z][a-z]+ \d{1,2}, \d{4}|\d{1,2} [A-Z][a-z]+ \d{4})"
_NOTE_CLOCK = r"\d{1,2}:\d\d(?:\s?[AP]M)?"
_APPLE_NOTE_STAMP = re.compile(rf"^{_NOTE_DAY} at {_NOTE_CLOCK}$")
_ONENOTE_DAY = re.compile(rf"^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, {_NOTE_DAY}$")
_ONENOTE_CLOCK = re.compile(rf"^{_NOTE_CLOCK}$")


def _note_stamp_lines(lines: list[str]) -> int:
    """How many lines below the first (a note's title) give the time the note was made: 1, 2
    or none."""
    if lines and lines[0].lower() == "semafor":
        return 0  # Apple News: the publisher's name, then the story's own time
    if len(lines) > 1 and _APPLE_NOTE_STAMP.match(lines[1]):
        return 1
    if len(lines) > 2 and _ONENOTE_DAY.match(lines[1]) and _ONENOTE_CLOCK.match(lines[2]):
        return 2
    return 0


def _without_note_stamp(text: str) -> str:
    """The text without the time a note was made (the note's, not the story's date)."""
    lines = text.split("\n", 8)
    filled = [i for i, line in enumerate(lines[:-1]) if line.strip()]
    count = _note_stamp_lines([lines[i].strip() for i in filled])
    if not count:
        return text
    dropped = set(filled[1 : 1 + count])
    return "\n".join(line for i, line in enumerate(lines) if i not in dropped)


def _only_in_note_title(title: str, text: str, lines: list[Line]) -> bool:
    """Whether the title chosen is a note's own title, the headline printed nowhere below it."""
    note = _note_title(text)
    if note is None or _SEMAFOR_SUFFIX.sub("", note) != title:
        return False
    return sum(line.text == title for line in lines) - (note == title) <= 0


# No page's paragraph is longer: a line after one this long starts a new one. (Each line joined
# is checked against the paragraph so far, so a hostile copy's endless paragraph would cost time
# in the square of its length.)
WRAPPED_PARAGRAPH_MAX_CHARS = 8_000


def _unwrapped(text: str) -> str:
    """The text with hard-wrapped paragraphs joined again. A browser's "save as text" (and mail
    and terminal tools) breaks paragraphs at a fixed width; a copy of a web page otherwise holds
    each paragraph on one line, far longer than such a width."""
    lines = text.split("\n")
    if text.count("\n\n") > 0.3 * text.count("\n") and _double_spaced(lines):
        lines = _single_spaced(lines)  # (its paragraphs stay apart, by a blank line each)
    lengths = [len(line.rstrip()) for line in lines]
    filled = sorted(n for n in lengths if n)
    # The wrapping width: nearly every line fits in it (a long address may not).
    width = filled[int(0.95 * (len(filled) - 1))] if filled else 0
    # A paragraph or two on single long lines (a News the sender did not wrap) leaves the rest
    # wrapped; more than that is a copy whose paragraphs are lines.
    if not 28 <= width <= 130 or sum(n > 2 * width for n in filled) > max(2, len(filled) // 20):
        return text
    long_ones = [i for i, n in enumerate(lengths[:-1]) if n >= 0.75 * width]
    continued = [i for i in long_ones if lengths[i + 1]]
    # Wrapped mid-sentence, most continuations start in lower case; a copy whose lines are
    # headlines, Source lines and paragraphs starts them in capitals.
    mid_sentence = sum(lines[i + 1].lstrip()[:1].islower() for i in continued)
    if (
        len(continued) < 6
        or len(continued) < 0.5 * len(long_ones)
        or mid_sentence < 0.4 * len(continued)
    ):
        return text
    # Paragraphs set apart by blank lines (a printout's text): a wrapped line is never a new one.
    spaced = _paragraphs_spaced(lines, lengths, width)
    # Cut at a number of characters (a terminal's, a screen reader's log): a line that ends a
    # sentence with room for the next line's first word ended its paragraph.
    exact = _wrapped_at_exact_width(lines, lengths, continued, width)
    narrow = width < 60  # a phone's screen, read by its text recognition
    if narrow:
        lines = without_screen_furniture(lines)
        lengths = [len(line.rstrip()) for line in lines]
        filled = sorted(n for n in lengths if n)  # (the bars, spaced out, ran wider)
        width = filled[int(0.95 * (len(filled) - 1))] if filled else width
        spaced = _paragraphs_spaced(lines, lengths, width)  # (a bar followed a paragraph's end)
    out: list[str] = []
    joining = dangling = source_open = False
    title = "before"
    for at, (line, n) in enumerate(zip(lines, lengths, strict=True)):
        room = not out or len(out[-1]) < WRAPPED_PARAGRAPH_MAX_CHARS
        runs_on = narrow and n and room and _runs_on(out, line, _next_text(lines, at + 1))
        if (
            n
            and room
            and (
                runs_on
                or (
                    narrow
                    and (
                        (title == "open" and _continues_title(line.strip()))
                        or (source_open and _names_go_on(line, width))
                    )
                )
                or (
                    (joining or dangling)
                    and (
                        line.lstrip()[:1].islower()
                        or (joining and (spaced or not _starts_a_block(line, out[-1])))
                    )
                )
            )
            and not _stands_alone(without_source_icon(line.strip()))
            and not (narrow and _laid_out_in_columns(line))
        ):
            out[-1] = _joined_wrap(out[-1].rstrip(), line.strip())
        else:
            out.append(line)
        # A Source line (its names wrapped or not) ends where its names end: the body starts on
        # the next line. (Nor does a date line: a section's label may follow it, "politics Asia".)
        joining = (
            n >= 0.75 * width
            and not SOURCE_LINE.match(without_source_icon(out[-1].strip()))
            and not _LONG_RULE.match(out[-1].strip())  # (nothing runs on after a rule)
            # (Nor after a headline with its Source line run on: "Hormuz is the nightmare
            # scenario Sources: Lloyd's List, Bloomberg", the body below.)
            and not ("ource" in out[-1] and _headline_then_source(out[-1].strip()))
            and not (n <= 48 and parse_timestamp(line.strip()))
            and not (narrow and _laid_out_in_columns(line))
            and not (exact and at + 1 < len(lines) and _left_room(line, lines[at + 1], width))
        )
        # A short line cut after "the" or "of" is a headline wrapped early ("…known about the"
        # / "seabed"): no headline ends there.
        dangling = bool(n) and line.rstrip().rsplit(" ", 1)[-1].lower() in _DANGLING_WORDS
        if narrow and n:
            # A phone's column wraps the headline under the label over two or three lines, and
            # a Source line's or the Insights line's names ("Sources: The Diplomat, ISEAS–Yusof
            # Ishak" / "Institute").
            stripped = out[-1].strip()
            title = _title_state(title, stripped)
            source_open = bool(
                SOURCE_LINE.match(without_source_icon(stripped)) or INSIGHTS.match(stripped)
            )
    return "\n".join(out)


EXACT_WRAP_MIN_LINES = 5


def _wrapped_at_exact_width(
    lines: list[str], lengths: list[int], continued: list[int], width: int
) -> bool:
    """Whether the copy was cut at a number of characters, not a font's width: every line that
    goes on in mid-sentence (its next line in lower case) left no room for the next word."""
    mid = [i for i in continued if lines[i + 1].lstrip()[:1].islower()]
    return len(mid) >= EXACT_WRAP_MIN_LINES and all(
        lengths[i] + 1 + len(lines[i + 1].split(maxsplit=1)[0]) > width for i in mid
    )


def _left_room(line: str, following: str, width: int) -> bool:
    """Whether a line that ends a sentence left room for the next line's first word, a capital."""
    text, upcoming = line.rstrip(), following.strip()
    if text[-1:] not in '.!?”"' or not upcoming[:1].isupper():
        return False
    return len(text) + 1 + len(upcoming.split(" ", 1)[0]) <= width


DOUBLE_SPACED_SHARE = 0.9  # of the gaps between lines: one blank line, or a paragraph's more


def _double_spaced(lines: list[str]) -> bool:
    """Whether a blank line follows every line (a reading aid's line spacing) and paragraphs are
    set apart by more: two or more blank lines."""
    gaps = _gaps(lines)
    single = sum(gap == 1 for gap in gaps)
    return (
        len(gaps) >= 10
        and sum(gap >= 1 for gap in gaps) >= DOUBLE_SPACED_SHARE * len(gaps)
        and 0 < sum(gap >= 2 for gap in gaps) < single
    )


def _gaps(lines: list[str]) -> list[int]:
    """The number of blank lines between each two lines with text."""
    gaps, blank, seen = [], 0, False
    for line in lines:
        if line.strip():
            if seen:
                gaps.append(blank)
            blank, seen = 0, True
        else:
            blank += 1
    return gaps


def _single_spaced(lines: list[str]) -> list[str]:
    """The lines without the blank line after each; paragraphs apart by one blank line."""
    out: list[str] = []
    blank = 0
    for line in lines:
        if not line.strip():
            blank += 1
            continue
        if blank >= 2 and out:
            out.append("")
        out.append(line)
        blank = 0
    return out


def _title_state(state: str, line: str) -> str:
    """Where a narrow copy's header stands after this line: "before" the label, "armed" after
    it (its date, section and sponsor may come first), "open" once the headline has begun (its
    next lines are the headline's), "closed" after it (the Insights line, the News)."""
    if state in ("before", "closed") and LABEL.match(line):
        return "armed"  # (a tool's own lines above the page may have opened and closed a title)
    if state == "before":
        # (A headline above the label comes after the time: "Updated Sep 23…" / "politicsSouth
        # Asia" / "Leftist Anura Kumara" / "Dissanayake wins…" / "Semafor Signals".)
        stamped = len(line) <= 48 and parse_timestamp(line) is not None
        return "armed" if stamped else "before"
    if state == "sponsor":
        return "armed"  # the sponsor's name under "Supported by"
    if state == "armed":
        if line.lower() == "supported by":
            return "sponsor"
        return "armed" if _is_header_furniture(line) else "open"
    return "open" if state == "open" and _continues_title(line) else "closed"


def _is_header_furniture(line: str) -> bool:
    """A header line that is no headline's: a time, a label, the section, the sponsor."""
    return bool(
        _stands_alone(line) or TAG_LINE.match(line) or SUPPORTED_BY.match(line) or LOGO.match(line)
    )


def _continues_title(line: str) -> bool:
    """Whether a line may be the next of a headline wrapped in a phone's column."""
    return not _is_header_furniture(line)


def _names_go_on(line: str, width: int) -> bool:
    """Whether a line under a Source line in a phone's column holds the rest of its names: short,
    each word a name's ("Times", "Morning Post", "Institute for the Study of War")."""
    words = line.split()
    return (
        len(line.strip()) > 0
        and (len(line.strip()) < 0.6 * width or "," in line)  # (a list's rest: "Times, Het …")
        and line.strip()[-1:] not in ".!?:"
        and all(word[:1].isupper() or word in _NAME_JOINERS for word in words)
    )


_NAME_JOINERS = frozenset(("of", "and", "for", "the", "on", "&", "de", "du", "des", "la", "el"))


def _next_text(lines: list[str], start: int) -> list[str]:
    """The next line with text from ``start`` on (within two), as a list of one or none."""
    return [line for line in lines[start : start + 3] if line.strip()][:1]


def _runs_on(out: list[str], line: str, following: list[str]) -> bool:
    """In a phone's narrow column, whether a line goes on with the one above, however short
    that is: a headline wraps early ("Tanzania hands DP World" / "control of Dar es Salaam…").
    So does a line in lower case, not after a sentence's end nor after a time (a section's
    label follows it: "africa"); and the last line of a signal's headline, above its Source
    line, when the line above started the headline ("Lima briefly tried to rein" / "Cosco in",
    after the last body's full stop or a blank line)."""
    before = out[-1].strip() if out else ""
    if before[-1:] in ("", ".", "!", "?", ":", "”", '"') or _stands_alone(before):
        return False
    if line.lstrip()[:1].islower():
        return True
    above = out[-2].strip() if len(out) > 1 else ""
    return (
        bool(following)
        and SOURCE_LINE.match(without_source_icon(following[0].strip())) is not None
        and above[-1:] in ("", ".", "!", "?", "”", '"')
    )


def _laid_out_in_columns(line: str) -> bool:
    """A line set out in columns by runs of spaces: in a phone's narrow column, its status bar
    and address bar as its text recognition reads them, no paragraph's line. (A printout's
    justified lines have such runs too.)"""
    return "   " in line.strip()


def _joined_wrap(line: str, following: str) -> str:
    """A wrapped line and its continuation as one. A narrow column (a phone's screen, a print
    edition) breaks words at syllables: "Thurs-" / "day" is "Thursday", while "Chinese-" /
    "controlled" keeps its hyphen. The hyphen goes when the whole is a known word (a compound
    that is one too loses it: "co-" / "operation" gives "cooperation")."""
    if line[-1:] == "-" and line[-2:-1].isalpha() and following[:1].islower():
        start = line[:-1].rsplit(" ", 1)[-1]
        end = following.split(" ", 1)[0].rstrip(".,;:!?”’\"')")
        whole = f"{start}{end}"
        if whole.isalpha() and _known_word(whole):
            return f"{line[:-1]}{following}"
        return f"{line}{following}"
    return f"{line} {following}"


def _known_word(word: str) -> bool:
    """Whether the lemmatiser's English dictionary holds the word (any case)."""
    return simplemma.is_known(word.lower(), lang="en")


def _paragraphs_spaced(lines: list[str], lengths: list[int], width: int) -> bool:
    """Whether the copy sets its paragraphs apart by blank lines: nearly every short line that
    ends a sentence is followed by one (a few may be a list's or a note's)."""
    ends = [
        i
        for i, n in enumerate(lengths[:-1])
        if 0 < n < 0.75 * width and lines[i].rstrip()[-1:] in '.!?”"'
    ]
    return len(ends) >= 3 and sum(not lengths[i + 1] for i in ends) >= 0.9 * len(ends)


QUOTED_RUN_MIN_LINES = 8  # a reply's quote of a whole page, not a quoted line or two


def _unquoted_runs(text: str) -> str:
    """The text with each long run of quoted lines ("> …", a page quoted in a mail reply)
    without its quote marks, and unwrapped on its own: the reply around it, written in longer
    lines, would hide the quote's wrapping width."""
    out: list[str] = []
    run: list[str] = []
    last_run_ends = None  # where the last long run ends in ``out``, if it holds the signals
    for line in [*_without_interjections(text.split("\n")), ""]:
        if line[:1] == ">":
            run.append(line)
            continue
        if len(run) >= QUOTED_RUN_MIN_LINES:
            out.append(_unwrapped("\n".join(_QUOTE_MARKS.sub("", quoted) for quoted in run)))
            last_run_ends = len(out) if any("SIGNALS" in quoted for quoted in run) else None
        else:
            out.extend(run)
        run = []
        out.append(line)
    if last_run_ends is not None:
        # The reply below the last quoted run, the one that holds the signals, is not the page.
        out.insert(last_run_ends, QUOTED_PAGE_END)
    return "\n".join(out[:-1])


INTERJECTION_MAX_LINES = 3


def _without_interjections(lines: list[str]) -> list[str]:
    """The lines without a replier's comments set inside a long quote (a line or three between
    quoted lines, "[GB] careful with 'his posts'"): the quoted page reads on around them."""
    out: list[str] = []
    quoted_run = 0  # quoted lines just above
    at = 0
    while at < len(lines):
        if lines[at][:1] == ">":
            quoted_run += 1
            out.append(lines[at])
            at += 1
            continue
        end = at
        while end < len(lines) and lines[end][:1] != ">":
            end += 1
        interjection = (
            quoted_run >= QUOTED_RUN_MIN_LINES
            and end - at <= INTERJECTION_MAX_LINES
            and end < len(lines)  # (a quoted line follows: the loop stopped at it)
            and all(line.strip() for line in lines[at:end])
        )
        if not interjection:
            out.extend(lines[at:end])
            quoted_run = 0
        at = end
    return out


_DANGLING_WORDS = frozenset(
    {"the", "a", "an", "of", "to", "in", "on", "at", "by", "for", "from", "with", "and", "or"}
    | {"about", "into", "than", "that"}
)


@dataclass
class _Reading:
    """What ``_content_lines`` knows of the copy so far."""

    content: Content
    seen_signals: bool = False
    seen_news: bool = False
    scanned: int = 0  # leading lines looked at for a pasted address
    promo: int = 0  # lines of a newsletter box still to drop
    sponsor_next: bool = False  # the next short line names a sponsor among the signals
    property_above: bool = False  # the line above was a note's property ("Tags: Africa")
    in_next_post: bool = False  # a chat's next post goes on with the signals: its preamble next
    in_chat: bool = False  # a chat message's header has been read
    resume_at: int = 0  # the line the signals go on from, after a side list copied among them
    page_break: bool = False  # the line above was a printed page's number ("Page 2 of 3")
    sticky_note: bool = False  # the line above opened an annotation's note: its text is next
    # The file's first lines: a printout's running header, printed again on each sheet with
    # its page number ("Prepared for: … Page 4 of 11").
    top_lines: list[str] = dataclasses.field(default_factory=list)
    # The author of a fediverse thread's first post: their next posts go on with the page.
    thread_author: str | None = None
    page_sender: str | None = None  # the sender of the chat message the page is pasted in


# An annotation tool's note between a page's paragraphs, over its text: "Sticky Note —
# m.rosales — Apr 24, 2023" (Diigo).
_STICKY_NOTE = re.compile(r"^Sticky Note\s+[—–-]\s+\S.{0,80}$")
RUNNING_HEADER_MIN_CHARS = 25
RUNNING_HEADER_LINES = 3
_DIGITS = re.compile(r"\d+")


def _is_running_header(raw: str, reading: _Reading) -> bool:
    """Whether a line among the signals repeats one of the file's first lines with another
    number: a printed document's header on each sheet with its page number ("Prepared for: …
    Page 4 of 11"). (A line repeated whole is a page pasted twice, a chat's next forward.)"""
    if len(reading.top_lines) < RUNNING_HEADER_LINES and not reading.seen_news:
        reading.top_lines.append(" ".join(raw.split()))
        return False
    if not reading.seen_signals:
        return False
    opening = raw.lstrip()[:6]  # (cheap first: most lines open otherwise)
    if not any(top[:6] == opening for top in reading.top_lines) or not _DIGITS.search(raw):
        return False
    line = " ".join(raw.split())
    if _CHAT_MESSAGE.match(line):
        return False  # a chat's next message by the same sender, at another time
    masked = _DIGITS.sub("#", line)
    return any(top != line and _DIGITS.sub("#", top) == masked for top in reading.top_lines)


# A signal on one line, its line breaks lost (a feed reader's item): "Headline Sources:  A, B
# Body…", the names told from the body by the double space alone.
_COLLAPSED_SIGNAL = re.compile(
    r"(?P<headline>[^\n]*?\S) ?(?P<label>Sources?:) +(?P<names>[^\n.:]{2,200}?)"
    r"  +(?P<body>[^\n]{20,})$"
)


def _split_collapsed_signals(text: str) -> str:
    """Collapsed signals put back on lines of their own. Only the lines holding a Source label
    are tried: the pattern's lazy headline costs a scan of every line it is tried on."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if "ource" in line and (found := _COLLAPSED_SIGNAL.match(line)):
            lines[i] = _collapsed_signal_lines(found)
    return "\n".join(lines)


def _collapsed_signal_lines(found: re.Match[str]) -> str:
    """The headline, the Source line and the body of a collapsed signal on lines of their own,
    when what stands between the label and the double space is a list of names."""
    if not _looks_like_name_list(found["names"]):
        return found[0]
    label = f"{found['label']} {found['names'].strip()}"
    return f"{found['headline']}\n{label}\n{found['body']}"


_TAB_FIELD = re.compile(r"^[A-Z][\w’' ]{1,30}\t+\S")
TAB_FIELDS_MAX = 8


# Lines below one that the checks of what follows it look at: a few are enough, and a copy of
# all the rest, for every line, would cost time in the square of the page's length.
_LOOKAHEAD_LINES = 40


def _ahead(raw_lines: list[str], at: int) -> list[str]:
    """The lines just below line ``at``."""
    return raw_lines[at + 1 : at + 1 + _LOOKAHEAD_LINES]


def _content_lines(text: str) -> Content:
    """Non-empty lines without furniture, cut at the first end-of-story marker after SIGNALS."""
    text, language = from_translation(as_page_text(text))
    if "\n>" in text and len(text) < 2_000_000:
        text = _unquoted_runs(text)
    if "\n" in text[:200] and len(text) < 2_000_000:
        text = _unwrapped(_without_print_margins(without_overlaps(text)))
    if "---" in text[:600] or "***" in text[:600]:
        text = _without_note_header(text)
    if " at " in text[:300] or "day, " in text[:300]:
        text = _without_note_stamp(text)
    if "ource:  " in text or "ources:  " in text:
        text = _split_collapsed_signals(text)
    reading = _Reading(Content([], translated_from=language))
    raw_lines = text.split("\n")
    # Without the SIGNALS heading and its tagline, the label below The News heads the signals.
    label_heads = "SIGNALS" not in text and "Signals:" not in text
    # A few lines of fields in a table, above the page; not a page laid out in a table itself.
    fields_above = "\t" in text[:2000] and sum("\t" in raw for raw in raw_lines) <= TAB_FIELDS_MAX
    for at, raw in enumerate(raw_lines):
        if not raw or raw.isspace() or at < reading.resume_at:
            continue  # a third of a copy's lines, often: skipped before any other work
        check_budget()
        if not reading.seen_signals and "   " in raw:
            raw = _wide_gaps_as_separators(raw)
        if (
            "<http" in raw
            and not reading.seen_signals
            and reading.content.pasted_url is None
            and (linked := _glued_article_link(raw))
        ):
            reading.content.pasted_url = linked
        line = _normalize_line(raw)
        if not line:
            continue
        if line[-1:].isdigit() and "/" in line[-6:] and (counter := _THREAD_COUNTER.search(line)):
            line = line[: counter.start()]  # a thread's post number: "…the Daily Nation noted. 6/7"
        if not reading.seen_news and line[:1] > "\u2600" and (emoji := _LEADING_EMOJI.match(line)):
            line = line[emoji.end() :]  # a channel's flags before a headline: "🇷🇺🇹🇯 Russia’s…"
        if len(line) >= RUNNING_HEADER_MIN_CHARS and _is_running_header(raw_lines[at], reading):
            continue
        if _is_address_line(line, reading):
            if not reading.seen_news and " the " in line and _COPIED_BELOW_HEADLINE.search(line):
                reading.content.lines.clear()  # "I only grabbed the part under the photo: <…>"
            continue
        if fields_above and not reading.seen_news and "\t" in raw and _TAB_FIELD.match(raw.strip()):
            continue  # a document's table of fields above the page: "Logged by<TAB>N. Srisuk"
        if (
            line[0].isdigit()
            or line[0] == "["
            or line[-1] in "M]"
            or line[-3:-2] == ":"
            or line.endswith(("Received", "Sent"))
        ) and (chat := _CHAT_MESSAGE.match(line)):
            sender = _sender(line, chat)
            if reading.seen_signals and not (
                _continues_signals(chat["text"], _ahead(raw_lines, at))
                or (
                    (_awaits_body(reading) or sender == reading.page_sender)
                    and _opens_with_prose(chat["text"], _ahead(raw_lines, at))
                )
            ):
                # The next message of a chat: the page has ended. Someone often posts its link
                # after pasting it.
                reading.content.later_link = _first_article_link(raw_lines[at:])
                return reading.content
            if not reading.seen_news and (
                not reading.in_chat or _opens_page(_normalize_line(chat["text"] or ""))
            ):
                # The first message: what stands above it is the chat app's own (the space's
                # name, its tabs), not the page's. So are the messages above the one that
                # opens the page ("08:49 - Lucía: Updated Sep 11, 2024, 9:15am EDT").
                reading.content.lines.clear()
            reading.in_chat = True
            if not reading.seen_signals:
                # Who pastes the page: a message of theirs that opens with a paragraph goes on
                # with it (the app split a long paste in two).
                reading.page_sender = sender
            # The message's first line may hold the page's first.
            line = _normalize_line(chat["text"] or "")
            reading.in_next_post = reading.seen_signals
        if line[:1] == "(" and (part := _PART_PREFIX.match(line)):
            line = line[part.end() :]  # a thread's or a chat's part: "(2/5) SIGNALS"
        if reading.in_next_post:
            if not line or _POST_PREAMBLE.match(line):
                continue  # "[Forwarded from Aegean Notes]", "Semafor Signals (2/2)"
            reading.in_next_post = False
        if not line:
            continue
        if reading.page_break:
            reading.page_break = False
            if any(line == earlier.text for earlier in reading.content.lines):
                continue  # a news database's running header: the document's title again
        if not reading.seen_news and (
            ((" the " in line or "cut off" in line) and _COPIED_BELOW_HEADLINE.search(line))
            or ("opi" in line and _COPIED_WITHOUT_HEADLINE.search(line))
        ):
            # "Copied from below the headline; the photo didn't come through.": what stands
            # above is the note's, and the copy has no headline. (Looked for first: such a
            # note is often in brackets, which would drop it as a note.)
            reading.content.lines.clear()
            continue
        if reading.sticky_note:
            reading.sticky_note = False
            continue  # the note's text
        if line[:6] == "Sticky" and _STICKY_NOTE.match(line):
            reading.sticky_note = True  # an annotation tool's note pinned between paragraphs
            continue
        if (
            not reading.seen_news
            and line[:3] in _RULES
            and _CAPTIONED_RULE.match(line)
            and not _is_mail_header(line)
            and not any(LABEL.match(above.text) for above in reading.content.lines)
        ):
            # A note's divider with its caption ("=== page text (copied 22/11) ==="): above it,
            # the note's own lines (a search result, annotations), unless the page started
            # there. (Below the page, a dump's "=== end record 4417 ===" ends it.)
            reading.content.lines.clear()
            continue
        if _is_whole_line_furniture(line):
            reading.page_break = _is_page_number(line)
            continue
        if line[0] in '"“' and _is_section_heading(line[1:]):
            line = line[1:]  # a shared selection's opening quote: '"The News'"
        if not reading.seen_signals and "ublish" in line and (noted := _ORIGINAL_DATE.search(line)):
            stamp = parse_timestamp(noted["date"])
            reading.content.original_date = stamp[0][:10] if stamp else None
        if not reading.seen_signals and _is_mail_header(line):
            continue  # "Subject: Semafor Signals: Turkey detains…" is the e-mail's, not the page's
        if (
            not (reading.seen_news or reading.seen_signals)
            and ":" in line[:16]
            and _is_record_field(line, reading)
        ):
            continue  # a news database's record: "Title: …", "Section: Semafor Signals"
        if not reading.seen_signals and line[-1] in _LEAD_ENDS and _PASTE_LEAD.match(line):
            # "Pasted from Semafor (the top got cut):": the lines above it are the note's own.
            reading.content.lines.clear()
            continue
        if "Semafor Signals" in line and (crawled := _CRAWLER_LABEL.match(line)):
            reading.content.copy_date = reading.content.copy_date or crawled["date"]
            line = crawled["label"]
        if reading.seen_signals:
            parts = _unglue(line)
            if len(parts) == 1 and (glued := _BODY_THEN_HEADLINE.match(parts[0])):
                parts = _body_then_headline(glued, raw_lines, at + 1) or parts
        elif not reading.seen_news and line[:9] == "The News " and _GLUED_NEWS.match(line):
            parts = ["The News", line[9:]]  # a digest's "The News Chinese President Xi…"
        else:
            parts = _header_parts(line)
        for part in parts:
            key = part.lstrip("•·*- ").lower()
            if "@" in key and _FEDIVERSE_AUTHOR.match(key):
                if reading.thread_author is None and not reading.seen_signals:
                    reading.thread_author = key
                elif key == reading.thread_author:
                    continue  # the poster's next post in the thread: the page goes on
            if " · " in part and _is_post_footer(part):
                continue  # a post's time, app and counts: "Oct 16, 2023, 19:06 · Web · 2 · 5"
            if len(part) <= 5 and _CLOCK_24H.match(part) and _status_bar_follows(raw_lines, at + 1):
                continue  # a screenshot's clock, above its status bar: not a chat's next message
            if (
                reading.seen_signals
                and (
                    (part[:1].isdigit() and _CHAT_STAMP_ALONE.match(part))
                    or (
                        len(part) <= 13
                        and _is_reply_day(part, reading.content.lines, raw_lines, at)
                    )
                )
                and not _continues_signals(None, _ahead(raw_lines, at))
            ):
                lines = reading.content.lines
                if lines and _is_name(lines[-1]):
                    lines.pop()  # the sender's name above the time of the next message (Teams)
                _drop_reply_author(lines, raw_lines, at)
                return reading.content
            if (
                reading.seen_signals
                and (
                    _ends_story(key)
                    # (Numbered by a word processor's outline: "2.2.7 PostEmailWhatsapp".)
                    or (key[:1].isdigit() and _ends_story(_OUTLINE_MARK.sub("", key, count=1)))
                    or (part[:1].isupper() and _is_chat_aside(part, _ahead(raw_lines, at)))
                    or part == "--"
                    or (part[:1].isdigit() and _is_own_numbered_post(part, reading, raw_lines, at))
                    or (part[:1].isdigit() and _is_next_item(part, _ahead(raw_lines, at)))
                    # Someone's to-do below the page: "Next: check EC final count" (a signal's
                    # headline may read "Next: labor and tax reform", its Source line below).
                    or (
                        key[:6] == "next: "
                        and "ource" not in line  # ("Next: facing Trump Sources: Politico")
                        and not _credited_below(raw_lines, at + 1)
                    )
                    or (part[:3] == "---" and _is_mail_header(part))
                    # A list archive's next message: its author, then its date.
                    or (_is_name(Line(part, key)) and _dated_below(raw_lines, at + 1))
                    or (
                        len(part) <= 5
                        and _CLOCK_24H.match(part) is not None
                        # (A chat's next message may go on with the page: its next signal.)
                        and not _continues_signals(None, _ahead(raw_lines, at))
                    )
                )
            ):
                # ("--" alone opens an e-mail signature; "3) Shipping", a digest's next item;
                # "09:43", a chat's next message.)
                if key in _SIDE_LISTS and (resume := _signals_resume(raw_lines, at + 1)):
                    reading.resume_at = resume  # a side list copied between two signals
                    break
                if _LONG_RULE.match(part) and (resume := _after_boxed_block(raw_lines, at + 1)):
                    reading.resume_at = resume  # a newsletter's sponsor box between two signals
                    break
                if _may_stand_between_signals(key) and (resume := _next_signal(raw_lines, at + 1)):
                    reading.resume_at = resume  # an analyst's note, a share row between signals
                    break
                below = raw_lines[at + 1 : at + 30]
                reading.content.footer_stamp = _first_stamp(below)
                if reading.content.pasted_url is None:
                    reading.content.pasted_url = _address_on_end_line(part) or _noted_address(below)
                if reading.content.pasted_url is None:
                    reading.content.later_link = _messaged_link(below) or _closing_link(
                        raw_lines[at + 1 :]
                    )
                if (key[-1:].isdigit() and _PHONE_LINE.match(key)) or _is_mail_disclaimer(key):
                    _drop_signature(reading.content.lines)
                return reading.content
            if _is_furniture(part, key, reading):
                continue
            if _is_time_below_story(part, reading):
                continue
            if not reading.seen_signals:
                if TAGLINE.match(part) and not reading.seen_news and _news_below(raw_lines, at + 1):
                    continue  # a link preview's description, above the page pasted below it
                reading.seen_signals = bool(
                    SIGNALS_HEADER.match(part)
                    or TAGLINE.match(part)
                    # (The label below The News heads the signals: see ``read_page``.)
                    or (reading.seen_news and part == "Semafor Signals" and label_heads)
                )
            reading.content.lines.append(Line(part, key))
    return reading.content


_PREVIEW_LOOKAHEAD = 40  # lines: a link preview stands just above the page pasted below it


def _news_below(raw_lines: list[str], start: int) -> bool:
    """Whether the page's News heading comes within the next lines."""
    below = raw_lines[start : start + _PREVIEW_LOOKAHEAD]
    return any(NEWS_HEADER.match(line.strip()) for line in below)


def _status_bar_follows(raw_lines: list[str], start: int) -> bool:
    """Whether the next line is a phone's status bar: the clock above it is the screenshot's."""
    following = next((line.strip() for line in raw_lines[start : start + 3] if line.strip()), "")
    return len(following) <= 40 and is_screen_bar(" ".join(following.split()))


def _is_section_heading(text: str) -> bool:
    return bool(NEWS_HEADER.match(text) or LABEL.match(text) or SIGNALS_HEADER.match(text))


def _is_next_item(part: str, raw_lines: list[str]) -> bool:
    """A digest's next item or a memo's next section, not a numbered signal's headline."""
    item = _DIGEST_ITEM.match(part)
    return bool(item) and (item["mark"] == ")" or not _continues_signals(None, raw_lines))


def _continues_signals(text: str | None, raw_lines: list[str]) -> bool:
    """Whether a chat message after the signals goes on with them (a long paste split into
    several messages): it opens with a signal's headline and Source line, or says it is a
    later part ("(4/4)")."""
    if any(_LATER_PART.match(line.strip()) for line in (text or "", *raw_lines[:3])):
        return True
    opening = [
        line.strip()
        for line in (text, *raw_lines[:8])
        if line and line.strip() and not _POST_PREAMBLE.match(line.strip())
    ][:3]
    # (The message may first finish the sentence the last one was cut in: "not.")
    heading = 3 if opening and opening[0][:1].islower() else 2
    return any(SOURCE_LINE.match(line) for line in opening[:heading]) and len(opening) > 1


def _awaits_body(reading: _Reading) -> bool:
    """Whether the last line read is a signal's Source line, its body still to come."""
    lines = reading.content.lines
    return bool(lines) and lines[-1].text[:1] in "SsFf" and bool(SOURCE_LINE.match(lines[-1].text))


_BODY_MIN_WORDS = 8


def _opens_with_prose(text: str | None, raw_lines: list[str]) -> bool:
    """Whether a chat message opens with a paragraph (a signal's body, split from its Source
    line by the app's length limit), after what a chat shows above a forwarded post."""
    opening = next(
        (
            line.strip()
            for line in (text, *raw_lines[:4])
            if line and line.strip() and not _POST_PREAMBLE.match(line.strip())
        ),
        "",
    )
    return len(opening.split()) >= _BODY_MIN_WORDS and opening[-1:] in '.”"’)'


# A tool's fields in brackets, one or more on a line, each a word and a value ("[lang: en]",
# "[end item 48213]"), never a sentence.
_TOOL_FIELDS = re.compile(r"^(?:\[[a-z][\w -]{0,20}(?::|\s\d)[^\[\]]{0,80}\]\s*)+$")
_MARGIN_NOTE = re.compile(r"^(?:NB\b|(?:→|->|—>|=>|!!)\s)")  # ("!! ask Priya re: the numbers")
_INITIALLED_NOTE = re.compile(r"^\[(?:[A-Z]{1,3}|NB|Note|note|Ed|ed|me|Me)\s*:\s")
# A message sent in parts: its mark on a line of its own ("(3/4)", never text), and a later
# part's, which goes on with the signals ("(2/4)", "part 2 of 3").
_PART_MARK = re.compile(r"^\(\d{1,2}/\d{1,2}\)$")
_LATER_PART = re.compile(
    r"^\(?(?:part )?(?:[2-9]|1\d)(?:/\d+| of \d+)\)?:?$|^\((?:[2-9]|1\d)/\d{1,2}\)\s", re.I
)
# What a chat shows above a forwarded post, before its text: "[Forwarded from Aegean Notes]",
# "[ Photo ]", and the post's own label when a long page was posted in parts ("Semafor Signals
# (2/2)").
_POST_PREAMBLE = re.compile(
    r"^\[?\s*(?:forwarded from\b[^\]]*|photo|video|image|file)\s*\]?$"
    r"|^(?:semafor )?signals(?:\s*\(\d+/\d+\))?$"
    r"|^\(?part \d+(?:/\d+| of \d+)?\)?:?$|^(?:source|title) icon$",  # "(part 2)", an icon
    re.I,
)


# A re-poster's note of when the story first ran: "Original publication date: Apr 18, 2024",
# "first published on April 18, 2024".
_ORIGINAL_DATE = re.compile(
    r"\b(?:original(?:ly)?\s+publi(?:cation\s+date|shed)|first\s+published)(?:\s+on)?\s*:?\s*"
    r"(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+(?:19|20)\d\d)",
    re.I,
)


def _first_article_link(raw_lines: list[str]) -> str | None:
    """The first Semafor article linked in these lines (the next few dozen only)."""
    for raw in raw_lines[:40]:
        if "semafor.com/article/" in raw and (found := SEMAFOR_ARTICLE.search(raw)):
            return found[0]
    return None


def _is_time_below_story(part: str, reading: _Reading) -> bool:
    """A time printed among or below the signals ("Updated Jan 30, 2025…" after the last one on
    a phone's selection): kept as the date of a copy without a header, never a signal."""
    if not (reading.seen_signals and len(part) <= 48 and _YEAR.search(part)):
        return False
    stamp = parse_timestamp(part)
    if stamp:
        reading.content.footer_stamp = reading.content.footer_stamp or stamp[0]
    return bool(stamp)


def _address_on_end_line(line: str) -> str | None:
    """The page's address a dump gives on the line that ends the page (``_END_LINE_ADDRESS``)."""
    found = _END_LINE_ADDRESS.search(line) if "semafor.com/" in line else None
    url = semafor_address(found["url"]) if found else None
    return url if is_semafor_article(url) else None


def _noted_address(raw_lines: list[str]) -> str | None:
    """The page's address on these lines, below the page's end: a note app's "Pasted from
    <…>", or a phone's share card (the site, the page's title, its address, a line each)."""
    lines = [line for line in map(_normalize_line, raw_lines) if line]
    for at, line in enumerate(lines):
        printed = line[:6].lower() == "source" and _SOURCE_ADDRESS.match(line)
        if printed and is_semafor_article(printed["url"]):
            return printed["url"]  # a print service's footer: "Source: <…> · Printed with …"
        if not (noted := _NOTED_ADDRESS.match(line)):
            continue
        if noted["label"]:
            return noted["url"]
        if is_semafor_article(noted["url"]) and _card_or_message_above(lines, at):
            return noted["url"]
    return None


def _card_or_message_above(lines: list[str], at: int) -> bool:
    """Whether a bare address stands in a share card: the site, perhaps the page's title, then
    the address (Keep's, a phone's)."""
    return (at >= 2 and lines[at - 2].lower() == "semafor.com") or (
        at >= 1 and lines[at - 1].lower() == "semafor.com"
    )


def _messaged_link(raw_lines: list[str]) -> str | None:
    """A Semafor article sent alone in a chat's next message below the page ("[14.04.25 16:24]
    Mariana R.:", then the link): the page's own address if its date fits the page's (see
    ``_later_link``)."""
    lines = [line for line in map(_normalize_line, raw_lines) if line]
    for above, line in zip(lines, lines[1:], strict=False):
        chat = _CHAT_MESSAGE.match(above) if above[-1:] == ":" else None
        if chat and not chat["text"] and " " not in line and (found := SEMAFOR_ARTICLE.match(line)):
            return found[0]  # (the link alone on its line, perhaps with a query: "…?utm_…")
    return None


def _closing_link(raw_lines: list[str]) -> str | None:
    """A Semafor article's address alone on the copy's last line, below the page's footer: a
    phone's share adds the page's link after its text (its date must fit the page's, see
    ``_later_link``)."""
    last = next((line.strip() for line in reversed(raw_lines) if line.strip()), "")
    last = _LEADING_SYMBOLS.sub("", last)  # "🔗 semafor.com/article/…"
    found = SEMAFOR_ARTICLE.match(last) if " " not in last else None
    return found[0] if found else None


def _first_stamp(raw_lines: list[str]) -> str | None:
    """The first time printed on these lines, if any."""
    for raw in raw_lines:
        line = _normalize_line(raw)
        if line and line[-1:] != "." and (stamp := parse_timestamp(line)):
            return stamp[0]
    return None


def _opens_page(text: str) -> bool:
    """Whether a chat message's text opens the page: its label or its time."""
    return bool(LABEL.match(text)) or (len(text) <= 48 and parse_timestamp(text) is not None)


def _is_address_line(line: str, reading: _Reading) -> bool:
    """Whether the line is an address rather than text: one pasted on the first lines, a
    re-poster's note above the story, a print view's footer or a note app's "Pasted from <…>"
    (the page's, kept), or a bare address of another site (a link, dropped)."""
    content = reading.content
    # Past the first lines, an address is still looked at while the one kept is another site's
    # (a mailing list's digest names its own pages first, the page's address further down).
    another_sites = content.pasted_url is not None and not is_semafor_article(content.pasted_url)
    if reading.scanned < URL_LINES_SCANNED or (another_sites and not reading.seen_news):
        reading.scanned += 1
        if (address := URL_LINE.match(line)) and APP_LINK.match(address["url"]):
            return True  # an app's or a shortener's link to the page tells nothing of its address
        if address and (
            content.pasted_url is None
            # A Semafor article's address beats a reader app's link pasted above it.
            or (is_semafor_article(address["url"]) and not is_semafor_article(content.pasted_url))
        ):
            url = address["url"]
            # A mail filter's wrapper around the page's address: the address inside.
            content.pasted_url = (wrapped_article(url) if "%2F" in url else None) or url
            return True
    if line[-1] == "…" and _CUT_LINK.match(line):
        return True  # a post's shortened link ("semafor.com/article/04/14/2…"): no address
    if not reading.seen_news and (address := _reposted_address(line, content)):
        content.pasted_url = address
        return True
    if "://" in line and (noted := _NOTED_ADDRESS.match(line) or _PRINT_FOOTER.match(line)):
        if "label" not in noted.re.groupindex or noted["label"] or is_semafor_article(noted["url"]):
            content.pasted_url = content.pasted_url or noted["url"]
        return True
    if (
        "://" in line
        and (cited := _SOURCE_ADDRESS.match(line))
        and is_semafor_article(cited["url"])
    ):
        # An analyst's "Source: <the page's address>" below the copy, not a signal's credits.
        content.pasted_url = content.pasted_url or cited["url"]
        return True
    return False


_CUT_LINK = re.compile(r"^(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)+/\S*…$")
# "Source: <the page's address>": an analyst's below the copy (in the analyst's language too:
# "Fuente: https://…"), or a print service's footer with its own words after it ("… · Printed
# with PrintFriendly · 1/2").
_SOURCE_ADDRESS = re.compile(
    r"^(?:sources?|fuentes?|fontes?|quellen?|bron|kaynak)\s*:\s*<?(?P<url>https?://[^\s<>]+?)>?"
    r"(?:\s+[·|]\s.*)?$",
    re.I,
)


def _is_mail_header(line: str) -> bool:
    """A forwarded e-mail's header line or separator (see ``_MAIL_HEADER``)."""
    return (":" in line[:27] or line[:3] == "---") and _MAIL_HEADER.match(line) is not None


_HASHTAGS = re.compile(r"^#[^\W\d_][\w-]*(?:[ ,]+#[^\W\d_][\w-]*)*$")


# A site's side list of other stories, which a narrow screen's select-all copies among the
# signals ("Most Read", then numbered headlines).
# (Among END_MARKERS: a site's box of other stories, copied between two signals.)
_SIDE_LISTS = frozenset({"most read", "most popular", "trending", "related", "related:"})
_LIST_ITEM = re.compile(r"^\s*(?:\d{1,2}[.)]|[•·▪◦*-])\s+\S")
_SIDE_LIST_MAX = 12  # lines a side list may take


def _signals_resume(raw_lines: list[str], start: int) -> int | None:
    """Where the signals go on below a side list of headlines (numbered or bulleted): the first
    line after the list, when a Source line follows it within three lines (a headline, perhaps a
    "Source icon", and its credit); None when the list is the page's end."""
    lines = _next_lines(raw_lines, start)
    items = 0
    while items < min(len(lines), _SIDE_LIST_MAX) and _LIST_ITEM.match(lines[items][1]):
        items += 1
    if items < 2:
        return None
    credited = _credited_soon([text for _, text in lines[items + 1 : items + 4]])
    return lines[items][0] if items < len(lines) and credited else None


# A signal's body with the next signal's headline glued on where the selection crossed from one
# block to the next: "…plan to add their own increases on top.Coal’s grip is loosening, slowly"
# (no space after the full stop; "U.S.", an abbreviation, ends in a capital).
_BODY_THEN_HEADLINE = re.compile(
    r"^(?P<body>.{40,}?[a-z0-9%)][.!?][’”\"]?)(?P<headline>[A-Z‘“][^.!?]{8,120})$"
)


def _body_then_headline(glued: re.Match[str], raw_lines: list[str], start: int) -> list[str] | None:
    """The body and the headline, when a Source line follows (the headline's)."""
    below = _next_lines(raw_lines, start)[:1]
    if not below or not SOURCE_LINE.match(below[0][1]):
        return None
    return [glued["body"], glued["headline"]]


def _next_lines(raw_lines: list[str], start: int) -> list[tuple[int, str]]:
    """The next forty lines' non-empty ones, stripped, with where each stands."""
    lines = [(i, raw_lines[i].strip()) for i in range(start, min(len(raw_lines), start + 40))]
    return [(i, text) for i, text in lines if text]


def _credited_below(raw_lines: list[str], start: int) -> bool:
    """Whether one of the next two lines is a Source line (the line above is a headline)."""
    return _credited_soon([text for _, text in _next_lines(raw_lines, start)[:2]])


def _credited_soon(texts: list[str]) -> bool:
    """Whether a Source line is among the lines (those just below a signal's headline)."""
    return any(SOURCE_LINE.match(text) and len(text) < 200 for text in texts)


_OWN_NOTE_MAX_LINES = 4  # lines a note between two signals may take
_HEADLINE_MAX_CHARS = 150
_SHARE_ROWS = frozenset({"postemailwhatsapp", "tweetemailwhatsapp", "sharepostemailwhatsapp"})
_SHARE_BUTTONS = frozenset(
    {"share", "post", "tweet", "email", "whatsapp", "copy link", "linkedin", "facebook", "print"}
)


def _is_share_row(key: str) -> bool:
    """The page's share buttons on one line, run together ("PostEmailWhatsapp") or apart
    ("Share · Post · Email · Whatsapp · Copy link", a wiki's export)."""
    if key in _SHARE_ROWS:
        return True
    if len(key) > 80:
        return False
    if not key.isascii() and "".join(_ASCII_WORD.findall(key)) in _SHARE_ROWS:
        return True  # with the buttons' icons: "🐦 Tweet ✉️ Email 💬 Whatsapp"
    parts = [part.strip() for part in re.split(r"[·|•]", key)]
    return len(parts) >= 3 and all(part in _SHARE_BUTTONS for part in parts)


_ASCII_WORD = re.compile(r"[a-z]+")
# An analyst's note in brackets, typed among or below the signals: "[TM note: check the posts]".
# (Also a document's comments, exported below its text: "[a]Olga K: FT has Scholz…" (Google Docs).)
_BRACKETED_NOTE = re.compile(
    r"^\[(?:[a-z]{1,4}'?s? )?notes?\s*[:—–-]|^\[[a-z]{1,2}\][^\W\d_][^:]{0,40}:"
)


def _may_stand_between_signals(key: str) -> bool:
    """An analyst's own note, a share row, a newsletter's sign-up box or a channel post's views:
    the copy's end, unless a signal follows."""
    bare = key.lstrip("—–-*•> ")
    return (
        _is_share_row(key)
        or bare.startswith(OWN_NOTE_PREFIXES)
        or key[:4] in ("[ ] ", "[x] ")  # a note's to-do: "- [ ] check the count"
        or (":" in key[:30] and bool(_NOTE_FOR_SOMEONE.match(key)))
        or (bare[:8] == "semafor " and bool(_NEWSLETTER_PROMO.match(bare.replace("*", ""))))
        or key[:1] == "👁"  # a channel post's views, when the next post goes on with the page
        or (key[:1] == "[" and bool(_BRACKETED_NOTE.match(key)))
        or key[:9] == "related: "  # the page's link to another story, between two signals
    )


def _next_signal(raw_lines: list[str], start: int) -> int | None:
    """Where the signals go on below an analyst's note or a share row set between two of them
    (a note app's toggle, a comment under a signal, a share row copied after each signal): the
    line of the next signal's headline, when its Source line follows it (perhaps below a
    "Source icon") within a note's few lines; None when the note or the row is the copy's end."""
    lines = _next_lines(raw_lines, start)[: _OWN_NOTE_MAX_LINES + 3]
    for n, (_, text) in enumerate(lines):
        credit = SOURCE_LINE.match(text) if len(text) < 200 else None
        # (With names: a link reading "Source" below a newsletter's list is the page's.)
        if credit and credit["names"].strip() and "://" not in credit["names"]:
            headline = n - 2 if n >= 2 and lines[n - 1][1].lower() in FURNITURE else n - 1
            if headline < 0 or headline > _OWN_NOTE_MAX_LINES:
                return None
            title = lines[headline][1]
            fits = len(title) <= _HEADLINE_MAX_CHARS and title[-1:] not in ".:;"
            return lines[headline][0] if fits else None
    return None


_LONG_RULE = re.compile(r"^[-=_*]{10,}$")  # a plain-text newsletter's rule across the page
_BOX_MAX_LINES = 10  # lines a box between two rules may take


def _after_boxed_block(raw_lines: list[str], start: int) -> int | None:
    """Where the signals go on below a box set between two rules (a newsletter's "SPONSORED"
    block): the first line after the closing rule, when a Source line follows it within three
    lines; None when the rule ends the page (a signature, the next section)."""
    lines = _next_lines(raw_lines, start)
    closing = next(
        (n for n, (_, text) in enumerate(lines[:_BOX_MAX_LINES]) if _LONG_RULE.match(text)), None
    )
    if closing is None or closing + 1 >= len(lines):
        return None
    credited = _credited_soon([text for _, text in lines[closing + 2 : closing + 5]])
    return lines[closing + 1][0] if credited else None


# (Logseq's blocks are named by a UUID, SiYuan's by a time and a key, perhaps with the words
# it points to: '((20241026091526-q5lt4ua "gas revenues"))'.)
_BLOCK_REFERENCE = re.compile(
    r'^\(\((?:[0-9a-f]{8}-[0-9a-f-]{27}|\d{14}-[0-9a-z]{7})(?: "[^"\n]*")?\)\)'
)


# A converter's banner above the page: "==== Converted by PDF2TXT Online | … ====" (a dump's
# "=== END DOC 412 ===" ends the page instead: see ``_END_OF_CLIP``).
_TOOL_BANNER = re.compile(
    r"^={3,}\s.*\b(?:converted|generated|exported|created|produced|extracted)\b.*\s={3,}$", re.I
)


_RULES = ("---", "===", "***", "___", "~~~")
_CAPTIONED_RULE = re.compile(r"^([-=*_~])\1{2,}\s+[^-=*_~]{1,60}?\s+\1{3,}$")
_CITATION = re.compile(
    r"^\((?:Semafor|[A-Z][\w&’'.-]+(?: [A-Z][\w&’'.-]+){0,3})(?:,? (?:19|20)\d\d[a-z]?)?\)$"
)


def _is_whole_line_furniture(line: str) -> bool:
    """A menu copied as one line ("Semafor Logo• D.C.• BXL• Lagos"), a page number, or the
    header a browser prints on each page ("5/15/24, 8:03 AM  Headline | Semafor")."""
    if "•" in line and _all_furniture(line):
        return True
    if " | " in line and len(line) < 80 and _all_furniture(line, "|"):
        return True  # a reading tool's buttons: "Read article on semafor.com | Open in Inoreader"
    if " · " in line and len(line) < 80 and _all_furniture(line, "·"):
        return True  # "Open original · [Send to Pocket] · [Share]"
    if line[:3] == "===" and _TOOL_BANNER.match(line):
        return True  # a converter's or a dump's banner around the page
    if line[:1] == "(" and line[-1:] == ")" and _CITATION.match(line):
        return True  # a reference manager's citation of the page: "(Semafor)", "(Semafor 2025)"
    if line[:4] in ("D.C.", "Sema") and _is_menu_row(line):
        return True  # the same menu with spaces between: "D.C. BXL Lagos Dubai … Sign In"
    if line[1:2] == " " and is_icon(line[0]) and _is_menu_row(line[2:], minimum=2):
        return True  # a phone's site bar read by text recognition: "≡ Semafor Sign in"
    if line[:1].isdigit() and _PRINT_HEADER.match(line) and "Semafor Signals" not in line:
        return True  # (a crawler's time glued to the label and the headline is no printer's)
    if line[:1] == "#" and _HASHTAGS.match(line):
        return True  # a post's or a note's tags: "#Turkey #Greece #NATO"
    if line[:1] == "(" and _PART_MARK.match(line):
        return True  # a message sent in parts: "(3/4)"
    if line[:1] == "[" and line[-1:] == "]" and _INITIALLED_NOTE.match(line):
        return True  # an analyst's note in the copy: "[AK: deleted the related-stories box]"
    if line[:1] == "[" and line[-1:] == "]" and _TOOL_FIELDS.match(line):
        return True  # a crawler's fields around its item: "[end item 48213] [tags: japan, …]"
    if line[:1] in "N→-—=!" and _MARGIN_NOTE.match(line):
        return True  # a mark in the margin: "NB —>", "→ cf. digital tax piece from last month"
    # A note in brackets: "(copied 31/8, need to check death toll before we use it)".
    if line[:1] == "(" and line[-1:] == ")" and line[1:2].islower() and ")" not in line[1:-1]:
        return True
    if line[:2] == "((" and _BLOCK_REFERENCE.match(line):
        return True  # an outliner's note on the block above: "((6473a1c2-…)) see also the chart"
    if line[:5] == "[cid:" and line[-1] == "]":
        return True  # a mail's inline image in plain text: "[cid:image001.png@01DB70C2.4A3E1F20]"
    if len(line) == 1:
        return is_icon(line)  # a page's icon read by text recognition: "©", "@", "↓"
    if _may_be_screen_bar(line) and is_screen_bar(line):
        return True  # read whole: "08:09 ⊙ ✉ •", "⏰ 4G 64%", "← → C semafor.com/…"
    if line[:1] == "[" and _SCREENSHOT_MARK.match(line):
        return True  # a note's mark between its screenshots' text: "[photo 2]"
    return _is_page_number(line)


_NETWORK_STARTS = frozenset(("3G ", "4G ", "5G ", "LTE"))


def _may_be_screen_bar(line: str) -> bool:
    """A cheap test before ``is_screen_bar``: a short line with a clock, a percentage or a
    network ("83%", "5G 71"), or one naming the site."""
    if len(line) <= 40 and (
        line[1:2] == ":" or line[2:3] == ":" or "%" in line[-5:] or line[:3] in _NETWORK_STARTS
    ):
        return True
    return len(line) <= 160 and "semafor.com" in line


_SCREENSHOT_MARK = re.compile(r"^\[(?:photo|screenshot|screen|image|shot|pic) \d{1,2}\]$", re.I)


def _is_page_number(line: str) -> bool:
    return line[:5] in ("Page ", "page ", "PAGE ") and bool(_PAGE_NUMBER.match(line))


# A news database's or an extractor's title field above the text: "Title: Erdoğan wins…",
# newspaper4k's "title        : India and Pakistan agree…".
_TITLE_FIELD = re.compile(r"^(?:(?:full )?title|headline)\s*:\s*(?P<title>\S.{8,})$", re.I)


def _is_record_field(line: str, reading: _Reading) -> bool:
    """A field of a record above the page (kept aside when it is the title), not its text: read
    as a whole, since its value may hold the label ("Section: Semafor Signals"). Any "Key: value"
    among the fields is one too ("Edition: Online")."""
    if field := _TITLE_FIELD.match(line):
        if reading.content.field_title is None:
            title = field["title"].strip()
            if title[-1:] == "." and title[-2:-1].islower():
                title = title[:-1]  # EBSCO's "Title: Brazil’s Supreme Court convicts … coup."
            reading.content.field_title = title
            # Above the record: the database's own navigation, and perhaps the headline as the
            # record prints it over its fields (which stays).
            printed = [kept for kept in reading.content.lines if kept.text == title]
            reading.content.lines[:] = printed[-1:]
        reading.property_above = True
        return True
    return _is_property(line.lower(), reading)


def _is_property(key: str, reading: _Reading) -> bool:
    """A note's or a record's property: a known one, or any "Key: value" among them."""
    if _PROPERTY.match(key) or (reading.property_above and _ANY_PROPERTY.match(key)):
        reading.property_above = True
        return True
    return False


# A thread's count at the end of a post, after its last sentence: "… noted. 6/7".
_THREAD_COUNTER = re.compile(r"(?<=[.!?”\"’)…\U0001F9F5])\s+\(?\d{1,2}/\d{1,2}\)?$")
# A thread's numbered post with its text: "8/ End of the page. A few thoughts of my own…".
_NUMBERED_POST = re.compile(r"^\d{1,2}/(?:\d{1,2})?\s+(?=\S)")


def _is_own_numbered_post(part: str, reading: _Reading, raw_lines: list[str], at: int) -> bool:
    """A thread's numbered post after a page whose signals have Source lines, that opens with
    no signal (its headline over its Source line): the poster's own words after the page."""
    post = _NUMBERED_POST.match(part)
    if not post:
        return False
    recent = reading.content.lines[-12:]
    return any(line.text[:1] in "SsFf" and SOURCE_LINE.match(line.text) for line in recent) and (
        not _continues_signals(part[post.end() :], _ahead(raw_lines, at))
    )


# A fediverse post's footer: its time, the app it was sent from and its counts.
_POST_FOOTER = re.compile(r"^(?P<stamp>[^·]{6,40}?) · .{0,30}?(?: · \d[\d.,]*[kK]?){2,4}$")


def _is_post_footer(part: str) -> bool:
    footer = _POST_FOOTER.match(part)
    return bool(footer) and parse_timestamp(footer["stamp"]) is not None


def _drop_reply_author(lines: list[Line], raw_lines: list[str], at: int) -> None:
    """Take off the lines kept of a reply's author above its day: their handle and the name
    shown over it ("Jorge R." / "@jorge_r@mastodon.lat" / "Jun 4")."""
    above = [raw.strip(" \t·") for raw in raw_lines[max(at - 4, 0) : at]]
    above = [text for text in above if text]
    if not above or not _AUTHOR_HANDLE.match(above[-1]):
        return
    for written in (above[-1], *above[-2:-1]):
        if lines and lines[-1].text == written:
            lines.pop()


_NOT_NAME = re.compile(r"[\d\[\]().,:/\s-]+")


def _sender(line: str, chat: re.Match[str]) -> str:
    """A chat message's sender, as its header writes it ("Olena Kravets, [18.07.2023 09:42]")."""
    header = line[: chat.start("text")] if chat["text"] is not None else line
    return _NOT_NAME.sub(" ", header).strip()


def _is_reply_day(part: str, lines: list[Line], raw_lines: list[str], at: int) -> bool:
    """A reply's day under its author's name ("Daniel Kwon" / "Jun 4") or handle ("rafa.clima"
    / "08/13/25", "@hsato_agripol" / "·" / "May 22"): the next post."""
    if not _POST_DAY_ALONE.match(part):
        return False
    if lines and _is_name(lines[-1]):
        return True
    above = next(
        (text for raw in raw_lines[at - 1 : max(at - 4, 0) : -1] if (text := raw.strip(" \t·"))),
        "",
    )
    if not _AUTHOR_HANDLE.match(above) or (above[:1] != "@" and _ADDRESS_END.search(above)):
        return False
    # Someone else's: the thread's own author, whose handle stands above the signals (on the
    # post that opens the page), goes on with the page.
    signals_at = next((i for i in range(at) if raw_lines[i].strip() == "SIGNALS"), at)
    author = next(
        (raw.strip() for raw in raw_lines[:signals_at] if _AUTHOR_HANDLE.match(raw.strip())), ""
    )
    return bool(author) and author != above


def _dated_below(raw_lines: list[str], start: int) -> bool:
    """Whether the next line with text (within two) is a time alone: a message's, under its
    author's name."""
    following = next((line.strip() for line in raw_lines[start : start + 3] if line.strip()), "")
    return len(following) <= 48 and parse_timestamp(following) is not None


def _is_name(line: Line) -> bool:
    """A person's name on a line of its own: two to four capitalised words."""
    words = line.text.split()
    return 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words) and len(line.text) <= 40


# A messages app's reaction to a message, as an export writes it: "Dan Levi reacted ‼️ to
# “Yes…”", "Ana liked “Thanks”" (iMessage's tapbacks); and a reading app's sign-off below a
# mailed page: "Sent from Reeder.", "Sent from my iPad".
_CHAT_ASIDE = re.compile(
    r"^[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,2} (?:reacted \S{1,4} to|liked|loved|disliked"
    r"|laughed at|emphasi[sz]ed|questioned) [“\"].*[”\"]$"
    r"|^Sent from (?:my )?\S+(?: (?:for )?\S+){0,2}\.?$"
)


def _is_chat_aside(part: str, raw_lines: list[str]) -> bool:
    """A reaction or a sign-off below the page (``_CHAT_ASIDE``), not a signal's headline: no
    Source line follows it ("Investors loved “Abenomics”" may be one)."""
    if not ("“" in part or '"' in part or part[:10] == "Sent from ") or not _CHAT_ASIDE.match(part):
        return False
    following = next((line.strip() for line in raw_lines if line.strip()), "")
    return not SOURCE_LINE.match(_normalize_line(following))


_NEXT_ENTRY = re.compile(r"\[(?:entry|item|record|post|doc|document) #?\d+(?:/\d+)?\]")


_CHAT_TURN = re.compile(
    r"^(?:sent by |message )?(?:chatgpt|claude|gemini|copilot|perplexity|deepseek|mistral"
    r"|le chat|grok|assistant|response|answer)(?: said)?:?$"
    r"|^(?:you said|you|user|me|prompt|question):$|^thought for \d{1,3} seconds?$"
)
_NOTEBOOK_PROMPT = re.compile(r"^in (?:\[\d{1,5}\]|):\s")


def _ends_story(key: str) -> bool:
    """Footers, related lists, share bars and comment sections after the signals."""
    bare = key.lstrip("—–-*•> ")  # "— My note: check whether…"
    return (
        key in END_MARKERS
        or bare.startswith(END_PREFIXES)
        or (
            (key[:1].isdigit() or key[:1] == "(" or key[:7] == "comment")
            and bool(_COMMENT_COUNT.match(key))
        )
        or _is_footer_links(key)
        or (("·" in key or "|" in key or "•" in key or not key.isascii()) and _is_share_row(key))
        # A reading app's buttons in a row: "Open in browser | Mark as read | Send to…".
        or (("·" in key or "|" in key) and _is_app_actions(key))
        or (key[:1] == "[" and bool(_BRACKETED_NOTE.match(key)))
        or key in _LEGAL_LINKS  # a footer's links one per line: "Semafor" / "Privacy" / "Terms"
        or (key[-1:] == ":" and _is_note_heading(key))  # "Key takeaways:", "Our take:"
        or ("[[" in key and "]]" in key)  # a note app's links: "Related notes: [[Timeline]]"
        or key[:8] == "________"  # the rule a mail client puts above a signature or a reply
        # A clipper's credit: "Copied from semafor.com", "Saved from https://…" (a headline may
        # start "Copied from Moscow’s 2012 playbook").
        or (key[:5] in ("copie", "saved") and bool(_CLIPPED_FROM.match(key)))
        # A task's activity below the copy: "Suda P. commented · Jul 29 at 8:40 am".
        or (" · " in key and bool(_ACTIVITY_LINE.search(key)))
        # A newsletter's promotion: "Semafor Principals — What the White House is reading."
        or (bare[:8] == "semafor " and bool(_NEWSLETTER_PROMO.match(bare.replace("*", ""))))
        # A clipping's or a dump's own end: "— Fin del recorte —", "=== END DOC 000412".
        or (key[:1] in "—–=~-" and bool(_END_OF_CLIP.match(key)))
        or key[:4] in ("[ ] ", "[x] ")  # a note's to-do list below the copy: "- [ ] check …"
        or key[:1] in ("☐", "☑", "☒")  # a notes app's checklist: "☐ forward to Tom (apparel)"
        # A signature's telephone number: "+94 11 255 0143", "Tel: +44 20 7946 0000".
        or (key[-1:].isdigit() and bool(_PHONE_LINE.match(key)))
        # A feed's link to the page below it: "Read more: https://semafor.com/article/…".
        or (key[:10] == "read more:" and _address_on_end_line(key) is not None)
        # A log's or a dump's next entry: "[Entry 42]", "[item 7/11] feed=…".
        or (key[:1] == "[" and bool(_NEXT_ENTRY.match(key)))
        # A card for the page it links, below the copy (a note app's), or a post's, run
        # together: "India becomes first … | Semafor", "semafor.comCOP30 opens … | Semafor".
        or key[-10:] == " | semafor"
        or (key[:11] == "semafor.com" and key[-9:] == "| semafor")
        or (key[:2] == "[/" and bool(_DUMP_ITEM_END.match(key)))  # a crawl dump's "[/item 4417]"
        # A notebook's next cell below the page it printed: "In [13]: len(text)" (its number
        # read off as a reference's: "In : len(text)").
        or (key[:3] == "in " and bool(_NOTEBOOK_PROMPT.match(key)))
        # An AI assistant's turn after the page pasted to it ("ChatGPT said:", "**Claude:**",
        # "## Response:", "Thought for 14 seconds"), or the next question ("You said:").
        or (len(key) <= 24 and bool(_CHAT_TURN.match(key)))
        or key.startswith(("[tags] ", "[hash] ", "[source url] "))  # its fields: "[tags] iran…"
        or key.startswith("replying to @")  # someone's reply below a post of the page (X)
        or key[:2] == "^("  # a forum post's small print below the page it pastes (Reddit)
        # The poster's word on what they pasted: "Posting the whole thing because half the sub…".
        or (key[:4] in ("post", "past", "shar", "copy", "repo") and bool(_POSTER_NOTE.match(key)))
        or key.startswith(("guidelines | faq", "missing some tweet in this thread"))  # (HN, X)
        # The share row run into the footer: "PostEmailWhatsapp Semafor Logo About Careers …",
        # "PostEmailWhatsappSemafor LogoAbout Us…".
        or key.startswith(("postemailwhatsapp ", "tweetemailwhatsapp ", "postemailwhatsappsemafor"))
        # A re-poster's or a viewer's credit for the whole page: "Source: Semafor · semafor.com".
        or ("source" in key[:10] and bool(_PAGE_CREDIT.match(key)))
        # A reading tool's line below the page: "Just Read: 1 page · 912 words · Saved to …",
        # "[▶ Listen to this article · 4:12 · Voice: …]".
        or (" · " in key and bool(_TOOL_META.search(key)))
        or key.startswith(("[▶ listen", "▶ listen"))
        # The next message of a mail thread: "Ana Solís <ana@example.org>  Mon, Mar 27, …", or
        # the next post of a fediverse thread: "Ruedi K. @ruedi@tooting.ch".
        or ("@" in key and bool(_THREAD_SENDER.match(key) or _FEDIVERSE_AUTHOR.match(key)))
        # A note app's stamp below the copy: "Edited Aug 24, 2023 8:11 AM" (Google Keep).
        or (key[:1] in "elm" and bool(_EDITED_STAMP.match(key)))
        # A company's mail footer: "OrbitalSight Analytics · Bengaluru · This message may contain
        # confidential information."
        or _is_mail_disclaimer(key)
        # A question or a note for a colleague below the copy: "Q for Ravi: does the BJP…?"
        or (":" in key[:30] and bool(_NOTE_FOR_SOMEONE.match(key)))
        # A saving tool's own line below the page: "— captured by applet “Semafor RSS → …”".
        or (key[:2] in ("— ", "– ", "--") and bool(_TOOL_TRAILER.match(key)))
        # A reference manager's next record ("TY  - RPRT": RIS, whose records all start so), a
        # memo's next item ("Item 2 — ESA budget note").
        or (key[:3] == "ty " and bool(_RIS_RECORD.match(key)))
        or (key[:5] == "item " and bool(_MEMO_ITEM.match(key)))
    )


_POSTER_NOTE = re.compile(
    r"^(?:posting|pasting|sharing|copying|reposting) (?:the|this) (?:whole|full|entire) "
    r"(?:thing|page|text|article|piece|story)\b"
)
_TOOL_META = re.compile(r"(?:^| · )\d[\d,]* (?:words|pages?|characters)(?: · |$)")
_EDITED_STAMP = re.compile(r"^(?:last )?(?:edited|modified)\b.{0,24}\b(?:19|20)\d\d\b.{0,20}$")
_THREAD_SENDER = re.compile(r"^[^\W\d_][^<>@\n]{0,60}<[^<>\s@]+@[^<>\s@]+\.[a-z]{2,}>")
_RIS_RECORD = re.compile(r"^ty {1,2}- [a-z]{3,6}$")
_MEMO_ITEM = re.compile(r"^item \d+\s*[—–:-]\s")


# A credit of the page to Semafor itself: its address ("📎 Source: semafor.com", a bot's), or
# its name with the terms it is shown under. (A signal may credit Semafor's own reporting:
# "Source: Semafor" alone is a signal's.)
_PAGE_CREDIT = re.compile(
    r"(?:\W{1,3}\s*)?sources?:\s*(?:(?:https?://)?(?:www\.)?semafor\.com(?:/\S*)?$"
    r"|semafor(?:\.com)?\s*[·|—–,.]\s*"
    r"(?:semafor\.com|reproduced|republished|used with|licensed|courtesy|©|copyright|all rights"
    r"|(?:read|view|open) (?:the )?original))"
)
_NOTE_FOR_SOMEONE = re.compile(
    r"(?:q|questions?|ask|reminder|todo|to-do|fyi)(?:\s+(?:for|to))?\s+@?[\w.]+\s*:"
)
_MAIL_DISCLAIMER = re.compile(
    r"\bthis (?:message|e-?mail|communication)\b.{0,45}\b(?:confidential|intended (?:only|solely))"
)


def _is_mail_disclaimer(key: str) -> bool:
    # "This message, including any attachments, is confidential and intended solely for…",
    # "This message is intended only for the named recipient(s)."
    return ("confidential" in key or "intended" in key) and bool(_MAIL_DISCLAIMER.search(key))


_TOOL_TRAILER = re.compile(
    r"^[—–-]+\s*(?:captured|clipped|saved|sent|posted|shared|forwarded|collected|imported)"
    r"\s+(?:by|with|via|from|using)\b"
)


_DUMP_ITEM_END = re.compile(r"^\[/(?:item|doc|document|record|page|entry)\b[^\]]{0,20}\]$")


_FOOTER_WORDS = frozenset(
    {"semafor", "semafor logo", "terms", "terms of use", "terms of service", "privacy"}
    | {"privacy policy"}
    | {"about", "about us", "contact", "contact us", "careers", "newsletters", "advertise"}
    | {"cookie policy", "cookies", "accessibility", "help", "events", "podcasts"}
    | {"ethics", "ethics policy"}
)


_LEGAL_LINKS = frozenset(
    {"privacy", "privacy policy", "terms", "terms of use", "terms of service", "cookie policy"}
)


_TOOL_ROW_MIN_ITEMS = 3
_TOOL_BUTTON = re.compile(
    r"^(?:replay|copy|inspect|view|open|edit|export|download|retry|rerun|run|delete|archive"
    r"|share|save|mark|manage|unsubscribe|settings|preferences)\b"
)


def _is_tool_button(part: str) -> bool:
    return len(part.split()) <= 8 and bool(_TOOL_BUTTON.match(part))


def _is_footer_links(key: str) -> bool:
    """A site's footer links on one line: "Semafor · Terms · Privacy", "About Privacy",
    "About Us   Careers   © 2023 Semafor Inc."."""
    if "©" in key and len(key) <= 120:
        key = key.partition("©")[0].strip()  # the copyright that closes the links
        if not key:
            return False
    if "·" in key or "|" in key:
        parts = [p.strip() for p in re.split(r"[·|]", key)]
        if len(parts) >= _TOOL_ROW_MIN_ITEMS and all(_is_tool_button(p) for p in parts):
            return True  # a tool's row of actions: "Replay event · Copy as JSON · Inspect raw …"
        return all(p in _FOOTER_WORDS or p.startswith("©") for p in parts if p)
    words = key.split() if len(key) <= 60 else ()
    if 1 < len(words) <= 6 and all(w in _FOOTER_WORDS for w in words):
        return True
    return len(key) <= 80 and _glued_footer_words(key.replace(" ", ""))


_GLUED_FOOTER = sorted({w.replace(" ", "") for w in _FOOTER_WORDS}, key=len)[::-1]
_GLUED_STARTS = frozenset(word[:2] for word in _GLUED_FOOTER)


def _glued_footer_words(key: str) -> bool:
    """Footer links run together by a copy: "aboutethicscareerscontactprivacypolicytermsofservice"
    (three links or more, every piece a footer word)."""
    if key[:2] not in _GLUED_STARTS:  # most lines: no footer word starts them
        return False
    ends = {0: 0}  # where a segmentation reaches -> how many links it took
    for at in range(len(key)):
        if at in ends:
            for word in _GLUED_FOOTER:
                if key.startswith(word, at):
                    ends[at + len(word)] = max(ends.get(at + len(word), 0), ends[at] + 1)
    return ends.get(len(key), 0) >= 3


_SITE_BUTTONS = frozenset(
    {"newsletters", "sign in", "sign up", "log in", "subscribe", "search", "menu", "semafor"}
)


def _is_breadcrumb(key: str) -> bool:
    """A breadcrumb trail: "Home > World > Trade > China turns to Brazil"."""
    if key[:7] == "home / " and key.count(" / ") >= 2:
        return True  # a wiki's: "Home / South Asia / Crisis log / 2025-05 India–Pakistan"
    if key.count(" > ") >= 2 or key.count(" › ") >= 2 or key.count(" » ") >= 2:
        return True
    # A section and its subsection, or a forum's flair in two languages ("News / Noticias"):
    # a headline is a sentence, never two short labels.
    sides = key.split(" / ") if len(key) <= 32 else ()
    return len(sides) == 2 and all(0 < len(side.split()) <= 2 for side in sides)


def _is_site_buttons(key: str) -> bool:
    """The site's buttons printed on one line ("Newsletters     Sign In" in a printed page)."""
    words = key.split() if len(key) <= 40 else []
    i = 0
    while i < len(words):
        step = next((n for n in (2, 1) if " ".join(words[i : i + n]) in _SITE_BUTTONS), 0)
        if not step:
            return False
        i += step
    return len(words) > 1


# A link a re-posting news site puts between paragraphs, to a story of its own.
_RELATED_LINK = ("also read:", "also read -", "also read –", "read also:", "see also:")


def _is_furniture(part: str, key: str, reading: _Reading) -> bool:
    """Whether a line (or a part of one) is page furniture rather than the story's text."""
    if key in FURNITURE or not key:
        return True
    if key[-1:] in '"”' and key[:-1].rstrip() in FURNITURE:
        return True  # closed by the quote around a phone's shared selection: 'AD"'
    if key.startswith(_RELATED_LINK):
        return True  # a news site's link to its own story: "Also read: Students name Yunus…"
    if key[:3] == "tag" and key.startswith(("tags:", "tagged:")) and not reading.seen_signals:
        return True  # a feed reader's item line: "Semafor · 6h · Tagged: rare-earths, autos"
    if len(key) <= 40 and (not any(c.isalnum() for c in key) or _CHAT_FURNITURE.match(key)):
        lines = reading.content.lines
        if not reading.seen_signals and _CHAT_TIME.match(key) and lines and _is_name(lines[-1]):
            lines.pop()  # Slack's sender above the time: "Jonas Weber" / "9:17 AM"
        return True  # an emoji, a reaction, "(edited)", a chat's time
    if key[:1] == "@" and _HANDLE.match(key):
        lines = reading.content.lines
        if lines and _is_name(lines[-1]):
            lines.pop()  # the author's name above the handle
        return True
    if (
        key.startswith(SIGN_UP)
        or key in NEWSLETTER_NAMES
        or (reading.seen_signals and key[:8] == "semafor " and _NEWSLETTER_NAME.match(key))
    ):  # a newsletter box
        reading.promo = 2
        return True
    if reading.promo and len(key) <= _PROMO_LINE_MAX and _PROMISE.search(key):
        reading.promo -= 1
        return True
    reading.promo = 0
    if not reading.seen_signals:
        # A note's properties: the known ones, and any "Key: value" among them ("Project: South
        # Asia connectivity" under "Tags: Bhutan").
        if _is_property(key, reading):
            return True
        reading.property_above = False
        if (
            _READER_FURNITURE.match(key)
            or ("cookies" in key and _COOKIES.search(key))
            or _is_site_buttons(key)
            or _is_breadcrumb(key)
        ):
            return True
    reading.seen_news = reading.seen_news or bool(NEWS_HEADER.match(part))
    if reading.seen_signals and part[:1] in "Ss" and (supported := SUPPORTED_BY.match(part)):
        # A sponsor block placed among the signals ("Supported by" / "Microsoft logo").
        reading.sponsor_next = not supported["sponsor"]
        return True
    if reading.sponsor_next:
        reading.sponsor_next = False
        if len(part) <= 40:  # the sponsor's name or logo
            return True
    # Logo alt texts are furniture, except right after "Supported by": the sponsor.
    lines = reading.content.lines
    is_logo = key.endswith(" logo") and len(part) <= _LOGO_MAX_CHARS and LOGO.match(part)
    return bool(is_logo) and not (lines and SUPPORTED_BY.match(lines[-1].text))


# The word, or its translation on a machine-translated page (see ``translated``).
_ANY_SIGNALS = re.compile("signal|señales|signaux|sinais|segnali|sygnały|nyal|semnal|signál", re.I)
_HAS_INVISIBLE = re.compile("[\u200b\u2060\ufeff\u00ad]|" + _BIDI_MARK.pattern)


def _mentions_signals(text: str) -> bool:
    # The usual spellings are looked for as plain strings first: the pattern, which ignores
    # case, costs a scan of the page up to its first match.
    return "Signal" in text or "SIGNAL" in text or bool(_ANY_SIGNALS.search(text))


def _reject_reason(lines: list[Line]) -> str:
    for pattern, kind in NON_SIGNALS_KINDS:
        if any(pattern.search(line.text) for line in lines):
            return f"not a Signals page: it looks like {kind}"
    return (
        "not a Signals page: no 'SIGNALS' section, 'Semafor Signals' label or Signals tagline found"
    )


# Lines a copy without its headline may start with: a crawler's or a page's date, a dateline,
# a byline. None of them is a title.
_DATE_WORDS = re.compile(
    r"\b(?:(?:19|20)\d\d-\d\d-\d\d(?:[T ][\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?"
    r"|\d{1,2}[:.]\d\d\s*(?:[ap]\.?m\.?)?"
    r"|\d{1,2}([/-])\d{1,2}\1(?:19|20)?\d\d"
    rf"|(?:{MONTH_PATTERN})[a-z]*\.?|\d{{1,4}}(?:st|nd|rd|th)?"
    r"|(?:mon|tues|wednes|thurs|fri|satur|sun)day|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun"
    r"|date[ds]?|updated|published|posted|on"
    r"|crawled|retrieved|accessed|saved|captured|scraped|fetched|archived|clipped|as of|last|at"
    r"|[ap]\.?m\.?|e[sd]t|gmt|utc|bst|cet|cest|et"
    # Date lines of note apps in other languages ("jeudi 8 août 2024", "8 de agosto de 2024").
    r"|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
    r"|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|enero|febrero|marzo|abril|mayo"
    r"|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|lunes|martes|miércoles|jueves"
    r"|viernes|sábado|domingo|de|le"
    # A reading app's "added" and "published" lines in its language ("Ajouté le 09/05/2024").
    r"|ajouté|publié|enregistré|añadido|guardado|publicado|adicionado|salvo|hinzugefügt"
    r"|gespeichert|veröffentlicht|aggiunto|pubblicato|am|el|em|il)\b",
    re.I,
)
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z.\' -]{2,40}(?:,\s*[A-Z][\w.\' -]{1,30})?|By [A-Z][\w.\' -]{2,60})"
    # (A hyphen with no space before it joins a word: "ADNOC-led group bids…" is a headline.)
    r"(?:(?:\s*[—–]|\s+-)\s*(?P<rest>.*))?$"
)


DATE_LINE_MAX_CHARS = 160

# The words of three letters or more (in ASCII) that ``_DATE_WORDS`` can remove: whole, or by
# their first letters (months, days: "Tuesday", "Sept"). A word outside them stays whatever the
# substitution does (it only removes whole words), so a line holding one is no date line.
_DATE_WORD_STEMS_TEXT = (
    "jan feb mar apr may jun jul aug sep oct nov dec"  # months
    " mon tue wed thu fri sat sun"  # days
)
_DATE_WORD_STEMS = tuple(_DATE_WORD_STEMS_TEXT.split())
_DATE_WHOLE_WORDS_TEXT = (
    "date dated dates updated published posted crawled retrieved accessed saved captured scraped "
    "fetched archived clipped last est edt gmt utc bst cet cest janvier avril mai juin juillet "
    "octobre novembre lundi mercredi jeudi vendredi samedi dimanche enero abril agosto octubre "
    "noviembre diciembre lunes jueves viernes domingo guardado publicado adicionado salvo "
    "gespeichert aggiunto pubblicato"
)
_DATE_WHOLE_WORDS = frozenset(_DATE_WHOLE_WORDS_TEXT.split())
_LETTER_RUN = re.compile(r"[^\W\d_]+")


def _may_be_all_date_words(text: str) -> bool:
    """False when the text has a word no date line has: most lines tested are headlines, and
    this look at their words costs a tenth of ``_DATE_WORDS``' substitution."""
    for word in _LETTER_RUN.findall(text):
        if len(word) > 2 and word.isascii():
            lowered = word.lower()
            if lowered not in _DATE_WHOLE_WORDS and not lowered.startswith(_DATE_WORD_STEMS):
                return False
    return True


def _is_all_date_words(text: str) -> bool:
    # (A line this long is never all date words: the substitution, costly on a paragraph
    # pasted as one line, is skipped.)
    return (
        len(text) <= DATE_LINE_MAX_CHARS
        and _may_be_all_date_words(text)
        and not _LETTERS.search(_DATE_WORDS.sub(" ", text))
    )


def _is_dateish(text: str) -> bool:
    """A date line, a dateline ("WASHINGTON —"), a byline or a blog's post line ("Posted in
    Africa | 4 min read"): never a headline."""
    if _is_post_meta(text) or _is_all_date_words(text):
        return True
    return bool(_DATELINE.match(text)) and not SIGNALS_HEADER.match(text)


# (At the start of the line only: ``match``, not ``search``, which would try every one of these
# at every character of the line.)
_POST_META = re.compile(
    r"(?:posted|filed|published) (?:in|under|by|on)\b"
    # A clipper's count of what it kept: "2,941 characters", "4 blocks", "612 words"; a reading
    # app's estimate: "Estimated 5 minutes".
    r"|\d[\d,.]* (?:characters|chars|words|blocks|paragraphs|highlights)$"
    r"|\d[\d,.]*k? (?:reads|views)$"  # a news app's count: "412 reads"
    r"|(?:estimated )?\d+ min(?:ute)?s?(?: left| remaining)?$"
    # A byline, in the site's language too: MSN's "Story by Semafor", "Par La Rédaction".
    r"|(?:story )?(?:by|par|por|von):? [A-Z][\w.' -]{1,40}(?: [•·|])?$|\d+ comments?$"
    # A blog's byline and date: "By admin on January 14, 2025 • 0 Comments".
    r"|by [\w.' -]{1,40}? on [\w ,.-]{6,30}?(?: [•·|] \d+ comments?)?$"
    r"|semafor (?:staff|editors|newsroom)$"  # a reader view's byline without its "By"
    # A partner's byline: "Staff report, with Semafor", "From our partners at Semafor".
    r"|(?:staff|wire|news desk) report\b|from our partners\b"
    r"|post by \S+ »"  # a forum's post line: "Post by tomasz_k » Thu May 08, 2025 9:41 pm"
    # A clipper's "Saved from semafor.com", a phone app's "Shared from Yahoo News".
    r"|(?:saved|clipped|copied|pasted|shared) (?:from|on|at|via)\b",
    re.I,
)
# The same kind of line, told by words anywhere in it: "Africa | 4 min read", "… with Semafor",
# "This article was originally published on semafor.com", "Reposted from…".
_POST_NOTE = re.compile(
    r"\b\d+\s*min(?:ute)?s?\.? read\b|,? with semafor$"
    r"|\b(?:originally|first) (?:published|appeared)\b|\bre-?post(?:ing|ed)\b|\brepublish",
    re.I,
)


def _is_post_meta(text: str) -> bool:
    if _POST_META.match(text):
        return True
    # Every _POST_NOTE has one of these words: most lines have none, and are not searched.
    low = text.lower()
    words = "read" in low or "semafor" in low or "publish" in low or "appeared" in low
    return (words or "post" in low) and bool(_POST_NOTE.search(text))


def _dateline_timestamp(text: str) -> tuple[str, bool] | None:
    """The date of a dateline that carries one: "NAIROBI, Kenya — Jun 26, 2024"."""
    match = _DATELINE.match(text) or (
        (" / " in text or " by " in text)
        and (_FEED_BYLINE.match(text) or _DATED_BYLINE.match(text))
    )
    return parse_timestamp(match["rest"]) if match and match["rest"] else None


# A re-poster's date and byline under the headline: "December 19, 2024 by Editorial Team".
_DATED_BYLINE = re.compile(
    r"^(?P<rest>[\w ,.]{6,30}?\d) by [A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}$"
)


# A feed reader's line under an item's headline: "Semafor / by Semafor Staff / Thu, Mar 7, 2024
# 4:02 PM" (Feedly), "from Semafor by Semafor Staff 30 Nov 2023, 9:12 am" (The Old Reader).
_FEED_BYLINE = re.compile(
    r"^(?:[A-Z][\w .&'-]{1,40} / (?:by [^/]{2,60} / )?"
    r"|from [A-Z][\w.&'-]*(?: [A-Z][\w.&'-]*){0,3} by [A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,3} )"
    r"(?P<rest>[^/]{6,40})$"
)


_COURTESY_CREDIT = re.compile(
    r"(?:^|[.)]\s+)(?:Photo )?[Cc]ourtesy(?: of)?(?: the)?:? [A-Z][\w&.'’ -]{1,40}$"
)


# A chart's credit, alone or after its caption: "Chart: Semafor, Bloomberg data", "BJP seats in
# the Lok Sabha: 282 in 2014, 303 in 2019, 240 in 2024. Chart: Semafor".
_CHART_CREDIT = re.compile(
    r"(?:^|[.!?”)]\s+)(?:Chart|Graphic|Graph|Map)s?:\s+[\w.,'’/& -]{2,60}$"
    r"|[.!?”)]\s+Data:\s+[\w.,'’/& -]{2,60}$"  # "CrowdStrike shares, July 2024. Data: Bloomberg"
)


def _is_figure_line(text: str) -> bool:
    """A figure's line among the signals: a chart's description or credit, a photo's caption."""
    if SOURCE_LINE.match(text):
        return False
    return bool(
        _is_chart_alt(text) or (":" in text and _CHART_CREDIT.search(text)) or _is_caption(text)
    )


def _is_caption(text: str) -> bool:
    # Every credit has a slash, "via " or "FILE PHOTO": most lines are passed without the
    # pattern, which tries a name at every space of a long paragraph.
    if ": " in text and _LABELLED_CREDIT.search(text):
        return True
    if "ourtesy" in text and _COURTESY_CREDIT.search(text):
        return True  # "Microsoft's Brad Smith and G42's Peng Xiao. Courtesy of G42"
    if "/" not in text and "via " not in text and "FILE PHOTO" not in text:
        return False
    return bool(PHOTO_CREDIT.search(text))


def _looks_like_headline(text: str) -> bool:
    return (
        len(text) <= HEADLINE_MAX_CHARS
        and len(text.split()) <= HEADLINE_MAX_WORDS
        and not _ENDS_LIKE_CLAUSE.search(text)
        and not SOURCE_LINE.match(text)
    )


# --- the header ------------------------------------------------------------------------------


@dataclass
class Header:
    title: str | None = None
    stamp: str | None = None  # the page's printed time (not an "Updated" line)
    updated_stamp: str | None = None  # its "Updated" time
    category: str | None = None
    region: str | None = None
    sponsor: str | None = None
    insights: list[str] | None = None
    insight_names: list[str] | None = None  # as written, to resolve again in the story's light
    stamp_above_label: bool = False  # the time was printed above the label, the Updated below
    last_index: int = -1  # index of the last line recognised as header


HEADLINE_REACH = 6  # lines above "The News" a headline stands within, on a copy without label


PARAGRAPH_MIN_WORDS = 15  # a headline has fewer; so has a date line, a tag, a label


PRINTED_TWICE_MIN_WORDS = 5  # (a screenshot's overlap repeats the label too: "Semafor Signa1s")


TITLE_OVER_TIME_MIN_WORDS = 4


def _over_story_time(lines: list[Line], candidates: list[int], end: int) -> list[int] | None:
    """The one candidate just above the story's time as Semafor prints it ("May 29, 2023,
    7:58am EDT"), over a post's or a page's own title further up; None when there is no such
    one, or when a candidate stands a few lines below that time too (a copy printing the time
    first)."""
    stamps = [
        i
        for i in range(1, end)
        if _SITE_STAMP.search(lines[i].text) and parse_timestamp(lines[i].text)
    ]
    above = [  # (a headline's words: not a row of buttons, "☆ Save   ⤴ Share")
        i - 1
        for i in stamps
        if i - 1 in candidates
        and len(_WORD.findall(lines[i - 1].text)) >= TITLE_OVER_TIME_MIN_WORDS
    ]
    below = [c for i in stamps for c in candidates if i < c <= i + 3]  # (a tag may stand between)
    return above if len(above) == 1 and not below else None


def _printed_twice(lines: list[Line], at: int) -> bool:
    """A line printed twice in a row: a link card's title over its image's alt text, the
    page's headline (not a note's line or a post's comment)."""
    return len(lines[at].text.split()) >= PRINTED_TWICE_MIN_WORDS and any(
        0 <= other < len(lines) and lines[other].text == lines[at].text
        for other in (at - 1, at + 1)
    )


def _first_paragraph(lines: list[Line], end: int) -> int:
    """Where the first paragraph below the story's time stands before ``end`` (or ``end``): a
    long line that ends a sentence, neither the Insights line nor a photo's caption. (Above
    the time, a long line is a note's or a mail's.)"""
    stamp_at = next(
        (at for at in range(end) if len(lines[at].text) <= 48 and parse_timestamp(lines[at].text)),
        end,
    )
    for at in range(stamp_at + 1, end):
        text = lines[at].text
        if (
            text[-1:] in '.”"'  # (a note's question to a colleague is no paragraph of facts)
            and len(text.split()) >= PARAGRAPH_MIN_WORDS
            and not INSIGHTS.match(text)
            and not _is_caption(text)
        ):
            return at
    return end


def _read_header(lines: list[Line], end: int, registry: Registry) -> Header:
    """Classify the lines before "The News"; the headline is the unknown line nearest the label."""
    header = Header()
    label_at: int | None = None
    insights_at: int | None = None
    others: list[int] = []
    breaks: list[int] = []  # lines of three words or more, neither the header's nor a headline
    first_part: int | None = None  # the first line read as the header's (not a date line)
    expect_sponsor = stamp_below = updated_below = own_stamp = site_updated_below = False
    for i in range(end):
        check_budget()
        text = lines[i].text
        if expect_sponsor:
            expect_sponsor = False
            logo = LOGO.match(text)
            if logo or (
                len(text) <= 40
                and not INSIGHTS.match(text)
                and not LABEL.match(text)
                and not parse_timestamp(text)  # an empty "Supported by" (its logo not copied)
            ):
                header.sponsor = (logo["name"] if logo else text).strip()
                header.last_index = i
                continue
        if LABEL.match(text):
            label_at = header.last_index = i
        elif _REPOST_CREDIT.match(text):
            # "Reproduced from Semafor. Read it on their site: …": the times above it are the
            # re-poster's (its issue's date), the story's own come below (or came already,
            # under the label, when the credit follows the story's header).
            if not stamp_below:
                header.stamp = None
            if not updated_below:
                header.updated_stamp = None
            header.last_index = i
        elif stamp := parse_timestamp(text) or _dateline_timestamp(text):
            # The first of each kind; one under the label wins over one above it (a blog's or
            # newsletter's own date above the story it re-posts).
            after_label, site_time = label_at is not None, bool(_SITE_STAMP.search(text))
            if stamp[1] and (not header.updated_stamp or (after_label and not updated_below)):
                header.updated_stamp, updated_below = stamp[0], after_label
                # (Under a post's or a note's own time, "June 27, 2024 at 7:48 AM", the story's
                # as Semafor prints it: the story's date.)
                site_updated_below = site_time and bool(header.stamp) and not own_stamp
            elif not stamp[1] and (
                not header.stamp
                or (after_label and not stamp_below)
                # The story's own time ("May 1, 2025, 4:50pm EDT") over a re-poster's date, or
                # over a feed reader's time of fetching it ("Mon, Sep 23, 2024 02:14").
                or ("T" in stamp[0] and "T" not in header.stamp and after_label == stamp_below)
                or (site_time and not own_stamp and after_label == stamp_below)
            ):
                header.stamp, stamp_below, own_stamp = stamp[0], after_label, site_time
            header.last_index = i
        elif (supported := SUPPORTED_BY.match(text)) is not None:
            header.last_index = i
            if supported["sponsor"]:
                header.sponsor = supported["sponsor"].strip()
            else:
                expect_sponsor = True
        elif insights := INSIGHTS.match(text):
            insights_at = i if insights_at is None else insights_at
            # (The arrow below it, by its alt text, once a printed page's lines are joined.)
            names = insights["names"].removesuffix(" Arrow Down")
            header.insight_names = split_names(names, registry)
            header.insights = resolve_all(header.insight_names, registry)
            header.last_index = i
        elif (tag := TAG_LINE.match(text)) and (tag["category"] or tag["region"]):
            header.category = (tag["category"] or "").lower() or header.category
            header.region = tag["region"] or header.region
            header.last_index = i
        elif _is_caption(text) or LOGO.match(text) or _is_dateish(text):
            header.last_index = max(header.last_index, i)
            if breaks and breaks[-1] == i - 1 and _is_caption(text):
                breaks.pop()  # the photo's alt text above its caption ("… REUTERS/Evelyn H…")
        elif _RECORD_FURNITURE.match(text):
            pass  # a news database's record around the page: its fields, tabs and tools
        elif others and _is_note_line(text) and _is_note_line(lines[i - 1].text):
            # Lines of an analyst's notes under a title of their own ("Cartel drones — for
            # Thurs brief" / "key q: FPVs or farm drones? ask Luis" / "also check the numbers"):
            # that title is the note's. (One such line may be a wrapped headline's end.)
            others = [at for at in others if at <= header.last_index]
        elif (
            (_looks_like_title(text) or _is_headline_in_its_place(lines, i, label_at, end))
            and not text.lstrip("\"“‘'«( ")[:1].islower()
            and len(text.split()) >= TITLE_MIN_WORDS
        ):
            # (A headline starts with a capital: not "republished with permission", nor a phone's
            # shared selection in quotes, '"the first time any party has won…"'.)
            others.append(i)
        elif len(_WORD.findall(text)) >= 3 and not _may_end_headline(text, i, others):
            breaks.append(i)
        if first_part is None and header.last_index == i and not _is_dateish(text):
            first_part = i
    if label_at is None and first_part is not None:
        # A copy without its label that starts below its headline: the lines above its first
        # header line are someone else's, and a comment, a note's lead-in or a row of buttons
        # between ("(copied from semafor, top of page didn't paste)") cuts them off from it.
        others = [
            at
            for at in others
            if at > first_part
            or not any(at < b < first_part for b in breaks)
            or _SEMAFOR_SUFFIX.search(lines[at].text)  # the page's own title, in a tab or a share
            or _printed_twice(lines, at)
        ]
    if label_at is None and insights_at is None:
        # A copy that starts at "The News" (a tool's extract of the page's sections): its
        # headline would stand just above, with nothing but the header's own lines between; the
        # lines of the tool around it (its fields, its log) are no headline.
        others = [
            at
            for at in others
            if (end - at <= HEADLINE_REACH and not any(at < b < end for b in breaks))
            or _SEMAFOR_SUFFIX.search(lines[at].text)
            or _printed_twice(lines, at)
        ]
    if others and label_at is None:
        others = _over_story_time(lines, others, end) or others
    if others:
        # Without the label, the headline is the line nearest above "Insights from" (a chat's
        # sender and a note's title sit further up).
        header.title = _choose_title(
            lines, others, label_at if label_at is not None else insights_at
        )
    header.stamp_above_label = bool(header.stamp) and (
        (not stamp_below and updated_below) or (label_at is None and site_updated_below)
    )
    return header


# What a news database (ProQuest, Gale, EBSCO, a media monitor) or a re-poster prints around
# the page it holds: the record's fields ("Document Type: Article", "Word Count: 802"), its tabs
# ("Full Text", "Abstract/Details"), its reading tools ("American Accent") and the credit
# ("From Semafor"). None is a headline.
_RECORD_FURNITURE = re.compile(
    r"^(?:(?:html |pdf )?full text(?::| \(licensed content\))?|abstract/details|detailed record"
    r"|(?:american|british|australian|irish|indian) accent|dictionary"
    r"|(?:from|via|courtesy of|republished from) semafor\.?"
    r"|(?:document type|length|content level|lexile measure|publisher|word count"
    r"|accession number|database|subject terms|geographic terms|section|language|copyright"
    r"|issn|document id|publication title|source type|reach|sentiment)\s*:.*)$",
    re.I,
)
# The time as Semafor prints it: "9:40pm EDT", "4:50 PM ET".
_SITE_STAMP = re.compile(r"\b\d{1,2}:\d\d\s*[ap]\.?m\.?\s+E[SD]?T\b", re.I)
_REPOST_CREDIT = re.compile(
    r"^(?:reproduced|republished|reprinted|reposted|shared)"
    r" (?:from|with permission from) semafor\b"
    # A translation's credit: "Original text from: Semafor".
    r"|^original (?:text|article|story|report) (?:from|by|source)\s*:?\s*semafor\b",
    re.I,
)
# A note's lead-in to the copy pasted below it: "Pasted from Semafor (the piece from Monday):".
_PASTE_LEAD = re.compile(
    r"^(?:pasted|copied|clipped|saved|excerpt|taken)\b.{0,80}\bsemafor\b.*[:↓⬇👇]\ufe0f?$"
    r"|^(?:\w+\s+){0,3}from the news\b.{0,30}[:↓⬇👇]\ufe0f?$",  # a chat's "from The News down:"
    re.I,
)
_COPIED_BELOW_HEADLINE = re.compile(
    r"\b(?:copied|copying|pasted|pasting|selected|selecting|clipped|selection|starts?|starting"
    r"|started|grabbed|took)\b.{0,40}"
    # ("I only grabbed the part of the page under the photo": the headline stands above it.)
    r"(?:\b(?:below|under|beneath|after) the (?:headline|title|photo|picture|image)\b"
    r"|\bat the news\b)"
    # "…the headline and insights line are missing."
    r"|\bthe (?:headline|title)\b.{0,40}"
    r"\b(?:missing|left out|not included|didn.t come|did not come)"
    # "(dragged across…, the selection started under the photo so no title)"
    r"|\b(?:copied|pasted|selected|dragged|clipped|selection|started)\b.{0,60}"
    r"\bno (?:title|headline)\b"
    # "headline was something like “ceasefire holds after…” didn't copy it"
    r"|\b(?:headline|title)\b.{0,80}\b(?:didn.t|did not|not|wasn.t|was not) (?:copy|copied)\b"
    r"|\b(?:didn.t|did not) (?:copy|get|grab) the (?:headline|title)\b"
    # "pasted from Semafor (top cut off when I selected)"
    r"|\b(?:copied|pasted|selected|clipped)\b.{0,40}\b(?:the )?(?:top|headline|title) "
    r"(?:got |was )?cut off\b",
    re.I,
)
# The same note in the analyst's language: "(skopiowany bez nagłówka strony)", "kopiert ohne
# Überschrift", "copié sans le titre", "copiado sin el titular", "gekopieerd zonder kop".
_COPIED_WITHOUT_HEADLINE = re.compile(
    r"\b(?:skopiowan|kopiert|copié|copiad|copiat|gekopieerd)\w*\b.{0,40}"
    r"\b(?:bez nagłówka|ohne (?:die )?überschrift|sans (?:le )?titre|sin (?:el )?t[ií]tul"
    r"|senza (?:il )?titolo|zonder (?:de )?(?:kop|titel))",
    re.I,
)
_LEAD_ENDS = (":", "↓", "⬇", "👇", "\ufe0f")  # what a lead-in ends with: a colon, an arrow down


def _is_note_line(text: str) -> bool:
    """A line of someone's notes: four words or more, in lower case from the first letter or
    as a list item ("- DE voted against (!)"), which no headline, tag line or byline is."""
    if len(text.split()) < 4:
        return False
    return text[:2] in ("- ", "* ", "• ") or (text[:1].islower() and not TAG_LINE.match(text))


_EMOJI = re.compile("[\U0001f300-\U0001faff\u2600-\u27bf]")


def _looks_like_title(text: str) -> bool:
    """A story's headline may run longer than a signal's (25 words, 150 characters are seen),
    but a long line of two sentences is someone's comment ("Board signed off last night.
    Pasting the guts of it here 👇")."""
    words = len(text.split())
    return (
        len(text) <= TITLE_MAX_CHARS
        and not _EMOJI.search(text)  # someone's comment: "so pasting the bit that matters 👇"
        and not (text[:1] == "[" and text[-1:] == "]")  # "[saved for the canal brief — JM]"
        and words <= TITLE_MAX_WORDS
        and not _ENDS_LIKE_CLAUSE.search(text)
        and not SOURCE_LINE.match(text)
        and not (words > 14 and _SENTENCE_BREAK.search(text))
        and not _is_someone_elses_line(text)
        and not _is_dated_field(text)
        and not (" via " in text and _VIA_CREDIT.match(text))
        and not _is_chart_alt(text)  # "A chart showing support for Germany's parties…"
    )


def _is_headline_in_its_place(lines: list[Line], i: int, label_at: int | None, end: int) -> bool:
    """A line that would be a headline but for its last full stop ("Student loan payments are
    back. Retailers are bracing.") is one where only a headline stands: just under the label
    and just over the story's time. Elsewhere such a line is someone's comment."""
    text = lines[i].text
    return (
        label_at == i - 1
        and i + 1 < end
        and text[-1:] == "."
        and _looks_like_title(text[:-1])
        and parse_timestamp(lines[i + 1].text) is not None
    )


# A syndicator's credit line: "Semafor via Yahoo News" (names, each word capitalised).
_VIA_CREDIT = re.compile(
    r"^[A-Z][\w&'’.-]*(?: [A-Z][\w&'’.-]*){0,3} via [A-Z][\w&'’.-]*(?: [A-Z][\w&'’.-]*){0,3}"
    r"(?: · .*)?$"  # and the time of the re-post: "… · Fri, 05 Jul 2024 09:45:12 GMT"
)


# A note's field whose value is a date ("Date read: Jun 26, 2025", in any language).
_FIELD = re.compile(r"^[^\W\d_][\w-]*(?: [\w-]+){0,2}\s*:\s*(?P<value>\S.*)$")


def _is_dated_field(text: str) -> bool:
    return ":" in text and bool(field := _FIELD.match(text)) and _is_dateish(field["value"])


def _is_someone_elses_line(text: str) -> bool:
    """A line of the tools and people around a copy, which no headline is: a list item ("◦
    Taiwan reaction → brief for Friday"), a chat's or a note's stamp ("Ravi Menon 10/05/2025
    22:41", "Edited Nov 18, 2023, 9:14 AM"), a mail's header or sign-off in any language, a row
    of buttons ("Open in Stash › | Archive | Share") or a comment on the copying itself."""
    if text[:2] in _BULLETS or _is_mail_header(text) or text.lower().startswith(_SIGN_OFFS):
        return True
    if text[:4] in ("[ ] ", "[x] ", "[X] "):
        return True  # a note's to-do: "[ ] ask Libreville stringer about turnout"
    if text[:1].isupper() and _TASK_MARK.match(text):
        return True  # an outliner's task: "DONE Call with Dhaka stringer re: wage talks"
    if "#" in text and _TRAILING_TAGS.search(text):
        return True  # a note's heading with its tags: "South Asia reading #bangladesh #elections"
    if "@" in text and _MAIL_ADDRESS.search(text):
        return True  # Gmail's sender line: "Priya Raman <p.raman@example.org> Fri, Jul 25, …"
    if _is_mark(text[:1]):
        return True  # an app's button or mark: "⤴ Share", "☆ Save", "→ Next" (not "$40bn…")
    if _NUMERIC_STAMP.search(text) or _EDIT_STAMP.match(text) or _ABOUT_THE_COPY.search(text):
        return True
    if (text[-1:].isdigit() or text[-1:] == "M") and _SENDER_AND_TIME.match(text):
        return True  # a chat's sender and time: "Wen Li  09:06", "Tom Becker 9:05 AM"
    if text[:1].isalnum() and _DATED_NOTE.match(text):
        return True
    if (text[:1] == "[" and _BRACKETED_TIME.match(text)) or _mostly_other_script(text):
        return True
    if "(link)" in text:
        return True  # a note's pointer to the page: "From the Semafor piece yesterday (link)"
    if " w/ " in text or text[:2] in ("w/", "W/"):
        return True  # a note's shorthand: "For Mon call w/ Bangkok office" (no headline's)
    if text[:1] in '“"' and _QUOTED_COMMENT.match(text):
        return True  # a curator's comment: "“A missionary pope… Good explainer.” — Renata Okafor"
    if any(len(word) >= _RANDOM_ID_MIN and _is_random_id(word) for word in text.split()):
        return True  # a tool's record: "Event 2xRkP7vQd3mT91", "Message-ID: 7f3a9c…"
    if _is_button_row(text) or _is_app_actions(text):
        return True  # "Compartir en: Facebook X WhatsApp Telegram", "Add to queue · Archive"
    if text[:3] in ("Sem", "SEM", "Leo") and _FEED_ITEM_LINE.match(text):
        return True  # a feed reader's line under the item's title: "Semafor / by Semafor / 3h"
    parts = text.split(" | ")
    return len(parts) >= 3 and all(len(_WORD.findall(part)) <= 3 for part in parts)


_QUOTED_COMMENT = re.compile(r"^[“\"].+[”\"]\s*[—–-]\s*[A-Z][\w.' -]{1,40}$")
# The words of a share row or of a reading app's buttons, in the languages pages are seen in.
_BUTTON_WORDS = {
    "facebook", "x", "twitter", "whatsapp", "telegram", "linkedin", "email", "e-mail", "mail",
    "reddit", "threads", "bluesky", "share", "compartir", "partager", "teilen", "compartilhar",
    "condividi", "en", "on", "sur", "auf", "em", "su", "via", "star", "tag", "send", "to", "save",
    "web", "page", "translate", "print", "copy", "link", "like", "comment", "flip", "follow",
}  # fmt: skip


# A reading app's actions, alone on a line or in a row ("Save to Board", "Add to queue  ·
# Archive  ·  ···", "Open in Pocket · Original"): Feedly, Inoreader, Pocket, Matter, Readwise.
_APP_ACTIONS = frozenset(
    {"save to board", "mark as read", "mark as unread", "read later", "add to queue", "archive"}
    | {"open original", "view original", "open in pocket", "original", "summarize", "listen"}
    | {"leo", "favorite", "favourite", "delete", "highlights", "tags", "tag", "share", "star"}
    | {"save", "saved", "send to kindle", "open in app", "more", "···", "..."}
    | {"open in browser", "send to…", "send to...", "send to"}
)
_ACTION_SEPARATORS = re.compile(r"\s+[·•|]\s+|\s{2,}")
# A feed reader's line under an item's title: the feed, the author, the age ("Semafor / by
# Semafor / 3h", "Semafor · 5 min", "Semafor by Semafor Mar 11"); its AI's note on the item
# ("Leo Prioritized because it mentions International Criminal Court").
_FEED_ITEM_LINE = re.compile(
    r"^semafor\s*(?:[/·|•]\s*)?(?:by\b|\d+\s*(?:s|m|h|d|min|mins|hr|hrs)\b)"
    r"|^leo (?:prioritized|deprioritized|summary|summarized)\b",
    re.I,
)


_RANDOM_ID_MIN = 12


def _is_random_id(word: str) -> bool:
    """A machine's identifier: letters and three digits or more mixed in one long word."""
    digits = sum(c.isdigit() for c in word)
    return word.isalnum() and digits >= 3 and len(word) - digits >= 3


def _is_app_actions(text: str) -> bool:
    pieces = (piece.strip(" ▶↗→") for piece in _ACTION_SEPARATORS.split(text.lower()))
    actions = [piece for piece in pieces if piece]
    return bool(actions) and all(action in _APP_ACTIONS for action in actions)


def _is_button_row(text: str) -> bool:
    """A row of four or more buttons, each a word of a share row or a reading app's."""
    words = text.lower().replace(":", " ").split()
    return 4 <= len(words) <= 10 and all(word in _BUTTON_WORDS for word in words)


def _mostly_other_script(text: str) -> bool:
    """Whether most of the line's letters are of another script than the Latin one: an
    analyst's note in Hindi or Japanese above an English page, never its headline."""
    # (A script's vowel signs are marks, not letters: "भारत" is two letters and two marks.)
    letters = [
        c for c in text if c.isalpha() or (ord(c) > 0x24F and unicodedata.category(c)[0] == "M")
    ]
    other = sum(1 for c in letters if ord(c) > 0x24F)  # past Latin Extended-B
    return bool(letters) and other * 2 > len(letters)


def _is_mark(char: str) -> bool:
    """A symbol or an arrow ("☆", "⤴", "→"); not a currency sign, nor "<" of a markup."""
    return bool(char) and (
        unicodedata.category(char) == "So" or any(lo <= ord(char) <= hi for lo, hi in _ARROWS)
    )


_ARROWS = ((0x2190, 0x21FF), (0x27F0, 0x27FF), (0x2900, 0x297F), (0x2B00, 0x2BFF))
_WORD = re.compile(r"\w+")
_BULLETS = ("- ", "* ", "• ", "◦ ", "▪ ", "‣ ", "· ", "– ")
_SIGN_OFFS = ("sent from my ", "enviado desde ", "enviado do ", "envoyé de ", "gesendet von ")
# A date in figures with a clock time: a chat's, a mail's or a note's stamp, never a headline's.
_NUMERIC_STAMP = re.compile(
    r"\b(?:\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\d{4}-\d\d-\d\d),?\s+\d{1,2}:\d\d\b"
)
# A note's own title for a brief: "Labour landslide – sigs for Mon brief", "… — for Monday".
_FOR_A_BRIEF = re.compile(
    # (At the end: "… — a brief history" is a headline.)
    r"\s[–—-]\s.*\b(?:(?:brief|briefing|memo)\s*$|for (?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b"
    # "GEM opening - for the Egypt tourism piece": what the note is for.
    r"|for\b.*\b(?:piece|deck|draft|column|newsletter|podcast|slides)\s*$)",
    re.I,
)


def _is_title_for_a_brief(title: str) -> bool:
    """A note's own title ("Labour landslide – sigs for Mon brief"), not a printed headline."""
    return bool(_FOR_A_BRIEF.search(title))


_EDIT_STAMP = re.compile(r"^(?:last )?(?:edited|modified|created|saved)\b.*\d", re.I)
_TASK_MARK = re.compile(r"^(?:TODO|DONE|LATER|NOW|DOING|WAITING|CANCELL?ED) ")
_TRAILING_TAGS = re.compile(r"(?:\s#[^\W\d][\w-]*)+$")
_MAIL_ADDRESS = re.compile(r"<[^<>\s@]+@[^<>\s@]+\.[a-z]{2,}>", re.I)
# A chat's sender and the time of the message, on a line of their own (Teams, Slack; Teams on
# a phone names the sender surname first: "Lindqvist, Anna 3:03 PM").
_SENDER_AND_TIME = re.compile(rf"^[A-Z][\w.'’-]*,?(?: [A-Z][\w.'’-]*){{0,3}}\s+{_NOTE_CLOCK}$")
# A note's heading that starts with the day it was written, then a comma or a dash: "Fri 5 July
# 2024, train to Brussels", "March 3, 2025 - to read later" (a headline with a date goes on
# without one: "June 4, 1989 still shapes…").
_DATED_NOTE = re.compile(
    r"^(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?\s+)?"
    r"(?:\d{1,2}\s+[A-Z][a-z]+\.?|[A-Z][a-z]+\.?\s+\d{1,2},?)\s+\d{4}\s*(?:,|\s[–—-]\s)"
)
# A comment on the copying itself: "…pasting the bit after the headline", "Semafor's roundup below";
# a note's own heading over the copy.
_ABOUT_THE_COPY = re.compile(
    r"\bpast(?:ing|ed)\b|\bbelow[:.!]?$|^(?:excerpt|snippet)\b|\b(?:excerpt|snippet|clipping)$"
    r"|^selected text\b|^(?:reading|my|research|seminar) notes\b"  # "Reading notes — BoJ exit"
    # "Sheinbaum bits for Thursday's call — skipped the top, we already have the news part"
    r"|\b(?:skipped|left out|cut|missing|without) the (?:top|headline|title)\b"
    # "KE protests - semafor piece (copied 28/6, AO)": a note's title names the copy.
    r"|\((?:copied|pasted|clipped|saved|grabbed)\b[^)]*\)|\bsemafor (?:piece|page|story|item)\b",
    re.I,
)
# A chat's stamp in brackets: "[Tuesday 16:47] Priya Raman".
_BRACKETED_TIME = re.compile(r"^\[[^\]]{0,30}\b\d{1,2}:\d\d\b[^\]]{0,12}\]")


# The end of a sentence and the start of the next inside a line (not "vs. Trump", "U.S. Navy").
_SENTENCE_BREAK = re.compile(r"[a-z]{3}[.!?] +[A-Z]")


def _choose_title(lines: list[Line], candidates: list[int], label_at: int | None) -> str:
    """The candidate nearest the label, counting only candidates between (the times, tags and
    sponsor lines between a label and its headline do not push it away); on a tie the one
    after the label (label, then headline), so a note's own title just above the copy ("Turkey
    Imamoglu arrest") loses. A browser tab's title ("Headline | Semafor", on top of a select-all
    copy) loses to the headline printed on the page, and is used without its suffix when it is
    all there is."""
    printed = [i for i in candidates if not _SEMAFOR_SUFFIX.search(lines[i].text)] or candidates
    tab_titles = {
        _comparable(_SEMAFOR_SUFFIX.sub("", lines[i].text))
        for i in candidates
        if _SEMAFOR_SUFFIX.search(lines[i].text)
    }
    if tab_titles:
        # The headline the tab's title repeats wins over a note's own title nearer the top.
        printed = [i for i in printed if _comparable(lines[i].text) in tab_titles] or printed
    anchor = label_at if label_at is not None else 0
    after = [i for i in printed if i > anchor]
    before = [i for i in printed if i <= anchor][::-1]  # nearest first
    ranked = [(rank, 0, i) for rank, i in enumerate(after)] + [
        (rank, 1, i) for rank, i in enumerate(before)
    ]
    best = min(ranked)[2]
    title = _SEMAFOR_SUFFIX.sub("", lines[best].text).strip() or lines[best].text
    title = _unwrapped_title(title, best, lines, candidates) or _wrapped_end(title, best, lines)
    return _without_stray_quote(_with_dangling_start(title, best, lines, candidates))


def _with_dangling_start(title: str, at: int, lines: list[Line], candidates: list[int]) -> str:
    """The title with the line above it when that line is the headline's start, wrapped after a
    word no headline ends on ("Geert Wilders' far-right party wins most seats in" / "Dutch
    election"): a screenshot's text, a printout's."""
    if at - 1 not in candidates:
        return title
    above = lines[at - 1].text
    words = above.split()
    # (In sentence case, as a headline is: not a row of links, "Yahoo News Finance Sign in".)
    lower = sum(word[:1].islower() for word in words[:-1])
    if words[-1].lower() in _DANGLING_WORDS and len(words) >= 4 and lower >= 2:
        joined = f"{above} {title}"
        return joined if len(joined) <= TITLE_MAX_CHARS else title
    return title


def _comparable(title: str) -> str:
    """A title as two copies of it compare: the same words, whatever quotes a copy used."""
    return " ".join(title.replace("’", "'").replace("‘", "'").casefold().split())


def _may_end_headline(text: str, at: int, candidates: list[int]) -> bool:
    """Whether the line may be the end of a headline wrapped onto it (see ``_wrapped_end``)."""
    return (
        bool(candidates)
        and candidates[-1] == at - 1
        and text[:1].islower()
        and len(text.split()) <= WRAPPED_END_MAX_WORDS
    )


def _wrapped_end(title: str, at: int, lines: list[Line]) -> str:
    """A headline hard-wrapped by a printout or a mail client, with the few words that ran onto
    the next line ("…as its drought-hit power" / "grid recovers"); the next line is its end
    when it is short, starts in lower case and is no tag line ("businessAfrica")."""
    if at + 1 >= len(lines) or TERMINAL.search(title):
        return title
    following = lines[at + 1].text
    if (
        following[:1].islower()
        and _are_plain_words(following)
        and len(following.split()) <= WRAPPED_END_MAX_WORDS
        and len(title) + len(following) < TITLE_MAX_CHARS
        and not TAG_LINE.match(following)
        and not _is_header_part(following)
    ):
        return f"{title} {following}"
    return title


WRAPPED_END_MAX_WORDS = 5


def _are_plain_words(text: str) -> bool:
    """Words as a headline has them: not a note's property ("date_saved: 2024-08-05", "id::
    67a8…") nor a lone hyphenated key ("rw-book-cover")."""
    return not _NOT_IN_HEADLINES.search(text) and (" " in text or "-" not in text)


_NOT_IN_HEADLINES = re.compile(r"[:_=/@#|<>\[\]{}]")


def _without_stray_quote(title: str) -> str:
    """A title without the opening quote of a shared selection ("Kenya's Ruto drops…), which
    a phone's "share" wraps in quotes; a quote that closes in the title stays."""
    if title[:1] == '"' and title.count('"') == 1:
        return title[1:].lstrip()
    if title[:1] == "“" and "”" not in title:
        return title[1:].lstrip()
    return title


def _unwrapped_title(title: str, at: int, lines: list[Line], candidates: list[int]) -> str | None:
    """A printed headline wrapped onto two lines ("…after 25 years" / "of talks"), whole as the
    tab's or the print header's title gives it ("…after 25 years of talks | Semafor")."""
    if at + 1 >= len(lines):
        return None
    whole = f"{title} {lines[at + 1].text}"
    for i in candidates:
        named = _SEMAFOR_SUFFIX.sub("", lines[i].text).strip()
        if i != at and named != lines[i].text and named == whole:
            return whole
    return None


# --- the signals -------------------------------------------------------------------------------


@dataclass
class _Draft:
    headline: str = ""
    sources: list[str] | None = None
    body: list[str] | None = None


# A word processor's numbering before each signal: "2.2.1 ", "a) ", "b. ", "3. ", "(2) ", "(c) ",
# "(ii) " (a legal list's roman numerals).
_ENUMERATION = re.compile(
    r"^(?:(?P<outline>\d{1,2}(?:\.\d{1,2})+)\.?|\(?(?P<number>\d{1,2})[.)]|\(?(?P<letter>[a-h])[.)]"
    r"|\(?(?P<roman>i{1,3}|iv|vi{0,3}|ix|x)[.)])"
    r"\s+(?=[^\W\d_]|[“‘\"'])"
)
_ROMAN = {
    numeral: value
    for value, numeral in enumerate(
        ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"), 1
    )
}
_OUTLINE_TITLE = re.compile(r"^(\d{1,2})(?:\.\d{1,2}){0,4}\.?\s+(?=[^\W\d_])")
# An outline's number of two levels or more: "2.2.7 ", "1.2.1 ".
_OUTLINE_MARK = re.compile(r"^\d{1,2}(?:\.\d{1,2})+\.?\s+")
# A legal memo's numbering before the headline: "Section 2.02 ".
_SECTION_MARK = re.compile(r"^Section \d{1,2}\.\d{1,2}\s+(?=[A-Z“‘\"])")


def _strip_enumeration(drafts: list[_Draft]) -> str | None:
    """Take out the numbers or letters a tool put before the signals (each signal's headline,
    or a headline-less one's first paragraph), when they run in order (1, 2, 3; a, b, c; 2.2.1,
    2.2.2): the page has none. Gives the outline's top number ("2" for "2.2.1"), if any."""
    firsts = [d.headline or (d.body[0] if d.body else "") for d in drafts]
    marks = [_ENUMERATION.match(text) for text in firsts]
    if len(drafts) < 2 or not all(marks[:-1]) or not marks[0]:
        return None  # (a last signal cut inside its headline may have lost its mark)
    found = [m for m in marks if m]
    if not _in_order(found):
        return None
    for draft, mark in zip(drafts, marks, strict=True):
        if mark is None:
            continue
        if draft.headline:
            draft.headline = draft.headline[mark.end() :]
        else:
            draft.body[0] = draft.body[0][mark.end() :]
    outline = found[0]["outline"]
    return outline.split(".", 1)[0] if outline else None


# A mark a reader put before the signals they picked: "★ Milei bets…" (no headline opens so).
_PICKED_MARK = re.compile(r"^[★☆⭐✓✔✅]\ufe0f?\s+(?=\S)")


def _strip_picked_marks(drafts: list[_Draft]) -> None:
    for draft in drafts:
        if draft.headline and (mark := _PICKED_MARK.match(draft.headline)):
            draft.headline = draft.headline[mark.end() :]


def _in_order(marks: list[re.Match[str]]) -> bool:
    """Whether the marks count up one by one, all of one kind."""
    kinds = {next(k for k in ("outline", "number", "letter", "roman") if m[k]) for m in marks}
    if len(kinds) != 1:
        return False
    kind = kinds.pop()
    if kind == "letter":
        steps = [ord(m["letter"]) for m in marks]
    elif kind == "roman":
        steps = [_ROMAN[m["roman"]] for m in marks]
    elif kind == "number":
        steps = [int(m["number"]) for m in marks]
    else:
        parts = [m["outline"].split(".") for m in marks]
        if len({tuple(p[:-1]) for p in parts}) != 1:
            return False
        steps = [int(p[-1]) for p in parts]
    return steps == list(range(steps[0], steps[0] + len(steps))) and steps[0] in (1, ord("a"))


def _draft_signals(items: list[Line], registry: Registry, truncated: bool) -> list[_Draft]:
    """Group the lines after the SIGNALS header into signals.

    The line after a Source line is always body, however short: a copy cut off a few words into
    that paragraph must not turn it into the headline of a new signal. The last line of a copy
    cut off after a complete paragraph is a headline cut short, unless the page's signals run to
    several paragraphs: then it continues the body before it.
    """
    has_sources = any(SOURCE_LINE.match(line.text) for line in items)
    multi_paragraph = _has_multi_paragraph_bodies(items[:-1])
    paragraphs_only = not has_sources and _opens_with_paragraphs(items)
    headline_style = not paragraphs_only and (
        has_sources or any(_looks_like_headline(line.text) for line in items[:-1])
    )
    drafts: list[_Draft] = []
    i = 0
    while i < len(items):
        check_budget()
        text = items[i].text
        source = SOURCE_LINE.match(text)
        nxt = items[i + 1].text if i + 1 < len(items) else None
        last = drafts[-1] if drafts else None
        if source:
            names, i = _source_names(source["names"], items, i, registry)
            if last is not None and last.sources is not None and not last.body:
                # A second Source line under one headline ("Source: Dawn", "Source: Business
                # Recorder"): one signal with both.
                last.sources += split_source_names(names, registry)
            else:
                if last is None or last.sources is not None or last.body:
                    drafts.append(_Draft())
                drafts[-1].sources = split_source_names(names, registry)
        elif not headline_style:
            drafts.append(_Draft(body=[text]))
        elif (
            last is not None
            and last.sources is not None
            and not last.body
            and not (nxt is not None and SOURCE_LINE.match(nxt))
        ):
            last.body = [text]  # the paragraph after a Source line
        elif last is not None and last.body and nxt is None and truncated and multi_paragraph:
            last.body.append(text)  # a paragraph cut off by the end of the copy
        elif _starts_signal(text, nxt, has_sources):
            # "1. Gen Z protesters organized online": a list's number from the paste.
            # "• A headline": a signal laid out as a list item.
            numbered = text[:1].isdigit() and nxt is not None and SOURCE_LINE.match(nxt)
            headline = _LIST_NUMBER.sub("", text) if numbered else text
            drafts.append(
                _Draft(headline=_BULLET.sub("", headline) if text[:1] == "•" else headline)
            )
        elif last is not None:
            last.body = last.body or []
            last.body.append(text)
        else:
            drafts.append(_Draft(body=[text]))
        i += 1
    return drafts


_BULLET = re.compile(r"^[•·▪◦‣*–—-]\s*")
_LIST_NUMBER = re.compile(r"^\d{1,2}[.)]\s+(?=[A-Z“\"'‘])")


def _source_names(
    names: str, items: list[Line], i: int, registry: Registry | None = None
) -> tuple[str, int]:
    """The names of the Source line at ``items[i]`` and the index of its last line: the names
    may follow on the next line (a short list of capitalised names, even ending in a full stop),
    as a bulleted list of lines, or wrap after a trailing comma or inside a name ("International
    Institute for / Strategic Studies")."""

    def next_line() -> str | None:
        return items[i + 1].text if i + 1 < len(items) else None

    if not names:
        bullets = []
        while (nxt := next_line()) is not None and _BULLET.match(nxt) and len(nxt) <= 80:
            bullets.append(_BULLET.sub("", nxt))
            i += 1
        if bullets:
            return ", ".join(bullets), i
        nxt = next_line()
        if nxt is None or (_looks_like_paragraph(nxt) and not _looks_like_names(nxt)):
            return names, i
        names, i = nxt, i + 1  # one name a line, each but the last ending with a comma
    while _continues(names, registry) and (nxt := next_line()) is not None:
        if _looks_like_paragraph(nxt) and not _looks_like_name_list(nxt):
            break
        names, i = f"{names} {nxt}", i + 1
    return names, i


_JOINING_WORDS = r"for|of|on|and|&|the|de|du|des|la|le|el|del|der|für"
_OPEN_NAME = re.compile(rf"(?:,|\s(?:{_JOINING_WORDS}))$", re.I)
_NAME_WORD = re.compile(rf"^(?:[A-Z0-9“\"'(]|(?:{_JOINING_WORDS})$)")


def _continues(names: str, registry: Registry | None = None) -> bool:
    """Whether a Source line goes on on the next line: it ends with a comma or inside a name
    ("… for", or the start of a longer known name: "Centre for European" / "Policy Studies")."""
    if _OPEN_NAME.search(names.rstrip()):
        return True
    last = names.rsplit(",", 1)[-1].strip()
    return registry is not None and " " in last and registry.starts_a_name(last)


def _looks_like_names(text: str) -> bool:
    """A short list of names on a line of its own ("The East African, Africa Confidential."):
    every word capitalised or a joining word, which a sentence of the body never is."""
    words = text.rstrip(".").replace(",", " ").split()
    return (
        _looks_like_name_list(text)
        and len(words) <= 12
        and all(_NAME_WORD.match(word) for word in words)
    )


def _notes_below(drafts: list[_Draft]) -> int | None:
    """Where someone's own text below the copy begins, if it does: a block under a note's
    heading ("Analyst assessment", "Takeaways") with no Source line, after signals that each
    had one, and no Source line after it either. (A last signal may lose its Source line, "Musk
    weighed in": only a note's heading tells the two apart.)"""
    at = next((k for k, draft in enumerate(drafts) if draft.sources is None), None)
    if at is None or at < 2 or not _is_note_heading(drafts[at].headline):
        return None
    if any(draft.sources is not None for draft in drafts[at + 1 :]):
        return None  # a signal whose Source line alone was lost, among credited ones
    return at


def _opens_with_paragraphs(items: list[Line]) -> bool:
    """Whether the signals are paragraphs without headlines (pages of 2023): the first two
    lines after the header are both paragraphs, where a headed page opens with a headline."""
    return len(items) >= 2 and all(
        _looks_like_paragraph(line.text) and not _looks_like_headline(line.text)
        for line in items[:2]
    )


def _paragraph_signals(items: list[Line]) -> list[Line]:
    """The paragraphs of a page of headline-less signals, up to the first line that is no
    paragraph (a ticket's "Attachments", a wiki's table, someone's heading): what follows is
    not the page's. The last line may be a paragraph cut short by the end of the copy, if it
    starts as one."""
    for k, line in enumerate(items[:-1]):
        if not _looks_like_paragraph(line.text):
            return items[:k]
    last = items[-1].text if items else ""
    if not _looks_like_paragraph(last) and not _starts_a_paragraph(last):
        return items[:-1]  # "→ follow up: check the exodus numbers", a note; a "Links" heading
    return items


def _starts_a_paragraph(text: str) -> bool:
    """Whether a last line cut short may be a paragraph's start: a capital and six words, or
    fewer cut after "the" or "that" ("Aid groups warned that the"), where no heading ends, or
    opening on an article as a sentence does ("The 1995 Dayton accords")."""
    words = text.split()
    if not text[:1].isupper():
        return False
    return len(words) >= 6 or (
        len(words) >= 3 and (words[-1].lower() in _DANGLING_WORDS or words[0] in ("The", "A", "An"))
    )


_NOTE_HEADINGS = frozenset(
    {"assessment", "analysis", "comments", "notes", "note", "takeaways", "key takeaways"}
    | {"summary", "next steps", "open questions", "questions", "to do", "todo", "context"}
    | {"background", "implications", "watch items", "what to watch", "why it matters to us"}
    | {"team notes", "checklist", "follow-ups", "follow ups"}
    # The same in the analyst's language: Dutch, German, Polish, Italian, French, Spanish.
    | {"notities", "opmerkingen", "notizen", "anmerkungen", "notatki", "uwagi", "appunti"}
    | {"remarques", "notas", "comentarios"}
    # "My notes" so: Portuguese, Spanish, French, German, Italian, Dutch, Polish.
    | {"minhas notas", "mis notas", "mes notes", "meine notizen", "le mie note", "mijn notities"}
    | {"moje notatki"}
)


def _is_note_heading(headline: str) -> bool:
    """A heading of someone's notes: "Analyst assessment", "Our take:", "Key takeaways"."""
    key = headline.lower().strip(" :#*")
    if key[-1:] == ")":
        key = _WHOSE.sub("", key)  # "Notities (Sanne):"
    first = key.split(" ", 1)[0].rstrip(":")
    if key in _NOTE_HEADINGS or first in ("analyst", "analyst's", "our", "my", "checklist"):
        return True
    if key[-6:] == " notes" and key.count(" ") == 1:
        return True  # "Desk notes", "Reading notes"
    return bool(_OWN_TAKE.match(key))  # a re-poster's "FFW's take: what it means for you"


_WHOSE = re.compile(r"\s*\([^()]{1,30}\)$")  # whose notes they are, after the heading
_OWN_TAKE = re.compile(r"^[\w&.-]{2,20}['’]s (?:take|view|analysis|comment)\b")


_SEMAFOR_NAMES = frozenset({"semafor", "semafor.com", "www.semafor.com", "semafor signals"})


def _before_credit_to_semafor(items: list[Line]) -> list[Line]:
    """The signals without a re-poster's credit to the page below them ("Source: Semafor",
    after the last signal's body) and what follows it: no signal credits Semafor alone below
    its body (a Source line stands between a headline and its body)."""
    for k in range(1, len(items)):
        text = items[k].text
        if text[:3].lower() == "sou" and (source := SOURCE_LINE.match(text)):
            named = source["names"].strip().rstrip(".").lower()
            above = items[k - 1].text
            if (
                named in _SEMAFOR_NAMES
                and _looks_like_paragraph(above)
                and not _looks_like_headline(above)
            ):
                return items[:k]
    return items


def _is_cut_off_headline(draft: _Draft) -> bool:
    return bool(draft.headline) and draft.sources is None and not draft.body


def _may_be_cut_headline(text: str) -> bool:
    """Whether a last line may be the start of a headline the copy's end cut off ("Why
    insurers"): two words or more in sentence case (not a signature's "Senior Analyst" nor a
    button's "View Comments"), no address, no separators of a footer's or a tool's row ("Open
    original ↗ · Mark as read"), no tool's or person's line."""
    words = text.split()
    return (
        len(_WORD.findall(text)) >= 2
        and not all(word[:1].isupper() for word in words)
        and not _TOOL_ROW.search(text)
        and not _is_someone_elses_line(text)
        and not _is_dateish(text)
    )


_TOOL_ROW = re.compile(
    r"[|·•=━›→↗]|://|\bwww\.|\.com\b|^(?:sent|clipped|saved|converted|viewed) ", re.I
)


def _ends_whole(drafts: list[_Draft]) -> bool:
    """Whether the last signal has its Source line and a body that ends a sentence."""
    last = drafts[-1] if drafts else None
    return bool(last and last.sources is not None and last.body and TERMINAL.search(last.body[-1]))


def _has_multi_paragraph_bodies(items: list[Line]) -> bool:
    """Whether two paragraphs follow each other anywhere among these lines."""
    paragraphs = [_looks_like_paragraph(line.text) for line in items]
    return any(a and b for a, b in zip(paragraphs, paragraphs[1:], strict=False))


def _looks_like_paragraph(text: str) -> bool:
    return len(text) > HEADLINE_MAX_CHARS or bool(_ENDS_LIKE_SENTENCE.search(text))


def _starts_signal(text: str, nxt: str | None, has_sources: bool) -> bool:
    if nxt is not None and SOURCE_LINE.match(nxt):
        return True
    if text[:1].islower():
        return False  # a headline starts with a capital ("follow-up: check…" is a note)
    if has_sources and text[:1] in "•▪◦‣*–-":
        return False  # a list of facts in a body ("• Wholesale price per 60 kg: ¥24,665")
    if has_sources and nxt is not None:
        # On pages with Source lines, a headline is followed by one, unless that line was stripped.
        return _looks_like_headline(text) and not _looks_like_headline(nxt)
    return _looks_like_headline(text)


def _cut_name(name: str, registry: Registry, story_names: set[str] = frozenset()) -> bool:
    """Whether a last Source name looks cut off: the start of a longer known name or of one the
    story credits elsewhere (its Insights line: "Club of Mo" for Club of Mozambique), a name
    ending in a lone letter or in a word's hyphen, or a Markdown link's text never closed
    ("[Armen")."""
    return (
        registry.starts_a_name(name)
        or (
            any(len(other) > len(name) and other.startswith(name) for other in story_names)
            and not registry.resolve(name)[1]  # "ABC", whole, beside "ABC News"
        )
        or bool(_LONE_LETTER_END.search(name))
        or (name[:1] == "[" and "]" not in name)
        or (name[-1:] == "-" and name[-2:-1].isalpha())  # cut in a word: "The East Afri-"
    )


SIGNATURE_MAX_LINES = 3  # a name, a title, an organisation


def _drop_signature(lines: list[Line]) -> None:
    """Take the signature above its telephone number off the page's end: the sender's name and
    the short unpunctuated lines under it ("Deputy Director | South Asia Observatory")."""
    for depth in range(1, min(SIGNATURE_MAX_LINES, len(lines)) + 1):
        text = lines[-depth].text
        if len(text) > 80 or _ENDS_LIKE_SENTENCE.search(text) or SOURCE_LINE.match(text):
            return
        if _is_name(lines[-depth]):
            del lines[-depth:]
            return


_PHONE_LINE = re.compile(r"^(?:(?:tel|phone|mobile|mob|m|t)\.?:?\s*)?\+\d[\d ()./-]{6,18}\d$")
_LONE_LETTER_END = re.compile(r"\s[^\W\d_]$")


# A reader's marks after a headline: "Mulino wants the canal off the table  [!!]".
_READER_MARKS = re.compile(r"\s+[\[(][!?*]{1,4}[\])]$")


def _joined_paragraphs(lines: list[str]) -> str:
    """A body's lines as paragraphs; a line that finishes a sentence cut by a page break or a
    chat's next message ("…since Mongolia's network does" / "not.") joins the one before."""
    paragraphs: list[list[str]] = []  # each paragraph's lines: only its last line's end counts
    for line in lines:
        if paragraphs and line[:1].islower() and not TERMINAL.search(paragraphs[-1][-1]):
            paragraphs[-1].append(line)
        else:
            paragraphs.append([line])
    return "\n\n".join(" ".join(paragraph) for paragraph in paragraphs)


def _finish_signals(
    drafts: list[_Draft],
    story_context: set[str],
    truncated: bool,
    registry: Registry,
    story: StoryOutlets | None = None,
) -> list[Signal]:
    """Signals with their credited outlets, mentions and flags; themes come after (they read
    the story's title and News, and leave outlet names out)."""
    signals: list[Signal] = []
    for position, draft in enumerate(drafts, start=1):
        check_budget()
        is_last = position == len(drafts)
        body = _joined_paragraphs(draft.body or [])
        flags: list[str] = []
        names = list(draft.sources or [])
        if (
            is_last
            and truncated
            and names
            and not body
            and _cut_name(names[-1], registry, story_context)
        ):
            # A name cut off by the end of the copy ("The Wash", "Daily F") is not an outlet; a
            # complete one the registry does not know ("Bloomberg Línea") is.
            names.pop()
            flags.append("truncated_source")
        credited = resolve_all(names, registry, story)
        credited_keys = {name_key(c) for c in credited}
        prose = f"{draft.headline}\n{body}"
        found = scan_mentions(
            prose,
            registry,
            story_context | set(credited),
            text_is_truncated=truncated and is_last,
        )
        mentions = [m for m in found.outlets if name_key(m) not in credited_keys]
        # Kept for review: a short form such as "the Times" the story gives no context for.
        flags.extend(f"ambiguous:{written}" for written in found.ambiguous)
        if draft.sources is None:
            flags.append("no_source_line")
        if not draft.headline:
            flags.append("no_headline")
        if is_last and truncated:
            flags.append("truncated")
        signals.append(
            Signal(
                position=position,
                headline=_READER_MARKS.sub("", draft.headline)
                if draft.headline
                else draft.headline,
                body=body,
                outlets=credited,
                mentions=mentions,
                flags=flags,
            )
        )
    return signals


def _theme_input(story: Story, drafts: list[_Draft]) -> StoryText:
    """What theme assignment reads of a story: the story's title and News are its signals' weak
    prior, outlet names (as written and canonical) are no evidence of a theme, and its year
    tells which years its signals name are the past."""
    signals = story.signals
    exclude = [
        [*(draft.sources or []), *signal.outlets, *signal.mentions]
        for draft, signal in zip(drafts, signals, strict=True)
    ]
    year = int(story.published[:4]) if story.published else None
    return StoryText(
        [(s.headline, s.body) for s in signals], story.title, story.summary, exclude, year
    )


@dataclass
class PageRead:
    """A page read into a story whose signals have no themes yet, and what scoring them needs:
    themes are assigned afterwards, for many pages in one call (``assign_themes``)."""

    story: Story
    theme_input: StoryText


def assign_themes(pages: list[PageRead], taxonomy: Taxonomy) -> None:
    """Themes of every signal of the pages, scored in one call: the embedding and the learned
    layer work on one matrix for all of them, which costs far less than a call per page."""
    scored = score_stories_themes([page.theme_input for page in pages], taxonomy)
    for page, story_themes in zip(pages, scored, strict=True):
        for signal, themes in zip(page.story.signals, story_themes, strict=True):
            signal.themes = themes


# --- the whole page ----------------------------------------------------------------------------


# The only lengths a line matching these landmarks can have: most lines are skipped on that.
_LANDMARK_LENGTHS = {
    SIGNALS_HEADER: (7,),
    LABEL: (15, 26),
    NEWS_HEADER: (4, 8, 15),
}


def _find_last(lines: list[Line], pattern: re.Pattern[str], end: int) -> int | None:
    """The last line before ``end`` matching ``pattern``: a partner's "NEWS" section name
    above the label is not the story's News header below it."""
    found, at = None, _find(lines, pattern)
    while at is not None and at < end:
        found, at = at, _find(lines, pattern, at + 1)
    return found


def _unmarked_signals(lines: list[Line], text: str, content: Content, hints: Hints) -> int | None:
    """Where the signals start in a copy of a Semafor page without its label, SIGNALS heading
    or tagline, if it is one: a reading app's highlights of the story (its address kept), or a
    selection that starts on the first signal's Source line (the site's footer below). Two
    credited headlines at least, either way."""
    if SOURCE_LINE.match(lines[0].text) and "Semafor" in text:
        return 0 if _first_credited_headline(lines, 1, after_news=False) is not None else None
    if is_semafor_article(content.pasted_url) or is_semafor_article(hints.url):
        return _first_credited_headline(lines, 0, after_news=False)
    return None


def _first_credited_headline(lines: list[Line], start: int, after_news: bool = True) -> int | None:
    """Where the signals start on a copy without its SIGNALS heading (a page posted over a
    chain of replies drops it): the first headline after The News with a Source line under it
    (or, ``after_news`` false, the first from ``start`` on)."""
    if after_news:
        news_at = _find(lines, NEWS_HEADER, start)
        if news_at is None:
            return None
        start = news_at + 2  # (past The News and its first paragraph)
    credited = [
        at
        for at in range(start, len(lines) - 1)
        if len(lines[at].text) <= 120
        and not TERMINAL.search(lines[at].text)
        and SOURCE_LINE.match(lines[at + 1].text)
    ]
    # Two at least: a chart's title and its "Source:" in The News of a copy cut there are one.
    return credited[0] if len(credited) >= 2 else None


def _find(lines: list[Line], pattern: re.Pattern[str], start: int = 0) -> int | None:
    lengths = _LANDMARK_LENGTHS.get(pattern)
    for i in range(start, len(lines)):
        text = lines[i].text
        if (lengths is None or len(text) in lengths) and pattern.match(text):
            return i
    return None


def _summary(lines: list[Line]) -> str:
    kept = [
        line.text
        for line in lines
        if not _is_chart_alt(line.text)
        and not CONTRIBUTED.search(line.text)
        and not _is_caption(line.text)
        and not SOURCE_LINE.match(line.text)
    ]
    return "\n\n".join(kept)


def parse_text(
    text: str,
    hints: Hints | None = None,
    *,
    overrides: Hints | None = None,
    registry: Registry | None = None,
    taxonomy: Taxonomy | None = None,
) -> Story:
    """Parse the plain text of one page. Raises NotSignalsPage or ParseError, nothing else.

    ``hints`` come from the page's own metadata; ``overrides`` from the user (``--url``,
    ``--published``) and win over everything the page says.
    """
    page = read_page(text, hints, overrides=overrides, registry=registry)
    assign_themes([page], taxonomy or load_taxonomy())
    return page.story


def read_page(
    text: str,
    hints: Hints | None = None,
    *,
    overrides: Hints | None = None,
    registry: Registry | None = None,
) -> PageRead:
    """Everything ``parse_text`` does but assigning themes: a batch of pages read this way is
    scored at once with ``assign_themes``."""
    hints = hints or Hints()
    overrides = overrides or Hints()
    registry = registry or load_registry()
    if (
        not _mentions_signals(text)
        and not _HAS_INVISIBLE.search(text)
        and not ("emafor" in text and "ource" in text)  # (see below)
    ):
        # No SIGNALS heading, label or tagline can be found in a text without the word (nor
        # characters that reading a line removes, which could hide it): said at once, rather
        # than after reading every line (seconds, for megabytes of them).
        lines = [Line(raw, "") for raw in map(str.strip, text.split("\n")) if raw]
        raise NotSignalsPage(_reject_reason(lines))
    _reject_result_list(text)
    content = _content_lines(text)
    if content.pasted_url is None and "semafor.com/article/" in text:
        # A re-post's credit to its original; a document's footnote giving the page's address.
        content.pasted_url = original_address(text) or _footnote_address(text)
    if content.pasted_url is None and content.later_link is None and "semafor.com/" in text[-400:]:
        content.later_link = _closing_link(text[-400:].split("\n"))  # a link below the page
    if content.pasted_url is None and "%2Farticle%2F" in text:
        content.pasted_url = wrapped_article(text)  # a forward's link, wrapped by a mail filter
    lines = _last_copy(content.lines)
    if not lines:
        raise ParseError("no text left once page furniture is removed")
    signals_at = _find(lines, SIGNALS_HEADER)
    tagline_at = _find(lines, TAGLINE)
    label_at = _find(lines, LABEL)
    unheaded_at = None  # the first signal of a copy that lost its SIGNALS heading
    if signals_at is None and tagline_at is None and label_at is not None:
        signals_at = _find(lines, _TITLE_CASE_SIGNALS, label_at + 1)  # a partner's own template
        if signals_at is None:
            unheaded_at = _first_credited_headline(lines, label_at + 1)
        news = _find(lines, NEWS_HEADER) if signals_at is None and unheaded_at is None else None
        if news is not None and news < label_at:
            # The label below The News heads the signals (a 2023 copy whose reader view kept
            # it in place of the SIGNALS heading and its tagline).
            signals_at = label_at
    if signals_at is None and tagline_at is None and label_at is None:
        # A copy without the label whose heading is "Signals": a Signals page only with The
        # News above it, and the Insights line or the story's Semafor address.
        semafor = is_semafor_article(content.pasted_url) or is_semafor_article(hints.url)
        news = _find(lines, NEWS_HEADER) if semafor or _find(lines, INSIGHTS) is not None else None
        signals_at = _find(lines, _TITLE_CASE_SIGNALS, news + 1) if news is not None else None
    if signals_at is None and tagline_at is None and label_at is None:
        unheaded_at = _unmarked_signals(lines, text, content, hints)
    if signals_at is None and tagline_at is None and label_at is None and unheaded_at is None:
        raise NotSignalsPage(_reject_reason(lines))
    section_at = (
        min(i for i in (signals_at, tagline_at) if i is not None)
        if (signals_at is not None or tagline_at is not None)
        else (len(lines) if unheaded_at is None else unheaded_at)
    )
    news_at = _find_last(lines, NEWS_HEADER, section_at)
    if news_at is None:
        _reject_story_list(lines)
    # (Without "The News", the header ends where the facts start: a paragraph.)
    header_end = news_at if news_at is not None else _first_paragraph(lines, section_at)
    header = _read_header(lines, header_end, registry)
    flags: list[str] = []

    if news_at is not None:
        summary_lines = lines[news_at + 1 : section_at]
    else:
        # No "The News" header: the facts follow the last header line, minus the headline.
        start = header.last_index + 1
        summary_lines = [line for line in lines[start:section_at] if line.text != header.title]
        flags.append("no_news_header")

    body_start = section_at + 1 if unheaded_at is None else unheaded_at
    while body_start < len(lines) and (
        TAGLINE.match(lines[body_start].text)
        or SIGNALS_HEADER.match(lines[body_start].text)
        or _TITLE_CASE_SIGNALS.match(lines[body_start].text)  # a table's caption: "Signals"
    ):
        body_start += 1
    items = lines[body_start:] if section_at < len(lines) else []
    items = _before_credit_to_semafor([line for line in items if not _is_figure_line(line.text)])
    if _opens_with_paragraphs(items) and not any(SOURCE_LINE.match(x.text) for x in items):
        items = _paragraph_signals(items)  # (what follows them is not the page's)
    last_text = items[-1].text if items else lines[-1].text
    truncated = not TERMINAL.search(last_text) or bool(SOURCE_LINE.match(last_text))
    drafts = _draft_signals(items, registry, truncated)
    outline = _strip_enumeration(drafts)
    _strip_picked_marks(drafts)
    if (notes_at := _notes_below(drafts)) is not None:
        del drafts[notes_at:]
        flags.append("notes_below")
        truncated = False  # what the end of the file cut off was the notes, not the page
    headline_cut = False
    if truncated and drafts and _is_cut_off_headline(drafts[-1]):
        # A headline cut short by the end of the copy, with nothing after it, is no signal. A
        # line that cannot be one ("View comments", "Sent from Outlook for iOS", a signature's
        # name) after a signal that ends whole is the tool's: the copy is not cut.
        cut = drafts.pop()
        headline_cut = truncated = _may_be_cut_headline(cut.headline) or not _ends_whole(drafts)
    if truncated:
        flags.append("truncated")
    if content.translated_from:
        flags.extend(["translated", "low_confidence"])
    elif any(LOW_CONFIDENCE.match(line.text) for line in lines):
        flags.append("low_confidence")
    if headline_cut:
        flags.append("truncated_headline")
    credits = [n for d in drafts for n in (d.sources or [])]
    story_outlets = StoryOutlets(credits + (header.insight_names or []), registry)
    insights = resolve_all(header.insight_names or [], registry, story_outlets)
    credited_anywhere = set(resolve_all(credits, registry, story_outlets)) | set(insights)
    signals = _finish_signals(drafts, credited_anywhere, truncated, registry, story_outlets)
    if (
        not signals
        and news_at is None
        and (section_at == len(lines) or (signals_at is None and tagline_at == len(lines) - 1))
    ):
        # Only the label, on a list of stories (a section front's card "Semafor Signals",
        # headline, date), or the tagline closing another newsletter ("Semafor Signals: Read
        # our global insights…" under Flagship's items): nothing of a story's own.
        raise NotSignalsPage(
            "not a Signals page: a 'Semafor Signals' label but no 'The News', no 'SIGNALS' "
            "section and no signals (a list of stories, such as a section front?)"
        )
    if not signals:
        flags.append("no_signals")

    title = overrides.title or header.title
    if title and title[:1].isdigit() and (item := _LIST_NUMBER.match(title)):
        title = title[item.end() :]  # a digest's numbered item: "2. Nationalist historian…"
    if outline and title and (numbered := _OUTLINE_TITLE.match(title)) and numbered[1] == outline:
        title = title[numbered.end() :]  # "2. Portugal’s centre-right…" above "2.2.1 Montenegro…"
    elif title and title[:1].isdigit() and (numbered := _OUTLINE_MARK.match(title)):
        if numbered[0].count(".") >= 2:  # "1.2.1 Leftist outsider…" ("2.5 million…" is no outline)
            title = title[numbered.end() :]
    elif title and title[:8] == "Section " and (numbered := _SECTION_MARK.match(title)):
        title = title[numbered.end() :]
    if (
        title
        and not overrides.title
        and (_only_in_note_title(title, text, lines) or _is_title_for_a_brief(title))
    ):
        title = ""  # the copy starts below its headline; the note's title is the metadata's
    if not title:
        # A copy that starts below its headline: keep it, say so, never invent a title (the
        # page's metadata may name it: a clipper's front matter, og:title).
        title = (
            _clean_meta_title(hints.title)
            or _clean_meta_title(content.field_title)
            or header.title
            or ""
        )
        flags.append("untitled")
    summary = _summary(summary_lines)
    # An address pasted with the text counts as if given with --url.
    raw_url = (
        overrides.url
        or _without_tools_address(content.pasted_url)
        or _without_tools_address(hints.url)
        or _later_link(content, header)
    )
    url = _usable_url(raw_url)
    published, updated, date_flags = _dates(header, hints, overrides, url, content)
    flags.extend(date_flags)
    story = Story(
        title=title,
        url=url,
        published=published,
        updated=updated,
        region=header.region,
        category=header.category,
        summary=summary,
        insights_from=insights,
        sponsor=header.sponsor,
        signals=signals,
        flags=flags,
    )
    return PageRead(story, _theme_input(story, drafts))


# Where a copy was kept or read, never where the page was published: a chat assistant's shared
# conversation, a mail or note app's web address (its canonical link in a saved HTML file), a
# news app's or a reading app's link to its item. (A partner that re-publishes the page, such
# as Yahoo News, keeps its own address: the copy is its page.)
_TOOLS_ADDRESS = re.compile(
    r"^(?:https?://)?(?:www\.)?(?:chatgpt\.com|chat\.openai\.com|claude\.ai|gemini\.google\.com"
    r"|(?:[\w-]+\.)?perplexity\.ai|copilot\.microsoft\.com|poe\.com|chat\.mistral\.ai"
    r"|chat\.deepseek\.com|mail\.google\.com|docs\.google\.com|keep\.google\.com"
    r"|outlook\.(?:live|office|office365)\.com|(?:[\w-]+\.)?notion\.(?:so|site)"
    r"|(?:[\w-]+\.)?evernote\.com|web\.whatsapp\.com|web\.telegram\.org|app\.slack\.com"
    r"|teams\.microsoft\.com|messenger\.com|apple\.news|news\.google\.com|flipboard\.com"
    r"|artifact\.news|particle\.news|ground\.news|smartnews\.com|squidapp\.co|feedly\.com"
    r"|(?:[\w-]+\.)?inoreader\.com|getpocket\.com|instapaper\.com|read\.readwise\.io"
    r"|omnivore\.app|share\.sparkmailapp\.com|groups\.google\.com|search\.app)(?:[/:?#]|$)",
    re.I,
)


# A mailing list's or a newsletter's own pages, named at the top of a digest: "To subscribe or
# unsubscribe via the World Wide Web, visit https://…/mailman/listinfo/europe-watch".
_LIST_ADDRESS = re.compile(r"/(?:mailman/listinfo|mailman/options|unsubscribe|email-preferences)\b")


def _without_tools_address(raw: str | None) -> str | None:
    if raw and (_TOOLS_ADDRESS.match(raw.strip()) or _LIST_ADDRESS.search(raw)):
        return None
    return raw


def _usable_url(raw: str | None) -> str | None:
    """The normalized page URL, or None for one that cannot be read (a bad port, broken IPv6):
    a broken address found in a page costs the story its URL, not its place in the store."""
    if not raw:
        return None
    try:
        return normalize_url(raw)
    except ValueError:
        return None


# A saving tool's own name for the file, which no story is called: "Clipped selection – 12 Mar
# 2025", "Untitled", "New Note".
_TOOLS_TITLE = re.compile(
    r"^(?:clipped selection|clipped|clipping|saved page|saved selection|untitled|new note)\b", re.I
)


def _clean_meta_title(title: str | None) -> str | None:
    if not title or _TOOLS_TITLE.match(title) or _is_dateish(title):
        return None
    return _SEMAFOR_SUFFIX.sub("", title).strip() or None


def _later_link(content: Content, header: Header) -> str | None:
    """A Semafor article linked in a chat after the pasted page, if its date fits the page's
    printed time (the same day or up to four days earlier): the page's own address."""
    link = content.later_link
    printed = header.stamp or header.updated_stamp
    day = date_from_url(link) if link else None
    if not day or not printed:
        return link if day else None
    gap = (date.fromisoformat(printed[:10]) - date.fromisoformat(day)).days
    return link if 0 <= gap <= 4 else None


def _dates(
    header: Header, hints: Hints, overrides: Hints, url: str | None, content: Content | None = None
) -> tuple[str | None, str | None, list[str]]:
    """Published date by precedence: option, URL path, metadata, dateline, Updated line."""
    flags: list[str] = []
    updated = header.updated_stamp or hints.updated
    published = overrides.published or date_from_url(url)
    published = published or (content.original_date if content else None)
    if header.stamp_above_label and header.updated_stamp:
        # A digest's or a blog's date above the story, the story's own Updated time below it.
        header = dataclasses.replace(header, stamp=None)
    if not published and header.stamp and not is_semafor_article(url):
        # Kept by another site (a blog, a newsletter): its metadata dates the re-post; the
        # time printed in the story's own header dates the story.
        published = header.stamp[:10]
    published = published or hints.published
    if not published and header.stamp:  # a page printing both times: the first is its date
        published = header.stamp[:10]
    if not published and header.updated_stamp:
        published = header.updated_stamp[:10]
        flags.append("date_from_updated")
    copy_date = content.copy_date if content else None
    if not published and copy_date and iso_date(copy_date):
        published = iso_date(copy_date)
        flags.append("date_from_copy")
    footer_stamp = content.footer_stamp if content else None
    if not published and footer_stamp:
        published = footer_stamp[:10]
        flags.append("date_from_footer")
    if not published:
        flags.append("no_date")
    return published, updated, flags


def story_key(story: Story) -> str:
    """The identity of a story across revisions: its normalized URL path, else title and date."""
    if story.url:
        return story.url
    if not story.title:
        # No URL and no title: the text itself is the identity.
        text = story.summary + "".join(s.headline + s.body for s in story.signals)
        return f"untitled:{hashlib.sha256(text.encode()).hexdigest()[:16]}|{story.published or ''}"
    return f"untitled-url:{name_key(clean_name(story.title))}|{story.published or ''}"
