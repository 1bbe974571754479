import sys
try:
    sys.setrecursionlimit(2)
except RecursionError as e:
    print(e)
def f(n):
    if n == 0:
        sys.setrecursionlimit(3)
    else: f(n-1)
try:
    f(5)
except RecursionError as e: print(e)
sys.setrecursionlimit(50)
n = 0
def g():
    global n
    n += 1
    g()
try:
    g()
except RecursionError:
    print(n)
sys.setrecursionlimit(1000)
print(sys.getrecursionlimit())
