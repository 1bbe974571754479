"""Recursion: naive Fibonacci, Takeuchi's tak, Ackermann(2, n), binary-tree build/check
(allocation-heavy), and the Tower of Hanoi.

Stresses: Python-to-Python calls and returns (frame push/pop), deep recursion (depth ~1000),
small-int arithmetic, short-lived tuples.
"""
# quick: 1
import sys


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def tak(x, y, z):
    if y >= x:
        return z
    return tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y))


def ack(m, n):
    if m == 0:
        return n + 1
    if n == 0:
        return ack(m - 1, 1)
    return ack(m - 1, ack(m, n - 1))


def make_tree(depth):
    if depth == 0:
        return (None, None)
    depth -= 1
    return (make_tree(depth), make_tree(depth))


def check_tree(node):
    left, right = node
    if left is None:
        return 1
    return 1 + check_tree(left) + check_tree(right)


def hanoi(n, a, b, c, moves):
    if n == 0:
        return moves
    moves = hanoi(n - 1, a, c, b, moves)
    moves += 1
    return hanoi(n - 1, c, b, a, moves)


def main(n):
    total = 0
    for _ in range(n):
        total += fib(22)
        total += tak(16, 10, 4)
        total += ack(2, 400)
        total += check_tree(make_tree(12))
        total += hanoi(13, 1, 2, 3, 0)
    return total


if __name__ == "__main__":
    print(main(int(sys.argv[1]) if len(sys.argv) > 1 else 5))
