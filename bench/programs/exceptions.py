"""Exceptions: raising and catching in hot loops, custom exception hierarchies, try/finally,
with-statements, exception chaining, and EAFP dictionary/attribute access.

Stresses: RAISE, exception-table unwinding, isinstance matching of except clauses, traceback
object creation, __enter__/__exit__, KeyError/IndexError/AttributeError/ZeroDivisionError.
"""
# quick: 2000
import sys


class AppError(Exception):
    pass


class ParseError(AppError):
    def __init__(self, pos, msg):
        AppError.__init__(self, msg)
        self.pos = pos


class LimitError(AppError):
    pass


class Guard:
    def __init__(self, log):
        self.log = log

    def __enter__(self):
        self.log[0] += 1
        return self

    def __exit__(self, et, ev, tb):
        self.log[1] += 1
        return et is LimitError  # swallow only LimitError


def parse_digit(s, pos):
    c = s[pos]
    if "0" <= c <= "9":
        return ord(c) - 48
    raise ParseError(pos, "not a digit")


def checked(v, limit):
    if v > limit:
        raise LimitError(v)
    return v


def deep(k):
    if k == 0:
        raise ValueError("bottom")
    try:
        return deep(k - 1)
    finally:
        pass


def main(n):
    text = "12a4b67c9d0e"
    table = {"a": 1, "b": 2}
    log = [0, 0]
    total = 0
    for i in range(n):
        for pos in range(len(text)):
            try:
                total += parse_digit(text, pos)
            except ParseError as e:
                total += e.pos
        try:
            total += table["c"]
        except KeyError:
            total += 1
        try:
            total += [1, 2, 3][i % 5]
        except IndexError:
            total += 2
        try:
            total += 10 // (i % 4)
        except ZeroDivisionError:
            total += 3
        try:
            total += getattr(log, "missing")
        except AttributeError:
            total += 4
        with Guard(log):
            total += checked(i % 10, 7)
        try:
            deep(8)
        except ValueError as e:
            total += len(e.args[0])
        try:
            try:
                raise KeyError(i)
            except KeyError as e:
                raise AppError("wrapped") from e
        except AppError as e:
            total += 1 if isinstance(e.__cause__, KeyError) else 0
        try:
            total += 1
        finally:
            total += 1
        total %= 1000000007
    return "%d %d %d" % (total, log[0], log[1])


if __name__ == "__main__":
    print(main(int(sys.argv[1]) if len(sys.argv) > 1 else 160000))
