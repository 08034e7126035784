"""The Tagger protocol: sentences in, mentions out.

A tagger is any object with a stable `name` (it goes into cache keys and mention
provenance) and a `tag` method. Implementations: `kg.tag.embedded` (the offline default)
and `kg.tag.hanlp_backend` (HanLP models the user has locally).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

from kg.model import Mention


class TaggerLoadError(RuntimeError):
    """A tagger could not be loaded; the message says what to do about it."""


@runtime_checkable
class Tagger(Protocol):
    name: str

    def tag(self, texts: Sequence[str]) -> list[list[Mention]]:
        """Return, for each text, its PERSON/LOCATION/ORGANIZATION(/DATE) mentions.

        Texts come as printed (full-width digits, Latin letters and punctuation included); a tagger folds
        them to whatever its model was trained on (`kg.textnorm.fold` keeps the length, so offsets hold).
        Offsets are into the text as given. Implementations batch internally.
        """
        ...
