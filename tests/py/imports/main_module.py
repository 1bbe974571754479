# __main__: its attributes, and `if __name__ == "__main__"`.
import sys
print(__name__, __spec__, __package__, __doc__)
print(type(__loader__).__name__, __file__.endswith("main_module.py"), __cached__)
print(sorted(globals()))
print(sys.modules["__main__"].__dict__ is globals())
import _mainmod
print(_mainmod.__name__)
if __name__ == "__main__":
    print("main guard ran")
