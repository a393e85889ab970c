"""Amounts of money, shared by both contexts."""
