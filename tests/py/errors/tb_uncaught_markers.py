# An uncaught exception deep in calls: the default excepthook's traceback with markers.
def level3(values):
    total = 0
    for v in values:
        total += values[v] * 2
    return total

def level2(data):
    return level3(data) + level3({"a": 1})

def level1():
    return level2({"x": "x", 1: 2})["result"]

level1()
