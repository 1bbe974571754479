from .. import helper as h
from ..helper import where
Z = h.Y + 1
