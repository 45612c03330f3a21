"""The checks of Week 1 (Cats vs Dogs)."""
