"""briefgen: turn news coverage into trustworthy, cited briefings and a versioned static site."""

__version__ = "0.1.0"
