for x in range(10)
