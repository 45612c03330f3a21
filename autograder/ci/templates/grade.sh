#!/usr/bin/env bash
# The grading steps of .github/workflows/grade.yml, one per call (the tests run this script too).
#   install  bubblewrap, the pinned dependencies (requirements.lock, every file checked
#            against its hash) and the grader's wheel from wheels/ (or the requirement $GRADER)
#   prepare  the student data (offline stand-in), without any held-out image
#   run      the notebook in the sandbox: the only step that runs student code
#   decrypt  the held-out bundle with $HELDOUT_KEY (after the student's code has finished)
#   score    checks, evidence, report.html, result formats, $GITHUB_STEP_SUMMARY
set -euo pipefail

step="${1:?usage: grade.sh install|prepare|run|decrypt|score}"
temp="${RUNNER_TEMP:?RUNNER_TEMP is not set}"
export AUTOGRADER_DATA_ROOT="$temp/data" AUTOGRADER_HELDOUT_ROOT="$temp/heldout"
export AUTOGRADER_WORK_ROOT="$temp/work" TF_CPP_MIN_LOG_LEVEL=3
state="$temp/state"
grading="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
feedback="$temp/feedback"

case "$step" in
  install)
    if ! command -v bwrap >/dev/null 2>&1; then
      sudo apt-get update -qq
      sudo apt-get install -y -qq bubblewrap
    fi
    # Ubuntu 24.04 forbids unprivileged user namespaces by default; the sandbox needs them.
    userns=kernel.apparmor_restrict_unprivileged_userns
    if [ "$(sysctl -n "$userns" 2>/dev/null || echo 0)" != 0 ]; then
      sudo sysctl -w "$userns=0"
    fi
    if [ -n "${GRADER:-}" ]; then
      python -m pip install --quiet "$GRADER"
    else
      python -m pip install --quiet --require-hashes -r "$grading/requirements.lock"
      # the wheel alone, offline: every dependency it names must already be there
      python -m pip install --quiet --no-index --find-links "$grading/wheels" \
        "cnn-tf-autograder==@@VERSION@@"
    fi
    ;;
  prepare)
    # The student's files only: no held-out image, no secret (those come from the bundle).
    autograder data "$ASSIGNMENT" --student "$AUTOGRADER_DATA_ROOT"
    ;;
  run)
    autograder ci run "$NOTEBOOK" --assignment "$ASSIGNMENT" --state "$state"
    ;;
  decrypt)
    autograder ci decrypt .github/grading/heldout.bundle --key-env HELDOUT_KEY
    ;;
  score)
    autograder ci score --state "$state" --json "$feedback/grade-result.json"
    autograder feedback "$feedback/grade-result.json" --out "$feedback" \
      --summary "${GITHUB_STEP_SUMMARY:-$feedback/step-summary.md}"
    ;;
  *)
    echo "grade.sh: unknown step $step" >&2
    exit 2
    ;;
esac
