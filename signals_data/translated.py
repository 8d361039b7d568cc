"""Machine translations of the whole page (Chrome's, Edge's, Safari's, Firefox's or DeepL's,
then copied): the page's headings, labels, icons' names, sponsor line, site buttons and date
line are in another language. Those lines are written back in English, each one whole, so that
the page reads as any other; everything else (the headline, The News, the signals) stays as the
translator wrote it, and the parser flags the story. Every other copy passes through unchanged:
a page with an English "The News" at once, any other after one search for the furniture of the
languages below.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple


class _Language(NamedTuple):
    news: tuple[str, ...]  # "The News", as translators write it (lower case)
    signals: tuple[str, ...]  # "Signals"
    label: tuple[str, ...]  # "Semafor Signals", when the translator translated it too
    sources: tuple[str, ...]  # "Sources" (the label, before its colon)
    source: tuple[str, ...]  # "Source"
    insights: tuple[str, ...]  # "Insights from"
    updated: tuple[str, ...]  # "Updated"
    joiner: str  # "and", between the Insights line's last two names
    icons: dict[str, str]  # the icons' names: "Source icon", "Title icon", "Arrow Down", "icon"
    months: str  # January to December, then their short forms (1 to 12 again)


def _icons(source: str, title: str, arrow: str, icon: str) -> dict[str, str]:
    names = {"Source icon": source, "Title icon": title, "Arrow Down": arrow, "icon": icon}
    return {form: english for english, forms in names.items() for form in forms.split("|")}


LANGUAGES = {
    "es": _Language(
        ("la noticia", "las noticias", "noticias", "la novedad"),
        ("señales",),
        ("señales semafor", "señales de semafor", "semafor señales", "señales del semafor"),
        ("fuentes",),
        ("fuente",),
        ("perspectivas de", "información de", "ideas de", "análisis de", "opiniones de"),
        ("actualizado", "actualizada"),
        " y ",
        _icons("icono de fuente|icono de la fuente|ícono de fuente", "icono de título|ícono de "
               "título", "flecha hacia abajo|flecha abajo", "icono|ícono"),
        "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre "
         "diciembre ene feb mar abr may jun jul ago sept oct nov dic",
    ),
    "fr": _Language(
        ("les nouvelles", "l'actualité", "la nouvelle", "les informations", "l'info",
         "actualité", "nouvelles", "l'information"),
        ("signaux",),
        ("signaux semafor", "signaux de semafor"),
        ("sources",),
        ("source",),
        ("points de vue de", "perspectives de", "éclairages de", "analyses de", "aperçus de",
         "informations de", "regards de", "avec les contributions de",
         "avec des contributions de"),
        ("mis à jour", "mise à jour"),
        " et ",
        _icons("icône source|icône de source|icône de la source", "icône de titre|icône du "
               "titre|icône titre", "flèche vers le bas|flèche bas", "icône"),
        "janvier février mars avril mai juin juillet août septembre octobre novembre "
         "décembre janv févr mars avr mai juin juil août sept oct nov déc",
    ),
    "de": _Language(
        ("die nachrichten", "die neuigkeiten", "nachrichten", "die nachricht", "die news"),
        ("signale",),
        ("semafor-signale", "semafor signale", "signale von semafor"),
        ("quellen",),
        ("quelle",),
        ("einblicke von", "erkenntnisse von", "einblicke aus", "einschätzungen von",
         "einsichten von", "perspektiven von"),
        ("aktualisiert",),
        " und ",
        _icons("quellsymbol|quellensymbol|quellen-symbol|symbol der quelle", "titelsymbol|"
               "titel-symbol", "pfeil nach unten|pfeil unten", "symbol"),
        "januar februar märz april mai juni juli august september oktober november "
         "dezember jan feb mär apr mai jun jul aug sept okt nov dez",
    ),
    "pt": _Language(
        ("a notícia", "as notícias", "notícias", "a novidade"),
        ("sinais",),
        ("sinais semafor", "sinais da semafor"),
        ("fontes",),
        ("fonte",),
        ("insights de", "insights do", "insights da", "perspectivas de", "perspetivas de",
         "perspetivas do", "perspetivas da", "percepções de", "análises de", "informações de"),
        ("atualizado", "atualizada"),
        " e ",
        _icons("ícone de fonte|ícone da fonte", "ícone de título|ícone do título", "seta para "
               "baixo", "ícone"),
        "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro "
         "dezembro jan fev mar abr mai jun jul ago set out nov dez",
    ),
    "it": _Language(
        ("la notizia", "le notizie", "notizie", "la novità"),
        ("segnali",),
        ("segnali semafor", "segnali di semafor"),
        ("fonti",),
        ("fonte",),
        ("approfondimenti da", "approfondimenti di", "spunti da", "punti di vista di",
         "prospettive da", "prospettive di", "opinioni di", "analisi di"),
        ("aggiornato", "aggiornata"),
        " e ",
        _icons("icona della fonte|icona fonte|icona di origine", "icona del titolo|icona "
               "titolo", "freccia giù|freccia verso il basso|freccia in giù", "icona"),
        "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre "
         "novembre dicembre gen feb mar apr mag giu lug ago set ott nov dic",
    ),
    "nl": _Language(
        ("het nieuws", "nieuws"),
        ("signalen",),
        ("semafor-signalen", "semafor signalen"),
        ("bronnen",),
        ("bron",),
        ("inzichten van", "inzichten uit", "perspectieven van", "visies van"),
        ("bijgewerkt",),
        " en ",
        _icons("bronpictogram|bron-pictogram|bronicoon|pictogram bron", "titelpictogram|"
               "titelicoon|pictogram titel", "pijl omlaag|pijl naar beneden", "pictogram|icoon"),
        "januari februari maart april mei juni juli augustus september oktober november "
         "december jan feb mrt apr mei jun jul aug sep okt nov dec",
    ),
    "pl": _Language(
        ("wiadomości", "aktualności", "wiadomość"),
        ("sygnały",),
        ("sygnały semafor", "sygnały semafora"),
        ("źródła",),
        ("źródło",),
        ("spostrzeżenia z", "spostrzeżenia od", "wnioski z", "opinie z", "analizy z", "wgląd z",
         "perspektywy z"),
        ("zaktualizowano", "aktualizacja"),
        " i ",
        _icons("ikona źródła", "ikona tytułu", "strzałka w dół", "ikona"),
        "stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października "
         "listopada grudnia sty lut mar kwi maj cze lip sie wrz paź lis gru",
    ),
    "tr": _Language(
        ("haberler", "haber"),
        ("sinyaller",),
        ("semafor sinyalleri", "semafor işaret ediyor", "semafor sinyaller"),
        ("kaynaklar",),
        ("kaynak",),
        ("görüşler", "içgörüler"),
        ("güncellendi", "güncelleme"),
        " ve ",
        _icons("kaynak simgesi|kaynak ikonu", "başlık simgesi|başlık ikonu", "aşağı ok", "simge"
               "|ikon|simgesi"),
        "ocak şubat mart nisan mayıs haziran temmuz ağustos eylül ekim kasım aralık oca şub "
         "mar nis may haz tem ağu eyl eki kas ara",
    ),
    "id": _Language(
        ("berita", "beritanya"),
        ("sinyal",),
        ("sinyal semafor",),
        ("sumber",),
        ("sumber",),
        ("wawasan dari", "pandangan dari", "perspektif dari"),
        ("diperbarui",),
        " dan ",
        _icons("ikon sumber", "ikon judul", "panah ke bawah|panah bawah", "ikon"),
        "januari februari maret april mei juni juli agustus september oktober november "
         "desember jan feb mar apr mei jun jul agu sep okt nov des",
    ),
    "sv": _Language(
        ("nyheterna", "nyheter", "nyheten"),
        ("signaler",),
        ("semafor-signaler", "semafor signaler"),
        ("källor",),
        ("källa",),
        ("insikter från", "synpunkter från", "perspektiv från"),
        ("uppdaterad", "uppdaterat"),
        " och ",
        _icons("källikon|källa-ikon|ikon för källa", "titelikon|rubrikikon", "pil ned|pil nedåt",
               "ikon"),
        "januari februari mars april maj juni juli augusti september oktober november december "
        "jan feb mars apr maj juni juli aug sep okt nov dec",
    ),
    "ro": _Language(
        ("știrile", "știri", "vestea", "știrea", "ştirile", "ştiri"),
        ("semnale",),
        ("semnale semafor", "semafor semnale", "semnalele semafor"),
        ("surse",),
        ("sursă", "sursa"),
        ("perspective de la", "informații de la", "opinii de la", "perspective din",
         "puncte de vedere de la"),
        ("actualizat", "actualizată"),
        " și ",
        _icons("pictograma sursei|pictogramă sursă|pictograma sursă", "pictograma titlului|"
               "pictogramă titlu", "săgeată în jos", "pictogramă|pictograma"),
        "ianuarie februarie martie aprilie mai iunie iulie august septembrie octombrie "
        "noiembrie decembrie ian feb mar apr mai iun iul aug sept oct nov dec",
    ),
    "cs": _Language(
        ("zprávy", "novinky", "zpráva"),
        ("signály",),
        ("semafor signály", "signály semafor", "signály semaforu"),
        ("zdroje",),
        ("zdroj",),
        ("postřehy od", "poznatky od", "pohledy od", "názory z", "postřehy z", "postřehy"),
        ("aktualizováno",),
        " a ",
        _icons("ikona zdroje", "ikona nadpisu|ikona titulku", "šipka dolů", "ikona"),
        "ledna února března dubna května června července srpna září října listopadu prosince "
        "led úno bře dub kvě čvn čvc srp zář říj lis pro",
    ),
}  # fmt: skip


def _glued_pattern(words: _Language) -> re.Pattern[str]:
    """Where a language's label, Signals heading or Source label stands glued to other text."""

    def forms(names: tuple[str, ...]) -> str:
        return "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))

    def capitalised(names: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(name[:1].upper() + name[1:] for name in names)

    return re.compile(
        rf"^(?P<tagline>(?i:{forms(words.label)})\s*:)"
        rf"|(?<=\S)\s+(?P<label>(?i:{forms(words.label)}))(?:\s+|$)(?!\s*:)"
        rf"|^(?:\w+\s+)?(?P<heading>(?i:{forms(words.signals)}))\s+(?=Semafor)"
        rf"|(?<=\S)\s+(?:(?P<sources>{forms(capitalised(words.sources))})"
        rf"|{forms(capitalised(words.source))})\s*:\s+(?=\S)"
    )


_GLUED = {language: _glued_pattern(words) for language, words in LANGUAGES.items()}
# Each language's month names and their short forms, by number.
_MONTH_NUMBERS = {
    name: at % 12 + 1
    for language in LANGUAGES.values()
    for at, name in enumerate(language.months.split())
}
_ENGLISH_MONTHS = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)
# What a translated page's Markdown or list marks around a heading or a label may be.
_MARKS = re.compile(
    r"^(?P<before>\s*(?:#{1,6}\s+|[-*•]\s+)?[*_]{0,2})(?P<text>.*?)(?P<after>[*_]{0,2}\s*)$"
)
_TRANSLATED_DATE = re.compile(
    r"(?:(?P<day>\d{1,2})\.?\s+(?:de\s+)?(?P<month>[^\W\d_]+)\.?"
    r"|(?P<month_first>[^\W\d_]+)\.?\s+(?P<day_after>\d{1,2})\.?,?)"
    r",?\s+(?:de\s+)?(?P<year>(?:19|20)\d\d)"
    r"(?:,?\s*(?:um|à|a las|às|alle|om|saat|pukul|o godz\.|o)?\s*(?P<hour>\d{1,2})"
    r"\s*(?::|\.|\s?h\s?)\s*(?P<minute>\d\d)(?:\s*(?:uhr|h|uur|godz\.)\b)?\s*(?P<ampm>[ap]\.?\s?m\.?)?"
    r"\s*(?P<zone>[A-Z]{2,4}\b)?)?",
    re.I,
)
# French translators name the page's time zones: "HAE" (EDT), "HNE" (EST).
_ZONES = {"EDT": "EDT", "EST": "EST", "ET": "ET", "GMT": "GMT", "UTC": "UTC", "HAE": "EDT",
          "HNE": "EST"}  # fmt: skip


def from_translation(text: str) -> tuple[str, str | None]:
    """A machine translation's furniture written back in English, and the language it was in
    (None, and the text unchanged, for any other copy). A page with an English "The News" or
    "NEWS" is no translation: the check costs nothing on almost every copy."""
    if _has_english_news_heading(text):
        return text, None
    if not _ANY_FURNITURE.search(text):
        return text, None  # no heading, label or Insights line of any of the languages
    lines = text.split("\n")
    language = _translated_language(lines)
    if language is None:
        return text, None
    return "\n".join(_in_english(line, language) for line in lines), language


_ENGLISH_NEWS = ("The News", "NEWS", "The news")


def _has_english_news_heading(text: str) -> bool:
    """Whether a line of the text is "The News" or "NEWS" (Markdown marks around it allowed);
    a note's "pasted from "The News" on" is not one. Found by looking around each occurrence:
    a page holds one or two."""
    for heading in _ENGLISH_NEWS:
        at = text.find(heading)
        while at >= 0:
            before = text[text.rfind("\n", 0, at) + 1 : at]
            end = text.find("\n", at)
            after = text[at + len(heading) : end if end >= 0 else len(text)]
            if not before.strip(" \t#*_") and not after.strip(" \t*_\r"):
                return True
            at = text.find(heading, at + 1)
    return False


def _key(text: str) -> str:
    # (Turkish "İ" folds to "i" and a combining dot.)
    key = text.strip().rstrip(":").strip().casefold().replace("’", "'").replace("i\u0307", "i")
    # (Some translators translate the name too: "Señales de Semáforo".)
    return key.replace("semáforo", "semafor").replace("semaforo", "semafor")


def _translated_language(lines: list[str]) -> str | None:
    """The language whose page furniture the lines hold most, if they hold at least two of its
    lines and one of them is no English word ("Sources:" and "icon" are both)."""
    # (Paragraphs are no furniture: only lines short enough to be a heading, a label, an
    # Insights line or a headline with its Source line glued on are looked at.)
    keys = [
        _key(found["text"]) for line in lines if len(line) < 300 and (found := _MARKS.match(line))
    ]
    # Headings behind an icon's name ("pictograma titlului știrile"), cut once for all languages.
    cuts = [cut for key in keys if _starts_with_icon_word(key) for cut in _icon_name_cut(key)]
    best, best_count = None, 1
    for language, words in LANGUAGES.items():
        headings = {*words.news, *words.signals, *words.label, *words.icons}
        labels = tuple(f"{label}:" for label in (*words.sources, *words.source))
        # (The Insights line's lead may come last: "X ve Y'den görüşler".)
        insights_last = tuple(f" {lead}" for lead in words.insights)
        glued_labels = tuple(f" {label}" for label in labels)  # "… Kaynaklar: Reuters"
        hits = [
            key
            for key in keys
            if key in headings
            or key.startswith(labels)
            or any(label in key for label in glued_labels)
            or key.startswith(words.insights)
            or (len(key) < 200 and key.endswith(insights_last))
            or (key.split(" ", 1)[0] in words.signals and "semafor" in key)  # glued headings
        ]
        hits += [cut for cut in cuts if cut in headings]
        if len(hits) > best_count and any(not key.startswith(("source", "icon")) for key in hits):
            best, best_count = language, len(hits)
    return best


def _any_furniture() -> re.Pattern[str]:
    """A line starting with a heading, a Source label or an Insights lead of any language but
    English (what English shares, "Source:", is left out): one search tells a page that cannot
    be a translation, most pages without an English "The News", at a small cost."""
    forms = {
        form
        for words in LANGUAGES.values()
        for form in (*words.news, *words.signals, *words.label, *words.insights)
    }
    labels = {
        f"{label}\\s*:"
        for words in LANGUAGES.values()
        for label in (*words.sources, *words.source)
        if label not in ("source", "sources")
    }
    alternatives = sorted((re.escape(form) for form in forms), key=len, reverse=True)
    return re.compile(
        rf"^[ \t#*_]*(?:(?:{'|'.join(alternatives)})\b|{'|'.join(sorted(labels))})",
        re.I | re.M,
    )


_ANY_FURNITURE = _any_furniture()


def _in_english(line: str, language: str) -> str:
    """One line of a translated page: its furniture in English, anything else as it is."""
    words = LANGUAGES[language]
    found = _MARKS.match(line)
    if not found or not found["text"]:
        return line
    text, key = found["text"], _key(found["text"])
    if key.startswith(_TRANSLATORS_CREDIT) and ("deepl" in key or "google" in key):
        return ""  # "Traduit avec DeepL.com (version gratuite)": the translator's, not the page's
    if key not in words.news and key not in words.signals and " " in key:
        headings = (*words.news, *words.signals)  # "Pictograma titlului Știrile": the heading
        bare = next((cut for cut in _icon_name_cut(text) if _key(cut) in headings), None)
        if bare:
            text, key = bare, _key(bare)
    english = (
        ("The News" if key in words.news else None)
        or ("SIGNALS" if key in words.signals else None)
        or ("Semafor Signals" if key in words.label else None)
        or words.icons.get(key)
        or _source_label(text, words)
        or _insights_line(text, key, words)
        or _date_line(text, key, words)
        or _furniture(text, key)
        or _glued_labels(text, _GLUED[language])
    )
    return f"{found['before']}{english}{found['after']}" if english else line


# Furniture of every language above, once a page is known to be translated (a word of one
# language is no furniture word of another). The icons' and the arrow's names, whatever the
# translator made of them ("Icona sorgente", "Icono de origen", "Quellsymbol"):
_ICON_WORDS = {"icono", "ícono", "icône", "symbol", "ícone", "icona", "pictogram", "icoon",
               "pictograma", "pictogramă",
               "ikona", "simge", "simgesi", "ikon", "ikonu"}  # fmt: skip
_ICON_ENDINGS = ("symbol", "pictogram", "icoon")  # German and Dutch compounds: "Quellsymbol"
_SOURCE_WORDS = ("fuente", "origen", "source", "quell", "fonte", "origem", "sorgente", "käll",
                 "surs", "zdroj",
                 "origine", "bron", "źród", "kaynak", "sumber")  # fmt: skip
_TITLE_WORDS = (
    "títul",
    "titre",
    "titel",
    "titol",
    "tytuł",
    "başlık",
    "judul",
    "rubrik",
    "titl",
    "nadpis",
    "titul",
)
_ARROW_WORDS = (
    "flecha",
    "flèche",
    "pfeil",
    "seta",
    "freccia",
    "pijl",
    "strzałka",
    "panah",
    "pil",
    "săgeată",
    "šipka",
)
# "Supported by", then the sponsor's name (or nothing: the logo follows).
_SPONSOR_LEADS = (
    "con el apoyo de", "apoyado por", "patrocinado por", "respaldado por", "soutenu par",
    "avec le soutien de", "parrainé par", "sponsorisé par", "unterstützt von", "gefördert von",
    "präsentiert von", "gesponsert von", "apoiado por", "com o apoio de", "suportado por",
    "supportato da", "sostenuto da", "con il supporto di", "sponsorizzato da",
    "ondersteund door", "gesponsord door", "mede mogelijk gemaakt door", "wspierane przez",
    "sponsorowane przez", "przy wsparciu", "destekleyen", "sponsorluğunda", "didukung oleh",
    "disponsori oleh", "supporté par", "obsługiwane przez", "tarafından desteklenen",
    "tarafından desteklenmektedir", "stöds av", "med stöd av", "sponsrad av", "susținut de",
    "sponsorizat de", "cu sprijinul", "podporováno", "s podporou", "sponzorováno",
)  # fmt: skip
_ADVERTISEMENT = {"publicidad", "anuncio", "publicité", "annonce", "werbung", "anzeige",
                  "publicidade", "anúncio", "pubblicità", "annuncio", "advertentie", "reclame",
                  "reklama", "reklam", "iklan", "annons", "reclamă", "inzerce"}  # fmt: skip
_LISTEN = ("escucha este artículo", "escuchar este artículo", "écoutez cet article",
           "écouter cet article", "diesen artikel anhören", "artikel anhören",
           "hören sie diesen artikel", "ouça este artigo", "ouvir este artigo",
           "ascolta questo articolo", "ascolta l'articolo", "luister naar dit artikel",
           "beluister dit artikel", "posłuchaj tego artykułu", "posłuchaj artykułu",
           "bu makaleyi dinleyin", "bu makaleyi dinle", "dengarkan artikel ini",
           "lyssna på den här artikeln", "lyssna på artikeln", "ascultă acest articol",
           "poslechněte si tento článek", "poslechnout článek")  # fmt: skip
# A newsletter box's line ("Inscreva-se no Semafor Net Zero: …"), as the English rule reads it.
_SIGN_UP = ("suscríbete", "suscribete", "regístrate", "inscríbete", "inscrivez-vous",
            "abonnez-vous", "melden sie sich", "abonnieren sie", "registrieren sie sich",
            "inscreva-se", "assine", "cadastre-se", "iscriviti", "abbonati", "meld je aan",
            "schrijf je in", "abonneer je", "zapisz się", "zasubskrybuj", "daftar",
            "berlangganan", "prenumerera", "registrera dig", "abonează-te", "înscrie-te",
            "přihlaste se", "odebírejte")  # fmt: skip
_TRANSLATORS_CREDIT = ("translated with", "traducido con", "traduit avec", "übersetzt mit",
                       "traduzido com", "tradotto con", "vertaald met",
                       "przetłumaczono za pomocą", "diterjemahkan dengan", "översatt med",
                       "tradus cu", "přeloženo pomocí")  # fmt: skip


def _furniture(text: str, key: str) -> str | None:
    words = key.split()
    if len(words) <= 4 and (
        any(word in _ICON_WORDS for word in words) or key.endswith(_ICON_ENDINGS)
    ):
        if any(word in key for word in _SOURCE_WORDS):
            return "Source icon"
        return "Title icon" if any(word in key for word in _TITLE_WORDS) else "icon"
    if len(words) <= 5 and (words[0] in _ARROW_WORDS or key == "aşağı ok"):
        return "Arrow Down"
    for lead in _SPONSOR_LEADS:
        if key == lead or key.startswith(lead + " "):
            return f"Supported by {text[len(lead) :].strip()}".rstrip()
    if key in _ADVERTISEMENT:
        return "Advertisement"
    if key.endswith("whatsapp") and len(words) <= 5:
        return "PostEmailWhatsapp"  # the share row: "PublicarCorreo electrónicoWhatsapp"
    if key in _LISTEN:
        return "Listen to this article"
    if key.startswith(_SIGN_UP) and "semafor" in key:
        return f"Sign up for Semafor: {text}"
    if len(words) <= 5 and (logo := _LOGO.match(text)):
        return f"{logo['name']} logo"  # "Logotipo de Microsoft", the sponsor's
    if english := _SITE_BUTTONS.get(key):
        return english
    if comments := _COMMENTS.match(key):
        count = comments["count"] or comments["before"]
        return f"Comments ({count})" if count else "Comments"
    return None


_LOGO = re.compile(
    r"^(?i:logotipo|logótipo|logo|logotyp|logosu)(?: (?i:de|di|von|van|do|da|del|du))?"
    r" (?P<name>\S.*)$"
)
# The site's buttons and menus above the page, and its share row's link button.
_SITE_BUTTONS = {
    **dict.fromkeys(("iniciar sesión", "se connecter", "connexion", "anmelden", "entrar",
                     "accedi", "inloggen", "zaloguj się", "oturum aç", "giriş yap", "masuk",
                     "logga in", "conectare", "autentificare", "přihlásit se"), "Sign in"),
    **dict.fromkeys(("suscribir", "suscribirse", "s'abonner", "abonnieren", "assinar",
                     "iscriviti", "abonneren", "subskrybuj", "abone ol", "berlangganan",
                     "prenumerera", "abonează-te", "odebírat"), "Subscribe"),
    **dict.fromkeys(("boletines", "lettres d'information", "newsletter", "newsletters",
                     "boletins", "boletins informativos", "nieuwsbrieven", "biuletyny",
                     "bültenler", "buletin", "nyhetsbrev", "buletine informative", "zpravodaje"),
                    "Newsletters"),
    **dict.fromkeys(("copiar enlace", "copiar link", "copier le lien", "link kopieren",
                     "copia link", "link kopiëren", "kopiuj link", "bağlantıyı kopyala",
                     "salin tautan", "kopiera länk", "copiază linkul", "kopírovat odkaz"),
                    "Copy link"),
    **dict.fromkeys(("saltar al contenido principal", "aller au contenu principal",
                     "zum hauptinhalt springen", "pular para o conteúdo principal",
                     "vai al contenuto principale", "naar hoofdinhoud gaan",
                     "przejdź do treści głównej", "ana içeriğe atla", "langsung ke konten utama",
                     "hoppa till huvudinnehåll", "salt la conținutul principal",
                     "přejít na hlavní obsah"), "Skip to main content"),
}  # fmt: skip
# The comments below a page ("Yorumlar (3)", "12 commentaires"): the page has ended.
_COMMENTS = re.compile(
    r"^(?:(?P<before>\d+) )?(?:comentarios|commentaires|kommentare|comentários|commenti|reacties"
    r"|opmerkingen|komentarze|yorumlar|komentar|kommentarer|comentarii|komentáře)"
    r"(?: \((?P<count>\d+)\))?:?$"
)


def _starts_with_icon_word(key: str) -> bool:
    first = key.split(" ", 1)[0]
    return first in _ICON_WORDS or first.endswith(_ICON_ENDINGS)


def _icon_name_cut(text: str, *, last: bool = False) -> Iterator[str]:
    """The text without an icon's name glued before it ("Pictograma titlului Știrile"), or
    after it with ``last`` ("Prezența record… Pictograma sursei", before its Source label):
    each cut that leaves out one to three words naming an icon, the shortest first."""
    words = text.split()
    for size in range(1, min(3, len(words) if last else len(words) - 1) + 1):
        name = " ".join(words[-size:] if last else words[:size])
        if _furniture(name, _key(name)) in ("Source icon", "Title icon", "icon"):
            yield " ".join(words[:-size] if last else words[size:])


def _glued_labels(text: str, glued: re.Pattern[str]) -> str | None:
    """A line holding a translated label glued to other text, with the label in English (the
    English rules then split it): "Semafor-Signale: Globale Einblicke…" (the tagline), "SİNYALLER
    Semafor Signals: …", "Lira rekor düşük seviyeye geriledi Kaynak: Bloomberg HT"."""
    found = glued.search(text)
    if found is None:
        return None
    if found["tagline"]:
        return "Semafor Signals:" + text[found.end() :]
    if found["label"]:  # "publicat 2025-05-19 06:42 Semnale Semafor Nicușor Dan îl învinge…"
        return f"{text[: found.start()]} Semafor Signals {text[found.end() :]}".rstrip()
    if found["heading"]:
        return "SIGNALS " + text[found.end() :]
    label = "Sources:" if found["sources"] else "Source:"
    before = text[: found.start()]
    before = next(_icon_name_cut(before, last=True), before)
    return f"{before} {label} {text[found.end() :]}".lstrip()


def _source_label(text: str, words: _Language) -> str | None:
    label, colon, names = text.partition(":")
    if not colon or len(label) > 20:
        return None
    label = label.strip().casefold()
    if label in words.sources:
        return f"Sources: {names.strip()}".rstrip()
    if label in words.source:
        return f"Source: {names.strip()}".rstrip()
    return None


_TURKISH_FROM = re.compile(r"['’][dt][ae]n$")  # "Bloomberg'den": from Bloomberg


def _insights_line(text: str, key: str, words: _Language) -> str | None:
    for lead in words.insights:
        if key.startswith(lead + " ") or key.startswith(lead + ":"):
            names = text[len(lead) :].lstrip(" :")
        elif key.endswith(" " + lead) and len(key) < 200:  # "X, Y ve Z'den görüşler"
            names = _TURKISH_FROM.sub("", text[: -len(lead)].rstrip())
        else:
            continue
        head, joiner, last = names.rpartition(words.joiner)
        return f"Insights from {head} and {last}" if joiner else f"Insights from {names}"
    return None


def _date_line(text: str, key: str, words: _Language) -> str | None:
    """ "Actualizado el 19 de marzo de 2024, 7:20 a. m. EDT" as "Updated Mar 19, 2024, 7:20am
    EDT"; a date line without its "Updated" likewise, without it."""
    updated = next((word for word in words.updated if key.startswith(word)), None)
    field = None if updated else _DATE_FIELD.match(text)  # a note's "Datum gelezen: 26 juni…"
    rest = text[len(updated) :].lstrip(" :,") if updated else text[field.end() if field else 0 :]
    if len(rest) > 80:
        return None
    if numeric := _NUMERIC_DATE.match(rest):  # "4. 6. 2025 12:10 EDT": day first, as in Europe
        return _numeric_date(numeric, rest, updated)
    if not (found := _TRANSLATED_DATE.search(rest)):
        return None
    glued = rest[found.end() :].strip()  # the tags, when a scraper glued them on: "EDTPolitik…"
    if found.start() > 4 or (len(glued) > 4 and len(glued.split()) > 3):
        return None  # more than a date ("el", "le", "am" before it; a stray mark after)
    month = _MONTH_NUMBERS.get((found["month"] or found["month_first"]).casefold().rstrip("."))
    if month is None:
        return None
    day = found["day"] or found["day_after"]
    english = f"{_ENGLISH_MONTHS[month - 1]} {int(day)}, {found['year']}"
    if found["hour"] and (zone := _ZONES.get((found["zone"] or "").upper())):
        hour, minute = int(found["hour"]), found["minute"]
        if found["ampm"]:
            half = "pm" if found["ampm"][0].lower() == "p" else "am"
        else:  # a 24-hour clock
            hour, half = (hour - 12, "pm") if hour > 12 else (hour, "pm" if hour == 12 else "am")
        english += f", {hour or 12}:{minute}{half} {zone}"
    if updated:
        english = f"Updated {english}"
    elif field:
        english = f"{field[0]}{english}"
    return f"{english}\n{glued}" if len(glued) > 4 else english


_NUMERIC_DATE = re.compile(
    r"^(?P<day>\d{1,2})\.\s?(?P<month>\d{1,2})\.\s?(?P<year>(?:19|20)\d\d)\b"
    r"(?:,?\s+(?P<time>\d{1,2}[:.]\d\d)\s*(?P<zone>[A-Z]{2,4})?)?"
)


def _numeric_date(found: re.Match[str], rest: str, updated: str | None) -> str | None:
    """A day-first numeric date line written as the English pages print dates."""
    day, month = int(found["day"]), int(found["month"])
    if not (1 <= month <= 12 and 1 <= day <= 31) or len(rest) - found.end() > 4:
        return None
    english = f"{_ENGLISH_MONTHS[month - 1]} {day}, {found['year']}"
    return f"Updated {english}" if updated else english


_DATE_FIELD = re.compile(r"^[^\W\d_][\w-]*(?: [\w-]+){0,2}\s*:\s*")
