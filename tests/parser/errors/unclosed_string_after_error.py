x = )
y = "abc
