# Debian's python3-yaml: yaml._yaml (Cython over libyaml) loaded unmodified.
# (python3-msgpack needs the C datetime API capsule, which Krait lacks.)
import yaml

print(yaml.__with_libyaml__)
from yaml import CSafeLoader, CSafeDumper
doc = """
name: Krait
version: 3.11
tags: [fast, compatible]
nested:
  - {a: 1, b: [x, y]}
  - null
  - true
text: |
  line one
  line two
"""
d = yaml.load(doc, Loader=CSafeLoader)
print(d)
out = yaml.dump(d, Dumper=CSafeDumper, sort_keys=True)
print(out)
print(yaml.load(out, Loader=CSafeLoader) == d)
print(list(yaml.load_all("a: 1\n---\nb: 2\n", Loader=CSafeLoader)))
try:
    yaml.load("a: [1, 2", Loader=CSafeLoader)
except yaml.YAMLError as e:
    print(type(e).__name__, str(e).splitlines()[0])
for ev in yaml.parse("k: v\n", Loader=CSafeLoader):
    print(type(ev).__name__, end=" ")
print()
