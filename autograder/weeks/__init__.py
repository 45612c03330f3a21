"""One package per graded assignment of the course, holding everything about it.

A week package (``c2w1/``) exports ``ASSIGNMENT``, an `autograder.assignments.Assignment`:
its rules as data (image size, classes, bars, epochs), its data (stand-in generator and
the loader of the real files), its fixtures (hidden probes), the artifacts its notebook
exports and its checks. `autograder.assignments.get_assignment` finds it by name.
"""
