#!x
# vim: set fileencoding=cp1252 :
x = "€" 1
