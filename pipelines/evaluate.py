"""Score predicted events against a gold file: `python pipelines/evaluate.py PRED.jsonl GOLD.jsonl`.

PRED may be an events JSONL or the DocResult JSONL of a build; see kg/evaluate.py for how
events are matched. Example: data/gold/sample_events.jsonl.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg.evaluate import main

if __name__ == "__main__":
    sys.exit(main())
