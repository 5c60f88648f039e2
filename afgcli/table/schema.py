"""The written format of the fact table (facts/README.md) as data the loader checks against."""

from __future__ import annotations

from pathlib import Path


def builtin_dir() -> Path:
    """The curated table shipped in the wheel, or the checkout's `facts/` when run from source."""
    package = Path(__file__).resolve().parent.parent  # afgcli/, above this module's layer
    packaged = package / "facts"
    return packaged if packaged.is_dir() else package.parent / "facts"


def builtin_layers() -> list[Path]:
    """What `builtin` names: the curated table, then the UCDP layer made from UCDP's Country-Year file."""
    curated = builtin_dir()
    return [curated, curated / "ucdp"]


FILES: dict[str, tuple[str, ...]] = {
    "sources.csv": ("id", "title", "publisher", "published", "url", "file", "licence", "origin", "citation"),
    "entities.csv": ("id", "name", "kind", "aliases", "summary", "start", "end", "sources", "ucdp"),
    "facts.csv": ("id", "date", "entities", "kind", "text", "sources", "low", "high", "unit", "best"),
    "roles.csv": ("entity", "role", "organization", "start", "end", "sources"),
}

# Columns a table may leave out of its header (added after tables were written): read as empty.
OPTIONAL_COLUMNS: dict[str, tuple[str, ...]] = {
    "sources.csv": ("licence", "origin", "citation"),
    "entities.csv": ("ucdp",),
    "facts.csv": ("best",),
}

CURATED = "curated"  # the origin of a record whose sources are documents, not a dataset

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

# Each fact kind's code in the index (Store.fact_traits): its place in alphabetical order.
KIND_CODES: dict[str, int] = {kind: code for code, kind in enumerate(sorted(FACT_KINDS))}
