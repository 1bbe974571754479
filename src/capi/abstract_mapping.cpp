// The mapping protocol (PyMapping_*) and the generic item/size entry points
// that dispatch between mapping and sequence slots: PyObject_GetItem/SetItem/
// DelItem (o[key]), PyObject_Size (len(o)), PyObject_LengthHint.
#include <Python.h>

#include "capi/abstract_internal.h"
#include "objects/object_util.h"

using namespace krait;

static PyObject* null_error() {
  if (!PyErr_Occurred())
    PyErr_SetString(PyExc_SystemError, "null argument to internal routine");
  return nullptr;
}

// -- o[key] ------------------------------------------------------------------------

PyObject* PyObject_GetItem(PyObject* o, PyObject* key) {
  if (!o || !key) return null_error();
  PyMappingMethods* m = Py_TYPE(o)->tp_as_mapping;
  if (m && m->mp_subscript) return m->mp_subscript(o, key);
  PySequenceMethods* ms = Py_TYPE(o)->tp_as_sequence;
  if (ms && ms->sq_item) {
    if (!PyIndex_Check(key))
      return type_error("sequence index must be integer, not '%.200s'", key);
    Py_ssize_t i = PyNumber_AsSsize_t(key, PyExc_IndexError);
    if (i == -1 && PyErr_Occurred()) return nullptr;
    return PySequence_GetItem(o, i);
  }
  if (PyType_Check(o)) {
    // list[int] and friends: PEP 560's __class_getitem__.
    if (o == reinterpret_cast<PyObject*>(&PyType_Type)) return Py_GenericAlias(o, key);
    PyObject* meth;
    if (_PyObject_LookupAttr(o, KRAIT_INTERNED("__class_getitem__"), &meth) < 0) return nullptr;
    if (meth && meth != Py_None) {  // __class_getitem__ = None disables it
      PyObject* result = PyObject_CallOneArg(meth, key);
      Py_DECREF(meth);
      return result;
    }
    Py_XDECREF(meth);
    PyErr_Format(PyExc_TypeError, "type '%.200s' is not subscriptable",
                 reinterpret_cast<PyTypeObject*>(o)->tp_name);
    return nullptr;
  }
  return type_error("'%.200s' object is not subscriptable", o);
}

int PyObject_SetItem(PyObject* o, PyObject* key, PyObject* value) {
  if (!o || !key || !value) {
    null_error();
    return -1;
  }
  PyMappingMethods* m = Py_TYPE(o)->tp_as_mapping;
  if (m && m->mp_ass_subscript) return m->mp_ass_subscript(o, key, value);
  PySequenceMethods* ms = Py_TYPE(o)->tp_as_sequence;
  if (ms) {
    if (PyIndex_Check(key)) {
      Py_ssize_t i = PyNumber_AsSsize_t(key, PyExc_IndexError);
      if (i == -1 && PyErr_Occurred()) return -1;
      return PySequence_SetItem(o, i, value);
    }
    if (ms->sq_ass_item) {
      type_error("sequence index must be integer, not '%.200s'", key);
      return -1;
    }
  }
  type_error("'%.200s' object does not support item assignment", o);
  return -1;
}

int PyObject_DelItem(PyObject* o, PyObject* key) {
  if (!o || !key) {
    null_error();
    return -1;
  }
  PyMappingMethods* m = Py_TYPE(o)->tp_as_mapping;
  if (m && m->mp_ass_subscript) return m->mp_ass_subscript(o, key, nullptr);
  PySequenceMethods* ms = Py_TYPE(o)->tp_as_sequence;
  if (ms) {
    if (PyIndex_Check(key)) {
      Py_ssize_t i = PyNumber_AsSsize_t(key, PyExc_IndexError);
      if (i == -1 && PyErr_Occurred()) return -1;
      return PySequence_DelItem(o, i);
    }
    if (ms->sq_ass_item) {
      type_error("sequence index must be integer, not '%.200s'", key);
      return -1;
    }
  }
  type_error("'%.200s' object doesn't support item deletion", o);
  return -1;
}

int PyObject_DelItemString(PyObject* o, const char* key) {
  if (!o || !key) {
    null_error();
    return -1;
  }
  Ref<> okey = steal(PyUnicode_FromString(key));
  if (!okey) return -1;
  return PyObject_DelItem(o, okey.get());
}

// -- len(o) -------------------------------------------------------------------------

Py_ssize_t PyObject_Size(PyObject* o) {
  if (!o) {
    null_error();
    return -1;
  }
  PySequenceMethods* m = Py_TYPE(o)->tp_as_sequence;
  if (m && m->sq_length) return m->sq_length(o);
  return PyMapping_Size(o);
}

#undef PyObject_Length
Py_ssize_t PyObject_Length(PyObject* o) { return PyObject_Size(o); }

int _PyObject_HasLen(PyObject* o) {
  return (Py_TYPE(o)->tp_as_sequence && Py_TYPE(o)->tp_as_sequence->sq_length) ||
         (Py_TYPE(o)->tp_as_mapping && Py_TYPE(o)->tp_as_mapping->mp_length);
}

// len(o) if o has one, else o.__length_hint__(), else default.
Py_ssize_t PyObject_LengthHint(PyObject* o, Py_ssize_t defaultvalue) {
  if (_PyObject_HasLen(o)) {
    Py_ssize_t res = PyObject_Length(o);
    if (res >= 0) return res;
    if (!PyErr_ExceptionMatches(PyExc_TypeError)) return -1;
    PyErr_Clear();
  }
  Ref<> hint = steal(lookup_special(o, KRAIT_INTERNED("__length_hint__")));
  if (!hint) return PyErr_Occurred() ? -1 : defaultvalue;
  Ref<> result = steal(PyObject_CallNoArgs(hint.get()));
  if (!result) {
    if (PyErr_ExceptionMatches(PyExc_TypeError)) {
      PyErr_Clear();
      return defaultvalue;
    }
    return -1;
  }
  if (result.get() == Py_NotImplemented) return defaultvalue;
  if (!PyLong_Check(result.get())) {
    PyErr_Format(PyExc_TypeError, "__length_hint__ must be an integer, not %.100s",
                 Py_TYPE(result.get())->tp_name);
    return -1;
  }
  Py_ssize_t res = PyLong_AsSsize_t(result.get());
  if (res == -1 && PyErr_Occurred()) return -1;
  if (res < 0) {
    PyErr_SetString(PyExc_ValueError, "__length_hint__() should return >= 0");
    return -1;
  }
  return res;
}

// -- PyMapping_* ---------------------------------------------------------------------

int PyMapping_Check(PyObject* o) {
  return o && Py_TYPE(o)->tp_as_mapping && Py_TYPE(o)->tp_as_mapping->mp_subscript;
}

Py_ssize_t PyMapping_Size(PyObject* o) {
  if (!o) {
    null_error();
    return -1;
  }
  PyMappingMethods* m = Py_TYPE(o)->tp_as_mapping;
  if (m && m->mp_length) return m->mp_length(o);
  PySequenceMethods* ms = Py_TYPE(o)->tp_as_sequence;
  if (ms && ms->sq_length)
    type_error("%.200s is not a mapping", o);
  else
    type_error("object of type '%.200s' has no len()", o);
  return -1;
}

#undef PyMapping_Length
Py_ssize_t PyMapping_Length(PyObject* o) { return PyMapping_Size(o); }

PyObject* PyMapping_GetItemString(PyObject* o, const char* key) {
  if (!key) return null_error();
  Ref<> okey = steal(PyUnicode_FromString(key));
  if (!okey) return nullptr;
  return PyObject_GetItem(o, okey.get());
}

int PyMapping_SetItemString(PyObject* o, const char* key, PyObject* value) {
  if (!key) {
    null_error();
    return -1;
  }
  Ref<> okey = steal(PyUnicode_FromString(key));
  if (!okey) return -1;
  return PyObject_SetItem(o, okey.get(), value);
}

// Both swallow every error, as CPython's do (a documented wart).
int PyMapping_HasKeyString(PyObject* o, const char* key) {
  PyObject* v = PyMapping_GetItemString(o, key);
  if (v) {
    Py_DECREF(v);
    return 1;
  }
  PyErr_Clear();
  return 0;
}

int PyMapping_HasKey(PyObject* o, PyObject* key) {
  PyObject* v = PyObject_GetItem(o, key);
  if (v) {
    Py_DECREF(v);
    return 1;
  }
  PyErr_Clear();
  return 0;
}

// o.keys()/values()/items() as a list.
static PyObject* method_output_as_list(PyObject* o, PyObject* meth) {
  Ref<> out = steal(PyObject_CallMethodNoArgs(o, meth));
  if (!out || PyList_CheckExact(out.get())) return out.release();
  Ref<> it = steal(PyObject_GetIter(out.get()));
  if (!it) {
    if (PyErr_ExceptionMatches(PyExc_TypeError))
      PyErr_Format(PyExc_TypeError, "%.200s.%U() returned a non-iterable (type %.200s)",
                   Py_TYPE(o)->tp_name, meth, Py_TYPE(out.get())->tp_name);
    return nullptr;
  }
  return PySequence_List(it.get());
}

PyObject* PyMapping_Keys(PyObject* o) {
  if (!o) return null_error();
  if (PyDict_CheckExact(o)) return PyDict_Keys(o);
  return method_output_as_list(o, KRAIT_INTERNED("keys"));
}

PyObject* PyMapping_Items(PyObject* o) {
  if (!o) return null_error();
  if (PyDict_CheckExact(o)) return PyDict_Items(o);
  return method_output_as_list(o, KRAIT_INTERNED("items"));
}

PyObject* PyMapping_Values(PyObject* o) {
  if (!o) return null_error();
  if (PyDict_CheckExact(o)) return PyDict_Values(o);
  return method_output_as_list(o, KRAIT_INTERNED("values"));
}
