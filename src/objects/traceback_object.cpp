// traceback_object.cpp — PyTraceBack_Type and PyTraceBack_Here.
//
// Each frame an exception passes through prepends one entry (the eval loop
// calls PyTraceBack_Here at its `error:` label), exactly as CPython chains them.
#include <Python.h>
#include <structmember.h>

#include "bytecode/code.h"
#include "interp/frame_object.h"
#include "objects/traceback_object.h"

namespace {

void tb_dealloc(PyObject* self) {
  auto* tb = reinterpret_cast<PyTracebackObject*>(self);
  PyObject_GC_UnTrack(self);
  // Bounded C recursion for long chains (f.__call__.__call__..., tb_next links).
  Py_TRASHCAN_BEGIN(self, tb_dealloc)
  Py_CLEAR(tb->tb_next);
  Py_CLEAR(tb->tb_frame);
  PyObject_GC_Del(self);
  Py_TRASHCAN_END
}
int tb_traverse(PyObject* self, visitproc visit, void* arg) {
  auto* tb = reinterpret_cast<PyTracebackObject*>(self);
  Py_VISIT(tb->tb_next);
  Py_VISIT(tb->tb_frame);
  return 0;
}
int tb_clear(PyObject* self) {
  auto* tb = reinterpret_cast<PyTracebackObject*>(self);
  Py_CLEAR(tb->tb_next);
  Py_CLEAR(tb->tb_frame);
  return 0;
}

PyObject* tb_get_next(PyObject* self, void*) {
  auto* tb = reinterpret_cast<PyTracebackObject*>(self);
  return Py_NewRef(tb->tb_next ? reinterpret_cast<PyObject*>(tb->tb_next) : Py_None);
}
int tb_set_next(PyObject* self, PyObject* v, void*) {
  if (!v) {
    PyErr_SetString(PyExc_TypeError, "can't delete tb_next attribute");
    return -1;
  }
  if (v == Py_None) v = nullptr;
  else if (!PyTraceBack_Check(v)) {
    PyErr_Format(PyExc_TypeError, "expected traceback object or None, got '%s'", Py_TYPE(v)->tp_name);
    return -1;
  }
  for (PyObject* c = v; c; c = reinterpret_cast<PyObject*>(reinterpret_cast<PyTracebackObject*>(c)->tb_next)) {
    if (c == self) {
      PyErr_Format(PyExc_ValueError, "traceback loop detected");
      return -1;
    }
  }
  auto* tb = reinterpret_cast<PyTracebackObject*>(self);
  Py_XSETREF(tb->tb_next, reinterpret_cast<PyTracebackObject*>(Py_XNewRef(v)));
  return 0;
}

PyMemberDef tb_members[] = {
    {"tb_frame", T_OBJECT, offsetof(PyTracebackObject, tb_frame), READONLY, nullptr},
    {"tb_lasti", T_INT, offsetof(PyTracebackObject, tb_lasti), READONLY, nullptr},
    {nullptr, 0, 0, 0, nullptr},
};
PyObject* tb_get_lineno(PyObject* self, void*) {
  return PyLong_FromLong(krait::traceback_lineno(reinterpret_cast<PyTracebackObject*>(self)));
}
// As the read-only member it stands for.
int tb_set_lineno(PyObject*, PyObject*, void*) {
  PyErr_SetString(PyExc_AttributeError, "readonly attribute");
  return -1;
}

PyGetSetDef tb_getset[] = {
    {"tb_next", tb_get_next, tb_set_next, nullptr, nullptr},
    {"tb_lineno", tb_get_lineno, tb_set_lineno, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

// traceback(tb_next, tb_frame, tb_lasti, tb_lineno): types.TracebackType.
PyObject* tb_new(PyTypeObject*, PyObject* args, PyObject* kwds) {
  static const char* kwlist[] = {"tb_next", "tb_frame", "tb_lasti", "tb_lineno", nullptr};
  PyObject *next, *frame;
  int lasti, lineno;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "OO!ii:traceback", const_cast<char**>(kwlist), &next,
                                   &PyFrame_Type, &frame, &lasti, &lineno))
    return nullptr;
  if (next == Py_None) {
    next = nullptr;
  } else if (!PyTraceBack_Check(next)) {
    return PyErr_Format(PyExc_TypeError, "expected traceback object or None, got '%s'", Py_TYPE(next)->tp_name);
  }
  auto* tb = PyObject_GC_New(PyTracebackObject, &PyTraceBack_Type);
  if (!tb) return nullptr;
  tb->tb_next = reinterpret_cast<PyTracebackObject*>(Py_XNewRef(next));
  tb->tb_frame = reinterpret_cast<PyFrameObject*>(Py_NewRef(frame));
  tb->tb_lasti = lasti;
  tb->tb_lineno = lineno;
  PyObject_GC_Track(tb);
  return reinterpret_cast<PyObject*>(tb);
}

// dir(tb) lists only the four attributes, as CPython's traceback.__dir__.
PyObject* tb_dir(PyObject*, PyObject*) {
  return Py_BuildValue("[ssss]", "tb_frame", "tb_next", "tb_lasti", "tb_lineno");
}

PyMethodDef tb_methods[] = {
    {"__dir__", tb_dir, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace

extern "C" {

PyTypeObject PyTraceBack_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "traceback",
    .tp_basicsize = sizeof(PyTracebackObject),
    .tp_dealloc = tb_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = tb_traverse,
    .tp_clear = tb_clear,
    .tp_methods = tb_methods,
    .tp_members = tb_members,
    .tp_getset = tb_getset,
    .tp_new = tb_new,
};

int PyTraceBack_Here(PyFrameObject* frame) {
  PyObject *type, *value, *tb;
  PyErr_Fetch(&type, &value, &tb);
  auto* ntb = PyObject_GC_New(PyTracebackObject, &PyTraceBack_Type);
  if (!ntb) {
    PyErr_Restore(type, value, tb);
    return -1;
  }
  ntb->tb_next = reinterpret_cast<PyTracebackObject*>(tb);  // steals
  ntb->tb_frame = reinterpret_cast<PyFrameObject*>(Py_NewRef(frame));
  ntb->tb_lasti = PyFrame_GetLasti(frame);
  // -1: derived from the code and tb_lasti on first read (traceback_lineno).
  // Frames without an instruction (Cython's PyFrame_New frames carry only
  // f_lineno) are read now.
  ntb->tb_lineno = ntb->tb_lasti >= 0 ? -1 : PyFrame_GetLineNumber(frame);
  PyObject_GC_Track(ntb);
  PyErr_Restore(type, value, reinterpret_cast<PyObject*>(ntb));
  return 0;
}

}  // extern "C"

namespace krait {

int traceback_lineno(PyTracebackObject* tb) {
  if (tb->tb_lineno != -1 || tb->tb_lasti < 0) return tb->tb_lineno;
  PyCodeObject* co = PyFrame_GetCode(tb->tb_frame);
  tb->tb_lineno = bytecode::position_at(co, tb->tb_lasti / bytecode::kAddrPerUnit).line;
  Py_DECREF(co);
  return tb->tb_lineno;
}

}  // namespace krait
