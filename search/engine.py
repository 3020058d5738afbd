"""Ranking visitors' words against the site's sections, the same way on SQLite and PostgreSQL.

The index (every section's words, stemmed, with BM25 weights) is built once per content
version and kept in each process; a search then reads only the content version (which the
page cache middleware has read for the request already), and on PostgreSQL a single trigram
query when a word is unknown. Everyday words reach the site's own through editors' synonyms
(``SearchSynonym``), matched on their words or their stems ("wages" as "wage"); unknown
words get a "did you mean".
"""

import functools
import math
import re
import threading
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import snowballstemmer
from django.db import connection
from rapidfuzz import fuzz, process

from core.versions import for_version
from search.documents import documents
from search.models import SearchSynonym

MAX_RESULTS = 50
MIN_SHARE_OF_BEST = 0.05  # a section scoring a twentieth of the best one is noise
MAX_WORDS = 10
WORD = re.compile(r"[a-z0-9]+")
STOPWORDS = frozenset(
    """a about after all also am an and any are as at be been being by can could did do does
    for from get getting had has have how i if in into is it its me much must my no not of on or
    our should so than that the their them then there these they this those to too was we
    were what when where which who whom why will with would you your""".split()  # noqa: SIM905
)
STEMMER = snowballstemmer.stemmer("english")
STEMMER_LOCK = threading.Lock()  # a stemmer keeps the word it is stemming as its state

# BM25F: a word in a section's title counts three times one in its text.
FIELD_WEIGHTS = {"title": 3.0, "context": 1.5, "text": 1.0}
K1, B = 1.2, 0.75
SYNONYM_WEIGHT = 0.7  # a section using the visitor's own word beats one using a synonym
PREFIX_WEIGHT = 0.8  # "apprentice" finds "apprenticeship", a little lower
CORRECTION_WEIGHT = 0.8  # "theripist" finds "therapist"
MIN_TRIGRAM_SIMILARITY = 0.3  # pg_trgm's own default, 0 to 1
MIN_RATIO = 75  # rapidfuzz, 0 to 100: "theripist" is 89 from "therapist"


def words(text):
    """Lower-case words without accents or punctuation: "Musicians’" → ["musicians"]."""
    text = unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()
    return WORD.findall(text.replace("'", ""))


@functools.lru_cache(maxsize=100_000)
def stem(word):
    """The word's stem, with a therapist and their therapy one word: "dramatherapist" and
    "dramatherapy" find each other, as "therapies" and "therapy" do.

    Kept for the process: building the index stems every word of the site's content, most
    of them many times, and the pure-Python stemmer took most of the build."""
    with STEMMER_LOCK:
        stemmed = STEMMER.stemWord(word)
    if stemmed.endswith("therapist"):
        return stemmed.removesuffix("st")
    return stemmed


@dataclass
class Index:
    documents: list
    postings: dict  # stem → {document number: BM25F term frequency}
    idf: dict
    synonyms: dict  # the phrase's words (a tuple) → stems of what it means
    stemmed_synonyms: dict  # the same, by the phrase's stems: "wages" finds "wage"'s meaning
    vocabulary: list  # words pages use, for "did you mean"
    longest_synonym: int = 1

    @classmethod
    def build(cls, documents, synonyms):
        lengths = defaultdict(list)
        counts = []
        for document in documents:
            fields = {
                name: [stem(w) for w in words(getattr(document, name))] for name in FIELD_WEIGHTS
            }
            fields["context"] += [stem(w) for w in words(document.kind)]
            counts.append({name: Counter(stems) for name, stems in fields.items()})
            for name, stems in fields.items():
                lengths[name].append(len(stems))
        average = {name: (sum(values) / len(values)) or 1 for name, values in lengths.items()}
        postings = defaultdict(dict)
        for number, fields in enumerate(counts):
            for name, counter in fields.items():
                norm = 1 - B + B * lengths[name][number] / average[name]
                for term, count in counter.items():
                    weighted = FIELD_WEIGHTS[name] * count / norm
                    postings[term][number] = postings[term].get(number, 0) + weighted
        total = len(documents)
        idf = {
            term: math.log(1 + (total - len(found) + 0.5) / (len(found) + 0.5))
            for term, found in postings.items()
        }
        meanings = {}
        for synonym in synonyms:
            phrase = tuple(words(synonym.phrase))
            stems = {stem(w) for meaning in synonym.meanings for w in words(meaning)}
            if phrase and stems:
                meanings[phrase] = meanings.get(phrase, set()) | (
                    stems - {stem(w) for w in STOPWORDS}
                )
        stemmed = {}
        for phrase, stems in meanings.items():
            key = tuple(stem(w) for w in phrase)
            stemmed[key] = stemmed.get(key, set()) | stems
        vocabulary = sorted(
            {
                w
                for document in documents
                for w in words(f"{document.title} {document.text}")
                if len(w) >= 4 and w.isalpha() and w not in STOPWORDS
            }
            | {w for phrase in meanings for w in phrase if len(w) >= 4}
        )
        return cls(
            documents=documents,
            postings=dict(postings),
            idf=idf,
            synonyms=meanings,
            stemmed_synonyms=stemmed,
            vocabulary=vocabulary,
            longest_synonym=max((len(phrase) for phrase in meanings), default=1),
        )

    def score(self, term, number):
        frequency = self.postings.get(term, {}).get(number)
        if not frequency:
            return 0.0
        return self.idf[term] * frequency * (K1 + 1) / (frequency + K1)

    def terms_like(self, term):
        """Stems the visitor's word begins: "apprentic" → "apprenticeship"."""
        if term in self.postings or len(term) < 4:
            return set()
        return {known for known in self.postings if known.startswith(term)}


@dataclass
class Group:
    """One thing the visitor asked for: their own word(s), and words meaning the same."""

    typed: list
    own: set
    alike: dict = field(default_factory=dict)  # stem → weight

    def score(self, index, number):
        own = sum(index.score(term, number) for term in self.own)
        alike = sorted((index.score(t, number) * w for t, w in self.alike.items()), reverse=True)
        return own + (alike[0] + 0.25 * sum(alike[1:]) if alike else 0.0)


def understand(phrase, index, corrections=None):
    """The visitor's words as groups, synonyms applied, filler words dropped, and each
    misspelt word (``corrections``: typed → word pages use) read as its correction too."""
    corrections = corrections or {}
    typed = words(phrase)[:MAX_WORDS]
    groups = []
    position = 0
    while position < len(typed):
        for size in range(min(index.longest_synonym, len(typed) - position), 0, -1):
            chunk = tuple(typed[position : position + size])
            meaning = index.synonyms.get(chunk) or index.stemmed_synonyms.get(
                tuple(stem(w) for w in chunk)
            )
            if meaning:
                own = {stem(w) for w in chunk if w not in STOPWORDS}
                alike = dict.fromkeys(meaning - own, SYNONYM_WEIGHT)
                groups.append(Group(list(chunk), own, alike))
                position += size
                break
        else:
            word = typed[position]
            position += 1
            if word in STOPWORDS:
                continue
            term = stem(word)
            alike = dict.fromkeys(index.terms_like(term), PREFIX_WEIGHT)
            if word in corrections:
                correction = corrections[word]
                alike[stem(correction)] = CORRECTION_WEIGHT
                for meaning in index.synonyms.get((correction,), ()):
                    alike.setdefault(meaning, CORRECTION_WEIGHT * SYNONYM_WEIGHT)
            groups.append(Group([word], {term}, alike))
    return groups


def rank(phrase, index, corrections=None):
    """The sections that match, best first."""
    groups = understand(phrase, index, corrections)
    if not groups:
        return []
    candidates = set()
    for group in groups:
        for term in group.own | set(group.alike):
            candidates.update(index.postings.get(term, {}))
    whole = " ".join(words(phrase))
    scored = []
    for number in candidates:
        document = index.documents[number]
        parts = [group.score(index, number) for group in groups]
        matched = sum(1 for part in parts if part > 0)
        score = sum(parts) * (matched / len(groups)) ** 2 * document.weight
        if len(groups) > 1 and whole in " ".join(words(document.title)):
            score *= 1.5
        scored.append((-score, number))
    scored.sort()
    best = -scored[0][0] if scored else 0
    return [
        index.documents[number]
        for negative, number in scored[:MAX_RESULTS]
        if -negative >= best * MIN_SHARE_OF_BEST
    ]


def unknown_words(phrase, index):
    """Words the visitor typed that no section uses and no synonym explains."""
    unknown = []
    for group in understand(phrase, index):
        if group.alike or any(term in index.postings for term in group.own):
            continue
        unknown.extend(w for w in group.typed if len(w) >= 4 and w.isalpha())
    return unknown


def closest_words(typed, vocabulary):
    """The word pages use that each typed word most resembles. On PostgreSQL, pg_trgm picks
    the likeliest few by trigram similarity; a fuzzy matcher (rapidfuzz) picks among them,
    or among every word elsewhere. A correction keeps the word's first letter: people rarely
    mistype it, and an acronym the site does not know ("ucas") must never become another
    word ("case")."""
    if not typed or not vocabulary:
        return {}
    candidates = dict.fromkeys(typed, vocabulary)
    if connection.vendor == "postgresql":
        candidates = defaultdict(list)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT typed, word FROM ("
                "  SELECT typed, word, row_number() OVER ("
                "    PARTITION BY typed ORDER BY similarity(typed, word) DESC, word) AS n"
                "  FROM unnest(%s::text[]) AS typed, unnest(%s::text[]) AS word"
                "  WHERE similarity(typed, word) >= %s"
                ") AS likely WHERE n <= 5 ORDER BY typed, n",
                [typed, vocabulary, MIN_TRIGRAM_SIMILARITY],
            )
            for word, candidate in cursor.fetchall():
                candidates[word].append(candidate)
    found = {}
    for word, choices in candidates.items():
        choices = [choice for choice in choices if choice[:1] == word[:1]]
        match = process.extractOne(word, choices, scorer=fuzz.ratio, score_cutoff=MIN_RATIO)
        if match:
            found[word] = match[0]
    return found


@dataclass(frozen=True)
class Results:
    phrase: str  # what the visitor typed
    hits: list
    suggestion: str = ""  # the phrase with misspelt words corrected ("did you mean")


def search(phrase):
    """What a visitor's words find, misspelt words read as their likeliest correction."""
    if not words(phrase):
        return Results(phrase, [])
    index = get_index()
    corrections = closest_words(unknown_words(phrase, index), index.vocabulary)
    hits = rank(phrase, index, corrections)
    suggestion = " ".join(corrections.get(w, w) for w in words(phrase)[:MAX_WORDS])
    return Results(phrase, hits, suggestion if corrections else "")


def get_index():
    """The index for the current content, built once per content version in each process."""
    return for_version("search-index", build_index)


def build_index():
    return Index.build(documents(), list(SearchSynonym.objects.filter(is_published=True)))
