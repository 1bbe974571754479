# Every positional-only parameter passed by keyword is named in the error, in parameter order.
def g(a, b, /, c=0):
    pass


for kw in ({"a": 1}, {"b": 2, "a": 1}, {"a": 1, "b": 2, "c": 3}):
    try:
        g(**kw)
    except TypeError as e:
        print(e)


def h(a, b, /, **rest):
    return rest


print(h(1, 2, a=3, b=4))
