# PEP 590 details seen from Python: heap subclasses of a vectorcall C type
# inherit tp_vectorcall_offset (so tp_call = PyVectorcall_Call still works
# through super()), but not Py_TPFLAGS_HAVE_VECTORCALL; and min()/max()
# count keyword arguments before checking their names.
import _testcapi

HAVE_VECTORCALL = 1 << 11


class SuperBase:
    def __call__(self, *args):
        return super().__call__(*args)


class Super(SuperBase, _testcapi.MethodDescriptorBase):
    def __call__(self, *args):
        return super().__call__(*args)


class Heap(_testcapi.MethodDescriptorBase):
    pass


print(Heap()(0), Super()(0), _testcapi.MethodDescriptorBase.__call__(Super(), 0))
print(bool(Heap.__flags__ & HAVE_VECTORCALL), bool(Super.__flags__ & HAVE_VECTORCALL))
print(bool(_testcapi.MethodDescriptorDerived.__flags__ & HAVE_VECTORCALL))
print(_testcapi.pyvectorcall_call(Super(), (1,)))

for f in (min, max):
    for kw in ({'default': 1, 'key': 2, 'foo': 3}, {'foo': 3}, {'key': None, 'default': 5}):
        try:
            print(f([], **kw))
        except TypeError as e:
            print('TypeError:', e)
