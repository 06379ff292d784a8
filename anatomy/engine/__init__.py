"""The engine: pure functions of (model, inputs).

lesions and grading, localize, practice cases, nerve tension and the
neurodynamic tests, and the one checking layer for user input. It imports only
:mod:`anatomy.model` and :mod:`anatomy.errors`.
"""
