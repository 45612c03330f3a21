"""Course data, whatever the week: manifests, the course's secret, decodability, clean views.

Each week's own data (its stand-in generator and the loader of its real files) lives in its
package, e.g. `autograder.weeks.c2w1.standin` and `autograder.weeks.c2w1.pet_images`.
"""

from autograder.data.decodable import is_decodable
from autograder.data.manifest import DataManifest, read_manifest, write_manifest
from autograder.data.secret import load_or_create_secret, secret_seed

__all__ = ["DataManifest", "read_manifest", "write_manifest", "is_decodable",
           "load_or_create_secret", "secret_seed"]
