"""Dot-voting: the coordinator asks, partners spend a budget of dots, the ranking decides."""
