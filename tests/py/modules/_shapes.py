# Helper module for modules/import_helper.py (files starting with `_` are not tests).
PI = 3.14159
loaded = []


def area(r):
    return PI * r * r


class Square:
    def __init__(self, side):
        self.side = side

    def area(self):
        return self.side ** 2


loaded.append(__name__)
print('importing', __name__)
