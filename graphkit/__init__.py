"""graphkit: rectification notices (巡视/巡察整改进展情况的通报) → a knowledge graph."""

__version__ = "0.1.0"
