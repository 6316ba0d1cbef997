"""The embedded deployment's secret key, generated once and kept beside the database."""

import secrets
from pathlib import Path


def local_secret_key(data_dir: Path) -> str:
    """Return the key stored in ``data_dir``, creating it (owner-readable only) on first use."""
    path = data_dir / "secret_key"
    if path.exists():
        return path.read_text().strip()
    data_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    path.touch(mode=0o600)
    path.write_text(key)
    return key
