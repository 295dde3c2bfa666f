"""Shared concepts used by every stage: folders, text normalisation, names and
same-person matching, blocs, the lexicon loader, table contracts and the cache.

``core`` imports no stage package.
"""
