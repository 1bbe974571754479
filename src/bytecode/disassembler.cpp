// disassembler.cpp — `krait -X dis`: a readable listing of Krait bytecode,
// driven entirely by opcodes.def (names, operand kinds, cache sizes).
#include <cstdio>
#include <string>

#include "bytecode/code.h"

namespace krait::bytecode {

static std::string repr_of(PyObject* o) {
  PyObject* r = PyObject_Repr(o);
  if (!r) {
    PyErr_Clear();
    return "<?>";
  }
  const char* s = PyUnicode_AsUTF8(r);
  std::string out = s ? s : "<?>";
  Py_DECREF(r);
  return out;
}

static std::string str_of(PyObject* o) {
  const char* s = PyUnicode_Check(o) ? PyUnicode_AsUTF8(o) : nullptr;
  return s ? s : repr_of(o);
}

std::string disassemble(PyCodeObject* co) {
  std::string out = "Disassembly of " + repr_of(reinterpret_cast<PyObject*>(co)) + ":\n";
  const CodeUnit* code = code_units(co);
  int n = code_len(co);
  std::vector<Position> pos = decode_positions(co);
  int last_line = -2;
  for (int i = 0; i < n;) {
    Op op = op_of(code[i]);
    uint32_t arg = arg_of(code[i]);
    const OpInfo& in = info(op);
    char buf[64];
    int line = i < static_cast<int>(pos.size()) ? pos[static_cast<size_t>(i)].line : -1;
    if (line != last_line) {
      snprintf(buf, sizeof buf, "%s%4s", last_line == -2 ? "" : "\n", line >= 0 ? std::to_string(line).c_str() : "--");
      out += buf;
      last_line = line;
    } else {
      out += "    ";
    }
    snprintf(buf, sizeof buf, " %6d %-22s", i * 4, in.name);
    out += buf;
    if (in.operand != Operand::None) {
      out += std::to_string(arg);
      switch (in.operand) {
        case Operand::Const:
          if (arg < static_cast<uint32_t>(PyTuple_GET_SIZE(co->co_consts)))
            out += " (" + repr_of(PyTuple_GET_ITEM(co->co_consts, arg)) + ")";
          break;
        case Operand::Name:
          if (name_index(op, arg) < static_cast<uint32_t>(PyTuple_GET_SIZE(co->co_names)))
            out += std::string(name_index(op, arg) != arg ? " (NULL + " : " (") +
                   str_of(PyTuple_GET_ITEM(co->co_names, name_index(op, arg))) + ")";
          break;
        case Operand::Local:
          if (arg < static_cast<uint32_t>(PyTuple_GET_SIZE(co->co_localsplusnames)))
            out += " (" + str_of(PyTuple_GET_ITEM(co->co_localsplusnames, arg)) + ")";
          break;
        case Operand::Jump: out += " (to " + std::to_string(arg * 4) + ")"; break;
        default: break;
      }
    }
    out += "\n";
    i += size_of(op);
  }
  size_t nexc = PyBytes_GET_SIZE(co->co_exceptiontable) / sizeof(ExceptionEntry);
  if (nexc) {
    out += "ExceptionTable:\n";
    auto* e = reinterpret_cast<const ExceptionEntry*>(PyBytes_AS_STRING(co->co_exceptiontable));
    for (size_t k = 0; k < nexc; k++) {
      out += "  " + std::to_string(e[k].start * 4) + " to " + std::to_string(e[k].end * 4) + " -> " +
             std::to_string(e[k].target * 4) + " [" + std::to_string(e[k].depth) + "]" + (e[k].lasti ? " lasti" : "") + "\n";
    }
  }
  for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(co->co_consts); k++) {
    PyObject* c = PyTuple_GET_ITEM(co->co_consts, k);
    if (PyCode_Check(c)) out += "\n" + disassemble(reinterpret_cast<PyCodeObject*>(c));
  }
  return out;
}

}  // namespace krait::bytecode
