# coding: koi8-r
x = "Пр" +
