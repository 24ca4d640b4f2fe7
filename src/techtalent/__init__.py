"""techtalent: technology education and the labour market in the Netherlands, on one skills language."""

__version__ = "0.1.0"
