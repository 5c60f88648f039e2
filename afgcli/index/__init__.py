"""The index: building the SQLite file from a table, caching it, and reading records out of it."""
