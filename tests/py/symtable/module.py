# Lib/symtable.py on top of _symtable: the SymbolTable/Function/Class/Symbol API.
import symtable

SRC = '''
import sys
value = 1

class Shape:
    sides = 0
    def area(self, scale=1):
        return self.sides * scale
    def describe(self):
        return f"{self.sides} {value}"

def counter(start, *rest, step=1, **opts):
    global value
    count = start
    value = count
    def bump():
        nonlocal count
        count += step
        return count
    def peek():
        return count
    return bump, peek

def twin(): pass
def twin(): pass
'''

top = symtable.symtable(SRC, "shapes.py", "exec")
print(top, top.get_type(), top.get_name(), top.get_lineno(), top.is_optimized(), top.is_nested())
print(sorted(top.get_identifiers()))
for child in top.get_children():
    print(child, child.get_type(), child.get_lineno(), child.is_nested(), child.has_children())

shape = top.get_children()[0]
print(shape.get_methods())
counter = [c for c in top.get_children() if c.get_name() == "counter"][0]
print(counter.get_parameters(), counter.get_locals(), counter.get_globals(),
      counter.get_frees(), counter.get_nonlocals())
bump, peek = counter.get_children()
print(bump.get_frees(), bump.get_nonlocals(), peek.get_frees(), peek.get_locals())

for name in ("count", "step", "value", "start", "bump", "rest", "opts"):
    s = counter.lookup(name)
    print(name, s.is_referenced(), s.is_parameter(), s.is_global(), s.is_declared_global(),
          s.is_local(), s.is_free(), s.is_assigned(), s.is_namespace(), s.is_nonlocal())
print(bump.lookup("count").is_free(), bump.lookup("count").is_nonlocal())
print(top.lookup("sys").is_imported(), top.lookup("twin").is_namespace(),
      len(top.lookup("twin").get_namespaces()))
try:
    top.lookup("twin").get_namespace()
except ValueError as e:
    print("ValueError", e)
print(top.lookup("Shape").get_namespace() is shape)
try:
    top.lookup("missing")
except KeyError as e:
    print("KeyError", e)
print([repr(s) for s in top.get_symbols()])

st = symtable.symtable("def f():\n    x: int\n", "t", "exec")
f = st.get_children()[0]
print(f.lookup("x").is_annotated(), f.lookup("x").is_local(), sorted(f.get_identifiers()))
enc = symtable.symtable(b"# -*- coding: iso8859-15 -*-\nclass \xb4: pass\n", "?", "exec")
print([c.get_name() for c in enc.get_children()])
