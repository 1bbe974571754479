import warnings
warnings.warn("a user warning")
warnings.warn("dep", DeprecationWarning)
warnings.warn("fut", FutureWarning, stacklevel=1)
def g():
    warnings.warn("from g", RuntimeWarning, stacklevel=2)
g()
g()
for i in range(3):
    warnings.warn("loop warning")
warnings.warn_explicit("explicit", UserWarning, "fake.py", 12)
print("end")
