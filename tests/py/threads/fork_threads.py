# fork() from a process with threads: the child keeps only the forking
# thread, gets a fresh GIL and can start threads of its own.
import os, sys, threading, time
t = threading.Thread(target=time.sleep, args=(0.2,)); t.start()
sys.stdout.flush()
pid = os.fork()
if pid == 0:
    print("child threads", threading.active_count())
    t2 = threading.Thread(target=lambda: print("child thread ran")); t2.start(); t2.join()
    sys.stdout.flush()
    os._exit(3)
_, status = os.waitpid(pid, 0)
print("child exit code", os.waitstatus_to_exitcode(status))
t.join()
print("parent", threading.active_count())
