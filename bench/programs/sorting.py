"""Sorting and slicing: list.sort/sorted with keys and tuples, a hand-written merge sort and
quicksort built from slices, binary search, rotations and slice assignment.

Stresses: list allocation, slicing (get, set, delete, step), comparisons of ints/strs/tuples,
key= callables, list.insert/pop/extend/reverse.
"""
# quick: 10
import sys


def lcg_list(count, seed):
    out = []
    x = seed
    for _ in range(count):
        x = (x * 1103515245 + 12345) & 0x7FFFFFFF
        out.append(x % 100000)
    return out


def merge_sort(a):
    if len(a) <= 1:
        return a
    mid = len(a) // 2
    left = merge_sort(a[:mid])
    right = merge_sort(a[mid:])
    out = []
    i = j = 0
    while i < len(left) and j < len(right):
        if left[i] <= right[j]:
            out.append(left[i])
            i += 1
        else:
            out.append(right[j])
            j += 1
    out.extend(left[i:])
    out.extend(right[j:])
    return out


def quick_sort(a):
    if len(a) <= 16:
        return sorted(a)
    pivot = a[len(a) // 2]
    return (quick_sort([x for x in a if x < pivot]) + [x for x in a if x == pivot]
            + quick_sort([x for x in a if x > pivot]))


def bisect_left(a, x):
    lo, hi = 0, len(a)
    while lo < hi:
        mid = (lo + hi) // 2
        if a[mid] < x:
            lo = mid + 1
        else:
            hi = mid
    return lo


def main(n):
    total = 0
    for rep in range(n):
        data = lcg_list(5000, rep + 7)
        a = merge_sort(data)
        b = quick_sort(data)
        c = sorted(data)
        if a != b or b != c:
            raise SystemExit("sorting: disagreement")
        total += a[0] + a[-1] + a[len(a) // 3]
        for x in data[:300]:
            total += bisect_left(a, x)
        records = [("k%05d" % (v % 977), v % 13, v) for v in data[:2000]]
        records.sort(key=lambda r: (r[1], r[0]))
        total += records[0][2] + records[-1][2]
        records.sort(reverse=True)
        total += records[0][2]
        by_len = sorted(("x" * (v % 9) + str(v) for v in data[:1000]), key=len)
        total += len(by_len[-1])
        w = data[:1000]
        for k in range(1, 50):
            w = w[k:] + w[:k]
            w[10:20] = w[20:10:-1]
            del w[::97]
            w.extend(data[k:k + 10])
        total += sum(w[::5]) + len(w)
        w.reverse()
        ins = []
        for v in data[:400]:
            ins.insert(bisect_left(ins, v), v)
        total += ins[200] + ins.pop() + ins.pop(0)
        total %= 1000000007
    return total


if __name__ == "__main__":
    print(main(int(sys.argv[1]) if len(sys.argv) > 1 else 130))
