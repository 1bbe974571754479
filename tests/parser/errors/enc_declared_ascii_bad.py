# coding: ascii
x = "ö"
