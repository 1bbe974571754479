# A signal arriving while a generator is resumed through `yield from` is
# handled in the innermost generator (at its yield), not in the delegating one.
import _testcapi


def inner():
    try:
        yield
    except KeyboardInterrupt:
        return "PASSED"
    return "FAILED"


def outer():
    return (yield from inner())


g = outer()
g.send(None)
try:
    _testcapi.raise_SIGINT_then_send_None(g)
except BaseException as e:
    print(type(e).__name__, getattr(e, "value", None))
