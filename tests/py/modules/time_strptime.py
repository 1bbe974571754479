# time.strptime goes through _strptime, which needs time._STRUCT_TM_ITEMS.
import time

print(time._STRUCT_TM_ITEMS)
t = time.strptime("2020-01-02 03:04:05", "%Y-%m-%d %H:%M:%S")
print(tuple(t), t.tm_zone is None or isinstance(t.tm_zone, str))
print(time.strftime("%Y/%m/%d", time.strptime("31 Dec 1999", "%d %b %Y")))
