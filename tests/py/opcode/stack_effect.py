# _opcode.stack_effect for every CPython 3.11 opcode (and the compiler's
# pseudo-instructions), with and without jumps, plus argument errors.
import _opcode
import dis
import opcode

print(_opcode.__doc__, _opcode.get_specialization_stats(), _opcode.stack_effect.__text_signature__)
for op in range(-12, 260):
    row = []
    for arg in ([None] if op < opcode.HAVE_ARGUMENT else [0, 1, 2, 3, 4, 5, 8, 9, 16, 0x100, 0x105, 2**33 + 3]):
        for jump in (None, True, False):
            try:
                row.append(_opcode.stack_effect(op, arg, jump=jump))
            except ValueError:
                row.append('V')
    if set(row) != {'V'}:
        print(op, opcode.opname[op] if 0 <= op < 256 else '', row)
print(dis.stack_effect(opcode.opmap['BUILD_TUPLE'], 3), dis.stack_effect(opcode.opmap['FOR_ITER'], 0, jump=True))


def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


t(lambda: _opcode.stack_effect())
t(lambda: _opcode.stack_effect(1, None, 3))
t(lambda: _opcode.stack_effect(90))
t(lambda: _opcode.stack_effect(1, 1))
t(lambda: _opcode.stack_effect(1, jump=1))
t(lambda: _opcode.stack_effect(1, foo=1))
t(lambda: _opcode.stack_effect('a'))
t(lambda: _opcode.stack_effect(1.5))
t(lambda: _opcode.stack_effect(100, 'a'))
t(lambda: _opcode.stack_effect(102, 2**70))
t(lambda: _opcode.stack_effect(2**70))
