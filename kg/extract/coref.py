"""Pronoun resolution by rules over the parse: he/she/it → the most salient earlier name.

Compatibility: he/him/his need a person not known to be female, she/her one not known to be male
(first-name table, Mr/Ms); it/its need an organisation, place or side. they/them/their stay
unresolved: a plural rarely names one of our entities. Salience: a subject pronoun prefers the
subject of a main clause, a possessive or object pronoun the nearest name; names inside a quotation
are not seen from outside it, from inside a quotation the speaker is not "he", and a quoted "it"
takes no name outside its quotation ("…,\" it said" is no quote). A person
without a name ("a company spokesman said …; he declined to comment") competes with the names:
when he is the most salient, the pronoun is his and stays unresolved.
"""

from __future__ import annotations

import bisect

from spacy.tokens import Doc, Token

from ..data import fold, lexicon
from ..types import Mention
from .vocabulary import (
    FEMININE,
    HONORIFIC_GENDER,
    MASCULINE,
    NEUTER,
    BODY_NOUNS,
    SPEECH_VERBS,
    THINGS,
)
from .vocabulary import NOMINAL_SUBJECTS as SUBJECTS

WINDOW = 3  # sentences back
# An unnamed person must be clearly the most salient to take a pronoun: a pronoun that a name's
# chain holds in the sentence before stays with the name (salience of a main-clause subject
# one sentence back is -1.0; of another clause's subject -1.5).
UNNAMED_PENALTY = 0.75
# "It said …", "he added": the subject of a verb of speech is most often the speaker of an earlier
# report ("BankAmerica said it sold Bankhaus Centrale Credit AG … It said"), even over the subject
# of a main clause one sentence nearer (one sentence back costs 2.0).
REPORTER_BONUS = 2.1


def antecedents(doc: Doc, names: list[Mention], pronouns: list[Mention],
                people: list[Mention] = ()) -> dict[int, int]:
    """Map each resolvable pronoun's start offset to the start offset of the name it stands for.
    `people` are unnamed persons (`unnamed_people`): a he/she whose best antecedent is one of
    them is left out of the map."""
    quote = _quote_ids(doc)
    openers = {}
    for tok in doc:
        openers.setdefault(quote[tok.i], tok)
    token_at = {t.idx: t for t in doc}
    by_start = {m.start: m for m in names}
    persons = _person_names(names)
    lex = lexicon()
    by_surname = {m.text.split()[-1]: lex.first_names.get(fold(m.text.split()[0]), "")
                  for m in names if m.start in persons and len(m.text.split()) > 1}
    gender = {m.start: _gender(token_at[m.start], m, by_surname)
              for m in names if m.start in persons}
    resolved: dict[int, int] = {}
    candidates = sorted((m for m in [*names, *people] if m.label not in {"NAT"}), key=lambda m: m.start)
    unnamed = {m.start for m in people}
    for m in people:
        gender[m.start] = _noun_gender(m.text)
    earlier = sorted(pronouns, key=lambda m: m.start)
    name_window, pronoun_window = _Window(candidates), _Window(earlier)
    sentence_of = {m.start: m.sentence for m in [*names, *pronouns]}
    named = {}  # head token index → start offset of the name it heads
    for m in names:
        if m.label not in {"NAT"}:
            named.setdefault(_head_token(doc, token_at[m.start], m.end).i, m.start)
    reports = [t for t in doc if (_reports(t) and t.dep_ == "nsubj" or _quoted_as(t)) and t.tag_ != "NNS"
               and t.pos_ in {"NOUN", "PROPN", "PRON"} and t.text[:1].isalpha()
               and t.lower_ not in {"they", "we", "i", "you"}]
    speakers: dict[int, int | None] = {}  # report subject index → its speaker's name, None unknown
    for p in pronouns:
        word = p.text.lower()
        if word not in MASCULINE | FEMININE | NEUTER:
            continue
        ptok = token_at[p.start]
        if word == "it" and _expletive(ptok):
            continue
        if _reports(ptok) and ptok.dep_ == "nsubj" and (not quote[ptok.i] or _after_quote(ptok)):
            # "…, it said" continues the nearest earlier report whose speaker it can be: that
            # speaker or no reading (never a name the report or its content only mentions)
            prior = _prior_report(ptok, word, reports, p.sentence, sentence_of, token_at, named,
                                  speakers, resolved, persons, gender, by_start)
            if prior is not False:
                if prior is not None:
                    resolved[p.start] = prior
                continue
        best: tuple[float, int] | None = None
        pool = [(m, m.start) for m in name_window.before(p)] + [
            (p2, resolved[p2.start]) for p2 in pronoun_window.before(p) if p2.start in resolved]
        for m, target in pool:
            if m.end > p.start or p.sentence - m.sentence > WINDOW:
                continue
            if target in unnamed:
                # outside quotations only (a quoted "he" is rarely its unnamed speaker), and
                # never the subject of an object pronoun's own clause
                if (word in NEUTER or gender[target] not in {"", "m" if word in MASCULINE else "f"}
                        or quote[ptok.i] or not _reporting(ptok, token_at[m.start])):
                    continue
            elif not _compatible(word, target, persons, gender, by_start):
                continue
            mtok = token_at[m.start]
            head = _head_token(doc, mtok, m.end)
            if head.dep_ in {"compound", "amod", "nmod"} and head.head.pos_ == "NOUN":
                continue
            if word in NEUTER and not _thing_salient(head, word, p.sentence == m.sentence):
                continue
            if word not in NEUTER and _reported_by(mtok, ptok):
                continue  # "… a bill introduced by Senator Lloyd Bentsen, he said": not Bentsen
            if word in NEUTER and _reports(ptok) and (
                    _mentioned_in_report(head, ptok) or (
                        not _reports(head) and by_start.get(target) is not None
                        and (by_start[target].label in {"GPE", "LOC"}
                             or by_start[target].cue == "Place"))):
                # "The proposal provides that REPH would become …, it said": not REPH; a
                # country is the speaker of "it said" only when it was one
                continue
            if not _visible(mtok, ptok, quote, openers) or (
                    target not in unnamed and _speaker(token_at[target], ptok, quote, openers)):
                continue
            if (word in NEUTER and quote[ptok.i] and quote[mtok.i] != quote[ptok.i]
                    and not _reports(ptok)):
                continue  # a quoted "it" is what the speaker talks of, rarely a name outside the quote
            score = _salience(head, ptok, p, m) - (UNNAMED_PENALTY if target in unnamed else 0.0)
            if _reports(ptok) and _reports(head):
                score += REPORTER_BONUS
            if best is None or score > best[0]:
                best = (score, target)
        if best is not None and best[1] not in unnamed:
            resolved[p.start] = best[1]
    return resolved


def unnamed_people(doc: Doc, lex) -> list[Token]:
    """Subjects that are a person without a name: an office or job noun in the singular ("a
    company spokesman", "the official", "one dealer"), not a title before or beside a name."""
    from ..data import title_words
    nouns = lex.title_heads | title_words()["person"]
    # "the president" of a story that names "President Reagan" is Reagan
    held = {t.lower_ for t in doc if t.i + 1 < len(doc) and doc[t.i + 1].ent_type_ == "PERSON"
            and t.ent_type_ != "PERSON"}
    found = []
    for tok in doc:
        definite = any(c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in tok.children)
        if definite and tok.lower_ in held:
            continue
        if (tok.dep_ in SUBJECTS and tok.tag_ == "NN" and tok.lower_ in nouns
                and tok.ent_type_ == "" and not any(
                    c.dep_ in {"compound", "appos"} and c.pos_ == "PROPN" for c in tok.children)
                and not any(c.dep_ == "appos" for c in tok.children)):
            found.append(tok)
    return found


def _reporting(ptok: Token, noun: Token) -> bool:
    """The pronoun says what the unnamed person does as a source: it is the subject of a verb of
    speech ("…, he said", "He added"), or a possessive in the clause that person reports ("One
    official said his bank aims …")."""
    if ptok.dep_ in SUBJECTS and ptok.head.lemma_ in SPEECH_VERBS:
        return True
    verb = ptok
    while verb.head.i != verb.i:
        verb = verb.head
        if verb.lemma_ in SPEECH_VERBS and noun.head.i == verb.i and noun.dep_ in SUBJECTS:
            return ptok.dep_ == "poss"
    return False


def _prior_report(ptok, word, reports, sentence, sentence_of, token_at, named, speakers,
                  resolved, persons, gender, by_start):
    """The speaker of the nearest earlier report (outside quotations, at most WINDOW sentences
    back) that a reporting pronoun `word` can continue: its name's start offset, None when that
    report's speaker is not a name we know ("the department said" with no department named
    before, "the secretary general … said"), False when there is no such report."""
    for tok in reversed(reports):
        if tok.i >= ptok.i:
            continue
        if tok.sent.start < ptok.sent.start and _sentence_gap(tok, ptok) > WINDOW:
            return False
        speaker = _speaker_of(tok, reports, named, speakers, resolved, token_at, by_start, persons)
        if speaker is not None:
            if _compatible(word, speaker, persons, gender, by_start):
                return speaker
            if word in NEUTER and speaker in persons:
                continue  # "Chairman John Smith said …; it said": the company spoke before
            kind = by_start[speaker]
            if word not in NEUTER and (kind.label in THINGS or kind.cue in {"Organization", "Place"}):
                continue  # a company's report before "he said"
            return None  # a person named as something else ("… Development Jean-Claude Paye")
        person = tok.lower_ in MASCULINE | FEMININE or _person_noun(tok)
        if tok.lower_ in NEUTER or tok.lower_ in MASCULINE | FEMININE:
            if (tok.lower_ in NEUTER) == (word in NEUTER):
                return None  # an unresolved pronoun of the same kind: its doubt carries on
            continue
        if person == (word not in NEUTER):
            return None
    return False


def _quoted_as(tok: Token) -> bool:
    """"X was quoted (as saying …)": X is a speaker too."""
    return tok.dep_ == "nsubjpass" and tok.head.lemma_ == "quote"


def _after_quote(tok: Token) -> bool:
    """'…," he said': the token follows a quotation's end, whatever an unbalanced quotation mark
    earlier in the story made of the count."""
    doc = tok.doc
    return tok.i >= 2 and doc[tok.i - 1].text in {'"', "''", "”"} and doc[tok.i - 2].text in {
        ",", ".", "?", "!"}


def _sentence_gap(a: Token, b: Token) -> int:
    """How many sentences lie between token a and the later token b, counting b's."""
    doc, count, sent = b.doc, 0, b.sent
    while sent.start > a.sent.start and count <= WINDOW + 1:
        sent = doc[sent.start - 1].sent
        count += 1
    return count


def _person_noun(tok: Token) -> bool:
    from ..data import title_words
    return (tok.lower_ in lexicon().title_heads or tok.lower_ in title_words()["person"]
            or tok.ent_type_ == "PERSON")


def _speaker_of(tok, reports, named, speakers, resolved, token_at, by_start, persons) -> int | None:
    """The name that the subject `tok` of a report stands for: a name it heads, the name a
    resolved pronoun stands for, or for "the department"/"the company" the speaker of the report
    before it whose name holds the noun or is a body the noun names."""
    if tok.i in speakers:
        return speakers[tok.i]
    speaker = named.get(tok.i)
    if speaker is None:  # "The head of the Authority, Murilo Rubens Habbema, was quoted"
        speaker = next((named[c.i] for c in tok.children if c.dep_ == "appos" and c.i in named), None)
    if speaker is None and _person_noun(tok):  # the parse hung the name on "Authority"
        speaker = next((named[c.i] for c in tok.subtree if c.dep_ == "appos" and c.i in named
                        and named[c.i] in persons), None)
    if speaker is None and tok.tag_ in {"PRP"}:
        speaker = resolved.get(tok.idx)
    if speaker is None and tok.pos_ == "NOUN" and any(
            c.dep_ == "det" and c.lower_ in {"the", "this"} for c in tok.children):
        for prev in reversed(reports):
            if prev.i >= tok.i:
                continue
            if _sentence_gap(prev, tok) > WINDOW:
                break
            before = _speaker_of(prev, reports, named, speakers, resolved, token_at, by_start, persons)
            if before is None:
                continue
            words = {fold(w).lower() for w in by_start[before].text.split()}
            noun = (tok.lemma_ or tok.lower_).lower()
            if noun in words or (before not in persons and (
                    noun in BODY_NOUNS or lexicon().cues.get(noun) == "Organization")) or (
                    before in persons and _person_noun(tok)
                    and not any(c.dep_ in {"prep", "appos"} for c in tok.children)):
                # "The utility said", "The Chase economist also said" (not "the secretary
                # general of the OECD said", another person)
                speaker = before
            break
    speakers[tok.i] = speaker
    return speaker


def _mentioned_in_report(head: Token, ptok: Token) -> bool:
    """The name is in the clause the reporting pronoun reports, deeper than its subject (or the
    subject's possessor): "The proposal provides that REPH would become …, it said". A company
    that is the reported clause's subject is the speaker ("Bally acquired …, it noted")."""
    verb = ptok.head
    node = head
    while node.head.i != node.i and node.head.i != verb.i:
        node = node.head
    if node.head.i != verb.i or node.dep_ != "ccomp" or node.i == ptok.i:
        return False
    subject = head if head.dep_ in SUBJECTS else head.head if head.dep_ == "poss" else None
    return subject is None or subject.head.i != node.i


def _reports(tok: Token) -> bool:
    """The token is the subject of a verb of speech: "It said", "Smith added" (not "Japan added
    689,700 tonnes": "add" with an object and no clause is no speech)."""
    if tok.dep_ not in SUBJECTS or tok.head.lemma_ not in SPEECH_VERBS:
        return False
    return tok.head.lemma_ != "add" or not any(c.dep_ == "dobj" for c in tok.head.children) or any(
        c.dep_ == "ccomp" for c in tok.head.children)


def _noun_gender(word: str) -> str:
    word = word.lower()
    return "f" if word.endswith("woman") else "m" if word.endswith("man") else ""


class _Window:
    """Mentions (sorted by start) that begin before a pronoun, at most WINDOW sentences back,
    found by bisection so that resolving every pronoun stays linear in the document's length."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.mentions = mentions
        self.sentences = [m.sentence for m in mentions]
        self.starts = [m.start for m in mentions]

    def before(self, p: Mention) -> list[Mention]:
        lo = bisect.bisect_left(self.sentences, p.sentence - WINDOW)
        hi = bisect.bisect_left(self.starts, p.start)
        return self.mentions[lo:hi]


def _person_names(names: list[Mention]) -> set[int]:
    """Start offsets of names that denote people: tagged or cued as persons, or a known surname."""
    people = {m.start for m in names if m.label == "PERSON" or m.cue == "Person"}
    surnames = {m.text.split()[-1] for m in names if m.start in people and len(m.text.split()) > 1}
    return people | {m.start for m in names
                     if m.text in surnames and m.cue not in {"Place", "Organization"}}


def _gender(first: Token, mention: Mention, by_surname: dict[str, str]) -> str:
    """m/f from an honorific before the name, else from the (full name's) first name."""
    if first.i > 0 and first.nbor(-1).lower_ in HONORIFIC_GENDER:
        return HONORIFIC_GENDER[first.nbor(-1).lower_]
    words = mention.text.split()
    if len(words) > 1:
        return lexicon().first_names.get(fold(words[0]), "")
    return by_surname.get(words[-1], "")


def _compatible(word: str, target: int, persons: set[int], gender: dict[int, str],
                by_start: dict[int, Mention]) -> bool:
    if word in NEUTER:
        kind = by_start.get(target)
        return (kind is not None and target not in persons
                and (kind.label in THINGS or kind.cue in {"Organization", "Place"}))
    if target not in persons:
        return False
    known = gender.get(target, "")
    return not known or known == ("m" if word in MASCULINE else "f")


def _reported_by(tok: Token, pronoun: Token) -> bool:
    """`tok` is in the one-sentence clause that `pronoun`, the subject of a verb of speech,
    reports: a person reporting is not the person his report names ("That reference spoils a
    bill introduced by Senator Lloyd Bentsen, he said"). A company is ("Bally acquired …, it
    noted", Reuters' style), so the caller asks this of he/she only; a clause that holds a
    sentence end or a quotation is a bad split and says nothing."""
    verb = pronoun.head
    if pronoun.dep_ not in SUBJECTS or verb.lemma_ not in SPEECH_VERBS:
        return False
    node = tok
    while node.head.i != node.i and node.head.i != verb.i:
        node = node.head
    if node.head.i != verb.i or node.dep_ != "ccomp" or node.i == pronoun.i:
        return False
    return not any(t.text in {".", "?", "!", '"', "“", "”", "``", "''"}
                   for t in tok.doc[node.left_edge.i:node.right_edge.i + 1])


def _thing_salient(head: Token, word: str, same_sentence: bool) -> bool:
    """'it' takes a subject (or a subject's possessor); 'its' any name earlier in its sentence."""
    if word == "its" and same_sentence:
        return True
    return head.dep_ in SUBJECTS or (head.dep_ == "poss" and head.head.dep_ in SUBJECTS)


def _expletive(tok: Token) -> bool:
    """'it is crucial that…', 'it was a long day', 'if it is determined that…'."""
    if tok.dep_ == "nsubjpass" and any(c.dep_ == "ccomp" for c in tok.head.children):
        return True
    return tok.dep_ in {"expl", "nsubj"} and tok.head.lemma_ in {"be", "seem", "appear"}


def _head_token(doc: Doc, first: Token, end_char: int) -> Token:
    span = doc.char_span(first.idx, end_char, alignment_mode="expand")
    return span.root if span is not None else first


def _salience(head: Token, ptok: Token, p: Mention, m: Mention) -> float:
    distance = p.sentence - m.sentence
    score = -2.0 * distance
    main = head.dep_ in SUBJECTS and head.head.dep_ in {"ROOT", "conj"}
    if ptok.dep_ in SUBJECTS:
        score += 1.0 if main else 0.5 if head.dep_ in SUBJECTS else 0.0
        score += 0.001 * (m.start - p.start) / 100
    else:
        score += 0.3 if head.dep_ in SUBJECTS else 0.0
        score += 1.0 / (1 + (p.start - m.end) / 20)
    return score


def _speaker(name: Token, ptok: Token, quote: list[int], openers: dict[int, Token]) -> bool:
    """The name (its first token) is the speaker of the quotation the pronoun is in, named
    earlier by the same surname ("… he has been able to go around the power elite …,"
    Schneider said, with William Schneider named before): a speaker is not "he" in his quote."""
    qp = quote[ptok.i]
    if not qp:
        return False
    verb = openers[qp].sent.root
    if verb.lemma_ not in SPEECH_VERBS:
        return False
    return any(subj.text[:1].isupper() and name.i < subj.left_edge.i and _surname_of(name) == subj.text
               for subj in verb.children if subj.dep_ in SUBJECTS)


def _surname_of(first: Token) -> str:
    """The last word of the proper-noun name that starts at `first`."""
    tok = first
    while tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].pos_ == "PROPN" and tok.doc[tok.i + 1].ent_iob_ == "I":
        tok = tok.doc[tok.i + 1]
    return tok.text


def _quote_ids(doc: Doc) -> list[int]:
    """For each token, 0 outside quotations, else the number of the quotation it is in."""
    ids: list[int] = []
    current, count = 0, 0
    for tok in doc:
        text = tok.text
        if "\n" in text:
            current = 0
        if text in {"“", "«"} or (text == '"' and current == 0):
            count += 1
            current = count
            ids.append(current)
            continue
        if text in {"”", "»"} or (text == '"' and current):
            ids.append(current)
            current = 0
            continue
        ids.append(current)
    return ids


def _visible(mtok: Token, ptok: Token, quote: list[int], openers: dict[int, Token]) -> bool:
    """A name in a quotation is not seen from outside it; a speaker is not 'he' in his quote."""
    qm, qp = quote[mtok.i], quote[ptok.i]
    if qm and qm != qp:
        return False
    if qp and not qm:
        opener = openers[qp]
        verb = opener.sent.root
        if verb.lemma_ in SPEECH_VERBS:
            for subj in (c for c in verb.children if c.dep_ in SUBJECTS):
                if subj.left_edge.i <= mtok.i <= subj.i:
                    return False
    return True
