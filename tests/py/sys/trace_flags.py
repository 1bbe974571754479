# frame.f_trace_lines / f_trace_opcodes, __text_signature__ of types and method-wrappers,
# code.co_lnotab / _varname_from_oparg, async generator __class_getitem__.
import sys, types
events = []
def tracer(frame, event, arg):
    if frame.f_code.co_name == "target":
        if event == "call":
            frame.f_trace_lines = False
            frame.f_trace_opcodes = True
        events.append(event)
    return tracer
def target(n):
    total = 0
    for i in range(n):
        total += i
    return total
sys.settrace(tracer)
target(3)
sys.settrace(None)
print(events[0], "line" in events, "opcode" in events, events[-1])
events.clear()
def tracer2(frame, event, arg):
    if frame.f_code.co_name == "target":
        events.append((event, frame.f_trace_lines, frame.f_trace_opcodes))
    return tracer2
sys.settrace(tracer2)
target(1)
sys.settrace(None)
print(sorted(set(events)))
print(type(sys._getframe().f_trace_lines).__name__)
print(int.__text_signature__, type.__text_signature__, list.__text_signature__, object.__text_signature__)
print((1).__add__.__text_signature__, [].__len__.__text_signature__, int.__add__.__text_signature__)
class Plain:
    "doc"
print(Plain.__text_signature__)
def f(a, b):
    c = a
    return c
names = [f.__code__._varname_from_oparg(i) for i in range(3)]
print(names, type(f.__code__.co_lnotab).__name__, len(f.__code__.co_lnotab) % 2)
try:
    f.__code__._varname_from_oparg(10)
except IndexError as e:
    print("IndexError:", e)
print(types.AsyncGeneratorType[int], types.CoroutineType[int, int, str] if hasattr(types.CoroutineType, "__class_getitem__") else "no")
