"""What each consumer of our result files documents, as JSON Schemas for the tests.

Written from the consumers' own documentation and code (not copied):
- Classroom 50: ``schemas/result-v1.schema.json`` of foundation50/classroom50 (per test
  ``test-name``, ``passed``, integer ``score`` and ``max-score``; extra test fields allowed).
- classroom-resources autograding reporter: ``src/types.ts`` / ``src/main.js`` of
  autograding-grading-reporter (``<RUNNER>_RESULTS`` holds base64 JSON with ``version``,
  ``status`` pass/fail/error, ``max_score`` and ``tests[]`` with ``name``, ``status``,
  ``message``, ``test_code``, ``line_no``; NotifyClassroom adds up each test's ``score``).
- Gradescope: "Autograder Specifications", output format of ``results.json`` (``score``,
  ``output``, ``visibility``, ``stdout_visibility``, ``tests[]`` with ``score``,
  ``max_score``, ``status`` passed/failed, ``name``, ``number``, ``output``, ``visibility``).
"""

from __future__ import annotations

_VISIBILITY = {"enum": ["hidden", "after_due_date", "after_published", "visible"]}

CLASSROOM50 = {
    "type": "object",
    "required": ["score", "max-score", "tests"],
    "properties": {
        "score": {"type": "integer", "minimum": 0},
        "max-score": {"type": "integer", "minimum": 0},
        "tests": {"type": "array", "items": {
            "type": "object", "required": ["test-name", "passed", "score", "max-score"],
            "properties": {"test-name": {"type": "string", "minLength": 1},
                           "passed": {"type": "boolean"},
                           "score": {"type": "integer", "minimum": 0},
                           "max-score": {"type": "integer", "minimum": 0}}}},
    },
}

REPORTER = {
    "type": "object",
    "required": ["version", "status", "max_score", "tests"],
    "properties": {
        "version": {"type": "number"},
        "status": {"enum": ["pass", "fail", "error"]},
        "max_score": {"type": "number"},
        "tests": {"type": "array", "items": {
            "type": "object", "required": ["name", "status", "line_no", "message", "test_code"],
            "properties": {"name": {"type": "string"}, "status": {"enum": ["pass", "fail", "error"]},
                           "line_no": {"type": "number"}, "message": {"type": "string"},
                           "test_code": {"type": "string"}, "score": {"type": "number"}}}},
    },
}

GRADESCOPE = {
    "type": "object",
    "required": ["score", "tests"],
    "properties": {
        "score": {"type": "number"},
        "execution_time": {"type": "number"},
        "output": {"type": "string"},
        "visibility": _VISIBILITY,
        "stdout_visibility": _VISIBILITY,
        "extra_data": {"type": "object"},
        "tests": {"type": "array", "items": {
            "type": "object", "required": ["name", "score", "max_score", "output", "visibility"],
            "properties": {"name": {"type": "string"}, "number": {"type": "string"},
                           "score": {"type": "number"}, "max_score": {"type": "number"},
                           "status": {"enum": ["passed", "failed"]},
                           "output": {"type": "string"}, "visibility": _VISIBILITY}}},
    },
}
