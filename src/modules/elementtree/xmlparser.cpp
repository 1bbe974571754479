// xmlparser.cpp — xml.etree.ElementTree.XMLParser: feeds bytes or text to
// expat (through pyexpat's expat_CAPI capsule, as CPython's accelerator
// does) and forwards the events to a target — directly into an exact
// TreeBuilder, else through the target's start/end/data/... methods.
// Expat errors become ParseError with `code` and `position`.
#include "modules/elementtree/elementtree.h"

#include <expat.h>
#include <pyexpat.h>
#include <structmember.h>

#include <climits>
#include <cstring>
#include <string>

#include "support/ref.h"

namespace krait::etree {

PyExpat_CAPI* g_expat;

namespace {

struct XMLParserObject {
  PyObject_HEAD
  XML_Parser parser;
  PyObject* target;
  PyObject* entity;
  PyObject* names;
  PyObject* handle_start_ns;
  PyObject* handle_end_ns;
  PyObject* handle_start;
  PyObject* handle_data;
  PyObject* handle_end;
  PyObject* handle_comment;
  PyObject* handle_pi;
  PyObject* handle_doctype;
  PyObject* handle_close;
};

TreeBuilderObject* exact_builder(XMLParserObject* self) {
  return Py_IS_TYPE(self->target, &TreeBuilder_Type) ? reinterpret_cast<TreeBuilderObject*>(self->target) : nullptr;
}

PyObject* decode(const char* s) { return PyUnicode_DecodeUTF8(s, static_cast<Py_ssize_t>(std::strlen(s)), "strict"); }

// Expat's "uri}local" names become "{uri}local" (memoized per parser).
PyObject* makeuniversal(XMLParserObject* self, const char* string) {
  Py_ssize_t size = static_cast<Py_ssize_t>(std::strlen(string));
  Ref<> key = steal(PyBytes_FromStringAndSize(string, size));
  if (!key) return nullptr;
  PyObject* value = PyDict_GetItemWithError(self->names, key.get());
  if (value) return Py_NewRef(value);
  if (PyErr_Occurred()) return nullptr;
  Ref<> result;
  if (std::memchr(string, '}', static_cast<size_t>(size))) {
    std::string s = "{";
    s.append(string, static_cast<size_t>(size));
    result = steal(PyUnicode_DecodeUTF8(s.data(), static_cast<Py_ssize_t>(s.size()), "strict"));
  } else {
    result = steal(PyUnicode_DecodeUTF8(string, size, "strict"));
  }
  if (!result || PyDict_SetItem(self->names, key.get(), result.get()) < 0) return nullptr;
  return result.release();
}

void set_error(enum XML_Error code, Py_ssize_t line, Py_ssize_t column, const char* message) {
  Ref<> msg = steal(PyUnicode_FromFormat("%s: line %zd, column %zd",
                                         message ? message : g_expat->ErrorString(code), line, column));
  if (!msg) return;
  Ref<> error = steal(PyObject_CallOneArg(g_parse_error, msg.get()));
  if (!error) return;
  Ref<> c = steal(PyLong_FromLong(static_cast<long>(code)));
  if (!c || PyObject_SetAttrString(error.get(), "code", c.get()) < 0) return;
  Ref<> position = steal(Py_BuildValue("(nn)", line, column));
  if (!position || PyObject_SetAttrString(error.get(), "position", position.get()) < 0) return;
  PyErr_SetObject(g_parse_error, error.get());
}

// -- expat callbacks (they do nothing once a Python error is pending) --------------------------------

void on_default(void* ud, const XML_Char* data_in, int data_len) {
  auto* self = static_cast<XMLParserObject*>(ud);
  if (data_len < 2 || data_in[0] != '&' || PyErr_Occurred()) return;
  Ref<> key = steal(PyUnicode_DecodeUTF8(data_in + 1, data_len - 2, "strict"));
  if (!key) return;
  PyObject* value = PyDict_GetItemWithError(self->entity, key.get());
  if (value) {
    Ref<> keep = Ref<>::borrow(value);
    Ref<> res;
    if (TreeBuilderObject* tb = exact_builder(self)) res = steal(treebuilder_handle_data(tb, value));
    else if (self->handle_data) res = steal(PyObject_CallOneArg(self->handle_data, value));
  } else if (!PyErr_Occurred()) {
    std::string message = "undefined entity ";
    message.append(data_in, static_cast<size_t>(data_len < 100 ? data_len : 100));
    set_error(XML_ERROR_UNDEFINED_ENTITY, g_expat->GetErrorLineNumber(self->parser),
              g_expat->GetErrorColumnNumber(self->parser), message.c_str());
  }
}

void on_start(void* ud, const XML_Char* tag_in, const XML_Char** attrib_in) {
  auto* self = static_cast<XMLParserObject*>(ud);
  if (PyErr_Occurred()) return;
  Ref<> tag = steal(makeuniversal(self, tag_in));
  if (!tag) return;
  Ref<> attrib;
  if (attrib_in[0]) {
    attrib = steal(PyDict_New());
    if (!attrib) return;
    for (; attrib_in[0] && attrib_in[1]; attrib_in += 2) {
      Ref<> key = steal(makeuniversal(self, attrib_in[0]));
      if (!key) return;
      Ref<> value = steal(decode(attrib_in[1]));
      if (!value || PyDict_SetItem(attrib.get(), key.get(), value.get()) < 0) return;
    }
  }
  Ref<> res;
  if (TreeBuilderObject* tb = exact_builder(self)) {
    res = steal(treebuilder_handle_start(tb, tag.get(), attrib.get()));
  } else if (self->handle_start) {
    if (!attrib) {
      attrib = steal(PyDict_New());
      if (!attrib) return;
    }
    res = steal(PyObject_CallFunctionObjArgs(self->handle_start, tag.get(), attrib.get(), nullptr));
  }
}

void on_data(void* ud, const XML_Char* data_in, int data_len) {
  auto* self = static_cast<XMLParserObject*>(ud);
  if (PyErr_Occurred()) return;
  Ref<> data = steal(PyUnicode_DecodeUTF8(data_in, data_len, "strict"));
  if (!data) return;
  Ref<> res;
  if (TreeBuilderObject* tb = exact_builder(self)) res = steal(treebuilder_handle_data(tb, data.get()));
  else if (self->handle_data) res = steal(PyObject_CallOneArg(self->handle_data, data.get()));
}

void on_end(void* ud, const XML_Char* tag_in) {
  auto* self = static_cast<XMLParserObject*>(ud);
  if (PyErr_Occurred()) return;
  Ref<> res;
  if (TreeBuilderObject* tb = exact_builder(self)) {
    res = steal(treebuilder_handle_end(tb, Py_None));  // the builder ignores the end tag
  } else if (self->handle_end) {
    Ref<> tag = steal(makeuniversal(self, tag_in));
    if (tag) res = steal(PyObject_CallOneArg(self->handle_end, tag.get()));
  }
}

void on_start_ns(void* ud, const XML_Char* prefix_in, const XML_Char* uri_in) {
  auto* self = static_cast<XMLParserObject*>(ud);
  if (PyErr_Occurred()) return;
  if (!uri_in) uri_in = "";
  if (!prefix_in) prefix_in = "";
  TreeBuilderObject* tb = exact_builder(self);
  if (tb ? !(treebuilder_events(tb)->events_append && treebuilder_events(tb)->start_ns) : !self->handle_start_ns)
    return;
  Ref<> prefix = steal(decode(prefix_in));
  if (!prefix) return;
  Ref<> uri = steal(decode(uri_in));
  if (!uri) return;
  Ref<> res = tb ? steal(treebuilder_handle_start_ns(tb, prefix.get(), uri.get()))
                 : steal(PyObject_CallFunctionObjArgs(self->handle_start_ns, prefix.get(), uri.get(), nullptr));
}

void on_end_ns(void* ud, const XML_Char* prefix_in) {
  auto* self = static_cast<XMLParserObject*>(ud);
  if (PyErr_Occurred()) return;
  if (!prefix_in) prefix_in = "";
  Ref<> res;
  if (TreeBuilderObject* tb = exact_builder(self)) {
    if (treebuilder_events(tb)->events_append && treebuilder_events(tb)->end_ns)
      res = steal(treebuilder_handle_end_ns(tb, Py_None));
  } else if (self->handle_end_ns) {
    Ref<> prefix = steal(decode(prefix_in));
    if (prefix) res = steal(PyObject_CallOneArg(self->handle_end_ns, prefix.get()));
  }
}

void on_comment(void* ud, const XML_Char* comment_in) {
  auto* self = static_cast<XMLParserObject*>(ud);
  if (PyErr_Occurred()) return;
  TreeBuilderObject* tb = exact_builder(self);
  if (!tb && !self->handle_comment) return;
  Ref<> comment = steal(decode(comment_in));
  if (!comment) return;
  Ref<> res = tb ? steal(treebuilder_handle_comment(tb, comment.get()))
                 : steal(PyObject_CallOneArg(self->handle_comment, comment.get()));
}

void on_start_doctype(void* ud, const XML_Char* name, const XML_Char* sysid, const XML_Char* pubid, int) {
  auto* self = static_cast<XMLParserObject*>(ud);
  if (PyErr_Occurred()) return;
  Ref<> name_obj = steal(makeuniversal(self, name));
  if (!name_obj) return;
  Ref<> sysid_obj = sysid ? steal(makeuniversal(self, sysid)) : Ref<>::borrow(Py_None);
  if (!sysid_obj) return;
  Ref<> pubid_obj = pubid ? steal(makeuniversal(self, pubid)) : Ref<>::borrow(Py_None);
  if (!pubid_obj) return;
  if (self->handle_doctype) {
    Ref<> res = steal(PyObject_CallFunctionObjArgs(self->handle_doctype, name_obj.get(), pubid_obj.get(),
                                                   sysid_obj.get(), nullptr));
  } else {
    int has = PyObject_HasAttrString(reinterpret_cast<PyObject*>(self), "doctype");
    if (has > 0)
      PyErr_WarnEx(PyExc_RuntimeWarning,
                   "The doctype() method of XMLParser is ignored.  Define doctype() method on the TreeBuilder target.",
                   1);
  }
}

void on_pi(void* ud, const XML_Char* target_in, const XML_Char* data_in) {
  auto* self = static_cast<XMLParserObject*>(ud);
  if (PyErr_Occurred()) return;
  TreeBuilderObject* tb = exact_builder(self);
  if (tb ? !((treebuilder_events(tb)->events_append && treebuilder_events(tb)->pi) || treebuilder_insert_pis(tb))
         : !self->handle_pi)
    return;
  Ref<> target = steal(decode(target_in));
  if (!target) return;
  Ref<> data = steal(decode(data_in));
  if (!data) return;
  Ref<> res = tb ? steal(treebuilder_handle_pi(tb, target.get(), data.get()))
                 : steal(PyObject_CallFunctionObjArgs(self->handle_pi, target.get(), data.get(), nullptr));
}

// -- the type -----------------------------------------------------------------------------------------

PyObject* xp_new(PyTypeObject* type, PyObject*, PyObject*) { return type->tp_alloc(type, 0); }

// The target's optional method `name`: a new reference, NULL if absent (0) or on error (-1).
int optional_method(PyObject* target, const char* name, PyObject** out) {
  *out = PyObject_GetAttrString(target, name);
  if (*out) return 0;
  if (!PyErr_ExceptionMatches(PyExc_AttributeError)) return -1;
  PyErr_Clear();
  return 0;
}

int xp_init(PyObject* op, PyObject* args, PyObject* kwds) {
  static const char* kwlist[] = {"target", "encoding", nullptr};
  PyObject* target = Py_None;
  const char* encoding = nullptr;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "|$Oz:XMLParser", const_cast<char**>(kwlist), &target, &encoding))
    return -1;
  auto* self = reinterpret_cast<XMLParserObject*>(op);
  Py_XSETREF(self->entity, PyDict_New());
  if (!self->entity) return -1;
  Py_XSETREF(self->names, PyDict_New());
  if (!self->names) return -1;
  if (self->parser) g_expat->ParserFree(self->parser);
  self->parser = g_expat->ParserCreate_MM(encoding, nullptr, "}");
  if (!self->parser) {
    PyErr_NoMemory();
    return -1;
  }
  Ref<> t = target != Py_None ? Ref<>::borrow(target) : steal(treebuilder_new_default());
  if (!t) return -1;
  Py_XSETREF(self->target, t.release());
  struct {
    const char* name;
    PyObject** slot;
  } methods[] = {
      {"start_ns", &self->handle_start_ns}, {"end_ns", &self->handle_end_ns}, {"start", &self->handle_start},
      {"data", &self->handle_data},         {"end", &self->handle_end},       {"comment", &self->handle_comment},
      {"pi", &self->handle_pi},             {"close", &self->handle_close},   {"doctype", &self->handle_doctype},
  };
  for (auto& m : methods) {
    PyObject* v;
    if (optional_method(self->target, m.name, &v) < 0) return -1;
    Py_XSETREF(*m.slot, v);
  }
  XML_Parser p = self->parser;
  g_expat->SetUserData(p, self);
  if (self->handle_start_ns || self->handle_end_ns) g_expat->SetNamespaceDeclHandler(p, on_start_ns, on_end_ns);
  g_expat->SetElementHandler(p, on_start, on_end);
  g_expat->SetDefaultHandlerExpand(p, on_default);
  g_expat->SetCharacterDataHandler(p, on_data);
  if (self->handle_comment) g_expat->SetCommentHandler(p, on_comment);
  if (self->handle_pi) g_expat->SetProcessingInstructionHandler(p, on_pi);
  g_expat->SetStartDoctypeDeclHandler(p, on_start_doctype);
  g_expat->SetUnknownEncodingHandler(p, g_expat->DefaultUnknownEncodingHandler, nullptr);
  return 0;
}

int xp_traverse(PyObject* op, visitproc visit, void* arg) {
  auto* self = reinterpret_cast<XMLParserObject*>(op);
  Py_VISIT(self->handle_close);
  Py_VISIT(self->handle_pi);
  Py_VISIT(self->handle_comment);
  Py_VISIT(self->handle_end);
  Py_VISIT(self->handle_data);
  Py_VISIT(self->handle_start);
  Py_VISIT(self->handle_start_ns);
  Py_VISIT(self->handle_end_ns);
  Py_VISIT(self->handle_doctype);
  Py_VISIT(self->target);
  Py_VISIT(self->entity);
  Py_VISIT(self->names);
  return 0;
}

int xp_clear(PyObject* op) {
  auto* self = reinterpret_cast<XMLParserObject*>(op);
  if (self->parser) {
    XML_Parser p = self->parser;
    self->parser = nullptr;
    g_expat->ParserFree(p);
  }
  Py_CLEAR(self->handle_close);
  Py_CLEAR(self->handle_pi);
  Py_CLEAR(self->handle_comment);
  Py_CLEAR(self->handle_end);
  Py_CLEAR(self->handle_data);
  Py_CLEAR(self->handle_start);
  Py_CLEAR(self->handle_start_ns);
  Py_CLEAR(self->handle_end_ns);
  Py_CLEAR(self->handle_doctype);
  Py_CLEAR(self->target);
  Py_CLEAR(self->entity);
  Py_CLEAR(self->names);
  return 0;
}

void xp_dealloc(PyObject* op) {
  PyObject_GC_UnTrack(op);
  xp_clear(op);
  Py_TYPE(op)->tp_free(op);
}

bool check_initialized(XMLParserObject* self) {
  if (self->target && self->parser) return true;
  PyErr_SetString(PyExc_ValueError, "XMLParser.__init__() wasn't called");
  return false;
}

PyObject* expat_parse(XMLParserObject* self, const char* data, int len, int final) {
  int ok = g_expat->Parse(self->parser, data, len, final);
  if (PyErr_Occurred()) return nullptr;
  if (!ok) {
    set_error(g_expat->GetErrorCode(self->parser), g_expat->GetErrorLineNumber(self->parser),
              g_expat->GetErrorColumnNumber(self->parser), nullptr);
    return nullptr;
  }
  Py_RETURN_NONE;
}

PyObject* xp_close(PyObject* op, PyObject*) {
  auto* self = reinterpret_cast<XMLParserObject*>(op);
  if (!check_initialized(self)) return nullptr;
  Ref<> res = steal(expat_parse(self, "", 0, 1));
  if (!res) return nullptr;
  if (TreeBuilderObject* tb = exact_builder(self)) return treebuilder_done(tb);
  if (self->handle_close) return PyObject_CallNoArgs(self->handle_close);
  return res.release();
}

PyObject* xp_feed(PyObject* op, PyObject* data) {
  auto* self = reinterpret_cast<XMLParserObject*>(op);
  if (!check_initialized(self)) return nullptr;
  if (PyUnicode_Check(data)) {
    Py_ssize_t len;
    const char* p = PyUnicode_AsUTF8AndSize(data, &len);
    if (!p) return nullptr;
    if (len > INT_MAX) {
      PyErr_SetString(PyExc_OverflowError, "size does not fit in an int");
      return nullptr;
    }
    (void)g_expat->SetEncoding(self->parser, "utf-8");  // text is fed as UTF-8 whatever it declares
    return expat_parse(self, p, static_cast<int>(len), 0);
  }
  Py_buffer view;
  if (PyObject_GetBuffer(data, &view, PyBUF_SIMPLE) < 0) return nullptr;
  PyObject* res;
  if (view.len > INT_MAX) {
    PyErr_SetString(PyExc_OverflowError, "size does not fit in an int");
    res = nullptr;
  } else {
    res = expat_parse(self, static_cast<const char*>(view.buf), static_cast<int>(view.len), 0);
  }
  PyBuffer_Release(&view);
  return res;
}

PyObject* xp_parse_whole(PyObject* op, PyObject* file) {
  auto* self = reinterpret_cast<XMLParserObject*>(op);
  if (!check_initialized(self)) return nullptr;
  Ref<> reader = steal(PyObject_GetAttrString(file, "read"));
  if (!reader) return nullptr;
  for (;;) {
    Ref<> buffer = steal(PyObject_CallFunction(reader.get(), "i", 64 * 1024));
    if (!buffer) return nullptr;
    if (PyUnicode_CheckExact(buffer.get())) {
      if (PyUnicode_GET_LENGTH(buffer.get()) == 0) break;
      buffer = steal(PyUnicode_AsEncodedString(buffer.get(), "utf-8", "surrogatepass"));
      if (!buffer) return nullptr;
    } else if (!PyBytes_CheckExact(buffer.get()) || PyBytes_GET_SIZE(buffer.get()) == 0) {
      break;
    }
    if (PyBytes_GET_SIZE(buffer.get()) > INT_MAX) {
      PyErr_SetString(PyExc_OverflowError, "size does not fit in an int");
      return nullptr;
    }
    Ref<> res = steal(expat_parse(self, PyBytes_AS_STRING(buffer.get()),
                                  static_cast<int>(PyBytes_GET_SIZE(buffer.get())), 0));
    if (!res) return nullptr;
  }
  Ref<> res = steal(expat_parse(self, "", 0, 1));
  if (!res) return nullptr;
  if (TreeBuilderObject* tb = exact_builder(self)) return treebuilder_done(tb);
  return res.release();
}

PyObject* xp_setevents(PyObject* op, PyObject* args) {
  auto* self = reinterpret_cast<XMLParserObject*>(op);
  PyObject *events_queue, *events_to_report = Py_None;
  if (!PyArg_ParseTuple(args, "O|O:_setevents", &events_queue, &events_to_report)) return nullptr;
  if (!check_initialized(self)) return nullptr;
  TreeBuilderObject* tb = exact_builder(self);
  if (!tb) {
    PyErr_SetString(PyExc_TypeError, "event handling only supported for ElementTree.TreeBuilder targets");
    return nullptr;
  }
  TreeBuilderEvents* ev = treebuilder_events(tb);
  PyObject* events_append = PyObject_GetAttrString(events_queue, "append");
  if (!events_append) return nullptr;
  Py_XSETREF(ev->events_append, events_append);
  Py_CLEAR(ev->start);
  Py_CLEAR(ev->end);
  Py_CLEAR(ev->start_ns);
  Py_CLEAR(ev->end_ns);
  Py_CLEAR(ev->comment);
  Py_CLEAR(ev->pi);
  if (events_to_report == Py_None) {  // default: "end" only
    ev->end = PyUnicode_FromString("end");
    if (!ev->end) return nullptr;
    Py_RETURN_NONE;
  }
  Ref<> seq = steal(PySequence_Fast(events_to_report, "events must be a sequence"));
  if (!seq) return nullptr;
  for (Py_ssize_t i = 0; i < PySequence_Fast_GET_SIZE(seq.get()); i++) {
    PyObject* name_obj = PySequence_Fast_GET_ITEM(seq.get(), i);
    const char* name = nullptr;
    if (PyUnicode_Check(name_obj)) name = PyUnicode_AsUTF8(name_obj);
    else if (PyBytes_Check(name_obj)) name = PyBytes_AS_STRING(name_obj);
    if (!name) {
      PyErr_Clear();
      PyErr_Format(PyExc_ValueError, "invalid events sequence");
      return nullptr;
    }
    std::string_view n(name);
    if (n == "start") {
      Py_XSETREF(ev->start, Py_NewRef(name_obj));
    } else if (n == "end") {
      Py_XSETREF(ev->end, Py_NewRef(name_obj));
    } else if (n == "start-ns") {
      Py_XSETREF(ev->start_ns, Py_NewRef(name_obj));
      g_expat->SetNamespaceDeclHandler(self->parser, on_start_ns, on_end_ns);
    } else if (n == "end-ns") {
      Py_XSETREF(ev->end_ns, Py_NewRef(name_obj));
      g_expat->SetNamespaceDeclHandler(self->parser, on_start_ns, on_end_ns);
    } else if (n == "comment") {
      Py_XSETREF(ev->comment, Py_NewRef(name_obj));
      g_expat->SetCommentHandler(self->parser, on_comment);
    } else if (n == "pi") {
      Py_XSETREF(ev->pi, Py_NewRef(name_obj));
      g_expat->SetProcessingInstructionHandler(self->parser, on_pi);
    } else {
      PyErr_Format(PyExc_ValueError, "unknown event '%s'", name);
      return nullptr;
    }
  }
  Py_RETURN_NONE;
}

PyObject* xp_version(PyObject*, void*) {
  return PyUnicode_FromFormat("Expat %d.%d.%d", XML_MAJOR_VERSION, XML_MINOR_VERSION, XML_MICRO_VERSION);
}

PyMemberDef xp_members[] = {
    {"entity", T_OBJECT, offsetof(XMLParserObject, entity), READONLY, nullptr},
    {"target", T_OBJECT, offsetof(XMLParserObject, target), READONLY, nullptr},
    {nullptr, 0, 0, 0, nullptr},
};

PyMethodDef xp_methods[] = {
    {"feed", xp_feed, METH_O, nullptr},
    {"close", xp_close, METH_NOARGS, nullptr},
    {"_parse_whole", xp_parse_whole, METH_O, nullptr},
    {"_setevents", xp_setevents, METH_VARARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

PyGetSetDef xp_getset[] = {
    {"version", xp_version, nullptr, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

}  // namespace

PyTypeObject XMLParser_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "xml.etree.ElementTree.XMLParser",
    .tp_basicsize = sizeof(XMLParserObject),
    .tp_dealloc = xp_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = xp_traverse,
    .tp_clear = xp_clear,
    .tp_methods = xp_methods,
    .tp_members = xp_members,
    .tp_getset = xp_getset,
    .tp_init = xp_init,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = xp_new,
    .tp_free = PyObject_GC_Del,
};

}  // namespace krait::etree
