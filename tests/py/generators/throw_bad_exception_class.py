# gen.throw()/raise of a class whose __new__ returns a non-exception: TypeError, no crash.
class E(Exception):
    def __new__(cls, *args, **kwargs):
        return cls
def boring_generator():
    yield
gen = boring_generator()
try:
    gen.throw(E)
except TypeError as e:
    print("TypeError:", e)
try:
    next(gen)
except StopIteration:
    print("stop")
def generator():
    try:
        yield
    except TypeError as e:
        print("inside:", e)
gen = generator()
next(gen)
try:
    gen.throw(E)
except StopIteration:
    print("stop2")
try:
    raise E
except TypeError as e:
    print("raise:", e)
