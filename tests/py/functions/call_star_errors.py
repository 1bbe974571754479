# Messages of star-argument calls and unpacking, as CPython 3.11 words them.
def f(*a, **k): return a, k
for src in ['a,b,c=[1,2,3,4]', 'a,b=(1,2,3)', 'a,b={1:1,2:2,3:3}', 'f(*5)', 'print(*5)',
            '[*5]', 'len(*5)', 'a, b = range(5)', 'a,b=iter([1,2,3])', 'f(*5, **{})',
            'f(1, *5)', 'f(**5)', 'f(*None)']:
    try:
        exec(src)
    except Exception as e:
        print(src, '->', type(e).__name__, e)
print(f(*[1, 2]), f(*(x for x in range(3))), f(*"ab", k=1), f(*{3: 4}))
