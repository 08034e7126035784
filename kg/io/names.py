"""File names and ids for people to read.

Why: a file name that is not valid UTF-8 (a GBK name copied from an old Windows disk) reaches kg as a
string with lone surrogates (Python's surrogateescape: 张 in GBK -> "\\udcd5\\udcc5"). Records keep it
losslessly; a terminal cannot print it, and control characters in a name could garble the terminal.
"""

from __future__ import annotations


def _readable(ch: str) -> str:
    return ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii")


def display_name(name: str) -> str:
    """`name` as printable text: undecodable bytes as \\xNN, control and invisible characters escaped.

    A name that decodes cleanly and holds only printable characters comes back unchanged.
    """
    try:  # surrogateescape turns "\\udcd5" back into the byte 0xd5 it stands for
        text = name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a surrogate that no byte made (a JSON "\\ud800" escape)
        text = name.encode("utf-8", "backslashreplace").decode("utf-8")
    return text if text.isprintable() else "".join(map(_readable, text))
