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
try:
    recurse_in_body_and_except()
except RecursionError:
    pass
sys.setrecursionlimit(old)
