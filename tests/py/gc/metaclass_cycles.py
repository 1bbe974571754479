# Classes are always cyclic (their MRO holds them): freed by the collector,
# with the reference to a heap metaclass released exactly once.
import gc
import sys

gc.disable()


class Meta(type):
    def __del__(cls):
        print("meta del", cls.__name__)


before = sys.getrefcount(Meta)
for name in ("A", "B", "C"):
    cls = Meta(name, (), {})
    inst = cls()
    inst.cls = cls
del cls, inst
print(sys.getrefcount(Meta) - before)
gc.collect()
print(sys.getrefcount(Meta) - before)


class Base:
    registry = []

    def __init_subclass__(klass):
        Base.registry.append(klass)


class Sub(Base):
    pass


print(len(Base.registry))
Base.registry.clear()
del Sub
gc.collect()
print("done")
