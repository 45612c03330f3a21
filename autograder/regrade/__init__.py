"""Regrading from kept evidence: after a change in checks or bars, only the checks run again.

Every grading keeps what its sandbox produced (`EvidenceKeeper` → `EvidenceStore`, in
``<results>/.evidence``); `regrade_folder` runs today's checks on it and rewrites each
result, running a notebook again only when its evidence is missing or what its execution
depended on changed (`autograder.regrade.fingerprint`).
"""

from autograder.regrade.fingerprint import changed_inputs, execution_inputs
from autograder.regrade.keep import EvidenceKeeper
from autograder.regrade.regrade import CHECKED, EXECUTED, LEFT, RegradeRow, regrade_folder
from autograder.regrade.store import (EVIDENCE_FOLDER, EvidenceMissing, EvidenceStore,
                                      KeptFile, KeptRun)

__all__ = ["CHECKED", "EXECUTED", "LEFT", "EVIDENCE_FOLDER", "EvidenceKeeper", "EvidenceMissing",
           "EvidenceStore", "KeptFile", "KeptRun", "RegradeRow", "changed_inputs",
           "execution_inputs", "regrade_folder"]
