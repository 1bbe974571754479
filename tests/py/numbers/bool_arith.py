# Booleans are integers: arithmetic, comparison and conversion.
print(True + 1, False + 1, True * True, True - True)
print(True / True, True // 1, True % 2, True ** 10)
print(-True, -False)
print(True + 0.5)
print(True == 1, False == 0, True == 2)
print(True > False, True < 2)
print(str(True), str(1 == 1), str(1 != 1))
print(int(True) + int(False))
count = 0
for v in [1, 0, 3, 0, 5]:
    count = count + (v != 0)
print(count)
print(len([]) == 0, len('ab') == 2)
