"""The course's downloads: which URL the older notebooks fetch, and which student file it is.

The older (Colab) edition of the course downloads its data and weights in its own cells
(``!wget``, ``!curl``, ``gdown``, ``urllib.request``, ``requests``,
``tf.keras.utils.get_file``). The sandbox has no network; instead, these URLs are answered
with the grader's copy of the same file, in the same format, made from the week's student
data (stand-in or real): `autograder.sandbox.offline` serves them. Anything else fails as it
would offline.

Each `CourseFile` names its source below the week's student images folder (the folder the
sandbox shows, `DataLocation.images_dir`), never an arbitrary path: a URL is looked up in
this table, it is never turned into a path.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

__all__ = ["CourseFile", "COURSE_FILES", "DRIVE_HOSTS", "course_files", "find_course_file",
           "served_hosts", "source_path", "files_left_out"]

#: Where gdown and the course's Drive links fetch a file by its id (``?id=``, ``/file/d/<id>``).
DRIVE_HOSTS = ("drive.google.com", "docs.google.com", "drive.usercontent.google.com")


@dataclass(frozen=True)
class CourseFile:
    """One file the course's notebooks download."""

    name: str
    """Its file name as published (what ``wget URL`` and gdown save it as)."""
    source: str
    """Its source below the student images folder: a file, or a folder to zip."""
    urls: tuple[str, ...] = ()
    """The URLs it is published at (``https://host/path``, no query), mirrors included."""
    drive_ids: tuple[str, ...] = ()
    """Google Drive ids the course's ``gdown`` cells fetch it by."""
    zip_prefix: str | None = None
    """For a zipped folder: the folder its members sit in (``"PetImages/"``; ``""`` for
    members at the top, as in ``horse-or-human.zip``); None for a file served as it is."""
    openable_only: bool = False
    """For a zipped folder: leave out the files the data's manifest calls undecodable that
    PIL cannot open either (`files_left_out`), as the published zip holds none."""

    @property
    def zipped(self) -> bool:
        return self.zip_prefix is not None


# The Microsoft zip as it is: the two zero-length files (Cat/666.jpg, Dog/11702.jpg), a
# Thumbs.db per class, and hundreds of files TensorFlow's decoders refuse (COURSE.md) that PIL
# still opens: the older edition's notebooks skip the zero-length files only and read every
# other file with ImageDataGenerator, which loads through PIL, and they trained on Colab. The
# stand-in's undecodable files (an HTML page, a JPEG cut short, random bytes) are made for the
# current edition's cleaning lesson (clean_images must drop what TensorFlow cannot decode) and
# PIL cannot open them either: served, they would stop an older notebook's training on a file
# the real zip does not have. So the served zip leaves out the undecodable files PIL cannot
# open (openable_only) and keeps everything else, empty files and Thumbs.db included; the
# student folder itself is untouched, so the current edition's lesson and corpus are as they
# were. On the real data the files TensorFlow refuses that PIL opens stay in the zip (one PIL
# could not open would have stopped the course's own notebooks on Colab too).
_PETS_ZIP = CourseFile(
    "kagglecatsanddogs_5340.zip", "", zip_prefix="PetImages/", openable_only=True,
    urls=("https://download.microsoft.com/download/3/E/1/3E1C3F21-ECDB-4869-8368-6DEBA77B919F/"
          "kagglecatsanddogs_5340.zip",))
_HORSE_MIRRORS = ("tensorflow-1-public/course2/week3", "laurencemoroney-blog.appspot.com",
                  "learning-datasets", "download.tensorflow.org/data")

#: Per dataset (`DataSpec.dataset`), the files its week's older notebooks download.
COURSE_FILES: dict[str, tuple[CourseFile, ...]] = {
    "cats_and_dogs": (_PETS_ZIP,),
    "cats_and_dogs_augmentation": (_PETS_ZIP,),
    "horse_or_human": (
        CourseFile("horse-or-human.zip", "train", zip_prefix="",
                   urls=tuple(f"https://storage.googleapis.com/{m}/horse-or-human.zip"
                              for m in _HORSE_MIRRORS),
                   drive_ids=("1onaG42NZft3wCE1WH0GDEbUhu75fedP5",)),
        CourseFile("validation-horse-or-human.zip", "validation", zip_prefix="",
                   urls=tuple(f"https://storage.googleapis.com/{m}/validation-horse-or-human.zip"
                              for m in _HORSE_MIRRORS),
                   drive_ids=("1LYeusSEIiZQpwN-mthh5nKdA75VsKG1U",)),
        CourseFile("inception_v3_weights_tf_dim_ordering_tf_kernels_notop.h5",
                   "inception_v3_weights_tf_dim_ordering_tf_kernels_notop.h5",
                   urls=("https://storage.googleapis.com/mledu-datasets/"
                         "inception_v3_weights_tf_dim_ordering_tf_kernels_notop.h5",)),
    ),
    "sign_language_mnist": (
        CourseFile("sign_mnist_train.csv", "sign_mnist_train.csv",
                   drive_ids=("1z0DkA9BytlLxO1C0BAWzknLyQmZAp0HR",)),
        CourseFile("sign_mnist_test.csv", "sign_mnist_test.csv",
                   drive_ids=("1z1BIj4qmri59GWBG4ivMNFtpZ4AXIbzg",)),
    ),
}


def course_files(dataset: str) -> tuple[CourseFile, ...]:
    """The files `dataset`'s week downloads (none for a dataset the table does not name)."""
    return COURSE_FILES.get(dataset, ())


def served_hosts(files: tuple[CourseFile, ...]) -> tuple[str, ...]:
    """The hosts `files` are published on, sorted (Drive's when any has a Drive id)."""
    hosts = {urlsplit(url).hostname for f in files for url in f.urls}
    if any(f.drive_ids for f in files):
        hosts.update(DRIVE_HOSTS)
    return tuple(sorted(h for h in hosts if h))


def _drive_id(host: str, path: str, query: str) -> str | None:
    if host not in DRIVE_HOSTS:
        return None
    ids = parse_qs(query).get("id")
    if ids:
        return ids[0]
    parts = path.split("/")
    return parts[parts.index("d") + 1] if "d" in parts[:-1] else None


def find_course_file(url: str, files: tuple[CourseFile, ...]) -> CourseFile | None:
    """The file of `files` published at `url` (scheme and query ignored except a Drive id),
    or None.

    Example:
        >>> find_course_file("https://drive.google.com/uc?id=1z0DkA9BytlLxO1C0BAWzknLyQmZAp0HR",
        ...                  course_files("sign_language_mnist")).name
        'sign_mnist_train.csv'
    """
    parts = urlsplit(url)
    host, path = (parts.hostname or "").lower(), parts.path
    drive_id = _drive_id(host, path, parts.query)
    for course_file in files:
        if drive_id is not None and drive_id in course_file.drive_ids:
            return course_file
        if any(urlsplit(u).hostname == host and urlsplit(u).path == path
               for u in course_file.urls):
            return course_file
    return None


def source_path(course_file: CourseFile, images_dir: Path) -> Path:
    """Where `course_file`'s source lies below `images_dir`.

    Raises:
        ValueError: if its source would lie outside `images_dir`.
    """
    images_dir = Path(images_dir).resolve()
    path = (images_dir / course_file.source).resolve()
    if path != images_dir and images_dir not in path.parents:
        raise ValueError(f"Expected {course_file.name}'s source inside {images_dir}. "
                         f"Received: {course_file.source!r}.")
    return path


def _opens(path: Path) -> bool:
    """Whether PIL opens and decodes `path`, as ``ImageDataGenerator`` (``load_img``) does."""
    from PIL import Image

    try:
        with Image.open(path) as image:
            image.load()
        return True
    except Exception:  # noqa: BLE001 - any failure is a file the course's loader stops on
        return False


def files_left_out(course_file: CourseFile, source: Path, manifest) -> frozenset[str]:
    """The files of the zipped folder `source` left out of `course_file`'s archive: for an
    `openable_only` file, those the data's `manifest` lists as undecodable (paths inside
    `source`, ``"Cat/12.jpg"``) that PIL cannot open; otherwise none.

    Args:
        course_file: the file served.
        source: its folder (`source_path`).
        manifest: the student data's `autograder.data.manifest.DataManifest`, or None.
    """
    if not course_file.openable_only or manifest is None:
        return frozenset()
    return frozenset(name for name in manifest.undecodable
                     if (Path(source) / name).is_file() and not _opens(Path(source) / name))
