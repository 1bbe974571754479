# annotations: module, class and function __annotations__, evaluation order and simple targets
a: int = 1
b: 'str'
print(__annotations__)
class C:
    x: int
    y: list[int] = []
    z: 'C'
    (w): float = 2.0
print(C.__annotations__, hasattr(C, 'x'), C.y, C.w)
def f(p: int, q: str = 'd', *args: float, k: bool = True, **kw: dict) -> None: pass
print(f.__annotations__)
def g(): pass
print(g.__annotations__)
g.__annotations__['x'] = 1
print(g.__annotations__)
order = []
def mark(v):
    order.append(v); return v
def h(a: mark('a') = mark('da'), *, b: mark('b') = mark('db')) -> mark('r'): pass
print(order)
def local_ann():
    v: int
    try:
        print(v)
    except UnboundLocalError as e:
        print('unbound', e)
    u: int = 5
    return u
print(local_ann())
class D:
    obj = type('O', (), {})()
    obj.attr: int = 3
    lst = [0]
    lst[0]: str = 'x'
print(D.__annotations__, D.obj.attr, D.lst)
import typing
def th(x: 'int') -> 'list[int]': return [x]
print(typing.get_type_hints(th))
