# __class__ in a class body: the enclosing scope's free variable, not the class's own implicit cell.
class T:
    def m(self):
        class X:
            x = __class__
            def f():
                __class__
        print(X.x)
        try:
            exec("class X:\n __class__\n def f():\n  __class__", globals(), {})
        except NameError as e:
            print(type(e).__name__, e)
        class X:
            global __class__
            __class__ = 42
            def f():
                __class__
        print(globals()["__class__"], "__class__" in X.__dict__)
        del globals()["__class__"]
        class X:
            nonlocal __class__
            __class__ = 42
            def f():
                __class__
        print(__class__)
T().m()
