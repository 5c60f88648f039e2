"""The fact table as data: its records, its written format, reading and checking it."""
