"""Build, check and serve the Jarablus Safety Guide. Entry point: ``python -m scripts``."""
