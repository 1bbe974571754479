// The sys module (CPython 3.11's, minus what later milestones bring:
// _getframe and the tracing hooks come with the interpreter, audit hooks and
// unraisablehook later) and the PySys_* C API.
#include "runtime/config.h"
#include "runtime/gil.h"
#include "modules/sys_module.h"

#include <unistd.h>

#include <cfloat>
#include <climits>
#include <cstdarg>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>
#include <cwchar>

#include "objects/object_util.h"
#include <frameobject.h>

#include "interp/support.h"
#include "interp/trace.h"
#include "runtime/interp_state.h"

namespace krait {
PyObject* sys_audit(PyObject*, PyObject* const* args, Py_ssize_t nargs);  // sys_audit.cpp
PyObject* sys_addaudithook(PyObject*, PyObject* hook);
}

extern "C" PyObject* _PyNamespace_New(PyObject* kwds);  // objects/namespace_object.cpp

namespace krait {

int int_max_str_digits = 4300;  // CPython's default (_PY_LONG_DEFAULT_MAX_STR_DIGITS)

namespace {

PyObject* sysdict() {
  PyThreadState* ts = tstate();
  return ts && ts->interp ? ts->interp->sysdict : nullptr;
}

// -- configuration ------------------------------------------------------------

PyObject* string_list(const std::vector<std::string>& items) {
  PyObject* l = PyList_New(0);
  for (const std::string& it : items) {
    if (!l) return nullptr;
    PyObject* u = PyUnicode_DecodeFSDefault(it.c_str());
    if (!u || PyList_Append(l, u) < 0) {
      Py_XDECREF(u);
      Py_CLEAR(l);
      break;
    }
    Py_DECREF(u);
  }
  return l;
}

// -X name=value gives {'name': 'value'}; -X name gives {'name': True}.
PyObject* xoptions_dict(const std::vector<std::string>& items) {
  PyObject* dct = PyDict_New();
  for (const std::string& it : items) {
    if (!dct) return nullptr;
    size_t eq = it.find('=');
    PyObject* k = PyUnicode_DecodeFSDefault(it.substr(0, eq).c_str());
    PyObject* v = eq == std::string::npos ? Py_NewRef(Py_True)
                                          : PyUnicode_DecodeFSDefault(it.substr(eq + 1).c_str());
    if (!k || !v || PyDict_SetItem(dct, k, v) < 0) Py_CLEAR(dct);
    Py_XDECREF(k);
    Py_XDECREF(v);
  }
  return dct;
}

// -- functions --------------------------------------------------------------------

PyObject* sys_exit(PyObject*, PyObject* args) {
  PyObject* status = Py_None;
  if (!PyArg_UnpackTuple(args, "exit", 0, 1, &status)) return nullptr;
  PyErr_SetObject(PyExc_SystemExit, status);
  return nullptr;
}

PyObject* sys_getswitchinterval(PyObject*, PyObject*) {
  return PyFloat_FromDouble(1e-6 * static_cast<double>(gil_switch_interval()));
}

PyObject* sys_setswitchinterval(PyObject*, PyObject* arg) {
  double interval = PyFloat_AsDouble(arg);
  if (interval == -1.0 && PyErr_Occurred()) return nullptr;
  if (interval <= 0.0) {
    PyErr_SetString(PyExc_ValueError, "switch interval must be strictly positive");
    return nullptr;
  }
  gil_set_switch_interval(static_cast<unsigned long>(1e6 * interval));
  Py_RETURN_NONE;
}

PyObject* sys_getrecursionlimit(PyObject*, PyObject*) {
  return PyLong_FromLong(tstate()->recursion_limit);
}

PyObject* sys_setrecursionlimit(PyObject*, PyObject* arg) {
  int new_limit = _PyLong_AsInt(arg);
  if (new_limit == -1 && PyErr_Occurred()) return nullptr;
  if (new_limit < 1) {
    PyErr_SetString(PyExc_ValueError, "recursion limit must be greater or equal than 1");
    return nullptr;
  }
  PyThreadState* ts = tstate();
  // CPython counts Python frames and nested C recursion (this call included).
  int depth = krait::interp::python_depth() + (ts->recursion_limit - ts->recursion_remaining);
  if (depth >= new_limit) {
    PyErr_Format(PyExc_RecursionError,
                 "cannot set the recursion limit to %i at the recursion depth %i: the limit is too "
                 "low",
                 new_limit, depth);
    return nullptr;
  }
  // Every thread's counter moves by the same amount, keeping its depth.
  for (PyThreadState* t = ts->interp->tstate_head; t; t = t->next) {
    int d = t->recursion_limit - t->recursion_remaining;
    t->recursion_limit = new_limit;
    t->recursion_remaining = new_limit - d;
  }
  krait::interp::set_recursion_limit(new_limit);  // the Python-frame limit of the eval loop
  Py_RETURN_NONE;
}

PyObject* sys_getrefcount(PyObject*, PyObject* arg) { return PyLong_FromSsize_t(Py_REFCNT(arg)); }

// CPython adds its GC header (two words) to the size of GC objects; so do
// we, so getsizeof() answers match CPython's.
constexpr size_t kGCHeaderSize = 2 * sizeof(void*);

PyObject* sys_getsizeof(PyObject*, PyObject* args, PyObject* kwds) {
  static const char* kwlist[] = {"object", "default", nullptr};
  PyObject *o, *dflt = nullptr;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "O|O:getsizeof", const_cast<char**>(kwlist), &o,
                                   &dflt))
    return nullptr;
  Ref<> meth;
  {
    PyObject* name = PyUnicode_InternFromString("__sizeof__");
    PyObject* d = name ? _PyType_Lookup(Py_TYPE(o), name) : nullptr;
    Py_XDECREF(name);
    if (d) {
      descrgetfunc get = Py_TYPE(d)->tp_descr_get;
      meth = get ? steal(get(d, o, reinterpret_cast<PyObject*>(Py_TYPE(o)))) : borrow(d);
      if (!meth) return nullptr;
    }
  }
  if (!meth) {
    if (PyErr_Occurred()) return nullptr;
    if (dflt) {
      Py_INCREF(dflt);
      return dflt;
    }
    PyErr_Format(PyExc_TypeError, "Type %.100s doesn't define __sizeof__", Py_TYPE(o)->tp_name);
    return nullptr;
  }
  Ref<> res = steal(PyObject_CallNoArgs(meth.get()));
  if (!res) {
    if (dflt && PyErr_ExceptionMatches(PyExc_TypeError)) {
      PyErr_Clear();
      Py_INCREF(dflt);
      return dflt;
    }
    return nullptr;
  }
  Py_ssize_t size = PyLong_AsSsize_t(res.get());
  if (size == -1 && PyErr_Occurred()) return nullptr;
  if (size < 0) {
    PyErr_SetString(PyExc_ValueError, "__sizeof__() should return >= 0");
    return nullptr;
  }
  if (PyObject_IS_GC(o)) size += kGCHeaderSize;
  return PyLong_FromSsize_t(size);
}

PyObject* sys_intern(PyObject*, PyObject* s) {
  if (!PyUnicode_CheckExact(s)) {
    PyErr_Format(PyExc_TypeError, "intern() argument must be str, not %.50s", Py_TYPE(s)->tp_name);
    return nullptr;
  }
  Py_INCREF(s);
  PyUnicode_InternInPlace(&s);
  return s;
}

PyObject* sys_exc_info(PyObject*, PyObject*) {
  PyObject *t, *v, *tb;
  PyErr_GetExcInfo(&t, &v, &tb);
  PyObject* r = PyTuple_Pack(3, t ? t : Py_None, v ? v : Py_None, tb ? tb : Py_None);
  Py_XDECREF(t);
  Py_XDECREF(v);
  Py_XDECREF(tb);
  return r;
}

PyObject* sys_exception(PyObject*, PyObject*) {
  PyObject* e = PyErr_GetHandledException();
  if (!e) Py_RETURN_NONE;
  return e;
}

PyObject* sys_getdefaultencoding(PyObject*, PyObject*) { return PyUnicode_FromString("utf-8"); }
PyObject* sys_getfilesystemencoding(PyObject*, PyObject*) {
  return PyUnicode_FromString("utf-8");
}
PyObject* sys_getfilesystemencodeerrors(PyObject*, PyObject*) {
  return PyUnicode_FromString("surrogateescape");
}

PyObject* sys_get_int_max_str_digits(PyObject*, PyObject*) {
  return PyLong_FromLong(int_max_str_digits);
}

PyObject* sys_set_int_max_str_digits(PyObject*, PyObject* args, PyObject* kwds) {
  static const char* kwlist[] = {"maxdigits", nullptr};
  int maxdigits;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "i:set_int_max_str_digits",
                                   const_cast<char**>(kwlist), &maxdigits))
    return nullptr;
  // 640 is CPython's _PY_LONG_MAX_STR_DIGITS_THRESHOLD.
  if (maxdigits != 0 && maxdigits < 640) {
    PyErr_Format(PyExc_ValueError, "maxdigits must be 0 or larger than %d", 640);
    return nullptr;
  }
  int_max_str_digits = maxdigits;
  Py_RETURN_NONE;
}

// sys.displayhook: print repr(o) to stdout and remember it as builtins._.
PyObject* sys_displayhook(PyObject*, PyObject* o) {
  if (o == Py_None) Py_RETURN_NONE;
  PyObject* builtins = tstate()->interp->builtins;
  if (!builtins) {
    PyErr_SetString(PyExc_RuntimeError, "lost builtins module");
    return nullptr;
  }
  if (PyDict_SetItemString(builtins, "_", Py_None) < 0) return nullptr;
  PyObject* out = PySys_GetObject("stdout");
  if (!out || out == Py_None) {
    PyErr_SetString(PyExc_RuntimeError, "lost sys.stdout");
    return nullptr;
  }
  if (PyFile_WriteObject(o, out, 0) < 0) {
    if (!PyErr_ExceptionMatches(PyExc_UnicodeEncodeError)) return nullptr;
    // The stream cannot encode the repr: write it with backslash escapes.
    PyErr_Clear();
    Ref<> r = steal(PyObject_Repr(o));
    if (!r) return nullptr;
    Ref<> escaped = steal(PyUnicode_AsEncodedString(r.get(), "ascii", "backslashreplace"));
    if (!escaped) return nullptr;
    Ref<> text = steal(PyUnicode_FromEncodedObject(escaped.get(), "ascii", "strict"));
    if (!text || PyFile_WriteObject(text.get(), out, Py_PRINT_RAW) < 0) return nullptr;
  }
  if (PyFile_WriteString("\n", out) < 0) return nullptr;
  if (PyDict_SetItemString(builtins, "_", o) < 0) return nullptr;
  Py_RETURN_NONE;
}

PyObject* sys_excepthook(PyObject*, PyObject* args) {
  PyObject *type, *value, *tb;
  if (!PyArg_UnpackTuple(args, "excepthook", 3, 3, &type, &value, &tb)) return nullptr;
  PyErr_Display(type, value, tb);
  Py_RETURN_NONE;
}

extern "C" PyObject* _PyErr_WriteUnraisableDefaultHook(PyObject* args);  // capi/errors_report.cpp
PyObject* sys_unraisablehook(PyObject*, PyObject* args) { return _PyErr_WriteUnraisableDefaultHook(args); }

PyObject* sys_is_finalizing(PyObject*, PyObject*) {
  return PyBool_FromLong(tstate()->interp->finalizing);
}

// sys.settrace / setprofile: the interpreter's trampolines call the Python
// function for each event (src/interp/trace.h).
PyObject* sys_settrace(PyObject*, PyObject* f) {
  PyEval_SetTrace(f == Py_None ? nullptr : krait::interp::trace_trampoline,
                  f == Py_None ? nullptr : f);
  if (PyErr_Occurred()) return nullptr;
  Py_RETURN_NONE;
}

PyObject* sys_gettrace(PyObject*, PyObject*) {
  PyObject* f = PyThreadState_Get()->c_traceobj;
  return Py_NewRef(f ? f : Py_None);
}

PyObject* sys_setprofile(PyObject*, PyObject* f) {
  PyEval_SetProfile(f == Py_None ? nullptr : krait::interp::profile_trampoline,
                    f == Py_None ? nullptr : f);
  if (PyErr_Occurred()) return nullptr;
  Py_RETURN_NONE;
}

PyObject* sys_getprofile(PyObject*, PyObject*) {
  PyObject* f = PyThreadState_Get()->c_profileobj;
  return Py_NewRef(f ? f : Py_None);
}

// sys._getframe(depth=0): the caller's frame, or one `depth` levels up.
PyObject* sys_getframe(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  if (!_PyArg_CheckPositional("_getframe", nargs, 0, 1)) return nullptr;
  int depth = 0;
  if (nargs == 1) {
    depth = _PyLong_AsInt(args[0]);
    if (depth == -1 && PyErr_Occurred()) return nullptr;
  }
  PyFrameObject* f = PyEval_GetFrame();  // borrowed
  Py_XINCREF(f);
  while (depth > 0 && f != nullptr) {
    PyFrameObject* back = PyFrame_GetBack(f);  // new reference
    Py_DECREF(f);
    f = back;
    --depth;
  }
  if (f == nullptr) {
    PyErr_SetString(PyExc_ValueError, "call stack is not deep enough");
    return nullptr;
  }
  return reinterpret_cast<PyObject*>(f);
}

PyObject* sys_get_asyncgen_hooks(PyObject*, PyObject*);
PyObject* sys_set_asyncgen_hooks(PyObject*, PyObject* args, PyObject* kwds);

PyMethodDef sys_methods[] = {
    {"audit", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)(void)>(::krait::sys_audit)),
     METH_FASTCALL, "Passes the event to any audit hooks that are attached."},
    {"addaudithook", ::krait::sys_addaudithook, METH_O, "Adds a new audit hook callback."},
    {"_getframe", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)(void)>(sys_getframe)),
     METH_FASTCALL, "Return a frame object from the call stack."},
    {"settrace", sys_settrace, METH_O, "Set the global debug tracing function."},
    {"gettrace", sys_gettrace, METH_NOARGS, "Return the global debug tracing function set with sys.settrace."},
    {"setprofile", sys_setprofile, METH_O, "Set the profiling function."},
    {"getprofile", sys_getprofile, METH_NOARGS, "Return the profiling function set with sys.setprofile."},
    {"exit", sys_exit, METH_VARARGS,
     "exit($module, status=None, /)\n--\n\nExit the interpreter by raising SystemExit(status)."},
    {"getrecursionlimit", sys_getrecursionlimit, METH_NOARGS, nullptr},
    {"getswitchinterval", sys_getswitchinterval, METH_NOARGS, nullptr},
    {"get_asyncgen_hooks", sys_get_asyncgen_hooks, METH_NOARGS, nullptr},
    {"set_asyncgen_hooks", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(sys_set_asyncgen_hooks)),
     METH_VARARGS | METH_KEYWORDS, nullptr},
    {"setswitchinterval", sys_setswitchinterval, METH_O, nullptr},
    {"setrecursionlimit", sys_setrecursionlimit, METH_O, nullptr},
    {"getrefcount", sys_getrefcount, METH_O, nullptr},
    {"getsizeof", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(sys_getsizeof)),
     METH_VARARGS | METH_KEYWORDS, nullptr},
    {"intern", sys_intern, METH_O, nullptr},
    {"exc_info", sys_exc_info, METH_NOARGS, nullptr},
    {"exception", sys_exception, METH_NOARGS, nullptr},
    {"getdefaultencoding", sys_getdefaultencoding, METH_NOARGS, nullptr},
    {"getfilesystemencoding", sys_getfilesystemencoding, METH_NOARGS, nullptr},
    {"getfilesystemencodeerrors", sys_getfilesystemencodeerrors, METH_NOARGS, nullptr},
    {"get_int_max_str_digits", sys_get_int_max_str_digits, METH_NOARGS, nullptr},
    {"set_int_max_str_digits",
     reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(sys_set_int_max_str_digits)),
     METH_VARARGS | METH_KEYWORDS, nullptr},
    {"displayhook", sys_displayhook, METH_O, nullptr},
    {"excepthook", sys_excepthook, METH_VARARGS, nullptr},
    {"unraisablehook", sys_unraisablehook, METH_O, nullptr},
    {"is_finalizing", sys_is_finalizing, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

// -- struct sequences -------------------------------------------------------------

PyTypeObject VersionInfoType, FlagsType, FloatInfoType, IntInfoType, HashInfoType, ThreadInfoType;

PyStructSequence_Field version_info_fields[] = {
    {"major", "Major release number"},
    {"minor", "Minor release number"},
    {"micro", "Patch release number"},
    {"releaselevel", "'alpha', 'beta', 'candidate', or 'final'"},
    {"serial", "Serial release number"},
    {nullptr, nullptr}};
PyStructSequence_Desc version_info_desc = {"sys.version_info",
                                           "sys.version_info\n\nVersion information as a named tuple.",
                                           version_info_fields, 5};

PyStructSequence_Field flags_fields[] = {
    {"debug", "-d"},
    {"inspect", "-i"},
    {"interactive", "-i"},
    {"optimize", "-O or -OO"},
    {"dont_write_bytecode", "-B"},
    {"no_user_site", "-s"},
    {"no_site", "-S"},
    {"ignore_environment", "-E"},
    {"verbose", "-v"},
    {"bytes_warning", "-b"},
    {"quiet", "-q"},
    {"hash_randomization", "-R"},
    {"isolated", "-I"},
    {"dev_mode", "-X dev"},
    {"utf8_mode", "-X utf8"},
    {"warn_default_encoding", "-X warn_default_encoding"},
    {"safe_path", "-P"},
    {"int_max_str_digits", "-X int_max_str_digits"},
    {nullptr, nullptr}};
PyStructSequence_Desc flags_desc = {"sys.flags", "sys.flags\n\nFlags provided through command line arguments or environment vars.",
                                    flags_fields, 18};

PyStructSequence_Field float_info_fields[] = {
    {"max", "DBL_MAX -- maximum representable finite float"},
    {"max_exp", "DBL_MAX_EXP -- maximum int e such that radix**(e-1) is representable"},
    {"max_10_exp", "DBL_MAX_10_EXP -- maximum int e such that 10**e is representable"},
    {"min", "DBL_MIN -- Minimum positive normalized float"},
    {"min_exp", "DBL_MIN_EXP -- minimum int e such that radix**(e-1) is a normalized float"},
    {"min_10_exp", "DBL_MIN_10_EXP -- minimum int e such that 10**e is a normalized"},
    {"dig", "DBL_DIG -- maximum number of decimal digits that can be faithfully represented in a float"},
    {"mant_dig", "DBL_MANT_DIG -- mantissa digits"},
    {"epsilon", "DBL_EPSILON -- Difference between 1 and the next representable float"},
    {"radix", "FLT_RADIX -- radix of exponent"},
    {"rounds", "FLT_ROUNDS -- rounding mode used for arithmetic operations"},
    {nullptr, nullptr}};
PyStructSequence_Desc float_info_desc = {"sys.float_info", nullptr, float_info_fields, 11};

PyStructSequence_Field int_info_fields[] = {
    {"bits_per_digit", "size of a digit in bits"},
    {"sizeof_digit", "size in bytes of the C type used to represent a digit"},
    {"default_max_str_digits", "maximum string conversion digits limitation"},
    {"str_digits_check_threshold", "minimum positive value for int_max_str_digits"},
    {nullptr, nullptr}};
PyStructSequence_Desc int_info_desc = {"sys.int_info", nullptr, int_info_fields, 4};

PyStructSequence_Field hash_info_fields[] = {
    {"width", "width of the type used for hashing, in bits"},
    {"modulus", "prime number giving the modulus on which the hash function is based"},
    {"inf", "value to be used for hash of a positive infinity"},
    {"nan", "value to be used for hash of a nan"},
    {"imag", "multiplier used for the imaginary part of a complex number"},
    {"algorithm", "name of the algorithm for hashing of str, bytes and memoryviews"},
    {"hash_bits", "internal output size of hash algorithm"},
    {"seed_bits", "seed size of hash algorithm"},
    {"cutoff", "small string optimization cutoff"},
    {nullptr, nullptr}};
PyStructSequence_Desc hash_info_desc = {"sys.hash_info", nullptr, hash_info_fields, 9};

PyStructSequence_Field thread_info_fields[] = {
    {"name", "name of the thread implementation"},
    {"lock", "name of the lock implementation"},
    {"version", "name and version of the thread library"},
    {nullptr, nullptr}};
PyStructSequence_Desc thread_info_desc = {"sys.thread_info", nullptr, thread_info_fields, 3};

// Builds a struct sequence from Py_BuildValue-style items.
PyObject* make_structseq(PyTypeObject* type, PyStructSequence_Desc* desc, const char* format, ...) {
  if (!type->tp_name && PyStructSequence_InitType2(type, desc) < 0) return nullptr;
  va_list va;
  va_start(va, format);
  Ref<> values = steal(Py_VaBuildValue(format, va));
  va_end(va);
  if (!values) return nullptr;
  PyObject* seq = PyStructSequence_New(type);
  if (!seq) return nullptr;
  for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(values.get()); i++) {
    PyObject* v = PyTuple_GET_ITEM(values.get(), i);
    Py_INCREF(v);
    PyStructSequence_SET_ITEM(seq, i, v);
  }
  return seq;
}

// sys.flags and sys.version_info cannot be instantiated from Python: no
// tp_new and no __new__ in the type's dict (what CPython's sys module does).
int disallow_instantiation(PyTypeObject* type) {
  type->tp_init = nullptr;
  type->tp_new = nullptr;
  if (PyDict_DelItemString(type->tp_dict, "__new__") < 0) {
    if (!PyErr_ExceptionMatches(PyExc_KeyError)) return -1;
    PyErr_Clear();
  }
  PyType_Modified(type);
  return 0;
}

// -- async generator hooks (PEP 525) ---------------------------------------------
// Stored in the thread state, where async generator objects read them.

PyStructSequence_Field asyncgen_hooks_fields[] = {
    {"firstiter", "Hook to intercept first iteration"},
    {"finalizer", "Hook to intercept finalization"},
    {nullptr, nullptr}};
PyStructSequence_Desc asyncgen_hooks_desc = {"asyncgen_hooks", nullptr, asyncgen_hooks_fields, 2};
PyTypeObject AsyncGenHooksType;

PyObject* sys_get_asyncgen_hooks(PyObject*, PyObject*) {
  PyThreadState* ts = tstate();
  PyObject* first = ts->async_gen_firstiter ? ts->async_gen_firstiter : Py_None;
  PyObject* fin = ts->async_gen_finalizer ? ts->async_gen_finalizer : Py_None;
  return make_structseq(&AsyncGenHooksType, &asyncgen_hooks_desc, "(OO)", first, fin);
}

PyObject* sys_set_asyncgen_hooks(PyObject*, PyObject* args, PyObject* kwds) {
  static const char* kwlist[] = {"firstiter", "finalizer", nullptr};
  PyObject* firstiter = nullptr;
  PyObject* finalizer = nullptr;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "|OO:set_asyncgen_hooks",
                                   const_cast<char**>(kwlist), &firstiter, &finalizer))
    return nullptr;
  if (finalizer && finalizer != Py_None && !PyCallable_Check(finalizer)) {
    PyErr_Format(PyExc_TypeError, "callable finalizer expected, got %.50s",
                 Py_TYPE(finalizer)->tp_name);
    return nullptr;
  }
  if (firstiter && firstiter != Py_None && !PyCallable_Check(firstiter)) {
    PyErr_Format(PyExc_TypeError, "callable firstiter expected, got %.50s",
                 Py_TYPE(firstiter)->tp_name);
    return nullptr;
  }
  PyThreadState* ts = tstate();
  if (finalizer) {
    if (PySys_Audit("sys.set_asyncgen_hook_finalizer", nullptr) < 0) return nullptr;
    Py_XSETREF(ts->async_gen_finalizer, finalizer == Py_None ? nullptr : Py_NewRef(finalizer));
  }
  if (firstiter) {
    if (PySys_Audit("sys.set_asyncgen_hook_firstiter", nullptr) < 0) return nullptr;
    Py_XSETREF(ts->async_gen_firstiter, firstiter == Py_None ? nullptr : Py_NewRef(firstiter));
  }
  Py_RETURN_NONE;
}

PyObject* make_version_info() {
  const char* level = PY_RELEASE_LEVEL == PY_RELEASE_LEVEL_FINAL ? "final" : "candidate";
  return make_structseq(&VersionInfoType, &version_info_desc, "(iiisi)", PY_MAJOR_VERSION,
                        PY_MINOR_VERSION, PY_MICRO_VERSION, level, PY_RELEASE_SERIAL);
}

int set(PyObject* d, const char* name, PyObject* value) {
  if (!value) return -1;
  int r = PyDict_SetItemString(d, name, value);
  Py_DECREF(value);
  return r;
}

PyObject* builtin_module_names() {
  Ref<> names = steal(PyList_New(0));
  if (!names) return nullptr;
  for (const char* n : {"sys", "builtins"}) {
    Ref<> s = steal(PyUnicode_FromString(n));
    if (!s || PyList_Append(names.get(), s.get()) < 0) return nullptr;
  }
  for (struct _inittab* p = PyImport_Inittab; p && p->name; p++) {
    Ref<> s = steal(PyUnicode_FromString(p->name));
    if (!s) return nullptr;
    int has = PySequence_Contains(names.get(), s.get());
    if (has < 0) return nullptr;
    if (!has && PyList_Append(names.get(), s.get()) < 0) return nullptr;
  }
  if (PyList_Sort(names.get()) < 0) return nullptr;
  return PyList_AsTuple(names.get());
}

PyModuleDef sys_def = {
    PyModuleDef_HEAD_INIT, "sys",
    "This module provides access to some objects used or maintained by the\n"
    "interpreter and to functions that interact strongly with the interpreter.",
    -1, sys_methods, nullptr, nullptr, nullptr, nullptr};

}  // namespace

PyObject* sys_create_module() {
  Ref<> m = steal(PyModule_Create(&sys_def));
  if (!m) return nullptr;
  PyObject* d = PyModule_GetDict(m.get());
  PyInterpreterState* interp = tstate()->interp;
  Py_INCREF(d);
  Py_XSETREF(interp->sysdict, d);
  if (!interp->modules) {
    interp->modules = PyDict_New();
    if (!interp->modules) return nullptr;
  }
  if (PyDict_SetItemString(d, "modules", interp->modules) < 0) return nullptr;

  // sys.stdin/stdout/stderr come later (init_std_streams, modules/io/io_stdio.cpp):
  // they need the codec machinery.
  for (const char* hook : {"displayhook", "excepthook", "unraisablehook"}) {
    std::string dunder = std::string("__") + hook + "__";
    if (PyDict_SetItemString(d, dunder.c_str(), PyDict_GetItemString(d, hook)) < 0) return nullptr;
  }

  if (set(d, "version", PyUnicode_FromString(PY_VERSION " (main, Krait) [GCC " __VERSION__ "]")) < 0)
    return nullptr;
  if (set(d, "version_info", make_version_info()) < 0) return nullptr;
  if (disallow_instantiation(&VersionInfoType) < 0) return nullptr;
  if (set(d, "hexversion", PyLong_FromLong(PY_VERSION_HEX)) < 0) return nullptr;
  if (set(d, "api_version", PyLong_FromLong(PYTHON_API_VERSION)) < 0) return nullptr;
  Ref<> impl_version = steal(make_version_info());
  if (!impl_version) return nullptr;
  // sys.implementation is a types.SimpleNamespace, as in CPython (the
  // types module takes SimpleNamespace from its type).
  {
    Ref<> kw = steal(Py_BuildValue("{s:s,s:s,s:O,s:l,s:s}", "name", "krait", "cache_tag", "krait-311",
                                   "version", impl_version.get(), "hexversion",
                                   static_cast<long>(PY_VERSION_HEX), "_multiarch",
                                   "x86_64-linux-gnu"));
    if (!kw || set(d, "implementation", _PyNamespace_New(kw.get())) < 0) return nullptr;
  }
  if (set(d, "maxsize", PyLong_FromSsize_t(PY_SSIZE_T_MAX)) < 0) return nullptr;
  if (set(d, "maxunicode", PyLong_FromLong(0x10FFFF)) < 0) return nullptr;
  if (set(d, "byteorder", PyUnicode_FromString("little")) < 0) return nullptr;
  if (set(d, "platform", PyUnicode_FromString("linux")) < 0) return nullptr;
  if (set(d, "float_repr_style", PyUnicode_FromString("short")) < 0) return nullptr;
  if (set(d, "abiflags", PyUnicode_FromString("")) < 0) return nullptr;
  if (set(d, "platlibdir", PyUnicode_FromString("lib")) < 0) return nullptr;
  if (set(d, "copyright", PyUnicode_FromString(Py_GetCopyright())) < 0) return nullptr;
  for (const char* name : {"prefix", "base_prefix", "exec_prefix", "base_exec_prefix"})
    if (set(d, name, PyUnicode_FromString("/usr")) < 0) return nullptr;
  const Config& cfg = g_config;
  if (set(d, "executable", PyUnicode_DecodeFSDefault(cfg.executable.c_str())) < 0) return nullptr;
  if (set(d, "_base_executable", PyUnicode_DecodeFSDefault(cfg.executable.c_str())) < 0) return nullptr;
  if (set(d, "pycache_prefix", cfg.pycache_prefix.empty()
                                   ? Py_NewRef(Py_None)
                                   : PyUnicode_DecodeFSDefault(cfg.pycache_prefix.c_str())) < 0)
    return nullptr;
  if (set(d, "dont_write_bytecode", PyBool_FromLong(cfg.dont_write_bytecode)) < 0) return nullptr;
  if (set(d, "argv", string_list(cfg.argv.empty() ? std::vector<std::string>{""} : cfg.argv)) < 0)
    return nullptr;
  if (set(d, "orig_argv", string_list(cfg.orig_argv)) < 0) return nullptr;
  if (set(d, "warnoptions", string_list(cfg.warnoptions)) < 0) return nullptr;
  if (set(d, "_xoptions", xoptions_dict(cfg.xoptions)) < 0) return nullptr;
  if (set(d, "path", PyList_New(0)) < 0) return nullptr;
  if (set(d, "meta_path", PyList_New(0)) < 0) return nullptr;
  if (set(d, "path_hooks", PyList_New(0)) < 0) return nullptr;
  if (set(d, "path_importer_cache", PyDict_New()) < 0) return nullptr;
  if (set(d, "builtin_module_names", builtin_module_names()) < 0) return nullptr;
  if (set(d, "flags", make_structseq(&FlagsType, &flags_desc, "(iiiiiiiiiiiiiOiiOi)", cfg.debug,
                                     cfg.inspect, cfg.interactive, cfg.optimize,
                                     cfg.dont_write_bytecode, cfg.no_user_site, cfg.no_site,
                                     cfg.ignore_environment, cfg.verbose, cfg.bytes_warning,
                                     cfg.quiet, cfg.hash_randomization, cfg.isolated, cfg.dev_mode ? Py_True : Py_False,
                                     cfg.utf8_mode, cfg.warn_default_encoding,
                                     cfg.safe_path ? Py_True : Py_False,
                                     cfg.int_max_str_digits)) < 0)
    return nullptr;
  if (disallow_instantiation(&FlagsType) < 0) return nullptr;
  if (cfg.int_max_str_digits >= 0) int_max_str_digits = cfg.int_max_str_digits;
  if (set(d, "float_info",
          make_structseq(&FloatInfoType, &float_info_desc, "(diidiiiidii)", DBL_MAX, DBL_MAX_EXP,
                         DBL_MAX_10_EXP, DBL_MIN, DBL_MIN_EXP, DBL_MIN_10_EXP, DBL_DIG,
                         DBL_MANT_DIG, DBL_EPSILON, FLT_RADIX, 1)) < 0)
    return nullptr;
  if (set(d, "int_info", make_structseq(&IntInfoType, &int_info_desc, "(iiii)", PyLong_SHIFT,
                                        static_cast<int>(sizeof(digit)), 4300, 640)) < 0)
    return nullptr;
  if (set(d, "hash_info",
          make_structseq(&HashInfoType, &hash_info_desc, "(iniiisiii)", 64,
                         static_cast<Py_ssize_t>(_PyHASH_MODULUS), _PyHASH_INF, 0, _PyHASH_IMAG,
                         "siphash13", 64, 128, 0)) < 0)
    return nullptr;
  if (set(d, "thread_info", make_structseq(&ThreadInfoType, &thread_info_desc, "(ssz)", "pthread",
                                           "semaphore", nullptr)) < 0)
    return nullptr;
  if (sys_add_extras(m.get()) < 0) return nullptr;
  return m.release();
}

int init_sys_module() {
  Ref<> m = steal(sys_create_module());
  if (!m) return -1;
  // A preliminary sys.stderr for messages printed before the io stack
  // exists (importlib's -v trace); init_std_streams replaces it.
  Ref<> printer = steal(PyFile_NewStdPrinter(fileno(stderr)));
  if (!printer || PyObject_SetAttrString(m.get(), "stderr", printer.get()) < 0) return -1;
  PyInterpreterState* interp = tstate()->interp;
  return PyDict_SetItemString(interp->modules, "sys", m.get());
}

// As CPython's flush_std_files(): a failing sys.stdout.flush() is reported
// ("Exception ignored in: <stdout>" + e.g. BrokenPipeError) and makes the exit
// status 120; a failing stderr is silent. Closed streams are skipped.
int flush_std_streams() {
  PyObject* d = sysdict();
  if (!d) return 0;
  PyObject *t, *v, *tb;
  PyErr_Fetch(&t, &v, &tb);
  int status = 0;
  for (const char* name : {"stdout", "stderr"}) {
    PyObject* f = PyDict_GetItemString(d, name);
    if (!f || f == Py_None) continue;
    Ref<> closed = steal(PyObject_GetAttrString(f, "closed"));
    int is_closed = closed ? PyObject_IsTrue(closed.get()) : -1;
    if (is_closed != 0) {
      PyErr_Clear();
      if (is_closed > 0) continue;
    }
    Ref<> r = steal(PyObject_CallMethod(f, "flush", nullptr));
    if (!r) {
      // Reported once although shutdown flushes twice, as CPython shows it.
      static bool reported = false;
      if (name[3] == 'o' && !reported) {
        reported = true;
        PyErr_WriteUnraisable(f);
      } else {
        PyErr_Clear();
      }
      status = -1;
    }
  }
  PyErr_Restore(t, v, tb);
  return status;
}

}  // namespace krait

using namespace krait;

// The deprecated PySys_* entry points below are still part of 3.11's ABI.
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"

const char* Py_GetCopyright(void) {
  return "Copyright (c) 2001-2023 Python Software Foundation.\nAll Rights Reserved.\n\n"
         "Copyright (c) 2000 BeOpen.com.\nAll Rights Reserved.\n\n"
         "Copyright (c) 1995-2001 Corporation for National Research Initiatives.\n"
         "All Rights Reserved.\n\n"
         "Copyright (c) 1991-1995 Stichting Mathematisch Centrum, Amsterdam.\n"
         "All Rights Reserved.";
}

// -- the PySys_* C API ------------------------------------------------------------------

PyObject* PySys_GetObject(const char* name) {
  PyObject* d = sysdict();
  if (!d) return nullptr;
  PyObject *t, *v, *tb;
  PyErr_Fetch(&t, &v, &tb);  // never disturbs a pending exception
  PyObject* r = PyDict_GetItemString(d, name);
  PyErr_Restore(t, v, tb);
  return r;
}

int PySys_SetObject(const char* name, PyObject* v) {
  PyObject* d = sysdict();
  if (!d) {
    PyErr_SetString(PyExc_RuntimeError, "no sys module");
    return -1;
  }
  if (!v) {
    int r = PyDict_DelItemString(d, name);
    if (r < 0 && PyErr_ExceptionMatches(PyExc_KeyError)) {
      PyErr_Clear();
      return 0;
    }
    return r;
  }
  return PyDict_SetItemString(d, name, v);
}

// Writes to sys.<name>, falling back to the C stream when it is missing;
// never lets an exception escape (the caller's pending one is kept).
static void sys_write(const char* name, FILE* fallback, PyObject* text) {
  PyObject *t, *v, *tb;
  PyErr_Fetch(&t, &v, &tb);
  PyObject* file = PySys_GetObject(name);
  if (!file || file == Py_None || PyFile_WriteObject(text, file, Py_PRINT_RAW) < 0) {
    PyErr_Clear();
    const char* s = PyUnicode_AsUTF8(text);
    if (s) std::fputs(s, fallback);
    PyErr_Clear();
  }
  PyErr_Restore(t, v, tb);
}

static void sys_format(const char* name, FILE* fallback, const char* format, va_list va) {
  PyObject *t, *v, *tb;
  PyErr_Fetch(&t, &v, &tb);
  PyObject* text = PyUnicode_FromFormatV(format, va);
  if (text) {
    sys_write(name, fallback, text);
    Py_DECREF(text);
  }
  PyErr_Restore(t, v, tb);
}

// The printf flavour truncates at 1000 bytes, as documented.
static void sys_printf(const char* name, FILE* fallback, const char* format, va_list va) {
  char buffer[1001];
  std::vsnprintf(buffer, sizeof buffer, format, va);
  PyObject *t, *v, *tb;
  PyErr_Fetch(&t, &v, &tb);
  PyObject* text = PyUnicode_DecodeUTF8(buffer, static_cast<Py_ssize_t>(std::strlen(buffer)), "backslashreplace");
  if (text) {
    sys_write(name, fallback, text);
    Py_DECREF(text);
  }
  PyErr_Restore(t, v, tb);
}

void PySys_WriteStdout(const char* format, ...) {
  va_list va;
  va_start(va, format);
  sys_printf("stdout", stdout, format, va);
  va_end(va);
}

void PySys_WriteStderr(const char* format, ...) {
  va_list va;
  va_start(va, format);
  sys_printf("stderr", stderr, format, va);
  va_end(va);
}

void PySys_FormatStdout(const char* format, ...) {
  va_list va;
  va_start(va, format);
  sys_format("stdout", stdout, format, va);
  va_end(va);
}

void PySys_FormatStderr(const char* format, ...) {
  va_list va;
  va_start(va, format);
  sys_format("stderr", stderr, format, va);
  va_end(va);
}

static PyObject* list_attr(const char* name) {
  PyObject* l = PySys_GetObject(name);
  if (l && PyList_Check(l)) return l;
  PyObject* fresh = PyList_New(0);
  if (!fresh) return nullptr;
  PySys_SetObject(name, fresh);
  Py_DECREF(fresh);
  return PySys_GetObject(name);
}

void PySys_ResetWarnOptions(void) {
  PyObject* l = PySys_GetObject("warnoptions");
  if (l && PyList_Check(l)) PyList_SetSlice(l, 0, PyList_GET_SIZE(l), nullptr);
}

void PySys_AddWarnOptionUnicode(PyObject* option) {
  PyObject* l = list_attr("warnoptions");
  if (!l || PyList_Append(l, option) < 0) PyErr_Clear();
}

void PySys_AddWarnOption(const wchar_t* s) {
  PyObject* u = PyUnicode_FromWideChar(s, -1);
  if (!u) {
    PyErr_Clear();
    return;
  }
  PySys_AddWarnOptionUnicode(u);
  Py_DECREF(u);
}

int PySys_HasWarnOptions(void) {
  PyObject* l = PySys_GetObject("warnoptions");
  return l && PyList_Check(l) && PyList_GET_SIZE(l) > 0;
}

PyObject* PySys_GetXOptions(void) {
  PyObject* d = PySys_GetObject("_xoptions");
  if (d && PyDict_Check(d)) return d;
  PyObject* fresh = PyDict_New();
  if (!fresh) return nullptr;
  PySys_SetObject("_xoptions", fresh);
  Py_DECREF(fresh);
  return PySys_GetObject("_xoptions");
}

// "-X name=value" / "-X name" (True).
void PySys_AddXOption(const wchar_t* s) {
  PyObject* opts = PySys_GetXOptions();
  if (!opts) {
    PyErr_Clear();
    return;
  }
  const wchar_t* eq = std::wcschr(s, L'=');
  Ref<> name = steal(eq ? PyUnicode_FromWideChar(s, eq - s) : PyUnicode_FromWideChar(s, -1));
  Ref<> value = eq ? steal(PyUnicode_FromWideChar(eq + 1, -1)) : borrow(Py_True);
  if (!name || !value || PyDict_SetItem(opts, name.get(), value.get()) < 0) PyErr_Clear();
}

// sys.argv from the C argv; with updatepath, the script's directory (or ''
// for -c / the REPL) goes first on sys.path.
void PySys_SetArgvEx(int argc, wchar_t** argv, int updatepath) {
  Ref<> av = steal(PyList_New(0));
  if (!av) {
    PyErr_Clear();
    return;
  }
  for (int i = 0; i < argc; i++) {
    Ref<> a = steal(PyUnicode_FromWideChar(argv[i], -1));
    if (!a || PyList_Append(av.get(), a.get()) < 0) {
      PyErr_Clear();
      return;
    }
  }
  if (argc == 0) {
    Ref<> empty = steal(PyUnicode_FromString(""));
    if (!empty || PyList_Append(av.get(), empty.get()) < 0) {
      PyErr_Clear();
      return;
    }
  }
  if (PySys_SetObject("argv", av.get()) < 0) PyErr_Clear();
  if (!updatepath) return;
  Ref<> dir;
  if (argc > 0 && std::wcscmp(argv[0], L"-c") != 0 && std::wcscmp(argv[0], L"-m") != 0 &&
      argv[0][0]) {
    const wchar_t* slash = std::wcsrchr(argv[0], L'/');
    dir = steal(slash ? PyUnicode_FromWideChar(argv[0], slash == argv[0] ? 1 : slash - argv[0])
                      : PyUnicode_FromString(""));
  } else {
    dir = steal(PyUnicode_FromString(""));
  }
  PyObject* path = PySys_GetObject("path");
  if (!dir || !path || !PyList_Check(path) || PyList_Insert(path, 0, dir.get()) < 0) PyErr_Clear();
}

void PySys_SetArgv(int argc, wchar_t** argv) { PySys_SetArgvEx(argc, argv, 0); }
