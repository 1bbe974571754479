# atexit: callbacks still run when the program ends with sys.exit or an uncaught exception.
import atexit, sys
atexit.register(print, "bye")
atexit.register(lambda: print("first"))
sys.exit(3)
