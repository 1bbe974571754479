# User-defined exception classes, args, __str__, raise from, __cause__/__context__, repr of exceptions.
class AppError(Exception):
    pass


class ParseError(AppError):
    def __init__(self, line, msg):
        super().__init__(line, msg)
        self.line = line
        self.msg = msg

    def __str__(self):
        return f'line {self.line}: {self.msg}'


try:
    raise ParseError(3, 'unexpected token')
except AppError as e:
    print(e, e.args, e.line, repr(e), type(e).__mro__[1].__name__)
try:
    try:
        {}['missing']
    except KeyError as k:
        raise AppError('lookup failed') from k
except AppError as e:
    print(repr(e), repr(e.__cause__), e.__suppress_context__, repr(e.__context__))
try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise ValueError('during')
except ValueError as e:
    print(repr(e.__context__), e.__cause__)
try:
    raise AppError('no context') from None
except AppError as e:
    print(e.__cause__, e.__suppress_context__)
print(repr(ValueError()), repr(ValueError('a')), repr(ValueError('a', 1)), str(KeyError('k')), repr(KeyError('k')))
e = RuntimeError('x')
print(e.args, str(e), e.__traceback__)
try:
    raise e
except RuntimeError as caught:
    print(caught is e, caught.__traceback__ is not None, caught.__traceback__.tb_lineno)
print(repr(StopIteration(5).value), OSError(2, 'No such file').errno, str(OSError(2, 'No such file')))
