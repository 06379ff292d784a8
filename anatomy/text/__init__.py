"""Words, plain-text reports and citations: one vocabulary of phrases for every view.

Imports go down only: :mod:`anatomy.engine` and :mod:`anatomy.model`.
"""
