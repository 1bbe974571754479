# faulthandler: a fatal signal prints "Fatal Python error" and the stack,
# then the process dies of the signal.
import faulthandler
import sys

faulthandler.enable(all_threads=False)


def crash():
    faulthandler._sigsegv()


def été():
    crash()


print('before', flush=True)
été()
print('not reached')
