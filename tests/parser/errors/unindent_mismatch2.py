if x:
  pass
 y
