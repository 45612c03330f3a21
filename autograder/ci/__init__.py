"""Grading on a CI runner, in steps: student code first, held-out data only after it.

`autograder template` writes a student repository whose workflow calls these steps through
one script (``.github/grading/grade.sh``), so a test can run the very same steps locally.
"""
