"""Entity ids: flat local names that never need an escape in Turtle or SPARQL, independent of
document order, of the entity's type and of any counter (rule in docs/iris.md)."""

from __future__ import annotations

import dataclasses
import hashlib
import re
import unicodedata
from collections import Counter, defaultdict

from ..types import Fact, Resolution

MAX_NAME = 60
_NOT_NAME = re.compile(r"[^A-Za-z0-9]+")
LOCAL_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")


def short_hash(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:8]


def local_name(text: str) -> str:
    """ASCII letters and digits of `text` joined by `_` ("São Paulo" → "Sao_Paulo"); a name with no
    ASCII letter left becomes "x" plus a hash of the text, so it stays distinct."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    name = _NOT_NAME.sub("_", folded).strip("_")[:MAX_NAME].rstrip("_")
    return name or "x-" + short_hash(text)


def safe_local_name(text: str) -> str:
    """`text` when it is already a flat local name, else its local name plus a hash of `text`."""
    return text if LOCAL_NAME.fullmatch(text) else f"{local_name(text)}-{short_hash(text)}"


def assign_ids(res: Resolution) -> Resolution:
    """Rename the resolver's working ids to their final local names.

    An entity is named by its canonical label alone. When several distinct entities of one build
    share that name, the one with most mentions (then type, then label, then aliases) keeps it and
    each other one gets `-` plus a hash of its type, label and first document.
    """
    mentions = Counter(res.mentions.values())
    first_doc: dict[str, str] = {}
    for (doc_id, _start), eid in res.mentions.items():
        if eid not in first_doc or doc_id < first_doc[eid]:
            first_doc[eid] = doc_id
    by_name = defaultdict(list)
    for e in res.entities:
        by_name[local_name(e.label)].append(e)
    rename: dict[str, str] = {}
    for name, same in by_name.items():
        same.sort(key=lambda e: (-mentions[e.id], e.type, e.label, e.aliases, e.id))
        rename[same[0].id] = name
        for e in same[1:]:
            rename[e.id] = f"{name}-{short_hash(e.type, e.label, first_doc.get(e.id, ''))}"
    new = rename.__getitem__
    entities = tuple(sorted((dataclasses.replace(e, id=new(e.id)) for e in res.entities), key=lambda e: e.id))
    facts = tuple(sorted((dataclasses.replace(f, subject=new(f.subject),
                                              object=new(f.object) if f.object_is_entity else f.object,
                                              attributed_to=new(f.attributed_to) if f.attributed_to else None)
                          for f in res.facts), key=Fact.order))
    roles = tuple(sorted((dataclasses.replace(r, person=new(r.person), of=new(r.of) if r.of else None)
                        for r in res.roles), key=lambda r: (r.person, r.title, r.of or "")))
    nodes = tuple(dataclasses.replace(n, involves=tuple(sorted(map(new, n.involves))),
                                      attributed_to=new(n.attributed_to) if n.attributed_to else None)
                  for n in res.nodes)
    links = {key: new(eid) for key, eid in res.mentions.items()}
    return Resolution(entities, facts, roles, nodes, mentions=links)
