"""Importers: turn other people's datasets (UCDP's CSV files) into tables of afg's own format.

An importer reads a published file as it is, writes a table directory that `afg check` passes and
`--data` layers over the curated one, and reports rows it cannot take with a line and a code. It never
prints: the CLI shows what it returns.
"""
