# Small algorithms over lists: reversal, max, insertion sort, binary search, sieve.
def reverse(lst):
    out = []
    i = len(lst) - 1
    while i >= 0:
        out.append(lst[i])
        i = i - 1
    return out

def maximum(lst):
    best = lst[0]
    for x in lst:
        if x > best:
            best = x
    return best

def insertion_sort(lst):
    out = []
    for x in lst:
        out.append(x)
        i = len(out) - 1
        while i > 0 and out[i - 1] > out[i]:
            t = out[i]
            out[i] = out[i - 1]
            out[i - 1] = t
            i = i - 1
    return out

def bsearch(lst, target):
    lo = 0
    hi = len(lst) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        if lst[mid] == target:
            return mid
        if lst[mid] < target:
            lo = mid + 1
        else:
            hi = mid - 1
    return -1

def sieve(n):
    flags = []
    for i in range(n + 1):
        flags.append(True)
    primes = []
    for i in range(2, n + 1):
        if flags[i]:
            primes.append(i)
            j = i * i
            while j <= n:
                flags[j] = False
                j = j + i
    return primes

data = [5, 3, 9, -1, 0, 9, 2.5, 7]
print(reverse(data))
print(maximum(data), maximum(['pear', 'apple', 'zoo']))
s = insertion_sort(data)
print(s)
print(insertion_sort(['delta', 'alpha', 'charlie', 'bravo']))
print(bsearch(s, 7), bsearch(s, 4), bsearch(s, -1))
print(sieve(60))
print(len(sieve(10000)))
