# __exit__ raising while break/return leaves a with block: called once, the
# error propagates (the with handler must not catch its own exit call).
class CM:
    n = 0
    def __enter__(self): return self
    def __exit__(self, *a):
        CM.n += 1
        print("exit", a[0])
        raise ValueError("x")
def f():
    for i in range(2):
        with CM():
            break
try: f()
except ValueError as e: print("VE", repr(e.__context__))
def g():
    with CM():
        return 5
try: g()
except ValueError as e: print("VE", repr(e.__context__))
print(CM.n)
