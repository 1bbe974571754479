def ping(n):
    return pong(n)
def pong(n):
    return ping(n)
try:
    ping(0)
except RecursionError as e:
    print("caught", e)
import sys
sys.setrecursionlimit(50)
ping(0)
