"""Vigil: read conflict news, keep a sourced, geocoded record."""

__version__ = "0.1.0"

__all__ = ["Vigil", "__version__"]


def __getattr__(name):
    # Imported lazily so that `import vigil.records` stays light for worker processes.
    if name == "Vigil":
        from vigil.api import Vigil

        return Vigil
    raise AttributeError(name)
