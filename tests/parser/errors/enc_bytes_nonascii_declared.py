# coding: latin-1
x = b"é"
