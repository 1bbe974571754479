# Helper package for tests/py/imports (not a test: leading underscore).
X = 1
from . import helper
from .sub import deep
