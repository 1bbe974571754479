# IsoCalendarDate (date.isocalendar()): a tuple subclass with named fields that
# pickles and copies as a plain tuple.
import pickle, copy
from datetime import date, datetime
ic = date(2021, 1, 3).isocalendar()
print(ic, ic.year, ic.week, ic.weekday, tuple(ic), ic == (2020, 53, 7), hash(ic) == hash((2020, 53, 7)), ic[1:], len(ic))
for p in range(6):
    print(pickle.dumps(ic, p))
print(copy.copy(ic), copy.deepcopy(ic), type(copy.copy(ic)).__name__)
print(datetime(2021, 1, 3, 5).isocalendar(), type(ic).__name__, type(ic).__module__)
try: ic.year = 5
except AttributeError as e: print("AttributeError", e)
y, w, d = ic; print(y, w, d)
