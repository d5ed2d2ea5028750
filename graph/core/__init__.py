"""Foundations every stage shares: facts, text folding, atomic writes, the naming scheme."""
