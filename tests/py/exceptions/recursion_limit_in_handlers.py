# sys.setrecursionlimit bounds Python recursion (both ways); recursion inside except handlers ends.
import sys
def set_relative_recursion_limit(n):
    depth = 1
    while True:
        try:
            sys.setrecursionlimit(depth)
        except RecursionError:
            depth += 1
        else:
            break
    sys.setrecursionlimit(depth + n)

def recurse_in_except():
    try:
        1/0
    except:
        recurse_in_except()

def recurse_after_except():
    try:
        1/0
    except:
        pass
    recurse_after_except()

calls = 0
def recurse_in_body_and_except():
    global calls
    calls += 1
    try:
        recurse_in_body_and_except()
    except:
        recurse_in_body_and_except()

old = sys.getrecursionlimit()
set_relative_recursion_limit(10)
for func in (recurse_in_except, recurse_after_except, recurse_in_body_and_except):
    try:
        func()
    except RecursionError:
        print(func.__name__, "RecursionError")
sys.setrecursionlimit(old)
print(calls > 100)

def depth(n):
    try:
        return depth(n + 1)
    except RecursionError:
        return n
sys.setrecursionlimit(50)
small = depth(0)
sys.setrecursionlimit(5000)
big = depth(0)
print(small < 50, big > 4000)
sys.setrecursionlimit(1000)
try:
    sys.setrecursionlimit(0)
except ValueError as e:
    print(e)
