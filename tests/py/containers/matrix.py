# Lists of lists as matrices: multiplication, transpose, identity powers.
def zeros(n, m):
    out = []
    for i in range(n):
        row = []
        for j in range(m):
            row.append(0)
        out.append(row)
    return out

def matmul(a, b):
    n = len(a)
    m = len(b[0])
    k = len(b)
    c = zeros(n, m)
    for i in range(n):
        for j in range(m):
            s = 0
            for t in range(k):
                s = s + a[i][t] * b[t][j]
            c[i][j] = s
    return c

def transpose(a):
    out = zeros(len(a[0]), len(a))
    for i in range(len(a)):
        for j in range(len(a[0])):
            out[j][i] = a[i][j]
    return out

a = [[1, 2, 3], [4, 5, 6]]
b = [[7, 8], [9, 10], [11, 12]]
print(matmul(a, b))
print(transpose(a))
fibm = [[1, 1], [1, 0]]
p = [[1, 0], [0, 1]]
for i in range(90):
    p = matmul(p, fibm)
print(p[0][1])
h = [[1.0, 0.5], [0.5, 1 / 3]]
print(matmul(h, h))
