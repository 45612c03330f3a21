"""Checks of the dirty-data step: ``clean_images(source_dir, clean_dir)``.

The function is run on a small hidden folder with the real dataset's quirks (zero-byte
files, files that are not images, ``Thumbs.db``); these checks compare what it copied
with that folder's manifest.
"""

from __future__ import annotations

from autograder.checks.base import check, failed, passed

__all__ = ["clean_images_drops_bad_files", "clean_images_keeps_good_files"]


def _listing(paths, limit: int = 4) -> str:
    paths = sorted(paths)
    shown = ", ".join(paths[:limit])
    return shown + (f" and {len(paths) - limit} more" if len(paths) > limit else "")


@check("clean_images_drops_bad_files", title="clean_images() leaves out zero-length and "
       "undecodable files", points=2, needs=("cleaning",), hidden=True)
def clean_images_drops_bad_files(artifacts):
    facts = artifacts.get("cleaning")
    probe = artifacts.data.probe_manifest
    copied_bad = probe.bad_files & set(facts["clean"])
    if not copied_bad:
        return passed()
    zero = copied_bad & set(probe.zero_byte)
    undecodable = copied_bad & set(probe.undecodable)
    kinds = []
    if zero:
        kinds.append(f"{len(zero)} zero-length file(s)")
    if undecodable:
        kinds.append(f"{len(undecodable)} file(s) that are not valid images")
    if copied_bad & set(probe.other_files):
        kinds.append("non-image files such as Thumbs.db")
    return failed(
        expected="the clean folder to hold only images that can be decoded",
        found=f"{' and '.join(kinds)} copied into it ({_listing(copied_bad)})",
        fix="skip a file when os.path.getsize(path) == 0 (print '<name> is zero length, so "
            "ignoring.'), and skip files that fail to open as an image (try PIL.Image.open("
            "path).verify() inside try/except) or that do not end in .jpg.",
        detail=f"copied bad files: {sorted(copied_bad)}")


@check("clean_images_keeps_good_files", title="clean_images() copies every good image into "
       "the same class folder and leaves the source untouched", points=1,
       needs=("cleaning",), hidden=True)
def clean_images_keeps_good_files(artifacts):
    facts = artifacts.get("cleaning")
    before, after, clean = facts["source_before"], facts["source_after"], facts["clean"]
    probe = artifacts.data.probe_manifest
    good = {path for path in before if path not in probe.bad_files}
    missing = {p for p in good if clean.get(p) != before[p]}
    if after != before:
        changed = set(before) ^ set(after) | {p for p in before if after.get(p) != before[p]}
        return failed(
            expected="the source folder to stay exactly as it was (copy, do not move or delete)",
            found=f"{len(changed)} file(s) moved, deleted or changed there ({_listing(changed)})",
            fix="use shutil.copyfile(source, destination) instead of moving or removing files.")
    if missing:
        return failed(
            expected=f"all {len(good)} good images copied unchanged into the clean folder, "
                     "each in its class folder (Cat/ or Dog/)",
            found=f"{len(missing)} missing or changed ({_listing(missing)})",
            fix="loop over both class folders and copy every file that is a valid, "
                "non-empty image to clean_dir/<class>/<same file name>.")
    return passed()
