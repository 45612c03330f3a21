"""The course's downloads inside the sandbox: the course's URLs give the student's files in
the published layout, whatever client fetches them; anything else fails as offline.

Each test runs real cells in a real sandboxed kernel over a small folder of student files
(a few bytes per picture), with the certificates and archives cached in the test's folder.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import sys
import time
import zipfile
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from autograder.course_downloads import course_files
from autograder.execute import execute_notebook
from autograder.sandbox import SandboxSpec, launch_argv, python_mounts
from autograder.sandbox.offline import offline_downloads

pytestmark = pytest.mark.kernel

PETS_URL = ("https://download.microsoft.com/download/3/E/1/3E1C3F21-ECDB-4869-8368-6DEBA77B919F/"
            "kagglecatsanddogs_5340.zip")
HORSES_URL = "https://storage.googleapis.com/tensorflow-1-public/course2/week3/horse-or-human.zip"
WEIGHTS_URL = ("https://storage.googleapis.com/mledu-datasets/"
               "inception_v3_weights_tf_dim_ordering_tf_kernels_notop.h5")
HELDOUT_MARK = "held-out answer key 7f3a"


def _student_pets(root: Path) -> Path:
    images = root / "data" / "cats_and_dogs" / "PetImages"
    for name in ("Cat", "Dog"):
        (images / name).mkdir(parents=True)
        (images / name / "1.jpg").write_bytes(b"\xff\xd8\xff good " + name.encode())
        (images / name / "Thumbs.db").write_bytes(b"thumbs")
    (images / "Cat" / "666.jpg").write_bytes(b"")  # the real set's zero-byte picture
    return images


def _student_horses(root: Path) -> Path:
    folder = root / "data" / "horse_or_human"
    for split in ("train", "validation"):
        for name in ("horses", "humans"):
            (folder / split / name).mkdir(parents=True)
            (folder / split / name / "0.png").write_bytes(f"{split} {name}".encode())
    (folder / "inception_v3_weights_tf_dim_ordering_tf_kernels_notop.h5").write_bytes(b"h5 w")
    return folder


@pytest.fixture
def run(tmp_path):
    """Runs cells in a sandbox serving `dataset`'s downloads from `images`; returns the
    report and the executed notebook."""
    heldout = tmp_path / "heldout"
    heldout.mkdir()
    (heldout / "answers.txt").write_text(HELDOUT_MARK)

    def run_cells(dataset: str, images: Path, *sources: str, timeout: float = 120,
                  root: Path = tmp_path):
        folders = {name: root / name for name in ("work", "artifacts", "runtime")}
        for folder in folders.values():
            folder.mkdir(parents=True, exist_ok=True)
        downloads = offline_downloads(dataset, images, folders["runtime"],
                                      tls_cache=tmp_path / "tls",
                                      archive_cache=tmp_path / "archives")
        spec = SandboxSpec(workdir=folders["work"], runtime=folders["runtime"],
                           readonly=(*python_mounts(), images), writable=(folders["artifacts"],),
                           env={"HOME": "/tmp", "PATH": f"{Path(sys.executable).parent}:"
                                "/usr/bin:/bin"}, downloads=downloads)
        notebook = tmp_path / "submission.ipynb"
        nbformat.write(new_notebook(cells=[new_code_cell(s) for s in sources]), notebook)
        report = execute_notebook(notebook, workdir=folders["work"], cell_timeout=timeout,
                                  notebook_timeout=timeout * 4, sandbox=spec,
                                  executed_path=tmp_path / "executed.ipynb")
        return report, nbformat.read(tmp_path / "executed.ipynb", as_version=4)

    return run_cells


def _printed(executed, index: int) -> str:
    return "".join(o.get("text", "") for o in executed.cells[index].outputs)


_LAYOUT = ("import zipfile\n"
           "def layout(path):\n"
           "    with zipfile.ZipFile(path) as z:\n"
           "        return sorted((i.filename, z.read(i)) for i in z.infolist() if not i.is_dir())\n")


def test_every_client_gets_the_pets_zip_in_the_published_layout(run, tmp_path):
    images = _student_pets(tmp_path)
    with_requests = importlib.util.find_spec("requests") is not None
    cells = [_LAYOUT,
             f"!wget -q {PETS_URL} -O /tmp/wget.zip && echo fetched",
             f"!curl -sSL {PETS_URL} -o /tmp/curl.zip && echo fetched",
             f"import urllib.request\nurllib.request.urlretrieve({PETS_URL!r}, '/tmp/urllib.zip')",
             ("import requests\nopen('/tmp/requests.zip', 'wb').write("
              f"requests.get({PETS_URL!r}).content)") if with_requests else "pass",
             "print(layout('/tmp/wget.zip'))",
             "for name in ('curl', 'urllib') + (('requests',) if "
             f"{with_requests} else ()):\n"
             "    assert layout(f'/tmp/{name}.zip') == layout('/tmp/wget.zip'), name\n"
             "print('same')"]
    report, executed = run("cats_and_dogs", images, *cells)
    assert not report.failures, [(f.cell_index, f.evalue) for f in report.failures]
    assert _printed(executed, 1).strip() == _printed(executed, 2).strip() == "fetched"
    expected = sorted((f"PetImages/{p.relative_to(images).as_posix()}", p.read_bytes())
                      for p in images.rglob("*") if p.is_file())
    assert _printed(executed, 5).strip() == str(expected)  # quirks included, bytes intact
    assert _printed(executed, 6).strip() == "same"
    [archive] = (tmp_path / "archives").glob("*.zip")  # made once, for all four downloads
    assert sorted(zipfile.ZipFile(archive).namelist())[:3] == ["PetImages/", "PetImages/Cat/",
                                                               "PetImages/Cat/1.jpg"]


def test_a_deep_scratch_folder_still_serves_the_downloads(run, tmp_path):
    """The grader's socket lives in the run's folder, whose path can pass the 107 bytes a
    Unix socket's address may hold (pytest's, an instructor's work_root): both ends then
    reach it through a descriptor of its folder."""
    # 93 characters to the sockets folder: the kernel's own sockets there (kernel-ipc-N)
    # still fit the 107 bytes, the grader's downloads.sock no longer does
    deep = tmp_path / ("d" * (93 - len(str(tmp_path / "runtime")) - 1))
    assert len(str(deep / "runtime")) == 93
    assert len(str(deep / "runtime" / "downloads.sock")) > 107
    images = _student_pets(tmp_path)
    report, executed = run("cats_and_dogs", images, "!wget -q " + PETS_URL + " -O /tmp/p.zip"
                           " && echo FETCHED", root=deep)
    assert report.status == "completed", report
    assert "FETCHED" in _printed(executed, 0)


def test_anything_else_fails_as_offline_and_says_so(run, tmp_path):
    images = _student_pets(tmp_path)
    started = time.monotonic()
    report, executed = run(
        "cats_and_dogs", images,
        "!wget -q https://example.com/data.zip -O /tmp/x.zip; echo wget=$?",
        "!curl -sS https://example.com/data.zip -o /tmp/x.zip; echo curl=$?",
        "import urllib.request\nurllib.request.urlretrieve('https://example.com/data.zip', 'x')",
        "urllib.request.urlretrieve('https://download.microsoft.com/other.zip', 'x')",
        "urllib.request.urlretrieve('http://example.com/data.zip', 'x')",
        "import socket; socket.create_connection(('1.1.1.1', 443), timeout=3)",
        "!gdown --id 1z0DkA9BytlLxO1C0BAWzknLyQmZAp0HR; echo gdown=$?",
        "!wget https://download.microsoft.com/other.zip -O /tmp/x.zip; echo wget=$?")
    elapsed = time.monotonic() - started
    assert "wget=4" in _printed(executed, 0)  # wget's network failure, no retries
    assert "curl=56" in _printed(executed, 1)
    errors = {f.cell_index: f for f in report.failures}
    assert "Offline" in errors[2].evalue and "example.com cannot be reached" in errors[2].evalue
    assert errors[3].ename == "HTTPError" and "404" in errors[3].evalue
    assert "Offline" in errors[3].evalue or "Offline" in "".join(errors[3].traceback)
    assert "Offline" in errors[4].evalue
    assert errors[5].ename == "OSError"  # still no network at all
    # Week 1 downloads nothing from Drive: the stand-in gdown fails as offline
    assert "Offline" in _printed(executed, 6) and "gdown=1" in _printed(executed, 6)
    # a served host's other paths are a 404 that says why; wget names no folder of the grader
    assert "ERROR 404: Offline" in _printed(executed, 7) and "wget=8" in _printed(executed, 7)
    assert str(tmp_path) not in _printed(executed, 7)
    assert elapsed < 90


def test_held_out_data_is_not_reachable_through_the_downloads(run, tmp_path):
    images = _student_pets(tmp_path)
    heldout = tmp_path / "heldout" / "answers.txt"
    tries = [f"https://download.microsoft.com/../../{heldout}",
             f"https://download.microsoft.com/download/3/E/1/3E1C3F21-ECDB-4869-8368-6DEBA77B919F/"
             f"kagglecatsanddogs_5340.zip/../../../{heldout}",
             f"https://download.microsoft.com{heldout}", f"file://{heldout}",
             f"https://drive.google.com/uc?id=../../{heldout}"]
    raw = [f"GET {heldout} HTTP/1.0\r\n\r\n".encode(),  # straight to the grader's socket
           f"GET file://{heldout} HTTP/1.0\r\n\r\n".encode()]
    code = ("import socket, urllib.request\n"
            "seen = []\n"
            f"for url in {tries!r}:\n"
            "    try:\n"
            "        seen.append(urllib.request.urlopen(url).read())\n"
            "    except Exception as error:\n"
            "        seen.append(repr(error).encode())\n"
            f"for request in {raw!r}:\n"
            "    s = socket.socket(socket.AF_UNIX)\n"
            f"    s.connect({str(tmp_path / 'runtime' / 'downloads.sock')!r})\n"
            "    s.sendall(request); seen.append(s.recv(4096)); s.close()\n"
            f"print(any({HELDOUT_MARK.encode()!r} in answer for answer in seen), len(seen))\n"
            "print(seen)")
    report, executed = run("cats_and_dogs", images, code)
    assert not report.failures, report.failures
    printed = _printed(executed, 0)
    assert printed.splitlines()[0] == "False 7", printed
    assert "404" in printed and "Offline" in printed


def test_week_3_files_through_keras_get_file_and_gdown(run, tmp_path):
    folder = _student_horses(tmp_path)
    report, executed = run(
        "horse_or_human", folder,
        _LAYOUT,
        "import keras\n"
        f"path = keras.utils.get_file('w.h5', {WEIGHTS_URL!r}, cache_dir='/tmp/keras')\n"
        "print(open(path, 'rb').read())",
        f"!wget -q {HORSES_URL}; echo wget=$?",
        "print(layout('horse-or-human.zip'))",
        "!gdown --id 1LYeusSEIiZQpwN-mthh5nKdA75VsKG1U -O /tmp/ -q; echo gdown=$?",
        "print(layout('/tmp/validation-horse-or-human.zip'))",
        "import gdown\nprint(gdown.download(id='1onaG42NZft3wCE1WH0GDEbUhu75fedP5', "
        "output='/tmp/again.zip', quiet=True), layout('/tmp/again.zip') == "
        "layout('horse-or-human.zip'))", timeout=300)
    assert not report.failures, [(f.cell_index, f.evalue) for f in report.failures]
    assert _printed(executed, 1).strip().endswith("b'h5 w'")
    assert "wget=0" in _printed(executed, 2)
    assert _printed(executed, 3).strip() == str([("horses/0.png", b"train horses"),
                                                  ("humans/0.png", b"train humans")])
    assert "gdown=0" in _printed(executed, 4)
    assert "('horses/0.png', b'validation horses')" in _printed(executed, 5)
    assert _printed(executed, 6).strip() == "/tmp/again.zip True"


def test_week_4_csv_by_drive_id_replaces_the_link_next_to_the_notebook(run, tmp_path):
    folder = tmp_path / "data" / "sign_language_mnist" / "sign_mnist"
    folder.mkdir(parents=True)
    (folder / "sign_mnist_train.csv").write_text("label,pixel1\n3,0\n")
    (folder / "sign_mnist_test.csv").write_text("label,pixel1\n4,1\n")
    report, executed = run(
        "sign_language_mnist", folder,
        # the grader links the student's file here (public paths): gdown writes over the link
        f"import os; os.symlink({str(folder / 'sign_mnist_train.csv')!r}, 'sign_mnist_train.csv')",
        "!gdown --id 1z0DkA9BytlLxO1C0BAWzknLyQmZAp0HR && gdown 1z1BIj4qmri59GWBG4ivMNFtpZ4AXIbzg",
        "print(open('sign_mnist_train.csv').read(), open('sign_mnist_test.csv').read())")
    assert not report.failures, [(f.cell_index, f.evalue) for f in report.failures]
    assert _printed(executed, 2).split() == ["label,pixel1", "3,0", "label,pixel1", "4,1"]


def test_a_sandbox_without_downloads_has_no_proxy_and_no_relay(tmp_path):
    plain = SandboxSpec(workdir=tmp_path, runtime=tmp_path, readonly=(), writable=(),
                        env={"HOME": "/tmp"})
    argv = launch_argv(plain, ["python3"])
    assert not any("proxy" in arg for arg in argv) and not any("relay" in a for a in argv)
    served = dataclasses.replace(plain, downloads=offline_downloads(
        "cats_and_dogs", tmp_path, tmp_path, tls_cache=tmp_path / "tls"))
    argv = launch_argv(served, ["python3"])
    assert "https_proxy" in argv and any(a.endswith("relay.py") for a in argv)
    assert offline_downloads("no_such_dataset", tmp_path, tmp_path) is None
    assert course_files("no_such_dataset") == ()
