# Uncaught IndexError in an expression spanning several lines.
table = [[1, 2], [3, 4]]
row = 1
col = 2
value = (table[row][0] +
         table[row][col] +
         1)
print(value)
