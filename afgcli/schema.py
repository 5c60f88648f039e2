"""The written format of the fact table (facts/README.md) as data the loader checks against."""

from __future__ import annotations

from pathlib import Path


def builtin_dir() -> Path:
    """The table shipped in the wheel, or the checkout's `facts/` when run from source."""
    packaged = Path(__file__).with_name("facts")
    return packaged if packaged.is_dir() else Path(__file__).resolve().parent.parent / "facts"


FILES: dict[str, tuple[str, ...]] = {
    "sources.csv": ("id", "title", "publisher", "published", "url", "file", "licence"),
    "entities.csv": ("id", "name", "kind", "aliases", "summary", "start", "end", "sources"),
    "facts.csv": ("id", "date", "entities", "kind", "text", "sources", "low", "high", "unit"),
    "roles.csv": ("entity", "role", "organization", "start", "end", "sources"),
}

# Columns a table may leave out of its header (added after tables were written): read as empty.
OPTIONAL_COLUMNS: dict[str, tuple[str, ...]] = {"sources.csv": ("licence",)}

REQUIRED: dict[str, tuple[str, ...]] = {
    "sources.csv": ("id", "title", "publisher", "published", "file"),
    "entities.csv": ("id", "name", "kind", "summary", "sources"),
    "facts.csv": ("id", "date", "entities", "kind"),
    "roles.csv": ("entity", "role", "sources"),
}

ENTITY_KINDS = frozenset(
    "person group party government country organization place operation agreement conference event".split()
)

FACT_KINDS = frozenset(
    """coup uprising invasion battle offensive attack bombing assassination massacre capture retreat
    withdrawal ceasefire agreement negotiation conference election appointment founding alliance policy
    aid sanction death exile statement claim denial accusation report estimate figure event""".split()
)
