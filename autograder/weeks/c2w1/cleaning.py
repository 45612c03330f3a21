"""Checks of the dirty-data step: ``clean_images(source_dir, clean_dir)``.

The function is run on a small hidden folder with the real dataset's quirks (zero-byte
files, files that are not images, ``Thumbs.db``). The grader reads what it left in the
source and clean folders itself, after the kernel is gone, and judges every file by its
content: a broken file copied under another name, or into another folder, still counts.

One mistake is charged once. Changing the source (deleting or moving bad files there) costs
the one point of `clean_images_keeps_good_files`; the student's own data is writable in the
sandbox (`autograder.data.writable_view`), so such a notebook runs on as it would at home.
Copying nothing costs that same point, and `clean_images_drops_bad_files`, which judges
what was copied, has nothing to judge: it keeps its points and says so (`NOT_JUDGED`). A
clean folder with files in it is judged file by file, whatever they are.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from autograder.kernel import CLEANING_FOLDER
from autograder.artifacts.paths import UnsafePath, checked_path
from autograder.checks.base import MissingArtifact, Outcome, check, failed, passed
from autograder.weeks.c2w1.probe import IMAGES

__all__ = ["NOT_JUDGED", "clean_images_drops_bad_files", "clean_images_keeps_good_files",
           "file_tree", "LINK"]

NOT_JUDGED = ("Not judged: clean_images() copied nothing into the clean folder, so there was "
              "no copy in which to look for bad files. The missing copies are counted once, by "
              "the check that every good image is copied.")
"""What `clean_images_drops_bad_files` says when it keeps its points because nothing was
copied (one mistake is charged once: copying nothing costs the copying check's point)."""

_EMPTY = hashlib.sha256(b"").hexdigest()
LINK = "<symbolic link>"
"""What `file_tree` records for a link (never followed) or another non-file."""
_MAX_FILES = 20_000
_MAX_BYTES = 512 * 1024 ** 2


def _listing(paths, limit: int = 4) -> str:
    paths = sorted(paths)
    shown = ", ".join(paths[:limit])
    return shown + (f" and {len(paths) - limit} more" if len(paths) > limit else "")


def file_tree(root: Path, *, function: str = "clean_images()", max_files: int = _MAX_FILES,
              max_bytes: int = _MAX_BYTES) -> dict[str, str]:
    """Maps each file below `root` (relative, forward slashes) to its SHA-256.

    Links are never followed (a link is not a copy); read limits keep a hostile folder
    from costing the grader more than a real one.

    Raises:
        MissingArtifact: if the folder holds far more files or bytes than a copy by the
            student's `function` could.
    """
    found: dict[str, str] = {}
    budget = max_bytes
    for folder, dirs, files in os.walk(root):
        for name in files + [d for d in dirs if os.path.islink(os.path.join(folder, d))]:
            path = Path(folder) / name
            relative = path.relative_to(root).as_posix()
            if path.is_symlink() or not path.is_file():
                found[relative] = LINK
                continue
            budget -= path.stat().st_size
            if len(found) >= max_files or budget < 0:
                raise MissingArtifact(f"{function} wrote far more files than the folder it "
                                      "was given holds.", f"stopped reading {root}")
            found[relative] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def _refuse_links(root: Path, inside: Path) -> None:
    """Makes sure `root` is reached from `inside` without a symbolic link.

    The kernel could put a link where the grader expects its cleaning folders; reading
    through it would make the grader, outside the sandbox, list a folder of its own choice
    (the held-out data, say) into the student's feedback.

    Raises:
        MissingArtifact: if a part of the path below `inside` is a link.
    """
    relative = Path(root).relative_to(inside)
    try:
        checked_path(Path(inside), relative, directory=True)
    except UnsafePath as error:
        if error.missing:
            return  # an empty tree, as before: nothing was copied
        raise MissingArtifact(
            "The folders the grader gave clean_images() were replaced by links, so "
            "what it copied could not be checked. Copy files into clean_dir; do not "
            "replace the grader's folders.", f"{relative}: {error}") from None


def _decodes(path: Path) -> bool:
    from PIL import Image

    try:
        with Image.open(path) as image:
            image.verify()
        return True
    except Exception:  # noqa: BLE001 - any failure means "not an image"
        return False


def _probe(artifacts):
    """(probe manifest, pristine tree, source tree after, clean tree, clean root)."""
    artifacts.get("cleaning")
    key = artifacts.data.fixtures.get("cleaning") if artifacts.data is not None else None
    if key is None:
        raise MissingArtifact("This check runs only in the grader.")

    def trees():
        work = artifacts.folder / CLEANING_FOLDER
        clean_root = work / "clean" / IMAGES
        source_root = work / "source" / IMAGES
        for root in (source_root, clean_root):
            _refuse_links(root, artifacts.folder)
        return (file_tree(Path(key.pristine)), file_tree(source_root), file_tree(clean_root),
                clean_root)

    return (key.manifest, *artifacts.cached("cleaning_trees", trees))


def _bad_copies(manifest, pristine, clean, clean_root) -> dict[str, str]:
    """Files of the clean folder that are not good images, with what each one is."""
    kinds = {}
    for relative in manifest.bad_files:
        kind = ("zero-length" if relative in manifest.zero_byte else
                "non-image" if relative in manifest.other_files else "not a valid image")
        kinds[pristine.get(relative)] = kind
    good = {sha for relative, sha in pristine.items() if relative not in manifest.bad_files}
    bad = {}
    for relative, sha in clean.items():
        if sha == _EMPTY:
            bad[relative] = "zero-length"
        elif sha in kinds:
            bad[relative] = kinds[sha]
        elif sha not in good and (sha == LINK or not _decodes(clean_root / relative)):
            bad[relative] = "not a valid image"
    return bad


@check("clean_images_drops_bad_files", title="clean_images() leaves out zero-length and "
       "undecodable files", points=2, needs=("cleaning",), hidden=True)
def clean_images_drops_bad_files(artifacts):
    manifest, pristine, _, clean, clean_root = _probe(artifacts)
    if not clean:
        # Nothing to judge: an empty folder shows neither that bad files were left out nor
        # that they were not. Copying nothing is one mistake, charged once, by
        # clean_images_keeps_good_files; this check keeps its points and says why.
        return Outcome(True, NOT_JUDGED, "the clean folder holds no file")
    copied_bad = _bad_copies(manifest, pristine, clean, clean_root)
    if not copied_bad:
        return passed()
    counts = {kind: sum(k == kind for k in copied_bad.values()) for kind in set(copied_bad.values())}
    described = {"zero-length": "zero-length file(s)", "not a valid image":
                 "file(s) that are not valid images", "non-image": "non-image file(s) such as Thumbs.db"}
    kinds = [f"{counts[k]} {described[k]}" for k in ("zero-length", "not a valid image", "non-image")
             if k in counts]
    return failed(
        expected="the clean folder to hold only images that can be decoded",
        found=f"{' and '.join(kinds)} in it ({_listing(copied_bad)})",
        fix="skip a file when os.path.getsize(path) == 0 (print '<name> is zero length, so "
            "ignoring.'), and skip files that fail to open as an image (try PIL.Image.open("
            "path).verify() inside try/except) or that do not end in .jpg.",
        detail=f"bad files in the clean folder: {sorted(copied_bad.items())[:50]}")


@check("clean_images_keeps_good_files", title="clean_images() copies every good image into "
       "the same class folder and leaves the source untouched", points=1,
       needs=("cleaning",), hidden=True)
def clean_images_keeps_good_files(artifacts):
    manifest, before, after, clean, _ = _probe(artifacts)
    good = {path for path in before if path not in manifest.bad_files}
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
            found=(f"no image in the clean folder: clean_images() copied none of them"
                   if not clean else f"{len(missing)} missing or changed ({_listing(missing)})"),
            fix="loop over both class folders and copy every file that is a valid, "
                "non-empty image to clean_dir/<class>/<same file name>.")
    return passed()
