"""The course: teaching tables and cards by topic, and the :class:`Lesson` a notebook holds.

The top floor: it may use everything below (widgets, figures, words, engine,
model). Each topic module holds pure functions of (model, inputs, log); a
notebook calls them through its ``lesson = course.Lesson(model)``, which keeps
the citations they show for ``lesson.references()``.
"""

from anatomy.course.display import Card, Table
from anatomy.course.lesson import Lesson

__all__ = ["Card", "Lesson", "Table"]
