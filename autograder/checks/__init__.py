"""Checks: small functions that judge a submission's artifacts."""

from autograder.checks.base import (
    Check, MissingArtifact, Outcome, check, failed, passed, run_check, run_checks)

__all__ = ["Check", "MissingArtifact", "Outcome", "check", "failed", "passed", "run_check",
           "run_checks"]
