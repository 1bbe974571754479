# Float formatting with more than ~60 significant digits: the digit buffer overflowed, giving
# garbage text or an abort (std::length_error) under format().
x = -1.e+100 / 3.
for f in ("%.110g", "%#.110g", "%#.60g", "%.300e", "%.17g", "%.400f", "%#.*g"):
    r = f % ((110, x) if "*" in f else x)
    print(f, len(r), r[:25], r[-12:])
print(format(x, "#.110g")[:20], len(format(x, "#.110g")), len(format(1 / 3, ".500e")))
print(format(2.5, ".200g"), b"%#.60g" % 1e-300)
print("{:.120}".format(0.1))
