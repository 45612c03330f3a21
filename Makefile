# One command sets up and runs the main job; one runs the tests. See README.md.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: setup setup-gpu sandbox browser course test test-all bench release clean lock

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

setup: $(VENV)/.installed sandbox browser

## A GPU worker (NVIDIA driver installed): the same environment with TensorFlow's CUDA build,
## tensorflow[and-cuda] of the pinned version in place of tensorflow-cpu. Both install the
## same `tensorflow` package, so one is removed before the other goes in (pip would mix
## their files). Grade there with the gpu setting (`--gpu`, AUTOGRADER_GPU=1).
setup-gpu: $(VENV)/.installed sandbox
	$(BIN)/python -m pip uninstall --quiet --yes tensorflow-cpu
	$(BIN)/python -m pip install --quiet "tensorflow[and-cuda]==$$($(BIN)/python -c \
	  'import re,tomllib; d=tomllib.load(open("pyproject.toml","rb"))["project"]["dependencies"]; \
	   print(next(re.sub(r"^tensorflow-cpu==","",x) for x in d if x.startswith("tensorflow-cpu==")))')"
	$(BIN)/python -c "import tensorflow as tf; print('GPUs:', tf.config.list_physical_devices('GPU'))"

# $(call need,COMMAND,PACKAGE,WHAT FOR): installs the Debian PACKAGE that provides COMMAND when
# run as root on a Debian/Ubuntu machine; otherwise says what to install (no commas in WHAT FOR).
need = command -v $(1) >/dev/null 2>&1 || { \
  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(2); \
  else \
    echo "autograder: install $(2) (sudo apt-get install $(2)) to $(3)" >&2; exit 1; \
  fi; }

## Student notebooks run in a bubblewrap sandbox (Debian/Ubuntu package `bubblewrap`).
sandbox:
	@$(call need,bwrap,bubblewrap,grade student notebooks in the sandbox)

## The HTML report is tested in headless Chromium (Debian package `chromium`).
browser:
	@$(call need,chromium,chromium,run the report tests)

## The main job, for every week: offline stand-in data, release/ from source/ (nbgrader),
## grade the reference solution and the untouched release notebook, print the score table.
course: setup
	$(BIN)/autograder course

## The template's hashed pins of the grader's dependencies, for the runner's Python (the
## `python-version` of autograder/ci/templates/grade.yml); run after changing pyproject.toml.
lock:
	$(BIN)/python -m pip install --quiet 'uv==0.13.8'
	$(BIN)/uv pip compile pyproject.toml --generate-hashes --python-version 3.11 \
	  --python-platform x86_64-manylinux_2_28 --quiet -o autograder/ci/templates/requirements.lock

## The default test suite (fast: CI-scale data, real TensorFlow, kernels and nbgrader), in two
## pytest-xdist workers, one test module per worker at a time (a module's fixtures built once).
test: setup
	$(BIN)/python -m pytest -n 2 --dist loadfile --durations=30

## Everything, slow tests included (full-scale data generation …).
test-all: setup
	$(BIN)/python -m pytest -m ""

## Time one Week 1 submission by each grading mode and by plain nbgrader autograde.
bench: setup
	$(BIN)/python bench/grading_modes.py

release: setup
	$(BIN)/autograder release

clean:
	rm -rf .grading results gradebook.db
