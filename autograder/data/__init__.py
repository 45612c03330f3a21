"""Course data: the real datasets when an instructor has them, offline stand-ins otherwise."""

from autograder.data.decodable import is_decodable
from autograder.data.manifest import DataManifest, read_manifest, write_manifest
from autograder.data.pet_images import REAL_DATASET, prepare_real
from autograder.data.secret import load_or_create_secret, secret_seed
from autograder.data.standin import SCALES, generate

__all__ = ["DataManifest", "read_manifest", "write_manifest", "is_decodable", "REAL_DATASET",
           "prepare_real", "SCALES", "generate", "load_or_create_secret", "secret_seed"]
