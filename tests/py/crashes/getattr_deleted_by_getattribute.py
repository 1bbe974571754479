# __getattribute__ that deletes the class's __getattr__ before failing: the
# __getattr__ found first must still be called (it was freed and then used).
import gc


class Evil(object):
    def __getattr__(self, name):
        raise AttributeError("from __getattr__: " + name)

    def __getattribute__(self, name):
        del Evil.__getattr__
        for _ in range(3):
            gc.collect()
        raise AttributeError(name)


try:
    getattr(Evil(), "attr")
except AttributeError as e:
    print("AttributeError:", e)


class Fallback:
    def __getattribute__(self, name):
        raise AttributeError(name)

    @staticmethod
    def __getattr__(name):
        return "static " + name


print(Fallback().x)
