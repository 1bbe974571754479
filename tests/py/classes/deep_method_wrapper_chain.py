# Deeply nested method wrappers and bound methods are freed without overflowing the C stack.
f = lambda: None
for i in range(1000000):
    f = f.__call__
f = None
g = [].append
for i in range(300000):
    g = g.__call__
g = None
class C:
    def m(self): return 1
h = C().m
for i in range(300000):
    h = h.__call__
h = None
print("ok")
