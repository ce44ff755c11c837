"""Analysis of parsed notices: recycled measures (normalise → shingle → MinHash LSH → verify →
families) and boilerplate. See ``graphkit.analysis.recycled`` for the public API."""
