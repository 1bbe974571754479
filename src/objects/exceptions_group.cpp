// BaseExceptionGroup / ExceptionGroup (PEP 654): construction rules (a group
// of plain Exceptions built through BaseExceptionGroup becomes an
// ExceptionGroup), str "msg (N sub-exceptions)", derive/split/subgroup.
#include <Python.h>
#include <structmember.h>

#include "objects/exceptions_impl.h"
#include "objects/object_util.h"

namespace krait::exc {

static PyBaseExceptionGroupObject* as_group(PyObject* o) {
  return reinterpret_cast<PyBaseExceptionGroupObject*>(o);
}

static bool is_group(PyObject* o) {
  return PyObject_TypeCheck(o, reinterpret_cast<PyTypeObject*>(PyExc_BaseExceptionGroup));
}

PyObject* BaseExceptionGroup_new(PyTypeObject* type, PyObject* args, PyObject* kwds) {
  PyObject *message = nullptr, *excs_arg = nullptr;
  if (!PyArg_ParseTuple(args, "UO:BaseExceptionGroup.__new__", &message, &excs_arg))
    return nullptr;
  if (!PySequence_Check(excs_arg)) {
    PyErr_SetString(PyExc_TypeError, "second argument (exceptions) must be a sequence");
    return nullptr;
  }
  Ref<> excs = steal(PySequence_Tuple(excs_arg));
  if (!excs) return nullptr;
  Py_ssize_t n = PyTuple_GET_SIZE(excs.get());
  if (n == 0) {
    PyErr_SetString(PyExc_ValueError,
                    "second argument (exceptions) must be a non-empty sequence");
    return nullptr;
  }
  bool nested_base = false;
  for (Py_ssize_t i = 0; i < n; i++) {
    PyObject* e = PyTuple_GET_ITEM(excs.get(), i);
    if (!PyExceptionInstance_Check(e)) {
      PyErr_Format(PyExc_ValueError,
                   "Item %d of second argument (exceptions) is not an exception",
                   static_cast<int>(i));
      return nullptr;
    }
    int is_exc = PyObject_IsInstance(e, PyExc_Exception);
    if (is_exc < 0) return nullptr;
    if (!is_exc) nested_base = true;
  }
  PyTypeObject* cls = type;
  auto* eg_type = reinterpret_cast<PyTypeObject*>(g_exception_group);
  if (cls == eg_type) {
    if (nested_base) {
      PyErr_SetString(PyExc_TypeError, "Cannot nest BaseExceptions in an ExceptionGroup");
      return nullptr;
    }
  } else if (cls == reinterpret_cast<PyTypeObject*>(PyExc_BaseExceptionGroup)) {
    if (!nested_base && eg_type) cls = eg_type;
  } else if (nested_base) {  // a user-defined subclass
    int sub = PyObject_IsSubclass(reinterpret_cast<PyObject*>(cls), PyExc_Exception);
    if (sub < 0) return nullptr;
    if (sub) {
      PyErr_Format(PyExc_TypeError, "Cannot nest BaseExceptions in '%.200s'", cls->tp_name);
      return nullptr;
    }
  }
  PyObject* self = BaseException_new(cls, args, kwds);
  if (!self) return nullptr;
  Py_INCREF(message);
  as_group(self)->msg = message;
  as_group(self)->excs = excs.release();
  return self;
}

int BaseExceptionGroup_init(PyObject* op, PyObject* args, PyObject* kwds) {
  if (!no_keywords(Py_TYPE(op)->tp_name, kwds)) return -1;
  return BaseException_init(op, args, kwds);
}

int BaseExceptionGroup_clear(PyObject* op) {
  Py_CLEAR(as_group(op)->msg);
  Py_CLEAR(as_group(op)->excs);
  return BaseException_clear(op);
}

void BaseExceptionGroup_dealloc(PyObject* op) {
  PyObject_GC_UnTrack(op);
  BaseExceptionGroup_clear(op);
  Py_TYPE(op)->tp_free(op);
}

int BaseExceptionGroup_traverse(PyObject* op, visitproc visit, void* arg) {
  Py_VISIT(as_group(op)->msg);
  Py_VISIT(as_group(op)->excs);
  return BaseException_traverse(op, visit, arg);
}

PyObject* BaseExceptionGroup_str(PyObject* op) {
  auto* self = as_group(op);
  Py_ssize_t n = PyTuple_GET_SIZE(self->excs);
  return PyUnicode_FromFormat("%S (%zd sub-exception%s)", self->msg, n, n > 1 ? "s" : "");
}

static PyObject* derive(PyObject* op, PyObject* excs) {
  Ref<> args = steal(PyTuple_Pack(2, as_group(op)->msg, excs));
  if (!args) return nullptr;
  return PyObject_CallObject(PyExc_BaseExceptionGroup, args.get());
}

// -- split / subgroup -----------------------------------------------------------

enum class Matcher { kByType, kByPredicate };

static int matcher_kind(PyObject* value, Matcher* kind) {
  if (PyCallable_Check(value) && !PyType_Check(value)) {
    *kind = Matcher::kByPredicate;
    return 0;
  }
  if (PyExceptionClass_Check(value)) {
    *kind = Matcher::kByType;
    return 0;
  }
  if (PyTuple_CheckExact(value)) {
    bool ok = true;
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(value); i++)
      if (!PyExceptionClass_Check(PyTuple_GET_ITEM(value, i))) ok = false;
    if (ok) {
      *kind = Matcher::kByType;
      return 0;
    }
  }
  PyErr_SetString(PyExc_TypeError,
                  "expected a function, exception type or tuple of exception types");
  return -1;
}

static int matches(PyObject* exc, Matcher kind, PyObject* value) {
  if (kind == Matcher::kByType) return PyErr_GivenExceptionMatches(exc, value);
  Ref<> r = steal(PyObject_CallOneArg(value, exc));
  if (!r) return -1;
  return PyObject_IsTrue(r.get());
}

// A group like `orig` (same message, via derive()) holding `excs`, with
// orig's traceback, cause, context and a copy of its notes; nullptr result
// (and 0) when excs is empty.
static int subset(PyObject* orig, PyObject* excs, PyObject** result) {
  *result = nullptr;
  Py_ssize_t n = PySequence_Size(excs);
  if (n < 0) return -1;
  if (n == 0) return 0;
  Ref<> eg = steal(PyObject_CallMethod(orig, "derive", "(O)", excs));
  if (!eg) return -1;
  if (!is_group(eg.get())) {
    PyErr_SetString(PyExc_TypeError, "derive must return an instance of BaseExceptionGroup");
    return -1;
  }
  PyObject* tb = PyException_GetTraceback(orig);
  if (tb) {
    int r = PyException_SetTraceback(eg.get(), tb);
    Py_DECREF(tb);
    if (r < 0) return -1;
  }
  PyException_SetContext(eg.get(), PyException_GetContext(orig));
  PyException_SetCause(eg.get(), PyException_GetCause(orig));
  Ref<> notes = steal(PyObject_GetAttrString(orig, "__notes__"));
  if (!notes) {
    if (!PyErr_ExceptionMatches(PyExc_AttributeError)) return -1;
    PyErr_Clear();
  } else if (PySequence_Check(notes.get())) {
    Ref<> copy = steal(PySequence_List(notes.get()));
    if (!copy || PyObject_SetAttrString(eg.get(), "__notes__", copy.get()) < 0) return -1;
  }
  *result = eg.release();
  return 0;
}

struct SplitResult {
  Ref<> match;
  Ref<> rest;
};

static int split_recursive(PyObject* exc, Matcher kind, PyObject* value, bool want_rest,
                           SplitResult* out) {
  int m = matches(exc, kind, value);
  if (m < 0) return -1;
  if (m) {
    out->match = borrow(exc);
    return 0;
  }
  if (!is_group(exc)) {
    if (want_rest) out->rest = borrow(exc);
    return 0;
  }
  PyObject* excs = as_group(exc)->excs;
  Ref<> match_list = steal(PyList_New(0));
  if (!match_list) return -1;
  Ref<> rest_list;
  if (want_rest) {
    rest_list = steal(PyList_New(0));
    if (!rest_list) return -1;
  }
  for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(excs); i++) {
    SplitResult sub;
    if (Py_EnterRecursiveCall(" in exceptiongroup_split_recursive")) return -1;
    int r = split_recursive(PyTuple_GET_ITEM(excs, i), kind, value, want_rest, &sub);
    Py_LeaveRecursiveCall();
    if (r < 0) return -1;
    if (sub.match && PyList_Append(match_list.get(), sub.match.get()) < 0) return -1;
    if (sub.rest && PyList_Append(rest_list.get(), sub.rest.get()) < 0) return -1;
  }
  PyObject* p = nullptr;
  if (subset(exc, match_list.get(), &p) < 0) return -1;
  out->match = steal(p);
  if (want_rest) {
    if (subset(exc, rest_list.get(), &p) < 0) {
      out->match.reset();
      return -1;
    }
    out->rest = steal(p);
  }
  return 0;
}

static PyObject* split(PyObject* op, PyObject* value) {
  Matcher kind;
  if (matcher_kind(value, &kind) < 0) return nullptr;
  SplitResult r;
  if (split_recursive(op, kind, value, true, &r) < 0) return nullptr;
  return PyTuple_Pack(2, r.match ? r.match.get() : Py_None, r.rest ? r.rest.get() : Py_None);
}

static PyObject* subgroup(PyObject* op, PyObject* value) {
  Matcher kind;
  if (matcher_kind(value, &kind) < 0) return nullptr;
  SplitResult r;
  if (split_recursive(op, kind, value, false, &r) < 0) return nullptr;
  if (!r.match) Py_RETURN_NONE;
  return r.match.release();
}

PyMemberDef BaseExceptionGroup_members[] = {
    {"message", T_OBJECT, offsetof(PyBaseExceptionGroupObject, msg), READONLY,
     "exception message"},
    {"exceptions", T_OBJECT, offsetof(PyBaseExceptionGroupObject, excs), READONLY,
     "nested exceptions"},
    {nullptr, 0, 0, 0, nullptr},
};

PyMethodDef BaseExceptionGroup_methods[] = {
    {"__class_getitem__", Py_GenericAlias, METH_O | METH_CLASS, "See PEP 585"},
    {"derive", derive, METH_O, nullptr},
    {"split", split, METH_O, nullptr},
    {"subgroup", subgroup, METH_O, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace krait::exc
