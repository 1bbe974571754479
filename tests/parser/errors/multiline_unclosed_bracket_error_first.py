if x
y = [
