// code.h — Krait's view of PyCodeObject (the object itself is in
// src/objects/code_object.cpp).
//
// Layout decision: we use the struct declared in <cpython/code.h> unchanged,
// so that the inline functions and macros compiled into extensions
// (PyCode_GetNumFree, co_nlocalsplus/co_nfreevars reads, co_filename/co_name
// reads by Cython) see the values they expect. What differs from CPython is
// the *contents* of three fields:
//   co_code_adaptive   Krait code units (32-bit, see opcodes.h); Py_SIZE()
//                      still counts 16-bit units so _PyCode_NBYTES is right.
//   co_linetable       Krait's position table (encoding in positions.cpp).
//   co_exceptiontable  Krait's exception table: fixed 5×uint32 records.
// co_localsplusnames/co_localspluskinds have CPython's meaning (CO_FAST_*).
#pragma once
#include <Python.h>

#include <string>
#include <vector>

#include "bytecode/opcodes.h"
#include "support/ref.h"

namespace krait::bytecode {

// Kinds of localsplus slots (same bit values as CPython's internal CO_FAST_*).
enum LocalKind : uint8_t {
  kFastLocal = 0x20,  // a plain local (also set for arguments that are cells)
  kFastCell = 0x40,   // a cell owned by this frame
  kFastFree = 0x80,   // a free variable copied from the closure
};

// Source span of one instruction; -1 where unknown. Columns are UTF-8 byte
// offsets, as in CPython's co_positions().
struct Position {
  int line = -1, end_line = -1, col = -1, end_col = -1;
};

// One exception-table record: instructions in [start, end) (code units)
// unwind to `target` with the value stack cut to `depth`; if `lasti`, the
// offset of the raising instruction is pushed below the exception.
struct ExceptionEntry {
  uint32_t start, end, target, depth, lasti;
};

// Everything the assembler produces for one code object.
struct CodeSpec {
  std::vector<CodeUnit> code;
  std::vector<Position> positions;  // one per code unit (caches repeat their instruction's)
  std::vector<ExceptionEntry> exceptions;
  Ref<> consts, names, localsplusnames, localspluskinds;  // tuple, tuple, tuple, bytes
  Ref<> filename, name, qualname;
  int flags = 0, argcount = 0, posonlyargcount = 0, kwonlyargcount = 0;
  int stacksize = 0, firstlineno = 1;
};

Ref<PyCodeObject> make_code(CodeSpec& spec);
// Interns the identifier-like str constants of a co_consts tuple (also in nested
// tuples and frozensets), in place, as CPython's code constructor does. -1 on error.
int intern_string_constants(PyObject* consts);

// Instruction addresses as Python sees them (f_lasti, tb_lasti, co_lines
// offsets, PyCode_Addr2Line): CPython 3.11 counts 2 per code unit and
// co_positions() yields one entry per unit, so the stdlib's traceback module
// indexes positions with lasti // 2. Krait keeps that convention although
// its units are 4 bytes wide (co_code is Krait's own encoding).
constexpr int kAddrPerUnit = 2;

inline const CodeUnit* code_units(PyCodeObject* co) {
  return reinterpret_cast<const CodeUnit*>(co->co_code_adaptive);
}
inline int code_len(PyCodeObject* co) {  // in Krait code units
  return static_cast<int>(Py_SIZE(co) / 2);
}

// Position of the instruction at code unit `index` ({-1..} if none).
Position position_at(PyCodeObject* co, int index);
// Decodes the whole table (one entry per code unit).
std::vector<Position> decode_positions(PyCodeObject* co);
// Finds the handler covering code unit `index`; false if none.
bool find_handler(PyCodeObject* co, int index, ExceptionEntry* out);

// Encoding of the position table (exposed for unit tests).
std::string encode_positions(const std::vector<Position>& pos);

// Disassembly (krait -X dis): writes a listing of `co` and, recursively, of
// the code objects among its constants.
std::string disassemble(PyCodeObject* co);

}  // namespace krait::bytecode
