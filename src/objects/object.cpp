// The object protocol: PyObject_Repr/Str/RichCompare/Hash/IsTrue/GetAttr/...
// (CPython's Objects/object.c family), and generic attribute access.
//
// Every operation dispatches through the type's tp_* slots: C types fill them
// directly, Python classes get slot functions that call their dunder methods
// (type_slots.cpp), so one path serves both.
#include <Python.h>
#include <structmember.h>

#include "objects/object_util.h"
#include "objects/type_internal.h"
#include "runtime/identifiers.h"
#include "runtime/interp_state.h"

using krait::Ref;

extern "C" {

// --- repr / str ----------------------------------------------------------------

PyObject* PyObject_Repr(PyObject* v) {
  if (v == nullptr) return PyUnicode_FromString("<NULL>");
  if (Py_TYPE(v)->tp_repr == nullptr) {
    return PyUnicode_FromFormat("<%s object at %p>", Py_TYPE(v)->tp_name, v);
  }
  if (Py_EnterRecursiveCall(" while getting the repr of an object")) return nullptr;
  PyObject* res = Py_TYPE(v)->tp_repr(v);
  Py_LeaveRecursiveCall();
  if (res == nullptr) return nullptr;
  if (!PyUnicode_Check(res)) {
    PyErr_Format(PyExc_TypeError, "__repr__ returned non-string (type %.200s)",
                 Py_TYPE(res)->tp_name);
    Py_DECREF(res);
    return nullptr;
  }
  return res;
}

PyObject* PyObject_Str(PyObject* v) {
  if (v == nullptr) return PyUnicode_FromString("<NULL>");
  if (PyUnicode_CheckExact(v)) {
    Py_INCREF(v);
    return v;
  }
  if (Py_TYPE(v)->tp_str == nullptr) return PyObject_Repr(v);
  if (Py_EnterRecursiveCall(" while getting the str of an object")) return nullptr;
  PyObject* res = Py_TYPE(v)->tp_str(v);
  Py_LeaveRecursiveCall();
  if (res == nullptr) return nullptr;
  if (!PyUnicode_Check(res)) {
    PyErr_Format(PyExc_TypeError, "__str__ returned non-string (type %.200s)",
                 Py_TYPE(res)->tp_name);
    Py_DECREF(res);
    return nullptr;
  }
  return res;
}

PyObject* PyObject_ASCII(PyObject* v) {
  Ref<> repr = krait::steal(PyObject_Repr(v));
  if (!repr) return nullptr;
  if (PyUnicode_IS_ASCII(repr.get())) return repr.release();
  Ref<> ascii = krait::steal(PyUnicode_AsEncodedString(repr.get(), "ascii", "backslashreplace"));
  if (!ascii) return nullptr;
  return PyUnicode_DecodeASCII(PyBytes_AS_STRING(ascii.get()), PyBytes_GET_SIZE(ascii.get()),
                               nullptr);
}

PyObject* PyObject_Bytes(PyObject* v) {
  if (v == nullptr) return PyBytes_FromString("<NULL>");
  if (PyBytes_CheckExact(v)) {
    Py_INCREF(v);
    return v;
  }
  PyObject* func = krait::lookup_special(v, krait::id::bytes);
  if (func) {
    PyObject* res = PyObject_CallNoArgs(func);
    Py_DECREF(func);
    if (res && !PyBytes_Check(res)) {
      PyErr_Format(PyExc_TypeError, "__bytes__ returned non-bytes (type %.200s)",
                   Py_TYPE(res)->tp_name);
      Py_CLEAR(res);
    }
    return res;
  }
  if (PyErr_Occurred()) return nullptr;
  return PyBytes_FromObject(v);
}

// --- rich comparison -----------------------------------------------------------

static const char* const kOpStrings[] = {"<", "<=", "==", "!=", ">", ">="};
static const int kSwappedOp[] = {Py_GT, Py_GE, Py_EQ, Py_NE, Py_LT, Py_LE};

static PyObject* do_richcompare(PyObject* v, PyObject* w, int op) {
  richcmpfunc f;
  bool checked_reverse = false;
  // A subclass that overrides the reflected comparison gets the first try.
  if (!Py_IS_TYPE(v, Py_TYPE(w)) && PyType_IsSubtype(Py_TYPE(w), Py_TYPE(v)) &&
      (f = Py_TYPE(w)->tp_richcompare) != nullptr) {
    checked_reverse = true;
    PyObject* res = f(w, v, kSwappedOp[op]);
    if (res != Py_NotImplemented) return res;
    Py_DECREF(res);
  }
  if ((f = Py_TYPE(v)->tp_richcompare) != nullptr) {
    PyObject* res = f(v, w, op);
    if (res != Py_NotImplemented) return res;
    Py_DECREF(res);
  }
  if (!checked_reverse && (f = Py_TYPE(w)->tp_richcompare) != nullptr) {
    PyObject* res = f(w, v, kSwappedOp[op]);
    if (res != Py_NotImplemented) return res;
    Py_DECREF(res);
  }
  // Neither side knows: identity decides == and !=, the rest is an error.
  PyObject* res;
  switch (op) {
    case Py_EQ:
      res = (v == w) ? Py_True : Py_False;
      break;
    case Py_NE:
      res = (v != w) ? Py_True : Py_False;
      break;
    default:
      PyErr_Format(PyExc_TypeError,
                   "'%s' not supported between instances of '%.100s' and '%.100s'",
                   kOpStrings[op], Py_TYPE(v)->tp_name, Py_TYPE(w)->tp_name);
      return nullptr;
  }
  Py_INCREF(res);
  return res;
}

PyObject* PyObject_RichCompare(PyObject* v, PyObject* w, int op) {
  if (v == nullptr || w == nullptr) {
    if (!PyErr_Occurred()) PyErr_BadInternalCall();
    return nullptr;
  }
  if (Py_EnterRecursiveCall(" in comparison")) return nullptr;
  PyObject* res = do_richcompare(v, w, op);
  Py_LeaveRecursiveCall();
  return res;
}

int PyObject_RichCompareBool(PyObject* v, PyObject* w, int op) {
  // Identity implies equality: containers rely on this (and NaN keys).
  if (v == w) {
    if (op == Py_EQ) return 1;
    if (op == Py_NE) return 0;
  }
  PyObject* res = PyObject_RichCompare(v, w, op);
  if (res == nullptr) return -1;
  int ok = PyBool_Check(res) ? (res == Py_True) : PyObject_IsTrue(res);
  Py_DECREF(res);
  return ok;
}

// --- hashing -------------------------------------------------------------------

Py_hash_t PyObject_HashNotImplemented(PyObject* v) {
  PyErr_Format(PyExc_TypeError, "unhashable type: '%.200s'", Py_TYPE(v)->tp_name);
  return -1;
}

Py_hash_t _Py_HashPointerRaw(const void* p) {
  // Rotate by 4 bits: the low bits of addresses are always zero.
  size_t y = reinterpret_cast<size_t>(p);
  y = (y >> 4) | (y << (8 * sizeof(void*) - 4));
  return static_cast<Py_hash_t>(y);
}

Py_hash_t _Py_HashPointer(const void* p) {
  Py_hash_t x = _Py_HashPointerRaw(p);
  return x == -1 ? -2 : x;
}

Py_hash_t PyObject_Hash(PyObject* v) {
  PyTypeObject* tp = Py_TYPE(v);
  if (tp->tp_hash != nullptr) return tp->tp_hash(v);
  // A type not yet readied may still inherit tp_hash.
  if (!krait::type_is_ready(tp)) {
    if (PyType_Ready(tp) < 0) return -1;
    if (tp->tp_hash != nullptr) return tp->tp_hash(v);
  }
  return PyObject_HashNotImplemented(v);
}

// --- truth -----------------------------------------------------------------------

int PyObject_IsTrue(PyObject* v) {
  if (v == Py_True) return 1;
  if (v == Py_False || v == Py_None) return 0;
  PyTypeObject* tp = Py_TYPE(v);
  Py_ssize_t res;
  if (tp->tp_as_number && tp->tp_as_number->nb_bool) {
    res = tp->tp_as_number->nb_bool(v);
  } else if (tp->tp_as_mapping && tp->tp_as_mapping->mp_length) {
    res = tp->tp_as_mapping->mp_length(v);
  } else if (tp->tp_as_sequence && tp->tp_as_sequence->sq_length) {
    res = tp->tp_as_sequence->sq_length(v);
  } else {
    return 1;
  }
  return res > 0 ? 1 : static_cast<int>(res);
}

int PyObject_Not(PyObject* v) {
  int r = PyObject_IsTrue(v);
  return r < 0 ? r : !r;
}

int PyCallable_Check(PyObject* x) { return x != nullptr && Py_TYPE(x)->tp_call != nullptr; }

// --- attributes ------------------------------------------------------------------

// 3.11 records the object and attribute name on every AttributeError that
// getattr raises, for the "Did you mean" suggestions printed with tracebacks.
static void set_attribute_error_context(PyObject* v, PyObject* name) {
  if (!PyErr_ExceptionMatches(PyExc_AttributeError)) return;
  PyObject *type, *value, *tb;
  PyErr_Fetch(&type, &value, &tb);
  PyErr_NormalizeException(&type, &value, &tb);
  // One raised by a nested lookup already says which object and name failed.
  auto* ae = reinterpret_cast<PyAttributeErrorObject*>(value);
  if (PyErr_GivenExceptionMatches(value, PyExc_AttributeError) && !ae->name && !ae->obj &&
      (PyObject_SetAttrString(value, "name", name) < 0 ||
       PyObject_SetAttrString(value, "obj", v) < 0)) {
    // Keep the new error (as CPython does) and drop the original.
    Py_XDECREF(type);
    Py_XDECREF(value);
    Py_XDECREF(tb);
    return;
  }
  PyErr_Restore(type, value, tb);
}

PyObject* PyObject_GetAttr(PyObject* v, PyObject* name) {
  PyTypeObject* tp = Py_TYPE(v);
  if (!PyUnicode_Check(name)) {
    PyErr_Format(PyExc_TypeError, "attribute name must be string, not '%.200s'",
                 Py_TYPE(name)->tp_name);
    return nullptr;
  }
  if (tp->tp_getattro != nullptr) {
    PyObject* res = tp->tp_getattro(v, name);
    if (res == nullptr) set_attribute_error_context(v, name);
    return res;
  }
  if (tp->tp_getattr != nullptr) {
    const char* s = PyUnicode_AsUTF8(name);
    if (!s) return nullptr;
    return tp->tp_getattr(v, const_cast<char*>(s));
  }
  PyErr_Format(PyExc_AttributeError, "'%.100s' object has no attribute '%U'", tp->tp_name,
               name);
  return nullptr;
}

PyObject* PyObject_GetAttrString(PyObject* v, const char* name) {
  if (Py_TYPE(v)->tp_getattr != nullptr) return Py_TYPE(v)->tp_getattr(v, const_cast<char*>(name));
  PyObject* w = PyUnicode_FromString(name);
  if (!w) return nullptr;
  PyObject* res = PyObject_GetAttr(v, w);
  Py_DECREF(w);
  return res;
}

int _PyObject_LookupAttr(PyObject* v, PyObject* name, PyObject** result) {
  PyTypeObject* tp = Py_TYPE(v);
  if (tp->tp_getattro == PyObject_GenericGetAttr) {
    *result = krait::generic_getattr(v, name, nullptr, /*suppress=*/true);
    if (*result) return 1;
    return PyErr_Occurred() ? -1 : 0;
  }
  *result = PyObject_GetAttr(v, name);
  if (*result) return 1;
  if (!PyErr_ExceptionMatches(PyExc_AttributeError)) return -1;
  PyErr_Clear();
  return 0;
}

int _PyObject_LookupAttrId(PyObject* v, _Py_Identifier* name, PyObject** result) {
  PyObject* oname = _PyUnicode_FromId(name);  // borrowed
  if (!oname) {
    *result = nullptr;
    return -1;
  }
  return _PyObject_LookupAttr(v, oname, result);
}

PyObject* _PyObject_GetAttrId(PyObject* v, _Py_Identifier* name) {
  PyObject* oname = _PyUnicode_FromId(name);
  if (!oname) return nullptr;
  return PyObject_GetAttr(v, oname);
}

int PyObject_HasAttr(PyObject* v, PyObject* name) {
  PyObject* res;
  int r = _PyObject_LookupAttr(v, name, &res);
  if (r < 0) {
    PyErr_Clear();
    return 0;
  }
  Py_XDECREF(res);
  return r;
}

int PyObject_HasAttrString(PyObject* v, const char* name) {
  PyObject* w = PyUnicode_FromString(name);
  if (!w) {
    PyErr_Clear();
    return 0;
  }
  int r = PyObject_HasAttr(v, w);
  Py_DECREF(w);
  return r;
}

int PyObject_SetAttr(PyObject* v, PyObject* name, PyObject* value) {
  PyTypeObject* tp = Py_TYPE(v);
  if (!PyUnicode_Check(name)) {
    PyErr_Format(PyExc_TypeError, "attribute name must be string, not '%.200s'",
                 Py_TYPE(name)->tp_name);
    return -1;
  }
  Py_INCREF(name);
  PyUnicode_InternInPlace(&name);
  int err = -1;
  if (tp->tp_setattro != nullptr) {
    err = tp->tp_setattro(v, name, value);
  } else if (tp->tp_setattr != nullptr) {
    const char* s = PyUnicode_AsUTF8(name);
    if (s) err = tp->tp_setattr(v, const_cast<char*>(s), value);
  } else if (tp->tp_getattr == nullptr && tp->tp_getattro == nullptr) {
    PyErr_Format(PyExc_TypeError, "'%.100s' object has no attributes (%s .%U)", tp->tp_name,
                 value == nullptr ? "del" : "assign to", name);
  } else {
    PyErr_Format(PyExc_TypeError, "'%.100s' object has only read-only attributes (%s .%U)",
                 tp->tp_name, value == nullptr ? "del" : "assign to", name);
  }
  Py_DECREF(name);
  return err;
}

int PyObject_SetAttrString(PyObject* v, const char* name, PyObject* value) {
  if (Py_TYPE(v)->tp_setattr != nullptr)
    return Py_TYPE(v)->tp_setattr(v, const_cast<char*>(name), value);
  PyObject* s = PyUnicode_InternFromString(name);
  if (!s) return -1;
  int r = PyObject_SetAttr(v, s, value);
  Py_DECREF(s);
  return r;
}


PyObject* PyObject_GenericGetAttr(PyObject* obj, PyObject* name) {
  return krait::generic_getattr(obj, name, nullptr, false);
}

PyObject* _PyObject_GenericGetAttrWithDict(PyObject* obj, PyObject* name, PyObject* dict,
                                           int suppress) {
  return krait::generic_getattr(obj, name, dict, suppress != 0);
}

int PyObject_GenericSetAttr(PyObject* obj, PyObject* name, PyObject* value) {
  return krait::generic_setattr(obj, name, value, nullptr);
}

int _PyObject_GenericSetAttrWithDict(PyObject* obj, PyObject* name, PyObject* value,
                                     PyObject* dict) {
  return krait::generic_setattr(obj, name, value, dict);
}

PyObject** _PyObject_GetDictPtr(PyObject* obj) {
  Py_ssize_t off = Py_TYPE(obj)->tp_dictoffset;
  if (off == 0) return nullptr;
  if (off < 0) {
    // Negative offsets count from the end of a variable-size object.
    Py_ssize_t size = Py_TYPE(obj)->tp_basicsize +
                      Py_ABS(Py_SIZE(obj)) * Py_TYPE(obj)->tp_itemsize;
    off += (size + SIZEOF_VOID_P - 1) & ~(SIZEOF_VOID_P - 1);
  }
  return reinterpret_cast<PyObject**>(reinterpret_cast<char*>(obj) + off);
}

PyObject* PyObject_GenericGetDict(PyObject* obj, void*) {
  PyObject** dictptr = _PyObject_GetDictPtr(obj);
  if (dictptr == nullptr) {
    PyErr_SetString(PyExc_AttributeError, "This object has no __dict__");
    return nullptr;
  }
  if (*dictptr == nullptr) {
    *dictptr = PyDict_New();
    if (*dictptr == nullptr) return nullptr;
  }
  Py_INCREF(*dictptr);
  return *dictptr;
}

int PyObject_GenericSetDict(PyObject* obj, PyObject* value, void*) {
  PyObject** dictptr = _PyObject_GetDictPtr(obj);
  if (dictptr == nullptr) {
    PyErr_SetString(PyExc_AttributeError, "This object has no __dict__");
    return -1;
  }
  if (value == nullptr) {
    PyErr_SetString(PyExc_TypeError, "cannot delete __dict__");
    return -1;
  }
  if (!PyDict_Check(value)) {
    PyErr_Format(PyExc_TypeError, "__dict__ must be set to a dictionary, not a '%.200s'",
                 Py_TYPE(value)->tp_name);
    return -1;
  }
  Py_INCREF(value);
  Py_XSETREF(*dictptr, value);
  return 0;
}

PyObject* PyObject_SelfIter(PyObject* obj) {
  Py_INCREF(obj);
  return obj;
}

PyObject* _PyObject_NextNotImplemented(PyObject* self) {
  PyErr_Format(PyExc_TypeError, "'%.200s' object is not iterable", Py_TYPE(self)->tp_name);
  return nullptr;
}

// --- recursion guards ------------------------------------------------------------

int Py_EnterRecursiveCall(const char* where) {
  PyThreadState* ts = krait::tstate();
  if (--ts->recursion_remaining < 0) {
    if (ts->recursion_headroom) {
      // Already handling a RecursionError: allow the handler some room.
      if (ts->recursion_remaining < -50) Py_FatalError("Cannot recover from stack overflow.");
    } else {
      ts->recursion_headroom++;
      PyErr_Format(PyExc_RecursionError, "maximum recursion depth exceeded%s", where);
      ts->recursion_headroom--;
      ++ts->recursion_remaining;
      return -1;
    }
  }
  return 0;
}

void Py_LeaveRecursiveCall(void) { krait::tstate()->recursion_remaining++; }

// Py_ReprEnter/Leave: a per-thread list of objects whose repr is in progress,
// so recursive containers print '[...]'.
int Py_ReprEnter(PyObject* obj) {
  PyObject* dict = PyThreadState_GetDict();
  if (dict == nullptr) return 0;
  PyObject* key = krait::id::Py_Repr;
  PyObject* list = PyDict_GetItemWithError(dict, key);
  if (list == nullptr) {
    if (PyErr_Occurred()) return -1;
    list = PyList_New(0);
    if (list == nullptr) return -1;
    if (PyDict_SetItem(dict, key, list) < 0) {
      Py_DECREF(list);
      return -1;
    }
    Py_DECREF(list);
  }
  Py_ssize_t i = PyList_GET_SIZE(list);
  while (--i >= 0) {
    if (PyList_GET_ITEM(list, i) == obj) return 1;
  }
  if (PyList_Append(list, obj) < 0) return -1;
  return 0;
}

void Py_ReprLeave(PyObject* obj) {
  PyObject *t, *v, *tb;
  PyErr_Fetch(&t, &v, &tb);
  PyObject* dict = PyThreadState_GetDict();
  PyObject* list = dict ? PyDict_GetItemWithError(dict, krait::id::Py_Repr) : nullptr;
  if (list != nullptr && PyList_Check(list)) {
    Py_ssize_t i = PyList_GET_SIZE(list);
    while (--i >= 0) {
      if (PyList_GET_ITEM(list, i) == obj) {
        PyList_SetSlice(list, i, i + 1, nullptr);
        break;
      }
    }
  }
  PyErr_Restore(t, v, tb);
}

// --- misc ----------------------------------------------------------------------------

int PyObject_Print(PyObject* op, FILE* fp, int flags) {
  clearerr(fp);
  if (op == nullptr) {
    fprintf(fp, "<nil>");
    return 0;
  }
  Ref<> s = krait::steal((flags & Py_PRINT_RAW) ? PyObject_Str(op) : PyObject_Repr(op));
  if (!s) return -1;
  Py_ssize_t n;
  const char* text = PyUnicode_AsUTF8AndSize(s.get(), &n);
  if (!text) return -1;
  fwrite(text, 1, n, fp);
  if (ferror(fp)) {
    PyErr_SetFromErrno(PyExc_OSError);
    clearerr(fp);
    return -1;
  }
  return 0;
}

PyObject* PyObject_Dir(PyObject* obj) {
  Ref<> dir;
  if (obj == nullptr) {
    PyErr_SetString(PyExc_SystemError, "dir() of the current scope is the interpreter's");
    return nullptr;
  }
  dir = krait::steal(krait::lookup_special(obj, krait::id::dir));
  if (!dir) {
    if (!PyErr_Occurred()) PyErr_SetString(PyExc_TypeError, "object does not provide __dir__");
    return nullptr;
  }
  Ref<> result = krait::steal(PyObject_CallNoArgs(dir.get()));
  if (!result) return nullptr;
  Ref<> sorted = krait::steal(PySequence_List(result.get()));
  if (!sorted) return nullptr;
  if (PyList_Sort(sorted.get()) < 0) return nullptr;
  return sorted.release();
}

}  // extern "C"
