// builtins_more.cpp — the builtins that reach into the interpreter and the
// runtime: vars, dir, input, open, breakpoint, __import__, aiter, anext, plus
// compile/eval/exec (builtins_exec.cpp). builtins_add_more() installs them in
// the builtins module; builtins_module.cpp holds the plain functions.
#include <Python.h>

#include "interp/eval.h"
#include "interp/generator.h"
#include "interp/support.h"
#include "modules/builtins_args.h"
#include "support/ref.h"

namespace krait::builtins {

PyObject* builtin_compile(PyObject*, PyObject* const* args, size_t nargsf, PyObject* kwnames);
PyObject* builtin_eval(PyObject*, PyObject* const* args, size_t nargsf, PyObject* kwnames);
PyObject* builtin_exec(PyObject*, PyObject* const* args, size_t nargsf, PyObject* kwnames);

namespace {

// -- vars / dir ------------------------------------------------------------------------------

PyObject* builtin_vars(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  if (nargs > 1) {
    PyErr_Format(PyExc_TypeError, "vars expected at most 1 argument, got %zd", nargs);
    return nullptr;
  }
  if (nargs == 0) return Py_XNewRef(PyEval_GetLocals());
  PyObject* d = PyObject_GetAttrString(args[0], "__dict__");
  if (!d && PyErr_ExceptionMatches(PyExc_AttributeError)) {
    PyErr_Clear();
    PyErr_SetString(PyExc_TypeError, "vars() argument must have __dict__ attribute");
  }
  return d;
}

PyObject* builtin_dir(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  if (nargs > 1) {
    PyErr_Format(PyExc_TypeError, "dir expected at most 1 argument, got %zd", nargs);
    return nullptr;
  }
  if (nargs == 1) return PyObject_Dir(args[0]);
  // dir(): the sorted names of the caller's local scope.
  PyObject* locals = PyEval_GetLocals();
  if (!locals) return nullptr;
  Ref<> names = steal(PyMapping_Keys(locals));
  if (!names) return nullptr;
  if (!PyList_Check(names.get())) {
    PyErr_Format(PyExc_TypeError, "dir(): expected keys() of locals to be a list, not '%.200s'",
                 Py_TYPE(names.get())->tp_name);
    return nullptr;
  }
  if (PyList_Sort(names.get()) < 0) return nullptr;
  return names.release();
}

// -- input -----------------------------------------------------------------------------------

// Calls stream.flush(), ignoring any error (as CPython's input() does).
void flush_quietly(PyObject* stream) {
  PyObject* r = PyObject_CallMethod(stream, "flush", nullptr);
  if (r) Py_DECREF(r);
  else PyErr_Clear();
}

PyObject* builtin_input(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  if (nargs > 1) {
    PyErr_Format(PyExc_TypeError, "input expected at most 1 argument, got %zd", nargs);
    return nullptr;
  }
  PyObject* prompt = nargs ? args[0] : nullptr;
  PyObject* fin = PySys_GetObject("stdin");
  PyObject* fout = PySys_GetObject("stdout");
  PyObject* ferr = PySys_GetObject("stderr");
  if (!fin || fin == Py_None) {
    PyErr_SetString(PyExc_RuntimeError, "input(): lost sys.stdin");
    return nullptr;
  }
  if (!fout || fout == Py_None) {
    PyErr_SetString(PyExc_RuntimeError, "input(): lost sys.stdout");
    return nullptr;
  }
  if (!ferr || ferr == Py_None) {
    PyErr_SetString(PyExc_RuntimeError, "input(): lost sys.stderr");
    return nullptr;
  }
  Ref<> keep_in = Ref<>::borrow(fin), keep_out = Ref<>::borrow(fout);
  flush_quietly(ferr);
  // Not interactive (no line editing yet): prompt to sys.stdout, read sys.stdin.readline().
  if (prompt && PyFile_WriteObject(prompt, fout, Py_PRINT_RAW) != 0) return nullptr;
  flush_quietly(fout);
  Ref<> line = steal(PyObject_CallMethod(fin, "readline", nullptr));
  if (!line) return nullptr;
  if (!PyUnicode_Check(line.get()) && !PyBytes_Check(line.get())) {
    PyErr_SetString(PyExc_TypeError, "object.readline() returned non-string");
    return nullptr;
  }
  Py_ssize_t n = PyUnicode_Check(line.get()) ? PyUnicode_GET_LENGTH(line.get()) : PyBytes_GET_SIZE(line.get());
  if (n == 0) {
    PyErr_SetString(PyExc_EOFError, "EOF when reading a line");
    return nullptr;
  }
  if (PyUnicode_Check(line.get())) {
    if (PyUnicode_READ_CHAR(line.get(), n - 1) == '\n') return PyUnicode_Substring(line.get(), 0, n - 1);
  } else if (PyBytes_AS_STRING(line.get())[n - 1] == '\n') {
    return PyBytes_FromStringAndSize(PyBytes_AS_STRING(line.get()), n - 1);
  }
  return line.release();
}

// -- open, breakpoint, __import__ -------------------------------------------------------------

// builtins.open is io.open, i.e. _io.open. _io is imported on the first call,
// which also replaces this forwarder in the builtins namespace by the real
// function (so that `open is io.open` holds from then on).
PyObject* builtin_open(PyObject*, PyObject* const* args, size_t nargsf, PyObject* kwnames) {
  Ref<> io = steal(PyImport_ImportModule("_io"));
  if (!io) return nullptr;
  Ref<> open = steal(PyObject_GetAttrString(io.get(), "open"));
  if (!open) return nullptr;
  if (PyObject* b = interp::default_builtins()) {
    if (PyDict_SetItemString(b, "open", open.get()) < 0) return nullptr;
  }
  return PyObject_Vectorcall(open.get(), args, nargsf, kwnames);
}

PyObject* builtin_breakpoint(PyObject*, PyObject* const* args, size_t nargsf, PyObject* kwnames) {
  PyObject* hook = PySys_GetObject("breakpointhook");
  if (!hook) {
    PyErr_SetString(PyExc_RuntimeError, "lost sys.breakpointhook");
    return nullptr;
  }
  Ref<> keep = Ref<>::borrow(hook);
  return PyObject_Vectorcall(hook, args, nargsf, kwnames);
}

// __import__(name, globals=None, locals=None, fromlist=(), level=0)
PyObject* builtin_import(PyObject*, PyObject* const* args, size_t nargsf, PyObject* kwnames) {
  static const char* const names[] = {"name", "globals", "locals", "fromlist", "level"};
  static const ArgSpec spec = {"__import__", names, 0, 1, 5, 5};
  PyObject* a[5];
  if (unpack_args(spec, args, PyVectorcall_NARGS(nargsf), kwnames, a) < 0) return nullptr;
  int level = 0;
  if (a[4] && as_c_int(a[4], &level) < 0) return nullptr;
  return PyImport_ImportModuleLevelObject(a[0], a[1], a[2], a[3], level);
}

// -- aiter / anext ---------------------------------------------------------------------------

PyObject* builtin_aiter(PyObject*, PyObject* o) { return PyObject_GetAIter(o); }

// anext(aiterator, default): the awaitable of aiterator.__anext__() with
// StopAsyncIteration turned into a return of `default`.
struct AnextAwaitable {
  PyObject_HEAD
  PyObject* wrapped;
  PyObject* default_value;
};

extern PyTypeObject AnextAwaitable_Type;

void set_stop_iteration_value(PyObject* value) {
  // StopIteration(value) built explicitly so tuples/exceptions are not unpacked.
  PyObject* e = PyObject_CallOneArg(PyExc_StopIteration, value);
  if (!e) return;
  PyErr_SetObject(PyExc_StopIteration, e);
  Py_DECREF(e);
}

PyObject* anext_getiter(AnextAwaitable* self) {
  PyObject* aw = interp::get_awaitable_iter(self->wrapped);
  if (!aw) return nullptr;
  if (!Py_TYPE(aw)->tp_iternext) {
    // Only coroutines lack tp_iternext: iterate their __await__ wrapper.
    unaryfunc getter = Py_TYPE(aw)->tp_as_async ? Py_TYPE(aw)->tp_as_async->am_await : nullptr;
    PyObject* it = getter ? getter(aw) : nullptr;
    Py_DECREF(aw);
    if (!it) return nullptr;
    if (!PyIter_Check(it)) {
      PyErr_SetString(PyExc_TypeError, "__await__ returned a non-iterable");
      Py_DECREF(it);
      return nullptr;
    }
    aw = it;
  }
  return aw;
}

PyObject* anext_iternext(PyObject* op) {
  AnextAwaitable* self = reinterpret_cast<AnextAwaitable*>(op);
  Ref<> aw = steal(anext_getiter(self));
  if (!aw) return nullptr;
  PyObject* r = Py_TYPE(aw.get())->tp_iternext(aw.get());
  if (r) return r;
  if (PyErr_ExceptionMatches(PyExc_StopAsyncIteration)) {
    PyErr_Clear();
    set_stop_iteration_value(self->default_value);
  }
  return nullptr;
}

PyObject* anext_proxy(AnextAwaitable* self, const char* meth, PyObject* argtuple) {
  Ref<> aw = steal(anext_getiter(self));
  if (!aw) return nullptr;
  Ref<> m = steal(PyObject_GetAttrString(aw.get(), meth));
  if (!m) return nullptr;
  PyObject* r = PyObject_Call(m.get(), argtuple, nullptr);
  if (r) return r;
  if (PyErr_ExceptionMatches(PyExc_StopAsyncIteration)) {
    PyErr_Clear();
    set_stop_iteration_value(self->default_value);
  }
  return nullptr;
}

PyObject* anext_send(PyObject* self, PyObject* arg) {
  Ref<> t = steal(PyTuple_Pack(1, arg));
  return t ? anext_proxy(reinterpret_cast<AnextAwaitable*>(self), "send", t.get()) : nullptr;
}
PyObject* anext_throw(PyObject* self, PyObject* args) {
  return anext_proxy(reinterpret_cast<AnextAwaitable*>(self), "throw", args);
}
PyObject* anext_close(PyObject* self, PyObject*) {
  Ref<> t = steal(PyTuple_New(0));
  return t ? anext_proxy(reinterpret_cast<AnextAwaitable*>(self), "close", t.get()) : nullptr;
}

void anext_dealloc(PyObject* op) {
  AnextAwaitable* self = reinterpret_cast<AnextAwaitable*>(op);
  PyObject_GC_UnTrack(op);
  Py_CLEAR(self->wrapped);
  Py_CLEAR(self->default_value);
  PyObject_GC_Del(op);
}

int anext_traverse(PyObject* op, visitproc visit, void* arg) {
  AnextAwaitable* self = reinterpret_cast<AnextAwaitable*>(op);
  Py_VISIT(self->wrapped);
  Py_VISIT(self->default_value);
  return 0;
}

PyObject* anext_await(PyObject* self) { return Py_NewRef(self); }

PyMethodDef anext_methods[] = {
    {"send", anext_send, METH_O, "send(arg) -> send 'arg' into the wrapped iterator,\nreturn next yielded value or raise StopIteration."},
    {"throw", anext_throw, METH_VARARGS, "throw(typ[,val[,tb]]) -> raise exception in the wrapped iterator,\nreturn next yielded value or raise StopIteration."},
    {"close", anext_close, METH_NOARGS, "close() -> raise GeneratorExit inside generator."},
    {nullptr, nullptr, 0, nullptr},
};

PyAsyncMethods anext_as_async = {anext_await, nullptr, nullptr, nullptr};

PyTypeObject AnextAwaitable_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "anext_awaitable",
    .tp_basicsize = sizeof(AnextAwaitable),
    .tp_dealloc = anext_dealloc,
    .tp_as_async = &anext_as_async,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = anext_traverse,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = anext_iternext,
    .tp_methods = anext_methods,
};

PyObject* builtin_anext(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  if (nargs < 1 || nargs > 2) {
    PyErr_Format(PyExc_TypeError, nargs < 1 ? "anext expected at least 1 argument, got %zd"
                                            : "anext expected at most 2 arguments, got %zd", nargs);
    return nullptr;
  }
  PyObject* it = args[0];
  PyTypeObject* t = Py_TYPE(it);
  if (!t->tp_as_async || !t->tp_as_async->am_anext) {
    PyErr_Format(PyExc_TypeError, "'%.200s' object is not an async iterator", t->tp_name);
    return nullptr;
  }
  PyObject* awaitable = t->tp_as_async->am_anext(it);
  if (!awaitable || nargs == 1) return awaitable;
  AnextAwaitable* a = PyObject_GC_New(AnextAwaitable, &AnextAwaitable_Type);
  if (!a) {
    Py_DECREF(awaitable);
    return nullptr;
  }
  a->wrapped = awaitable;
  a->default_value = Py_NewRef(args[1]);
  PyObject_GC_Track(a);
  return reinterpret_cast<PyObject*>(a);
}

#define VC(f) reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(f))

PyMethodDef more_methods[] = {
    {"__import__", VC(builtin_import), METH_FASTCALL | METH_KEYWORDS,
     "__import__($module, /, name, globals=None, locals=None, fromlist=(),\n           level=0)\n--\n\nImport a module; the import statement calls this function."},
    {"aiter", builtin_aiter, METH_O,
     "aiter($module, async_iterable, /)\n--\n\nReturn an asynchronous iterator for an asynchronous iterable."},
    {"anext", VC(builtin_anext), METH_FASTCALL,
     "anext($module, aiterator, default=<unrepresentable>, /)\n--\n\nasync anext(aiterator[, default])\n\nReturn an awaitable for the next item of an asynchronous iterator; with default, it\nis returned when the iterator is exhausted."},
    {"breakpoint", VC(builtin_breakpoint), METH_FASTCALL | METH_KEYWORDS,
     "breakpoint(*args, **kws)\n\nCall sys.breakpointhook(*args, **kws), which by default starts the pdb debugger."},
    {"compile", VC(builtin_compile), METH_FASTCALL | METH_KEYWORDS,
     "compile($module, /, source, filename, mode, flags=0,\n        dont_inherit=False, optimize=-1, *, _feature_version=-1)\n--\n\nCompile source (text, bytes or an AST) into a code object for exec() or eval()."},
    {"dir", VC(builtin_dir), METH_FASTCALL,
     "dir([object]) -> list of strings\n\nWithout an argument, the names in the current scope; with one, the sorted attribute names\nof the object (its __dir__ method decides)."},
    {"eval", VC(builtin_eval), METH_FASTCALL | METH_KEYWORDS,
     "eval($module, source, globals=None, locals=None, /)\n--\n\nEvaluate an expression (text or code object) in the given namespaces and return its value."},
    {"exec", VC(builtin_exec), METH_FASTCALL | METH_KEYWORDS,
     "exec($module, source, globals=None, locals=None, /, *, closure=None)\n--\n\nExecute statements (text or code object) in the given namespaces."},
    {"input", VC(builtin_input), METH_FASTCALL,
     "input($module, prompt='', /)\n--\n\nWrite the prompt, read one line from standard input and return it without its newline."},
    {"open", VC(builtin_open), METH_FASTCALL | METH_KEYWORDS,
     "open($module, /, file, mode='r', buffering=-1, encoding=None,\n     errors=None, newline=None, closefd=True, opener=None)\n--\n\nOpen a file and return a stream (io.open)."},
    {"vars", VC(builtin_vars), METH_FASTCALL,
     "vars([object]) -> dictionary\n\nWithout an argument, like locals(); with one, the object's __dict__."},
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace

// Adds the functions above to the builtins module `m` (its dict is `d`).
int builtins_add_more(PyObject* m) {
  if (PyType_Ready(&AnextAwaitable_Type) < 0) return -1;
  PyObject* d = PyModule_GetDict(m);
  Ref<> modname = steal(PyUnicode_FromString("builtins"));
  if (!modname) return -1;
  for (PyMethodDef* def = more_methods; def->ml_name; def++) {
    Ref<> f = steal(PyCFunction_NewEx(def, m, modname.get()));
    if (!f || PyDict_SetItemString(d, def->ml_name, f.get()) < 0) return -1;
  }
  return 0;
}

}  // namespace krait::builtins
