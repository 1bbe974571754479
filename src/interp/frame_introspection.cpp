// frame_introspection.cpp — what objects outside the interpreter ask about
// the running frame (zero-argument super()).
#include "interp/frame_introspection.h"

#include "interp/eval.h"

namespace krait::interp {

// Borrowed results: the frame keeps both alive while super() runs.
int super_args_from_current_frame(PyTypeObject** type, PyObject** obj) {
  Frame* f = current_frame();
  if (!f || !f->code) {
    PyErr_SetString(PyExc_RuntimeError, "super(): no current frame");
    return -1;
  }
  PyCodeObject* co = f->code;
  if (co->co_argcount == 0) {
    PyErr_SetString(PyExc_RuntimeError, "super(): no arguments");
    return -1;
  }
  const char* kinds = PyBytes_AS_STRING(co->co_localspluskinds);
  PyObject* first = f->localsplus[0];
  if (first && (static_cast<uint8_t>(kinds[0]) & bytecode::kFastCell) && PyCell_Check(first)) first = PyCell_GET(first);
  if (!first) {
    PyErr_SetString(PyExc_RuntimeError, "super(): arg[0] deleted");
    return -1;
  }
  for (int i = co->co_nlocalsplus - co->co_nfreevars; i < co->co_nlocalsplus; i++) {
    if (PyUnicode_CompareWithASCIIString(PyTuple_GET_ITEM(co->co_localsplusnames, i), "__class__") != 0) continue;
    PyObject* cell = f->localsplus[i];
    PyObject* cls = cell && PyCell_Check(cell) ? PyCell_GET(cell) : nullptr;
    if (!cls) {
      PyErr_SetString(PyExc_RuntimeError, "super(): empty __class__ cell");
      return -1;
    }
    if (!PyType_Check(cls)) {
      PyErr_Format(PyExc_RuntimeError, "super(): __class__ is not a type (%s)", Py_TYPE(cls)->tp_name);
      return -1;
    }
    *type = reinterpret_cast<PyTypeObject*>(cls);
    *obj = first;
    return 0;
  }
  PyErr_SetString(PyExc_RuntimeError, "super(): __class__ cell not found");
  return -1;
}

}  // namespace krait::interp

// -- Warning locations ----------------------------------------------------------------
// PyErr_WarnEx & co. (src/capi/warnings.cpp) ask where the warning is issued:
// `stack_level` 1 is the running Python frame, 2 its caller, ...

#include "modules/sys_module.h"

namespace krait::interp {
namespace {

int warning_location(Py_ssize_t stack_level, Ref<>* filename, int* lineno, Ref<>* module) {
  Frame* f = current_frame();
  while (f && --stack_level > 0) f = f->previous;
  if (!f || !f->code) return -1;
  *filename = Ref<>::borrow(f->code->co_filename);
  *lineno = frame_lineno(f);
  PyObject* name = f->globals && PyDict_Check(f->globals) ? PyDict_GetItemString(f->globals, "__name__") : nullptr;
  *module = name ? Ref<>::borrow(name) : steal(PyUnicode_FromString("<string>"));
  return 0;
}

// Installed before main() runs (warnings_location_hook is constant-initialized).
[[maybe_unused]] const bool g_hook_installed = (krait::warnings_location_hook = warning_location, true);

}  // namespace
}  // namespace krait::interp
