# __del__ that assigns __class__: the instance's dealloc must release the new class.
import gc
class O(object):
    pass
class A(object):
    def __del__(self):
        self.__class__ = O
l = [A() for x in range(100)]
del l
gc.collect()
class B(object):
    def __del__(self):
        print("B.__del__", type(self).__name__)
        self.__class__ = O
b = B()
del b
print("O still fine:", O.__name__, O() is not None)
print("done")
