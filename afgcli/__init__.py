"""afg: an offline fact lookup for the Afghan conflict, 1973 to today."""

__version__ = "0.1.0"
