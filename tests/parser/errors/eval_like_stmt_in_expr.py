x = (import os)
