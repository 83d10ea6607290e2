"""Frozen records passed between pipeline stages. No spaCy object leaves `kg.extract`."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Document:
    """One article: clean text plus the metadata ingest could find."""

    id: str
    text: str
    title: str | None = None
    date: str | None = None
    source: str | None = None
    author: str | None = None
    path: str | None = None


@dataclass(frozen=True)
class Skip:
    """An input that was not turned into a Document, and why."""

    where: str
    reason: str


@dataclass(frozen=True)
class Phrase:
    """Words of one sentence: their text and character offsets in the document.

    `start`/`end` cover the words taken from the text; `head` is the start offset of the
    syntactic head (or -1 for words kg inserted, such as an implicit "is").
    """

    text: str
    start: int
    end: int
    head: int = -1


@dataclass(frozen=True)
class Sentence:
    index: int
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Triple:
    """One subject–relation–object extraction (n-ary: `extras` hold time/place arguments)."""

    doc_id: str
    sentence: int
    subject: Phrase
    relation: Phrase
    object: Phrase | None
    extras: tuple[Phrase, ...] = ()
    confidence: float = 0.5
    kind: str = "svo"
    lemma: str = ""
    inserted: tuple[int, ...] = ()  # positions in relation.text.split() of words kg inserted ("is")
    attribution: Phrase | None = None  # who reported it: "Karasin" in "Karasin said the talks …"
    modality: str = ""  # "" (asserted), negated, hypothetical or demanded ("did not sign", "would respond", "called for Kelly to visit"; kg.extract.modality): not a plain fact
    object_form: str = ""  # the object head's value label (DATE, MONEY…) or part of speech
    object_core: Phrase | None = None  # the object's head phrase, or the value's entity span
    relation_norm: str = ""  # content words, verbs lemmatised: "have been holding talks in" → "hold talks in"


@dataclass(frozen=True)
class Mention:
    """A span that may name a thing: a named entity, a proper-noun chunk or a pronoun.

    `label` is spaCy's entity label (or PRON/PROPN/NOUN, NAT for a nationality adjective, SIDE for
    "the Russian delegation"); `role` the head's dependency; `antecedent` the start offset of the
    mention a pronoun was resolved to, if any; `cue` the class the context suggests ("Person"…).
    """

    doc_id: str
    sentence: int
    text: str
    start: int
    end: int
    label: str
    role: str = ""
    antecedent: int | None = None
    cue: str = ""


@dataclass(frozen=True)
class Title:
    """A title read beside a person's name: "Kremlin spokesperson Dmitry Peskov".

    `person` and `of` are start offsets of mentions in the same document; `start`/`end` cover the title.
    """

    doc_id: str
    sentence: int
    person: int
    title: str
    of: int | None
    start: int
    end: int


@dataclass(frozen=True)
class Extraction:
    """Everything the extract stage learned from one document."""

    doc_id: str
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...]
    triples: tuple[Triple, ...]
    titles: tuple[Title, ...] = ()


@dataclass(frozen=True)
class Entity:
    """A resolved real-world thing."""

    id: str
    label: str
    type: str
    aliases: tuple[str, ...] = ()
    kind: str | None = None  # a subclass of `type` when the name tells it: Country, City, NewsAgency…


@dataclass(frozen=True)
class Evidence:
    """Where a fact was read: document, sentence, offsets, confidence."""

    doc_id: str
    sentence: str
    start: int
    end: int
    confidence: float


@dataclass(frozen=True)
class Fact:
    """A reading between resolved nodes (kg.facts): subject, property, object and its sources.

    `predicate` is an ontology property ("leads") or a minted one ("kgr:meet_at");
    `object_kind` says what `object` is: an entity id, a thing or claim id (`Node`), a typed
    value (`datatype`, an XSD local name) or text. An `attributed_to` speaker or a `modality`
    keeps the reading out of the plain fact layer.
    """

    subject: str
    predicate: str
    relation: str
    object: str
    object_is_entity: bool
    evidence: tuple[Evidence, ...] = field(default=())
    object_kind: str = "text"
    datatype: str = ""
    attributed_to: str | None = None
    modality: str = ""
    object_text: str = ""

    def order(self) -> tuple[str, ...]:
        """The order facts are kept in (a total order on what identifies a fact)."""
        return (self.subject, self.predicate, self.relation, self.object, self.object_kind,
                self.attributed_to or "", self.modality)


@dataclass(frozen=True)
class Node:
    """A node for something the text names without a proper name: a thing ("the ceasefire") or
    a claim (what a speaker said). One per document and normalised phrase (docs/facts.md)."""

    id: str
    label: str
    kind: str  # "Thing" or "Claim"
    doc_id: str
    involves: tuple[str, ...] = ()  # entity ids named inside the phrase
    attributed_to: str | None = None


@dataclass(frozen=True)
class Role:
    """A position a person holds, read from a title or apposition: Umerov – Defense Minister – Ukraine.

    `of` is the entity id of the organisation or place the position belongs to, if known.
    """

    person: str
    title: str
    of: str | None = None
    evidence: tuple[Evidence, ...] = field(default=())


@dataclass(frozen=True)
class Resolution:
    """Output of the resolve stage: entities, mention → entity links, facts and roles."""

    entities: tuple[Entity, ...]
    facts: tuple[Fact, ...]
    roles: tuple[Role, ...] = ()
    nodes: tuple[Node, ...] = ()
    mentions: dict[tuple[str, int], str] = field(default_factory=dict, hash=False, compare=False)
