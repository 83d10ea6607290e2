"""Verbal clauses: active, passive (agent kept), copula, xcomp chains, clausal objects, reported
speech, and the subjects that relative clauses, participles and conjoined verbs borrow."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from ..data import FRAME_PREPS, title_words
from .modality import mode
from .parse import (
    Kind,
    Parse,
    RawTuple,
    Source,
    conjuncts,
    infinitive,
    noun_phrase,
    trim,
    verb_group,
)
from .vocabulary import (
    ADDRESSING_VERBS,
    CLAUSAL,
    CONTENT_NOUNS,
    CORE_OBJECTS,
    LEGAL_FORMS,
    NAME_LABELS,
    NOUNISH,
    OPEN_QUOTES,
    PREDICATE_POS,
    REPORTING_VERBS,
    SUBJECTS,
    WH_TAGS,
)


# The construction of a clause whose object is cut to its noun, its "of" phrases and its complements.
HEADED = {Kind.OBJ: Kind.OBJ_HEAD, Kind.PP: Kind.PP_HEAD}
# Prepositions whose phrase on a noun completes it ("the fight against food surpluses", "a sell
# recommendation on Pepsico", "an agreement with the company"): an object cut before them is cut short.
PLACE_NAMES = frozenset({"GPE", "LOC", "FAC"})
COMPLEMENT_PREPS = frozenset({"on", "for", "in", "from", "to", "with", "against", "over", "between",
                              "about", "into", "toward", "towards", "per"})
# "52 dlr per share", "65 dlrs cash per share": a unit's PP, never an argument of its own.
UNIT_PREPS = frozenset({"per"})
# A noun's lexical frame: the prepositions whose phrase completes it (kg/data/words.tsv roles
# takes_on, takes_for, …).
NOUN_FRAMES: dict[str, frozenset[str]] = {}
for _prep in FRAME_PREPS:
    for _noun in title_words()[f"takes_{_prep}"]:
        NOUN_FRAMES[_noun] = NOUN_FRAMES.get(_noun, frozenset()) | {_prep}


def verbal_tuples(p: Parse) -> Iterator[RawTuple]:
    """The rule for verbal clauses: one clause per predicate not merged into its governor."""
    for tok in p.tokens:
        if tok.pos_ in PREDICATE_POS and tok.dep_ not in {"aux", "auxpass"} \
                and not _absorbed(p, tok):
            yield from clause(p, tok)


def _is_chain_xcomp(p: Parse, x: Token) -> bool:
    """An infinitive that continues its governor's relation: "refused to recognize", and through
    an adjective, "were able to reinforce"."""
    if x.dep_ != "xcomp" or x.pos_ not in PREDICATE_POS or p.first(x, "nsubj", "nsubjpass"):
        return False
    head = x.head
    if head.dep_ == "acomp" and head.head.pos_ in PREDICATE_POS:
        return p.first(head.head, "dobj") is None
    return p.first(head, "dobj") is None


def _absorbed(p: Parse, tok: Token) -> bool:
    """An xcomp whose relation is merged into its governing verb ("refused to recognize")."""
    return _is_chain_xcomp(p, tok) and (tok.head.pos_ in PREDICATE_POS or tok.head.dep_ == "acomp")


def subjects(p: Parse, verb: Token, depth: int = 0
             ) -> tuple[list[list[Token]], Source | None, Token | None]:
    """Subject arguments of `verb` (one per conjunct), how they were found, and the antecedent a
    relative clause stands for (to fill a relativised object)."""
    subj = p.first(verb, *SUBJECTS)
    antecedent = verb.head if verb.dep_ == "relcl" else None
    if subj is not None:
        if subj.tag_ in WH_TAGS or subj.lower_ == "that":
            if antecedent is None:
                return [], None, None
            return [noun_phrase(p, antecedent)], Source.RELCL, None
        if subj.dep_.startswith("csubj"):
            return [trim(p.subtree(subj))], Source.OWN, antecedent
        return [noun_phrase(p, c) for c in conjuncts(p, subj)], Source.OWN, antecedent
    if depth > 3:
        return [], None, None
    if verb.dep_ == "relcl":
        return [noun_phrase(p, verb.head)], Source.RELCL, None
    if p.first(verb, "expl") is not None:  # "there is no evidence": no subject to borrow
        return [], None, None
    outer = second_report(p, verb)
    if outer is not None:  # "Smith said A and added B": Smith added B
        found, _, _ = subjects(p, outer, depth + 1)
        return found, Source.CONJ, None
    if verb.dep_ in {"conj", "dep"} and verb.head.pos_ in PREDICATE_POS:
        found, _, ante = subjects(p, verb.head, depth + 1)
        return found, Source.CONJ, ante
    obj = p.first(verb.head, "dobj") if verb.dep_ == "xcomp" else None
    if obj is not None and obj.i < verb.i:  # object control: "urged Kyiv to accept"
        return [noun_phrase(p, c) for c in conjuncts(p, obj)], Source.CONTROL, None
    if verb.dep_ in {"xcomp", "advcl"} and verb.head.pos_ in PREDICATE_POS:
        found, _, _ = subjects(p, verb.head, depth + 1)
        return found, Source.CONTROL, None
    if verb.dep_ == "acl" and verb.head.pos_ in NOUNISH and verb.tag_ in {"VBN", "VBG"}:
        return [noun_phrase(p, verb.head)], Source.ACL, None
    return [], None, None


def _chain(p: Parse, verb: Token) -> tuple[list[Token], Token]:
    """Relation tokens through an xcomp chain, and the verb whose complements fill the tuple."""
    rel = verb_group(p, verb)
    cur = verb
    for _ in range(4):
        nxt = next((x for x in p.children(cur, "xcomp") if _is_chain_xcomp(p, x)), None)
        if nxt is None:
            adj = p.first(cur, "acomp")
            nxt = next((x for x in p.children(adj, "xcomp") if _is_chain_xcomp(p, x)), None) \
                if adj is not None else None
            if nxt is None:
                break
            rel.append(adj)
        rel.extend(verb_group(p, nxt))
        cur = nxt
    return sorted(rel, key=lambda t: t.i), cur


def attribution(p: Parse, verb: Token) -> list[Token] | None:
    """The speaker of the report a clause sits in: "Karasin" for "left" in "Karasin said the
    talks left him with …" and in "The talks left him …, Karasin said"; a report's second part
    ("… and added that B") is its speaker's own act, in no report."""
    if second_report(p, verb) is not None:
        return None
    node = _conj_root(verb, p)
    for _ in range(4):
        if node.dep_ != "ccomp" or node.head.pos_ not in PREDICATE_POS:
            return None
        head = node.head
        if head.lemma_ in REPORTING_VERBS:
            subj = p.first(head, "nsubj")
            if subj is None and second_report(p, head) is not None:
                subj = p.first(second_report(p, head), "nsubj")
            return noun_phrase(p, subj) if subj is not None else None
        node = _conj_root(head, p)
    return None


def second_report(p: Parse, verb: Token) -> Token | None:
    """The verb of report whose clause the parse ran on into a second report of the same speaker:
    "said" of "Smith said the plant would close and added that sales fell", where "added" (no
    subject of its own) hangs on "close"; None for any other verb."""
    head = verb.head
    if (verb.dep_ == "conj" and verb.lemma_ in REPORTING_VERBS and head.pos_ in PREDICATE_POS
            and p.first(verb, *SUBJECTS) is None):
        root = _conj_root(head)
        if root.dep_ == "ccomp" and root.head.lemma_ in REPORTING_VERBS:
            return root.head
    return None


def _conj_root(verb: Token, p: Parse | None = None) -> Token:
    """The first verb of a coordination; with `p`, not across a report's second part."""
    while verb.dep_ == "conj" and verb.head.pos_ in PREDICATE_POS:
        if p is not None and second_report(p, verb) is not None:
            break
        verb = verb.head
    return verb


def _shared_prefix(p: Parse, head: Token) -> list[Token]:
    """Auxiliaries (and an xcomp chain's start) that a conjoined verb shares with its head verb:
    "will have to sell or merge" → "will have to" for "merge"."""
    top = head
    while _absorbed(p, top):
        top = top.head
    rel, _ = _chain(p, top)
    return [t for t in rel if t.i < head.i and (t.dep_ in {"aux", "auxpass", "neg"} or t is not head
                                                and t.pos_ in PREDICATE_POS)]


def _fits(shared: list[Token], verb: Token) -> list[Token]:
    """The shared auxiliaries a conjoined verb's form can take: a base form only a modal, "to" or
    "do" ("will sell or merge"; not "were continue"), a participle in -ing only with "be", a past
    form only "have" (spaCy tags a conjoined passive VBN, so "was … and died" is active)."""
    def ok(t: Token) -> bool:
        if t.dep_ not in {"aux", "auxpass"}:
            return True
        lemma = t.lemma_ or t.lower_
        if verb.tag_ == "VB":
            return t.tag_ in {"MD", "TO"} or lemma == "do"
        if verb.tag_ == "VBG":
            return t.tag_ in {"MD", "TO"} or lemma == "be"
        if verb.tag_ == "VBD":
            return lemma == "have"
        return True
    kept = [t for t in shared if ok(t)]
    if verb.tag_ == "VBD" and not any(t.dep_ == "aux" for t in kept):
        return []
    return kept


def _clause_body(p: Parse, ccomp: Token) -> list[Token]:
    """A reported clause without its "that", inside its quotation marks if it is quoted."""
    mark = p.first(ccomp, "mark")
    second = {t.i for c in p.children(ccomp, "conj") if second_report(p, c) is not None
              for t in p.subtree(c)}  # "… would close the plant and added that …"
    body = trim([t for t in p.subtree(ccomp) if t is not mark and t.i not in second])
    # "no imminent catastrophe but [that …]"; "nearer 17 to 20 mln and\n [said …]": the "and"
    # before a line break the parse hung on it
    while body and (p.dep.get(body[-1].i) == "cc" or body[-1].is_space):
        body = trim(body[:-1])
    if body and body[0].i > p.sent.start and body[0].doc[body[0].i - 1].text in OPEN_QUOTES:
        body = trim([body[0].doc[body[0].i - 1], *body])
    return body


def _temporal(p: Parse, prep: Token) -> bool:
    """A PP naming a time ("in 1851", "on Sunday"): an extra argument, not the relation's."""
    pobj = p.first(prep, "pobj")
    return pobj is not None and pobj.ent_type_ in {"DATE", "TIME"}


def pp_phrase(p: Parse, prep: Token) -> list[Token]:
    return trim(p.subtree(prep, CLAUSAL))


def _inserted_copula(p: Parse, verb: Token, how: Source) -> list[str]:
    """The "is" a participle needs as a relation: "the case reviewed by" → "is reviewed"."""
    root = _conj_root(verb)
    if how is Source.ACL or (how is Source.CONJ and root.dep_ == "acl" and not p.first(root, *SUBJECTS)
                        and not p.first(verb, "aux", "auxpass")):
        return ["are" if root.head.tag_ in {"NNS", "NNPS"} else "is"]
    if how is Source.CONTROL and verb.dep_ == "advcl" and verb.tag_ in {"VBG", "VBN"} \
            and not p.first(verb, "aux", "auxpass", "mark"):
        return ["is"]
    return []


def _said_to(p: Parse, verb: Token, obj: Token, ccomp: Token | None) -> list[Token] | None:
    """What a verb of address says to its object: the clause of "told reporters (that) …", "asked
    the minister whether …", "urged Kyiv to accept …"; None when it has none."""
    if verb.lemma_ not in ADDRESSING_VERBS or obj.dep_ != "dobj" or obj.pos_ not in NOUNISH:
        return None
    if ccomp is None:
        ccomp = next((x for x in p.children(verb, "xcomp") if x.i > obj.i
                      and any(c.tag_ == "TO" for c in p.children(x, "aux"))), None)
        if ccomp is None:
            return None
        return trim(p.subtree(ccomp))
    mark = p.first(ccomp, "mark")
    body = _clause_body(p, ccomp)
    if mark is not None and mark.lower_ != "that":
        body = [mark, *body]
    return body


def _pobj(p: Parse, prep: Token) -> Token | None:
    """The noun a preposition governs ("to the bars"), None for a clause ("after giving …")."""
    pobj = p.first(prep, "pobj")
    return pobj if pobj is not None and pobj.pos_ in NOUNISH else None


def _head_words(p: Parse, head: Token, before: int) -> list[Token]:
    """A noun argument with its "of" phrases, up to position `before`: "a third row of seats";
    an amount with all its PPs ("22 billion dlrs in revenue"), which say what it counts."""
    return [t for t in noun_phrase(p, head, long_pp=amount(p, head)) if t.i < before]


def amount(p: Parse, noun: Token) -> bool:
    """A number, or a noun counted by one ("22 billion dlrs", "two to 15 pct"): its PPs say what
    is counted ("in revenue"), so it is never cut from them nor split at them."""
    if noun.pos_ == "NUM":
        return True
    deps = {p.dep[c.i] for c in p.kids.get(noun.i, [])}
    return "nummod" in deps and not deps & {"det", "poss"}  # not "an $ 843 million contract"


def _idiom(p: Parse, pobj: Token) -> bool:
    """"in order to keep them moist": a bare singular noun after a preposition (no determiner,
    modifier or number) that only introduces a clause is a connective, not an argument."""
    kids = p.kids.get(pobj.i, [])
    deps = [p.dep[c.i] for c in kids]
    if pobj.tag_ != "NN" or not any(d in CLAUSAL for d in deps):
        return False
    # "in a bid to push forward", "in an effort to": an indefinite noun naming a purpose
    indefinite = all(p.dep[c.i] in CLAUSAL or p.dep[c.i] == "det" and c.lower_ in {"a", "an"}
                     for c in kids)
    return indefinite or not any(
        d in {"det", "poss", "amod", "compound", "nummod", "prep", "conj"} for d in deps)


def pp_arguments(p: Parse, relation: list[Token], head: Token | None, preps: list[Token],
                 depth: int = 2) -> Iterator[tuple[list[Token], list[Token]]]:
    """The minimal facts a prepositional phrase adds to a clause, each with the clause's relation,
    its object's head words and the preposition as its relation: "Graner handcuffed him to the
    bars of a cell window" → ("handcuffed him to", [bars]), ("handcuffed him to the bars of",
    [window]). `preps` are the clause's own PPs after its verb; a noun's PPs follow its head."""
    for prep in preps:
        if prep.pos_ in {"NOUN", "PROPN", "NUM"} or prep.lower_ in UNIT_PREPS:
            continue  # a noun parsed as a preposition ("one ct a share"), a unit ("per share")
        pobj = _pobj(p, prep)
        if pobj is None or _idiom(p, pobj) or _contrast(prep):
            continue
        base = sorted([*relation, *(_head_words(p, head, prep.i) if head is not None else [])],
                      key=lambda t: t.i)
        if base and prep.i < base[-1].i:
            continue
        if head is not None and _measure(p, head, prep, pobj, base):
            continue
        rel = [*base, prep]
        heads = conjuncts(p, pobj)
        yield rel, heads
        if depth > 1:
            for h in heads:
                yield from pp_arguments(p, rel, h, _noun_preps(p, h), depth - 1)


def _contrast(prep: Token) -> bool:
    """"attributed the nosedive to speculation rather than real matters of supply": a PP that
    "rather"/"instead" turns into what the clause does not say, no argument of it."""
    doc = prep.doc
    return prep.lower_ in {"than", "of"} and (
        any(c.dep_ == "advmod" and c.lower_ in {"rather", "instead"} for c in prep.children)
        or prep.i > 0 and doc[prep.i - 1].lower_ in {"rather", "instead"})


def fronted_arguments(p: Parse, relation: list[Token], head: Token | None, preps: list[Token]
                      ) -> Iterator[tuple[list[Token | str], list[Token]]]:
    """The facts of PPs written before the clause ("In 1879, he was re-elected U.S. Senator" →
    "was re-elected U.S. Senator In" + 1879): the preposition, a word out of the clause's order,
    goes last as an inserted word."""
    words = [*relation, *(noun_phrase(p, head, long_pp=False) if head is not None else [])]
    for prep in preps:
        pobj = _pobj(p, prep)
        if pobj is None or _idiom(p, pobj):
            continue
        yield [*sorted(words, key=lambda t: t.i), prep.text], conjuncts(p, pobj)


def _measure(p: Parse, head: Token, prep: Token, pobj: Token, base: list[Token]) -> bool:
    """"raised 5.5 billion francs in new capital": an "in" + bare noun right after an amount says
    what the amount counts, whatever the parse attached it to; it is no argument of its own."""
    if not amount(p, head) or prep.lower_ != "in" or not base or prep.i != base[-1].i + 1:
        return False
    return pobj.ent_type_ not in {"DATE", "TIME"} and not any(
        p.dep[c.i] in {"det", "poss", "nummod"} for c in p.kids.get(pobj.i, []))


def _with_measure(p: Parse, head: Token, phrase: list[Token]) -> list[Token]:
    """An amount's phrase with the measure PP that follows it ("5.5 billion francs in new
    capital") when the parse hung that PP on the verb."""
    if not phrase:
        return phrase
    nxt = phrase[-1].i + 1
    if nxt >= p.sent.end or nxt not in p.dep or p.dep[nxt] != "prep":
        return phrase
    prep = p.sent.doc[nxt]
    pobj = _pobj(p, prep)
    if pobj is None or prep.head.i == head.i or not _measure(p, head, prep, pobj, phrase):
        return phrase
    return trim([*phrase, *p.subtree(prep, CLAUSAL)])


def _with_infinitive(p: Parse, head: Token, phrase: list[Token]) -> list[Token]:
    """A noun's phrase with the to-infinitive that completes it ("an option to acquire …")."""
    acl = [t for c in p.kids.get(head.i, []) if p.dep[c.i] == "acl" and c.i > head.i
           and infinitive(p, c) for t in p.subtree(c)]
    return trim([*phrase, *acl]) if acl else phrase


def _content_clause(p: Parse, verb: Token, noun: Token) -> bool:
    """"a judgment that Texaco interfered with Pennzoil's plan": a content noun's "that" clause,
    complete without the noun (the verb's object or its PP filled), not a relative clause ("the statement that Moscow rejected")."""
    if noun.lower_ not in CONTENT_NOUNS:
        return False
    kids = p.kids.get(verb.i, [])
    that = next((c for c in kids if c.lower_ == "that"), None)
    if that is None:
        return False
    filled = [c for c in kids if c is not that and (
        p.dep[c.i] in {"dobj", "ccomp", "attr", "xcomp"}
        or p.dep[c.i] == "prep" and p.first(c, "pobj") is not None and c.i <= verb.i + 2)]
    return bool(filled)


def complement_phrase(p: Parse, head: Token) -> list[Token]:
    """A noun with its "of" phrases and what completes it: its own PPs of COMPLEMENT_PREPS (not
    a nested noun's, which the parse often hangs there from the verb) and its to-infinitive
    ("an option to acquire up to 65 pct of Boliden"); not its other PPs, which may be the verb's,
    nor one after words the phrase leaves out ("the sale of the plants … in Iowa with buyers")."""
    out = noun_phrase(p, head, long_pp=False)
    if not out:  # a head the parse gave no phrase ("." as a conjunct): nothing to complete
        return out
    for c in p.kids.get(head.i, []):
        if c.i < head.i or c.is_space:
            continue
        if c.left_edge.i != _after(p, max(t.i for t in out)):
            break
        if p.dep[c.i] == "prep" and c.lower_ in COMPLEMENT_PREPS:
            pobj = _pobj(p, c)
            if pobj is not None and not _setting(c, pobj, head):
                out = [*out, *_pp_words(p, c)]
        elif p.dep[c.i] == "acl" and infinitive(p, c):
            out = [*out, *p.subtree(c)]
    # "an offer of 65 dlrs cash [per share]": a unit's PP stays with the amount it measures
    out = [*out, *[t for w in out for c in p.kids.get(w.i, []) if p.dep[c.i] == "prep"
                   and c.lower_ in UNIT_PREPS and c.i > w.i for t in p.subtree(c, CLAUSAL)]]
    return _with_hung(p, head, trim(list({t.i: t for t in out}.values())))


def _setting(prep: Token, pobj: Token, noun: Token | None = None) -> bool:
    """A PP naming a time or, with "in", a place ("a business in Hoboken"): where or when the
    verb's act is, whatever noun the parse hung it on; no complement of the noun. A firm the
    tagger took for a place ("in Enzon Inc": its legal form says what it is) is no place, and a
    time is the complement of a noun whose frame takes "for" ("commitments for the 1986/87
    season", "its estimate for 1987")."""
    if pobj.ent_type_ in {"DATE", "TIME"}:
        return not (noun is not None and prep.lower_ == "for" and "for" in frame(noun))
    return prep.lower_ == "in" and pobj.ent_type_ in PLACE_NAMES and pobj.lower_ not in LEGAL_FORMS


def frame(noun: Token) -> frozenset[str]:
    """The prepositions whose phrase completes `noun` (words.tsv roles takes_*; a plural reads
    its singular's row)."""
    word = noun.lower_
    found = NOUN_FRAMES.get(word)
    if found is None and word.endswith("s"):
        found = NOUN_FRAMES.get(word[:-3] + "y" if word.endswith("ies") else word[:-1])
    return found or frozenset()


def hung_complement(p: Parse, head: Token, phrase: list[Token]) -> list[Token]:
    """The preposition right after a common noun's phrase that the parse hung on a word before
    it (the verb, mostly) though the noun's frame takes it: "warned against reliance [on inflow
    of foreign capital]" (words.tsv roles takes_*); not a time or place, nor a PP the noun
    already owns. A time PP may stand between them ("authorized redemption [on April 17] [of
    its debentures]"): then [time preposition, complement preposition]. [] when none."""
    if head.pos_ != "NOUN" or not phrase:
        return []
    doc = p.sent.doc
    end = max(t.i for t in phrase)
    between: list[Token] = []
    for _ in range(2):
        nxt = _after(p, end)
        if nxt >= p.sent.end or p.dep.get(nxt) != "prep":
            return []
        prep = doc[nxt]
        pobj = _pobj(p, prep)
        if pobj is None or prep.head.i > prep.i or prep.head.i == head.i and not between:
            return []
        if prep.lower_ in frame(head) and not _setting(prep, pobj, head):
            return [*between, prep]
        if between or pobj.ent_type_ not in {"DATE", "TIME"}:
            return []
        between = [prep]  # the time's own words, not the PPs the parse hung on them
        end = max(t.i for t in p.subtree(pobj) if not any(
            a.dep_ == "prep" and a.head.i == pobj.i for a in [t, *t.ancestors] if a.i != pobj.i))
    return []


def _after(p: Parse, i: int) -> int:
    """The index of the first word after token i, over the line breaks of the text ("access\n
    to investment credits")."""
    doc = p.sent.doc
    i += 1
    while i < p.sent.end and doc[i].is_space:
        i += 1
    return i


def _with_hung(p: Parse, head: Token, phrase: list[Token]) -> list[Token]:
    """A noun's phrase with its hung complement (hung_complement), if any, and the time
    between them."""
    preps = hung_complement(p, head, phrase)
    if not preps:
        return phrase
    time = [t for t in p.sent.doc[preps[0].i:preps[-1].i] if not t.is_space] if len(preps) > 1 else []
    return trim([*phrase, *time, *_pp_words(p, preps[-1])])


def _pp_words(p: Parse, prep: Token) -> list[Token]:
    """A complement PP: the preposition, its own words before its noun, and the noun's phrase
    with "of" phrases only; an "of" phrase keeps its coordination, as noun_phrase's do ("of its
    4-3/4 pct and five pct convertible debentures")."""
    pobj = _pobj(p, prep)
    words = [prep, *[t for t in p.subtree(prep, CLAUSAL) if t.i < pobj.i and t.head.i == prep.i],
             *noun_phrase(p, pobj, long_pp=False)]
    if prep.lower_ == "of":
        for c in conjuncts(p, pobj)[1:]:
            words.extend(noun_phrase(p, c, long_pp=False))
        words.extend(t for t in p.kids.get(pobj.i, []) if p.dep[t.i] in {"cc", "preconj"})
    return words


def _hung_preps(p: Parse, heads: list[Token]) -> set[int]:
    """The hung complements of a clause's object nouns: theirs, so no argument of the verb."""
    found = set()
    for h in heads:
        if h.pos_ == "NOUN" and not amount(p, h):
            found.update(t.i for t in hung_complement(p, h, noun_phrase(p, h, long_pp=False)))
    return found


def _noun_preps(p: Parse, noun: Token) -> list[Token]:
    """The first PP after a common noun ("the bars of"), not one inside a name ("University of
    Connecticut School of Dental Medicine") nor after a name ("Renault of France")."""
    if noun.ent_type_ in NAME_LABELS:
        return []
    first = next((c for c in p.children(noun, "prep") if c.i > noun.i), None)
    return [first] if first is not None and first.ent_iob_ != "I" else []


def object_conjuncts(p: Parse, head: Token) -> list[Token]:
    """The conjuncts of an object head that are objects of their own: not a bare noun the parse
    split from the noun it modifies ("sold its battery products, home and automobile products …
    businesses": not "home", not "automobile"), nor, after a person's role, the apposition of a
    name inside that role ("was the founder of Manor Care, a nursing home and hotel operator":
    not "a nursing home", not "hotel operator")."""
    heads = conjuncts(p, head)
    doc, end = head.doc, p.sent.end
    cut: set[int] = set()
    for c in reversed(heads[1:]):
        bare = all(p.dep[k.i] in {"cc", "conj", "punct"} for k in p.kids.get(c.i, []))
        after = doc[c.i + 1] if c.i + 1 < end else None
        if bare and after is not None and (
                after.pos_ in {"NOUN", "PROPN"} and after.dep_ != "appos"
                or after.lower_ in {"and", "or"} and c.i + 2 < end and doc[c.i + 2].i in cut):
            cut.add(c.i)
    if head.dep_ == "attr" and _person_role(head):
        for c in heads[1:]:
            left = c.left_edge.i
            if (left >= 2 and doc[left - 1].text == "," and doc[left - 2].pos_ == "PROPN"
                    and head.i < left - 2 and not _person_role(c) and not p.first(c, "prep")):
                cut.update(h.i for h in heads if h.i >= c.i)
                break
    return [h for h in heads if h.i not in cut]


def _person_role(noun: Token) -> bool:
    from ..data import lexicon
    return noun.lower_ in lexicon().title_heads or noun.lower_ in title_words()["person"]


def clause(p: Parse, verb: Token) -> Iterator[RawTuple]:
    """The tuples of the clause headed by `verb`: its subjects × its object's conjuncts, with the
    relation (verb group, chain, governed preposition) and extra arguments (other PPs)."""
    subj_args, how, antecedent = subjects(p, verb)
    if not subj_args:
        return
    content = antecedent is not None and _content_clause(p, verb, antecedent)
    if content:
        # "a jury judgment that Texaco interfered with …": the clause says what the judgment is;
        # the noun is no object of the clause's verb, nor is its "that".
        antecedent = None
    rel, cur = _chain(p, verb)
    if how is Source.CONJ and not p.first(verb, "aux", "auxpass") and (
            verb.tag_ in {"VBN", "VB", "VBG"} or verb.tag_ == "VBD" and verb.head.tag_ == "VBN"):
        rel = _fits(_shared_prefix(p, verb.head), verb) + rel
    inserted = _inserted_copula(p, verb, how)
    lemma = cur.lemma_ if cur is not verb and verb.lemma_ in {"be", "have"} else verb.lemma_
    kids = p.kids.get(cur.i, [])
    if cur is not verb:
        kids = kids + [c for c in p.kids.get(verb.i, []) if p.dep[c.i] in {"prep", "npadvmod"}]
    objects = [c for c in kids if p.dep[c.i] in CORE_OBJECTS and not (content and c.lower_ == "that")]
    if not objects and not any(p.dep[c.i] in {"prep", "agent", "ccomp"} for c in kids):
        objects = [o for c in p.children(cur, "conj") if c.pos_ in PREDICATE_POS
                   for o in p.children(c, "dobj")][:1]
    ccomp = next((c for c in kids if p.dep[c.i] == "ccomp"), None)
    preps = [c for c in kids if p.dep[c.i] in {"prep", "agent"} and p.first(c, "pobj", "pcomp")
             and not _contrast(c)]
    rel = sorted(rel + [c for c in kids if p.dep[c.i] == "prep" and c.i > cur.i
                        and not p.kids.get(c.i)], key=lambda t: t.i)  # "referred to as"
    npadv = [c for c in kids if p.dep[c.i] == "npadvmod"]
    noun_conj = [c for c in p.children(verb, "conj") if c.pos_ in {"NOUN", "PROPN"}]

    def emit(relation, obj_heads, extras_src, kind: Kind, obj_phrase=None):
        extras = [pp_phrase(p, e) if p.dep[e.i] in {"prep", "agent"}
                  else _clause_body(p, e) if p.dep[e.i] == "ccomp" else noun_phrase(p, e)
                  for e in sorted(extras_src, key=lambda t: t.i)]
        objs: list[list[Token] | None]
        short: list[list[Token] | None] = []
        if obj_phrase is not None:
            objs = [obj_phrase]
        elif obj_heads:
            objs = [_with_hung(p, o, _with_measure(p, o, _with_infinitive(p, o, noun_phrase(p, o))))
                    if o.pos_ in NOUNISH
                    else trim(p.subtree(o, CLAUSAL)) for o in obj_heads]
            named = p.titled
            if obj_heads[0].i in named:
                # "led by chairman of … Grigory Karasin and adviser to … Sergey Beseda"
                first, last = obj_heads[0].left_edge.i, obj_heads[-1].right_edge.i
                objs = [name for i, (name, _, _) in sorted(named.items()) if first <= i <= last]
            elif kind in HEADED:
                # "an offence under section 1": the noun without its PPs is the fact; the PP is
                # a fact of its own (Kind.PP_ARG), the long form stays for the n-ary view
                short = [complement_phrase(p, o)
                         if o.pos_ in NOUNISH and not amount(p, o) else None
                         for o in obj_heads]
        else:
            objs = [None]
        speaker = attribution(p, verb)
        stance = mode(p, verb, relation).value
        for s in subj_args:
            for j, o in enumerate(objs):
                cut = short[j] if short else None
                cut = cut if cut and o and len(cut) < len(o) else None
                yield RawTuple(s, [*inserted, *relation], o, kind, extras, lemma, speaker, how,
                               mode=stance, shortened=cut is not None)
                if cut is not None:
                    yield RawTuple(s, [*inserted, *relation], cut, HEADED[kind], extras, lemma,
                                   speaker, how, mode=stance)

    def pp_emit(relation, heads):
        # a PP's fact: its noun with "of" phrases only ("the outskirts of Murray")
        for h in heads:
            yield from emit(relation, [], [], Kind.PP_ARG,
                            obj_phrase=noun_phrase(p, h, long_pp=False))

    post = [c for c in preps if c.i > cur.i]
    first_subject = min((t.i for arg in subj_args for t in arg), default=verb.i)
    front = [c for c in preps if c.i < min(verb.i, first_subject) and p.dep[c.i] == "prep"]
    if objects:
        head = objects[0]
        heads = object_conjuncts(p, head) if head.pos_ in NOUNISH else [head]
        if noun_conj and head.dep_ == "dobj":
            heads += noun_conj
        if head.tag_ in WH_TAGS or head.lower_ == "that":
            if antecedent is None:
                return
            heads = [antecedent]
        said_to = _said_to(p, cur, head, ccomp)
        if said_to is not None:
            # "told reporters the talks failed": the addressee in the relation, what was said its object
            yield from emit(sorted([*rel, *noun_phrase(p, head)], key=lambda t: t.i), [],
                            preps + npadv, Kind.CCOMP, obj_phrase=said_to)
            return
        said = [ccomp] if ccomp is not None and verb.lemma_ in REPORTING_VERBS else []
        hung = _hung_preps(p, heads)  # "has commitments [for 1986/87]": the noun's, not the verb's
        if hung:
            preps = [c for c in preps if c.i not in hung]
            post = [c for c in post if c.i not in hung]
        yield from emit(rel, heads, preps + npadv + said, Kind.OBJ)
        light = None
        if head.dep_ == "dobj" and head.pos_ == "NOUN" and len(heads) == 1 and not amount(p, head):
            light = next((c for c in p.children(head, "prep")
                          if c.i > head.i and p.first(c, "pobj") and c.lower_ not in UNIT_PREPS), None)
        if light is not None:
            # "attributed the decline to brisk demand": a noun and its preposition in the relation
            noun = [t for t in noun_phrase(p, head) if t.i < light.i]
            pobj = p.first(light, "pobj")
            yield from emit(sorted([*rel, *noun, light], key=lambda t: t.i), conjuncts(p, pobj),
                            preps + npadv, Kind.LIGHT)
        if head.tag_ in WH_TAGS or head.lower_ == "that":
            return
        for h in heads:
            if h.pos_ not in NOUNISH and h.pos_ != "ADJ":  # "became very ill with"
                continue
            own = [] if amount(p, h) else [c for c in _noun_preps(p, h) if c is not light]
            for relation, arg in [*pp_arguments(p, rel, h, post),
                                  *pp_arguments(p, rel, h, own, depth=1),
                                  *fronted_arguments(p, rel, h, front)]:
                yield from pp_emit(relation, arg)
        return
    if ccomp is not None:
        mark = p.first(ccomp, "mark")
        relation = rel + ([mark] if mark is not None and verb.lemma_ not in REPORTING_VERBS
                          and mark.lower_ == "that" else [])
        kind = Kind.CCOMP if verb.lemma_ in REPORTING_VERBS else Kind.CLAUSE
        yield from emit(sorted(relation, key=lambda t: t.i), [], preps + npadv, kind,
                        obj_phrase=_clause_body(p, ccomp))
        return
    if antecedent is not None and p.first(verb, *SUBJECTS) is not None and not any(
            c.lower_ in {"when", "where", "why", "how"} for c in p.children(verb, "advmod")):
        # "the gamble which Keibler lost" without an explicit object: the antecedent is it.
        yield from emit(rel, [antecedent], preps + npadv, Kind.OBJ)
        return
    if post:
        agent = next((c for c in post if p.dep[c.i] == "agent"), None)
        first = agent or next((c for c in post if not _temporal(p, c)), post[0])
        pobj = p.first(first, "pobj", "pcomp")
        heads = object_conjuncts(p, pobj) if pobj.dep_ == "pobj" else [pobj]
        if noun_conj:
            heads += noun_conj
        hung = _hung_preps(p, heads)  # "warned against reliance [on inflow …]": the noun's
        rest = [c for c in preps if c is not first and c.i not in hung] + npadv
        post = [c for c in post if c.i not in hung]
        relation = sorted([*rel, first], key=lambda t: t.i)
        if pobj.dep_ == "pcomp":
            yield from emit(relation, [], rest, Kind.PP, obj_phrase=trim(p.subtree(pobj, CLAUSAL)))
        else:
            yield from emit(relation, heads, rest, Kind.PP)
            others = [c for c in post if c is not first]
            for h in heads:
                for relation2, arg in [*pp_arguments(p, relation, h, _noun_preps(p, h), depth=1),
                                       *fronted_arguments(p, relation, h, front),
                                       # "is in registration for" + the offering: a copula
                                       # says nothing without its first PP
                                       *(pp_arguments(p, relation, h, others)
                                         if cur.lemma_ == "be" else [])]:
                    yield from pp_emit(relation2, arg)
        if cur.lemma_ != "be":
            for relation2, arg in pp_arguments(p, rel, None, [c for c in post if c is not first]):
                yield from pp_emit(relation2, arg)
        return
    extras = [c for c in preps + npadv if c.i > cur.i]  # not a fronted "For example"
    if extras:
        yield from emit(rel, [], extras[1:], Kind.PP,
                        obj_phrase=pp_phrase(p, extras[0]) if extras[0].dep_ == "prep"
                        else noun_phrase(p, extras[0]))
        return
    adv = [c for c in kids if p.dep[c.i] == "advmod" and c.i > cur.i and c.tag_ not in WH_TAGS]
    if adv:
        yield from emit(rel, [], [], Kind.NONE, obj_phrase=trim(p.subtree(adv[0], CLAUSAL)))
        return
    yield from emit(rel, [], [], Kind.NONE)
