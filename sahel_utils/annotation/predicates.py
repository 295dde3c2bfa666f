"""Predicates and their arguments from the dependency parse (issue 8), for the ``predicates`` table.

The suite's pipeline runs without the parser (:mod:`sahel_utils.annotation.nlp`). This
module parses only the *candidate* sentences: those naming at least two actors (two
different states or blocs, or the country of a person, organisation or place), or one
actor and a pair reference ("les deux pays"), and holding a cooperation or tension stem
of ``resources/fr/predicates.yaml`` (the one home of predicate vocabulary, also read by
``relations/dyads/``). They are parsed with the suite's own model (the
parser is loaded but disabled in :func:`sahel_utils.annotation.nlp.build_nlp`: one model
per process, no second copy): ``tok2vec`` + ``parser`` (which listens to it) and the cheap
``morphologizer``/``attribute_ruler``/``lemmatizer`` that give the predicate's lemma, tense
and mood run on each candidate sentence's text (the sentences of several articles in one
batch: :func:`predicate_rows_many`); ``ner``, ``senter`` and the suite's components do
not. The speakers' parses (:mod:`sahel_utils.annotation.speakers`) are spans of the Doc
being tagged instead (:meth:`SentenceParser.parse_at` within :func:`tagged_doc`): only
the parser runs, on the Doc's own ``tok2vec`` output, tags and lemmas.

One row per (predicate, actor mention) of a candidate sentence:

* the predicate: a token where a cue stem starts (``start``/``end``, ``lemma``, ``pos``);
  ``tense``/``mood``/``verb_form`` of its verb (the predicate itself, or for a noun the
  verb governing it, "a signé un accord"; climbing control verbs, "pourrait signer"):
  tense and mood of the finite form (the auxiliary of a compound tense, so ``Pres`` +
  ``Part`` is a passé composé), verb form of the lexical verb;
* the mention (``mention_start``/``mention_end``) and its ``role`` relative to the
  predicate: ``nsubj``, ``nsubj_pass``, ``agent`` ("par X"), ``obj``, ``iobj``, ``obl``,
  ``nmod`` (in the predicate's subtree: the dependency of the path's top), ``source``
  (subject of a verb whose clausal complement holds the predicate: "X affirme que …"),
  ``none`` (no argument); an inverted relative subject ("l'audience qu'a accordée X",
  "le Mali, où opère X") is ``nsubj``, the possessor of a listed noun ("le Mali et ses
  alliés du Niger") too, and the subject of the verb a non-finite adverbial clause hangs
  on ("X est parti pour se rendre en Y"); ``via`` says how it was reached: ``conj`` (a list member),
  ``appos``, ``relcl`` (the noun a relative clause hangs on), ``governor`` (an argument
  of the verb governing a noun predicate or of a control verb), ``nested`` (inside an
  argument: "les soldats du Mali"), else empty; ``case`` is the preposition introducing
  the argument ("de", "à", "avec", "entre", "par"), else empty.

Offsets are character offsets into the article, like every table.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

from spacy.attrs import LEMMA, MORPH, POS, TAG
from spacy.tokens import Doc

from sahel_utils.core import paths
from sahel_utils.core.lexicon import (
    Lexicon,
    Word,
    load_lexicon,
    phrase_alternation,
    register_schema,
)
from sahel_utils.core.normalize import fold_same_length

CUES_FILE = paths.ANNOTATION_RESOURCES / "predicates.yaml"
#: Token attributes a span's Doc keeps from the tagged Doc (what the rows read).
_SPAN_ATTRS = [POS, TAG, MORPH, LEMMA]
#: Components of the model this module runs (the rest are excluded).
PARSE_COMPONENTS = ("tok2vec", "morphologizer", "parser", "attribute_ruler", "lemmatizer")
_ACTOR_TYPES = ("country", "bloc", "person", "organization", "place")
#: Dependencies by which a noun or infinitive predicate hangs on the verb that governs it.
#: (Not ``obl``/``obl:mod``: "revient, dans un entretien, sur …" is no argument of it.)
_GOVERNED = {"obj", "xcomp", "nsubj:pass", "obl:arg", "iobj", "nsubj"}
_CLAUSAL = {"ccomp", "parataxis"}
#: Links that keep a mention at its head's level (names, adjectives, lists, appositions).
_LIST_LINKS = {"flat:name", "flat", "fixed", "amod", "conj", "appos"}
#: Most dependency levels between a predicate and an argument's head ("les soldats du
#: Mali": 2).
MAX_DEPTH = 2
_CLAUSE_DEPS = {"acl", "advcl", "ccomp", "parataxis", "csubj", "xcomp"}
_ROLE = {
    "nsubj": "nsubj",
    "nsubj:pass": "nsubj_pass",
    "obl:agent": "agent",
    "obj": "obj",
    "iobj": "iobj",
    "obl": "obl",
    "obl:arg": "obl",
    "obl:mod": "obl",
    "nmod": "nmod",
    "amod": "nmod",
    "appos": "nsubj",
}


@register_schema("annotation", "predicates.yaml")
class PredicatesFile(Lexicon):
    """``predicates.yaml``: the one home of predicate vocabulary.

    Cooperation and tension stems (a sentence holding one is parsed; ``relations/dyads``
    reads what each means), directional stems (subject-to-object predicates) and pair
    references ("les deux pays"), and phrases whose stem is no predicate ("à l'aide de").
    """

    cooperation_stems: list[Word]
    tension_stems: list[Word]
    directional_stems: list[Word]
    pair_references: list[Word]
    non_predicates: list[Word]
    locative_relatives: list[Word] = []


def predicate_vocabulary() -> PredicatesFile:
    """The predicate vocabulary (``resources/fr/predicates.yaml``), schema-checked."""
    return load_lexicon(CUES_FILE, PredicatesFile)


@lru_cache(maxsize=1)
def _cues() -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = predicate_vocabulary()

    def alternation(words: list[str]) -> str:
        return phrase_alternation(words, fold=lambda w: fold_same_length(w).lower())

    cue_stems = [*data.cooperation_stems, *data.tension_stems]
    stems = re.compile(rf"(?<!\w)(?:{alternation(cue_stems)})")
    pairs = re.compile(rf"(?<!\w)(?:{alternation(data.pair_references)})(?!\w)")
    return stems, pairs


@lru_cache(maxsize=1)
def _locative_relatives() -> frozenset[str]:
    """Relative pronouns of place ("où"), folded."""
    return frozenset(fold_same_length(w).lower() for w in predicate_vocabulary().locative_relatives)


@lru_cache(maxsize=1)
def _non_predicates() -> re.Pattern[str]:
    words = predicate_vocabulary().non_predicates
    source = phrase_alternation(words, fold=lambda w: fold_same_length(w).lower(), syntax=True)
    return re.compile(rf"(?<!\w){source}(?:(?<=')|(?!\w))")


def mask_non_predicates(folded: str) -> str:
    """``folded`` (lower-case, accent-free) with its ``non_predicates`` phrases blanked.

    "à l'aide de drones", "un entretien accordé à la BBC", "en signe de": the stem they
    hold is no predicate. Each blanked character becomes ``#`` (offsets are kept).
    """
    return _non_predicates().sub(lambda m: "#" * len(m.group()), folded)


# --- model loading and running the parse (helper `speed`; role reading is below) ---


class SentenceParser:
    """Runs :data:`PARSE_COMPONENTS` of an already loaded pipeline on sentence texts.

    The components are those of the suite's pipeline (the parser is disabled there, not
    excluded), so parsing candidate sentences needs no second copy of the model.
    """

    def __init__(self, nlp: Any) -> None:
        """Keep the components of ``nlp`` named in :data:`PARSE_COMPONENTS`."""
        self.nlp = nlp
        self.components = [nlp.get_pipe(name) for name in PARSE_COMPONENTS]
        self.parser = nlp.get_pipe("parser")

    def __call__(self, text: str) -> Any:
        """The Doc of one sentence text, tokenised, tagged, parsed and lemmatised."""
        return next(iter(self.pipe([text])))

    def pipe(self, texts: Iterable[str]) -> Iterable[Any]:
        """Docs of ``texts`` tokenised, tagged, parsed and lemmatised."""
        docs: Iterable[Any] = (self.nlp.make_doc(text) for text in texts)
        for component in self.components:
            docs = component.pipe(docs, batch_size=self.nlp.batch_size)
        return docs

    def parse_at(self, text: str, start: int, end: int) -> Any:
        """The parsed Doc of ``text[start:end]``.

        While tagging holds the Doc of ``text`` (:func:`tagged_doc`), the passage is
        parsed as a span of it (:meth:`parse_spans`); else its text is parsed anew.
        """
        if _TAGGED and _TAGGED[-1][0] == text:
            return self.parse_spans(_TAGGED[-1][1], [(start, end)])[0]
        return self(text[start:end])

    def parse_spans(self, doc: Any, bounds: list[tuple[int, int]]) -> list[Any]:
        """Parsed Docs of character spans of a Doc the pipeline has already tagged.

        Each span becomes a Doc of the same tokens that keeps their part of speech,
        morphology and lemma and their slice of ``doc.tensor`` (the ``tok2vec`` output
        the parser listens to), so only the parser runs: no second tokenisation,
        ``tok2vec``, tagging or lemmatisation. Sentence starts are left unset, so the
        parser draws its own trees as on the span's text alone.

        Args:
            doc: A Doc of the suite's pipeline (``tok2vec`` ran on it).
            bounds: ``(start, end)`` character offsets into ``doc.text``.

        Returns:
            One parsed Doc per span (character 0 is the span's first token).

        """
        if not bounds:
            return []
        if doc.tensor is None or doc.tensor.size == 0:  # no tok2vec output to reuse
            return list(self.pipe(doc.text[a:b] for a, b in bounds))
        array = doc.to_array(_SPAN_ATTRS)
        subs = []
        for start, end in bounds:
            span = doc.char_span(start, end, alignment_mode="expand")
            words = [t.text for t in span] if span is not None else []
            sub = Doc(doc.vocab, words=words, spaces=[bool(t.whitespace_) for t in span or []])
            if span is not None and len(span):
                sub.from_array(_SPAN_ATTRS, array[span.start : span.end])
                sub.tensor = doc.tensor[span.start : span.end]
            subs.append(sub)
        return list(self.parser.pipe(subs, batch_size=self.nlp.batch_size))


#: ``(text, Doc)`` of the article being tagged in this process (:func:`tagged_doc`).
_TAGGED: list[tuple[str, Any]] = []


@contextmanager
def tagged_doc(text: str, doc: Any) -> Iterator[None]:
    """While in the block, :meth:`SentenceParser.parse_at` on ``text`` parses spans of ``doc``.

    Args:
        text: The text ``doc`` was made of (``normalize_for_nlp`` form of the article).
        doc: Its Doc from the suite's pipeline.

    """
    _TAGGED.append((text, doc))
    try:
        yield
    finally:
        _TAGGED.pop()


def parser_nlp() -> SentenceParser:
    """The parser of candidate sentences, on the process's one pipeline (``shared_nlp``)."""
    from sahel_utils.annotation.nlp import shared_nlp

    return SentenceParser(shared_nlp())


# --- end of the model-loading part ---


def actor_key(mention: dict[str, Any]) -> str | None:
    """The state or bloc a mention may stand for (its id, or its affiliation's country)."""
    if mention.get("entity_type") not in _ACTOR_TYPES:
        return None
    if mention.get("entity_type") in ("country", "bloc"):
        value = mention.get("entity_id") or mention.get("country")
    else:
        value = mention.get("country")
    return value if isinstance(value, str) and value else None


def candidate_sentences(
    text: str, sentences: list[dict[str, Any]], mentions: list[dict[str, Any]]
) -> list[tuple[dict[str, Any], list[dict[str, Any]]]]:
    """Sentences worth parsing, each with its actor mentions.

    Args:
        text: The article text (or its ``normalize_for_nlp`` form: same offsets).
        sentences: Rows of the ``sentences`` table (``sent_index``, ``start``, ``end``).
        mentions: Rows of the ``mentions`` table.

    """
    stems, pair_refs = _cues()
    ordered = sorted(
        (m for m in mentions if actor_key(m)), key=lambda m: (int(m["start"]), int(m["end"]))
    )
    out = []
    position = 0
    for sentence in sorted(sentences, key=lambda s: int(s["start"])):
        start, end = int(sentence["start"]), int(sentence["end"])
        while position < len(ordered) and int(ordered[position]["start"]) < start:
            position += 1
        inside = []
        for mention in ordered[position:]:
            if int(mention["start"]) >= end:
                break
            if int(mention["end"]) <= end:
                inside.append(mention)
        actors = {actor_key(m) for m in inside}
        if not actors:
            continue
        folded = fold_same_length(text[start:end]).lower()
        if len(actors) < 2 and not pair_refs.search(folded):
            continue
        if stems.search(mask_non_predicates(folded)):
            out.append((sentence, inside))
    return out


def predicate_rows(
    text: str,
    sentences: list[dict[str, Any]],
    mentions: list[dict[str, Any]],
    nlp: Any | None = None,
) -> list[dict[str, Any]]:
    """Rows of the ``predicates`` table for one article (without ``article_id``).

    Args:
        text: The article text (or its ``normalize_for_nlp`` form).
        sentences: The article's ``sentences`` rows.
        mentions: The article's ``mentions`` rows.
        nlp: A parser-enabled pipeline (default :func:`parser_nlp`).

    """
    return predicate_rows_many([(text, sentences, mentions)], nlp)[0]


def predicate_rows_many(
    articles: list[tuple[str, list[dict[str, Any]], list[dict[str, Any]]]],
    nlp: Any | None = None,
) -> list[list[dict[str, Any]]]:
    """Rows of the ``predicates`` table for several articles, their sentences parsed at once.

    The candidate sentences of all the articles go through the parser in one ``pipe``
    (each sentence's text parsed alone, as :func:`predicate_rows` does; one batch instead
    of one per article saves the components' per-call cost).

    Args:
        articles: ``(text, sentences, mentions)`` per article, as for :func:`predicate_rows`.
        nlp: A parser-enabled pipeline (default :func:`parser_nlp`).

    Returns:
        The rows of each article, in order.

    """
    candidates = [candidate_sentences(*article) for article in articles]
    texts = [
        text[int(s["start"]) : int(s["end"])]
        for (text, _, _), found in zip(articles, candidates, strict=True)
        for s, _ in found
    ]
    if not texts:
        return [[] for _ in articles]
    parsed = iter((nlp or parser_nlp()).pipe(texts))
    out: list[list[dict[str, Any]]] = []
    for found in candidates:
        rows: list[dict[str, Any]] = []
        for sentence, inside in found:
            rows.extend(_doc_rows(next(parsed), sentence, inside))
        out.append(rows)
    return out


def rows_for_tables(tables: dict[str, Any], nlp: Any | None = None) -> list[dict[str, Any]]:
    """``predicates`` rows (with ``article_id``) from existing tagging tables."""
    articles = tables["articles"]
    sentences = tables["sentences"]
    mentions = tables["mentions"]
    by_sentences = {k: g.to_dict("records") for k, g in sentences.groupby("article_id")}
    by_mentions = {k: g.to_dict("records") for k, g in mentions.groupby("article_id")}
    out = []
    for article_id, text in zip(articles.article_id, articles.text, strict=True):
        for row in predicate_rows(
            str(text), by_sentences.get(article_id, []), by_mentions.get(article_id, []), nlp
        ):
            out.append({"article_id": article_id, **row})
    return out


def _doc_rows(doc: Any, sentence: dict[str, Any], mentions: list[dict[str, Any]]) -> list[dict]:
    stems, _ = _cues()
    offset = int(sentence["start"])
    folded = mask_non_predicates(fold_same_length(doc.text).lower())
    starts = {token.idx: token for token in doc}
    predicates: list[Any] = []
    for match in stems.finditer(folded):
        token = starts.get(match.start())
        if (
            token is not None
            and all(token.i != p.i for p in predicates)
            and token.pos_ not in ("PROPN", "ADP")
        ):
            if token.dep_.startswith("expl") and token.head.pos_ in ("VERB", "AUX"):
                token = token.head  # "se rendre en", "s'entretient": the verb, not the clitic
            if all(token.i != p.i for p in predicates):
                predicates.append(token)
    roots = []
    for mention in mentions:
        span = doc.char_span(
            int(mention["start"]) - offset, int(mention["end"]) - offset, alignment_mode="expand"
        )
        roots.append(span.root if span is not None and len(span) else None)
    rows = []
    for predicate in predicates:
        verb = _verb_of(predicate)
        tense, mood, verb_form = _tense(verb) if verb is not None else (None, None, None)
        for mention, root in zip(mentions, roots, strict=True):
            if root is None:
                role, via, case = "none", "", ""
            else:
                role, via, case = _role(root, predicate)
            rows.append(
                {
                    "sent_index": int(sentence["sent_index"]),
                    "start": offset + predicate.idx,
                    "end": offset + predicate.idx + len(predicate.text),
                    "lemma": predicate.lemma_.lower(),
                    "pos": predicate.pos_,
                    "tense": tense,
                    "mood": mood,
                    "verb_form": verb_form,
                    "mention_start": int(mention["start"]),
                    "mention_end": int(mention["end"]),
                    "role": role,
                    "via": via,
                    "case": case,
                }
            )
    return rows


def _ancestors(token: Any) -> list[Any]:
    """The token and its heads up to the root."""
    chain = [token]
    while chain[-1].head.i != chain[-1].i and len(chain) < 64:
        chain.append(chain[-1].head)
    return chain


def _case(token: Any) -> str:
    for child in token.children:
        if child.dep_ in ("case", "mark") and child.pos_ in ("ADP", "SCONJ"):
            return fold_same_length(child.text).lower()
    return ""


def _relative_role(predicate: Any) -> str:
    """Role of the relative pronoun of a relative clause headed by ``predicate``."""
    for child in predicate.children:
        if "Rel" in child.morph.get("PronType"):
            if fold_same_length(child.text).lower() in _locative_relatives():
                return "obl"  # "le Mali, où opère le groupe Wagner": a place, no subject
            return _ROLE.get(child.dep_, "nsubj")
    return "nsubj"


def _role(root: Any, predicate: Any) -> tuple[str, str, str]:
    """``(role, via, case)`` of the mention headed by ``root`` relative to ``predicate``."""
    if root.i == predicate.i:
        return "none", "", ""
    up = _ancestors(root)
    if predicate in up:
        return _role_inside(root, predicate, up)
    return _role_outside(root, predicate, up)


def _role_inside(root: Any, predicate: Any, up: list[Any]) -> tuple[str, str, str]:
    """Role of a mention in the predicate's subtree: the dependency of the path's top."""
    below = up[: up.index(predicate)]  # mention ... child of the predicate
    top = below[-1]
    deps = [t.dep_ for t in below]
    if any(d.split(":")[0] in _CLAUSE_DEPS for d in deps[:-1]):
        return "none", "", ""  # inside a clause of its own ("le régime, qui a signé …")
    links = [d for d in deps if d not in _LIST_LINKS]
    if len(links) > MAX_DEPTH:
        return "none", "", ""  # too deep to be an argument ("le bilan de l'action de X")
    via = ""
    if "conj" in deps:
        via = "conj"
    elif "appos" in deps[:-1]:
        via = "appos"
    elif len([d for d in deps if d not in ("flat:name", "flat", "fixed", "amod")]) > 1:
        via = "nested"
    role = _top_role(top, predicate)
    if top.dep_ == "acl" and len(below) > 1 and _case(below[-2]) == "par":
        role, via = "agent", ""  # "un accord signé par le Mali"
    if top.dep_ == "conj":  # the predicate heads a list the mention belongs to
        role = "none"
    return role, via, _case(top) or _case(root)


def _top_role(top: Any, predicate: Any) -> str:
    """Role of the predicate's child ``top``: an inverted relative subject, an agent."""
    role = _ROLE.get(top.dep_, "none")
    if role == "obj" and top.i > predicate.i and _inverted_relative(predicate):
        return "nsubj"  # inverted subject of a relative: "l'audience qu'a accordée X à Y"
    if top.dep_ == "obl" and _case(top) == "par" and predicate.pos_ in ("VERB", "AUX"):
        if any(c.dep_ == "aux:pass" for c in predicate.children):
            return "agent"
    return role


def _inverted_relative(predicate: Any) -> bool:
    """A relative clause whose subject follows its verb ("qu'a accordée X", "où opère X").

    Its relative pronoun is an object or a place, and no other word is its subject.
    """
    if _relative_role(predicate) not in ("obj", "obl"):
        return False
    return not any(
        c.dep_.startswith("nsubj") and "Rel" not in c.morph.get("PronType")
        for c in predicate.children
    )


def _role_of_head(p_below: list[Any], predicate: Any) -> tuple[str, str, str]:
    """Role of a mention the predicate hangs on (through ``p_below``, its path up)."""
    p_child = p_below[-1]
    if p_child.dep_ == "acl:relcl" and all(t.dep_ in _GOVERNED for t in p_below[:-1]):
        return _relative_role(p_child), "relcl", ""  # "qui a signé un accord"
    if p_child.dep_ == "appos" and p_child.i == predicate.i:
        return "nsubj", "appos", ""  # "la Russie, partenaire du Mali"
    if p_child.dep_ == "conj" and p_child.i == predicate.i and _possessive(predicate):
        return "nsubj", "conj", ""  # "le Mali et ses alliés du Niger": the possessor
    return "none", "", ""


def _role_outside(root: Any, predicate: Any, up: list[Any]) -> tuple[str, str, str]:
    """Role of a mention outside the predicate's subtree (subject of its governor, source)."""
    p_up = _ancestors(predicate)
    common = next((t for t in up if t in p_up), None)
    if common is None:
        return "none", "", ""
    p_below = p_up[: p_up.index(common)]
    p_child = p_below[-1]
    if common.i == root.i or _list_head(root, common):
        # the mention (or the list it heads) is what the predicate hangs on
        return _role_of_head(p_below, predicate)
    m_below = up[: up.index(common)]
    m_child = m_below[-1]
    deps = [t.dep_ for t in m_below]
    via = "conj" if "conj" in deps else ""
    if p_child.dep_ in _CLAUSAL and m_child.dep_ == "nsubj":
        return "source", via, ""
    controlled = any(t.dep_ not in _GOVERNED for t in p_below)
    if (
        all(t.dep_ in _GOVERNED or _controlled(t) for t in p_below)
        and common.pos_ in ("VERB", "AUX")
        and (not controlled or m_child.dep_ == "nsubj")
    ):
        # (a non-finite adverbial clause takes only the subject of the verb it hangs on:
        # "X a entamé une tournée, débutant par Y avant de se rendre en Z")
        role = _ROLE.get(m_child.dep_, "none")
        if role in ("nsubj", "obj", "iobj", "obl", "nsubj_pass", "agent"):
            case = _case(m_child) or _case(root)
            if m_child.dep_ == "obl" and case == "par":
                if any(c.dep_ == "aux:pass" for c in common.children):
                    role = "agent"
            return role, via or "governor", case
    return "none", "", ""


def _possessive(noun: Any) -> bool:
    """Whether a noun has a possessive determiner ("ses alliés", "son homologue")."""
    return any(c.dep_ == "det" and "Yes" in c.morph.get("Poss") for c in noun.children)


def _controlled(token: Any) -> bool:
    """A non-finite adverbial clause without a subject of its own ("avant de se rendre")."""
    return (
        token.dep_ == "advcl"
        and bool(set(token.morph.get("VerbForm")) & {"Inf", "Part"})
        and not any(c.dep_.startswith("nsubj") for c in token.children)
    )


def _list_head(root: Any, common: Any) -> bool:
    """Whether ``common`` is reached from ``root`` through list and name links only."""
    token = root
    while token.i != common.i:
        if token.dep_ not in ("conj", "flat:name", "flat", "appos", "amod"):
            return False
        token = token.head
    return True


def _verb_of(predicate: Any) -> Any | None:
    """The verb whose tense and mood a predicate takes (itself, or its governor)."""
    token = predicate
    steps = 0
    while token.pos_ not in ("VERB", "AUX") and steps < 4:
        if token.dep_ not in _GOVERNED or token.head.i == token.i:
            return None
        token = token.head
        steps += 1
    if token.pos_ not in ("VERB", "AUX"):
        return None
    while token.dep_ == "xcomp" and token.head.pos_ in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head  # "pourrait signer", "entend renforcer"
    return token


def _tense(verb: Any) -> tuple[str | None, str | None, str | None]:
    """``(Tense, Mood, VerbForm)``: the finite form's tense and mood, the verb's form."""
    verb_form = _first(verb.morph.get("VerbForm"))
    finite = verb
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "aux:tense", "aux:pass")]
    if auxiliaries:
        finite = auxiliaries[0]
    return _first(finite.morph.get("Tense")), _first(finite.morph.get("Mood")), verb_form


def _first(values: Iterable[str]) -> str | None:
    values = list(values)
    return values[0] if values else None
