// clean_code.h — a code object's units with the inline caches zeroed.
//
// The interpreter writes its inline caches (dict versions, borrowed
// pointers) into co_code_adaptive in place. Anything that exports the code
// — marshal (.pyc files), code.co_code — uses this copy instead, so the
// output is deterministic and never carries one process's pointers into
// another.
#pragma once
#include <Python.h>

#include <vector>

#include "bytecode/code.h"
#include "bytecode/opcodes.h"

namespace krait::bytecode {

inline std::vector<CodeUnit> clean_code_units(PyCodeObject* co) {
  const CodeUnit* src = code_units(co);
  int n = code_len(co);
  std::vector<CodeUnit> out(src, src + n);
  for (int i = 0; i < n;) {
    int size = size_of(op_of(out[static_cast<size_t>(i)]));
    for (int c = 1; c < size && i + c < n; c++) out[static_cast<size_t>(i + c)] = 0;
    i += size;
  }
  return out;
}

}  // namespace krait::bytecode
