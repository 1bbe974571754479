# Compile-time SyntaxErrors raised by the symbol table and code generator (messages and positions).
srcs = [
 'return 1', 'yield 1', 'await x', 'break', 'continue', 'def f():\n    nonlocal x\n',
 'nonlocal x', 'def f(a):\n    global a\n', 'def f():\n    x = 1\n    global x\n',
 'def f():\n    print(x)\n    global x\n', 'def f():\n    def g():\n        nonlocal y\n',
 'class C:\n    return 1\n', 'lambda: (yield)', 'def f(a, a): pass', 'x = [(yield) for i in y]',
 'async def f():\n    x = [i async for i in y]\n', 'def f():\n    yield from x\n    return 1',
 'f(**x, *y)', 'def f(x):\n    nonlocal x\n', 'for x in y:\n    def f():\n        break\n',
 'try:\n    pass\nexcept:\n    pass\nexcept ValueError:\n    pass\n', 'del f()', 'f() += 1',
 '[x async for x in y]', 'async def f():\n    yield\n    return', '__debug__ = 1',
]
for s in srcs:
    try:
        compile(s, '<s>', 'exec')
        print('ok', repr(s))
    except SyntaxError as e:
        print(repr(s), '->', e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset)
