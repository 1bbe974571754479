# try/except/else/finally interacting with return, break and continue
def f1():
    try:
        return 'try'
    finally:
        print('f1 finally')
print(f1())
def f2():
    try:
        return 'try'
    finally:
        return 'finally'
print(f2())
def f3():
    for i in range(5):
        try:
            if i == 1: continue
            if i == 3: break
            print('body', i)
        finally:
            print('fin', i)
    else:
        print('no else')
    return i
print(f3())
def f4():
    try:
        raise ValueError('x')
    finally:
        return 'swallowed'
print(f4())
def f5():
    for i in range(3):
        try:
            raise KeyError(i)
        except KeyError as e:
            print('caught', e)
            continue
        finally:
            print('fin', i)
f5()
def f6(x):
    try:
        r = 10 / x
    except ZeroDivisionError:
        print('zero')
        return 'except'
    else:
        print('else', r)
        return 'else'
    finally:
        print('finally', x)
print(f6(0), f6(2))
def f7():
    try:
        try:
            raise TypeError('inner')
        finally:
            print('inner finally')
    except TypeError as e:
        print('outer caught', e)
f7()
def f8():
    x = 0
    while True:
        try:
            x += 1
            if x > 3:
                break
        finally:
            if x == 2:
                print('finally at 2')
    return x
print(f8())
def f9():
    try:
        raise ValueError
    except ValueError as e:
        pass
    try:
        e
    except NameError as ne:
        print('NameError', ne)
f9()
def f10():
    out = []
    for i in range(3):
        try:
            try:
                if i == 1: break
            finally:
                out.append('inner%d' % i)
        finally:
            out.append('outer%d' % i)
    return out
print(f10())
def gen():
    try:
        yield 1
        yield 2
    finally:
        print('gen finally')
for v in gen():
    print(v); break
print('done')
