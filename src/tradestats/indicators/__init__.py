"""Indicators: the query model, indicator definitions (YAML) and their compilation to Ibis."""
