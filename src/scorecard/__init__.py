"""scorecard: score US cities and counties on protections for immigrant residents."""

__version__ = "0.1.0"
