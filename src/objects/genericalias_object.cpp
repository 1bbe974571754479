// types.GenericAlias: `list[int]`, `dict[str, T]`, `*tuple[int]` (PEP 585,
// PEP 646), with CPython 3.11's behaviour: substitution of type parameters,
// attribute forwarding to the origin, calls that instantiate the origin and
// record __orig_class__, pickling, `|` into a types.UnionType.
//
// Substitution follows typing's protocol rather than knowing TypeVar itself:
// a parameter is any non-class argument with __typing_subst__; nested
// generics contribute their __parameters__; __typing_prepare_subst__ lets
// ParamSpec/TypeVarTuple reshape the arguments first.
#include <Python.h>

#include <structmember.h>

#include <cstddef>

#include "objects/genericalias_object.h"
#include "objects/object_util.h"

using krait::Ref;
using krait::steal;

namespace krait {
namespace {

struct GenericAlias {
  PyObject_HEAD
  PyObject* origin;
  PyObject* args;
  PyObject* parameters;  // computed on first use
  PyObject* weakreflist;
  bool starred;  // *tuple[int]
  vectorcallfunc vectorcall;
};

inline GenericAlias* as_ga(PyObject* op) { return reinterpret_cast<GenericAlias*>(op); }

// Interned attribute names, created on first use.
PyObject* name(const char* s, PyObject** cache) {
  if (*cache == nullptr) *cache = PyUnicode_InternFromString(s);
  return *cache;
}
#define KRAIT_NAME(ident, text)          \
  PyObject* ident() {                    \
    static PyObject* cache = nullptr;    \
    return name(text, &cache);           \
  }
KRAIT_NAME(s_origin, "__origin__")
KRAIT_NAME(s_args, "__args__")
KRAIT_NAME(s_qualname, "__qualname__")
KRAIT_NAME(s_module, "__module__")
KRAIT_NAME(s_parameters, "__parameters__")
KRAIT_NAME(s_typing_subst, "__typing_subst__")
KRAIT_NAME(s_prepare_subst, "__typing_prepare_subst__")
KRAIT_NAME(s_is_unpacked_tvt, "__typing_is_unpacked_typevartuple__")
KRAIT_NAME(s_unpacked_tuple_args, "__typing_unpacked_tuple_args__")
KRAIT_NAME(s_orig_class, "__orig_class__")
#undef KRAIT_NAME

PyObject* builtin(const char* attr) {
  Ref<> mod = steal(PyImport_ImportModule("builtins"));
  if (!mod) return nullptr;
  return PyObject_GetAttrString(mod.get(), attr);
}

// --- parameters and substitution -----------------------------------------------

Py_ssize_t index_in(PyObject* tuple, Py_ssize_t len, PyObject* item) {
  for (Py_ssize_t i = 0; i < len; ++i) {
    if (PyTuple_GET_ITEM(tuple, i) == item) return i;
  }
  return -1;
}

// Appends `item` at `len` unless already among the first `len`; returns 1 if added.
int add_unique(PyObject* tuple, Py_ssize_t len, PyObject* item) {
  if (index_in(tuple, len, item) >= 0) return 0;
  Py_INCREF(item);
  PyTuple_SET_ITEM(tuple, len, item);
  return 1;
}

// Replaces the one slot at `at` by the `count` items of `src` (growing the
// tuple by count - 1). Returns the index after them, or -1.
Py_ssize_t splice(PyObject** dst, Py_ssize_t at, PyObject* const* src, Py_ssize_t count) {
  if (_PyTuple_Resize(dst, PyTuple_GET_SIZE(*dst) + count - 1) != 0) return -1;
  for (Py_ssize_t i = 0; i < count; ++i) {
    Py_INCREF(src[i]);
    PyTuple_SET_ITEM(*dst, at + i, src[i]);
  }
  return at + count;
}

// obj[...] with obj's own parameters replaced; obj itself if it has none.
PyObject* substitute_nested(PyObject* obj, PyObject* params, PyObject* const* argitems) {
  PyObject* raw;
  if (_PyObject_LookupAttr(obj, s_parameters(), &raw) < 0) return nullptr;
  Ref<> subparams = steal(raw);
  if (!subparams || !PyTuple_Check(subparams.get()) || PyTuple_GET_SIZE(subparams.get()) == 0) {
    Py_INCREF(obj);
    return obj;
  }
  Py_ssize_t nparams = PyTuple_GET_SIZE(params);
  Py_ssize_t nsub = PyTuple_GET_SIZE(subparams.get());
  PyObject* subargs = PyTuple_New(nsub);
  if (subargs == nullptr) return nullptr;
  Py_ssize_t j = 0;
  for (Py_ssize_t i = 0; i < nsub; ++i) {
    PyObject* arg = PyTuple_GET_ITEM(subparams.get(), i);
    Py_ssize_t ip = index_in(params, nparams, arg);
    if (ip >= 0) {
      PyObject* param = PyTuple_GET_ITEM(params, ip);
      arg = argitems[ip];
      // A TypeVarTuple (iterable parameter) bound to a tuple expands in place.
      if (Py_TYPE(param)->tp_iter != nullptr && PyTuple_Check(arg)) {
        j = splice(&subargs, j, &PyTuple_GET_ITEM(arg, 0), PyTuple_GET_SIZE(arg));
        if (j < 0) return nullptr;
        continue;
      }
    }
    Py_INCREF(arg);
    PyTuple_SET_ITEM(subargs, j, arg);
    ++j;
  }
  PyObject* result = PyObject_GetItem(obj, subargs);
  Py_DECREF(subargs);
  return result;
}

int is_unpacked_typevartuple(PyObject* arg) {
  if (PyType_Check(arg)) return 0;
  PyObject* raw;
  int rc = _PyObject_LookupAttr(arg, s_is_unpacked_tvt(), &raw);
  if (rc > 0) {
    rc = PyObject_IsTrue(raw);
    Py_DECREF(raw);
  }
  return rc;
}

// The element types of an unpacked tuple (`*tuple[int, str]`), or null.
PyObject* unpacked_tuple_args(PyObject* arg) {
  if (generic_alias_check(arg) && as_ga(arg)->starred &&
      as_ga(arg)->origin == reinterpret_cast<PyObject*>(&PyTuple_Type)) {
    Py_INCREF(as_ga(arg)->args);
    return as_ga(arg)->args;
  }
  PyObject* result;
  if (_PyObject_LookupAttr(arg, s_unpacked_tuple_args(), &result) > 0) {
    if (result == Py_None) {
      Py_DECREF(result);
      return nullptr;
    }
    return result;
  }
  return nullptr;
}

// The subscript as a flat tuple, with fixed-length unpacked tuples
// (`*tuple[int, str]`) spliced in.
PyObject* unpack_args(PyObject* item) {
  Ref<> out = steal(PyList_New(0));
  if (!out) return nullptr;
  bool is_tuple = PyTuple_Check(item);
  Py_ssize_t n = is_tuple ? PyTuple_GET_SIZE(item) : 1;
  PyObject* const* items = is_tuple ? &PyTuple_GET_ITEM(item, 0) : &item;
  for (Py_ssize_t i = 0; i < n; ++i) {
    PyObject* it = items[i];
    if (!PyType_Check(it)) {
      Ref<> sub = steal(unpacked_tuple_args(it));
      if (sub && PyTuple_Check(sub.get())) {
        Py_ssize_t m = PyTuple_GET_SIZE(sub.get());
        bool variadic = m > 0 && PyTuple_GET_ITEM(sub.get(), m - 1) == Py_Ellipsis;
        if (!variadic) {
          if (PyList_SetSlice(out.get(), PY_SSIZE_T_MAX, PY_SSIZE_T_MAX, sub.get()) < 0) return nullptr;
          continue;
        }
      }
      if (PyErr_Occurred()) return nullptr;
    }
    if (PyList_Append(out.get(), it) < 0) return nullptr;
  }
  return PySequence_Tuple(out.get());
}

// --- repr ---------------------------------------------------------------------------

int write_obj(_PyUnicodeWriter* writer, PyObject* r) {
  if (r == nullptr) return -1;
  int rc = _PyUnicodeWriter_WriteStr(writer, r);
  Py_DECREF(r);
  return rc;
}

}  // namespace

int write_type_repr(_PyUnicodeWriter* writer, PyObject* p) {
  if (p == Py_Ellipsis) return _PyUnicodeWriter_WriteASCIIString(writer, "...", 3);
  PyObject* tmp;
  if (_PyObject_LookupAttr(p, s_origin(), &tmp) < 0) return -1;
  if (tmp != nullptr) {
    Py_DECREF(tmp);
    if (_PyObject_LookupAttr(p, s_args(), &tmp) < 0) return -1;
    if (tmp != nullptr) {  // looks like a generic alias: its repr says it all
      Py_DECREF(tmp);
      return write_obj(writer, PyObject_Repr(p));
    }
  }
  PyObject* raw;
  if (_PyObject_LookupAttr(p, s_qualname(), &raw) < 0) return -1;
  Ref<> qualname = steal(raw);
  if (!qualname) return write_obj(writer, PyObject_Repr(p));
  if (_PyObject_LookupAttr(p, s_module(), &raw) < 0) return -1;
  Ref<> module = steal(raw);
  if (!module || module.get() == Py_None) return write_obj(writer, PyObject_Repr(p));
  // A class: builtins print bare, others as module.qualname.
  if (PyUnicode_Check(module.get()) && _PyUnicode_EqualToASCIIString(module.get(), "builtins")) {
    return write_obj(writer, PyObject_Str(qualname.get()));
  }
  return write_obj(writer, PyUnicode_FromFormat("%S.%S", module.get(), qualname.get()));
}

PyObject* make_parameters(PyObject* args) {
  Py_ssize_t nargs = PyTuple_GET_SIZE(args);
  Py_ssize_t len = nargs;
  PyObject* params = PyTuple_New(len);
  if (params == nullptr) return nullptr;
  Py_ssize_t n = 0;
  for (Py_ssize_t i = 0; i < nargs; ++i) {
    PyObject* t = PyTuple_GET_ITEM(args, i);
    if (PyType_Check(t)) continue;  // a class's __parameters__ descriptor is not ours
    PyObject* subst;
    if (_PyObject_LookupAttr(t, s_typing_subst(), &subst) < 0) {
      Py_DECREF(params);
      return nullptr;
    }
    if (subst != nullptr) {
      Py_DECREF(subst);
      n += add_unique(params, n, t);
      continue;
    }
    PyObject* sub;
    if (_PyObject_LookupAttr(t, s_parameters(), &sub) < 0) {
      Py_DECREF(params);
      return nullptr;
    }
    if (sub != nullptr && PyTuple_Check(sub)) {
      Py_ssize_t len2 = PyTuple_GET_SIZE(sub);
      // Room for all of them beyond the slots the remaining args reserve.
      Py_ssize_t needed = len2 - 1 - (i - n);
      if (needed > 0) {
        len += needed;
        if (_PyTuple_Resize(&params, len) < 0) {
          Py_DECREF(sub);
          return nullptr;
        }
      }
      for (Py_ssize_t j = 0; j < len2; ++j) n += add_unique(params, n, PyTuple_GET_ITEM(sub, j));
    }
    Py_XDECREF(sub);
  }
  if (n < len && _PyTuple_Resize(&params, n) < 0) return nullptr;
  return params;
}

PyObject* subs_parameters(PyObject* self, PyObject* args, PyObject* parameters, PyObject* item) {
  Py_ssize_t nparams = PyTuple_GET_SIZE(parameters);
  if (nparams == 0) return PyErr_Format(PyExc_TypeError, "%R is not a generic class", self);
  Ref<> items = steal(unpack_args(item));
  if (!items) return nullptr;
  for (Py_ssize_t i = 0; i < nparams; ++i) {
    PyObject* param = PyTuple_GET_ITEM(parameters, i);
    PyObject* raw;
    if (_PyObject_LookupAttr(param, s_prepare_subst(), &raw) < 0) return nullptr;
    Ref<> prepare = steal(raw);
    if (prepare && prepare.get() != Py_None) {
      items = steal(PyTuple_Check(items.get())
                        ? PyObject_CallFunctionObjArgs(prepare.get(), self, items.get(), nullptr)
                        : PyObject_CallFunction(prepare.get(), "O(O)", self, items.get()));
      if (!items) return nullptr;
    }
  }
  PyObject* single = items.get();
  bool is_tuple = PyTuple_Check(items.get());
  Py_ssize_t nitems = is_tuple ? PyTuple_GET_SIZE(items.get()) : 1;
  PyObject* const* argitems = is_tuple ? &PyTuple_GET_ITEM(items.get(), 0) : &single;
  if (nitems != nparams) {
    return PyErr_Format(PyExc_TypeError, "Too %s arguments for %R; actual %zd, expected %zd",
                        nitems > nparams ? "many" : "few", self, nitems, nparams);
  }
  // list[T][int] -> (int,); dict[T, list[S]][str, int] -> (str, list[int]).
  Py_ssize_t nargs = PyTuple_GET_SIZE(args);
  PyObject* newargs = PyTuple_New(nargs);
  if (newargs == nullptr) return nullptr;
  Ref<> guard = steal(newargs);
  for (Py_ssize_t i = 0, j = 0; i < nargs; ++i) {
    PyObject* arg = PyTuple_GET_ITEM(args, i);
    if (PyType_Check(arg)) {
      Py_INCREF(arg);
      PyTuple_SET_ITEM(newargs, j++, arg);
      continue;
    }
    int unpack = is_unpacked_typevartuple(arg);
    if (unpack < 0) return nullptr;
    PyObject* subst;
    if (_PyObject_LookupAttr(arg, s_typing_subst(), &subst) < 0) return nullptr;
    PyObject* value;
    if (subst != nullptr) {
      Py_ssize_t ip = index_in(parameters, nparams, arg);
      value = PyObject_CallOneArg(subst, argitems[ip]);
      Py_DECREF(subst);
    } else {
      value = substitute_nested(arg, parameters, argitems);
    }
    if (value == nullptr) return nullptr;
    if (unpack) {
      (void)guard.release();
      j = splice(&newargs, j, &PyTuple_GET_ITEM(value, 0), PyTuple_GET_SIZE(value));
      Py_DECREF(value);
      if (j < 0) return nullptr;  // _PyTuple_Resize freed newargs
      guard = steal(newargs);
    } else {
      PyTuple_SET_ITEM(newargs, j++, value);
    }
  }
  return guard.release();
}

namespace {

// --- the GenericAlias type ------------------------------------------------------------

PyObject* ga_vectorcall(PyObject* self, PyObject* const* args, size_t nargsf, PyObject* kwnames);

// origin and args (a tuple, or one object made a 1-tuple). Returns false on error.
bool setup(GenericAlias* ga, PyObject* origin, PyObject* args) {
  if (!PyTuple_Check(args)) {
    args = PyTuple_Pack(1, args);
    if (args == nullptr) return false;
  } else {
    Py_INCREF(args);
  }
  Py_INCREF(origin);
  ga->origin = origin;
  ga->args = args;
  ga->parameters = nullptr;
  ga->weakreflist = nullptr;
  ga->starred = false;
  ga->vectorcall = PyVectorcall_Function(origin) != nullptr ? ga_vectorcall : nullptr;
  return true;
}

void ga_dealloc(PyObject* self) {
  GenericAlias* ga = as_ga(self);
  PyObject_GC_UnTrack(self);
  if (ga->weakreflist != nullptr) PyObject_ClearWeakRefs(self);
  Py_XDECREF(ga->origin);
  Py_XDECREF(ga->args);
  Py_XDECREF(ga->parameters);
  Py_TYPE(self)->tp_free(self);
}

int ga_traverse(PyObject* self, visitproc visit, void* arg) {
  Py_VISIT(as_ga(self)->origin);
  Py_VISIT(as_ga(self)->args);
  Py_VISIT(as_ga(self)->parameters);
  return 0;
}

PyObject* ga_repr(PyObject* self) {
  GenericAlias* ga = as_ga(self);
  Py_ssize_t n = PyTuple_GET_SIZE(ga->args);
  _PyUnicodeWriter w;
  _PyUnicodeWriter_Init(&w);
  bool ok = (!ga->starred || _PyUnicodeWriter_WriteASCIIString(&w, "*", 1) == 0) &&
            write_type_repr(&w, ga->origin) == 0 && _PyUnicodeWriter_WriteASCIIString(&w, "[", 1) == 0;
  for (Py_ssize_t i = 0; ok && i < n; ++i) {
    if (i > 0 && _PyUnicodeWriter_WriteASCIIString(&w, ", ", 2) < 0) ok = false;
    if (ok && write_type_repr(&w, PyTuple_GET_ITEM(ga->args, i)) < 0) ok = false;
  }
  if (ok && n == 0 && _PyUnicodeWriter_WriteASCIIString(&w, "()", 2) < 0) ok = false;  // tuple[()]
  if (ok && _PyUnicodeWriter_WriteASCIIString(&w, "]", 1) < 0) ok = false;
  if (!ok) {
    _PyUnicodeWriter_Dealloc(&w);
    return nullptr;
  }
  return _PyUnicodeWriter_Finish(&w);
}

PyObject* ensure_parameters(GenericAlias* ga) {
  if (ga->parameters == nullptr) ga->parameters = make_parameters(ga->args);
  return ga->parameters;
}

PyObject* ga_getitem(PyObject* self, PyObject* item) {
  GenericAlias* ga = as_ga(self);
  if (ensure_parameters(ga) == nullptr) return nullptr;
  Ref<> newargs = steal(subs_parameters(self, ga->args, ga->parameters, item));
  if (!newargs) return nullptr;
  PyObject* res = Py_GenericAlias(ga->origin, newargs.get());
  if (res != nullptr) as_ga(res)->starred = ga->starred;
  return res;
}

PyMappingMethods ga_as_mapping = {.mp_subscript = ga_getitem};

Py_hash_t ga_hash(PyObject* self) {
  Py_hash_t h0 = PyObject_Hash(as_ga(self)->origin);
  if (h0 == -1) return -1;
  Py_hash_t h1 = PyObject_Hash(as_ga(self)->args);
  if (h1 == -1) return -1;
  return h0 ^ h1;
}

// Records the alias on the new instance; objects that refuse attributes
// (AttributeError/TypeError) are returned as they are.
PyObject* set_orig_class(PyObject* obj, PyObject* self) {
  if (obj != nullptr && PyObject_SetAttr(obj, s_orig_class(), self) < 0) {
    if (!PyErr_ExceptionMatches(PyExc_AttributeError) && !PyErr_ExceptionMatches(PyExc_TypeError)) {
      Py_DECREF(obj);
      return nullptr;
    }
    PyErr_Clear();
  }
  return obj;
}

PyObject* ga_call(PyObject* self, PyObject* args, PyObject* kwds) {
  return set_orig_class(PyObject_Call(as_ga(self)->origin, args, kwds), self);
}

PyObject* ga_vectorcall(PyObject* self, PyObject* const* args, size_t nargsf, PyObject* kwnames) {
  PyObject* origin = as_ga(self)->origin;
  return set_orig_class(PyVectorcall_Function(origin)(origin, args, nargsf, kwnames), self);
}

// Attributes the alias answers itself; everything else comes from the origin.
const char* const kOwnAttributes[] = {
    "__class__",      "__origin__",                     "__args__",        "__unpacked__",
    "__parameters__", "__typing_unpacked_tuple_args__", "__mro_entries__", "__reduce_ex__",
    "__reduce__",     "__copy__",                       "__deepcopy__",    nullptr,
};

PyObject* ga_getattro(PyObject* self, PyObject* attr) {
  if (PyUnicode_Check(attr)) {
    bool own = false;
    for (const char* const* p = kOwnAttributes; *p != nullptr; ++p) {
      if (_PyUnicode_EqualToASCIIString(attr, *p)) {
        own = true;
        break;
      }
    }
    if (!own) return PyObject_GetAttr(as_ga(self)->origin, attr);
  }
  return PyObject_GenericGetAttr(self, attr);
}

PyObject* ga_richcompare(PyObject* a, PyObject* b, int op) {
  if (!generic_alias_check(b) || (op != Py_EQ && op != Py_NE)) Py_RETURN_NOTIMPLEMENTED;
  GenericAlias* x = as_ga(a);
  GenericAlias* y = as_ga(b);
  int eq;
  if (x->starred != y->starred) {
    eq = 0;
  } else {
    eq = PyObject_RichCompareBool(x->origin, y->origin, Py_EQ);
    if (eq < 0) return nullptr;
    if (eq) {
      if (op == Py_EQ) return PyObject_RichCompare(x->args, y->args, Py_EQ);
      eq = PyObject_RichCompareBool(x->args, y->args, Py_EQ);
      if (eq < 0) return nullptr;
    }
  }
  return PyBool_FromLong(op == Py_EQ ? eq : !eq);
}

PyObject* ga_mro_entries(PyObject* self, PyObject*) { return PyTuple_Pack(1, as_ga(self)->origin); }

PyObject* ga_instancecheck(PyObject*, PyObject*) {
  PyErr_SetString(PyExc_TypeError, "isinstance() argument 2 cannot be a parameterized generic");
  return nullptr;
}

PyObject* ga_subclasscheck(PyObject*, PyObject*) {
  PyErr_SetString(PyExc_TypeError, "issubclass() argument 2 cannot be a parameterized generic");
  return nullptr;
}

PyObject* ga_reduce(PyObject* self, PyObject*) {
  GenericAlias* ga = as_ga(self);
  if (ga->starred) {
    // *tuple[int] pickles as next(iter(tuple[int])).
    Ref<> plain = steal(Py_GenericAlias(ga->origin, ga->args));
    if (!plain) return nullptr;
    Ref<> it = steal(PyObject_GetIter(plain.get()));
    if (!it) return nullptr;
    Ref<> next = steal(builtin("next"));
    if (!next) return nullptr;
    return Py_BuildValue("O(O)", next.get(), it.get());
  }
  return Py_BuildValue("O(OO)", Py_TYPE(self), ga->origin, ga->args);
}

PyObject* ga_dir(PyObject* self, PyObject*) {
  Ref<> dir = steal(PyObject_Dir(as_ga(self)->origin));
  if (!dir) return nullptr;
  for (const char* const* p = kOwnAttributes; *p != nullptr; ++p) {
    Ref<> entry = steal(PyUnicode_FromString(*p));
    if (!entry) return nullptr;
    int has = PySequence_Contains(dir.get(), entry.get());
    if (has < 0) return nullptr;
    if (!has && PyList_Append(dir.get(), entry.get()) < 0) return nullptr;
  }
  return dir.release();
}

PyMethodDef ga_methods[] = {
    {"__mro_entries__", ga_mro_entries, METH_O, nullptr},
    {"__instancecheck__", ga_instancecheck, METH_O, nullptr},
    {"__subclasscheck__", ga_subclasscheck, METH_O, nullptr},
    {"__reduce__", ga_reduce, METH_NOARGS, nullptr},
    {"__dir__", ga_dir, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

PyMemberDef ga_members[] = {
    {"__origin__", T_OBJECT, offsetof(GenericAlias, origin), READONLY, nullptr},
    {"__args__", T_OBJECT, offsetof(GenericAlias, args), READONLY, nullptr},
    {"__unpacked__", T_BOOL, offsetof(GenericAlias, starred), READONLY, nullptr},
    {nullptr, 0, 0, 0, nullptr},
};

PyObject* ga_parameters(PyObject* self, void*) {
  PyObject* params = ensure_parameters(as_ga(self));
  Py_XINCREF(params);
  return params;
}

PyObject* ga_unpacked_tuple_args(PyObject* self, void*) {
  GenericAlias* ga = as_ga(self);
  if (ga->starred && ga->origin == reinterpret_cast<PyObject*>(&PyTuple_Type)) {
    Py_INCREF(ga->args);
    return ga->args;
  }
  Py_RETURN_NONE;
}

PyGetSetDef ga_getset[] = {
    {"__parameters__", ga_parameters, nullptr, "Type variables in the GenericAlias.", nullptr},
    {"__typing_unpacked_tuple_args__", ga_unpacked_tuple_args, nullptr, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

PyObject* ga_new(PyTypeObject* type, PyObject* args, PyObject* kwds) {
  if (!_PyArg_NoKeywords("GenericAlias", kwds)) return nullptr;
  if (!_PyArg_CheckPositional("GenericAlias", PyTuple_GET_SIZE(args), 2, 2)) return nullptr;
  PyObject* self = type->tp_alloc(type, 0);
  if (self == nullptr) return nullptr;
  if (!setup(as_ga(self), PyTuple_GET_ITEM(args, 0), PyTuple_GET_ITEM(args, 1))) {
    Py_DECREF(self);
    return nullptr;
  }
  return self;
}

PyNumberMethods ga_as_number = {.nb_or = type_or};

// --- iteration: `*tuple[int]` -------------------------------------------------------

struct GAIter {
  PyObject_HEAD
  PyObject* obj;  // cleared once the one starred alias has been produced
};

PyObject* gaiter_next(PyObject* self) {
  auto* gi = reinterpret_cast<GAIter*>(self);
  if (gi->obj == nullptr) {
    PyErr_SetNone(PyExc_StopIteration);
    return nullptr;
  }
  GenericAlias* ga = as_ga(gi->obj);
  PyObject* starred = Py_GenericAlias(ga->origin, ga->args);
  if (starred == nullptr) return nullptr;
  as_ga(starred)->starred = true;
  Py_CLEAR(gi->obj);
  return starred;
}

void gaiter_dealloc(PyObject* self) {
  PyObject_GC_UnTrack(self);
  Py_XDECREF(reinterpret_cast<GAIter*>(self)->obj);
  PyObject_GC_Del(self);
}

int gaiter_traverse(PyObject* self, visitproc visit, void* arg) {
  Py_VISIT(reinterpret_cast<GAIter*>(self)->obj);
  return 0;
}

int gaiter_clear(PyObject* self) {
  Py_CLEAR(reinterpret_cast<GAIter*>(self)->obj);
  return 0;
}

PyObject* gaiter_reduce(PyObject* self, PyObject*) {
  Ref<> iter = steal(builtin("iter"));
  if (!iter) return nullptr;
  PyObject* obj = reinterpret_cast<GAIter*>(self)->obj;
  if (obj == nullptr) {
    // CPython 3.11 builds ("N(O)", iter, NULL) here.
    PyErr_SetString(PyExc_SystemError, "NULL object passed to Py_BuildValue");
    return nullptr;
  }
  return Py_BuildValue("O(O)", iter.get(), obj);
}

PyMethodDef gaiter_methods[] = {
    {"__reduce__", gaiter_reduce, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

PyObject* ga_iter(PyObject* self) {
  GAIter* gi = PyObject_GC_New(GAIter, &GenericAliasIter_Type);
  if (gi == nullptr) return nullptr;
  Py_INCREF(self);
  gi->obj = self;
  PyObject_GC_Track(gi);
  return reinterpret_cast<PyObject*>(gi);
}

}  // namespace

PyTypeObject GenericAliasIter_Type = {
    .ob_base = KRAIT_IMMORTAL_VAR_HEAD(&PyType_Type, 0),
    .tp_name = "generic_alias_iterator",
    .tp_basicsize = sizeof(GAIter),
    .tp_dealloc = gaiter_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = gaiter_traverse,
    .tp_clear = gaiter_clear,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = gaiter_next,
    .tp_methods = gaiter_methods,
};

}  // namespace krait

PyTypeObject Py_GenericAliasType = {
    .ob_base = KRAIT_IMMORTAL_VAR_HEAD(&PyType_Type, 0),
    .tp_name = "types.GenericAlias",
    .tp_basicsize = sizeof(krait::GenericAlias),
    .tp_dealloc = krait::ga_dealloc,
    .tp_vectorcall_offset = offsetof(krait::GenericAlias, vectorcall),
    .tp_repr = krait::ga_repr,
    .tp_as_number = &krait::ga_as_number,
    .tp_as_mapping = &krait::ga_as_mapping,
    .tp_hash = krait::ga_hash,
    .tp_call = krait::ga_call,
    .tp_getattro = krait::ga_getattro,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_VECTORCALL,
    .tp_doc = "Represent a PEP 585 generic type\n\nE.g. for t = list[int], t.__origin__ is list and "
              "t.__args__ is (int,).",
    .tp_traverse = krait::ga_traverse,
    .tp_richcompare = krait::ga_richcompare,
    .tp_weaklistoffset = offsetof(krait::GenericAlias, weakreflist),
    .tp_iter = krait::ga_iter,
    .tp_methods = krait::ga_methods,
    .tp_members = krait::ga_members,
    .tp_getset = krait::ga_getset,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = krait::ga_new,
    .tp_free = PyObject_GC_Del,
};

PyObject* Py_GenericAlias(PyObject* origin, PyObject* args) {
  PyObject* self = PyType_GenericAlloc(&Py_GenericAliasType, 0);
  if (self == nullptr) return nullptr;
  if (!krait::setup(krait::as_ga(self), origin, args)) {
    Py_DECREF(self);
    return nullptr;
  }
  return self;
}
