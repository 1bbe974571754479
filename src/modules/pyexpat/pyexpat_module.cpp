// pyexpat_module.cpp — the `pyexpat` module over the system libexpat:
// ParserCreate, ErrorString, ExpatError, the errors and model submodules
// (also registered in sys.modules as pyexpat.errors / pyexpat.model, which
// xml.parsers.expat re-exports), version and feature information, and the
// expat_CAPI capsule that C accelerators (_elementtree) use.
#include <Python.h>
#include <expat.h>
#include <pyexpat.h>

#include <cstring>

#include "modules/pyexpat/pyexpat.h"
#include "support/ref.h"

namespace krait::pyexpat {

PyObject* g_expat_error;

namespace {

PyObject* pyexpat_parser_create(PyObject*, PyObject* args, PyObject* kwargs) {
  static const char* kwlist[] = {"encoding", "namespace_separator", "intern", nullptr};
  PyObject* encoding_obj = Py_None;
  PyObject* separator_obj = Py_None;
  PyObject* intern = nullptr;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "|OOO:ParserCreate", const_cast<char**>(kwlist),
                                   &encoding_obj, &separator_obj, &intern))
    return nullptr;
  const char* strs[2] = {nullptr, nullptr};
  PyObject* objs[2] = {encoding_obj, separator_obj};
  const char* names[2] = {"encoding", "namespace_separator"};
  for (int i = 0; i < 2; i++) {
    if (objs[i] == Py_None) continue;
    if (!PyUnicode_Check(objs[i])) {
      PyErr_Format(PyExc_TypeError, "ParserCreate() argument '%s' must be str or None, not %.50s",
                   names[i], Py_TYPE(objs[i])->tp_name);
      return nullptr;
    }
    Py_ssize_t len;
    strs[i] = PyUnicode_AsUTF8AndSize(objs[i], &len);
    if (strs[i] == nullptr) return nullptr;
    if (std::strlen(strs[i]) != size_t(len)) {
      PyErr_SetString(PyExc_ValueError, "embedded null character");
      return nullptr;
    }
  }
  if (strs[1] != nullptr && std::strlen(strs[1]) > 1) {
    PyErr_SetString(PyExc_ValueError,
                    "namespace_separator must be at most one character, omitted, or None");
    return nullptr;
  }
  // intern omitted: a fresh dict; None: no interning.
  Ref<> intern_dict;
  if (intern == nullptr) {
    intern_dict = steal(PyDict_New());
    if (!intern_dict) return nullptr;
  } else if (intern != Py_None) {
    if (!PyDict_Check(intern)) {
      PyErr_SetString(PyExc_TypeError, "intern must be a dictionary");
      return nullptr;
    }
    intern_dict = borrow(intern);
  }
  return new_parser(strs[0], strs[1], intern_dict.get());
}

PyObject* pyexpat_error_string(PyObject*, PyObject* arg) {
  long code = PyLong_AsLong(arg);
  if (code == -1 && PyErr_Occurred()) return nullptr;
  const XML_LChar* s = XML_ErrorString(static_cast<enum XML_Error>(code));
  if (s == nullptr) Py_RETURN_NONE;
  return PyUnicode_FromString(s);
}

PyMethodDef pyexpat_methods[] = {
    {"ParserCreate", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(
                         pyexpat_parser_create)),
     METH_VARARGS | METH_KEYWORDS,
     "ParserCreate($module, /, encoding=None, namespace_separator=None,\n"
     "             intern=<unrepresentable>)\n--\n\n"
     "Return a new XML parser object."},
    {"ErrorString", pyexpat_error_string, METH_O,
     "ErrorString($module, code, /)\n--\n\n"
     "Returns string error for given number."},
    {nullptr, nullptr, 0, nullptr},
};

PyModuleDef pyexpat_module = {
    PyModuleDef_HEAD_INIT, "pyexpat", "Python wrapper for Expat parser.", -1, pyexpat_methods,
};

// Creates module `fullname` ("pyexpat.errors"), registers it in sys.modules
// and adds it to `parent` under its last component. Returns it borrowed.
PyObject* add_submodule(PyObject* parent, const char* fullname, const char* doc) {
  Ref<> sub = steal(PyModule_New(fullname));
  if (!sub) return nullptr;
  Ref<> doc_obj = steal(PyUnicode_FromString(doc));
  if (!doc_obj || PyObject_SetAttrString(sub.get(), "__doc__", doc_obj.get()) < 0) return nullptr;
  if (PyDict_SetItemString(PyImport_GetModuleDict(), fullname, sub.get()) < 0) return nullptr;
  if (PyModule_AddObjectRef(parent, std::strrchr(fullname, '.') + 1, sub.get()) < 0)
    return nullptr;
  return sub.get();  // kept alive by parent and sys.modules
}

// The XML_ERROR_* codes pyexpat.errors names (CPython 3.11's list).
struct ErrorName {
  const char* name;
  enum XML_Error code;
};
#define PX_ERR(n) {#n, n}
const ErrorName kErrors[] = {
    PX_ERR(XML_ERROR_NO_MEMORY),
    PX_ERR(XML_ERROR_SYNTAX),
    PX_ERR(XML_ERROR_NO_ELEMENTS),
    PX_ERR(XML_ERROR_INVALID_TOKEN),
    PX_ERR(XML_ERROR_UNCLOSED_TOKEN),
    PX_ERR(XML_ERROR_PARTIAL_CHAR),
    PX_ERR(XML_ERROR_TAG_MISMATCH),
    PX_ERR(XML_ERROR_DUPLICATE_ATTRIBUTE),
    PX_ERR(XML_ERROR_JUNK_AFTER_DOC_ELEMENT),
    PX_ERR(XML_ERROR_PARAM_ENTITY_REF),
    PX_ERR(XML_ERROR_UNDEFINED_ENTITY),
    PX_ERR(XML_ERROR_RECURSIVE_ENTITY_REF),
    PX_ERR(XML_ERROR_ASYNC_ENTITY),
    PX_ERR(XML_ERROR_BAD_CHAR_REF),
    PX_ERR(XML_ERROR_BINARY_ENTITY_REF),
    PX_ERR(XML_ERROR_ATTRIBUTE_EXTERNAL_ENTITY_REF),
    PX_ERR(XML_ERROR_MISPLACED_XML_PI),
    PX_ERR(XML_ERROR_UNKNOWN_ENCODING),
    PX_ERR(XML_ERROR_INCORRECT_ENCODING),
    PX_ERR(XML_ERROR_UNCLOSED_CDATA_SECTION),
    PX_ERR(XML_ERROR_EXTERNAL_ENTITY_HANDLING),
    PX_ERR(XML_ERROR_NOT_STANDALONE),
    PX_ERR(XML_ERROR_UNEXPECTED_STATE),
    PX_ERR(XML_ERROR_ENTITY_DECLARED_IN_PE),
    PX_ERR(XML_ERROR_FEATURE_REQUIRES_XML_DTD),
    PX_ERR(XML_ERROR_CANT_CHANGE_FEATURE_ONCE_PARSING),
    PX_ERR(XML_ERROR_UNBOUND_PREFIX),
    PX_ERR(XML_ERROR_UNDECLARING_PREFIX),
    PX_ERR(XML_ERROR_INCOMPLETE_PE),
    PX_ERR(XML_ERROR_XML_DECL),
    PX_ERR(XML_ERROR_TEXT_DECL),
    PX_ERR(XML_ERROR_PUBLICID),
    PX_ERR(XML_ERROR_SUSPENDED),
    PX_ERR(XML_ERROR_NOT_SUSPENDED),
    PX_ERR(XML_ERROR_ABORTED),
    PX_ERR(XML_ERROR_FINISHED),
    PX_ERR(XML_ERROR_SUSPEND_PE),
    PX_ERR(XML_ERROR_RESERVED_PREFIX_XML),
    PX_ERR(XML_ERROR_RESERVED_PREFIX_XMLNS),
    PX_ERR(XML_ERROR_RESERVED_NAMESPACE_URI),
    PX_ERR(XML_ERROR_INVALID_ARGUMENT),
    PX_ERR(XML_ERROR_NO_BUFFER),
    PX_ERR(XML_ERROR_AMPLIFICATION_LIMIT_BREACH),
};
#undef PX_ERR

// errors.XML_ERROR_X = message, errors.codes = {message: code},
// errors.messages = {code: message}.
int fill_errors(PyObject* errors) {
  Ref<> codes = steal(PyDict_New());
  Ref<> messages = steal(PyDict_New());
  if (!codes || !messages) return -1;
  for (const ErrorName& e : kErrors) {
    Ref<> msg = steal(PyUnicode_FromString(XML_ErrorString(e.code)));
    Ref<> num = steal(PyLong_FromLong(e.code));
    if (!msg || !num) return -1;
    if (PyModule_AddObjectRef(errors, e.name, msg.get()) < 0 ||
        PyDict_SetItem(codes.get(), msg.get(), num.get()) < 0 ||
        PyDict_SetItem(messages.get(), num.get(), msg.get()) < 0)
      return -1;
  }
  if (PyModule_AddObjectRef(errors, "codes", codes.get()) < 0 ||
      PyModule_AddObjectRef(errors, "messages", messages.get()) < 0)
    return -1;
  return 0;
}

int fill_model(PyObject* model) {
  struct {
    const char* name;
    long value;
  } consts[] = {
      {"XML_CTYPE_EMPTY", XML_CTYPE_EMPTY}, {"XML_CTYPE_ANY", XML_CTYPE_ANY},
      {"XML_CTYPE_MIXED", XML_CTYPE_MIXED}, {"XML_CTYPE_NAME", XML_CTYPE_NAME},
      {"XML_CTYPE_CHOICE", XML_CTYPE_CHOICE}, {"XML_CTYPE_SEQ", XML_CTYPE_SEQ},
      {"XML_CQUANT_NONE", XML_CQUANT_NONE}, {"XML_CQUANT_OPT", XML_CQUANT_OPT},
      {"XML_CQUANT_REP", XML_CQUANT_REP}, {"XML_CQUANT_PLUS", XML_CQUANT_PLUS},
  };
  for (const auto& c : consts)
    if (PyModule_AddIntConstant(model, c.name, c.value) < 0) return -1;
  return 0;
}

PyObject* feature_list() {
  Ref<> list = steal(PyList_New(0));
  if (!list) return nullptr;
  for (const XML_Feature* f = XML_GetFeatureList(); f != nullptr && f->feature != XML_FEATURE_END;
       ++f) {
    Ref<> item = steal(Py_BuildValue("si", f->name, int(f->value)));
    if (!item || PyList_Append(list.get(), item.get()) < 0) return nullptr;
  }
  return list.release();
}

int default_unknown_encoding(void* data, const XML_Char* name, XML_Encoding* info) {
  return unknown_encoding_handler(data, name, info);
}

PyExpat_CAPI expat_capi;

}  // namespace
}  // namespace krait::pyexpat

extern "C" PyObject* PyInit_pyexpat(void) {
  using namespace krait;
  using namespace krait::pyexpat;
  if (PyType_Ready(&Parser_Type) < 0) return nullptr;
  Ref<> m = steal(PyModule_Create(&pyexpat_module));
  if (!m) return nullptr;
  if (g_expat_error == nullptr) {
    g_expat_error = PyErr_NewException("xml.parsers.expat.ExpatError", nullptr, nullptr);
    if (g_expat_error == nullptr) return nullptr;
  }
  XML_Expat_Version info = XML_ExpatVersionInfo();
  Ref<> version_info = steal(Py_BuildValue("(iii)", info.major, info.minor, info.micro));
  Ref<> features = steal(feature_list());
  if (!version_info || !features) return nullptr;
  if (PyModule_AddObjectRef(m.get(), "error", g_expat_error) < 0 ||
      PyModule_AddObjectRef(m.get(), "ExpatError", g_expat_error) < 0 ||
      PyModule_AddObjectRef(m.get(), "XMLParserType", reinterpret_cast<PyObject*>(&Parser_Type)) <
          0 ||
      PyModule_AddStringConstant(m.get(), "EXPAT_VERSION", XML_ExpatVersion()) < 0 ||
      PyModule_AddObjectRef(m.get(), "version_info", version_info.get()) < 0 ||
      PyModule_AddStringConstant(m.get(), "native_encoding", "UTF-8") < 0 ||
      PyModule_AddObjectRef(m.get(), "features", features.get()) < 0)
    return nullptr;
  PyObject* errors = add_submodule(m.get(), "pyexpat.errors",
                                   "Constants used to describe error conditions.");
  if (errors == nullptr || fill_errors(errors) < 0) return nullptr;
  PyObject* model = add_submodule(m.get(), "pyexpat.model",
                                  "Constants used to interpret content model information.");
  if (model == nullptr || fill_model(model) < 0) return nullptr;
  if (PyModule_AddIntConstant(m.get(), "XML_PARAM_ENTITY_PARSING_NEVER",
                              XML_PARAM_ENTITY_PARSING_NEVER) < 0 ||
      PyModule_AddIntConstant(m.get(), "XML_PARAM_ENTITY_PARSING_UNLESS_STANDALONE",
                              XML_PARAM_ENTITY_PARSING_UNLESS_STANDALONE) < 0 ||
      PyModule_AddIntConstant(m.get(), "XML_PARAM_ENTITY_PARSING_ALWAYS",
                              XML_PARAM_ENTITY_PARSING_ALWAYS) < 0)
    return nullptr;
  // The C API for accelerators: pointers straight into libexpat.
  PyExpat_CAPI& capi = expat_capi;
  capi.magic = const_cast<char*>(PyExpat_CAPI_MAGIC);
  capi.size = sizeof(PyExpat_CAPI);
  capi.MAJOR_VERSION = XML_MAJOR_VERSION;
  capi.MINOR_VERSION = XML_MINOR_VERSION;
  capi.MICRO_VERSION = XML_MICRO_VERSION;
  capi.ErrorString = XML_ErrorString;
  capi.GetErrorCode = XML_GetErrorCode;
  capi.GetErrorColumnNumber = XML_GetErrorColumnNumber;
  capi.GetErrorLineNumber = XML_GetErrorLineNumber;
  capi.Parse = XML_Parse;
  capi.ParserCreate_MM = XML_ParserCreate_MM;
  capi.ParserFree = XML_ParserFree;
  capi.SetCharacterDataHandler = XML_SetCharacterDataHandler;
  capi.SetCommentHandler = XML_SetCommentHandler;
  capi.SetDefaultHandlerExpand = XML_SetDefaultHandlerExpand;
  capi.SetElementHandler = XML_SetElementHandler;
  capi.SetNamespaceDeclHandler = XML_SetNamespaceDeclHandler;
  capi.SetProcessingInstructionHandler = XML_SetProcessingInstructionHandler;
  capi.SetUnknownEncodingHandler = XML_SetUnknownEncodingHandler;
  capi.SetUserData = XML_SetUserData;
  capi.SetStartDoctypeDeclHandler = XML_SetStartDoctypeDeclHandler;
  capi.SetEncoding = XML_SetEncoding;
  capi.DefaultUnknownEncodingHandler = default_unknown_encoding;
  capi.SetHashSalt = XML_SetHashSalt;
  Ref<> capsule = steal(PyCapsule_New(&capi, PyExpat_CAPSULE_NAME, nullptr));
  if (!capsule || PyModule_AddObjectRef(m.get(), "expat_CAPI", capsule.get()) < 0) return nullptr;
  return m.release();
}
