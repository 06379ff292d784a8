"""The ground floor: vocabulary, tables, the loader's rules, and the Model (lookups only).

Imports go down only: this package imports nothing else of ``anatomy`` but
:mod:`anatomy.errors`.
"""

from anatomy.model.load import read_model
from anatomy.model.model import Model

__all__ = ["Model", "read_model"]
