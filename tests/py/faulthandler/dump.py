# faulthandler: dump_traceback to a file object and an fd, enable/disable,
# argument errors, register() on a user signal.
import faulthandler
import io
import os
import sys

print(faulthandler.is_enabled())


def inner():
    sys.stdout.flush()
    faulthandler.dump_traceback(sys.stdout, all_threads=False)
    faulthandler.dump_traceback(sys.stdout.fileno(), False)


def outer():
    inner()


outer()
faulthandler.enable(sys.stdout, all_threads=False)
print(faulthandler.is_enabled(), faulthandler.disable(), faulthandler.is_enabled(), faulthandler.disable())


class NoFileno:
    pass


class BadFileno:
    def fileno(self):
        return 'x'


for bad in [io.StringIO(), -1, NoFileno(), BadFileno()]:
    try:
        faulthandler.dump_traceback(bad)
    except Exception as e:
        print(type(e).__name__, e)
for args in [(11,), (0,), (100000,)]:
    try:
        faulthandler.register(*args)
    except Exception as e:
        print(type(e).__name__, e)
for t in [0, -1]:
    try:
        faulthandler.dump_traceback_later(t)
    except ValueError as e:
        print('ValueError', e)
faulthandler.dump_traceback_later(100)
faulthandler.cancel_dump_traceback_later()
faulthandler.cancel_dump_traceback_later()

SIGUSR1 = 10
faulthandler.register(SIGUSR1, file=sys.stdout, all_threads=False)


def handler_caller():
    sys.stdout.flush()
    os.kill(os.getpid(), SIGUSR1)


handler_caller()
print(faulthandler.unregister(SIGUSR1), faulthandler.unregister(SIGUSR1))
