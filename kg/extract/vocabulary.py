"""Every word, tag and dependency set the extractor reads, in one place (after textacy's
`constants.py`). Word lists that are data live in kg/data/ and are loaded here; the sets below are
spaCy's own label inventories (dependencies, fine tags, entity types) and English function words."""

from __future__ import annotations

from cleanco.termdata import terms_by_type

from ..data import CALENDAR_WORDS, LEGAL_WORDS, label_classes, title_words  # noqa: F401 (re-exported)

# Dependency labels
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass"})
NOMINAL_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
VERB_GROUP = frozenset({"aux", "auxpass", "neg", "prt"})
# Children never kept inside an argument: clauses, appositions, coordination at the head.
CLAUSAL = frozenset({"relcl", "acl", "advcl", "appos", "parataxis", "ccomp", "xcomp", "csubj",
                     "dep", "mark"})
HEAD_ONLY_CUT = frozenset({"conj", "cc", "preconj"})
CORE_OBJECTS = ("dobj", "attr", "oprd", "acomp")

# Fine tags and coarse parts of speech
WH_TAGS = frozenset({"WDT", "WP", "WP$", "WRB"})
PRONOUN_TAGS = frozenset({"PRP", "PRP$", "WP", "WDT", "EX"})
NOUNISH = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
NOMINAL = frozenset({"NOUN", "PROPN", "NUM"})
NOUNS = frozenset({"NOUN", "PROPN"})
PREDICATE_POS = frozenset({"VERB", "AUX"})

# Entity labels
ORG_ENTS = frozenset({"ORG", "GPE", "NORP", "LOC", "FAC"})
PLACE_ENTS = frozenset({"GPE", "LOC"})
THINGS = frozenset({"ORG", "GPE", "LOC", "FAC", "SIDE", "EVENT"})  # what "it" can stand for
NAME_LABELS = frozenset({"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT",
                         "WORK_OF_ART", "LAW"})
LABEL_CLASS = label_classes()  # entity label → ontology class (kg/data/labels.tsv)

# Punctuation
EDGE_PUNCT = frozenset({",", ".", ":", ";", "-LRB-", "-RRB-", "--", "-", "!", "?"})
OPEN_QUOTES = frozenset({"``", "“"})
CLOSE_QUOTES = frozenset({"''", "”"})
NAME_STOP = frozenset({",", "and", "or", ".", ";", ":", "(", "-LRB-", "--"})
BULLETS = frozenset({"-", "•", "*", "–", "—"})

# Function words
COPULAS = frozenset({"is", "are", "was", "were", "am"})  # inserted be-forms CaRB writes as "be"
ARTICLES = frozenset({"the", "a", "an"})
LOCATIVE_PREPS = frozenset({"in", "at", "near", "from", "on", "of", "for", "with"})
TITLE_LINKS = frozenset({"of", "to", "the", "at", "for"})
OF_PREPS = frozenset({"of", "to", "at", "with", "for"})
MASCULINE = frozenset({"he", "him", "his"})
FEMININE = frozenset({"she", "her", "hers"})
NEUTER = frozenset({"it", "its"})
THIRD_PERSON = frozenset({"he", "him", "his", "she", "her", "hers", "it", "its", "they", "them",
                          "their", "theirs"})
HONORIFIC_GENDER = {"mr": "m", "mr.": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f",
                    "miss": "f"}
# modals of possibility and of obligation: "must devalue", "ought to hold" is a view, not an act
HYPOTHETICAL_MODALS = frozenset({"would", "could", "might", "may", "should", "'d", "must", "ought"})
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether", "lest"})
NEGATIONS = frozenset({"not", "n't", "never", "no"})
# Adjectives that do not describe their noun ("other countries", "its own forces").
NOT_PROPERTIES = frozenset("""other such many several own same various certain few first last next
former late much more most less least only main whole entire""".split())

# Word lists kept as data (kg/data/titles.tsv, kg/data/speech_verbs.tsv)
_WORDS = title_words()
TITLES = _WORDS["title"]            # a bare title noun before a name: "chairman … Karasin"
HONORIFICS = _WORDS["honorific"]    # never a title: "Mr. Putin"
REPORTING_VERBS = _WORDS["report"]  # a clause under them is attributed to their subject
SPEECH_VERBS = _WORDS["speech"]     # their subject is not "he" inside the quotation
DENYING_VERBS = _WORDS["deny"]      # a clause under them is denied: "Denying he was a gangster"
DEMANDING_VERBS = _WORDS["demand"]  # a clause under them is demanded: "called for Kelly to visit"
INTENDING_VERBS = _WORDS["intend"]  # an act under them is not yet done: "agreed to reduce"
CONTENT_NOUNS = _WORDS["content"]  # "a judgment that Texaco interfered": the clause is its content
THEME_WITH_VERBS = _WORDS["give_with"]
OBJECT_PP_VERBS = _WORDS["object_pp"]  # "attributed the drop to": the object needs its PP  # object the recipient, with-PP the thing: "supply X with"
ADDRESSING_VERBS = _WORDS["address"]  # object addressed, clause said: "told reporters (that) …"
MEETING_NOUNS = _WORDS["meeting"]   # "his meeting with Kellogg": its owner met Kellogg
BELIEF_VERBS = _WORDS["belief"]  # a clause under them is an opinion: "feels it can resolve"
NOT_TAKEN_PLACE = _WORDS["cancel"]  # "cancelled his meeting", "his planned meeting": it did not
COMPLEMENT_VERBS = _WORDS["complement"]  # the object needs a predicative: "called the pace encouraging"
BODY_NOUNS = _WORDS["body"]  # a body one is a member of: "joined the board"
COLLECTIVE_WORDS = _WORDS["collective"]  # an act done together: "Landes and Schwartz reached an agreement"
# One-word legal forms of company names ("Inc", "Corp.", "Plc"): never a thing of their own.
LEGAL_FORMS = frozenset(t.strip().lower() for terms in terms_by_type.values() for t in terms
                        if " " not in t.strip())
# The word after "and"/"&" that makes the names before it one firm: "Parke, Davis and Co".
PARTNER_FORMS = frozenset({"co", "company", "sons", "cie"})
# Lower-case words inside names: "Bank of America", "Banco do Brasil", "Pierson, Heldring en Pierson".
NAME_PARTICLES = frozenset("""of the and for on in at to de del della di da do dos das du des la le
les van von der den ter en et y e el al bin ben per und""".split())
