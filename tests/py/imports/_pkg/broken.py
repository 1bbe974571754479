import _pkg.helper
VALUE = 1
raise RuntimeError("broken on purpose")
