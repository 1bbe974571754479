// treebuilder.cpp — xml.etree.ElementTree.TreeBuilder: turns start/data/end/
// comment/pi calls into an element tree (through an optional element factory)
// and, for XMLPullParser, appends (event, object) pairs to an events list.
#include "modules/elementtree/elementtree.h"
#include "support/ref.h"

namespace krait::etree {

struct TreeBuilderObject {
  PyObject_HEAD
  PyObject* root;           // first created node, or NULL
  PyObject* this_;          // current node (None at top level)
  PyObject* last;           // most recently created node
  PyObject* last_for_tail;  // node whose tail receives data, or NULL (data goes to last's text)
  PyObject* data;           // collected character data: one object or a list, or NULL
  PyObject* stack;          // list of open parents
  Py_ssize_t index;         // used depth of stack
  PyObject* element_factory;
  PyObject* comment_factory;
  PyObject* pi_factory;
  TreeBuilderEvents ev;
  bool insert_comments;
  bool insert_pis;
};

namespace {

PyObject* tb_new(PyTypeObject* type, PyObject*, PyObject*) {
  auto* t = reinterpret_cast<TreeBuilderObject*>(type->tp_alloc(type, 0));
  if (!t) return nullptr;
  t->this_ = Py_NewRef(Py_None);
  t->last = Py_NewRef(Py_None);
  t->stack = PyList_New(20);
  if (!t->stack) {
    Py_DECREF(t);
    return nullptr;
  }
  return reinterpret_cast<PyObject*>(t);
}

void replace(PyObject** slot, PyObject* v) {  // v: new reference or NULL
  PyObject* old = *slot;
  *slot = v;
  Py_XDECREF(old);
}

int tb_init(PyObject* self, PyObject* args, PyObject* kwds) {
  static const char* kwlist[] = {"element_factory", "comment_factory", "pi_factory", "insert_comments",
                                 "insert_pis", nullptr};
  PyObject *element_factory = Py_None, *comment_factory = Py_None, *pi_factory = Py_None;
  int insert_comments = 0, insert_pis = 0;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "|O$OOpp:TreeBuilder", const_cast<char**>(kwlist), &element_factory,
                                   &comment_factory, &pi_factory, &insert_comments, &insert_pis))
    return -1;
  auto* t = reinterpret_cast<TreeBuilderObject*>(self);
  replace(&t->element_factory, element_factory != Py_None ? Py_NewRef(element_factory) : nullptr);
  if (comment_factory == Py_None) comment_factory = g_comment_factory;
  replace(&t->comment_factory, Py_XNewRef(comment_factory));
  t->insert_comments = comment_factory && insert_comments;
  if (pi_factory == Py_None) pi_factory = g_pi_factory;
  replace(&t->pi_factory, Py_XNewRef(pi_factory));
  t->insert_pis = pi_factory && insert_pis;
  return 0;
}

int tb_traverse(PyObject* self, visitproc visit, void* arg) {
  auto* t = reinterpret_cast<TreeBuilderObject*>(self);
  Py_VISIT(t->ev.pi);
  Py_VISIT(t->ev.comment);
  Py_VISIT(t->ev.end_ns);
  Py_VISIT(t->ev.start_ns);
  Py_VISIT(t->ev.end);
  Py_VISIT(t->ev.start);
  Py_VISIT(t->ev.events_append);
  Py_VISIT(t->root);
  Py_VISIT(t->this_);
  Py_VISIT(t->last);
  Py_VISIT(t->last_for_tail);
  Py_VISIT(t->data);
  Py_VISIT(t->stack);
  Py_VISIT(t->pi_factory);
  Py_VISIT(t->comment_factory);
  Py_VISIT(t->element_factory);
  return 0;
}

int tb_clear(PyObject* self) {
  auto* t = reinterpret_cast<TreeBuilderObject*>(self);
  Py_CLEAR(t->ev.pi);
  Py_CLEAR(t->ev.comment);
  Py_CLEAR(t->ev.end_ns);
  Py_CLEAR(t->ev.start_ns);
  Py_CLEAR(t->ev.end);
  Py_CLEAR(t->ev.start);
  Py_CLEAR(t->ev.events_append);
  Py_CLEAR(t->stack);
  Py_CLEAR(t->data);
  Py_CLEAR(t->last);
  Py_CLEAR(t->last_for_tail);
  Py_CLEAR(t->this_);
  Py_CLEAR(t->pi_factory);
  Py_CLEAR(t->comment_factory);
  Py_CLEAR(t->element_factory);
  Py_CLEAR(t->root);
  return 0;
}

void tb_dealloc(PyObject* self) {
  PyObject_GC_UnTrack(self);
  tb_clear(self);
  Py_TYPE(self)->tp_free(self);
}

PyObject* join_data(PyObject* data) {
  Ref<> empty = steal(PyUnicode_FromStringAndSize("", 0));
  if (!empty) return nullptr;
  return PyUnicode_Join(empty.get(), data);
}

// Moves collected data into element.text or element.tail (`name`), appending to what is there.
int extend_text_or_tail(PyObject* element, PyObject** data, const char* name) {
  Ref<> joined;
  if (Element_CheckExact(element)) {
    auto* e = reinterpret_cast<ElementObject*>(element);
    PyObject** dest = name[1] == 'e' ? &e->text : &e->tail;
    joined = PyList_CheckExact(*data) ? steal(join_data(*data)) : Ref<>::borrow(*data);
    if (!joined) return -1;
    if (*dest != Py_None) {
      joined = steal(PyNumber_Add(*dest, joined.get()));
      if (!joined) return -1;
    }
    replace(dest, joined.release());
    Py_CLEAR(*data);
    return 0;
  }
  Ref<> previous = steal(PyObject_GetAttrString(element, name));
  if (!previous) return -1;
  joined = steal(join_data(*data));
  if (!joined) return -1;
  if (previous.get() != Py_None) {
    joined = steal(PyNumber_Add(previous.get(), joined.get()));
    if (!joined) return -1;
  }
  if (PyObject_SetAttrString(element, name, joined.get()) < 0) return -1;
  Py_CLEAR(*data);
  return 0;
}

int flush_data(TreeBuilderObject* self) {
  if (!self->data) return 0;
  if (!self->last_for_tail) return extend_text_or_tail(self->last, &self->data, "text");
  return extend_text_or_tail(self->last_for_tail, &self->data, "tail");
}

int add_subelement(PyObject* element, PyObject* child) {
  if (Element_CheckExact(element)) return element_add_subelement(reinterpret_cast<ElementObject*>(element), child);
  Ref<> res = steal(PyObject_CallMethod(element, "append", "O", child));
  return res ? 0 : -1;
}

int append_event(TreeBuilderObject* self, PyObject* action, PyObject* node) {
  if (!action) return 0;
  Ref<> event = steal(PyTuple_Pack(2, action, node));
  if (!event) return -1;
  Ref<> res = steal(PyObject_CallOneArg(self->ev.events_append, event.get()));
  return res ? 0 : -1;
}

PyObject* tb_data(PyObject* self, PyObject* data) {
  return treebuilder_handle_data(reinterpret_cast<TreeBuilderObject*>(self), data);
}
PyObject* tb_end(PyObject* self, PyObject* tag) {
  return treebuilder_handle_end(reinterpret_cast<TreeBuilderObject*>(self), tag);
}
PyObject* tb_comment(PyObject* self, PyObject* text) {
  return treebuilder_handle_comment(reinterpret_cast<TreeBuilderObject*>(self), text);
}
PyObject* tb_pi(PyObject* self, PyObject* args) {
  PyObject *target, *text = Py_None;
  if (!PyArg_ParseTuple(args, "O|O:pi", &target, &text)) return nullptr;
  return treebuilder_handle_pi(reinterpret_cast<TreeBuilderObject*>(self), target, text);
}
PyObject* tb_close(PyObject* self, PyObject*) { return treebuilder_done(reinterpret_cast<TreeBuilderObject*>(self)); }
PyObject* tb_start(PyObject* self, PyObject* args) {
  PyObject *tag, *attrs;
  if (!PyArg_ParseTuple(args, "OO!:start", &tag, &PyDict_Type, &attrs)) return nullptr;
  return treebuilder_handle_start(reinterpret_cast<TreeBuilderObject*>(self), tag, attrs);
}

PyMethodDef tb_methods[] = {
    {"data", tb_data, METH_O, nullptr},
    {"start", tb_start, METH_VARARGS, nullptr},
    {"end", tb_end, METH_O, nullptr},
    {"comment", tb_comment, METH_O, nullptr},
    {"pi", tb_pi, METH_VARARGS, nullptr},
    {"close", tb_close, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace

PyTypeObject TreeBuilder_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "xml.etree.ElementTree.TreeBuilder",
    .tp_basicsize = sizeof(TreeBuilderObject),
    .tp_dealloc = tb_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = tb_traverse,
    .tp_clear = tb_clear,
    .tp_methods = tb_methods,
    .tp_init = tb_init,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = tb_new,
    .tp_free = PyObject_GC_Del,
};

PyObject* treebuilder_new_default() {
  Ref<> args = steal(PyTuple_New(0));
  if (!args) return nullptr;
  return PyObject_Call(reinterpret_cast<PyObject*>(&TreeBuilder_Type), args.get(), nullptr);
}

PyObject* treebuilder_handle_start(TreeBuilderObject* self, PyObject* tag, PyObject* attrib) {
  if (flush_data(self) < 0) return nullptr;
  Ref<> node;
  if (!self->element_factory) {
    node = steal(create_new_element(tag, attrib));
  } else if (!attrib) {
    Ref<> empty = steal(PyDict_New());
    if (!empty) return nullptr;
    node = steal(PyObject_CallFunctionObjArgs(self->element_factory, tag, empty.get(), nullptr));
  } else {
    node = steal(PyObject_CallFunctionObjArgs(self->element_factory, tag, attrib, nullptr));
  }
  if (!node) return nullptr;
  PyObject* this_ = self->this_;
  Py_CLEAR(self->last_for_tail);
  if (this_ != Py_None) {
    if (add_subelement(this_, node.get()) < 0) return nullptr;
  } else {
    if (self->root) {
      PyErr_SetString(g_parse_error, "multiple elements on top level");
      return nullptr;
    }
    self->root = Py_NewRef(node.get());
  }
  if (self->index < PyList_GET_SIZE(self->stack)) {
    if (PyList_SetItem(self->stack, self->index, Py_NewRef(this_)) < 0) return nullptr;
  } else if (PyList_Append(self->stack, this_) < 0) {
    return nullptr;
  }
  self->index++;
  replace(&self->this_, Py_NewRef(node.get()));
  replace(&self->last, Py_NewRef(node.get()));
  if (append_event(self, self->ev.start, node.get()) < 0) return nullptr;
  return node.release();
}

PyObject* treebuilder_handle_data(TreeBuilderObject* self, PyObject* data) {
  if (!self->data) {
    if (self->last == Py_None) Py_RETURN_NONE;  // data before the first start() is ignored
    self->data = Py_NewRef(data);
  } else if (PyList_CheckExact(self->data)) {
    if (PyList_Append(self->data, data) < 0) return nullptr;
  } else {
    PyObject* list = PyList_New(2);
    if (!list) return nullptr;
    PyList_SET_ITEM(list, 0, Py_NewRef(self->data));
    PyList_SET_ITEM(list, 1, Py_NewRef(data));
    replace(&self->data, list);
  }
  Py_RETURN_NONE;
}

PyObject* treebuilder_handle_end(TreeBuilderObject* self, PyObject*) {
  if (flush_data(self) < 0) return nullptr;
  if (self->index == 0) {
    PyErr_SetString(PyExc_IndexError, "pop from empty stack");
    return nullptr;
  }
  PyObject* item = self->last;
  self->last = Py_NewRef(self->this_);
  replace(&self->last_for_tail, Py_NewRef(self->last));
  self->index--;
  PyObject* old_this = self->this_;
  self->this_ = Py_NewRef(PyList_GET_ITEM(self->stack, self->index));
  Py_DECREF(old_this);
  Py_DECREF(item);
  if (append_event(self, self->ev.end, self->last) < 0) return nullptr;
  return Py_NewRef(self->last);
}

PyObject* treebuilder_handle_comment(TreeBuilderObject* self, PyObject* text) {
  if (flush_data(self) < 0) return nullptr;
  Ref<> comment;
  if (self->comment_factory) {
    comment = steal(PyObject_CallOneArg(self->comment_factory, text));
    if (!comment) return nullptr;
    if (self->insert_comments && self->this_ != Py_None) {
      if (add_subelement(self->this_, comment.get()) < 0) return nullptr;
      replace(&self->last_for_tail, Py_NewRef(comment.get()));
    }
  } else {
    comment = Ref<>::borrow(text);
  }
  if (self->ev.events_append && self->ev.comment && append_event(self, self->ev.comment, comment.get()) < 0)
    return nullptr;
  return comment.release();
}

PyObject* treebuilder_handle_pi(TreeBuilderObject* self, PyObject* target, PyObject* text) {
  if (flush_data(self) < 0) return nullptr;
  Ref<> pi;
  if (self->pi_factory) {
    pi = steal(PyObject_CallFunctionObjArgs(self->pi_factory, target, text, nullptr));
    if (!pi) return nullptr;
    if (self->insert_pis && self->this_ != Py_None) {
      if (add_subelement(self->this_, pi.get()) < 0) return nullptr;
      replace(&self->last_for_tail, Py_NewRef(pi.get()));
    }
  } else {
    pi = steal(PyTuple_Pack(2, target, text));
    if (!pi) return nullptr;
  }
  if (self->ev.events_append && self->ev.pi && append_event(self, self->ev.pi, pi.get()) < 0) return nullptr;
  return pi.release();
}

PyObject* treebuilder_handle_start_ns(TreeBuilderObject* self, PyObject* prefix, PyObject* uri) {
  if (self->ev.events_append && self->ev.start_ns) {
    Ref<> parcel = steal(PyTuple_Pack(2, prefix, uri));
    if (!parcel || append_event(self, self->ev.start_ns, parcel.get()) < 0) return nullptr;
  }
  Py_RETURN_NONE;
}

PyObject* treebuilder_handle_end_ns(TreeBuilderObject* self, PyObject* prefix) {
  if (self->ev.events_append && self->ev.end_ns && append_event(self, self->ev.end_ns, prefix) < 0) return nullptr;
  Py_RETURN_NONE;
}

PyObject* treebuilder_done(TreeBuilderObject* self) { return Py_NewRef(self->root ? self->root : Py_None); }

TreeBuilderEvents* treebuilder_events(TreeBuilderObject* self) { return &self->ev; }
bool treebuilder_insert_pis(TreeBuilderObject* self) { return self->insert_pis; }

}  // namespace krait::etree
