"""Answering: finding names, searching, reading periods, and the answers each question gets."""
