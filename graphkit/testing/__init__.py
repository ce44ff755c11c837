"""Support for graphkit's own tests and benchmarks: generated notices with planted recycled
measures (`graphkit.testing.synth`). Not used by the product at run time."""
