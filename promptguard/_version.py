"""The version, in a module that imports nothing, so every layer can report it cheaply."""

__version__ = "0.1.0"
