"""Calibration of the weeks' bars: populations of sound and unsound submissions, each graded
through the real grading path over several data seeds, with every bar's figure recorded.

    python bench/calibrate.py run C2W4 [--seeds 1 2 3] [--only NAME ...]
    python bench/calibrate.py report [C2W4 ...]      # Markdown; writes bench/calibration/README.md
    python bench/calibrate.py record C2W4            # bars.json: the week's bars and their evidence

One module per stage: `variants` (a variant is data: its name, sound or not, the lesson it
ignores, the code of the cells it replaces) and `notebook` (a variant's notebook, made from
the week's reference in ``solutions/``); `weeks` (what each week calibrates: variants, bars,
figures), with one module of variants per week (`c2w1` … `c2w4`); `runs` (data per seed,
one grading per variant and seed, results appended as each run ends, finished runs
skipped); `records` (the results files and ``bars.json``); `report` (the Markdown).
"""
