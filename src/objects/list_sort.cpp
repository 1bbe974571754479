// list.sort(): a stable, adaptive merge sort in the timsort family, written
// for Krait.
//
// Shape of the algorithm (the behaviour CPython users can observe depends on
// it only through stability, the "list modified during sort" check and how
// many comparisons run, so we follow CPython's design closely):
//   * natural runs are detected (strictly descending runs are reversed in
//     place, which keeps stability) and short runs are extended to `minrun`
//     with binary insertion sort;
//   * pending runs are merged following the "powersort" policy, which gives
//     near-optimal merge trees;
//   * merges switch to galloping (exponential search) when one run keeps
//     winning, adapting `min_gallop` to the data.
// When a key function is given, keys and values are permuted in lock-step.
//
// While sorting, the list is emptied and `allocated` set to -1: any
// mutation by a comparison or key function shows up as a changed
// `allocated`, and the sort then raises ValueError("list modified during
// sort"), as CPython does. A failing comparison aborts the merge but always
// leaves the items a permutation of the original ones.
#include <cstring>

#include "objects/list_object.h"
#include "objects/container_util.h"

namespace krait {
namespace {

constexpr Py_ssize_t kMinGallop = 7;
constexpr int kMaxMergePending = 85;  // enough for 2**64 elements

// A pair of parallel arrays: keys (compared) and optional values (moved
// along with their keys).
struct Slice {
  PyObject** k;
  PyObject** v;  // nullptr when sorting without a key function
  Slice at(Py_ssize_t n) const { return {k + n, v ? v + n : nullptr}; }
  void advance(Py_ssize_t n) {
    k += n;
    if (v) v += n;
  }
};

inline void copy_items(Slice d, Slice s, Py_ssize_t n) {
  std::memcpy(d.k, s.k, size_t(n) * sizeof(PyObject*));
  if (d.v) std::memcpy(d.v, s.v, size_t(n) * sizeof(PyObject*));
}
inline void move_items(Slice d, Slice s, Py_ssize_t n) {
  std::memmove(d.k, s.k, size_t(n) * sizeof(PyObject*));
  if (d.v) std::memmove(d.v, s.v, size_t(n) * sizeof(PyObject*));
}
inline void put(Slice d, Slice s) {
  *d.k = *s.k;
  if (d.v) *d.v = *s.v;
}

void reverse_range(PyObject** lo, PyObject** hi) {
  --hi;
  while (lo < hi) {
    PyObject* t = *lo;
    *lo++ = *hi;
    *hi-- = t;
  }
}
void reverse_slice(Slice s, Py_ssize_t n) {
  reverse_range(s.k, s.k + n);
  if (s.v) reverse_range(s.v, s.v + n);
}

struct Run {
  Slice base;
  Py_ssize_t len;
  int power;
};

struct MergeState;
using LessThan = int (*)(PyObject*, PyObject*, MergeState*);

struct MergeState {
  Py_ssize_t min_gallop = kMinGallop;
  Py_ssize_t listlen = 0;
  PyObject** basekeys = nullptr;
  // Scratch space for merges (keys then values), grown on demand.
  Slice tmp{nullptr, nullptr};
  Py_ssize_t alloced = 0;
  PyObject* temparray[256];
  int n = 0;
  Run pending[kMaxMergePending];
  LessThan lt = nullptr;
  richcmpfunc key_richcompare = nullptr;
  bool has_values = false;

  ~MergeState() {
    if (tmp.k != temparray) PyMem_Free(tmp.k);
  }
};

// -- Comparisons ------------------------------------------------------------
// Each returns 1 (v < w), 0, or -1 with an exception set.

int safe_object_compare(PyObject* v, PyObject* w, MergeState*) {
  return PyObject_RichCompareBool(v, w, Py_LT);
}

// All keys have the same type: call its tp_richcompare directly.
int unsafe_object_compare(PyObject* v, PyObject* w, MergeState* ms) {
  // A comparison may have changed an element's __class__: then the pre-checked slot no longer
  // applies (CPython checks the same).
  if (Py_TYPE(v)->tp_richcompare != ms->key_richcompare) return PyObject_RichCompareBool(v, w, Py_LT);
  PyObject* res = ms->key_richcompare(v, w, Py_LT);
  if (res == Py_NotImplemented) {
    Py_DECREF(res);
    return PyObject_RichCompareBool(v, w, Py_LT);
  }
  if (res == nullptr) return -1;
  int r = PyBool_Check(res) ? (res == Py_True) : PyObject_IsTrue(res);
  Py_DECREF(res);
  return r;
}

// All keys are 1-byte-kind str objects: code point order is byte order.
int latin_compare(PyObject* v, PyObject* w, MergeState*) {
  Py_ssize_t lv = PyUnicode_GET_LENGTH(v), lw = PyUnicode_GET_LENGTH(w);
  int r = std::memcmp(PyUnicode_DATA(v), PyUnicode_DATA(w), size_t(lv < lw ? lv : lw));
  return r != 0 ? r < 0 : lv < lw;
}

// All keys are ints of at most one 30-bit digit.
inline long small_int_value(PyObject* o) {
  PyLongObject* l = reinterpret_cast<PyLongObject*>(o);
  Py_ssize_t size = Py_SIZE(l);
  return size == 0 ? 0 : long(size) * long(l->ob_digit[0]);
}
int int_compare(PyObject* v, PyObject* w, MergeState*) {
  return small_int_value(v) < small_int_value(w);
}

int float_compare(PyObject* v, PyObject* w, MergeState*) {
  return PyFloat_AS_DOUBLE(v) < PyFloat_AS_DOUBLE(w);
}

// Picks the comparison once for the whole sort (CPython's pre-scan).
void choose_compare(MergeState* ms, PyObject** keys, Py_ssize_t n) {
  PyTypeObject* key_type = Py_TYPE(keys[0]);
  bool same_type = true, ints_small = true, strs_latin = true;
  for (Py_ssize_t i = 0; i < n; i++) {
    PyObject* key = keys[i];
    if (Py_TYPE(key) != key_type) {
      same_type = false;
      break;
    }
    if (key_type == &PyLong_Type) {
      if (ints_small && (Py_SIZE(key) < -1 || Py_SIZE(key) > 1)) ints_small = false;
    } else if (key_type == &PyUnicode_Type) {
      if (strs_latin && PyUnicode_KIND(key) != PyUnicode_1BYTE_KIND) strs_latin = false;
    }
  }
  if (!same_type) {
    ms->lt = safe_object_compare;
  } else if (key_type == &PyUnicode_Type && strs_latin) {
    ms->lt = latin_compare;
  } else if (key_type == &PyLong_Type && ints_small) {
    ms->lt = int_compare;
  } else if (key_type == &PyFloat_Type) {
    ms->lt = float_compare;
  } else if (key_type->tp_richcompare != nullptr) {
    ms->key_richcompare = key_type->tp_richcompare;
    ms->lt = unsafe_object_compare;
  } else {
    ms->lt = safe_object_compare;
  }
}

#define ISLT(X, Y) (ms->lt((X), (Y), ms))

// -- Building blocks --------------------------------------------------------

// Sorts [lo, hi) given that [lo, start) is already sorted.
int binarysort(MergeState* ms, Slice lo, Py_ssize_t n, Py_ssize_t start) {
  for (Py_ssize_t s = start; s < n; ++s) {
    PyObject* pivot = lo.k[s];
    Py_ssize_t l = 0, r = s;
    while (l < r) {
      Py_ssize_t p = l + ((r - l) >> 1);
      int k = ISLT(pivot, lo.k[p]);
      if (k < 0) return -1;
      if (k) r = p;
      else l = p + 1;
    }
    // Insert after every equal element: that is what keeps it stable.
    std::memmove(&lo.k[l + 1], &lo.k[l], size_t(s - l) * sizeof(PyObject*));
    lo.k[l] = pivot;
    if (lo.v) {
      PyObject* pv = lo.v[s];
      std::memmove(&lo.v[l + 1], &lo.v[l], size_t(s - l) * sizeof(PyObject*));
      lo.v[l] = pv;
    }
  }
  return 0;
}

// Length of the run starting at lo (limit n); *descending is set when the
// run is strictly descending (strictness keeps reversal stable).
Py_ssize_t count_run(MergeState* ms, PyObject** lo, Py_ssize_t n, bool* descending) {
  *descending = false;
  if (n == 1) return 1;
  int k = ISLT(lo[1], lo[0]);
  if (k < 0) return -1;
  Py_ssize_t i = 2;
  if (k) {
    *descending = true;
    for (; i < n; ++i) {
      k = ISLT(lo[i], lo[i - 1]);
      if (k < 0) return -1;
      if (!k) break;
    }
  } else {
    for (; i < n; ++i) {
      k = ISLT(lo[i], lo[i - 1]);
      if (k < 0) return -1;
      if (k) break;
    }
  }
  return i;
}

// Leftmost position k in a[0..n) such that a[k-1] < key <= a[k], starting
// the exponential search at `hint`.
Py_ssize_t gallop_left(MergeState* ms, PyObject* key, PyObject** a, Py_ssize_t n, Py_ssize_t hint) {
  Py_ssize_t ofs = 1, lastofs = 0;
  int k = ISLT(a[hint], key);
  if (k < 0) return -1;
  if (k) {
    Py_ssize_t maxofs = n - hint;
    while (ofs < maxofs) {
      k = ISLT(a[hint + ofs], key);
      if (k < 0) return -1;
      if (!k) break;
      lastofs = ofs;
      ofs = (ofs << 1) + 1;
      if (ofs <= 0) ofs = maxofs;  // overflow
    }
    if (ofs > maxofs) ofs = maxofs;
    lastofs += hint;
    ofs += hint;
  } else {
    Py_ssize_t maxofs = hint + 1;
    while (ofs < maxofs) {
      k = ISLT(a[hint - ofs], key);
      if (k < 0) return -1;
      if (k) break;
      lastofs = ofs;
      ofs = (ofs << 1) + 1;
      if (ofs <= 0) ofs = maxofs;
    }
    if (ofs > maxofs) ofs = maxofs;
    Py_ssize_t t = lastofs;
    lastofs = hint - ofs;
    ofs = hint - t;
  }
  // Now a[lastofs] < key <= a[ofs]: binary search in between.
  ++lastofs;
  while (lastofs < ofs) {
    Py_ssize_t m = lastofs + ((ofs - lastofs) >> 1);
    k = ISLT(a[m], key);
    if (k < 0) return -1;
    if (k) lastofs = m + 1;
    else ofs = m;
  }
  return ofs;
}

// Rightmost position k in a[0..n) such that a[k-1] <= key < a[k].
Py_ssize_t gallop_right(MergeState* ms, PyObject* key, PyObject** a, Py_ssize_t n, Py_ssize_t hint) {
  Py_ssize_t ofs = 1, lastofs = 0;
  int k = ISLT(key, a[hint]);
  if (k < 0) return -1;
  if (k) {
    Py_ssize_t maxofs = hint + 1;
    while (ofs < maxofs) {
      k = ISLT(key, a[hint - ofs]);
      if (k < 0) return -1;
      if (!k) break;
      lastofs = ofs;
      ofs = (ofs << 1) + 1;
      if (ofs <= 0) ofs = maxofs;
    }
    if (ofs > maxofs) ofs = maxofs;
    Py_ssize_t t = lastofs;
    lastofs = hint - ofs;
    ofs = hint - t;
  } else {
    Py_ssize_t maxofs = n - hint;
    while (ofs < maxofs) {
      k = ISLT(key, a[hint + ofs]);
      if (k < 0) return -1;
      if (k) break;
      lastofs = ofs;
      ofs = (ofs << 1) + 1;
      if (ofs <= 0) ofs = maxofs;
    }
    if (ofs > maxofs) ofs = maxofs;
    lastofs += hint;
    ofs += hint;
  }
  ++lastofs;
  while (lastofs < ofs) {
    Py_ssize_t m = lastofs + ((ofs - lastofs) >> 1);
    k = ISLT(key, a[m]);
    if (k < 0) return -1;
    if (k) ofs = m;
    else lastofs = m + 1;
  }
  return ofs;
}

int merge_getmem(MergeState* ms, Py_ssize_t need) {
  if (need <= ms->alloced) return 0;
  int mult = ms->has_values ? 2 : 1;
  if (ms->tmp.k != ms->temparray) PyMem_Free(ms->tmp.k);
  ms->tmp.k = nullptr;
  ms->alloced = 0;
  if (size_t(need) > PY_SSIZE_T_MAX / sizeof(PyObject*) / size_t(mult)) {
    PyErr_NoMemory();
    return -1;
  }
  PyObject** mem = static_cast<PyObject**>(PyMem_Malloc(size_t(mult) * size_t(need) * sizeof(PyObject*)));
  if (mem == nullptr) {
    PyErr_NoMemory();
    return -1;
  }
  ms->tmp.k = mem;
  ms->tmp.v = ms->has_values ? mem + need : nullptr;
  ms->alloced = need;
  return 0;
}

// Merges the na items at ssa with the nb items at ssb (ssa + na == ssb),
// na <= nb, copying the shorter run A to scratch space. Preconditions:
// ssb[0] < ssa[0] and ssa[na-1] belongs after ssb[nb-1].
int merge_lo(MergeState* ms, Slice ssa, Py_ssize_t na, Slice ssb, Py_ssize_t nb) {
  if (merge_getmem(ms, na) < 0) return -1;
  Slice dest = ssa;
  copy_items(ms->tmp, ssa, na);
  ssa = ms->tmp;
  int result = -1;
  Py_ssize_t min_gallop;

  put(dest, ssb);
  dest.advance(1);
  ssb.advance(1);
  --nb;
  if (nb == 0) goto succeed;
  if (na == 1) goto copy_b;

  min_gallop = ms->min_gallop;
  for (;;) {
    Py_ssize_t acount = 0, bcount = 0;
    // One-at-a-time mode until one run wins min_gallop times in a row.
    for (;;) {
      int k = ISLT(*ssb.k, *ssa.k);
      if (k < 0) goto fail;
      if (k) {
        put(dest, ssb);
        dest.advance(1);
        ssb.advance(1);
        ++bcount;
        acount = 0;
        if (--nb == 0) goto succeed;
        if (bcount >= min_gallop) break;
      } else {
        put(dest, ssa);
        dest.advance(1);
        ssa.advance(1);
        ++acount;
        bcount = 0;
        if (--na == 1) goto copy_b;
        if (acount >= min_gallop) break;
      }
    }
    // Galloping mode, while it keeps paying off.
    ++min_gallop;
    do {
      min_gallop -= min_gallop > 1;
      ms->min_gallop = min_gallop;
      Py_ssize_t k = gallop_right(ms, *ssb.k, ssa.k, na, 0);
      acount = k;
      if (k) {
        if (k < 0) goto fail;
        copy_items(dest, ssa, k);
        dest.advance(k);
        ssa.advance(k);
        na -= k;
        if (na == 1) goto copy_b;
        // na == 0 only with an inconsistent comparison.
        if (na == 0) goto succeed;
      }
      put(dest, ssb);
      dest.advance(1);
      ssb.advance(1);
      if (--nb == 0) goto succeed;

      k = gallop_left(ms, *ssa.k, ssb.k, nb, 0);
      bcount = k;
      if (k) {
        if (k < 0) goto fail;
        move_items(dest, ssb, k);
        dest.advance(k);
        ssb.advance(k);
        nb -= k;
        if (nb == 0) goto succeed;
      }
      put(dest, ssa);
      dest.advance(1);
      ssa.advance(1);
      if (--na == 1) goto copy_b;
    } while (acount >= kMinGallop || bcount >= kMinGallop);
    ++min_gallop;
    ms->min_gallop = min_gallop;
  }
succeed:
  result = 0;
fail:
  if (na) copy_items(dest, ssa, na);
  return result;
copy_b:
  // The last element of A belongs at the very end.
  move_items(dest, ssb, nb);
  put(dest.at(nb), ssa);
  return 0;
}

// Mirror image of merge_lo for na >= nb: copies run B to scratch space and
// merges from the right end.
int merge_hi(MergeState* ms, Slice ssa, Py_ssize_t na, Slice ssb, Py_ssize_t nb) {
  if (merge_getmem(ms, nb) < 0) return -1;
  Slice dest = ssb.at(nb - 1);
  copy_items(ms->tmp, ssb, nb);
  Slice basea = ssa;
  Slice baseb = ms->tmp;
  ssb = ms->tmp.at(nb - 1);
  ssa.advance(na - 1);
  int result = -1;
  Py_ssize_t min_gallop;

  put(dest, ssa);
  dest.advance(-1);
  ssa.advance(-1);
  --na;
  if (na == 0) goto succeed;
  if (nb == 1) goto copy_a;

  min_gallop = ms->min_gallop;
  for (;;) {
    Py_ssize_t acount = 0, bcount = 0;
    for (;;) {
      int k = ISLT(*ssb.k, *ssa.k);
      if (k < 0) goto fail;
      if (k) {
        put(dest, ssa);
        dest.advance(-1);
        ssa.advance(-1);
        ++acount;
        bcount = 0;
        if (--na == 0) goto succeed;
        if (acount >= min_gallop) break;
      } else {
        put(dest, ssb);
        dest.advance(-1);
        ssb.advance(-1);
        ++bcount;
        acount = 0;
        if (--nb == 1) goto copy_a;
        if (bcount >= min_gallop) break;
      }
    }
    ++min_gallop;
    do {
      min_gallop -= min_gallop > 1;
      ms->min_gallop = min_gallop;
      Py_ssize_t k = gallop_right(ms, *ssb.k, basea.k, na, na - 1);
      if (k < 0) goto fail;
      k = na - k;
      acount = k;
      if (k) {
        dest.advance(-k);
        ssa.advance(-k);
        move_items(dest.at(1), ssa.at(1), k);
        na -= k;
        if (na == 0) goto succeed;
      }
      put(dest, ssb);
      dest.advance(-1);
      ssb.advance(-1);
      if (--nb == 1) goto copy_a;

      k = gallop_left(ms, *ssa.k, baseb.k, nb, nb - 1);
      if (k < 0) goto fail;
      k = nb - k;
      bcount = k;
      if (k) {
        dest.advance(-k);
        ssb.advance(-k);
        copy_items(dest.at(1), ssb.at(1), k);
        nb -= k;
        if (nb == 1) goto copy_a;
        // nb == 0 only with an inconsistent comparison.
        if (nb == 0) goto succeed;
      }
      put(dest, ssa);
      dest.advance(-1);
      ssa.advance(-1);
      if (--na == 0) goto succeed;
    } while (acount >= kMinGallop || bcount >= kMinGallop);
    ++min_gallop;
    ms->min_gallop = min_gallop;
  }
succeed:
  result = 0;
fail:
  if (nb) copy_items(dest.at(-(nb - 1)), baseb, nb);
  return result;
copy_a:
  // The first element of B belongs at the very front.
  dest.advance(-na);
  ssa.advance(-na);
  move_items(dest.at(1), ssa.at(1), na);
  put(dest, ssb);
  return 0;
}

// Merges pending runs i and i+1.
int merge_at(MergeState* ms, int i) {
  Slice ssa = ms->pending[i].base;
  Py_ssize_t na = ms->pending[i].len;
  Slice ssb = ms->pending[i + 1].base;
  Py_ssize_t nb = ms->pending[i + 1].len;

  ms->pending[i].len = na + nb;
  if (i == ms->n - 3) ms->pending[i + 1] = ms->pending[i + 2];
  --ms->n;

  // Elements of A already in place (<= B[0]) need not move.
  Py_ssize_t k = gallop_right(ms, *ssb.k, ssa.k, na, 0);
  if (k < 0) return -1;
  ssa.advance(k);
  na -= k;
  if (na == 0) return 0;
  // Elements of B after A's last element are in place too.
  nb = gallop_left(ms, ssa.k[na - 1], ssb.k, nb, nb - 1);
  if (nb <= 0) return int(nb);
  return na <= nb ? merge_lo(ms, ssa, na, ssb, nb) : merge_hi(ms, ssa, na, ssb, nb);
}

// Powersort: the depth in the implied binary merge tree of the boundary
// between run 1 (s1, n1) and run 2 (n2) in a list of length n.
int powerloop(Py_ssize_t s1, Py_ssize_t n1, Py_ssize_t n2, Py_ssize_t n) {
  int result = 0;
  Py_ssize_t a = 2 * s1 + n1;
  Py_ssize_t b = a + n1 + n2;
  for (;;) {
    ++result;
    if (a >= n) {
      b -= n;
      a -= n;
    } else if (b >= n) {
      break;
    }
    a <<= 1;
    b <<= 1;
  }
  return result;
}

int found_new_run(MergeState* ms, Py_ssize_t n2) {
  if (ms->n) {
    Run* top = &ms->pending[ms->n - 1];
    Py_ssize_t s1 = top->base.k - ms->basekeys;
    int power = powerloop(s1, top->len, n2, ms->listlen);
    while (ms->n > 1 && ms->pending[ms->n - 2].power > power) {
      if (merge_at(ms, ms->n - 2) < 0) return -1;
    }
    ms->pending[ms->n - 1].power = power;
  }
  return 0;
}

int merge_force_collapse(MergeState* ms) {
  Run* p = ms->pending;
  while (ms->n > 1) {
    int n = ms->n - 2;
    if (n > 0 && p[n - 1].len < p[n + 1].len) --n;
    if (merge_at(ms, n) < 0) return -1;
  }
  return 0;
}

Py_ssize_t merge_compute_minrun(Py_ssize_t n) {
  Py_ssize_t r = 0;
  while (n >= 64) {
    r |= n & 1;
    n >>= 1;
  }
  return n + r;
}

int sort_slice(MergeState* ms, Slice lo, Py_ssize_t nremaining) {
  ms->basekeys = lo.k;
  ms->listlen = nremaining;
  Py_ssize_t minrun = merge_compute_minrun(nremaining);
  do {
    bool descending;
    Py_ssize_t n = count_run(ms, lo.k, nremaining, &descending);
    if (n < 0) return -1;
    if (descending) reverse_slice(lo, n);
    if (n < minrun) {
      Py_ssize_t force = nremaining <= minrun ? nremaining : minrun;
      if (binarysort(ms, lo, force, n) < 0) return -1;
      n = force;
    }
    if (found_new_run(ms, n) < 0) return -1;
    ms->pending[ms->n].base = lo;
    ms->pending[ms->n].len = n;
    ++ms->n;
    lo.advance(n);
    nremaining -= n;
  } while (nremaining);
  return merge_force_collapse(ms);
}

}  // namespace

int list_sort(PyListObject* self, PyObject* keyfunc, int reverse) {
  if (keyfunc == Py_None) keyfunc = nullptr;
  // Detach the items: mutation during the sort is detected afterwards.
  Py_ssize_t saved_ob_size = Py_SIZE(self);
  PyObject** saved_ob_item = self->ob_item;
  Py_ssize_t saved_allocated = self->allocated;
  Py_SET_SIZE(self, 0);
  self->ob_item = nullptr;
  self->allocated = -1;

  int result = -1;
  PyObject* keys_on_stack[64];
  PyObject** keys = nullptr;
  {
    MergeState ms;
    ms.tmp.k = ms.temparray;
    Slice lo{saved_ob_item, nullptr};
    if (keyfunc != nullptr) {
      keys = saved_ob_size <= 64 ? keys_on_stack : PyMem_New(PyObject*, saved_ob_size);
      if (keys == nullptr) {
        PyErr_NoMemory();
        goto keyfunc_fail;
      }
      for (Py_ssize_t i = 0; i < saved_ob_size; i++) {
        keys[i] = PyObject_CallOneArg(keyfunc, saved_ob_item[i]);
        if (keys[i] == nullptr) {
          for (Py_ssize_t j = 0; j < i; j++) Py_DECREF(keys[j]);
          if (keys != keys_on_stack) PyMem_Free(keys);
          goto keyfunc_fail;
        }
      }
      lo = Slice{keys, saved_ob_item};
      ms.has_values = true;
      // The on-stack scratch holds keys and values halves.
      ms.alloced = 128;
      ms.tmp.v = ms.temparray + 128;
    } else {
      ms.alloced = 256;
    }

    if (saved_ob_size > 1) {
      choose_compare(&ms, lo.k, saved_ob_size);
      // Reversing first and last keeps equal elements in original order.
      if (reverse) reverse_slice(lo, saved_ob_size);
      result = sort_slice(&ms, lo, saved_ob_size);
    } else {
      result = 0;
    }

    if (keys != nullptr) {
      for (Py_ssize_t i = 0; i < saved_ob_size; i++) Py_DECREF(keys[i]);
      if (keys != keys_on_stack) PyMem_Free(keys);
    }
    if (self->allocated != -1 && result == 0) {
      PyErr_SetString(PyExc_ValueError, "list modified during sort");
      result = -1;
    }
    if (reverse && saved_ob_size > 1) reverse_range(saved_ob_item, saved_ob_item + saved_ob_size);
  }
keyfunc_fail: {
  // Whatever got put into the list during the sort is discarded.
  PyObject** final_ob_item = self->ob_item;
  Py_ssize_t i = Py_SIZE(self);
  Py_SET_SIZE(self, saved_ob_size);
  self->ob_item = saved_ob_item;
  self->allocated = saved_allocated;
  if (final_ob_item != nullptr) {
    while (--i >= 0) Py_XDECREF(final_ob_item[i]);
    PyMem_Free(final_ob_item);
  }
}
  return result;
}

}  // namespace krait
