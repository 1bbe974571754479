# atexit: callbacks run after an uncaught exception is reported.
import atexit
atexit.register(print, "bye")
raise KeyError("k")
