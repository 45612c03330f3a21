"""Whether TensorFlow's image decoder would read a file, decided without TensorFlow."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

__all__ = ["is_decodable", "IMAGE_SIGNATURES"]

#: The formats ``tf.io.decode_image`` reads, by their first bytes.
IMAGE_SIGNATURES = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF87a", b"GIF89a", b"BM")


def is_decodable(path: Path) -> bool:
    """True if the file is a JPEG/PNG/GIF/BMP that Pillow can decode completely.

    The signature check matches TensorFlow (which rejects e.g. TIFF or WebP); the full
    decode rejects truncated or corrupt data, which TensorFlow fails on mid-training.
    """
    try:
        with open(path, "rb") as handle:
            head = handle.read(8)
        if not head.startswith(IMAGE_SIGNATURES):
            return False
        with Image.open(path) as image:
            image.load()
        return True
    except Exception:  # noqa: BLE001 - any failure to read or decode means "not decodable"
        return False
