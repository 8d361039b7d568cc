"""Copies that hold the page in another form than the text a browser shows: a translation
extension's bilingual page, a screen reader's log, a Kindle's clippings file, a news database's
export. Each is turned back
into the page's text before its lines are read; every other copy passes through unchanged, after
a few cheap checks.
"""

from __future__ import annotations

import re

import simplemma

from signals_data.translated import LANGUAGES


def as_page_text(text: str) -> str:
    """The page's text, from a copy in one of the forms below; any other copy as it is."""
    head = text[:BILINGUAL_HEAD_CHARS]  # where a bilingual page's label and News stand
    if any(word in head for word in _TRANSLATED_ANCHOR_WORDS):
        text = without_translations(text)
    if "landmark" in text and _SPOKEN_ROLE.search(text):
        text = without_spoken_roles(text)
    if "- Your Highlight " in text and _CLIPPING_HEAD.search(text):
        text = kindle_highlights(text)
    if "HD\t" in text and "\nPD\t" in text:
        text = factiva_document(text)
    if "icon]" in text or "Logo]" in text or "globe]" in text:
        text = _BRACKETED_ICON.sub("", text)
    if "** " in text:
        text = _STARRED_HEADING.sub(lambda found: found["heading"] or found["heading2"], text)
    if "Semafor Signals" in text[:6000] and len(_CJK.findall(text[:6000])) > 40:
        text = without_cjk_translations(text)
    if "\nRepost\n" in text:
        text = _THREADS_POST_SEAM.sub("", text)
    if (
        (")\n" in text or ") \n" in text)
        and _PART_MARK_ALONE.search(text)
        and len(_PART_MARK.findall(text)) >= 3
    ):
        text = numbered_thread(text)
    if ("] [" in text or "\t" in text) and len(_ASIAN_CHAT_MESSAGE.findall(text[:5000])) >= 2:
        text = _ASIAN_CHAT_MESSAGE.sub(_chat_header_line, text)
    return text


# A message of KakaoTalk's PC export ("[박민지] [오전 9:04] text") or LINE's ("14:00<TAB>
# 森 健太<TAB>text"): its sender and time, on a line of their own as other chats print them
# ("[9:04 AM] 박민지"), so the page pasted in a message starts on its own line and the next
# message ends it.
_ASIAN_CHAT_MESSAGE = re.compile(
    r"^(?:\[(?P<name>[^\[\]\n]{1,30})\] \[(?P<half>오전|오후|AM|PM) (?P<time>\d{1,2}:\d\d)\] "
    r"|(?P<clock>\d{1,2}:\d\d)\t(?P<sender>[^\t\n]{1,30})\t)",
    re.M,
)


def _chat_header_line(found: re.Match[str]) -> str:
    if found["clock"]:
        return f"[{found['clock']}] {found['sender']}\n"
    half = "AM" if found["half"] in ("오전", "AM") else "PM"
    return f"[{found['time']} {half}] {found['name']}\n"


# Chinese, Japanese and Korean characters: a translation extension's lines (Immersive Translate)
# put under each English one.
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uff00-\uffef]")
_LATIN_LETTER = re.compile(r"[A-Za-z]")
CJK_LINES_MIN = 5


def without_cjk_translations(text: str) -> str:
    """An English page with a Chinese, Japanese or Korean translation under each line, without
    the translations: every line mostly of those characters that follows an English one."""
    lines = text.split("\n")
    drop = set()
    english_above = False
    for at, line in enumerate(lines):
        if not line.strip():
            continue
        cjk, latin = len(_CJK.findall(line)), len(_LATIN_LETTER.findall(line))
        # (The label translated: "Semafor 信号".)
        translated_label = line[:8] == "Semafor " and cjk and not _LATIN_LETTER.search(line[8:])
        own_credit = line.lstrip()[:6] == "Source"  # a Source line's names may be in CJK
        if english_above and not own_credit and (cjk > latin or translated_label):
            drop.add(at)
        english_above = latin > cjk
    if len(drop) < CJK_LINES_MIN:
        return text
    return "\n".join(line for at, line in enumerate(lines) if at not in drop)


# A page posted over a numbered thread (Mastodon, X): each post ends "… (4/7)", and the next
# opens with its author's name and handle under the last one's time and counts.
_PART_MARK = re.compile(r"(?<=\S)[ \t]+\((\d{1,2})/(\d{1,2})\)[ \t]*$", re.M)
# The mark alone: led by a literal bracket, so a page without one is passed over at once, where
# the whole mark's pattern is tried at every space of the page (a fiftieth of a page's parse).
_PART_MARK_ALONE = re.compile(r"\(\d{1,2}/\d{1,2}\)")
_POST_HANDLE = re.compile(r"^@[\w.]+(?:@[\w-]+(?:\.[\w-]+)+)?$")
# The time and counts under a post: "Jul 31, 2023, 08:16 · Web · 29 · 18".
_POST_STAMP = re.compile(r"^[^·\n]*?\d[^·\n]* · [^\n]*$")


def numbered_thread(text: str) -> str:
    """The posts of a numbered thread joined, without each one's author, handle, time, counts and
    "(k/n)" mark. Any other text as it is."""
    marks = list(_PART_MARK.finditer(text))
    counts = {int(found[2]) for found in marks}
    parts = [int(found[1]) for found in marks]
    steps = zip(parts, parts[1:], strict=False)
    rising = parts[0] == 1 and all(later > earlier for earlier, later in steps)
    if len(counts) != 1 or not rising or parts[-1] > counts.pop():
        return text  # numbers in brackets that are no thread's parts (1, 2, 3, … of n)
    posts, start = [], 0
    for found in marks:
        lines = text[start : found.start()].split("\n")
        if posts:  # the first post keeps what stands above it: the page's furniture
            lines = _without_post_header(lines)
        posts.append("\n".join(lines))
        start = found.end()
    # What follows the last part is read as it is: replies end the page by their authors' names.
    return "\n\n".join([*posts, text[start:]])


def _without_post_header(lines: list[str]) -> list[str]:
    """A post's lines below the last one's mark: from the first that is neither the last post's
    time and tags nor this one's author and handle."""
    at = 0
    while at < len(lines):
        line = lines[at].strip()
        handle_next = at + 1 < len(lines) and _POST_HANDLE.match(lines[at + 1].strip())
        if line and not (
            line[0] == "#" or handle_next or _POST_HANDLE.match(line) or _POST_STAMP.match(line)
        ):
            break
        at += 1
    return lines[at:]


# A page posted over a chain of replies on Threads: each post ends with its buttons and their
# counts, the next opens with its author, its date and "More". Taken out, the posts read as the
# page they split.
_COUNT_LINE = r"[\d.,]+[KkMm]?\n"
_THREADS_POST_SEAM = re.compile(
    rf"^Like\n{_COUNT_LINE}Comment\n{_COUNT_LINE}Repost\n{_COUNT_LINE}Share\n{_COUNT_LINE}"
    r"(?:\n*[\w.]{1,40}\n\d\d/\d\d/\d\d\nMore\n)?",
    re.M,
)


# html2text's headings in plain text: "****** Argentina elects Milei ******", "***** NEWS *****";
# and a newsletter platform's (Mailchimp's plain-text part): "** The News", over a dashed rule or
# alone.
_STARRED_HEADING = re.compile(
    r"^\*{2,6} (?P<heading>\S[^\n]*?) \*{2,6}$"
    r"|^\*\* (?P<heading2>\S[^\n*]*)$(?:\n-{20,}$)?",
    re.M,
)


# A text browser's dump (w3m, lynx) shows each image as its alt text in brackets, the page's
# icons too: "[Source icon]" on a line above a Source line, "[icon] SIGNALS", "… Herald [Arrow
# Down]". Without the brackets, the page's lines are as a browser's copy gives them.
# (A mail client's plain text writes an image so too: "[image: Source icon]".)
_BRACKETED_ICON = re.compile(
    r"\[(?:image: ?)?(?:source icon|title icon|icon|arrow down|arrow up|semafor logo"
    r"|rotating globe)\] ?",
    re.I,
)


# A news database's full-text export (Factiva's): each field on lines of its own behind a code
# and a tab ("HD\tHeadline", "PD\t27 July 2023", "LP\t" and "TD\t" the text's two parts), the
# database's own fields (word count, codes, subjects, the search) around them.
_FACTIVA_FIELD = re.compile(r"^(?P<code>[A-Z]{2,3})\t(?P<value>.*)$")
_FACTIVA_TEXT = {"HD", "PD", "LP", "TD"}  # the headline, the date, the text


def factiva_document(text: str) -> str:
    """The headline, date and text of the first document of the export that holds a Signals
    page, in that order, without the database's fields; the text as it is if none does."""
    documents: list[list[str]] = []
    field = None
    for line in text.split("\n"):
        if found := _FACTIVA_FIELD.match(line):
            field = found["code"]
            if field == "HD":
                documents.append([])
            if field in _FACTIVA_TEXT and documents:
                documents[-1].append(found["value"])
        elif field in ("LP", "TD") and documents:
            documents[-1].append(line)
    for lines in documents:
        if any("SIGNALS" in line or "Semafor Signals" in line for line in lines):
            return "\n".join(lines)
    return text


# A translation extension's bilingual page (Immersive Translate): each line followed by its
# translation, the page's own headings too ("Semafor Signals" / "Señales de Semafor",
# "SIGNALS SINAIS"). Those headings tell the language.
# (The languages' label, Signals and News headings are those a machine translation of the
# whole page is read by: see ``translated``.)
_TRANSLATED_ANCHORS = {
    language: (*words.label, *words.signals, *words.news)
    for language, words in LANGUAGES.items()
    if language in ("es", "pt", "fr", "de", "it")
}
# (Looked for on every page, in its first few thousand characters: none of them is in an
# English page's words.)
BILINGUAL_HEAD_CHARS = 4000
_TRANSLATED_ANCHOR_WORDS = (
    "eñales", "EÑALES", "inais", "INAIS", "ignaux", "IGNAUX", "Signale", "SIGNALE", "egnali",
    "EGNALI",
)  # fmt: skip
_ANCHOR_AND_NEXT = re.compile(
    r"^[ \t]*(?P<anchor>Semafor Signals|SIGNALS|The News)(?:[ \t]+|[ \t]*(?:\r?\n[ \t]*){1,2})"
    r"(?P<next>[^\n]{1,40}?)[ \t]*\r?$",
    re.M,
)


def _bilingual_language(text: str) -> str | None:
    """The language of a bilingual page's translations, from its headings; None if it is not
    one."""
    for found in _ANCHOR_AND_NEXT.finditer(text):
        following = _anchor_key(found["next"])
        for language, anchors in _TRANSLATED_ANCHORS.items():
            if following in anchors:
                return language
    return None


def _anchor_key(text: str) -> str:
    return text.strip().lower().replace("’", "'")


def without_translations(text: str) -> str:
    """A bilingual page without its translations: the headings' translations cut, and every
    line more of that language than of English dropped (names and numbers, in both, stay)."""
    language = _bilingual_language(text)
    if language is None:
        return text
    anchors = _TRANSLATED_ANCHORS[language]
    kept = []
    for line in text.split("\n"):
        bare = line.strip()
        if (heading := _ANCHOR_AND_NEXT.match(bare)) and _anchor_key(heading["next"]) in anchors:
            kept.append(heading["anchor"])  # "SIGNALS SINAIS", one HTML element
        elif _anchor_key(bare) in anchors:
            continue
        elif len(bare.split()) < 2 or simplemma.in_target_language(
            bare, lang=language
        ) <= simplemma.in_target_language(bare, lang="en"):
            kept.append(line)
    return "\n".join(kept)


# A screen reader's log of the page (NVDA's speech viewer): each element's role before its
# text, set apart by a wide gap ("heading    level 1    Kenya's tea prices…", "link    Nation",
# "graphic    Title icon"), and lines for the page's regions ("main landmark", "out of list").
_SPOKEN_ROLE = re.compile(
    r"^(?:heading {2,}level {1,2}\d|(?:visited )?link|graphic|button|clickable|edit|combo box"
    r"|check box|tab|menu item)(?: {2,}(?:collapsed|expanded|not checked|checked))? {2,}",
    re.M,
)
# NVDA's Speech Viewer says the role after the name: "Arrow Down  graphic", "BXL  link".
_SPOKEN_SUFFIX = re.compile(r"(?: {2,}(?:graphic|(?:visited )?link|button|clickable))+$")
_SPOKEN_REGION = re.compile(
    r"^(?:(?:out of )?[\w ]{0,20}landmark|list {1,4}with \d+ items?|out of list|scroll|document)$"
)


# A Kindle's "My Clippings" file: each highlight under "==========", the document's title and
# "- Your Highlight on page 1 | Location 15-21 | Added on Friday, 23 May 2025 07:14:02".
_CLIPPING_HEAD = re.compile(
    r"^={10}\n(?P<title>[^\n]*)\n- Your (?P<kind>Highlight|Bookmark|Note) on [^\n]*?"
    r"Location (?P<start>\d+)(?:-(?P<end>\d+))?[^\n]*\n",
    re.M,
)


def kindle_highlights(text: str) -> str:
    """The highlights of a Kindle's clippings file, in order, one after the other: those of the
    document most highlighted (a file holds every book's), without bookmarks and notes, and
    without a highlight another one holds whole (a shorter first try at the same passage)."""
    heads = list(_CLIPPING_HEAD.finditer(text))
    clips = []
    for head, after in zip(heads, [*heads[1:], None], strict=True):
        if head["kind"] == "Highlight":
            end = int(head["end"] or head["start"])
            body = text[head.end() : after.start() if after else len(text)].strip("\n")
            body = body.removesuffix("=" * 10).rstrip("\n")  # (the file's last separator)
            clips.append((head["title"].strip(), int(head["start"]), end, body))
    if not clips:
        return text
    titles = [clip[0] for clip in clips]
    document = max(set(titles), key=titles.count)
    kept = [clip for clip in clips if clip[0] == document]
    whole = [
        clip
        for clip in kept
        if not any(
            o is not clip
            and o[1] <= clip[1]
            and clip[2] <= o[2]
            and (o[1], o[2]) != (clip[1], clip[2])
            for o in kept
        )
    ]
    bodies = [clip[3] for clip in whole]
    news = next((i for i, body in enumerate(bodies) if body.startswith("The News")), None)
    if news is not None and news + 1 < len(bodies) and "SIGNALS" not in text:
        # The signals were highlighted without the SIGNALS header above them.
        bodies.insert(news + 1, "SIGNALS")
    elif news is None and "SIGNALS" not in text:
        # Nor The News's heading: the first signal is the first highlight that credits its
        # sources inside it, its headline, Source line and body run together ("The yen
        # weakened anyway Source: Nikkei Asia The yen slid…").
        first = next((i for i, body in enumerate(bodies) if _CREDIT_INSIDE.search(body)), None)
        if first is not None:
            bodies.insert(first, "SIGNALS")
    if document.endswith(_BY_SEMAFOR):
        # "Title (Author)": the page sent to the device is titled by its headline.
        bodies.insert(0, document.removesuffix(_BY_SEMAFOR))
    return "\n".join(bodies)


_BY_SEMAFOR = " (Semafor)"
_CREDIT_INSIDE = re.compile(r"\w \s*Sources?:\s+[A-Z]")


def without_spoken_roles(text: str) -> str:
    """A screen reader's log as the page's text: roles cut, region lines dropped, and the links
    read one a line under "Sources:" put back on its line."""
    kept: list[str] = []
    crediting = False  # the last line kept is a Source line the links below belong to
    for raw in text.split("\n"):
        line = _SPOKEN_SUFFIX.sub("", _SPOKEN_ROLE.sub("", raw.strip()))
        if _SPOKEN_REGION.match(line):
            continue
        if crediting and line and raw.lstrip().startswith("link "):
            kept[-1] += (" " if kept[-1].endswith(":") else ", ") + line
            continue
        crediting = bool(_SOURCE_LABEL_ALONE.match(line))
        kept.append(line)
    return "\n".join(kept)


_SOURCE_LABEL_ALONE = re.compile(r"^Sources?\s*:$")


# An outliner's copy (Logseq, Roam, Workflowy): every line of the page a block, "- " behind tabs
# or spaces, a signal's Source line and body nested under its headline, the analyst's own blocks
# among them (a note nested under a body, a to-do, a reference to another block) and the
# outliner's attributes ("url:: …", "Source:: [[Semafor]]") around the page.
_BLOCK = re.compile(r"^(?P<indent>[ \t]*)- (?P<text>\S.*)$")
_BLOCK_SOURCE = re.compile(r"^[ \t]*- Sources?:(?!:)")  # a signal's Source line, as a block
_ATTRIBUTE = re.compile(r"^(?P<key>[^\W\d_][\w -]{0,30}?):: ?(?P<value>.*)$")
_OWN_BLOCK = re.compile(r"^(?:\{\{\[\[(?:TODO|DONE)\]\]\}\}|(?:TODO|DONE|LATER|NOW) |\(\()")
_ARTICLE_ADDRESS = re.compile(r"https?://(?:www\.)?semafor\.com/article/[^\s)\]>]+")
OUTLINER_MIN_BLOCKS = 10


def is_outliner_copy(text: str) -> bool:
    """Whether most lines are an outliner's blocks, a signal's Source line among them."""
    if "- Source" not in text:
        return False
    lines = [line for line in text.split("\n") if line.strip()]
    blocks = sum(1 for line in lines if _BLOCK.match(line))
    return (
        blocks >= OUTLINER_MIN_BLOCKS
        and blocks >= 0.6 * len(lines)
        and any(_BLOCK_SOURCE.match(line) for line in lines)
    )


def outliner_page(text: str) -> str:
    """The page's lines from an outliner's copy, without the bullets and the indentation, the
    outliner's attributes (an address of the page among them kept as "URL: …") and the analyst's
    own blocks: those nested deeper than a signal's Source line (a note under its body), to-dos
    and block references."""
    kept: list[str] = []
    below_source: int | None = None  # the depth of the last Source line's block
    skipping = False  # in an analyst's block (its next lines too)
    for line in text.split("\n"):
        block = _BLOCK.match(line)
        if not block:
            if not skipping:
                kept.append(line.strip())  # a block's next line
            continue
        depth, line = len(block["indent"].expandtabs(4)), block["text"]
        if below_source is not None and depth < below_source:
            below_source = None  # back at the page's own level: the next signal's headline
        skipping = (below_source is not None and depth > below_source) or bool(
            _OWN_BLOCK.match(line)
        )
        if skipping:
            continue  # a note under a signal's text, a to-do, a reference to another block
        if attribute := _ATTRIBUTE.match(line):  # "Source:: [[Semafor]]" included
            if address := _ARTICLE_ADDRESS.search(attribute["value"]):
                kept.append(f"URL: {address[0]}")
            continue
        if line.startswith(("Source:", "Sources:")):
            below_source = depth
        kept.append(line)
    return "\n".join(kept)
