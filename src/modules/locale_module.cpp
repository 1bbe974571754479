// locale_module.cpp — the `_locale` module: setlocale, localeconv,
// nl_langinfo and its constants, strcoll/strxfrm, getencoding, the gettext
// family, LC_* constants and locale.Error, over the C library.
//
// Also the start-up hook that makes LC_CTYPE follow the environment, as
// CPython's runtime pre-initialisation does (setlocale(LC_CTYPE, "")):
// without it getencoding() and the locale codec would see the "C" locale.
#include <Python.h>

#include <clocale>
#include <cstring>
#include <cwchar>
#include <cerrno>
#include <langinfo.h>
#include <libintl.h>
#include <climits>

#include "runtime/lifecycle.h"
#include "support/ref.h"

using namespace krait;

namespace {

PyObject* LocaleError;  // locale.Error

PyObject* decode(const char* s) { return PyUnicode_DecodeLocale(s ? s : "", nullptr); }

PyObject* locale_setlocale(PyObject*, PyObject* args) {
  int category;
  const char* locale = nullptr;
  if (!PyArg_ParseTuple(args, "i|z:setlocale", &category, &locale)) return nullptr;
  if (locale) {
    const char* result = setlocale(category, locale);
    if (!result) {
      PyErr_SetString(LocaleError, "unsupported locale setting");
      return nullptr;
    }
    return decode(result);
  }
  const char* result = setlocale(category, nullptr);
  if (!result) {
    PyErr_SetString(LocaleError, "locale query failed");
    return nullptr;
  }
  return decode(result);
}

// A grouping string as a list: values up to and including the terminating 0
// or CHAR_MAX; an empty string is an empty list.
PyObject* copy_grouping(const char* s) {
  if (s[0] == '\0') return PyList_New(0);
  Py_ssize_t n = 0;
  while (s[n] != '\0' && s[n] != CHAR_MAX) n++;
  Ref<> result = steal(PyList_New(n + 1));
  if (!result) return nullptr;
  for (Py_ssize_t i = 0; i <= n; i++) {
    PyObject* v = PyLong_FromLong(s[i]);
    if (!v) return nullptr;
    PyList_SET_ITEM(result.get(), i, v);
  }
  return result.release();
}

PyObject* locale_localeconv(PyObject*, PyObject*) {
  Ref<> result = steal(PyDict_New());
  if (!result) return nullptr;
  struct lconv* lc = localeconv();
  auto put = [&](const char* key, PyObject* value) {
    if (!value) return false;
    int r = PyDict_SetItemString(result.get(), key, value);
    Py_DECREF(value);
    return r == 0;
  };
  if (!put("int_curr_symbol", decode(lc->int_curr_symbol)) ||
      !put("currency_symbol", decode(lc->currency_symbol)) ||
      !put("mon_decimal_point", decode(lc->mon_decimal_point)) ||
      !put("mon_thousands_sep", decode(lc->mon_thousands_sep)) ||
      !put("mon_grouping", copy_grouping(lc->mon_grouping)) ||
      !put("positive_sign", decode(lc->positive_sign)) ||
      !put("negative_sign", decode(lc->negative_sign)) ||
      !put("int_frac_digits", PyLong_FromLong(lc->int_frac_digits)) ||
      !put("frac_digits", PyLong_FromLong(lc->frac_digits)) ||
      !put("p_cs_precedes", PyLong_FromLong(lc->p_cs_precedes)) ||
      !put("p_sep_by_space", PyLong_FromLong(lc->p_sep_by_space)) ||
      !put("n_cs_precedes", PyLong_FromLong(lc->n_cs_precedes)) ||
      !put("n_sep_by_space", PyLong_FromLong(lc->n_sep_by_space)) ||
      !put("p_sign_posn", PyLong_FromLong(lc->p_sign_posn)) ||
      !put("n_sign_posn", PyLong_FromLong(lc->n_sign_posn)) ||
      !put("decimal_point", decode(lc->decimal_point)) ||
      !put("thousands_sep", decode(lc->thousands_sep)) ||
      !put("grouping", copy_grouping(lc->grouping)))
    return nullptr;
  return result.release();
}

PyObject* locale_strcoll(PyObject*, PyObject* args) {
  PyObject *os1, *os2;
  if (!PyArg_ParseTuple(args, "UU:strcoll", &os1, &os2)) return nullptr;
  wchar_t* ws1 = PyUnicode_AsWideCharString(os1, nullptr);
  if (!ws1) return nullptr;
  wchar_t* ws2 = PyUnicode_AsWideCharString(os2, nullptr);
  if (!ws2) {
    PyMem_Free(ws1);
    return nullptr;
  }
  PyObject* result = PyLong_FromLong(wcscoll(ws1, ws2));
  PyMem_Free(ws1);
  PyMem_Free(ws2);
  return result;
}

PyObject* locale_strxfrm(PyObject*, PyObject* args) {
  PyObject* str;
  if (!PyArg_ParseTuple(args, "U:strxfrm", &str)) return nullptr;
  Py_ssize_t n1;
  wchar_t* s = PyUnicode_AsWideCharString(str, &n1);
  if (!s) return nullptr;
  if (wcslen(s) != static_cast<size_t>(n1)) {
    PyMem_Free(s);
    PyErr_SetString(PyExc_ValueError, "embedded null character");
    return nullptr;
  }
  size_t n2 = wcsxfrm(nullptr, s, 0) + 1;
  wchar_t* buf = static_cast<wchar_t*>(PyMem_Malloc(n2 * sizeof(wchar_t)));
  if (!buf) {
    PyMem_Free(s);
    return PyErr_NoMemory();
  }
  wcsxfrm(buf, s, n2);
  PyObject* result = PyUnicode_FromWideChar(buf, -1);
  PyMem_Free(buf);
  PyMem_Free(s);
  return result;
}

struct LangInfoConstant {
  const char* name;
  int value;
};

#define LANGINFO(X) {#X, X}
const LangInfoConstant langinfo_constants[] = {
    LANGINFO(CODESET), LANGINFO(D_T_FMT), LANGINFO(D_FMT), LANGINFO(T_FMT),
    LANGINFO(AM_STR), LANGINFO(PM_STR),
    LANGINFO(DAY_1), LANGINFO(DAY_2), LANGINFO(DAY_3), LANGINFO(DAY_4),
    LANGINFO(DAY_5), LANGINFO(DAY_6), LANGINFO(DAY_7),
    LANGINFO(ABDAY_1), LANGINFO(ABDAY_2), LANGINFO(ABDAY_3), LANGINFO(ABDAY_4),
    LANGINFO(ABDAY_5), LANGINFO(ABDAY_6), LANGINFO(ABDAY_7),
    LANGINFO(MON_1), LANGINFO(MON_2), LANGINFO(MON_3), LANGINFO(MON_4),
    LANGINFO(MON_5), LANGINFO(MON_6), LANGINFO(MON_7), LANGINFO(MON_8),
    LANGINFO(MON_9), LANGINFO(MON_10), LANGINFO(MON_11), LANGINFO(MON_12),
    LANGINFO(ABMON_1), LANGINFO(ABMON_2), LANGINFO(ABMON_3), LANGINFO(ABMON_4),
    LANGINFO(ABMON_5), LANGINFO(ABMON_6), LANGINFO(ABMON_7), LANGINFO(ABMON_8),
    LANGINFO(ABMON_9), LANGINFO(ABMON_10), LANGINFO(ABMON_11), LANGINFO(ABMON_12),
    LANGINFO(RADIXCHAR), LANGINFO(THOUSEP), LANGINFO(YESEXPR), LANGINFO(NOEXPR),
    LANGINFO(CRNCYSTR), LANGINFO(ERA), LANGINFO(ERA_D_FMT), LANGINFO(ALT_DIGITS),
    LANGINFO(ERA_D_T_FMT), LANGINFO(ERA_T_FMT), LANGINFO(T_FMT_AMPM),
    LANGINFO(_DATE_FMT),
};
#undef LANGINFO

PyObject* locale_nl_langinfo(PyObject*, PyObject* args) {
  int item;
  if (!PyArg_ParseTuple(args, "i:nl_langinfo", &item)) return nullptr;
  for (const LangInfoConstant& c : langinfo_constants) {
    if (c.value == item) return decode(nl_langinfo(static_cast<nl_item>(item)));
  }
  PyErr_SetString(PyExc_ValueError, "unsupported langinfo constant");
  return nullptr;
}

PyObject* locale_getencoding(PyObject*, PyObject*) {
  const char* encoding = nl_langinfo(CODESET);
  if (!encoding || !encoding[0]) encoding = "UTF-8";
  return decode(encoding);
}

PyObject* locale_gettext(PyObject*, PyObject* args) {
  const char* msg;
  if (!PyArg_ParseTuple(args, "s:gettext", &msg)) return nullptr;
  return decode(gettext(msg));
}

PyObject* locale_dgettext(PyObject*, PyObject* args) {
  const char *domain, *msg;
  if (!PyArg_ParseTuple(args, "zs:dgettext", &domain, &msg)) return nullptr;
  return decode(dgettext(domain, msg));
}

PyObject* locale_dcgettext(PyObject*, PyObject* args) {
  const char *domain, *msg;
  int category;
  if (!PyArg_ParseTuple(args, "zsi:dcgettext", &domain, &msg, &category)) return nullptr;
  return decode(dcgettext(domain, msg, category));
}

PyObject* locale_textdomain(PyObject*, PyObject* args) {
  const char* domain;
  if (!PyArg_ParseTuple(args, "z:textdomain", &domain)) return nullptr;
  const char* result = textdomain(domain);
  if (!result) return PyErr_SetFromErrno(PyExc_OSError);
  return decode(result);
}

PyObject* locale_bindtextdomain(PyObject*, PyObject* args) {
  const char* domain;
  PyObject* dirname_obj;
  if (!PyArg_ParseTuple(args, "sO:bindtextdomain", &domain, &dirname_obj)) return nullptr;
  if (!domain[0]) {
    PyErr_SetString(PyExc_ValueError, "domain must be a non-empty string");
    return nullptr;
  }
  Ref<> dirname_bytes;
  const char* dirname = nullptr;
  if (dirname_obj != Py_None) {
    // PyUnicode_FSConverter without a dependency on os.fspath support:
    // str is encoded with the filesystem encoding, bytes taken as they are.
    if (PyUnicode_Check(dirname_obj)) {
      dirname_bytes = steal(PyUnicode_EncodeFSDefault(dirname_obj));
    } else if (PyBytes_Check(dirname_obj)) {
      dirname_bytes = borrow(dirname_obj);
    } else {
      PyErr_Format(PyExc_TypeError, "expected str, bytes or os.PathLike object, not %.200s",
                   Py_TYPE(dirname_obj)->tp_name);
      return nullptr;
    }
    if (!dirname_bytes) return nullptr;
    dirname = PyBytes_AsString(dirname_bytes.get());
    if (!dirname) return nullptr;
  }
  const char* current = bindtextdomain(domain, dirname);
  if (!current) return PyErr_SetFromErrno(PyExc_OSError);
  return decode(current);
}

PyObject* locale_bind_textdomain_codeset(PyObject*, PyObject* args) {
  const char *domain, *codeset;
  if (!PyArg_ParseTuple(args, "sz:bind_textdomain_codeset", &domain, &codeset)) return nullptr;
  const char* result = bind_textdomain_codeset(domain, codeset);
  if (!result) {
    if (errno) return PyErr_SetFromErrno(PyExc_OSError);
    Py_RETURN_NONE;
  }
  return decode(result);
}

PyMethodDef locale_methods[] = {
    {"setlocale", locale_setlocale, METH_VARARGS,
     PyDoc_STR("setlocale($module, category, locale=<unrepresentable>, /)\n--\n\n"
               "Activates/queries locale processing.")},
    {"localeconv", locale_localeconv, METH_NOARGS,
     PyDoc_STR("localeconv($module, /)\n--\n\nReturns numeric and monetary locale-specific parameters.")},
    {"strcoll", locale_strcoll, METH_VARARGS,
     PyDoc_STR("strcoll($module, os1, os2, /)\n--\n\nCompares two strings according to the locale.")},
    {"strxfrm", locale_strxfrm, METH_VARARGS,
     PyDoc_STR("strxfrm($module, string, /)\n--\n\nReturn a string that can be used as a key for locale-aware comparisons.")},
    {"nl_langinfo", locale_nl_langinfo, METH_VARARGS,
     PyDoc_STR("nl_langinfo($module, key, /)\n--\n\nReturn the value for the locale information associated with key.")},
    {"gettext", locale_gettext, METH_VARARGS,
     PyDoc_STR("gettext($module, msg, /)\n--\n\ngettext(msg) -> string\n\nReturn translation of msg.")},
    {"dgettext", locale_dgettext, METH_VARARGS,
     PyDoc_STR("dgettext($module, domain, msg, /)\n--\n\ndgettext(domain, msg) -> string\n\nReturn translation of msg in domain.")},
    {"dcgettext", locale_dcgettext, METH_VARARGS,
     PyDoc_STR("dcgettext($module, domain, msg, category, /)\n--\n\nReturn translation of msg in domain and category.")},
    {"textdomain", locale_textdomain, METH_VARARGS,
     PyDoc_STR("textdomain($module, domain, /)\n--\n\nSet the C library's textdmain to domain, returning the new domain.")},
    {"bindtextdomain", locale_bindtextdomain, METH_VARARGS,
     PyDoc_STR("bindtextdomain($module, domain, dir, /)\n--\n\nBind the C library's domain to dir.")},
    {"bind_textdomain_codeset", locale_bind_textdomain_codeset, METH_VARARGS,
     PyDoc_STR("bind_textdomain_codeset($module, domain, codeset, /)\n--\n\nBind the C library's domain to codeset.")},
    {"getencoding", locale_getencoding, METH_NOARGS,
     PyDoc_STR("getencoding($module, /)\n--\n\nGet the current locale encoding.")},
    {nullptr, nullptr, 0, nullptr},
};

PyModuleDef locale_module = {
    PyModuleDef_HEAD_INIT, "_locale", "Support for POSIX locales.", -1, locale_methods,
    nullptr,               nullptr,   nullptr,                      nullptr,
};

}  // namespace

namespace krait {

// Start-up hook (init_hooks.def): LC_CTYPE from the environment, as CPython.
int init_ctype_locale() {
  setlocale(LC_CTYPE, "");
  return 0;
}

}  // namespace krait

extern "C" PyObject* PyInit__locale(void) {
  Ref<> m = steal(PyModule_Create(&locale_module));
  if (!m) return nullptr;
  struct {
    const char* name;
    int value;
  } ints[] = {
      {"LC_CTYPE", LC_CTYPE},       {"LC_TIME", LC_TIME},         {"LC_COLLATE", LC_COLLATE},
      {"LC_MONETARY", LC_MONETARY}, {"LC_MESSAGES", LC_MESSAGES}, {"LC_NUMERIC", LC_NUMERIC},
      {"LC_ALL", LC_ALL},           {"CHAR_MAX", CHAR_MAX},
  };
  for (auto& c : ints) {
    if (PyModule_AddIntConstant(m.get(), c.name, c.value) < 0) return nullptr;
  }
  for (const LangInfoConstant& c : langinfo_constants) {
    if (PyModule_AddIntConstant(m.get(), c.name, c.value) < 0) return nullptr;
  }
  if (!LocaleError) {
    LocaleError = PyErr_NewException("locale.Error", nullptr, nullptr);
    if (!LocaleError) return nullptr;
  }
  if (PyModule_AddObjectRef(m.get(), "Error", LocaleError) < 0) return nullptr;
  return m.release();
}
