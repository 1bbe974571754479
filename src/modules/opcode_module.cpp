// opcode_module.cpp — the `_opcode` module: stack_effect() for CPython
// 3.11's opcode numbering (what the stdlib's `opcode` and `dis` modules
// describe; Krait's own bytecode is different and does not use this), and
// get_specialization_stats() (None: no specialization statistics).
#include <Python.h>

#include <climits>

namespace {

constexpr int kHaveArgument = 90;
constexpr int kInvalid = INT_MAX;

// Opcodes whose effect does not depend on oparg: effect when the jump is
// not known (the maximum), when it is taken, and when it is not.
struct Fixed {
  int op, any, jump, nojump;
};

const Fixed kFixed[] = {
    // CPython 3.11's compiler pseudo-instructions have negative numbers.
    {-10, -1, -1, -1},  // POP_JUMP_IF_NOT_NONE
    {-9, -1, -1, -1},   // POP_JUMP_IF_NONE
    {-8, -1, -1, -1},   // POP_JUMP_IF_TRUE
    {-7, -1, -1, -1},   // POP_JUMP_IF_FALSE
    {-6, 0, 0, 0},      // JUMP_NO_INTERRUPT
    {-5, 0, 0, 0},      // JUMP
    {-4, 0, 0, 0},      // POP_BLOCK
    {-3, 1, 1, 0},      // SETUP_WITH
    {-2, 2, 2, 0},      // SETUP_CLEANUP
    {-1, 1, 1, 0},      // SETUP_FINALLY
    {0, 0, 0, 0},  // CACHE
    {1, -1, -1, -1},  // POP_TOP
    {2, 1, 1, 1},  // PUSH_NULL
    {9, 0, 0, 0},  // NOP
    {10, 0, 0, 0},  // UNARY_POSITIVE
    {11, 0, 0, 0},  // UNARY_NEGATIVE
    {12, 0, 0, 0},  // UNARY_NOT
    {15, 0, 0, 0},  // UNARY_INVERT
    {25, -1, -1, -1},  // BINARY_SUBSCR
    {30, 1, 1, 1},  // GET_LEN
    {31, 1, 1, 1},  // MATCH_MAPPING
    {32, 1, 1, 1},  // MATCH_SEQUENCE
    {33, 1, 1, 1},  // MATCH_KEYS
    {35, 1, 1, 1},  // PUSH_EXC_INFO
    {36, 0, 0, 0},  // CHECK_EXC_MATCH
    {37, 0, 0, 0},  // CHECK_EG_MATCH
    {49, 1, 1, 1},  // WITH_EXCEPT_START
    {50, 0, 0, 0},  // GET_AITER
    {51, 1, 1, 1},  // GET_ANEXT
    {52, 1, 1, 1},  // BEFORE_ASYNC_WITH
    {53, 1, 1, 1},  // BEFORE_WITH
    {54, -2, -2, -2},  // END_ASYNC_FOR
    {60, -3, -3, -3},  // STORE_SUBSCR
    {61, -2, -2, -2},  // DELETE_SUBSCR
    {68, 0, 0, 0},  // GET_ITER
    {69, 0, 0, 0},  // GET_YIELD_FROM_ITER
    {70, -1, -1, -1},  // PRINT_EXPR
    {71, 1, 1, 1},  // LOAD_BUILD_CLASS
    {74, 1, 1, 1},  // LOAD_ASSERTION_ERROR
    {75, 0, 0, 0},  // RETURN_GENERATOR
    {82, 0, 0, 0},  // LIST_TO_TUPLE
    {83, -1, -1, -1},  // RETURN_VALUE
    {84, -1, -1, -1},  // IMPORT_STAR
    {85, 0, 0, 0},  // SETUP_ANNOTATIONS
    {86, 0, 0, 0},  // YIELD_VALUE
    {87, 0, 0, 0},  // ASYNC_GEN_WRAP
    {88, -1, -1, -1},  // PREP_RERAISE_STAR
    {89, -1, -1, -1},  // POP_EXCEPT
    {90, -1, -1, -1},  // STORE_NAME
    {91, 0, 0, 0},  // DELETE_NAME
    {93, 1, -1, 1},  // FOR_ITER
    {95, -2, -2, -2},  // STORE_ATTR
    {96, -1, -1, -1},  // DELETE_ATTR
    {97, -1, -1, -1},  // STORE_GLOBAL
    {98, 0, 0, 0},  // DELETE_GLOBAL
    {99, 0, 0, 0},  // SWAP
    {100, 1, 1, 1},  // LOAD_CONST
    {101, 1, 1, 1},  // LOAD_NAME
    {106, 0, 0, 0},  // LOAD_ATTR
    {107, -1, -1, -1},  // COMPARE_OP
    {108, -1, -1, -1},  // IMPORT_NAME
    {109, 1, 1, 1},  // IMPORT_FROM
    {110, 0, 0, 0},  // JUMP_FORWARD
    {111, 0, 0, -1},  // JUMP_IF_FALSE_OR_POP
    {112, 0, 0, -1},  // JUMP_IF_TRUE_OR_POP
    {114, -1, -1, -1},  // POP_JUMP_FORWARD_IF_FALSE
    {115, -1, -1, -1},  // POP_JUMP_FORWARD_IF_TRUE
    {117, -1, -1, -1},  // IS_OP
    {118, -1, -1, -1},  // CONTAINS_OP
    {119, -1, -1, -1},  // RERAISE
    {120, 1, 1, 1},  // COPY
    {122, -1, -1, -1},  // BINARY_OP
    {123, 0, -1, 0},  // SEND
    {124, 1, 1, 1},  // LOAD_FAST
    {125, -1, -1, -1},  // STORE_FAST
    {126, 0, 0, 0},  // DELETE_FAST
    {128, -1, -1, -1},  // POP_JUMP_FORWARD_IF_NOT_NONE
    {129, -1, -1, -1},  // POP_JUMP_FORWARD_IF_NONE
    {131, 0, 0, 0},  // GET_AWAITABLE
    {134, 0, 0, 0},  // JUMP_BACKWARD_NO_INTERRUPT
    {135, 0, 0, 0},  // MAKE_CELL
    {136, 1, 1, 1},  // LOAD_CLOSURE
    {137, 1, 1, 1},  // LOAD_DEREF
    {138, -1, -1, -1},  // STORE_DEREF
    {139, 0, 0, 0},  // DELETE_DEREF
    {140, 0, 0, 0},  // JUMP_BACKWARD
    {144, 0, 0, 0},  // EXTENDED_ARG
    {145, -1, -1, -1},  // LIST_APPEND
    {146, -1, -1, -1},  // SET_ADD
    {147, -2, -2, -2},  // MAP_ADD
    {148, 1, 1, 1},  // LOAD_CLASSDEREF
    {149, 0, 0, 0},  // COPY_FREE_VARS
    {151, 0, 0, 0},  // RESUME
    {152, -2, -2, -2},  // MATCH_CLASS
    {160, 1, 1, 1},  // LOAD_METHOD
    {162, -1, -1, -1},  // LIST_EXTEND
    {163, -1, -1, -1},  // SET_UPDATE
    {164, -1, -1, -1},  // DICT_MERGE
    {165, -1, -1, -1},  // DICT_UPDATE
    {171, -1, -1, -1},  // CALL
    {172, 0, 0, 0},  // KW_NAMES
    {173, -1, -1, -1},  // POP_JUMP_BACKWARD_IF_NOT_NONE
    {174, -1, -1, -1},  // POP_JUMP_BACKWARD_IF_NONE
    {175, -1, -1, -1},  // POP_JUMP_BACKWARD_IF_FALSE
    {176, -1, -1, -1},  // POP_JUMP_BACKWARD_IF_TRUE
};

// The effect of `op` with `oparg`; jump: -1 unknown, 0 not taken, 1 taken.
int stack_effect(int op, int oparg, int jump) {
  switch (op) {
    case 92:  // UNPACK_SEQUENCE
      return oparg - 1;
    case 94:  // UNPACK_EX
      return (oparg & 0xFF) + (oparg >> 8);
    case 102:  // BUILD_TUPLE
    case 103:  // BUILD_LIST
    case 104:  // BUILD_SET
    case 157:  // BUILD_STRING
      return 1 - oparg;
    case 105:  // BUILD_MAP
      return 1 - 2 * oparg;
    case 116:  // LOAD_GLOBAL (low bit: also push NULL)
      return (oparg & 1) + 1;
    case 130:  // RAISE_VARARGS
    case 156:  // BUILD_CONST_KEY_MAP
    case 166:  // PRECALL
      return -oparg;
    case 132:  // MAKE_FUNCTION: one item per flag among the low four bits
      return -(((oparg & 0x01) != 0) + ((oparg & 0x02) != 0) + ((oparg & 0x04) != 0) +
               ((oparg & 0x08) != 0));
    case 133:  // BUILD_SLICE
      return oparg == 3 ? -2 : -1;
    case 142:  // CALL_FUNCTION_EX
      return -2 - ((oparg & 0x01) != 0);
    case 155:  // FORMAT_VALUE: a format spec is popped too
      return (oparg & 0x04) == 0x04 ? -1 : 0;
    default:
      break;
  }
  for (const Fixed& f : kFixed)
    if (f.op == op) return jump < 0 ? f.any : jump ? f.jump : f.nojump;
  return kInvalid;
}

PyObject* opcode_stack_effect(PyObject*, PyObject* args, PyObject* kwds) {
  Py_ssize_t nargs = PyTuple_GET_SIZE(args);
  if (nargs < 1 || nargs > 2) {
    PyErr_Format(PyExc_TypeError, "stack_effect() takes at %s %d positional argument%s (%zd given)",
                 nargs < 1 ? "least" : "most", nargs < 1 ? 1 : 2, nargs < 1 ? "" : "s", nargs);
    return nullptr;
  }
  PyObject* oparg = nargs > 1 ? PyTuple_GET_ITEM(args, 1) : Py_None;
  PyObject* jump = Py_None;
  if (kwds) {
    PyObject *key, *value;
    for (Py_ssize_t pos = 0; PyDict_Next(kwds, &pos, &key, &value);) {
      if (!PyUnicode_Check(key) || PyUnicode_CompareWithASCIIString(key, "jump") != 0) {
        PyErr_Format(PyExc_TypeError, "'%S' is an invalid keyword argument for stack_effect()", key);
        return nullptr;
      }
      jump = value;
    }
  }
  PyObject* index = PyNumber_Index(PyTuple_GET_ITEM(args, 0));
  if (!index) return nullptr;
  int opcode = _PyLong_AsInt(index);
  Py_DECREF(index);
  if (opcode == -1 && PyErr_Occurred()) return nullptr;
  int oparg_int = 0;
  if (opcode >= kHaveArgument) {
    if (oparg == Py_None) {
      PyErr_SetString(PyExc_ValueError,
                      "stack_effect: opcode requires oparg but oparg was not specified");
      return nullptr;
    }
    long v = PyLong_AsLong(oparg);
    if (v == -1 && PyErr_Occurred()) return nullptr;
    oparg_int = static_cast<int>(v);  // truncated like CPython's (int) cast
  } else if (oparg != Py_None) {
    PyErr_SetString(PyExc_ValueError,
                    "stack_effect: opcode does not permit oparg but oparg was specified");
    return nullptr;
  }
  int jump_int;
  if (jump == Py_None) {
    jump_int = -1;
  } else if (jump == Py_True) {
    jump_int = 1;
  } else if (jump == Py_False) {
    jump_int = 0;
  } else {
    PyErr_SetString(PyExc_ValueError, "stack_effect: jump must be False, True or None");
    return nullptr;
  }
  int effect = stack_effect(opcode, oparg_int, jump_int);
  if (effect == kInvalid) {
    PyErr_SetString(PyExc_ValueError, "invalid opcode or oparg");
    return nullptr;
  }
  return PyLong_FromLong(effect);
}

PyObject* opcode_get_specialization_stats(PyObject*, PyObject*) { Py_RETURN_NONE; }

PyMethodDef module_methods[] = {
    {"stack_effect", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(opcode_stack_effect)),
     METH_VARARGS | METH_KEYWORDS,
     "stack_effect($module, opcode, oparg=None, /, *, jump=None)\n--\n\n"
     "Compute the stack effect of the opcode."},
    {"get_specialization_stats", opcode_get_specialization_stats, METH_NOARGS,
     "get_specialization_stats($module, /)\n--\n\nReturn the specialization stats"},
    {nullptr, nullptr, 0, nullptr},
};

PyModuleDef opcode_module = {
    PyModuleDef_HEAD_INIT, "_opcode", "Opcode support module.", -1, module_methods,
};

}  // namespace

extern "C" PyObject* PyInit__opcode(void) { return PyModule_Create(&opcode_module); }
