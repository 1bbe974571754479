// operator_getters.cpp — operator.itemgetter, operator.attrgetter and
// operator.methodcaller: callables of one argument with CPython's reprs and
// __reduce__ (methodcaller with keywords pickles through functools.partial).
#include <cstddef>

#include "modules/operator/operator.h"
#include "support/ref.h"

using namespace krait;

namespace {

// All three take exactly one positional argument when called.
bool check_one_arg(const char* name, PyObject* args, PyObject* kwds) {
  if (kwds && PyDict_GET_SIZE(kwds)) {
    PyErr_Format(PyExc_TypeError, "%s() takes no keyword arguments", name);
    return false;
  }
  if (PyTuple_GET_SIZE(args) != 1) {
    PyErr_Format(PyExc_TypeError, "%s expected 1 argument, got %zd", name, PyTuple_GET_SIZE(args));
    return false;
  }
  return true;
}

bool check_no_kw(const char* name, PyObject* kwds) {
  if (kwds && PyDict_GET_SIZE(kwds)) {
    PyErr_Format(PyExc_TypeError, "%s() takes no keyword arguments", name);
    return false;
  }
  return true;
}

struct ReprGuard {
  PyObject* o;
  int status;
  explicit ReprGuard(PyObject* obj) : o(obj), status(Py_ReprEnter(obj)) {}
  ~ReprGuard() {
    if (status == 0) Py_ReprLeave(o);
  }
};

// ------------------------------------------------------------ itemgetter

struct ItemGetter {
  PyObject_HEAD
  Py_ssize_t nitems;
  PyObject* item;  // the key, or the tuple of keys when nitems > 1
};

inline ItemGetter* IG(PyObject* op) { return reinterpret_cast<ItemGetter*>(op); }

PyObject* itemgetter_new(PyTypeObject* type, PyObject* args, PyObject* kwds) {
  if (!check_no_kw("itemgetter", kwds)) return nullptr;
  Py_ssize_t n = PyTuple_GET_SIZE(args);
  PyObject* item = args;
  if (n <= 1 && !PyArg_UnpackTuple(args, "itemgetter", 1, 1, &item)) return nullptr;
  ItemGetter* ig = PyObject_GC_New(ItemGetter, type);
  if (!ig) return nullptr;
  ig->nitems = n;
  ig->item = Py_NewRef(item);
  PyObject_GC_Track(ig);
  return reinterpret_cast<PyObject*>(ig);
}

int itemgetter_traverse(PyObject* op, visitproc visit, void* arg) {
  Py_VISIT(IG(op)->item);
  return 0;
}

int itemgetter_clear(PyObject* op) {
  Py_CLEAR(IG(op)->item);
  return 0;
}

void itemgetter_dealloc(PyObject* op) {
  PyObject_GC_UnTrack(op);
  itemgetter_clear(op);
  PyObject_GC_Del(op);
}

PyObject* itemgetter_call(PyObject* op, PyObject* args, PyObject* kwds) {
  if (!check_one_arg("itemgetter", args, kwds)) return nullptr;
  PyObject* obj = PyTuple_GET_ITEM(args, 0);
  ItemGetter* ig = IG(op);
  if (ig->nitems == 1) return PyObject_GetItem(obj, ig->item);
  Ref<> result = steal(PyTuple_New(ig->nitems));
  if (!result) return nullptr;
  for (Py_ssize_t i = 0; i < ig->nitems; ++i) {
    PyObject* v = PyObject_GetItem(obj, PyTuple_GET_ITEM(ig->item, i));
    if (!v) return nullptr;
    PyTuple_SET_ITEM(result.get(), i, v);
  }
  return result.release();
}

PyObject* itemgetter_repr(PyObject* op) {
  const char* name = Py_TYPE(op)->tp_name;
  ReprGuard guard(op);
  if (guard.status != 0) return guard.status < 0 ? nullptr : PyUnicode_FromFormat("%s(...)", name);
  Ref<> item = borrow(IG(op)->item);
  return PyUnicode_FromFormat(IG(op)->nitems == 1 ? "%s(%R)" : "%s%R", name, item.get());
}

PyObject* itemgetter_reduce(PyObject* op, PyObject*) {
  if (IG(op)->nitems == 1) return Py_BuildValue("O(O)", Py_TYPE(op), IG(op)->item);
  return PyTuple_Pack(2, Py_TYPE(op), IG(op)->item);
}

PyMethodDef itemgetter_methods[] = {
    {"__reduce__", itemgetter_reduce, METH_NOARGS, "Return state information for pickling"},
    {nullptr, nullptr, 0, nullptr},
};

// ------------------------------------------------------------ attrgetter

struct AttrGetter {
  PyObject_HEAD
  Py_ssize_t nattrs;
  // Per attribute: an interned name, or a tuple of interned names for a
  // dotted path.
  PyObject* attr;
};

inline AttrGetter* AG(PyObject* op) { return reinterpret_cast<AttrGetter*>(op); }

PyObject* attrgetter_new(PyTypeObject* type, PyObject* args, PyObject* kwds) {
  if (!check_no_kw("attrgetter", kwds)) return nullptr;
  Py_ssize_t n = PyTuple_GET_SIZE(args);
  PyObject* unused;
  if (n <= 1 && !PyArg_UnpackTuple(args, "attrgetter", 1, 1, &unused)) return nullptr;
  Ref<> attrs = steal(PyTuple_New(n));
  if (!attrs) return nullptr;
  for (Py_ssize_t i = 0; i < n; ++i) {
    PyObject* item = PyTuple_GET_ITEM(args, i);
    if (!PyUnicode_Check(item)) {
      PyErr_SetString(PyExc_TypeError, "attribute name must be a string");
      return nullptr;
    }
    Ref<> dot = steal(PyUnicode_FromString("."));
    if (!dot) return nullptr;
    Ref<> parts = steal(PyUnicode_Split(item, dot.get(), -1));
    if (!parts) return nullptr;
    Py_ssize_t np = PyList_GET_SIZE(parts.get());
    Ref<> entry;
    if (np == 1) {
      entry = borrow(item);
      PyObject* s = entry.release();
      PyUnicode_InternInPlace(&s);
      entry = steal(s);
    } else {
      entry = steal(PyTuple_New(np));
      if (!entry) return nullptr;
      for (Py_ssize_t j = 0; j < np; ++j) {
        PyObject* s = Py_NewRef(PyList_GET_ITEM(parts.get(), j));
        PyUnicode_InternInPlace(&s);
        PyTuple_SET_ITEM(entry.get(), j, s);
      }
    }
    PyTuple_SET_ITEM(attrs.get(), i, entry.release());
  }
  AttrGetter* ag = PyObject_GC_New(AttrGetter, type);
  if (!ag) return nullptr;
  ag->nattrs = n;
  ag->attr = attrs.release();
  PyObject_GC_Track(ag);
  return reinterpret_cast<PyObject*>(ag);
}

int attrgetter_traverse(PyObject* op, visitproc visit, void* arg) {
  Py_VISIT(AG(op)->attr);
  return 0;
}

int attrgetter_clear(PyObject* op) {
  Py_CLEAR(AG(op)->attr);
  return 0;
}

void attrgetter_dealloc(PyObject* op) {
  PyObject_GC_UnTrack(op);
  attrgetter_clear(op);
  PyObject_GC_Del(op);
}

PyObject* dotted_getattr(PyObject* obj, PyObject* attr) {
  if (PyUnicode_Check(attr)) return PyObject_GetAttr(obj, attr);
  Ref<> cur = borrow(obj);
  for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(attr); ++i) {
    cur = steal(PyObject_GetAttr(cur.get(), PyTuple_GET_ITEM(attr, i)));
    if (!cur) return nullptr;
  }
  return cur.release();
}

PyObject* attrgetter_call(PyObject* op, PyObject* args, PyObject* kwds) {
  if (!check_one_arg("attrgetter", args, kwds)) return nullptr;
  PyObject* obj = PyTuple_GET_ITEM(args, 0);
  AttrGetter* ag = AG(op);
  if (ag->nattrs == 1) return dotted_getattr(obj, PyTuple_GET_ITEM(ag->attr, 0));
  Ref<> result = steal(PyTuple_New(ag->nattrs));
  if (!result) return nullptr;
  for (Py_ssize_t i = 0; i < ag->nattrs; ++i) {
    PyObject* v = dotted_getattr(obj, PyTuple_GET_ITEM(ag->attr, i));
    if (!v) return nullptr;
    PyTuple_SET_ITEM(result.get(), i, v);
  }
  return result.release();
}

// The names as given: dotted paths joined again.
PyObject* attrgetter_args(AttrGetter* ag) {
  Ref<> names = steal(PyTuple_New(ag->nattrs));
  if (!names) return nullptr;
  Ref<> dot = steal(PyUnicode_FromString("."));
  if (!dot) return nullptr;
  for (Py_ssize_t i = 0; i < ag->nattrs; ++i) {
    PyObject* a = PyTuple_GET_ITEM(ag->attr, i);
    PyObject* name = PyUnicode_Check(a) ? Py_NewRef(a) : PyUnicode_Join(dot.get(), a);
    if (!name) return nullptr;
    PyTuple_SET_ITEM(names.get(), i, name);
  }
  return names.release();
}

PyObject* attrgetter_repr(PyObject* op) {
  const char* name = Py_TYPE(op)->tp_name;
  ReprGuard guard(op);
  if (guard.status != 0) return guard.status < 0 ? nullptr : PyUnicode_FromFormat("%s(...)", name);
  Ref<> names = steal(attrgetter_args(AG(op)));
  if (!names) return nullptr;
  if (AG(op)->nattrs == 1) return PyUnicode_FromFormat("%s(%R)", name, PyTuple_GET_ITEM(names.get(), 0));
  return PyUnicode_FromFormat("%s%R", name, names.get());
}

PyObject* attrgetter_reduce(PyObject* op, PyObject*) {
  Ref<> names = steal(attrgetter_args(AG(op)));
  if (!names) return nullptr;
  return PyTuple_Pack(2, Py_TYPE(op), names.get());
}

PyMethodDef attrgetter_methods[] = {
    {"__reduce__", attrgetter_reduce, METH_NOARGS, "Return state information for pickling"},
    {nullptr, nullptr, 0, nullptr},
};

// ------------------------------------------------------------ methodcaller

struct MethodCaller {
  PyObject_HEAD
  PyObject* name;
  PyObject* args;
  PyObject* kwds;
};

inline MethodCaller* MC(PyObject* op) { return reinterpret_cast<MethodCaller*>(op); }

PyObject* methodcaller_new(PyTypeObject* type, PyObject* args, PyObject* kwds) {
  if (PyTuple_GET_SIZE(args) < 1) {
    PyErr_SetString(PyExc_TypeError, "methodcaller needs at least one argument, the method name");
    return nullptr;
  }
  PyObject* name = PyTuple_GET_ITEM(args, 0);
  if (!PyUnicode_Check(name)) {
    PyErr_SetString(PyExc_TypeError, "method name must be a string");
    return nullptr;
  }
  Ref<> rest = steal(PyTuple_GetSlice(args, 1, PyTuple_GET_SIZE(args)));
  if (!rest) return nullptr;
  Ref<> kw = steal(kwds ? PyDict_Copy(kwds) : PyDict_New());
  if (!kw) return nullptr;
  MethodCaller* mc = PyObject_GC_New(MethodCaller, type);
  if (!mc) return nullptr;
  PyObject* s = Py_NewRef(name);
  PyUnicode_InternInPlace(&s);
  mc->name = s;
  mc->args = rest.release();
  mc->kwds = kw.release();
  PyObject_GC_Track(mc);
  return reinterpret_cast<PyObject*>(mc);
}

int methodcaller_traverse(PyObject* op, visitproc visit, void* arg) {
  Py_VISIT(MC(op)->name);
  Py_VISIT(MC(op)->args);
  Py_VISIT(MC(op)->kwds);
  return 0;
}

int methodcaller_clear(PyObject* op) {
  Py_CLEAR(MC(op)->name);
  Py_CLEAR(MC(op)->args);
  Py_CLEAR(MC(op)->kwds);
  return 0;
}

void methodcaller_dealloc(PyObject* op) {
  PyObject_GC_UnTrack(op);
  methodcaller_clear(op);
  PyObject_GC_Del(op);
}

PyObject* methodcaller_call(PyObject* op, PyObject* args, PyObject* kwds) {
  if (!check_one_arg("methodcaller", args, kwds)) return nullptr;
  Ref<> method = steal(PyObject_GetAttr(PyTuple_GET_ITEM(args, 0), MC(op)->name));
  if (!method) return nullptr;
  return PyObject_Call(method.get(), MC(op)->args, MC(op)->kwds);
}

PyObject* methodcaller_repr(PyObject* op) {
  MethodCaller* mc = MC(op);
  const char* tname = Py_TYPE(op)->tp_name;
  ReprGuard guard(op);
  if (guard.status != 0) return guard.status < 0 ? nullptr : PyUnicode_FromFormat("%s(...)", tname);
  Py_ssize_t npos = PyTuple_GET_SIZE(mc->args);
  Py_ssize_t nkw = PyDict_GET_SIZE(mc->kwds);
  if (npos + nkw == 0) return PyUnicode_FromFormat("%s(%R)", tname, mc->name);
  Ref<> parts = steal(PyList_New(0));
  if (!parts) return nullptr;
  for (Py_ssize_t i = 0; i < npos; ++i) {
    Ref<> r = steal(PyObject_Repr(PyTuple_GET_ITEM(mc->args, i)));
    if (!r || PyList_Append(parts.get(), r.get()) < 0) return nullptr;
  }
  PyObject *key, *value;
  for (Py_ssize_t pos = 0; PyDict_Next(mc->kwds, &pos, &key, &value);) {
    Ref<> r = steal(PyUnicode_FromFormat("%U=%R", key, value));
    if (!r || PyList_Append(parts.get(), r.get()) < 0) return nullptr;
  }
  Ref<> sep = steal(PyUnicode_FromString(", "));
  if (!sep) return nullptr;
  Ref<> joined = steal(PyUnicode_Join(sep.get(), parts.get()));
  if (!joined) return nullptr;
  return PyUnicode_FromFormat("%s(%R, %U)", tname, mc->name, joined.get());
}

PyObject* methodcaller_reduce(PyObject* op, PyObject*) {
  MethodCaller* mc = MC(op);
  if (PyDict_GET_SIZE(mc->kwds) == 0) {
    Py_ssize_t n = PyTuple_GET_SIZE(mc->args);
    Ref<> newargs = steal(PyTuple_New(n + 1));
    if (!newargs) return nullptr;
    PyTuple_SET_ITEM(newargs.get(), 0, Py_NewRef(mc->name));
    for (Py_ssize_t i = 0; i < n; ++i)
      PyTuple_SET_ITEM(newargs.get(), i + 1, Py_NewRef(PyTuple_GET_ITEM(mc->args, i)));
    return PyTuple_Pack(2, Py_TYPE(op), newargs.get());
  }
  // Keywords cannot be passed through a plain (callable, args) reduce value:
  // bind them with functools.partial(type, name, **kwds).
  Ref<> functools = steal(PyImport_ImportModule("functools"));
  if (!functools) return nullptr;
  Ref<> partial = steal(PyObject_GetAttrString(functools.get(), "partial"));
  if (!partial) return nullptr;
  PyObject* stack[2] = {reinterpret_cast<PyObject*>(Py_TYPE(op)), mc->name};
  Ref<> ctor = steal(PyObject_VectorcallDict(partial.get(), stack, 2, mc->kwds));
  if (!ctor) return nullptr;
  return PyTuple_Pack(2, ctor.get(), mc->args);
}

PyMethodDef methodcaller_methods[] = {
    {"__reduce__", methodcaller_reduce, METH_NOARGS, "Return state information for pickling"},
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace

namespace krait::op {

PyTypeObject itemgetter_type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "operator.itemgetter",
    .tp_basicsize = sizeof(ItemGetter),
    .tp_dealloc = itemgetter_dealloc,
    .tp_repr = itemgetter_repr,
    .tp_call = itemgetter_call,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_doc = "itemgetter(item, ...) --> itemgetter object\n\n"
              "Return a callable object that fetches the given item(s) from its operand.\n"
              "After f = itemgetter(2), the call f(r) returns r[2].\n"
              "After g = itemgetter(2, 5, 3), the call g(r) returns (r[2], r[5], r[3])",
    .tp_traverse = itemgetter_traverse,
    .tp_clear = itemgetter_clear,
    .tp_methods = itemgetter_methods,
    .tp_new = itemgetter_new,
};

PyTypeObject attrgetter_type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "operator.attrgetter",
    .tp_basicsize = sizeof(AttrGetter),
    .tp_dealloc = attrgetter_dealloc,
    .tp_repr = attrgetter_repr,
    .tp_call = attrgetter_call,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_doc = "attrgetter(attr, ...) --> attrgetter object\n\n"
              "Return a callable object that fetches the given attribute(s) from its operand.\n"
              "After f = attrgetter('name'), the call f(r) returns r.name.\n"
              "After g = attrgetter('name', 'date'), the call g(r) returns (r.name, r.date).\n"
              "After h = attrgetter('name.first', 'name.last'), the call h(r) returns\n"
              "(r.name.first, r.name.last).",
    .tp_traverse = attrgetter_traverse,
    .tp_clear = attrgetter_clear,
    .tp_methods = attrgetter_methods,
    .tp_new = attrgetter_new,
};

PyTypeObject methodcaller_type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "operator.methodcaller",
    .tp_basicsize = sizeof(MethodCaller),
    .tp_dealloc = methodcaller_dealloc,
    .tp_repr = methodcaller_repr,
    .tp_call = methodcaller_call,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_doc = "methodcaller(name, ...) --> methodcaller object\n\n"
              "Return a callable object that calls the given method on its operand.\n"
              "After f = methodcaller('name'), the call f(r) returns r.name().\n"
              "After g = methodcaller('name', 'date', foo=1), the call g(r) returns\n"
              "r.name('date', foo=1).",
    .tp_traverse = methodcaller_traverse,
    .tp_clear = methodcaller_clear,
    .tp_methods = methodcaller_methods,
    .tp_new = methodcaller_new,
};

}  // namespace krait::op
