from .client import FlexyClient, FlexyError

__all__ = ["FlexyClient", "FlexyError"]
