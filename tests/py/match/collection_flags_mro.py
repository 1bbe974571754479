# Sequence/mapping-ness for `match` comes from the first class in the MRO
# that has it; `[*_]` never calls len(); `{**_}` is a syntax error.
import collections
import collections.abc


def kind(x):
    match x:
        case [*_]:
            return "seq"
        case {}:
            return "map"


class C:
    pass


class M2(C, collections.UserDict, collections.abc.Sequence):
    pass


class S2(C, collections.UserList, collections.abc.Mapping):
    pass


class P:
    pass


collections.abc.Sequence.register(P)


class PChild(P):
    pass

print(kind(M2()), kind(S2()), kind(P()), kind(PChild()), kind(C()))

try:
    compile("match x:\n    case {**_}:\n        pass\n", "s", "exec")
except SyntaxError as e:
    print(e.msg, e.lineno, e.offset)
