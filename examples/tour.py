# A short tour of what Krait runs today.

def fib(n):
    """Recursion and integer arithmetic."""
    return n if n < 2 else fib(n - 1) + fib(n - 2)

print("fib(20) =", fib(20))
print("2**100 =", 2 ** 100)
print("-7 // 2, -7 % 2 =", -7 // 2, -7 % 2)
print("0.1 + 0.2 =", 0.1 + 0.2, "; 1/3 =", 1 / 3)
print("sum(range(10**6)) =", sum(range(10 ** 6)))

primes = []
n = 2
while len(primes) < 10:
    for p in primes:
        if n % p == 0:
            break
    else:
        primes.append(n)
    n += 1
print("first primes:", primes)

counts = {}
for word in ["krait", "python", "krait", "snake", "krait"]:
    counts[word] = counts.get(word, 0) + 1
print("counts:", counts)

def describe(x, unit="units"):
    return str(x) + " " + unit

print(describe(3), "|", describe(2.5, unit="kg"), "|", int("42") + float("0.5"))

try:
    {}["missing"]
except KeyError as e:
    print("caught KeyError:", e)

try:
    1 / 0
except ZeroDivisionError as e:
    print("caught:", e)
print("tour done", end="!\n")
