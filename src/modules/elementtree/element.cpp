// element.cpp — xml.etree.ElementTree.Element as _elementtree defines it:
// tag/text/tail/attrib, the child list (sequence and slice protocols), the
// find* family (simple tag paths handled here, real paths delegated to
// xml.etree.ElementPath), copying and pickling state.
#include <cstddef>
#include <cstring>

#include "modules/elementtree/elementtree.h"
#include "support/ref.h"

namespace krait::etree {
namespace {

int create_extra(ElementObject* self, PyObject* attrib) {
  auto* extra = static_cast<ElementExtra*>(PyMem_Malloc(sizeof(ElementExtra)));
  if (!extra) {
    PyErr_NoMemory();
    return -1;
  }
  extra->attrib = Py_XNewRef(attrib);
  extra->length = 0;
  extra->allocated = kStaticChildren;
  extra->children = extra->_children;
  self->extra = extra;
  return 0;
}

void dealloc_extra(ElementExtra* extra) {
  if (!extra) return;
  Py_XDECREF(extra->attrib);
  for (Py_ssize_t i = 0; i < extra->length; i++) Py_DECREF(extra->children[i]);
  if (extra->children != extra->_children) PyMem_Free(extra->children);
  PyMem_Free(extra);
}

// Detaches extra before releasing it, so decrefs that re-enter see no children.
void clear_extra(ElementObject* self) {
  ElementExtra* extra = self->extra;
  self->extra = nullptr;
  dealloc_extra(extra);
}

bool is_empty_dict(PyObject* o) { return PyDict_CheckExact(o) && PyDict_GET_SIZE(o) == 0; }

// Room for `extra` more children (the list growth rule CPython's element uses).
int element_resize(ElementObject* self, Py_ssize_t extra) {
  if (!self->extra && create_extra(self, nullptr) < 0) return -1;
  Py_ssize_t size = self->extra->length + extra;
  if (size > self->extra->allocated) {
    size = (size >> 3) + (size < 9 ? 3 : 6) + size;
    if (size == 0) size = 1;
    if (static_cast<size_t>(size) > PY_SSIZE_T_MAX / sizeof(PyObject*)) {
      PyErr_NoMemory();
      return -1;
    }
    PyObject** children;
    if (self->extra->children != self->extra->_children) {
      children = static_cast<PyObject**>(PyMem_Realloc(self->extra->children, size * sizeof(PyObject*)));
    } else {
      children = static_cast<PyObject**>(PyMem_Malloc(size * sizeof(PyObject*)));
      if (children) std::memcpy(children, self->extra->children, self->extra->length * sizeof(PyObject*));
    }
    if (!children) {
      PyErr_NoMemory();
      return -1;
    }
    self->extra->children = children;
    self->extra->allocated = size;
  }
  return 0;
}

void raise_type_error(PyObject* element) {
  PyErr_Format(PyExc_TypeError, "expected an Element, not \"%.200s\"", Py_TYPE(element)->tp_name);
}

PyObject* element_get_attrib(ElementObject* self) {  // borrowed; extra must exist
  if (!self->extra->attrib) self->extra->attrib = PyDict_New();
  return self->extra->attrib;
}

void set_ref(PyObject** slot, PyObject* value) {  // steals value; old one released last
  PyObject* old = *slot;
  *slot = value;
  Py_XDECREF(old);
}

// -- construction and lifetime ----------------------------------------------------------------

PyObject* element_new(PyTypeObject* type, PyObject*, PyObject*) {
  auto* e = reinterpret_cast<ElementObject*>(type->tp_alloc(type, 0));
  if (e) {
    e->tag = Py_NewRef(Py_None);
    e->text = Py_NewRef(Py_None);
    e->tail = Py_NewRef(Py_None);
    e->extra = nullptr;
    e->weakreflist = nullptr;
  }
  return reinterpret_cast<PyObject*>(e);
}

int element_init(PyObject* self, PyObject* args, PyObject* kwds) {
  PyObject* tag;
  PyObject* attrib = nullptr;
  if (!PyArg_ParseTuple(args, "O|O!:Element", &tag, &PyDict_Type, &attrib)) return -1;
  Ref<> merged;
  if (attrib) {
    merged = steal(PyDict_Copy(attrib));
    if (!merged) return -1;
    if (kwds && PyDict_Update(merged.get(), kwds) < 0) return -1;
  } else if (kwds) {
    merged = steal(get_attrib_from_keywords(kwds));
    if (!merged) return -1;
  }
  auto* e = reinterpret_cast<ElementObject*>(self);
  if (merged && !is_empty_dict(merged.get())) {
    clear_extra(e);
    if (create_extra(e, merged.get()) < 0) return -1;
  }
  set_ref(&e->tag, Py_NewRef(tag));
  set_ref(&e->text, Py_NewRef(Py_None));
  set_ref(&e->tail, Py_NewRef(Py_None));
  return 0;
}

int element_traverse(PyObject* self, visitproc visit, void* arg) {
  auto* e = reinterpret_cast<ElementObject*>(self);
  Py_VISIT(e->tag);
  Py_VISIT(e->text);
  Py_VISIT(e->tail);
  if (e->extra) {
    Py_VISIT(e->extra->attrib);
    for (Py_ssize_t i = 0; i < e->extra->length; i++) Py_VISIT(e->extra->children[i]);
  }
  return 0;
}

int element_clear_refs(PyObject* self) {
  auto* e = reinterpret_cast<ElementObject*>(self);
  Py_CLEAR(e->tag);
  Py_CLEAR(e->text);
  Py_CLEAR(e->tail);
  clear_extra(e);
  return 0;
}

void element_dealloc(PyObject* self) {
  PyObject_GC_UnTrack(self);
  // Deep trees (a chain of 200000 SubElements) are released without deep C recursion.
  Py_TRASHCAN_BEGIN(self, element_dealloc)
  auto* e = reinterpret_cast<ElementObject*>(self);
  if (e->weakreflist) PyObject_ClearWeakRefs(self);
  element_clear_refs(self);
  Py_TYPE(self)->tp_free(self);
  Py_TRASHCAN_END
}

// -- methods ---------------------------------------------------------------------------------------

PyObject* el_append(PyObject* self, PyObject* sub) {
  if (!Element_Check(sub)) {
    PyErr_Format(PyExc_TypeError, "append() argument must be %.200s, not %.200s", Element_Type.tp_name,
                 sub == Py_None ? "None" : Py_TYPE(sub)->tp_name);
    return nullptr;
  }
  if (element_add_subelement(reinterpret_cast<ElementObject*>(self), sub) < 0) return nullptr;
  Py_RETURN_NONE;
}

PyObject* el_clear(PyObject* self, PyObject*) {
  auto* e = reinterpret_cast<ElementObject*>(self);
  clear_extra(e);
  set_ref(&e->text, Py_NewRef(Py_None));
  set_ref(&e->tail, Py_NewRef(Py_None));
  Py_RETURN_NONE;
}

PyObject* el_copy(PyObject* self, PyObject*) {
  auto* e = reinterpret_cast<ElementObject*>(self);
  Ref<> copy = steal(create_new_element(e->tag, e->extra ? e->extra->attrib : nullptr));
  if (!copy) return nullptr;
  auto* c = reinterpret_cast<ElementObject*>(copy.get());
  set_ref(&c->text, Py_NewRef(e->text));
  set_ref(&c->tail, Py_NewRef(e->tail));
  if (e->extra) {
    if (element_resize(c, e->extra->length) < 0) return nullptr;
    for (Py_ssize_t i = 0; i < e->extra->length; i++) c->extra->children[i] = Py_NewRef(e->extra->children[i]);
    c->extra->length = e->extra->length;
  }
  return copy.release();
}

PyObject* deepcopy(PyObject* object, PyObject* memo);

PyObject* deepcopy_element(ElementObject* e, PyObject* memo) {
  Ref<> tag = steal(deepcopy(e->tag, memo));
  if (!tag) return nullptr;
  Ref<> attrib;
  if (e->extra && e->extra->attrib) {
    attrib = steal(deepcopy(e->extra->attrib, memo));
    if (!attrib) return nullptr;
  }
  Ref<> copy = steal(create_new_element(tag.get(), attrib.get()));
  if (!copy) return nullptr;
  auto* c = reinterpret_cast<ElementObject*>(copy.get());
  PyObject* text = deepcopy(e->text, memo);
  if (!text) return nullptr;
  set_ref(&c->text, text);
  PyObject* tail = deepcopy(e->tail, memo);
  if (!tail) return nullptr;
  set_ref(&c->tail, tail);
  if (e->extra) {
    Py_ssize_t n = e->extra->length;
    if (element_resize(c, n) < 0) return nullptr;
    for (Py_ssize_t i = 0; i < n && e->extra && i < e->extra->length; i++) {
      PyObject* child = deepcopy(e->extra->children[i], memo);
      if (!child) return nullptr;
      if (!Element_Check(child)) {
        raise_type_error(child);
        Py_DECREF(child);
        return nullptr;
      }
      if (element_resize(c, 1) < 0) {
        Py_DECREF(child);
        return nullptr;
      }
      c->extra->children[c->extra->length++] = child;
    }
  }
  // Record the copy so deepcopy does not visit this element again.
  Ref<> id = steal(PyLong_FromSsize_t(reinterpret_cast<Py_ssize_t>(e)));
  if (!id || PyDict_SetItem(memo, id.get(), copy.get()) < 0) return nullptr;
  return copy.release();
}

PyObject* deepcopy(PyObject* object, PyObject* memo) {
  if (object == Py_None || PyUnicode_CheckExact(object)) return Py_NewRef(object);
  if (Py_REFCNT(object) == 1) {
    if (PyDict_CheckExact(object)) {
      PyObject *k, *v;
      Py_ssize_t pos = 0;
      bool simple = true;
      while (PyDict_Next(object, &pos, &k, &v)) {
        if (!PyUnicode_CheckExact(k) || !PyUnicode_CheckExact(v)) {
          simple = false;
          break;
        }
      }
      if (simple) return PyDict_Copy(object);
    } else if (Element_CheckExact(object)) {
      return deepcopy_element(reinterpret_cast<ElementObject*>(object), memo);
    }
  }
  if (!g_deepcopy) {
    PyErr_SetString(PyExc_RuntimeError, "deepcopy helper not found");
    return nullptr;
  }
  return PyObject_CallFunctionObjArgs(g_deepcopy, object, memo, nullptr);
}

PyObject* el_deepcopy(PyObject* self, PyObject* memo) {
  if (!PyDict_Check(memo)) {
    PyErr_Format(PyExc_TypeError, "__deepcopy__() argument must be dict, not %.200s",
                 memo == Py_None ? "None" : Py_TYPE(memo)->tp_name);
    return nullptr;
  }
  return deepcopy_element(reinterpret_cast<ElementObject*>(self), memo);
}

PyObject* el_sizeof(PyObject* self, PyObject*) {
  auto* e = reinterpret_cast<ElementObject*>(self);
  Py_ssize_t result = Py_TYPE(self)->tp_basicsize;
  if (e->extra) {
    result += static_cast<Py_ssize_t>(sizeof(ElementExtra));
    if (e->extra->children != e->extra->_children)
      result += static_cast<Py_ssize_t>(sizeof(PyObject*)) * e->extra->allocated;
  }
  return PyLong_FromSsize_t(result);
}

PyObject* el_getstate(PyObject* self, PyObject*) {
  auto* e = reinterpret_cast<ElementObject*>(self);
  Py_ssize_t n = e->extra ? e->extra->length : 0;
  Ref<> children = steal(PyList_New(n));
  if (!children) return nullptr;
  for (Py_ssize_t i = 0; i < n; i++) PyList_SET_ITEM(children.get(), i, Py_NewRef(e->extra->children[i]));
  Ref<> attrib = e->extra && e->extra->attrib ? Ref<>::borrow(e->extra->attrib) : steal(PyDict_New());
  if (!attrib) return nullptr;
  return Py_BuildValue("{sOsOsOsOsO}", "tag", e->tag, "_children", children.get(), "attrib", attrib.get(),
                       "text", e->text, "tail", e->tail);
}

PyObject* setstate_from_attributes(ElementObject* self, PyObject* tag, PyObject* attrib, PyObject* text,
                                   PyObject* tail, PyObject* children) {
  if (!tag) {
    PyErr_SetString(PyExc_TypeError, "tag may not be NULL");
    return nullptr;
  }
  set_ref(&self->tag, Py_NewRef(tag));
  set_ref(&self->text, Py_NewRef(text ? text : Py_None));
  set_ref(&self->tail, Py_NewRef(tail ? tail : Py_None));
  if (!children && !attrib) Py_RETURN_NONE;
  ElementExtra* oldextra = nullptr;
  if (children) {
    if (!PyList_Check(children)) {
      PyErr_SetString(PyExc_TypeError, "'_children' is not a list");
      return nullptr;
    }
    Py_ssize_t n = PyList_GET_SIZE(children);
    oldextra = self->extra;
    self->extra = nullptr;
    if (element_resize(self, n) < 0) {
      clear_extra(self);
      self->extra = oldextra;
      return nullptr;
    }
    if (oldextra) {
      self->extra->attrib = oldextra->attrib;
      oldextra->attrib = nullptr;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
      PyObject* child = PyList_GET_ITEM(children, i);
      if (!Element_Check(child)) {
        raise_type_error(child);
        self->extra->length = i;
        dealloc_extra(oldextra);
        return nullptr;
      }
      self->extra->children[i] = Py_NewRef(child);
    }
    self->extra->length = n;
  } else if (element_resize(self, 0) < 0) {
    return nullptr;
  }
  PyObject* old = self->extra->attrib;
  self->extra->attrib = Py_XNewRef(attrib);
  Py_XDECREF(old);
  dealloc_extra(oldextra);
  Py_RETURN_NONE;
}

PyObject* el_setstate(PyObject* self, PyObject* state) {
  if (!PyDict_CheckExact(state)) {
    PyErr_Format(PyExc_TypeError, "Don't know how to unpickle \"%.200R\" as an Element", state);
    return nullptr;
  }
  static const char* kwlist[] = {"tag", "attrib", "text", "tail", "_children", nullptr};
  PyObject *tag = nullptr, *attrib = nullptr, *text = nullptr, *tail = nullptr, *children = nullptr;
  Ref<> args = steal(PyTuple_New(0));
  if (!args) return nullptr;
  if (!PyArg_ParseTupleAndKeywords(args.get(), state, "|$OOOOO", const_cast<char**>(kwlist), &tag, &attrib,
                                   &text, &tail, &children))
    return nullptr;
  return setstate_from_attributes(reinterpret_cast<ElementObject*>(self), tag, attrib, text, tail, children);
}

// True if `tag` may be an ElementPath expression rather than a plain tag name.
bool checkpath(PyObject* tag) {
  auto pathchar = [](Py_UCS4 ch) { return ch == '/' || ch == '*' || ch == '[' || ch == '@' || ch == '.'; };
  if (PyUnicode_Check(tag)) {
    Py_ssize_t len = PyUnicode_GET_LENGTH(tag);
    if (len >= 3 && PyUnicode_READ_CHAR(tag, 0) == '{' &&
        (PyUnicode_READ_CHAR(tag, 1) == '}' || (PyUnicode_READ_CHAR(tag, 1) == '*' && PyUnicode_READ_CHAR(tag, 2) == '}')))
      return true;  // wildcard namespace: '{}tag' or '{*}tag'
    bool check = true;
    for (Py_ssize_t i = 0; i < len; i++) {
      Py_UCS4 ch = PyUnicode_READ_CHAR(tag, i);
      if (ch == '{') check = false;
      else if (ch == '}') check = true;
      else if (check && pathchar(ch)) return true;
    }
    return false;
  }
  if (PyBytes_Check(tag)) {
    const char* p = PyBytes_AS_STRING(tag);
    Py_ssize_t len = PyBytes_GET_SIZE(tag);
    if (len >= 3 && p[0] == '{' && (p[1] == '}' || (p[1] == '*' && p[2] == '}'))) return true;
    bool check = true;
    for (Py_ssize_t i = 0; i < len; i++) {
      if (p[i] == '{') check = false;
      else if (p[i] == '}') check = true;
      else if (check && pathchar(static_cast<unsigned char>(p[i]))) return true;
    }
    return false;
  }
  return true;
}

PyObject* el_extend(PyObject* self, PyObject* elements) {
  Ref<> seq = steal(PySequence_Fast(elements, ""));
  if (!seq) {
    PyErr_Format(PyExc_TypeError, "expected sequence, not \"%.200s\"", Py_TYPE(elements)->tp_name);
    return nullptr;
  }
  for (Py_ssize_t i = 0; i < PySequence_Fast_GET_SIZE(seq.get()); i++) {
    Ref<> item = Ref<>::borrow(PySequence_Fast_GET_ITEM(seq.get(), i));
    if (element_add_subelement(reinterpret_cast<ElementObject*>(self), item.get()) < 0) return nullptr;
  }
  Py_RETURN_NONE;
}

// Path queries go to the xml.etree.ElementPath now in sys.modules: the module
// state is shared by every (fresh) import of _elementtree, so the copy
// imported last is not necessarily the one the importing ElementTree uses.
PyObject* call_elementpath(const char* name, PyObject* self, PyObject* a, PyObject* b, PyObject* c = nullptr) {
  Ref<> mod = steal(PyImport_ImportModule("xml.etree.ElementPath"));
  if (!mod) return nullptr;
  Ref<> meth = steal(PyObject_GetAttrString(mod.get(), name));
  if (!meth) return nullptr;
  return PyObject_CallFunctionObjArgs(meth.get(), self, a, b, c, nullptr);
}

PyObject* el_find(PyObject* self, PyObject* args, PyObject* kwds) {
  static const char* kwlist[] = {"path", "namespaces", nullptr};
  PyObject *path, *ns = Py_None;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "O|O:find", const_cast<char**>(kwlist), &path, &ns)) return nullptr;
  if (checkpath(path) || ns != Py_None) return call_elementpath("find", self, path, ns);
  auto* e = reinterpret_cast<ElementObject*>(self);
  for (Py_ssize_t i = 0; e->extra && i < e->extra->length; i++) {
    Ref<> item = Ref<>::borrow(e->extra->children[i]);
    int rc = PyObject_RichCompareBool(reinterpret_cast<ElementObject*>(item.get())->tag, path, Py_EQ);
    if (rc > 0) return item.release();
    if (rc < 0) return nullptr;
  }
  Py_RETURN_NONE;
}

PyObject* el_findtext(PyObject* self, PyObject* args, PyObject* kwds) {
  static const char* kwlist[] = {"path", "default", "namespaces", nullptr};
  PyObject *path, *dflt = Py_None, *ns = Py_None;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "O|OO:findtext", const_cast<char**>(kwlist), &path, &dflt, &ns))
    return nullptr;
  if (checkpath(path) || ns != Py_None) return call_elementpath("findtext", self, path, dflt, ns);
  auto* e = reinterpret_cast<ElementObject*>(self);
  for (Py_ssize_t i = 0; e->extra && i < e->extra->length; i++) {
    Ref<> item = Ref<>::borrow(e->extra->children[i]);
    auto* child = reinterpret_cast<ElementObject*>(item.get());
    int rc = PyObject_RichCompareBool(child->tag, path, Py_EQ);
    if (rc > 0) return child->text == Py_None ? PyUnicode_FromString("") : Py_NewRef(child->text);
    if (rc < 0) return nullptr;
  }
  return Py_NewRef(dflt);
}

PyObject* el_findall(PyObject* self, PyObject* args, PyObject* kwds) {
  static const char* kwlist[] = {"path", "namespaces", nullptr};
  PyObject *path, *ns = Py_None;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "O|O:findall", const_cast<char**>(kwlist), &path, &ns))
    return nullptr;
  if (checkpath(path) || ns != Py_None) return call_elementpath("findall", self, path, ns);
  Ref<> out = steal(PyList_New(0));
  if (!out) return nullptr;
  auto* e = reinterpret_cast<ElementObject*>(self);
  for (Py_ssize_t i = 0; e->extra && i < e->extra->length; i++) {
    Ref<> item = Ref<>::borrow(e->extra->children[i]);
    int rc = PyObject_RichCompareBool(reinterpret_cast<ElementObject*>(item.get())->tag, path, Py_EQ);
    if (rc < 0 || (rc > 0 && PyList_Append(out.get(), item.get()) < 0)) return nullptr;
  }
  return out.release();
}

PyObject* el_iterfind(PyObject* self, PyObject* args, PyObject* kwds) {
  static const char* kwlist[] = {"path", "namespaces", nullptr};
  PyObject *path, *ns = Py_None;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "O|O:iterfind", const_cast<char**>(kwlist), &path, &ns))
    return nullptr;
  return call_elementpath("iterfind", self, path, ns);
}

PyObject* el_get(PyObject* self, PyObject* args, PyObject* kwds) {
  static const char* kwlist[] = {"key", "default", nullptr};
  PyObject *key, *dflt = Py_None;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "O|O:get", const_cast<char**>(kwlist), &key, &dflt)) return nullptr;
  auto* e = reinterpret_cast<ElementObject*>(self);
  if (e->extra && e->extra->attrib) {
    // The lookup may run __hash__/__eq__ that replace attrib: hold the dict.
    Ref<> attrib = Ref<>::borrow(e->extra->attrib);
    PyObject* v = PyDict_GetItemWithError(attrib.get(), key);
    if (v) return Py_NewRef(v);
    if (PyErr_Occurred()) return nullptr;
  }
  return Py_NewRef(dflt);
}

PyObject* el_iter(PyObject* self, PyObject* args, PyObject* kwds) {
  static const char* kwlist[] = {"tag", nullptr};
  PyObject* tag = Py_None;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "|O:iter", const_cast<char**>(kwlist), &tag)) return nullptr;
  if (PyUnicode_Check(tag)) {
    if (PyUnicode_GET_LENGTH(tag) == 1 && PyUnicode_READ_CHAR(tag, 0) == '*') tag = Py_None;
  } else if (PyBytes_Check(tag)) {
    if (PyBytes_GET_SIZE(tag) == 1 && *PyBytes_AS_STRING(tag) == '*') tag = Py_None;
  }
  return create_elementiter(reinterpret_cast<ElementObject*>(self), tag, false);
}

PyObject* el_itertext(PyObject* self, PyObject*) {
  return create_elementiter(reinterpret_cast<ElementObject*>(self), Py_None, true);
}

PyObject* el_insert(PyObject* self, PyObject* args) {
  Py_ssize_t index;
  PyObject* sub;
  if (!PyArg_ParseTuple(args, "nO!:insert", &index, &Element_Type, &sub)) return nullptr;
  auto* e = reinterpret_cast<ElementObject*>(self);
  if (!e->extra && create_extra(e, nullptr) < 0) return nullptr;
  if (index < 0) {
    index += e->extra->length;
    if (index < 0) index = 0;
  }
  if (index > e->extra->length) index = e->extra->length;
  if (element_resize(e, 1) < 0) return nullptr;
  for (Py_ssize_t i = e->extra->length; i > index; i--) e->extra->children[i] = e->extra->children[i - 1];
  e->extra->children[index] = Py_NewRef(sub);
  e->extra->length++;
  Py_RETURN_NONE;
}

PyObject* el_items(PyObject* self, PyObject*) {
  auto* e = reinterpret_cast<ElementObject*>(self);
  if (!e->extra || !e->extra->attrib) return PyList_New(0);
  return PyDict_Items(e->extra->attrib);
}

PyObject* el_keys(PyObject* self, PyObject*) {
  auto* e = reinterpret_cast<ElementObject*>(self);
  if (!e->extra || !e->extra->attrib) return PyList_New(0);
  return PyDict_Keys(e->extra->attrib);
}

PyObject* el_makeelement(PyObject*, PyObject* args) {
  PyObject *tag, *attrib;
  if (!PyArg_ParseTuple(args, "OO!:makeelement", &tag, &PyDict_Type, &attrib)) return nullptr;
  Ref<> copy = steal(PyDict_Copy(attrib));
  if (!copy) return nullptr;
  return create_new_element(tag, copy.get());
}

PyObject* el_remove(PyObject* self, PyObject* sub) {
  if (!Element_Check(sub)) {
    PyErr_Format(PyExc_TypeError, "remove() argument must be %.200s, not %.200s", Element_Type.tp_name,
                 sub == Py_None ? "None" : Py_TYPE(sub)->tp_name);
    return nullptr;
  }
  auto* e = reinterpret_cast<ElementObject*>(self);
  Py_ssize_t i = 0;
  for (; e->extra && i < e->extra->length; i++) {
    if (e->extra->children[i] == sub) break;
    Ref<> child = Ref<>::borrow(e->extra->children[i]);
    int rc = PyObject_RichCompareBool(child.get(), sub, Py_EQ);
    if (rc > 0) break;
    if (rc < 0) return nullptr;
  }
  if (!e->extra || i >= e->extra->length) {
    PyErr_SetString(PyExc_ValueError, "list.remove(x): x not in list");
    return nullptr;
  }
  PyObject* found = e->extra->children[i];
  e->extra->length--;
  for (; i < e->extra->length; i++) e->extra->children[i] = e->extra->children[i + 1];
  Py_DECREF(found);
  Py_RETURN_NONE;
}

PyObject* el_set(PyObject* self, PyObject* args) {
  PyObject *key, *value;
  if (!PyArg_UnpackTuple(args, "set", 2, 2, &key, &value)) return nullptr;
  auto* e = reinterpret_cast<ElementObject*>(self);
  if (!e->extra && create_extra(e, nullptr) < 0) return nullptr;
  PyObject* attrib = element_get_attrib(e);
  if (!attrib || PyDict_SetItem(attrib, key, value) < 0) return nullptr;
  Py_RETURN_NONE;
}

PyObject* el_repr(PyObject* self) {
  auto* e = reinterpret_cast<ElementObject*>(self);
  if (!e->tag) return PyUnicode_FromFormat("<Element at %p>", self);
  int status = Py_ReprEnter(self);
  if (status == 0) {
    PyObject* res = PyUnicode_FromFormat("<Element %R at %p>", e->tag, self);
    Py_ReprLeave(self);
    return res;
  }
  if (status > 0) PyErr_Format(PyExc_RuntimeError, "reentrant call inside %s.__repr__", Py_TYPE(self)->tp_name);
  return nullptr;
}

// -- sequence and mapping protocols ---------------------------------------------------------------

Py_ssize_t el_length(PyObject* self) {
  auto* e = reinterpret_cast<ElementObject*>(self);
  return e->extra ? e->extra->length : 0;
}

PyObject* el_getitem(PyObject* self, Py_ssize_t index) {
  auto* e = reinterpret_cast<ElementObject*>(self);
  if (!e->extra || index < 0 || index >= e->extra->length) {
    PyErr_SetString(PyExc_IndexError, "child index out of range");
    return nullptr;
  }
  return Py_NewRef(e->extra->children[index]);
}

int el_setitem(PyObject* self, Py_ssize_t index, PyObject* item) {
  auto* e = reinterpret_cast<ElementObject*>(self);
  if (!e->extra || index < 0 || index >= e->extra->length) {
    PyErr_SetString(PyExc_IndexError, "child assignment index out of range");
    return -1;
  }
  PyObject* old = e->extra->children[index];
  if (item) {
    if (!Element_Check(item)) {
      raise_type_error(item);
      return -1;
    }
    e->extra->children[index] = Py_NewRef(item);
  } else {
    e->extra->length--;
    for (Py_ssize_t i = index; i < e->extra->length; i++) e->extra->children[i] = e->extra->children[i + 1];
  }
  Py_DECREF(old);
  return 0;
}

PyObject* el_subscript(PyObject* self, PyObject* item) {
  auto* e = reinterpret_cast<ElementObject*>(self);
  if (PyIndex_Check(item)) {
    Py_ssize_t i = PyNumber_AsSsize_t(item, PyExc_IndexError);
    if (i == -1 && PyErr_Occurred()) return nullptr;
    if (i < 0 && e->extra) i += e->extra->length;
    return el_getitem(self, i);
  }
  if (PySlice_Check(item)) {
    if (!e->extra) return PyList_New(0);
    Py_ssize_t start, stop, step;
    if (PySlice_Unpack(item, &start, &stop, &step) < 0) return nullptr;
    Py_ssize_t n = PySlice_AdjustIndices(e->extra->length, &start, &stop, step);
    Ref<> list = steal(PyList_New(n > 0 ? n : 0));
    if (!list) return nullptr;
    for (Py_ssize_t i = 0, cur = start; i < n; i++, cur += step)
      PyList_SET_ITEM(list.get(), i, Py_NewRef(e->extra->children[cur]));
    return list.release();
  }
  PyErr_SetString(PyExc_TypeError, "element indices must be integers");
  return nullptr;
}

int el_ass_subscript(PyObject* self, PyObject* item, PyObject* value) {
  auto* e = reinterpret_cast<ElementObject*>(self);
  if (PyIndex_Check(item)) {
    Py_ssize_t i = PyNumber_AsSsize_t(item, PyExc_IndexError);
    if (i == -1 && PyErr_Occurred()) return -1;
    if (i < 0 && e->extra) i += e->extra->length;
    return el_setitem(self, i, value);
  }
  if (!PySlice_Check(item)) {
    PyErr_SetString(PyExc_TypeError, "element indices must be integers");
    return -1;
  }
  if (!e->extra && create_extra(e, nullptr) < 0) return -1;
  Py_ssize_t start, stop, step;
  if (PySlice_Unpack(item, &start, &stop, &step) < 0) return -1;
  Py_ssize_t slicelen = PySlice_AdjustIndices(e->extra->length, &start, &stop, step);
  if (!value) {
    if (slicelen <= 0) return 0;
    if (step < 0) {  // deleting: walk the same positions in ascending order
      stop = start + 1;
      start = stop + step * (slicelen - 1) - 1;
      step = -step;
    }
    // Removed children are released only after the list is consistent again.
    Ref<> recycle = steal(PyList_New(slicelen));
    if (!recycle) return -1;
    Py_ssize_t out = start, k = 0;
    for (Py_ssize_t cur = start; cur < e->extra->length; cur++) {
      if (k < slicelen && cur == start + k * step) {
        PyList_SET_ITEM(recycle.get(), k, e->extra->children[cur]);
        k++;
      } else {
        e->extra->children[out++] = e->extra->children[cur];
      }
    }
    e->extra->length -= slicelen;
    return 0;
  }
  Ref<> seq = steal(PySequence_Fast(value, ""));
  if (!seq) {
    PyErr_Format(PyExc_TypeError, "expected sequence, not \"%.200s\"", Py_TYPE(value)->tp_name);
    return -1;
  }
  Py_ssize_t newlen = PySequence_Fast_GET_SIZE(seq.get());
  if (step != 1 && newlen != slicelen) {
    PyErr_Format(PyExc_ValueError, "attempt to assign sequence of size %zd to extended slice of size %zd", newlen,
                 slicelen);
    return -1;
  }
  if (slicelen < 0) slicelen = 0;
  if (newlen > slicelen && element_resize(e, newlen - slicelen) < 0) return -1;
  for (Py_ssize_t i = 0; i < newlen; i++) {
    PyObject* el = PySequence_Fast_GET_ITEM(seq.get(), i);
    if (!Element_Check(el)) {
      raise_type_error(el);
      return -1;
    }
  }
  Ref<> recycle;
  if (slicelen > 0) {
    recycle = steal(PyList_New(slicelen));
    if (!recycle) return -1;
    for (Py_ssize_t i = 0, cur = start; i < slicelen; i++, cur += step)
      PyList_SET_ITEM(recycle.get(), i, e->extra->children[cur]);
  }
  if (step == 1) {
    if (stop < start) stop = start;
    if (newlen < slicelen) {
      for (Py_ssize_t i = stop; i < e->extra->length; i++)
        e->extra->children[i + newlen - slicelen] = e->extra->children[i];
    } else if (newlen > slicelen) {
      for (Py_ssize_t i = e->extra->length - 1; i >= stop; i--)
        e->extra->children[i + newlen - slicelen] = e->extra->children[i];
    }
  }
  for (Py_ssize_t i = 0, cur = start; i < newlen; i++, cur += step)
    e->extra->children[cur] = Py_NewRef(PySequence_Fast_GET_ITEM(seq.get(), i));
  e->extra->length += newlen - slicelen;
  return 0;
}

// -- attributes -----------------------------------------------------------------------------------

int refuse_delete(PyObject* value) {
  if (value) return 0;
  PyErr_SetString(PyExc_AttributeError, "can't delete element attribute");
  return -1;
}

PyObject* get_tag(PyObject* self, void*) { return Py_NewRef(reinterpret_cast<ElementObject*>(self)->tag); }
PyObject* get_text(PyObject* self, void*) { return Py_NewRef(reinterpret_cast<ElementObject*>(self)->text); }
PyObject* get_tail(PyObject* self, void*) { return Py_NewRef(reinterpret_cast<ElementObject*>(self)->tail); }
PyObject* get_attrib(PyObject* self, void*) {
  auto* e = reinterpret_cast<ElementObject*>(self);
  if (!e->extra && create_extra(e, nullptr) < 0) return nullptr;
  return Py_XNewRef(element_get_attrib(e));
}
int set_tag(PyObject* self, PyObject* v, void*) {
  if (refuse_delete(v) < 0) return -1;
  set_ref(&reinterpret_cast<ElementObject*>(self)->tag, Py_NewRef(v));
  return 0;
}
int set_text(PyObject* self, PyObject* v, void*) {
  if (refuse_delete(v) < 0) return -1;
  set_ref(&reinterpret_cast<ElementObject*>(self)->text, Py_NewRef(v));
  return 0;
}
int set_tail(PyObject* self, PyObject* v, void*) {
  if (refuse_delete(v) < 0) return -1;
  set_ref(&reinterpret_cast<ElementObject*>(self)->tail, Py_NewRef(v));
  return 0;
}
int set_attrib(PyObject* self, PyObject* v, void*) {
  if (refuse_delete(v) < 0) return -1;
  if (!PyDict_Check(v)) {
    PyErr_Format(PyExc_TypeError, "attrib must be dict, not %.200s", Py_TYPE(v)->tp_name);
    return -1;
  }
  auto* e = reinterpret_cast<ElementObject*>(self);
  if (!e->extra && create_extra(e, nullptr) < 0) return -1;
  set_ref(&e->extra->attrib, Py_NewRef(v));
  return 0;
}

#define METH_O_(name, fn) {name, reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(fn)), METH_O, nullptr}
#define METH_NOARGS_(name, fn) \
  {name, reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(fn)), METH_NOARGS, nullptr}
#define METH_VARARGS_(name, fn) \
  {name, reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(fn)), METH_VARARGS, nullptr}
#define METH_KW_(name, fn) \
  {name, reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(fn)), METH_VARARGS | METH_KEYWORDS, nullptr}

PyMethodDef element_methods[] = {
    METH_NOARGS_("clear", el_clear),
    METH_KW_("get", el_get),
    METH_VARARGS_("set", el_set),
    METH_KW_("find", el_find),
    METH_KW_("findtext", el_findtext),
    METH_KW_("findall", el_findall),
    METH_O_("append", el_append),
    METH_O_("extend", el_extend),
    METH_VARARGS_("insert", el_insert),
    METH_O_("remove", el_remove),
    METH_KW_("iter", el_iter),
    METH_NOARGS_("itertext", el_itertext),
    METH_KW_("iterfind", el_iterfind),
    METH_NOARGS_("items", el_items),
    METH_NOARGS_("keys", el_keys),
    METH_VARARGS_("makeelement", el_makeelement),
    METH_NOARGS_("__copy__", el_copy),
    METH_O_("__deepcopy__", el_deepcopy),
    METH_NOARGS_("__sizeof__", el_sizeof),
    METH_NOARGS_("__getstate__", el_getstate),
    METH_O_("__setstate__", el_setstate),
    {nullptr, nullptr, 0, nullptr},
};

PyGetSetDef element_getset[] = {
    {"tag", get_tag, set_tag, "A string identifying what kind of data this element represents", nullptr},
    {"text", get_text, set_text, "A string of text directly after the start tag, or None", nullptr},
    {"tail", get_tail, set_tail, "A string of text directly after the end tag, or None", nullptr},
    {"attrib", get_attrib, set_attrib, "A dictionary containing the element's attributes", nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

PySequenceMethods element_as_sequence = {
    .sq_length = el_length,
    .sq_item = el_getitem,
    .sq_ass_item = el_setitem,
};

PyMappingMethods element_as_mapping = {
    .mp_length = el_length,
    .mp_subscript = el_subscript,
    .mp_ass_subscript = el_ass_subscript,
};

}  // namespace

PyTypeObject Element_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "xml.etree.ElementTree.Element",
    .tp_basicsize = sizeof(ElementObject),
    .tp_dealloc = element_dealloc,
    .tp_repr = el_repr,
    .tp_as_sequence = &element_as_sequence,
    .tp_as_mapping = &element_as_mapping,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = element_traverse,
    .tp_clear = element_clear_refs,
    .tp_weaklistoffset = offsetof(ElementObject, weakreflist),
    .tp_methods = element_methods,
    .tp_getset = element_getset,
    .tp_init = element_init,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = element_new,
    .tp_free = PyObject_GC_Del,
};

PyObject* create_new_element(PyObject* tag, PyObject* attrib) {
  ElementObject* self = PyObject_GC_New(ElementObject, &Element_Type);
  if (!self) return nullptr;
  self->extra = nullptr;
  self->tag = Py_NewRef(tag);
  self->text = Py_NewRef(Py_None);
  self->tail = Py_NewRef(Py_None);
  self->weakreflist = nullptr;
  PyObject_GC_Track(self);
  if (attrib && !is_empty_dict(attrib) && create_extra(self, attrib) < 0) {
    Py_DECREF(self);
    return nullptr;
  }
  return reinterpret_cast<PyObject*>(self);
}

int element_add_subelement(ElementObject* self, PyObject* child) {
  if (!Element_Check(child)) {
    raise_type_error(child);
    return -1;
  }
  if (element_resize(self, 1) < 0) return -1;
  self->extra->children[self->extra->length++] = Py_NewRef(child);
  return 0;
}

PyObject* get_attrib_from_keywords(PyObject* kwds) {
  Ref<> key = steal(PyUnicode_FromString("attrib"));
  if (!key) return nullptr;
  PyObject* attrib = PyDict_GetItemWithError(kwds, key.get());
  Ref<> result;
  if (attrib) {
    if (!PyDict_Check(attrib)) {
      PyErr_Format(PyExc_TypeError, "attrib must be dict, not %.100s", Py_TYPE(attrib)->tp_name);
      return nullptr;
    }
    result = steal(PyDict_Copy(attrib));
    if (!result || PyDict_DelItem(kwds, key.get()) < 0) return nullptr;
  } else {
    if (PyErr_Occurred()) return nullptr;
    result = steal(PyDict_New());
  }
  if (!result || PyDict_Update(result.get(), kwds) < 0) return nullptr;
  return result.release();
}

}  // namespace krait::etree
