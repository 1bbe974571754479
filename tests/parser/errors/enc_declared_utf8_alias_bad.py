# coding: utf8
x = "ö"
