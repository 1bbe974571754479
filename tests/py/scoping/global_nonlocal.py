# global and nonlocal declarations in nested functions and class bodies
x = 'module'
def f():
    global x
    x = 'set by f'
f(); print(x)
def outer():
    y = 0
    def inc():
        nonlocal y
        y += 1
        return y
    inc(); inc()
    return y, inc()
print(outer())
def counter():
    n = 0
    def get(): return n
    def bump():
        nonlocal n
        n += 10
    return get, bump
g, b = counter(); b(); b(); print(g())
class C:
    x = 'class'
    def m(self): return x
    y = [x for _ in range(1)]
print(C().m(), C.x, C.y)
def shadow():
    x = 'local'
    class D:
        print('in D body sees', x)
        x = 'D attr'
        print('after assign', x)
    return D.x
print(shadow())
def g2():
    z = 1
    class E:
        nonlocal z
        z = 2
    return z
print(g2())
try:
    exec("def bad():\n    print(q)\n    global q\n")
except SyntaxError as e:
    print(type(e).__name__, e.msg)
try:
    exec("def bad():\n    nonlocal zz\n")
except SyntaxError as e:
    print(type(e).__name__, e.msg)
try:
    exec("nonlocal a")
except SyntaxError as e:
    print(type(e).__name__, e.msg)
def unbound():
    print(v)
    v = 1
try:
    unbound()
except UnboundLocalError as e:
    print(type(e).__name__, e)
def free_unbound():
    def inner(): return w
    r = None
    try: r = inner()
    except NameError as e: r = str(e)
    w = 5
    return r, inner()
print(free_unbound())
