// PyErr_Warn*: warnings issued from C. They all go through the `_warnings`
// filter engine (src/modules/warnings/), so -W options, warnings.filters,
// simplefilter('error') and catch_warnings(record=True) treat them exactly
// as warnings.warn() from Python code, as in CPython.
#include <Python.h>

#include <cstring>

#include "modules/sys_module.h"
#include "modules/warnings/warnings.h"

namespace krait {
// Kept for the interpreter's API; the engine finds frames itself.
WarningsLocationHook warnings_location_hook = nullptr;
}  // namespace krait

using namespace krait;

namespace {

int do_warn(PyObject* category, PyObject* message, Py_ssize_t stack_level, PyObject* source) {
  Ref<> r = steal(warnings::warn(message, category ? category : PyExc_RuntimeWarning, stack_level, source));
  return r ? 0 : -1;
}

int do_explicit(PyObject* category, PyObject* message, PyObject* filename, int lineno, PyObject* module,
                PyObject* registry) {
  if (!category) category = PyExc_RuntimeWarning;
  Ref<> r = steal(warnings::warn_explicit(category, message, filename, lineno, module, registry, nullptr,
                                          nullptr));
  return r ? 0 : -1;
}

}  // namespace

int PyErr_WarnEx(PyObject* category, const char* text, Py_ssize_t stack_level) {
  Ref<> message = steal(PyUnicode_FromString(text));
  if (!message) return -1;
  return do_warn(category, message.get(), stack_level, nullptr);
}

int PyErr_WarnFormat(PyObject* category, Py_ssize_t stack_level, const char* format, ...) {
  va_list vargs;
  va_start(vargs, format);
  Ref<> message = steal(PyUnicode_FromFormatV(format, vargs));
  va_end(vargs);
  if (!message) return -1;
  return do_warn(category, message.get(), stack_level, nullptr);
}

int PyErr_ResourceWarning(PyObject* source, Py_ssize_t stack_level, const char* format, ...) {
  va_list vargs;
  va_start(vargs, format);
  Ref<> message = steal(PyUnicode_FromFormatV(format, vargs));
  va_end(vargs);
  if (!message) return -1;
  return do_warn(PyExc_ResourceWarning, message.get(), stack_level, source);
}

int PyErr_WarnExplicitObject(PyObject* category, PyObject* message, PyObject* filename,
                             int lineno, PyObject* module, PyObject* registry) {
  if (!filename || !message) {
    PyErr_BadInternalCall();
    return -1;
  }
  return do_explicit(category, message, filename, lineno, module, registry);
}

int PyErr_WarnExplicit(PyObject* category, const char* text, const char* filename_str,
                       int lineno, const char* module_str, PyObject* registry) {
  Ref<> message = steal(PyUnicode_DecodeUTF8(text, static_cast<Py_ssize_t>(std::strlen(text)), "replace"));
  Ref<> filename = steal(PyUnicode_DecodeFSDefault(filename_str));
  Ref<> module;
  if (module_str) {
    module = steal(PyUnicode_FromString(module_str));
    if (!module) return -1;
  }
  if (!message || !filename) return -1;
  return do_explicit(category, message.get(), filename.get(), lineno, module.get(), registry);
}

int PyErr_WarnExplicitFormat(PyObject* category, const char* filename_str, int lineno,
                             const char* module_str, PyObject* registry, const char* format, ...) {
  va_list vargs;
  va_start(vargs, format);
  Ref<> message = steal(PyUnicode_FromFormatV(format, vargs));
  va_end(vargs);
  if (!message) return -1;
  Ref<> filename = steal(PyUnicode_DecodeFSDefault(filename_str));
  if (!filename) return -1;
  Ref<> module;
  if (module_str) {
    module = steal(PyUnicode_FromString(module_str));
    if (!module) return -1;
  }
  return do_explicit(category, message.get(), filename.get(), lineno, module.get(), registry);
}
