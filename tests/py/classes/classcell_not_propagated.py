# A metaclass that drops __classcell__ while a method uses __class__: RuntimeError from __build_class__.
class Meta(type):
    def __new__(cls, name, bases, namespace):
        namespace.pop('__classcell__', None)
        return super().__new__(cls, name, bases, namespace)

class WithoutClassRef(metaclass=Meta):
    pass
print(WithoutClassRef.__name__)
try:
    class WithClassRef(metaclass=Meta):
        def f(self):
            return __class__
except RuntimeError as e:
    print("RuntimeError:", e)
