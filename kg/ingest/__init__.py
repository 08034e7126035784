"""Ingest: input files -> Documents (decoded, dated) -> articles and sentences with raw offsets.

docs = [segment(d) for d in load_documents(["pages/"], dates_file="dates.tsv")]
"""

from kg.ingest.articles import segment
from kg.ingest.bylines import parse_byline
from kg.ingest.dates import DateError, parse_date
from kg.ingest.decode import DecodeError, decode_bytes
from kg.ingest.ocr import repair
from kg.ingest.readers import count_documents, load_documents
from kg.ingest.sentences import split_spans

__all__ = [
    "DateError",
    "DecodeError",
    "count_documents",
    "decode_bytes",
    "load_documents",
    "parse_byline",
    "parse_date",
    "repair",
    "segment",
    "split_spans",
]
