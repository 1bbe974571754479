// assembler.cpp — turns a finished codegen unit into a code object.
//
//   1. stack depth: a worklist walk over the instruction list (jumps and the
//      SETUP_* pseudo instructions are edges; their effects come from
//      opcodes.def), giving co_stacksize and each handler's entry depth;
//   2. layout: pseudo instructions dropped, each real instruction followed
//      by its inline cache units, labels resolved to absolute offsets;
//   3. exception table: maximal runs of instructions tagged with the same
//      handler label become one record;
//   4. localsplus: plain locals, then cells that are not arguments, then free
//      variables (CPython's order), and deref operands remapped to slots.
#include <algorithm>

#include "compiler/codegen.h"

namespace krait::compiler {

using bytecode::CodeUnit;
using bytecode::ExceptionEntry;

static bool is_deref_op(Op op) {
  return op == Op::MAKE_CELL || op == Op::LOAD_CLOSURE || op == Op::LOAD_DEREF ||
         op == Op::LOAD_CLASSDEREF || op == Op::STORE_DEREF || op == Op::DELETE_DEREF;
}

static PyObject* str_tuple(const std::vector<std::string>& v) {
  PyObject* t = PyTuple_New(static_cast<Py_ssize_t>(v.size()));
  if (!t) return nullptr;
  for (size_t i = 0; i < v.size(); i++) {
    PyObject* s = PyUnicode_FromStringAndSize(v[i].data(), static_cast<Py_ssize_t>(v[i].size()));
    if (!s) {
      Py_DECREF(t);
      return nullptr;
    }
    PyUnicode_InternInPlace(&s);
    PyTuple_SET_ITEM(t, static_cast<Py_ssize_t>(i), s);
  }
  return t;
}

// CPython's duplicate_exits_without_lineno(): the implicit `return None` at the end of
// a function has no location of its own; each jump to it gets a private copy, so that
// every path reports the line it came from (the `if` test, the last `case` pattern...).
static void duplicate_exit(Unit& u) {
  std::vector<Instr>& code = u.code;
  size_t n = code.size();
  if (n < 2 || code[n - 1].op != Op::RETURN_VALUE || code[n - 2].op != Op::LOAD_CONST ||
      code[n - 1].pos.line >= 0 || code[n - 2].pos.line >= 0 || code[n - 2].handler >= 0)
    return;
  size_t exit = n - 2;
  std::vector<size_t> jumps;
  for (size_t i = 0; i < exit; i++) {
    auto& info = bytecode::info(code[i].op);
    if (!(info.flags & bytecode::F_JUMP) || (info.flags & bytecode::F_PSEUDO) || code[i].label < 0) continue;
    size_t t = static_cast<size_t>(u.labels[static_cast<size_t>(code[i].label)]);
    while (t < exit && (bytecode::info(code[t].op).flags & bytecode::F_PSEUDO)) t++;
    if (t == exit) jumps.push_back(i);
  }
  for (size_t j : jumps) {
    u.labels.push_back(static_cast<int>(code.size()));
    code[j].label = static_cast<int>(u.labels.size() - 1);
    Instr load = code[exit], ret = code[exit + 1];
    code.push_back(load);
    code.push_back(ret);
  }
}

Ref<PyCodeObject> assemble_unit(Unit& u, PyObject* filename, int flags) {
  duplicate_exit(u);
  const std::vector<Instr>& code = u.code;
  size_t n = code.size();
  auto label_index = [&](int label) { return static_cast<size_t>(u.labels[static_cast<size_t>(label)]); };

  // -- 1. Stack depths --------------------------------------------------------------------
  std::vector<int> depth(n + 1, -1);
  std::map<int, int> handler_depth;  // label -> depth on entry (items pushed included)
  std::map<int, bool> handler_lasti;
  int maxdepth = 0;
  std::vector<size_t> work;
  auto visit = [&](size_t i, int d) {
    if (i > n) return;
    if (d > maxdepth) maxdepth = d;
    if (depth[i] < 0) {
      depth[i] = d;
      work.push_back(i);
    }
  };
  if (n) visit(0, 0);
  while (!work.empty()) {
    size_t i = work.back();
    work.pop_back();
    if (i >= n) continue;
    const Instr& in = code[i];
    int d = depth[i];
    auto& info = bytecode::info(in.op);
    if (info.flags & bytecode::F_JUMP) {
      int jd = d + bytecode::stack_effect(in.op, in.arg, true);
      if (info.flags & bytecode::F_PSEUDO) {
        handler_depth[in.label] = jd;
        handler_lasti[in.label] = in.op != Op::SETUP_FINALLY;
      }
      visit(label_index(in.label), jd);
    }
    if (!(info.flags & bytecode::F_NOFALL)) visit(i + 1, d + bytecode::stack_effect(in.op, in.arg, false));
  }

  // -- 1b. Line numbers ---------------------------------------------------------------------------
  // Like CPython's propagate_line_numbers(): an instruction emitted without a
  // location (cleanup code: the RERAISE of an unmatched `except`, the exception
  // path of a `finally`) takes the one of its only predecessor, the previous
  // instruction it follows or the single jump that reaches it. A frame that ends
  // there then has CPython's f_lineno.
  std::vector<Position> pos(n);
  for (size_t i = 0; i < n; i++) pos[i] = code[i].pos;
  {
    std::vector<int> jumps_in(n + 1, 0);
    std::vector<size_t> jump_from(n + 1, 0);
    for (size_t i = 0; i < n; i++) {
      auto& info = bytecode::info(code[i].op);
      if (depth[i] < 0 || !(info.flags & bytecode::F_JUMP) || (info.flags & bytecode::F_PSEUDO)) continue;
      size_t t = label_index(code[i].label);
      while (t < n && (bytecode::info(code[t].op).flags & bytecode::F_PSEUDO)) t++;  // lands on the next real one
      jumps_in[t]++;
      jump_from[t] = i;
    }
    size_t prev = n;  // previous real, reachable instruction
    for (size_t i = 0; i < n; i++) {
      auto& info = bytecode::info(code[i].op);
      if (info.flags & bytecode::F_PSEUDO) continue;
      if (depth[i] < 0) {
        prev = n;
        continue;
      }
      if (pos[i].line < 0) {
        bool falls = prev < n && !(bytecode::info(code[prev].op).flags & bytecode::F_NOFALL);
        if (falls && jumps_in[i] == 0) pos[i] = pos[prev];
        else if (!falls && jumps_in[i] == 1) pos[i] = pos[jump_from[i]];
      }
      prev = i;
    }
  }

  // -- 2. Layout ------------------------------------------------------------------------------
  std::vector<uint32_t> offset(n + 1, 0);
  uint32_t off = 0;
  for (size_t i = 0; i < n; i++) {
    offset[i] = off;
    if (!(bytecode::info(code[i].op).flags & bytecode::F_PSEUDO)) off += static_cast<uint32_t>(bytecode::size_of(code[i].op));
  }
  offset[n] = off;

  // Localsplus: locals, non-argument cells, free variables.
  std::vector<std::string> names = u.varnames_order;
  std::vector<uint8_t> kinds(names.size(), bytecode::kFastLocal);
  std::vector<uint32_t> deref_slot;
  for (const std::string& c : u.cellvars) {
    auto it = u.varnames.find(c);
    if (it != u.varnames.end()) {
      kinds[static_cast<size_t>(it->second)] |= bytecode::kFastCell;
      deref_slot.push_back(static_cast<uint32_t>(it->second));
    } else {
      deref_slot.push_back(static_cast<uint32_t>(names.size()));
      names.push_back(c);
      kinds.push_back(bytecode::kFastCell);
    }
  }
  for (const std::string& f : u.freevars) {
    deref_slot.push_back(static_cast<uint32_t>(names.size()));
    names.push_back(f);
    kinds.push_back(bytecode::kFastFree);
  }

  bytecode::CodeSpec spec;
  spec.code.reserve(off);
  spec.positions.reserve(off);
  for (size_t i = 0; i < n; i++) {
    const Instr& in = code[i];
    auto& info = bytecode::info(in.op);
    if (info.flags & bytecode::F_PSEUDO) continue;
    uint32_t arg = in.arg;
    if (info.flags & bytecode::F_JUMP) arg = offset[label_index(in.label)];
    else if (is_deref_op(in.op)) arg = deref_slot.at(arg);
    if (in.op == Op::COPY_FREE_VARS) arg = static_cast<uint32_t>(u.freevars.size());
    if (arg > bytecode::kMaxArg) {
      PyErr_SetString(PyExc_SystemError, "operand too large for Krait bytecode");
      return nullptr;
    }
    spec.code.push_back(bytecode::encode(in.op, arg));
    for (int c = 0; c < info.cache; c++) spec.code.push_back(0);
    spec.positions.insert(spec.positions.end(), static_cast<size_t>(1 + info.cache), pos[i]);
  }

  // -- 3. Exception table -------------------------------------------------------------------------
  for (size_t i = 0; i < n;) {
    if ((bytecode::info(code[i].op).flags & bytecode::F_PSEUDO) || code[i].handler < 0) {
      i++;
      continue;
    }
    int h = code[i].handler;
    size_t j = i + 1;
    while (j < n && ((bytecode::info(code[j].op).flags & bytecode::F_PSEUDO) || code[j].handler == h)) j++;
    // Trailing pseudo instructions do not extend the run.
    uint32_t end = offset[j];
    if (offset[i] < end) {
      bool lasti = handler_lasti[h];
      int hd = handler_depth.count(h) ? handler_depth[h] : 1 + lasti;
      ExceptionEntry e{offset[i], end, offset[label_index(h)],
                       static_cast<uint32_t>(hd - 1 - (lasti ? 1 : 0)), lasti ? 1u : 0u};
      if (!spec.exceptions.empty() && spec.exceptions.back().end == e.start &&
          spec.exceptions.back().target == e.target)
        spec.exceptions.back().end = e.end;
      else
        spec.exceptions.push_back(e);
    }
    i = j;
  }

  // -- 4. The code object ---------------------------------------------------------------------------
  spec.consts = steal(PyList_AsTuple(u.consts.obj()));
  spec.names = steal(str_tuple(u.names_order));
  spec.localsplusnames = steal(str_tuple(names));
  spec.localspluskinds = steal(PyBytes_FromStringAndSize(reinterpret_cast<const char*>(kinds.data()),
                                                         static_cast<Py_ssize_t>(kinds.size())));
  spec.filename = Ref<>::borrow(filename);
  spec.name = steal(PyUnicode_FromStringAndSize(u.name.data(), static_cast<Py_ssize_t>(u.name.size())));
  spec.qualname = steal(PyUnicode_FromStringAndSize(u.qualname.data(), static_cast<Py_ssize_t>(u.qualname.size())));
  if (!spec.consts || !spec.names || !spec.localsplusnames || !spec.localspluskinds || !spec.name ||
      !spec.qualname)
    return nullptr;
  spec.flags = flags;
  spec.argcount = u.argcount;
  spec.posonlyargcount = u.posonlyargcount;
  spec.kwonlyargcount = u.kwonlyargcount;
  spec.stacksize = maxdepth + 1;  // one spare slot: PY_VECTORCALL_ARGUMENTS_OFFSET tricks
  spec.firstlineno = u.firstlineno;
  return bytecode::make_code(spec);
}

}  // namespace krait::compiler
