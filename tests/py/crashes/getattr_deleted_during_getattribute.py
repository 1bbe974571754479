# __getattribute__ deletes the class's __getattr__ before raising AttributeError: the
# fallback must still call the __getattr__ found at the start (it used to return NULL
# without an exception and corrupt the caller).
import gc


class Evil:
    def __getattr__(self, name):
        raise AttributeError("from __getattr__: " + name)

    def __getattribute__(self, name):
        del Evil.__getattr__
        gc.collect()
        raise AttributeError(name)


try:
    getattr(Evil(), "attr")
except AttributeError as e:
    print("AttributeError", e)
print(hasattr(Evil, "__getattr__"))
