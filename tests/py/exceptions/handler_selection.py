# The first matching except clause runs; unmatched exceptions propagate outward.
def risky(kind):
    if kind == 0:
        return 'fine'
    if kind == 1:
        raise ValueError('one')
    if kind == 2:
        raise TypeError('two')
    if kind == 3:
        return 1 // 0
    if kind == 4:
        return [1][5]
    return {}['missing']

for kind in range(6):
    try:
        try:
            print('result', risky(kind))
        except ValueError as e:
            print('inner ValueError', e)
        except TypeError as e:
            print('inner TypeError', e)
        print('after inner', kind)
    except ZeroDivisionError as e:
        print('outer ZeroDivisionError', e)
    except IndexError as e:
        print('outer IndexError', e)
    except KeyError as e:
        print('outer KeyError', e)
