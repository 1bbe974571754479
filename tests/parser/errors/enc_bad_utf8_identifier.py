aöb = 1
