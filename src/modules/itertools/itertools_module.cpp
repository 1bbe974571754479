// itertools_module.cpp — the `itertools` module: the simple iterator types
// (count, cycle, repeat, accumulate, chain, compress, dropwhile, filterfalse,
// groupby/_grouper, islice, pairwise, starmap, takewhile, zip_longest) and the
// module init. tee lives in itertools_tee.cpp, the combinatoric iterators in
// itertools_combinatorics.cpp.
//
// Every type keeps CPython 3.11's observable behaviour: argument parsing and
// its messages, reprs of count/repeat, which iterators drop their source once
// exhausted, and the order in which user callables are invoked.
#include "modules/itertools/itertools.h"

#include "objects/container_util.h"
#include "support/ref.h"

using namespace krait;

namespace krait::itertools {

void dealloc_gc(PyObject* self, std::initializer_list<PyObject**> fields) {
  PyObject_GC_UnTrack(self);
  for (PyObject** f : fields) Py_CLEAR(*f);
  Py_TYPE(self)->tp_free(self);
}

bool no_keywords(PyTypeObject* type, PyTypeObject* exact, const char* name, PyObject* kw) {
  // Subclasses that define __init__ may take keywords there; the others may not.
  if (type != exact && type->tp_init != exact->tp_init) return true;
  return _PyArg_NoKeywords(name, kw) != 0;
}

}  // namespace krait::itertools

using namespace krait::itertools;

namespace {

#define VISIT_ALL(...)                                   \
  do {                                                   \
    for (PyObject* o_ : {__VA_ARGS__}) Py_VISIT(o_);     \
  } while (0)

// ---------------------------------------------------------------- count

struct CountObject {
  PyObject_HEAD
  Py_ssize_t cnt;      // fast mode: current value, long_cnt == nullptr
  PyObject* long_cnt;  // slow mode value (any number)
  PyObject* long_step;
};

PyObject* count_new(PyTypeObject* type, PyObject* args, PyObject* kwds) {
  static const char* kwlist[] = {"start", "step", nullptr};
  PyObject* start = nullptr;
  PyObject* step = nullptr;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "|OO:count", const_cast<char**>(kwlist), &start,
                                   &step))
    return nullptr;
  if ((start && !PyNumber_Check(start)) || (step && !PyNumber_Check(step))) {
    PyErr_SetString(PyExc_TypeError, "a number is required");
    return nullptr;
  }
  Ref<> long_step = step ? borrow(step) : steal(PyLong_FromLong(1));
  if (!long_step) return nullptr;
  Py_ssize_t cnt = 0;
  bool fast = false;
  Ref<> long_cnt;
  if (start == nullptr) {
    fast = true;
  } else {
    long_cnt = borrow(start);
    if (PyLong_Check(start)) {
      int overflow;
      cnt = PyLong_AsLongAndOverflow(start, &overflow);
      if (cnt == -1 && PyErr_Occurred()) return nullptr;
      fast = overflow == 0;
    }
  }
  // Fast mode only when the step is exactly int 1.
  if (fast) {
    if (PyLong_Check(long_step.get())) {
      int overflow;
      long s = PyLong_AsLongAndOverflow(long_step.get(), &overflow);
      if (s == -1 && PyErr_Occurred()) return nullptr;
      fast = overflow == 0 && s == 1;
    } else {
      fast = false;
    }
  }
  if (!fast && !long_cnt) {
    long_cnt = steal(PyLong_FromLong(0));
    if (!long_cnt) return nullptr;
  }
  auto* lz = reinterpret_cast<CountObject*>(type->tp_alloc(type, 0));
  if (!lz) return nullptr;
  lz->cnt = cnt;
  lz->long_cnt = fast ? nullptr : long_cnt.release();
  lz->long_step = long_step.release();
  return reinterpret_cast<PyObject*>(lz);
}

void count_dealloc(PyObject* op) {
  auto* lz = reinterpret_cast<CountObject*>(op);
  dealloc_gc(op, {&lz->long_cnt, &lz->long_step});
}

int count_traverse(PyObject* op, visitproc visit, void* arg) {
  auto* lz = reinterpret_cast<CountObject*>(op);
  Py_VISIT(lz->long_cnt);
  Py_VISIT(lz->long_step);
  return 0;
}

PyObject* count_next(PyObject* op) {
  auto* lz = reinterpret_cast<CountObject*>(op);
  if (lz->long_cnt == nullptr) {
    if (lz->cnt != PY_SSIZE_T_MAX) return PyLong_FromSsize_t(lz->cnt++);
    // Leaving the machine range: continue with arbitrary-precision ints.
    lz->long_cnt = PyLong_FromSsize_t(PY_SSIZE_T_MAX);
    if (!lz->long_cnt) return nullptr;
  }
  PyObject* val = lz->long_cnt;
  PyObject* next = PyNumber_Add(val, lz->long_step);
  if (!next) return nullptr;
  lz->long_cnt = next;
  return val;  // the reference the object held passes to the caller
}

PyObject* count_repr(PyObject* op) {
  auto* lz = reinterpret_cast<CountObject*>(op);
  const char* name = _PyType_Name(Py_TYPE(op));
  if (lz->long_cnt == nullptr) return PyUnicode_FromFormat("%s(%zd)", name, lz->cnt);
  if (PyLong_Check(lz->long_step)) {
    int overflow;
    long s = PyLong_AsLongAndOverflow(lz->long_step, &overflow);
    if (s == -1 && PyErr_Occurred()) return nullptr;
    if (overflow == 0 && s == 1) return PyUnicode_FromFormat("%s(%R)", name, lz->long_cnt);
  }
  return PyUnicode_FromFormat("%s(%R, %R)", name, lz->long_cnt, lz->long_step);
}

PyObject* count_reduce(PyObject* op, PyObject*) {
  auto* lz = reinterpret_cast<CountObject*>(op);
  if (lz->long_cnt == nullptr) return Py_BuildValue("O(n)", Py_TYPE(op), lz->cnt);
  return Py_BuildValue("O(OO)", Py_TYPE(op), lz->long_cnt, lz->long_step);
}

PyMethodDef count_methods[] = {
    {"__reduce__", count_reduce, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

// ---------------------------------------------------------------- cycle

struct CycleObject {
  PyObject_HEAD
  PyObject* it;
  PyObject* saved;
  Py_ssize_t index;
  int firstpass;
};

PyObject* cycle_new(PyTypeObject* type, PyObject* args, PyObject* kwds) {
  if (!no_keywords(type, &cycle_type, "cycle", kwds)) return nullptr;
  if (!_PyArg_CheckPositional("cycle", PyTuple_GET_SIZE(args), 1, 1)) return nullptr;
  Ref<> it = steal(PyObject_GetIter(PyTuple_GET_ITEM(args, 0)));
  if (!it) return nullptr;
  Ref<> saved = steal(PyList_New(0));
  if (!saved) return nullptr;
  auto* lz = reinterpret_cast<CycleObject*>(type->tp_alloc(type, 0));
  if (!lz) return nullptr;
  lz->it = it.release();
  lz->saved = saved.release();
  lz->index = 0;
  lz->firstpass = 0;
  return reinterpret_cast<PyObject*>(lz);
}

void cycle_dealloc(PyObject* op) {
  auto* lz = reinterpret_cast<CycleObject*>(op);
  dealloc_gc(op, {&lz->it, &lz->saved});
}

int cycle_traverse(PyObject* op, visitproc visit, void* arg) {
  auto* lz = reinterpret_cast<CycleObject*>(op);
  Py_VISIT(lz->it);
  Py_VISIT(lz->saved);
  return 0;
}

PyObject* cycle_next(PyObject* op) {
  auto* lz = reinterpret_cast<CycleObject*>(op);
  if (lz->it != nullptr) {
    PyObject* item = PyIter_Next(lz->it);
    if (item != nullptr) {
      if (lz->firstpass) return item;
      if (PyList_Append(lz->saved, item) < 0) {
        Py_DECREF(item);
        return nullptr;
      }
      return item;
    }
    if (PyErr_Occurred()) return nullptr;
    Py_CLEAR(lz->it);
  }
  Py_ssize_t n = PyList_GET_SIZE(lz->saved);
  if (n == 0) return nullptr;
  PyObject* item = PyList_GET_ITEM(lz->saved, lz->index);
  if (++lz->index >= n) lz->index = 0;
  return Py_NewRef(item);
}

// Pickled as cycle(it) plus (saved, firstpass); once the source is exhausted the
// saved list is re-iterated from the current position and marked as the first pass done.
PyObject* cycle_reduce(PyObject* op, PyObject*) {
  auto* lz = reinterpret_cast<CycleObject*>(op);
  if (lz->it == nullptr) {
    Ref<> it = steal(PyObject_GetIter(lz->saved));
    if (!it) return nullptr;
    if (lz->index != 0) {
      Ref<> r = steal(PyObject_CallMethod(it.get(), "__setstate__", "n", lz->index));
      if (!r) return nullptr;
    }
    return Py_BuildValue("O(O)(OO)", Py_TYPE(op), it.get(), lz->saved, Py_True);
  }
  return Py_BuildValue("O(O)(OO)", Py_TYPE(op), lz->it, lz->saved,
                       lz->firstpass ? Py_True : Py_False);
}

PyObject* cycle_setstate(PyObject* op, PyObject* state) {
  auto* lz = reinterpret_cast<CycleObject*>(op);
  if (!PyTuple_Check(state)) {
    PyErr_SetString(PyExc_TypeError, "state is not a tuple");
    return nullptr;
  }
  PyObject* saved;
  int firstpass;
  // Old pickles carry 1/0, new ones True/False.
  if (!PyArg_ParseTuple(state, "O!i", &PyList_Type, &saved, &firstpass)) return nullptr;
  Py_XSETREF(lz->saved, Py_NewRef(saved));
  lz->firstpass = firstpass != 0;
  lz->index = 0;
  Py_RETURN_NONE;
}

PyMethodDef cycle_methods[] = {
    {"__reduce__", cycle_reduce, METH_NOARGS, "Return state information for pickling."},
    {"__setstate__", cycle_setstate, METH_O, "Set state information for unpickling."},
    {nullptr, nullptr, 0, nullptr},
};

// ---------------------------------------------------------------- repeat

struct RepeatObject {
  PyObject_HEAD
  PyObject* element;
  Py_ssize_t cnt;  // -1: forever
};

PyObject* repeat_new(PyTypeObject* type, PyObject* args, PyObject* kwds) {
  static const char* kwlist[] = {"object", "times", nullptr};
  PyObject* element;
  Py_ssize_t cnt = -1;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "O|n:repeat", const_cast<char**>(kwlist),
                                   &element, &cnt))
    return nullptr;
  Py_ssize_t nargs = PyTuple_GET_SIZE(args) + (kwds ? PyDict_GET_SIZE(kwds) : 0);
  // A negative count means zero repetitions (only when given explicitly).
  if (nargs == 2 && cnt < 0) cnt = 0;
  auto* ro = reinterpret_cast<RepeatObject*>(type->tp_alloc(type, 0));
  if (!ro) return nullptr;
  ro->element = Py_NewRef(element);
  ro->cnt = cnt;
  return reinterpret_cast<PyObject*>(ro);
}

void repeat_dealloc(PyObject* op) {
  auto* ro = reinterpret_cast<RepeatObject*>(op);
  dealloc_gc(op, {&ro->element});
}

int repeat_traverse(PyObject* op, visitproc visit, void* arg) {
  Py_VISIT(reinterpret_cast<RepeatObject*>(op)->element);
  return 0;
}

PyObject* repeat_next(PyObject* op) {
  auto* ro = reinterpret_cast<RepeatObject*>(op);
  if (ro->cnt == 0) return nullptr;
  if (ro->cnt > 0) ro->cnt--;
  return Py_NewRef(ro->element);
}

PyObject* repeat_repr(PyObject* op) {
  auto* ro = reinterpret_cast<RepeatObject*>(op);
  const char* name = _PyType_Name(Py_TYPE(op));
  if (ro->cnt == -1) return PyUnicode_FromFormat("%s(%R)", name, ro->element);
  return PyUnicode_FromFormat("%s(%R, %zd)", name, ro->element, ro->cnt);
}

PyObject* repeat_len(PyObject* op, PyObject*) {
  auto* ro = reinterpret_cast<RepeatObject*>(op);
  if (ro->cnt == -1) {
    PyErr_SetString(PyExc_TypeError, "len() of unsized object");
    return nullptr;
  }
  return PyLong_FromSsize_t(ro->cnt);
}

PyObject* repeat_reduce(PyObject* op, PyObject*) {
  auto* ro = reinterpret_cast<RepeatObject*>(op);
  if (ro->cnt >= 0) return Py_BuildValue("O(On)", Py_TYPE(op), ro->element, ro->cnt);
  return Py_BuildValue("O(O)", Py_TYPE(op), ro->element);
}

PyMethodDef repeat_methods[] = {
    {"__length_hint__", repeat_len, METH_NOARGS, "Private method returning an estimate of len(list(it))."},
    {"__reduce__", repeat_reduce, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

// ---------------------------------------------------------------- accumulate

struct AccumulateObject {
  PyObject_HEAD
  PyObject* total;
  PyObject* it;
  PyObject* binop;    // nullptr: addition
  PyObject* initial;  // Py_None once consumed or when not given
};

PyObject* accumulate_new(PyTypeObject* type, PyObject* args, PyObject* kwds) {
  static const char* kwlist[] = {"iterable", "func", "initial", nullptr};
  PyObject* iterable;
  PyObject* binop = Py_None;
  PyObject* initial = Py_None;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "O|O$O:accumulate", const_cast<char**>(kwlist),
                                   &iterable, &binop, &initial))
    return nullptr;
  Ref<> it = steal(PyObject_GetIter(iterable));
  if (!it) return nullptr;
  auto* lz = reinterpret_cast<AccumulateObject*>(type->tp_alloc(type, 0));
  if (!lz) return nullptr;
  lz->total = nullptr;
  lz->it = it.release();
  lz->binop = binop == Py_None ? nullptr : Py_NewRef(binop);
  lz->initial = Py_NewRef(initial);
  return reinterpret_cast<PyObject*>(lz);
}

void accumulate_dealloc(PyObject* op) {
  auto* lz = reinterpret_cast<AccumulateObject*>(op);
  dealloc_gc(op, {&lz->total, &lz->it, &lz->binop, &lz->initial});
}

int accumulate_traverse(PyObject* op, visitproc visit, void* arg) {
  auto* lz = reinterpret_cast<AccumulateObject*>(op);
  Py_VISIT(lz->total);
  Py_VISIT(lz->it);
  Py_VISIT(lz->binop);
  Py_VISIT(lz->initial);
  return 0;
}

PyObject* accumulate_next(PyObject* op) {
  auto* lz = reinterpret_cast<AccumulateObject*>(op);
  if (lz->initial != Py_None) {
    lz->total = lz->initial;
    lz->initial = Py_NewRef(Py_None);
    return Py_NewRef(lz->total);
  }
  PyObject* val = Py_TYPE(lz->it)->tp_iternext(lz->it);
  if (!val) return nullptr;
  if (lz->total == nullptr) {
    lz->total = Py_NewRef(val);
    return val;
  }
  PyObject* newtotal = lz->binop == nullptr
                           ? PyNumber_Add(lz->total, val)
                           : PyObject_CallFunctionObjArgs(lz->binop, lz->total, val, nullptr);
  Py_DECREF(val);
  if (!newtotal) return nullptr;
  Py_SETREF(lz->total, newtotal);
  return Py_NewRef(newtotal);
}

// An unconsumed initial value rides in front of the source (chain((initial,), it)); a
// running total of None cannot be restored by __setstate__ (None means "no total"), so
// then the pickle replays it as islice(accumulate(chain((None,), it), func), 1, None).
PyObject* accumulate_reduce(PyObject* op, PyObject*) {
  auto* lz = reinterpret_cast<AccumulateObject*>(op);
  PyObject* binop = lz->binop ? lz->binop : Py_None;
  auto* chain = reinterpret_cast<PyObject*>(&chain_type);
  if (lz->initial != Py_None) {
    Ref<> it = steal(PyObject_CallFunction(chain, "(O)O", lz->initial, lz->it));
    if (!it) return nullptr;
    return Py_BuildValue("O(OO)O", Py_TYPE(op), it.get(), binop, Py_None);
  }
  if (lz->total == Py_None) {
    Ref<> it = steal(PyObject_CallFunction(chain, "(O)O", lz->total, lz->it));
    if (!it) return nullptr;
    it = steal(PyObject_CallFunction(reinterpret_cast<PyObject*>(Py_TYPE(op)), "OO", it.get(), binop));
    if (!it) return nullptr;
    return Py_BuildValue("O(OiO)", &islice_type, it.get(), 1, Py_None);
  }
  return Py_BuildValue("O(OO)O", Py_TYPE(op), lz->it, binop, lz->total ? lz->total : Py_None);
}

PyObject* accumulate_setstate(PyObject* op, PyObject* state) {
  auto* lz = reinterpret_cast<AccumulateObject*>(op);
  Py_XSETREF(lz->total, Py_NewRef(state));
  Py_RETURN_NONE;
}

PyMethodDef accumulate_methods[] = {
    {"__reduce__", accumulate_reduce, METH_NOARGS, "Return state information for pickling."},
    {"__setstate__", accumulate_setstate, METH_O, "Set state information for unpickling."},
    {nullptr, nullptr, 0, nullptr},
};

// ---------------------------------------------------------------- chain

struct ChainObject {
  PyObject_HEAD
  PyObject* source;  // iterator over the iterables
  PyObject* active;  // iterator currently drained
};

PyObject* chain_alloc(PyTypeObject* type, PyObject* source) {
  auto* lz = reinterpret_cast<ChainObject*>(type->tp_alloc(type, 0));
  if (!lz) {
    Py_DECREF(source);
    return nullptr;
  }
  lz->source = source;
  lz->active = nullptr;
  return reinterpret_cast<PyObject*>(lz);
}

PyObject* chain_new(PyTypeObject* type, PyObject* args, PyObject* kwds) {
  if (!no_keywords(type, &chain_type, "chain", kwds)) return nullptr;
  PyObject* source = PyObject_GetIter(args);
  if (!source) return nullptr;
  return chain_alloc(type, source);
}

PyObject* chain_from_iterable(PyObject* type, PyObject* arg) {
  PyObject* source = PyObject_GetIter(arg);
  if (!source) return nullptr;
  return chain_alloc(reinterpret_cast<PyTypeObject*>(type), source);
}

void chain_dealloc(PyObject* op) {
  auto* lz = reinterpret_cast<ChainObject*>(op);
  dealloc_gc(op, {&lz->source, &lz->active});
}

int chain_traverse(PyObject* op, visitproc visit, void* arg) {
  auto* lz = reinterpret_cast<ChainObject*>(op);
  Py_VISIT(lz->source);
  Py_VISIT(lz->active);
  return 0;
}

PyObject* chain_next(PyObject* op) {
  auto* lz = reinterpret_cast<ChainObject*>(op);
  while (lz->source != nullptr) {
    if (lz->active == nullptr) {
      PyObject* iterable = PyIter_Next(lz->source);
      if (!iterable) {
        Py_CLEAR(lz->source);
        return nullptr;
      }
      lz->active = PyObject_GetIter(iterable);
      Py_DECREF(iterable);
      if (!lz->active) {
        Py_CLEAR(lz->source);
        return nullptr;
      }
    }
    PyObject* item = Py_TYPE(lz->active)->tp_iternext(lz->active);
    if (item) return item;
    if (PyErr_Occurred()) {
      if (!PyErr_ExceptionMatches(PyExc_StopIteration)) return nullptr;
      PyErr_Clear();
    }
    Py_CLEAR(lz->active);
  }
  return nullptr;
}

// chain() with (source[, active]) as the state, since from_iterable's argument may not
// be re-creatable.
PyObject* chain_reduce(PyObject* op, PyObject*) {
  auto* lz = reinterpret_cast<ChainObject*>(op);
  if (lz->source == nullptr) return Py_BuildValue("O()", Py_TYPE(op));
  if (lz->active != nullptr) return Py_BuildValue("O()(OO)", Py_TYPE(op), lz->source, lz->active);
  return Py_BuildValue("O()(O)", Py_TYPE(op), lz->source);
}

PyObject* chain_setstate(PyObject* op, PyObject* state) {
  auto* lz = reinterpret_cast<ChainObject*>(op);
  if (!PyTuple_Check(state)) {
    PyErr_SetString(PyExc_TypeError, "state is not a tuple");
    return nullptr;
  }
  PyObject* source;
  PyObject* active = nullptr;
  if (!PyArg_ParseTuple(state, "O|O", &source, &active)) return nullptr;
  if (!PyIter_Check(source) || (active != nullptr && !PyIter_Check(active))) {
    PyErr_SetString(PyExc_TypeError, "Arguments must be iterators.");
    return nullptr;
  }
  Py_XSETREF(lz->source, Py_NewRef(source));
  Py_XSETREF(lz->active, Py_XNewRef(active));
  Py_RETURN_NONE;
}

PyMethodDef chain_methods[] = {
    {"from_iterable", chain_from_iterable, METH_O | METH_CLASS,
     "Alternative chain() constructor taking a single iterable argument that evaluates lazily."},
    {"__reduce__", chain_reduce, METH_NOARGS, "Return state information for pickling."},
    {"__setstate__", chain_setstate, METH_O, "Set state information for unpickling."},
    {"__class_getitem__", Py_GenericAlias, METH_O | METH_CLASS,
     "See PEP 585"},
    {nullptr, nullptr, 0, nullptr},
};

// ---------------------------------------------------------------- compress

struct CompressObject {
  PyObject_HEAD
  PyObject* data;
  PyObject* selectors;
};

PyObject* compress_new(PyTypeObject* type, PyObject* args, PyObject* kwds) {
  static const char* kwlist[] = {"data", "selectors", nullptr};
  PyObject *seq1, *seq2;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "OO:compress", const_cast<char**>(kwlist), &seq1,
                                   &seq2))
    return nullptr;
  Ref<> data = steal(PyObject_GetIter(seq1));
  if (!data) return nullptr;
  Ref<> selectors = steal(PyObject_GetIter(seq2));
  if (!selectors) return nullptr;
  auto* lz = reinterpret_cast<CompressObject*>(type->tp_alloc(type, 0));
  if (!lz) return nullptr;
  lz->data = data.release();
  lz->selectors = selectors.release();
  return reinterpret_cast<PyObject*>(lz);
}

void compress_dealloc(PyObject* op) {
  auto* lz = reinterpret_cast<CompressObject*>(op);
  dealloc_gc(op, {&lz->data, &lz->selectors});
}

int compress_traverse(PyObject* op, visitproc visit, void* arg) {
  auto* lz = reinterpret_cast<CompressObject*>(op);
  Py_VISIT(lz->data);
  Py_VISIT(lz->selectors);
  return 0;
}

PyObject* compress_next(PyObject* op) {
  auto* lz = reinterpret_cast<CompressObject*>(op);
  for (;;) {
    PyObject* datum = Py_TYPE(lz->data)->tp_iternext(lz->data);
    if (!datum) return nullptr;
    PyObject* selector = Py_TYPE(lz->selectors)->tp_iternext(lz->selectors);
    if (!selector) {
      Py_DECREF(datum);
      return nullptr;
    }
    int ok = PyObject_IsTrue(selector);
    Py_DECREF(selector);
    if (ok > 0) return datum;
    Py_DECREF(datum);
    if (ok < 0) return nullptr;
  }
}

PyObject* compress_reduce(PyObject* op, PyObject*) {
  auto* lz = reinterpret_cast<CompressObject*>(op);
  return Py_BuildValue("O(OO)", Py_TYPE(op), lz->data, lz->selectors);
}

PyMethodDef compress_methods[] = {
    {"__reduce__", compress_reduce, METH_NOARGS, "Return state information for pickling."},
    {nullptr, nullptr, 0, nullptr},
};

// ------------------------------------ dropwhile / takewhile / filterfalse / starmap
// All four hold (func, it) and take exactly two positional arguments.

struct FuncIterObject {
  PyObject_HEAD
  PyObject* func;
  PyObject* it;
  long state;  // dropwhile: started; takewhile: stopped
};

PyObject* funciter_new(PyTypeObject* type, PyTypeObject* exact, const char* name, PyObject* args,
                       PyObject* kwds) {
  if (!no_keywords(type, exact, name, kwds)) return nullptr;
  if (!_PyArg_CheckPositional(name, PyTuple_GET_SIZE(args), 2, 2)) return nullptr;
  Ref<> it = steal(PyObject_GetIter(PyTuple_GET_ITEM(args, 1)));
  if (!it) return nullptr;
  auto* lz = reinterpret_cast<FuncIterObject*>(type->tp_alloc(type, 0));
  if (!lz) return nullptr;
  lz->func = Py_NewRef(PyTuple_GET_ITEM(args, 0));
  lz->it = it.release();
  lz->state = 0;
  return reinterpret_cast<PyObject*>(lz);
}

void funciter_dealloc(PyObject* op) {
  auto* lz = reinterpret_cast<FuncIterObject*>(op);
  dealloc_gc(op, {&lz->func, &lz->it});
}

int funciter_traverse(PyObject* op, visitproc visit, void* arg) {
  auto* lz = reinterpret_cast<FuncIterObject*>(op);
  Py_VISIT(lz->func);
  Py_VISIT(lz->it);
  return 0;
}

PyObject* dropwhile_new(PyTypeObject* type, PyObject* args, PyObject* kwds) {
  return funciter_new(type, &dropwhile_type, "dropwhile", args, kwds);
}
PyObject* takewhile_new(PyTypeObject* type, PyObject* args, PyObject* kwds) {
  return funciter_new(type, &takewhile_type, "takewhile", args, kwds);
}
PyObject* filterfalse_new(PyTypeObject* type, PyObject* args, PyObject* kwds) {
  return funciter_new(type, &filterfalse_type, "filterfalse", args, kwds);
}
PyObject* starmap_new(PyTypeObject* type, PyObject* args, PyObject* kwds) {
  return funciter_new(type, &starmap_type, "starmap", args, kwds);
}

// Calls func(item) and returns its truth, or -1.
int call_truth(PyObject* func, PyObject* item) {
  PyObject* good = PyObject_CallOneArg(func, item);
  if (!good) return -1;
  int ok = PyObject_IsTrue(good);
  Py_DECREF(good);
  return ok;
}

PyObject* dropwhile_next(PyObject* op) {
  auto* lz = reinterpret_cast<FuncIterObject*>(op);
  for (;;) {
    PyObject* item = Py_TYPE(lz->it)->tp_iternext(lz->it);
    if (!item) return nullptr;
    if (lz->state == 1) return item;
    int ok = call_truth(lz->func, item);
    if (ok == 0) {
      lz->state = 1;
      return item;
    }
    Py_DECREF(item);
    if (ok < 0) return nullptr;
  }
}

PyObject* takewhile_next(PyObject* op) {
  auto* lz = reinterpret_cast<FuncIterObject*>(op);
  if (lz->state == 1) return nullptr;
  PyObject* item = Py_TYPE(lz->it)->tp_iternext(lz->it);
  if (!item) return nullptr;
  int ok = call_truth(lz->func, item);
  if (ok > 0) return item;
  Py_DECREF(item);
  if (ok == 0) lz->state = 1;
  return nullptr;
}

PyObject* filterfalse_next(PyObject* op) {
  auto* lz = reinterpret_cast<FuncIterObject*>(op);
  for (;;) {
    PyObject* item = Py_TYPE(lz->it)->tp_iternext(lz->it);
    if (!item) return nullptr;
    int ok;
    if (lz->func == Py_None || lz->func == reinterpret_cast<PyObject*>(&PyBool_Type))
      ok = PyObject_IsTrue(item);
    else
      ok = call_truth(lz->func, item);
    if (ok == 0) return item;
    Py_DECREF(item);
    if (ok < 0) return nullptr;
  }
}

PyObject* starmap_next(PyObject* op) {
  auto* lz = reinterpret_cast<FuncIterObject*>(op);
  PyObject* args = Py_TYPE(lz->it)->tp_iternext(lz->it);
  if (!args) return nullptr;
  if (!PyTuple_CheckExact(args)) {
    PyObject* t = PySequence_Tuple(args);
    Py_DECREF(args);
    if (!t) return nullptr;
    args = t;
  }
  PyObject* result = PyObject_Call(lz->func, args, nullptr);
  Py_DECREF(args);
  return result;
}

// All four pickle as type(func, it); dropwhile and takewhile add their flag as the state.
PyObject* funciter_reduce(PyObject* op, PyObject*) {
  auto* lz = reinterpret_cast<FuncIterObject*>(op);
  return Py_BuildValue("O(OO)", Py_TYPE(op), lz->func, lz->it);
}

PyObject* funciter_reduce_state(PyObject* op, PyObject*) {
  auto* lz = reinterpret_cast<FuncIterObject*>(op);
  return Py_BuildValue("O(OO)l", Py_TYPE(op), lz->func, lz->it, lz->state);
}

PyObject* funciter_setstate(PyObject* op, PyObject* state) {
  int flag = PyObject_IsTrue(state);
  if (flag < 0) return nullptr;
  reinterpret_cast<FuncIterObject*>(op)->state = flag;
  Py_RETURN_NONE;
}

PyMethodDef funciter_methods[] = {
    {"__reduce__", funciter_reduce, METH_NOARGS, "Return state information for pickling."},
    {nullptr, nullptr, 0, nullptr},
};

PyMethodDef funciter_state_methods[] = {
    {"__reduce__", funciter_reduce_state, METH_NOARGS, "Return state information for pickling."},
    {"__setstate__", funciter_setstate, METH_O, "Set state information for unpickling."},
    {nullptr, nullptr, 0, nullptr},
};

PyMethodDef* const dropwhile_methods = funciter_state_methods;
PyMethodDef* const takewhile_methods = funciter_state_methods;
PyMethodDef* const filterfalse_methods = funciter_methods;
PyMethodDef* const starmap_methods = funciter_methods;

// ---------------------------------------------------------------- groupby

struct GroupbyObject {
  PyObject_HEAD
  PyObject* it;
  PyObject* keyfunc;
  PyObject* tgtkey;
  PyObject* currkey;
  PyObject* currvalue;
  const void* currgrouper;  // borrowed identity of the live _grouper
};

struct GrouperObject {
  PyObject_HEAD
  PyObject* parent;
  PyObject* tgtkey;
};

PyObject* groupby_new(PyTypeObject* type, PyObject* args, PyObject* kwds) {
  static const char* kwlist[] = {"iterable", "key", nullptr};
  PyObject* iterable;
  PyObject* keyfunc = Py_None;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "O|O:groupby", const_cast<char**>(kwlist),
                                   &iterable, &keyfunc))
    return nullptr;
  Ref<> it = steal(PyObject_GetIter(iterable));
  if (!it) return nullptr;
  auto* gbo = reinterpret_cast<GroupbyObject*>(type->tp_alloc(type, 0));
  if (!gbo) return nullptr;
  gbo->it = it.release();
  gbo->keyfunc = Py_NewRef(keyfunc);
  gbo->tgtkey = gbo->currkey = gbo->currvalue = nullptr;
  gbo->currgrouper = nullptr;
  return reinterpret_cast<PyObject*>(gbo);
}

void groupby_dealloc(PyObject* op) {
  auto* g = reinterpret_cast<GroupbyObject*>(op);
  dealloc_gc(op, {&g->it, &g->keyfunc, &g->tgtkey, &g->currkey, &g->currvalue});
}

int groupby_traverse(PyObject* op, visitproc visit, void* arg) {
  auto* g = reinterpret_cast<GroupbyObject*>(op);
  Py_VISIT(g->it);
  Py_VISIT(g->keyfunc);
  Py_VISIT(g->tgtkey);
  Py_VISIT(g->currkey);
  Py_VISIT(g->currvalue);
  return 0;
}

// Advances to the next value and computes its key; -1 at the end or on error.
int groupby_step(GroupbyObject* g) {
  PyObject* newvalue = PyIter_Next(g->it);
  if (!newvalue) return -1;
  PyObject* newkey;
  if (g->keyfunc == Py_None) {
    newkey = Py_NewRef(newvalue);
  } else {
    newkey = PyObject_CallOneArg(g->keyfunc, newvalue);
    if (!newkey) {
      Py_DECREF(newvalue);
      return -1;
    }
  }
  Py_XSETREF(g->currvalue, newvalue);
  Py_XSETREF(g->currkey, newkey);
  return 0;
}

PyObject* grouper_create(GroupbyObject* parent, PyObject* tgtkey) {
  auto* igo = PyObject_GC_New(GrouperObject, &grouper_type);
  if (!igo) return nullptr;
  igo->parent = Py_NewRef(reinterpret_cast<PyObject*>(parent));
  igo->tgtkey = Py_NewRef(tgtkey);
  parent->currgrouper = igo;
  PyObject_GC_Track(igo);
  return reinterpret_cast<PyObject*>(igo);
}

PyObject* groupby_next(PyObject* op) {
  auto* g = reinterpret_cast<GroupbyObject*>(op);
  g->currgrouper = nullptr;
  // Skip the rest of the current group.
  for (;;) {
    if (g->currkey == nullptr) {
      // need a value
    } else if (g->tgtkey == nullptr) {
      break;
    } else {
      int rcmp = PyObject_RichCompareBool(g->tgtkey, g->currkey, Py_EQ);
      if (rcmp == -1) return nullptr;
      if (rcmp == 0) break;
    }
    if (groupby_step(g) < 0) return nullptr;
  }
  Py_INCREF(g->currkey);
  Py_XSETREF(g->tgtkey, g->currkey);
  PyObject* grouper = grouper_create(g, g->tgtkey);
  if (!grouper) return nullptr;
  PyObject* r = PyTuple_Pack(2, g->currkey, grouper);
  Py_DECREF(grouper);
  return r;
}

// groupby(it, key), plus (currkey, currvalue, tgtkey) once it has started.
PyObject* groupby_reduce(PyObject* op, PyObject*) {
  auto* g = reinterpret_cast<GroupbyObject*>(op);
  if (g->tgtkey && g->currkey && g->currvalue)
    return Py_BuildValue("O(OO)(OOO)", Py_TYPE(op), g->it, g->keyfunc, g->currkey, g->currvalue,
                         g->tgtkey);
  return Py_BuildValue("O(OO)", Py_TYPE(op), g->it, g->keyfunc);
}

PyObject* groupby_setstate(PyObject* op, PyObject* state) {
  auto* g = reinterpret_cast<GroupbyObject*>(op);
  if (!PyTuple_Check(state)) {
    PyErr_SetString(PyExc_TypeError, "state is not a tuple");
    return nullptr;
  }
  PyObject *currkey, *currvalue, *tgtkey;
  if (!PyArg_ParseTuple(state, "OOO", &currkey, &currvalue, &tgtkey)) return nullptr;
  Py_XSETREF(g->currkey, Py_NewRef(currkey));
  Py_XSETREF(g->currvalue, Py_NewRef(currvalue));
  Py_XSETREF(g->tgtkey, Py_NewRef(tgtkey));
  Py_RETURN_NONE;
}

PyMethodDef groupby_methods[] = {
    {"__reduce__", groupby_reduce, METH_NOARGS, "Return state information for pickling."},
    {"__setstate__", groupby_setstate, METH_O, "Set state information for unpickling."},
    {nullptr, nullptr, 0, nullptr},
};

PyObject* grouper_new(PyTypeObject* type, PyObject* args, PyObject* kwds) {
  if (!no_keywords(type, &grouper_type, "_grouper", kwds)) return nullptr;
  if (!_PyArg_CheckPositional("_grouper", PyTuple_GET_SIZE(args), 2, 2)) return nullptr;
  PyObject* parent = PyTuple_GET_ITEM(args, 0);
  if (!PyObject_TypeCheck(parent, &groupby_type)) {
    PyErr_Format(PyExc_TypeError, "_grouper() argument 1 must be itertools.groupby, not %.200s",
                 Py_TYPE(parent)->tp_name);
    return nullptr;
  }
  return grouper_create(reinterpret_cast<GroupbyObject*>(parent), PyTuple_GET_ITEM(args, 1));
}

void grouper_dealloc(PyObject* op) {
  auto* igo = reinterpret_cast<GrouperObject*>(op);
  dealloc_gc(op, {&igo->parent, &igo->tgtkey});
}

int grouper_traverse(PyObject* op, visitproc visit, void* arg) {
  auto* igo = reinterpret_cast<GrouperObject*>(op);
  Py_VISIT(igo->parent);
  Py_VISIT(igo->tgtkey);
  return 0;
}

PyObject* grouper_next(PyObject* op) {
  auto* igo = reinterpret_cast<GrouperObject*>(op);
  auto* g = reinterpret_cast<GroupbyObject*>(igo->parent);
  if (g->currgrouper != igo) return nullptr;
  if (g->currvalue == nullptr && groupby_step(g) < 0) return nullptr;
  int rcmp = PyObject_RichCompareBool(igo->tgtkey, g->currkey, Py_EQ);
  if (rcmp <= 0) return nullptr;
  PyObject* r = g->currvalue;
  g->currvalue = nullptr;
  Py_CLEAR(g->currkey);
  return r;
}

// A _grouper that is no longer its parent's current group is exhausted: iter(()).
PyObject* grouper_reduce(PyObject* op, PyObject*) {
  auto* igo = reinterpret_cast<GrouperObject*>(op);
  if (reinterpret_cast<GroupbyObject*>(igo->parent)->currgrouper != igo) {
    PyObject* iter = builtin_object("iter");
    if (!iter) return nullptr;
    return Py_BuildValue("N(())", iter);
  }
  return Py_BuildValue("O(OO)", Py_TYPE(op), igo->parent, igo->tgtkey);
}

PyMethodDef grouper_methods[] = {
    {"__reduce__", grouper_reduce, METH_NOARGS, "Return state information for pickling."},
    {nullptr, nullptr, 0, nullptr},
};

// ---------------------------------------------------------------- islice

struct IsliceObject {
  PyObject_HEAD
  PyObject* it;
  Py_ssize_t next;
  Py_ssize_t stop;  // -1: unbounded
  Py_ssize_t step;
  Py_ssize_t cnt;
};

// Converts an islice bound; clears conversion errors into -1 as CPython does.
Py_ssize_t islice_index(PyObject* v) {
  Py_ssize_t r = PyNumber_AsSsize_t(v, nullptr);
  if (r == -1 && PyErr_Occurred()) PyErr_Clear();
  return r;
}

PyObject* islice_new(PyTypeObject* type, PyObject* args, PyObject* kwds) {
  if (!no_keywords(type, &islice_type, "islice", kwds)) return nullptr;
  PyObject *seq, *a1 = nullptr, *a2 = nullptr, *a3 = nullptr;
  Py_ssize_t numargs = PyTuple_GET_SIZE(args);
  if (!PyArg_UnpackTuple(args, "islice", 2, 4, &seq, &a1, &a2, &a3)) return nullptr;
  Py_ssize_t start = 0, stop = -1, step = 1;
  static const char stop_msg[] =
      "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.";
  if (numargs == 2) {
    if (a1 != Py_None) {
      stop = islice_index(a1);
      if (stop == -1) {
        PyErr_SetString(PyExc_ValueError, stop_msg);
        return nullptr;
      }
    }
  } else {
    if (a1 != Py_None) start = islice_index(a1);
    if (a2 != Py_None) {
      stop = islice_index(a2);
      if (stop == -1) {
        PyErr_SetString(PyExc_ValueError, stop_msg);
        return nullptr;
      }
    }
  }
  if (start < 0 || stop < -1) {
    PyErr_SetString(PyExc_ValueError,
                    "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.");
    return nullptr;
  }
  if (a3 != nullptr && a3 != Py_None) step = islice_index(a3);
  if (step < 1) {
    PyErr_SetString(PyExc_ValueError, "Step for islice() must be a positive integer or None.");
    return nullptr;
  }
  Ref<> it = steal(PyObject_GetIter(seq));
  if (!it) return nullptr;
  auto* lz = reinterpret_cast<IsliceObject*>(type->tp_alloc(type, 0));
  if (!lz) return nullptr;
  lz->it = it.release();
  lz->next = start;
  lz->stop = stop;
  lz->step = step;
  lz->cnt = 0;
  return reinterpret_cast<PyObject*>(lz);
}

void islice_dealloc(PyObject* op) {
  auto* lz = reinterpret_cast<IsliceObject*>(op);
  dealloc_gc(op, {&lz->it});
}

int islice_traverse(PyObject* op, visitproc visit, void* arg) {
  Py_VISIT(reinterpret_cast<IsliceObject*>(op)->it);
  return 0;
}

PyObject* islice_next(PyObject* op) {
  auto* lz = reinterpret_cast<IsliceObject*>(op);
  PyObject* it = lz->it;
  if (!it) return nullptr;
  iternextfunc iternext = Py_TYPE(it)->tp_iternext;
  Py_ssize_t stop = lz->stop;
  while (lz->cnt < lz->next) {
    PyObject* item = iternext(it);
    if (!item) goto empty;
    Py_DECREF(item);
    lz->cnt++;
  }
  if (stop != -1 && lz->cnt >= stop) goto empty;
  {
    PyObject* item = iternext(it);
    if (!item) goto empty;
    lz->cnt++;
    Py_ssize_t oldnext = lz->next;
    // The addition may wrap; then the slice ends at stop.
    lz->next = Py_ssize_t(size_t(lz->next) + size_t(lz->step));
    if (lz->next < oldnext || (stop != -1 && lz->next > stop)) lz->next = stop;
    return item;
  }
empty:
  Py_CLEAR(lz->it);
  return nullptr;
}

// islice(it, next, stop, step) with the count read so far as the state; exhausted:
// islice(iter([]), 0).
PyObject* islice_reduce(PyObject* op, PyObject*) {
  auto* lz = reinterpret_cast<IsliceObject*>(op);
  if (lz->it == nullptr) {
    Ref<> empty = steal(PyList_New(0));
    if (!empty) return nullptr;
    Ref<> it = steal(PyObject_GetIter(empty.get()));
    if (!it) return nullptr;
    return Py_BuildValue("O(On)n", Py_TYPE(op), it.get(), Py_ssize_t(0), Py_ssize_t(0));
  }
  Ref<> stop = lz->stop == -1 ? Ref<>::borrow(Py_None) : steal(PyLong_FromSsize_t(lz->stop));
  if (!stop) return nullptr;
  return Py_BuildValue("O(OnOn)n", Py_TYPE(op), lz->it, lz->next, stop.get(), lz->step, lz->cnt);
}

PyObject* islice_setstate(PyObject* op, PyObject* state) {
  Py_ssize_t cnt = PyLong_AsSsize_t(state);
  if (cnt == -1 && PyErr_Occurred()) return nullptr;
  reinterpret_cast<IsliceObject*>(op)->cnt = cnt;
  Py_RETURN_NONE;
}

PyMethodDef islice_methods[] = {
    {"__reduce__", islice_reduce, METH_NOARGS, "Return state information for pickling."},
    {"__setstate__", islice_setstate, METH_O, "Set state information for unpickling."},
    {nullptr, nullptr, 0, nullptr},
};

// ---------------------------------------------------------------- pairwise

struct PairwiseObject {
  PyObject_HEAD
  PyObject* it;
  PyObject* old;
};

PyObject* pairwise_new(PyTypeObject* type, PyObject* args, PyObject* kwds) {
  if (!no_keywords(type, &pairwise_type, "pairwise", kwds)) return nullptr;
  if (!_PyArg_CheckPositional("pairwise", PyTuple_GET_SIZE(args), 1, 1)) return nullptr;
  Ref<> it = steal(PyObject_GetIter(PyTuple_GET_ITEM(args, 0)));
  if (!it) return nullptr;
  auto* po = reinterpret_cast<PairwiseObject*>(type->tp_alloc(type, 0));
  if (!po) return nullptr;
  po->it = it.release();
  po->old = nullptr;
  return reinterpret_cast<PyObject*>(po);
}

void pairwise_dealloc(PyObject* op) {
  auto* po = reinterpret_cast<PairwiseObject*>(op);
  dealloc_gc(op, {&po->it, &po->old});
}

int pairwise_traverse(PyObject* op, visitproc visit, void* arg) {
  auto* po = reinterpret_cast<PairwiseObject*>(op);
  Py_VISIT(po->it);
  Py_VISIT(po->old);
  return 0;
}

PyObject* pairwise_next(PyObject* op) {
  auto* po = reinterpret_cast<PairwiseObject*>(op);
  if (!po->it) return nullptr;
  if (!po->old) {
    PyObject* old = Py_TYPE(po->it)->tp_iternext(po->it);
    Py_XSETREF(po->old, old);
    if (!old) {
      Py_CLEAR(po->it);
      return nullptr;
    }
    if (!po->it) return nullptr;  // re-entrant call exhausted us
  }
  PyObject* nw = Py_TYPE(po->it)->tp_iternext(po->it);
  if (!nw) {
    Py_CLEAR(po->it);
    Py_CLEAR(po->old);
    return nullptr;
  }
  PyObject* old = po->old ? po->old : Py_None;
  PyObject* result = PyTuple_Pack(2, old, nw);
  Py_XSETREF(po->old, nw);
  return result;
}

// ---------------------------------------------------------------- zip_longest

struct ZipLongestObject {
  PyObject_HEAD
  Py_ssize_t tuplesize;
  Py_ssize_t numactive;
  PyObject** its;  // nullptr entries are exhausted
  PyObject* fillvalue;
};

PyObject* zip_longest_new(PyTypeObject* type, PyObject* args, PyObject* kwds) {
  PyObject* fillvalue = Py_None;
  if (kwds != nullptr && PyDict_CheckExact(kwds) && PyDict_GET_SIZE(kwds) > 0) {
    fillvalue = nullptr;
    if (PyDict_GET_SIZE(kwds) == 1) fillvalue = PyDict_GetItemString(kwds, "fillvalue");
    if (!fillvalue) {
      if (!PyErr_Occurred())
        PyErr_SetString(PyExc_TypeError, "zip_longest() got an unexpected keyword argument");
      return nullptr;
    }
  }
  Py_ssize_t n = PyTuple_GET_SIZE(args);
  auto** its = static_cast<PyObject**>(PyMem_Calloc(n ? size_t(n) : 1, sizeof(PyObject*)));
  if (!its) return PyErr_NoMemory();
  for (Py_ssize_t i = 0; i < n; i++) {
    its[i] = PyObject_GetIter(PyTuple_GET_ITEM(args, i));
    if (!its[i]) {
      for (Py_ssize_t j = 0; j < i; j++) Py_DECREF(its[j]);
      PyMem_Free(its);
      return nullptr;
    }
  }
  auto* lz = reinterpret_cast<ZipLongestObject*>(type->tp_alloc(type, 0));
  if (!lz) {
    for (Py_ssize_t j = 0; j < n; j++) Py_DECREF(its[j]);
    PyMem_Free(its);
    return nullptr;
  }
  lz->tuplesize = n;
  lz->numactive = n;
  lz->its = its;
  lz->fillvalue = Py_NewRef(fillvalue);
  return reinterpret_cast<PyObject*>(lz);
}

void zip_longest_clear_its(ZipLongestObject* lz) {
  if (!lz->its) return;
  for (Py_ssize_t i = 0; i < lz->tuplesize; i++) Py_CLEAR(lz->its[i]);
}

void zip_longest_dealloc(PyObject* op) {
  auto* lz = reinterpret_cast<ZipLongestObject*>(op);
  PyObject_GC_UnTrack(op);
  zip_longest_clear_its(lz);
  PyMem_Free(lz->its);
  Py_CLEAR(lz->fillvalue);
  Py_TYPE(op)->tp_free(op);
}

int zip_longest_traverse(PyObject* op, visitproc visit, void* arg) {
  auto* lz = reinterpret_cast<ZipLongestObject*>(op);
  for (Py_ssize_t i = 0; i < lz->tuplesize; i++) Py_VISIT(lz->its[i]);
  Py_VISIT(lz->fillvalue);
  return 0;
}

PyObject* zip_longest_next(PyObject* op) {
  auto* lz = reinterpret_cast<ZipLongestObject*>(op);
  Py_ssize_t n = lz->tuplesize;
  if (n == 0 || lz->numactive == 0) return nullptr;
  PyObject* result = PyTuple_New(n);
  if (!result) return nullptr;
  for (Py_ssize_t i = 0; i < n; i++) {
    PyObject* it = lz->its[i];
    PyObject* item;
    if (!it) {
      item = Py_NewRef(lz->fillvalue);
    } else {
      item = PyIter_Next(it);
      if (!item) {
        lz->numactive -= 1;
        if (lz->numactive == 0 || PyErr_Occurred()) {
          lz->numactive = 0;
          Py_DECREF(result);
          return nullptr;
        }
        item = Py_NewRef(lz->fillvalue);
        lz->its[i] = nullptr;
        Py_DECREF(it);
      }
    }
    PyTuple_SET_ITEM(result, i, item);
  }
  return result;
}

// zip_longest(*iterators) with () for the exhausted ones; the fillvalue is the state.
PyObject* zip_longest_reduce(PyObject* op, PyObject*) {
  auto* lz = reinterpret_cast<ZipLongestObject*>(op);
  Ref<> args = steal(PyTuple_New(lz->tuplesize));
  if (!args) return nullptr;
  for (Py_ssize_t i = 0; i < lz->tuplesize; i++) {
    PyObject* elem = lz->its[i] ? Py_NewRef(lz->its[i]) : PyTuple_New(0);
    if (!elem) return nullptr;
    PyTuple_SET_ITEM(args.get(), i, elem);
  }
  return Py_BuildValue("OOO", Py_TYPE(op), args.get(), lz->fillvalue);
}

PyObject* zip_longest_setstate(PyObject* op, PyObject* state) {
  auto* lz = reinterpret_cast<ZipLongestObject*>(op);
  Py_XSETREF(lz->fillvalue, Py_NewRef(state));
  Py_RETURN_NONE;
}

PyMethodDef zip_longest_methods[] = {
    {"__reduce__", zip_longest_reduce, METH_NOARGS, "Return state information for pickling."},
    {"__setstate__", zip_longest_setstate, METH_O, "Set state information for unpickling."},
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace

// ---------------------------------------------------------------- types

#define ITER_TYPE(var, pyname, Struct, prefix, extra...)                                    \
  PyTypeObject var = {                                                                     \
      .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "itertools." pyname,     \
      .tp_basicsize = sizeof(Struct),                                                      \
      .tp_dealloc = prefix##_dealloc,                                                      \
      .tp_getattro = PyObject_GenericGetAttr,                                              \
      .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE,           \
      .tp_traverse = prefix##_traverse,                                                    \
      .tp_iter = PyObject_SelfIter,                                                        \
      .tp_iternext = prefix##_next,                                                        \
      extra                                                                                \
  }

namespace krait::itertools {

PyTypeObject count_type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "itertools.count",
    .tp_basicsize = sizeof(CountObject),
    .tp_dealloc = count_dealloc,
    .tp_repr = count_repr,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE,
    .tp_doc = "Return a count object whose .__next__() method returns consecutive values.",
    .tp_traverse = count_traverse,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = count_next,
    .tp_methods = count_methods,
    .tp_new = count_new,
};

PyTypeObject repeat_type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "itertools.repeat",
    .tp_basicsize = sizeof(RepeatObject),
    .tp_dealloc = repeat_dealloc,
    .tp_repr = repeat_repr,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE,
    .tp_traverse = repeat_traverse,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = repeat_next,
    .tp_methods = repeat_methods,
    .tp_new = repeat_new,
};

ITER_TYPE(cycle_type, "cycle", CycleObject, cycle, .tp_methods = cycle_methods, .tp_new = cycle_new, );
ITER_TYPE(accumulate_type, "accumulate", AccumulateObject, accumulate,
          .tp_methods = accumulate_methods, .tp_new = accumulate_new, );
ITER_TYPE(chain_type, "chain", ChainObject, chain, .tp_methods = chain_methods, .tp_new = chain_new, );
ITER_TYPE(compress_type, "compress", CompressObject, compress, .tp_methods = compress_methods,
          .tp_new = compress_new, );
ITER_TYPE(groupby_type, "groupby", GroupbyObject, groupby, .tp_methods = groupby_methods,
          .tp_new = groupby_new, );
ITER_TYPE(islice_type, "islice", IsliceObject, islice, .tp_methods = islice_methods, .tp_new = islice_new, );
ITER_TYPE(pairwise_type, "pairwise", PairwiseObject, pairwise, .tp_new = pairwise_new, );
ITER_TYPE(zip_longest_type, "zip_longest", ZipLongestObject, zip_longest,
          .tp_methods = zip_longest_methods, .tp_new = zip_longest_new, );

#define FUNCITER_TYPE(name)                                                                \
  PyTypeObject name##_type = {                                                             \
      .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "itertools." #name,      \
      .tp_basicsize = sizeof(FuncIterObject),                                              \
      .tp_dealloc = funciter_dealloc,                                                      \
      .tp_getattro = PyObject_GenericGetAttr,                                              \
      .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE,           \
      .tp_traverse = funciter_traverse,                                                    \
      .tp_iter = PyObject_SelfIter,                                                        \
      .tp_iternext = name##_next,                                                          \
      .tp_methods = name##_methods,                                                        \
      .tp_new = name##_new,                                                                \
  }

FUNCITER_TYPE(dropwhile);
FUNCITER_TYPE(takewhile);
FUNCITER_TYPE(filterfalse);
FUNCITER_TYPE(starmap);

PyTypeObject grouper_type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "itertools._grouper",
    .tp_basicsize = sizeof(GrouperObject),
    .tp_dealloc = grouper_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = grouper_traverse,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = grouper_next,
    .tp_methods = grouper_methods,
    .tp_new = grouper_new,
};

}  // namespace krait::itertools

// ---------------------------------------------------------------- module

namespace {

PyMethodDef module_methods[] = {
    {"tee", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(tee_function)), METH_FASTCALL,
     "Returns a tuple of n independent iterators."},
    {nullptr, nullptr, 0, nullptr},
};

PyModuleDef itertools_module = {
    PyModuleDef_HEAD_INIT,
    "itertools",
    "Functional tools for creating and using iterators.",
    -1,
    module_methods,
};

}  // namespace

extern "C" PyObject* PyInit_itertools(void) {
  PyTypeObject* public_types[] = {
      &accumulate_type, &combinations_type, &cwr_type,        &cycle_type,
      &dropwhile_type,  &takewhile_type,    &islice_type,     &starmap_type,
      &chain_type,      &compress_type,     &filterfalse_type, &count_type,
      &zip_longest_type, &pairwise_type,    &permutations_type, &product_type,
      &repeat_type,     &groupby_type,      &grouper_type,    &tee_type,
      &teedataobject_type,
  };
  for (PyTypeObject* t : public_types)
    if (PyType_Ready(t) < 0) return nullptr;
  Ref<> m = steal(PyModule_Create(&itertools_module));
  if (!m) return nullptr;
  for (PyTypeObject* t : public_types) {
    if (PyModule_AddType(m.get(), t) < 0) return nullptr;
  }
  return m.release();
}
