"""Pages read aloud and transcribed (a voice memo, a read-aloud app, a meeting's transcript,
subtitles, dictation): the page's lines written back as the page prints them. Every other copy
passes through unchanged.

A transcript holds the page's words as sentences: the label, headline, date and insights run
together ("Updated June 5th, 2024, 6:10 a.m. EDT. Semaphore signals. Insights from …"), the
headings said ("The news.", "Okay, signals."), each Source line a sentence ("Sources, Reuters,
Punch."), among the recorder's own lines (timestamps, speakers, cue numbers, a header and a
footer) and the people in the room (an intro, a question, "Next one.", "That's it."). Dictation
leaves its spoken punctuation and commands as words ("comma", "Sources colon", "new
paragraph"). The reader finds the page's marks among the sentences, keeps what the page says
between them and prints each part on a line of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

# -- Telling a transcript from a copy (every page passes here: cheap first) ------------------

# Where a page names itself: a copy prints the label near the top, a transcript says it early
# (a recorder's or a meeting's header may come first, and an intro that names the page); a
# recording started below the label, from its first cue or time, reaches "Signals." later.
_LABEL_WITHIN = 800
_MENTIONS_WITHIN = 3_000
_MENTIONS_READ = 6
_TRANSCRIPT_STARTS = ("WEBVTT", "Speaker", "[0", "[1", "(0", *"0123456789")
# Below a label printed on a line of its own, the date as dictation writes it ("Updated May 22,
# 2025 2:48 AM EDT"; a copy prints "2:48am EDT"), under the headline. (A literal pattern: its
# search is quicker than str.find with a short needle in a text of wide characters.)
_DICTATED_CLOCK = re.compile("M E")
_DICTATED_DATE_WITHIN = 200
# Where a transcript shows what it is: its own lines, its headings said, dictation's words.
_EVIDENCE_WITHIN = 3_000


def from_transcript(text: str) -> str:
    """The page text of a spoken page's transcript; any other text as it is."""
    if text[:1] == "<":
        return text  # (markup: a page's source, never what a recorder writes)
    at = text.find("ignals", 1, _LABEL_WITHIN)
    if at < 0:
        if not text.startswith(_TRANSCRIPT_STARTS):
            return text
        at = text.find("ignals", _LABEL_WITHIN - 6, _MENTIONS_WITHIN)
        if at < 0:
            return text
    after = text[at + 6 : at + 7]
    if after == "\n" and text[at - 1] == "S":
        # The label printed on a line of its own (most copies), unless the date under it was
        # dictated.
        if not _DICTATED_CLOCK.search(text, at, at + _DICTATED_DATE_WITHIN):
            return text
    elif after == ":" or not _may_be_spoken(text, at):
        return text  # (":": the tagline, "Semafor Signals: Global insights…")
    if not _is_spoken(text[:_EVIDENCE_WITHIN]):
        return text
    return _page_text(text) or text


def _may_be_spoken(text: str, at: int) -> bool:
    """Whether the page's name, first found at ``at``, is said rather than printed: with a stop
    or a pause ("Semafor Signals.", "Semaphore signals, the Korea one"), after mentions read past
    ("the Semafor signals page on …", a file's or a link's name, a note's tag); dictation may
    write the label in small letters."""
    for _ in range(_MENTIONS_READ):
        if at < 0:
            return False
        after = text[at + 6 : at + 8]
        if after[:1] in ".,":
            return not after[1:].isalnum()  # (not an address: "…/icons/signals.svg")
        if after[:1] in ("\n", "\r", ""):
            if text[at - 9 : at - 2].endswith(("emafor", "emaphore")):
                return text[at - 1] == "s"
        elif after[:1] not in " _-":
            return False  # (formatting around a printed name: "**Semafor Signals**")
        at = text.find("ignals", at + 6, _MENTIONS_WITHIN)
    return False


# A transcript's own lines: cue timings, a WebVTT header, numbered speakers.
_TRANSCRIPT_CUES = ("-->", "WEBVTT", "\nSpeaker ")
# The page's headings said: "The news." or "Signals." as a sentence of its own (a copy prints
# them on a line without a stop), after the words that lead into them ("Okay, signals.") or a
# time ("[00:00:30] Signals.").
_HEADINGS_SAID = ("ews.", "ignals.")
_BEFORE_HEADING = re.compile(
    r"(?:^|[.!?:>\])]\s+|\n|\d\s+)(?:(?:okay|ok|so|and|then|now)[, ]+)*(?:the )?\Z", re.I
)
# Dictation's words for punctuation and its commands, left in the text.
_DICTATION_CUES = ("comma", "colon", "new line", "new paragraph")
_DICTATION_WORDS = re.compile(
    r"\b[Ss]ources? colon\b|\w comma \w|\bnew (?:line|paragraph)(?:$| [A-Z])", re.M
)


def _is_spoken(head: str) -> bool:
    """Whether the text is a transcript or dictation: its own lines, its headings said or the
    dictation's words, and no heading printed."""
    if _prints_heading(head):
        return False
    if any(cue in head for cue in _TRANSCRIPT_CUES) or _says_heading(head):
        return True
    return any(cue in head for cue in _DICTATION_CUES) and bool(_DICTATION_WORDS.search(head))


def _prints_heading(head: str) -> bool:
    """Whether the SIGNALS heading is printed: in capitals on a line of its own. Dictation
    writes no capitals; a page with it is a copy, whatever notes were dictated around it."""
    at = head.find("SIGNALS")
    while at >= 0:
        start = head.rfind("\n", 0, at) + 1
        end = head.find("\n", at)
        if head[start : end if end >= 0 else len(head)].strip("#* \r\t") == "SIGNALS":
            return True
        at = head.find("SIGNALS", at + 7)
    return False


def _says_heading(head: str) -> bool:
    """Whether "The news." or "Signals." is said as a sentence, followed by a pause or more."""
    for said in _HEADINGS_SAID:
        at = head.find(said, 1)
        while at > 0:
            end = at + len(said)
            if (
                head[at - 1] in "NnSs"
                and (end == len(head) or head[end].isspace())
                and _BEFORE_HEADING.search(head, max(0, at - 31), at - 1)
            ):
                return True
            at = head.find(said, end)
    return False


def _page_text(text: str) -> str | None:
    """The page's lines out of the transcript, or None when it reads no Signals page."""
    preamble, spoken = _preamble(text)
    page = _read_page(_sentences(_reader_segments(_segments(spoken))))
    if page is None:
        return None
    return "\n\n".join([*preamble, *page]) + "\n"


# A YAML header on top of a note: the note's own, kept as it is (its title and address).
_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\n(?:.*\n){0,40}?---[ \t]*(?:\n|\Z)")
# The page's address written with the transcript (a bare link, "URL: …", "Original: …").
_PAGE_ADDRESS = re.compile(r"https?://(?:www\.)?semafor\.com/\S+", re.I)
_ADDRESS_LINES = 40


def _preamble(text: str) -> tuple[list[str], str]:
    """A note's front matter and the line with the page's address, kept on top; the rest, to
    read."""
    kept: list[str] = []
    if front := _FRONT_MATTER.match(text):
        kept.append(front[0].strip("\ufeff\n"))
        text = text[front.end() :]
    for line in text.splitlines()[:_ADDRESS_LINES]:
        if _PAGE_ADDRESS.search(line):
            kept.append(line.strip())
            break
    return kept, text


# -- The transcript cut where a voice stops ----------------------------------------------------


@dataclass
class _Segment:
    """What one voice said in one go: a cue, a turn, a line or paragraph of a text without
    turns. An empty segment stands for someone else's turn."""

    text: str
    speaker: str | None


_CLOCK = r"\d{1,2}(?::\d\d){1,2}(?:[.,]\d{1,3})?"
# A subtitle cue's timing ("00:00:03,120 --> 00:00:07,900", WebVTT's with its settings), and
# its number or id on the line above.
_CUE_TIMING = re.compile(rf"^{_CLOCK}\s+-->\s+{_CLOCK}(?:\s+\S.*)?$")
_CUE_ID = re.compile(r"^(?:\d+|[\w-]+/[\w-]+|[0-9a-f-]{20,})$")
# A time alone on a line: a recorder's mark ("00:07", "[00:01:12]"), a clock ("10:42 AM").
_TIMESTAMP = re.compile(rf"^(?:[\[(]{_CLOCK}[\])]|{_CLOCK})(?:\s*[AP]M)?$", re.I)
# A time before the words on a line: "[00:01:12] …", "00:07 …", "(00:07) …", whisper's
# "[00:00.000 --> 00:03.280]  …"; not the page's own time cut off its date ("10:15 p.m.").
_LEADING_TIMESTAMP = re.compile(
    rf"^(?:[-*•]\s+)?(?:\[{_CLOCK}(?:\s*-->\s*{_CLOCK})?\]|\({_CLOCK}\)|{_CLOCK}(?:\s+[-–—])?)\s+"
    r"(?=\S)(?![ap]\.?m\b|[AP]M\b)"
)
_NAME = r"[A-Z][\w.'’-]*(?: [A-Z0-9][\w.'’-]*){0,3}"
# A speaker's turn on a line of its own, with or without its time: "Speaker 1", "Speaker 1
# 00:01" (Otter), "Speaker 1 (00:00:07):" (Rev), "[Tom Becker] 09:30:41" (Zoom), "**Ravi
# Menon** (00:04)" (Fireflies), "Jonas Berg  0:00" (Otter, Teams), "00:00:00 Speaker 1",
# "Otter:".
_TURN = re.compile(
    r"^(?:(?P<numbered>(?:Speaker|SPEAKER|Participant) ?[A-Z0-9]{1,2}|Unknown Speaker)"
    r"(?:\s+[\[(]?\d{1,2}(?::\d\d){1,2}[\])]?)?:?"
    r"|\[(?P<bracketed>[^\]\d][^\]]{0,40})\]\s+\d{1,2}(?::\d\d){1,2}"
    r"|\*\*(?P<bold>[^*]{1,40})\*\*\s*[\[(]?\d{1,2}(?::\d\d){1,2}[\])]?"
    rf"|(?P<timed>{_NAME})(?: {{2,}}| ?[\[(]| · )\d{{1,2}}(?::\d\d){{1,2}}[\])]?:?"
    rf"|\d{{1,2}}(?::\d\d){{1,2}}\s+(?![AP]\.?M\b)(?P<after_time>{_NAME})"
    rf"|(?P<labelled>{_NAME}):)$"
)
# A turn's speaker before the words: "Marco Ruiz: …" (Meet), "**Host A:** …", "Speaker 1: …".
_NAMED_WORDS = re.compile(
    rf"^(?:\*\*)?(?P<name>{_NAME})(?:\*\*)?(?:\s*[\[(]\d{{1,2}}(?::\d\d){{1,2}}[\])])?\s*:"
    r"(?:\*\*)?\s+(?=\S)"
)
_VOICE = re.compile(r"^<v(?:\.[\w.-]+)?\s+(?P<name>[^>]+)>")
_CUE_TAG = re.compile(r"</?(?:v|c|i|b|u|lang)\b[^>]*>")
# Names before a colon that are the page's fields or a note's, never a speaker's.
_FIELD_NAMES = re.compile(
    r"^(?:sources?|insights?(?: from)?|updated|supported by|title|url|source url|date|duration"
    r"|participants|attendees|meeting link|note|notes|tags|keywords|published(?: time)?"
    r"|markdown content|original|voice|summary|overview|transcript|link|speakers|signals|news"
    r"|the news|semafor signals|headline|caption|photo)$",
    re.I,
)
# An audio file embedded in a note (Obsidian's "![[Recording 2025….webm]]"), an image link.
_EMBED = re.compile(r"^!\[\[[^\]]*\]\]$|^!\[[^\]]*\]\([^)]*\)$")
_QUOTE_MARK = re.compile(r"^(?:>\s?)+(?:\[![a-z]+\]\s*)?")
_HEADING_MARK = re.compile(r"^#{1,6}\s+")
# The tool's own lines around the transcript ("Transcribed by https://otter.ai", "This
# transcript was exported on …", "Transcription ended after 00:06:12").
_TOOL_LINE = re.compile(
    r"^(?:transcri(?:bed|pt|ption)\b|this (?:editable )?transcript\b|\S*\botter\.ai\b"
    r"|(?-i:NOTE)\b)",
    re.I,
)
_SPEAKER_LINES_MIN = 2  # a name before a colon on one line is a field; on two, a speaker


def _segments(text: str) -> list[_Segment]:
    """The transcript cut where a voice stops: at each cue, turn, timestamp, blank line and line
    (a cue's lines are one: subtitles wrap them), the recorder's own lines left out."""
    named = _speaker_names(text)
    segments: list[_Segment] = []
    speaker: str | None = None
    cue: list[str] | None = None  # (the lines of the subtitle cue being read)

    def close(lines: list[str] | None) -> None:
        joined = " ".join(lines or []).strip()
        if joined:
            segments.append(_Segment(joined, speaker))

    for raw in text.lstrip("\ufeff").splitlines():
        line = raw.strip()
        if not line or line.startswith("WEBVTT") or _TIMESTAMP.match(line):
            close(cue)
            cue = None
            continue
        if _CUE_TIMING.match(line):
            if cue is None and segments and _CUE_ID.match(segments[-1].text):
                segments.pop()  # (the cue's number or id, read as a line of its own)
            close(cue)
            cue = []
            continue
        if (turn := _TURN.match(line)) and not _FIELD_NAMES.match(turn["labelled"] or ""):
            close(cue)
            cue = None
            speaker = next(name for name in turn.groups() if name).strip()
            continue
        line, said_by = _speaker_before(line, named)
        if said_by is not None:
            close(cue)
            cue = [] if cue is not None else None
            speaker = said_by or speaker
        if _EMBED.match(line) or _TOOL_LINE.match(line):
            close(cue)
            cue = None
            continue
        line = _HEADING_MARK.sub("", _QUOTE_MARK.sub("", line))
        if cue is not None:
            cue.append(line)
        else:
            close([line])
    close(cue)
    return segments


def _speaker_names(text: str) -> set[str]:
    """The names before a colon at the start of two lines or more: the speakers of a transcript
    written "Name: words" (the page's "Source: …" is no speaker)."""
    counts: dict[str, int] = {}
    for line in text.splitlines():
        line = _LEADING_TIMESTAMP.sub("", line.strip())
        if (found := _NAMED_WORDS.match(line)) and not _FIELD_NAMES.match(found["name"]):
            counts[found["name"]] = counts.get(found["name"], 0) + 1
    return {name for name, count in counts.items() if count >= _SPEAKER_LINES_MIN}


def _speaker_before(line: str, named: set[str]) -> tuple[str, str | None]:
    """A line without the time, the speaker's name or the voice tag before its words, and that
    speaker: None when nothing was before them, "" for a time alone (a new turn of the same
    voice)."""
    if voice := _VOICE.match(line):
        return _CUE_TAG.sub("", line[voice.end() :]).strip(), voice["name"].strip()
    line = _CUE_TAG.sub("", line).strip()
    timed = _LEADING_TIMESTAMP.match(line)
    if timed:
        line = line[timed.end() :]
    if (found := _NAMED_WORDS.match(line)) and found["name"] in named:
        return line[found.end() :], found["name"]
    return line, "" if timed else None


def _reader_segments(segments: list[_Segment]) -> list[_Segment]:
    """The segments of the voices that read the page, with a gap where another voice spoke
    (what follows may answer it), what was said in one breath joined (a cue cut mid-sentence)
    and dictation's commands and spoken punctuation applied."""
    readers = _readers(segments)
    wrapped = _cut_mid_sentence(segments)
    kept: list[_Segment] = []
    last_voice: str | None = None
    for segment in segments:
        turned = None not in (last_voice, segment.speaker) and segment.speaker != last_voice
        last_voice = segment.speaker or last_voice
        if segment.speaker not in readers or turned:
            if kept and kept[-1].text:
                kept.append(_Segment("", segment.speaker))  # (someone else's turn)
            if segment.speaker not in readers:
                continue
        for part in _NEW_PARAGRAPH.split(segment.text):
            part = _with_punctuation(part.strip())
            if not part:
                continue
            if kept and kept[-1].text and _runs_on(kept[-1].text, part, wrapped):
                kept[-1].text += " " + part
            else:
                kept.append(_Segment(part, segment.speaker))
    return kept


def _readers(segments: list[_Segment]) -> set[str | None]:
    """Who reads the page: whoever says one of its headings or a Source line (two people may
    share the reading), or else who says the most; and any line said by no one named."""
    readers: set[str | None] = {None}
    for segment in segments:
        if segment.speaker not in readers and any(
            _kind(sentence) in _READ_MARKS for sentence in _split_sentences(segment.text)
        ):
            readers.add(segment.speaker)
    if len(readers) == 1:
        said: dict[str | None, int] = {}
        for segment in segments:
            said[segment.speaker] = said.get(segment.speaker, 0) + len(segment.text)
        readers.add(max(said, key=lambda name: said[name]) if said else None)
    return readers


# Dictation's commands and spoken punctuation.
_NEW_PARAGRAPH = re.compile(r"\s*\bnew (?:line|paragraph)(?:\s+|$)(?=[A-Z]|$)", re.I)
_STOP_DICTATION = re.compile(
    r"(?:^|(?<=[.!?])\s+)(?:ok(?:ay)?,?\s+)?stop (?:dictation|listening|recording)\b[.!]?\s*$",
    re.I,
)
# The marks said as words: between words, or ending a text that has no stop of its own (a
# transcriber that writes stops writes "period" only as the word).
_SPOKEN_MARKS = (
    ("comma", re.compile(r"(?<=\w) comma(?= \w|$)"), ","),
    ("colon", re.compile(r"(?<=\w) colon(?= [A-Z0-9])"), ":"),
    ("period", re.compile(r"(?<=\w) period(?= [A-Z])"), "."),
    ("full stop", re.compile(r"(?<=\w) full stop(?= [A-Z])"), "."),
    ("question mark", re.compile(r"(?<=\w) question mark(?= [A-Z])"), "?"),
    ("exclamation", re.compile(r"(?<=\w) exclamation (?:mark|point)(?= [A-Z])"), "!"),
)
_FINAL_SPOKEN_MARK = re.compile(r"(?<=\w) (?:(period|full stop)|(question mark))$")


def _with_punctuation(text: str) -> str:
    """A dictated text with its punctuation said as words written as marks ("comma")."""
    for word, spoken, mark in _SPOKEN_MARKS:
        if word in text:
            text = spoken.sub(mark, text)
    if "." not in text and (final := _FINAL_SPOKEN_MARK.search(text)):
        text = text[: final.start()] + ("." if final[1] else "?")
    return text


_OPEN_END = re.compile(r"[,;:–—-]$")
_CLOSED_END = re.compile(r"[.!?…\"”’)]$")


def _cut_mid_sentence(segments: list[_Segment]) -> bool:
    """Whether the transcriber cuts its segments anywhere in a sentence (subtitles, whisper's
    lines): a segment without its stop goes on in small letters in the next one. Dictation cuts
    only where a line of the page ends."""
    return any(
        not _CLOSED_END.search(before.text) and after.text[:1].islower()
        for before, after in zip(segments, segments[1:], strict=False)
        if before.speaker == after.speaker
        and _kind(_split_sentences(before.text)[-1]) not in _MARKS
    )


def _names_go_on(cut: str, first: str) -> bool:
    """Whether a Source or insights line cut between two segments goes on in the next one's
    first sentence: a list of names still ("Sources, Center" / "for Strategic and
    International Studies, ChinaTalk.")."""
    joined = f"{cut} {first}"
    if _kind(cut) == "source":
        return _source_line(joined) is not None
    names = _INSIGHTS.match(joined)
    return bool(names) and all(_is_name(n) for n in _LIST_SEPARATOR.split(names["names"]))


def _runs_on(before: str, after: str, wrapped: bool) -> bool:
    """Whether a segment goes on in the next one: a sentence cut between two cues. A line
    dictation left without its stop (a headline, "Source: Kyodo") ends there, unless the
    transcriber cuts anywhere and its names go on ("Sources, The" / "Verge, Politico. The…")."""
    if _CLOSED_END.search(before):
        return False
    cut, first = _split_sentences(before)[-1], _split_sentences(after)[0]
    if _kind(cut) in _MARKS:
        return wrapped and _kind(cut) in ("source", "insights") and _names_go_on(cut, first)
    if _kind(f"{cut} {first}") in _MARKS:
        return True  # (a mark cut in two: "Updated" / "June 4th, 2024, 12:40 p.m. Eastern.")
    if _kind(first) in _MARKS:
        return False
    return bool(_OPEN_END.search(before)) or after[:1].islower() or wrapped


# -- Sentences, and what each is on the page ----------------------------------------------------


@dataclass
class _Sentence:
    """A sentence said, the segment it was said in, and what it is on the page (a mark, the
    page's text, chatter, a gap for someone else's turn, the end of the reading)."""

    text: str
    segment: int
    kind: str = "text"


# Where a sentence ends: its stop, then a capital, a figure or an opening quote; not after an
# initial ("U.S.", "E. coli"), a title ("Mr."), a month ("Jan."), nor after "a.m." before its
# time zone. A heading said with a colon ends there too ("The news: Indonesia will…").
_SENTENCE_BREAK = re.compile(
    r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9$£€¥])"
    r"|(?<=^(?i:news):)\s+|(?<=^(?i:the news):)\s+|(?<=^(?i:signals):)\s+"
)
_NO_BREAK_AFTER = re.compile(
    r"(?:^|[\s.(])(?:[A-Z]|Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Prof|Jr|Sr|Inc|Co"
    r"|Corp|Ltd|vs|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.$"
)
_CLOCK_THEN_ZONE = re.compile(r"\b[ap]\.m\.$")
_ZONE_WORD = re.compile(r"^(?:E[SD]T|ET|Eastern|GMT|UTC|BST|CES?T)\b")


def _sentences(segments: list[_Segment]) -> list[_Sentence]:
    """Each segment's sentences, each with its kind; someone else's turn as a gap, dictation's
    "stop dictation" as the end."""
    sentences: list[_Sentence] = []
    for index, segment in enumerate(segments):
        if not segment.text:
            sentences.append(_Sentence("", index, "gap"))
            continue
        text = segment.text
        if stop := _STOP_DICTATION.search(text):
            text = text[: stop.start()]
        for part in _split_sentences(text):
            sentences.append(_Sentence(part, index, _kind(part)))
        if stop:
            sentences.append(_Sentence("", index, "end"))
    return sentences


def _split_sentences(text: str) -> list[str]:
    """A segment's sentences; the label apart from the headline said after it."""
    parts: list[str] = []
    for piece in _SENTENCE_BREAK.split(text):
        piece = piece.strip()
        if not piece:
            continue
        if (glued := _LABEL_THEN_HEADLINE.match(piece)) and not _TAGLINE.match(piece):
            parts.append(glued["label"] + ".")
            piece = piece[glued.end() :]
        if parts and (
            _NO_BREAK_AFTER.search(parts[-1])
            or (_CLOCK_THEN_ZONE.search(parts[-1]) and _ZONE_WORD.match(piece))
        ):
            parts[-1] += " " + piece
        else:
            parts.append(piece)
    return parts


# The words said around the page's parts that are not the page's ("Okay, and then signals",
# "Yep. Next.", "Sure.", "Here we go.").
_FILLER = (
    r"(?:okay|ok|so|and|then|now|right|all right|alright|yeah|yep|yes|sure|um|uh|well|noted"
    r"|continuing|moving on|next|go on|got it|will do|thanks|thank you|sorry|hang on|hold on"
    r"|one sec(?:ond)?|here we go|here goes|here it is|let's see|let's go|let's start)"
)
_FILLER_LEAD = rf"(?:{_FILLER}[,.!]?\s+)*"
_FILLER_ONLY = re.compile(rf"^(?:{_FILLER}[,.!]?\s*)+$", re.I)
# Counting the signals aloud: "First one.", "Next one.", "And the last one, …"
_ORDINAL = r"(?:and )?(?:the )?(?:first|second|third|fourth|fifth|sixth|next|last|final)(?: one)?"
_ORDINAL_ONLY = re.compile(rf"^{_FILLER_LEAD}{_ORDINAL}[.!]?$", re.I)
_ORDINAL_LEAD = re.compile(rf"^{_FILLER_LEAD}{_ORDINAL},\s+(?=\S)", re.I)
_HEADLINE_LEAD = re.compile(r"^(?:the )?(?:headline|title)(?: is| reads)?[,:]?\s+(?=\S)", re.I)

# The label, as said and as misheard ("Semaphore", "Semifor", "Sema for").
_SEMAFOR = r"[sc][ea]m[aei] ?(?:f|ph)ou?re?"
_LABEL_WORDS = re.compile(rf"\b{_SEMAFOR}\s+signals?\b", re.I)
# The label run into the headline said after it ("Semafor Signals, Chile's copper giant…").
_LABEL_THEN_HEADLINE = re.compile(
    rf"^(?P<label>.{{0,40}}?\b{_SEMAFOR}\s+signals?)[,:.]?\s+(?=[A-Z])", re.I
)
_SPONSOR = re.compile(r"\bsupported by\s+(?P<sponsor>[^.,]{2,40}?)[.!]?$", re.I)
_TAGLINE = re.compile(rf"^{_SEMAFOR}\s+signals\s*[:.,]?\s+global insights\b", re.I)
_HEADING_LEAD = rf"{_FILLER_LEAD}(?:and\s+)?(?:then\s+)?(?:here'?s\s+|now\s+)?(?:the\s+)?"
_NEWS = re.compile(rf"^{_HEADING_LEAD}news(?:\s+section)?[.:!]?$", re.I)
_SIGNALS = re.compile(rf"^{_HEADING_LEAD}signals(?:\s+section)?[.:!]?$", re.I)
# An image's alt text read out by a reading app ("Source icon.", "Arrow down.").
_ALT_TEXT = re.compile(r"^(?:(?:title|source)\s+)?icon\.?$|^arrow down\.?$", re.I)
_INSIGHTS = re.compile(r"^(?:with\s+)?insights\s+from\s*:?\s+(?P<names>.+?)\.?$", re.I)
# A Source line said: "Sources, Reuters, Punch.", "Source: Bloomberg.", "Sources Sermitsiak,
# KNR.", "Source colon Daily Mirror.", "The source is Bloomberg."
_SOURCE = re.compile(
    rf"^{_FILLER_LEAD}(?:the\s+)?(?P<label>sources?)(?:\s+(?:is|are))?"
    r"(?:\s*[:,;]\s*|\s+colon\s+|\s+)(?P<names>\S.*?)\.?$",
    re.I,
)
# A name in a Source line: capitalized (or "elDiario.es", "iNews", an address), maybe after an
# article of its language ("the Korea Herald", "de Volkskrant", "al-Ahram"); a few words.
_DOMAIN = re.compile(r"[\w-]+(?:\.[a-z]{2,})+")  # (a site named by its address: "ncronline.org")
_ARTICLES = {"the", "de", "het", "al", "el", "la", "le", "les", "di", "der", "die"}
_NAME_MAX_WORDS = 7
_LIST_SEPARATOR = re.compile(r"\s*,\s*")
_SOURCE_MAX_CHARS = 160
_SOURCE_MAX_NAMES = 6
# What the reader says when the page is over: "That's it.", "Okay, that's the end of it.",
# "End of signals.", "ok, stop.", and whisper's "Thank you for watching."
_END = re.compile(
    rf"^{_FILLER_LEAD}(?:"
    r"(?:that'?s|that is|this is)\s+(?:(?:it|all|everything|the (?:whole )?(?:page|article|piece))"
    r"(?: done| read| for (?:now|today))?(?:[,;]\s.*)?|the end\b.*|the whole (?:thing|lot))"
    r"|(?:and\s+)?(?:the\s+)?end(?:\s+of\s+(?:the\s+)?(?:signals|page|article|piece|document|it"
    r"|reading|recording))?"
    r"|stop(?:\s+(?:dictation|recording|listening))?"
    r"|thanks?(?: you)? (?:for|so much for) (?:watching|listening)"
    r")[.!]?$",
    re.I,
)
_MARKS = ("signals", "news", "label", "date", "insights", "source", "sponsor")
# The marks only the reader says (whoever asks for the page may name it).
_READ_MARKS = ("signals", "news", "source")


def _kind(sentence: str) -> str:
    """What a sentence is on the page: one of its marks, chatter, the end, or its text."""
    if _SIGNALS.match(sentence):
        return "signals"
    if _NEWS.match(sentence):
        return "news"
    if _TAGLINE.match(sentence):
        return "tagline"
    if _LABEL_WORDS.search(sentence):
        return "label"
    if sentence[:10].lower() == "supported ":
        return "sponsor"
    if _spoken_date(sentence):
        return "date"
    if _INSIGHTS.match(sentence):
        return "insights"
    if _source_line(sentence):
        return "source"
    if _END.match(sentence):
        return "end"
    if _FILLER_ONLY.match(sentence) or _ORDINAL_ONLY.match(sentence) or _ALT_TEXT.match(sentence):
        return "filler"
    return "text"


def _source_line(sentence: str) -> str | None:
    """The Source line as printed ("Sources: Reuters, Punch"), or None for any other
    sentence."""
    found = _SOURCE.match(sentence)
    if not found or len(sentence) > _SOURCE_MAX_CHARS:
        return None
    names = [name.strip() for name in _LIST_SEPARATOR.split(found["names"].strip(" .:"))]
    if len(names) > _SOURCE_MAX_NAMES or not all(_is_name(name) for name in names):
        return None
    return f"{found['label'].capitalize()}: {', '.join(names)}"


def _is_name(entry: str) -> bool:
    """Whether an entry of a Source line said is a name rather than the words of a sentence."""
    words = entry.split()
    if not words or len(words) > _NAME_MAX_WORDS:
        return False
    first = words[0]
    article, _, rest = first.partition("-")
    if first.lower() in _ARTICLES and len(words) > 1:
        first = words[1]
    elif rest and article.lower() in _ARTICLES:
        first = rest
    return (
        first[:1].isupper()
        or first[:1].isdigit()
        or any(c.isupper() for c in first[1:4])
        or bool(_DOMAIN.fullmatch(first))
    )


# -- The date as said ---------------------------------------------------------------------------

_MONTH_NAMES = (
    ("january", "jan"),
    ("february", "feb"),
    ("march", "mar"),
    ("april", "apr"),
    ("may",),
    ("june", "jun"),
    ("july", "jul"),
    ("august", "aug"),
    ("september", "sept", "sep"),
    ("october", "oct"),
    ("november", "nov"),
    ("december", "dec"),
)
_MONTHS = {name: number for number, names in enumerate(_MONTH_NAMES, 1) for name in names}
# "Updated June 5th, 2024, 6:10 a.m. EDT.", "December 12, 2023.", "Updated 5 June 2024 at
# 9.02pm Eastern": a date alone in its sentence.
_SPOKEN_DATE = re.compile(
    r"^(?P<updated>(?:last\s+)?updated[:,]?\s+(?:on\s+)?)?"
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
    r"(?:(?P<month>[a-z]+)\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?"
    r"|(?:the\s+)?(?P<day_first>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month_after>[a-z]+))"
    r",?\s+(?P<year>(?:19|20)\d\d)"
    r"(?:,?\s+(?:at\s+)?(?P<hour>\d{1,2})(?:[:.](?P<minute>\d\d))?\s*"
    r"(?P<half>[ap])?\.?\s?(?:m\.?)?\s*(?P<zone>E[SD]T|ET|Eastern(?: time)?|GMT|UTC)?)?\.?$",
    re.I,
)
_MONTH_SHORT = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_EASTERN = ZoneInfo("America/New_York")


def _spoken_date(sentence: str) -> str | None:
    """A date said alone, as the page prints it ("Updated Jun 5, 2024, 6:10am EDT", "Dec 12,
    2023"); None for any other sentence."""
    found = _SPOKEN_DATE.match(sentence)
    month = found and _MONTHS.get((found["month"] or found["month_after"]).lower())
    if not found or not month:
        return None
    day, year = int(found["day"] or found["day_first"]), int(found["year"])
    try:
        datetime(year, month, day)
    except ValueError:
        return None
    printed = f"{_MONTH_SHORT[month - 1]} {day}, {year}"
    if found["hour"] is not None:
        printed += ", " + _clock(found, year, month, day)
    return ("Updated " if found["updated"] else "") + printed


def _clock(found: re.Match[str], year: int, month: int, day: int) -> str:
    """The time as the page prints it ("6:10am EDT"); an Eastern time said without its zone
    gets the one in force that day."""
    hour, minute = int(found["hour"]), int(found["minute"] or 0)
    half = (found["half"] or "").lower()
    zone = (found["zone"] or "").upper()
    if zone in ("", "ET", "EASTERN", "EASTERN TIME"):
        hour24 = hour % 12 + (12 if half == "p" else 0) if half else hour
        try:
            moment = datetime(year, month, day, min(hour24, 23), min(minute, 59), tzinfo=_EASTERN)
            zone = moment.tzname() or "ET"
        except ValueError:
            zone = "ET"
    return f"{hour}:{minute:02d}{half + 'm' if half else ''} {zone}"


# -- The page out of its sentences ---------------------------------------------------------------

# What a voice says when its turn comes, before the reading goes on: an answer to a question
# ("Four. Four percent."), or a question of its own.
_SHORT_REPLY_WORDS = 6
_SHORT_QUESTION_WORDS = 12
_HEADLINE_MAX_WORDS = 40
_BARE_HEADLINE_MAX_WORDS = 15
_PARAGRAPH_MIN_WORDS = 8  # The News's first sentence, where no "The news" was said
_LEAD_IN_MAX_WORDS = 8  # the reader's own words before the first signal ("There are four.")


def _read_page(sentences: list[_Sentence]) -> list[str] | None:
    """The page's lines: label, headline, date, insights, The News, SIGNALS and each signal;
    None when what was said holds no News part or no signals."""
    news = _news_start(sentences)
    if news is None:
        return None
    header_end, news_at = news
    signals = _signals_start(sentences, news_at)
    if signals is None:
        return None
    signals_end, signals_at = signals
    end = next(
        (i for i in range(signals_at, len(sentences)) if sentences[i].kind == "end"),
        len(sentences),
    )
    news_part = _paragraphs(_without_chatter(sentences[news_at:signals_end]))
    signal_part = _signals(_without_chatter(sentences[signals_at:end]))
    if not signal_part:
        return None
    return [*_header(sentences[:header_end]), "The News", *news_part, "SIGNALS", *signal_part]


def _news_start(sentences: list[_Sentence]) -> tuple[int, int] | None:
    """Where the header ends and The News's text starts: at "The news" said, or else at the
    first sentence of some length after the date (and the insights)."""
    for at, sentence in enumerate(sentences):
        if sentence.kind == "news":
            return at, at + 1
    limit = next(
        (at for at, s in enumerate(sentences) if s.kind in ("signals", "source")), len(sentences)
    )
    dates = [at for at in range(limit) if sentences[at].kind == "date"]
    for at in range(dates[-1] + 1 if dates else limit, limit):
        sentence = sentences[at]
        if sentence.kind == "text" and len(sentence.text.split()) >= _PARAGRAPH_MIN_WORDS:
            return at, at
    return None


def _signals_start(sentences: list[_Sentence], start: int) -> tuple[int, int] | None:
    """Where The News ends and the signals start: at "Signals" said, or else at the headline
    said before the first Source line."""
    for at in range(start, len(sentences)):
        if sentences[at].kind == "signals":
            return at, at + 1
        if sentences[at].kind == "source":
            headline = _previous_spoken(sentences, at)
            if headline is not None and headline >= start and _is_headline(sentences[headline]):
                return headline, headline
            return at, at
    return None


def _previous_spoken(sentences: list[_Sentence], at: int) -> int | None:
    """The sentence of the page said before ``at`` (past fillers and others' turns)."""
    for before in range(at - 1, -1, -1):
        if sentences[before].kind not in ("filler", "gap"):
            return before
    return None


def _header(sentences: list[_Sentence]) -> list[str]:
    """The label, the sponsor, the headline, the date and the insights line."""
    spoken = [s for s in sentences if s.kind not in ("gap", "filler")]
    lines = ["Semafor Signals"]
    if sponsor := next((found for s in spoken if (found := _SPONSOR.search(s.text))), None):
        lines.append(f"Supported by {sponsor['sponsor'].strip()}")
    dates = {i: _spoken_date(s.text) or "" for i, s in enumerate(spoken) if s.kind == "date"}
    updated = [i for i, date in dates.items() if date.startswith("Updated")]
    at = (updated or list(dates) or [None])[-1]
    if headline := _title(spoken, at):
        lines.append(headline)
    if at is not None:
        lines.append(dates[at])
    insights = (
        found for s in spoken if s.kind == "insights" and (found := _INSIGHTS.match(s.text))
    )
    if names := next(insights, None):
        lines.append(f"Insights from {names['names']}")
    return lines


def _title(spoken: list[_Sentence], date_at: int | None) -> str | None:
    """The headline: the sentence said after a label said after the date ("Updated …. Semafor
    Signals. <headline>."), or else the one said just before the date, or with no date the one
    after the label; none when that is a mark or chatter."""
    candidate = None
    if date_at is not None:
        after = spoken[date_at + 1 : date_at + 4]
        for first, second in zip(after, after[1:], strict=False):
            if first.kind == "label" and second.kind == "text" and len(second.text.split()) >= 3:
                candidate = second
        if candidate is None and date_at > 0:
            candidate = spoken[date_at - 1]
    else:
        labels = [i for i, s in enumerate(spoken) if s.kind == "label"]
        if labels and labels[-1] + 1 < len(spoken):
            candidate = spoken[labels[-1] + 1]
    if candidate is None or candidate.kind != "text":
        return None
    headline = _headline_text(candidate.text)
    return headline if 2 <= len(headline.split()) <= _HEADLINE_MAX_WORDS else None


def _headline_text(sentence: str) -> str:
    """A headline as printed: without the words said to announce it, and without its stop."""
    sentence = _HEADLINE_LEAD.sub("", _ORDINAL_LEAD.sub("", sentence))
    return sentence[:-1] if sentence.endswith(".") and not sentence.endswith("..") else sentence


def _without_chatter(sentences: list[_Sentence]) -> list[_Sentence]:
    """The sentences that are the page's: no fillers ("Okay.", "Next one."), no mark of the
    header said again, and not the reader's short answer after someone else spoke ("Four. Four
    percent.")."""
    kept: list[_Sentence] = []
    answering = False
    for at, sentence in enumerate(sentences):
        if sentence.kind == "gap":
            answering = True
            continue
        if sentence.kind not in ("text", "source"):
            continue
        if answering:
            if (
                sentence.kind == "text"
                and _is_reply(sentence.text)
                and not _before_source(sentences, at)
            ):
                continue
            answering = False
        kept.append(sentence)
    return kept


def _is_reply(text: str) -> bool:
    """Whether a sentence is short enough to answer someone, or to ask something."""
    words = len(text.split())
    return words <= _SHORT_REPLY_WORDS or (text.endswith("?") and words <= _SHORT_QUESTION_WORDS)


def _before_source(sentences: list[_Sentence], at: int) -> bool:
    """Whether the next sentence of the page after ``at`` is a Source line."""
    for sentence in sentences[at + 1 :]:
        if sentence.kind not in ("filler", "gap"):
            return sentence.kind == "source"
    return False


def _paragraphs(sentences: list[_Sentence]) -> list[str]:
    """The sentences as paragraphs, one for each segment they were said in."""
    paragraphs: list[str] = []
    last = None
    for sentence in sentences:
        if sentence.kind != "text":
            continue
        if paragraphs and sentence.segment == last:
            paragraphs[-1] += " " + sentence.text
        else:
            paragraphs.append(sentence.text)
        last = sentence.segment
    return paragraphs


def _signals(sentences: list[_Sentence]) -> list[str]:
    """Each signal's lines. With Source lines said: the headline (the sentence before one, or a
    line dictation left bare before a paragraph), the Source line and the body as one
    paragraph; a few words before the first signal are the reader's. Without (2023's pages): a
    paragraph for each segment, each a signal."""
    sources = [i for i, s in enumerate(sentences) if s.kind == "source"]
    if not sources:
        return _paragraphs(sentences)
    headlines = {i - 1 for i in sources if i > 0 and _is_headline(sentences[i - 1])}
    headlines.update(i for i in range(len(sentences) - 1) if _is_bare_line(sentences, i))
    first = min([*headlines, *sources])
    if sum(len(s.text.split()) for s in sentences[:first]) < _LEAD_IN_MAX_WORDS:
        sentences, headlines = sentences[first:], {at - first for at in headlines}
    lines: list[str] = []
    body: list[str] = []
    for at, sentence in enumerate(sentences):
        if at not in headlines and sentence.kind != "source":
            body.append(sentence.text)
            continue
        if body:
            lines.append(" ".join(body))
            body = []
        if at in headlines:
            lines.append(_headline_text(sentence.text))
        else:
            lines.append(_source_line(sentence.text) or sentence.text)
    if body:
        lines.append(" ".join(body))
    return lines


def _is_bare_line(sentences: list[_Sentence], at: int) -> bool:
    """Whether a sentence is a line of its own with no stop, before another segment's text: a
    headline dictated over a signal without its Source line."""
    sentence, following = sentences[at], sentences[at + 1]
    alone = (at == 0 or sentences[at - 1].segment != sentence.segment) and (
        following.segment != sentence.segment
    )
    return (
        alone
        and following.kind == "text"
        and not _CLOSED_END.search(sentence.text)
        and _is_headline(sentence)
        and len(sentence.text.split()) <= _BARE_HEADLINE_MAX_WORDS
    )


def _is_headline(sentence: _Sentence) -> bool:
    """Whether a sentence said before a Source line can be its signal's headline."""
    return (
        sentence.kind == "text"
        and 1 <= len(_headline_text(sentence.text).split()) <= _HEADLINE_MAX_WORDS
    )
