# Less central sys functions: breakpointhook/PYTHONBREAKPOINT, call_tracing, _current_frames,
# coroutine origin tracking, dlopen flags, stdlib_module_names.
import os, sys, threading, warnings
print(sys.breakpointhook is sys.__breakpointhook__, sys.breakpointhook.__name__)
os.environ["PYTHONBREAKPOINT"] = "0"
print(breakpoint())
os.environ["PYTHONBREAKPOINT"] = "builtins.print"
breakpoint("hook called with", 1, sep="|")
os.environ["PYTHONBREAKPOINT"] = "len"
print(breakpoint([1, 2, 3]))
os.environ["PYTHONBREAKPOINT"] = "no_such_module_xyz.func"
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    print(breakpoint())
    print(w[0].category.__name__, w[0].message)
os.environ["PYTHONBREAKPOINT"] = "os.no_such_attr"
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    print(breakpoint(), str(w[0].message))
def custom(*a, **k):
    return ("custom", a, k)
sys.breakpointhook = custom
print(breakpoint(1, x=2))
sys.breakpointhook = sys.__breakpointhook__
print(sys.call_tracing(lambda a, b: a + b, (2, 3)))
try:
    sys.call_tracing(print, [1])
except TypeError as e:
    print("TypeError:", e)
frames = sys._current_frames()
print(threading.get_ident() in frames, frames[threading.get_ident()].f_code.co_name)
ev, done = threading.Event(), threading.Event()
def worker():
    ev.set()
    done.wait()
t = threading.Thread(target=worker)
t.start()
ev.wait()
fr = sys._current_frames()
print(len(fr) >= 2, fr[t.ident].f_code.co_name in ("wait", "worker"))
done.set()
t.join()
try:
    raise KeyError("current")
except KeyError:
    exc = sys._current_exceptions()[threading.get_ident()]
    print(exc[0].__name__, exc[1])
print(sys._current_exceptions().get(threading.get_ident()))
print(sys.get_coroutine_origin_tracking_depth())
async def coro():
    pass
def make():
    return coro()
sys.set_coroutine_origin_tracking_depth(2)
c = make()
print([(os.path.basename(f), n) for f, l, n in c.cr_origin])
c.close()
sys.set_coroutine_origin_tracking_depth(0)
c = coro()
print(c.cr_origin)
c.close()
try:
    sys.set_coroutine_origin_tracking_depth(-1)
except ValueError as e:
    print("ValueError:", e)
flags = sys.getdlopenflags()
print(flags == os.RTLD_NOW)
sys.setdlopenflags(os.RTLD_NOW | os.RTLD_GLOBAL)
print(sys.getdlopenflags() == os.RTLD_NOW | os.RTLD_GLOBAL)
sys.setdlopenflags(flags)
import _json
print(type(sys.stdlib_module_names).__name__, len(sys.stdlib_module_names), "os" in sys.stdlib_module_names,
      "numpy" in sys.stdlib_module_names, sys._stdlib_dir, type(sys._git).__name__, repr(sys._framework))
sys._clear_type_cache()
print(isinstance(sys.getallocatedblocks(), int))
