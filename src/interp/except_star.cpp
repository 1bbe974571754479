// except_star.cpp — the runtime half of try/except* (PEP 654): matching an
// exception (group) against an except* clause and building what is re-raised
// once all clauses ran. Semantics as CPython 3.11 (Objects/exceptions.c,
// _PyExc_PrepReraiseStar), written from the PEP and its tests.
#include "interp/except_star.h"

#include <set>

namespace krait::interp {

namespace {

bool is_group(PyObject* o) {
  return PyObject_TypeCheck(o, reinterpret_cast<PyTypeObject*>(PyExc_BaseExceptionGroup));
}

// BaseExceptionGroup("", excs): picks ExceptionGroup when it can. The list is
// passed as is, as CPython does (it shows in the group's args and repr).
PyObject* make_group(PyObject* excs_list) {
  return PyObject_CallFunction(PyExc_BaseExceptionGroup, "(sO)", "", excs_list);
}

// Identities of the leaf exceptions of `e`.
int collect_leaves(PyObject* e, std::set<PyObject*>& out) {
  if (!e || e == Py_None) return 0;
  if (!is_group(e)) {
    out.insert(e);
    return 0;
  }
  PyObject* excs = PyObject_GetAttrString(e, "exceptions");
  if (!excs) return -1;
  int rc = 0;
  for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(excs) && rc == 0; i++) rc = collect_leaves(PyTuple_GET_ITEM(excs, i), out);
  Py_DECREF(excs);
  return rc;
}

// The leaves of `e` in `keep`, with e's nesting (None if there are none).
PyObject* project(PyObject* e, const std::set<PyObject*>& keep) {
  if (!is_group(e)) return Py_NewRef(keep.count(e) ? e : Py_None);
  PyObject* excs = PyObject_GetAttrString(e, "exceptions");
  if (!excs) return nullptr;
  PyObject* kept = PyList_New(0);
  bool all = true;
  for (Py_ssize_t i = 0; kept && i < PyTuple_GET_SIZE(excs); i++) {
    PyObject* sub = project(PyTuple_GET_ITEM(excs, i), keep);
    if (!sub) {
      Py_CLEAR(kept);
      break;
    }
    if (sub != PyTuple_GET_ITEM(excs, i)) all = false;
    if (sub != Py_None && PyList_Append(kept, sub) < 0) Py_CLEAR(kept);
    Py_DECREF(sub);
  }
  Py_DECREF(excs);
  if (!kept) return nullptr;
  PyObject* r;
  if (all) {
    r = Py_NewRef(e);
  } else if (PyList_GET_SIZE(kept) == 0) {
    r = Py_NewRef(Py_None);
  } else {
    // e.derive(kept) keeps e's message, class and metadata, as split() does.
    r = PyObject_CallMethod(e, "derive", "(O)", kept);
    if (r) {
      PyObject* tb = PyException_GetTraceback(e);
      if (tb) {
        PyException_SetTraceback(r, tb);
        Py_DECREF(tb);
      }
      PyObject* v;
      if ((v = PyException_GetCause(e))) PyException_SetCause(r, v);
      if ((v = PyException_GetContext(e))) PyException_SetContext(r, v);
      PyObject* notes;
      if (_PyObject_LookupAttr(e, PyUnicode_InternFromString("__notes__"), &notes) > 0) {
        PyObject_SetAttrString(r, "__notes__", notes);
        Py_DECREF(notes);
      }
      PyErr_Clear();
    }
  }
  Py_DECREF(kept);
  return r;
}

}  // namespace

int check_except_star_type(PyObject* t) {
  auto check_one = [](PyObject* x) -> int {
    if (!PyType_Check(x) || !PyType_IsSubtype(reinterpret_cast<PyTypeObject*>(x),
                                              reinterpret_cast<PyTypeObject*>(PyExc_BaseException))) {
      PyErr_SetString(PyExc_TypeError,
                      "catching classes that do not inherit from BaseException is not allowed");
      return -1;
    }
    if (PyType_IsSubtype(reinterpret_cast<PyTypeObject*>(x),
                         reinterpret_cast<PyTypeObject*>(PyExc_BaseExceptionGroup))) {
      PyErr_SetString(PyExc_TypeError,
                      "catching ExceptionGroup with except* is not allowed. Use except instead.");
      return -1;
    }
    return 0;
  };
  if (PyTuple_Check(t)) {
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(t); i++)
      if (check_one(PyTuple_GET_ITEM(t, i)) < 0) return -1;
    return 0;
  }
  return check_one(t);
}

int exception_group_match(PyObject* exc, PyObject* type, PyObject** match, PyObject** rest) {
  *match = *rest = nullptr;
  if (exc == Py_None) {
    *match = Py_NewRef(Py_None);
    *rest = Py_NewRef(Py_None);
    return 0;
  }
  if (PyErr_GivenExceptionMatches(exc, type)) {
    if (is_group(exc)) {
      *match = Py_NewRef(exc);
    } else {
      // A naked exception matched: wrap it in a group for the handler (CPython passes a
      // 1-tuple here, which shows in the group's repr).
      PyObject* l = PyTuple_Pack(1, exc);
      if (!l) return -1;
      PyObject* g = make_group(l);
      Py_DECREF(l);
      if (!g) return -1;
      PyObject* tb = PyException_GetTraceback(exc);
      if (tb) {
        PyException_SetTraceback(g, tb);
        Py_DECREF(tb);
      }
      *match = g;
    }
    *rest = Py_NewRef(Py_None);
    return 0;
  }
  if (is_group(exc)) {
    PyObject* pair = PyObject_CallMethod(exc, "split", "(O)", type);
    if (!pair) return -1;
    if (!PyTuple_CheckExact(pair) || PyTuple_GET_SIZE(pair) != 2) {
      PyErr_Format(PyExc_TypeError, "%.200s.split must return a 2-tuple, got %.200s", Py_TYPE(exc)->tp_name,
                   Py_TYPE(pair)->tp_name);
      Py_DECREF(pair);
      return -1;
    }
    *match = Py_NewRef(PyTuple_GET_ITEM(pair, 0));
    *rest = Py_NewRef(PyTuple_GET_ITEM(pair, 1));
    Py_DECREF(pair);
    return 0;
  }
  *match = Py_NewRef(Py_None);
  *rest = Py_NewRef(exc);
  return 0;
}

PyObject* prep_reraise_star(PyObject* orig, PyObject* excs) {
  Py_ssize_t n = PyList_GET_SIZE(excs);
  if (n == 0) return Py_NewRef(Py_None);
  if (!is_group(orig)) {
    // A naked exception was wrapped: at most one clause ran.
    return Py_NewRef(PyList_GET_ITEM(excs, 0));
  }
  // A re-raised exception still carries orig's metadata (split/derive copy it); anything else
  // was raised anew in a handler.  CPython compares the four fields by identity.
  auto same_metadata = [](PyObject* a, PyObject* b) {
    auto* x = reinterpret_cast<PyBaseExceptionObject*>(a);
    auto* y = reinterpret_cast<PyBaseExceptionObject*>(b);
    return x->notes == y->notes && x->traceback == y->traceback && x->cause == y->cause &&
           x->context == y->context;
  };
  std::set<PyObject*> keep;
  PyObject* raised = PyList_New(0);
  if (!raised) return nullptr;
  for (Py_ssize_t i = 0; i < n; i++) {
    PyObject* e = PyList_GET_ITEM(excs, i);
    if (e == Py_None) continue;
    if (same_metadata(e, orig)) {
      if (collect_leaves(e, keep) < 0) {
        Py_DECREF(raised);
        return nullptr;
      }
    } else if (PyList_Append(raised, e) < 0) {
      Py_DECREF(raised);
      return nullptr;
    }
  }
  PyObject* reraised_eg = keep.empty() ? Py_NewRef(Py_None) : project(orig, keep);
  if (!reraised_eg) {
    Py_DECREF(raised);
    return nullptr;
  }
  PyObject* result;
  if (PyList_GET_SIZE(raised) == 0) {
    result = reraised_eg;
  } else {
    if (reraised_eg != Py_None && PyList_Append(raised, reraised_eg) < 0) {
      Py_DECREF(reraised_eg);
      Py_DECREF(raised);
      return nullptr;
    }
    Py_DECREF(reraised_eg);
    // 3.11 always wraps what handlers raised in a new group, even a single exception.
    result = make_group(raised);
  }
  Py_DECREF(raised);
  return result;
}

}  // namespace krait::interp
