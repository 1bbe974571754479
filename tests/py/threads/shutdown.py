# At exit the interpreter joins non-daemon threads (threading._shutdown)
# before atexit callbacks run; daemon threads are abandoned.
import atexit, threading, time
atexit.register(lambda: print("atexit runs after the join"))
def late():
    time.sleep(0.1)
    print("non-daemon thread finished")
threading.Thread(target=late).start()
threading.Thread(target=lambda: time.sleep(100), daemon=True).start()
print("main done")
