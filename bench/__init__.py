"""Benchmarks: every module here with a main(argv) prints numbers; `python -m bench` runs all."""
