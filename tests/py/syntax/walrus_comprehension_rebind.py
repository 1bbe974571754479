# Walrus targets vs comprehension iteration variables, both orders.
for s in ['{i for i in range(5) if (j := 0) for j in range(5)}',
          '[i for i in range(5) if (j := 0) for j in range(5)]',
          '[(j := 0) for i in x for j in y]', '[i for i in (j:=[1]) ]',
          '[[(j := 0) for k in y] for j in x]', '[(i := 0) for i in x]',
          'def f():\n global j\n [j for j in x]', 'def f():\n [(j:=1) for i in x if (j:=2)]']:
    try:
        compile(s, '<f>', 'exec')
        print('ok')
    except SyntaxError as e:
        print(repr(s), e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset)
