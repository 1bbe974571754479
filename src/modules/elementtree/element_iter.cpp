// element_iter.cpp — _elementtree._element_iterator, behind Element.iter()
// and Element.itertext(): a pre-order walk with an explicit stack of
// (parent, next child index), so deep trees need no C recursion. In text
// mode it yields each element's non-empty text and, after its children, the
// tails of the elements below the starting one.
#include <vector>

#include "modules/elementtree/elementtree.h"
#include "support/ref.h"

namespace krait::etree {
namespace {

struct ParentLocator {
  ElementObject* parent;  // owned
  Py_ssize_t child_index;
};

struct ElementIterObject {
  PyObject_HEAD
  std::vector<ParentLocator>* stack;
  ElementObject* root_element;  // owned until the walk starts
  PyObject* sought_tag;
  bool gettext;
};

void iter_dealloc(PyObject* self) {
  auto* it = reinterpret_cast<ElementIterObject*>(self);
  PyObject_GC_UnTrack(self);
  if (it->stack) {
    for (ParentLocator& p : *it->stack) Py_XDECREF(p.parent);
    delete it->stack;
  }
  Py_XDECREF(it->sought_tag);
  Py_XDECREF(it->root_element);
  PyObject_GC_Del(self);
}

int iter_traverse(PyObject* self, visitproc visit, void* arg) {
  auto* it = reinterpret_cast<ElementIterObject*>(self);
  if (it->stack)
    for (ParentLocator& p : *it->stack) Py_VISIT(p.parent);
  Py_VISIT(it->root_element);
  Py_VISIT(it->sought_tag);
  return 0;
}

// The text to yield, or NULL to go on (text is None or false). -1 on error.
int text_result(PyObject* text, PyObject** out) {
  *out = nullptr;
  if (text == Py_None) return 0;
  Ref<> t = Ref<>::borrow(text);
  int rc = PyObject_IsTrue(t.get());
  if (rc < 0) return -1;
  if (rc > 0) *out = t.release();
  return 0;
}

PyObject* iter_next(PyObject* self) {
  auto* it = reinterpret_cast<ElementIterObject*>(self);
  std::vector<ParentLocator>& stack = *it->stack;
  while (true) {
    Ref<ElementObject> elem;
    if (stack.empty()) {
      if (!it->root_element) return nullptr;
      elem = Ref<ElementObject>::steal(it->root_element);
      it->root_element = nullptr;
    } else {
      ParentLocator& top = stack.back();
      ElementExtra* extra = top.parent->extra;
      if (!extra || top.child_index >= extra->length) {
        Ref<ElementObject> done = Ref<ElementObject>::steal(top.parent);
        stack.pop_back();
        // itertext() yields inner tails only, not the starting element's own tail.
        if (it->gettext && !stack.empty()) {
          PyObject* out;
          if (text_result(done->tail, &out) < 0) return nullptr;
          if (out) return out;
        }
        continue;
      }
      elem = Ref<ElementObject>::borrow(reinterpret_cast<ElementObject*>(extra->children[top.child_index]));
      top.child_index++;
    }
    stack.push_back({Ref<ElementObject>(elem).release(), 0});
    if (it->gettext) {
      PyObject* out;
      if (text_result(elem->text, &out) < 0) return nullptr;
      if (out) return out;
      continue;
    }
    if (it->sought_tag == Py_None) return reinterpret_cast<PyObject*>(elem.release());
    int rc = PyObject_RichCompareBool(elem->tag, it->sought_tag, Py_EQ);
    if (rc > 0) return reinterpret_cast<PyObject*>(elem.release());
    if (rc < 0) return nullptr;
  }
}

}  // namespace

PyTypeObject ElementIter_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "_elementtree._element_iterator",
    .tp_basicsize = sizeof(ElementIterObject),
    .tp_dealloc = iter_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_DISALLOW_INSTANTIATION,
    .tp_traverse = iter_traverse,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = iter_next,
};

PyObject* create_elementiter(ElementObject* self, PyObject* tag, bool gettext) {
  ElementIterObject* it = PyObject_GC_New(ElementIterObject, &ElementIter_Type);
  if (!it) return nullptr;
  it->sought_tag = Py_NewRef(tag);
  it->gettext = gettext;
  it->root_element = reinterpret_cast<ElementObject*>(Py_NewRef(reinterpret_cast<PyObject*>(self)));
  it->stack = new std::vector<ParentLocator>();
  PyObject_GC_Track(it);
  return reinterpret_cast<PyObject*>(it);
}

}  // namespace krait::etree
