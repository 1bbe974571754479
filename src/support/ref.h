// Ref<T>: an owning reference to a Python object.
//
// Krait's C++ internals hold new references in Ref<T> and borrowed ones in plain
// T*. A Ref decrefs on destruction; moving transfers ownership; copying increfs.
// `release()` hands the reference to C code that expects a new reference
// (the extern "C" API), `steal()` adopts one returned by such code.
#pragma once
#include <Python.h>
#include <utility>

namespace krait {

template <class T = PyObject>
class Ref {
 public:
  Ref() noexcept : p_(nullptr) {}
  Ref(std::nullptr_t) noexcept : p_(nullptr) {}
  ~Ref() { Py_XDECREF(as_obj(p_)); }

  // Adopts a new reference (may be NULL, e.g. an error return).
  static Ref steal(T* p) noexcept { return Ref(p); }
  // Takes a new reference to a borrowed pointer.
  static Ref borrow(T* p) noexcept {
    Py_XINCREF(as_obj(p));
    return Ref(p);
  }

  Ref(const Ref& o) noexcept : p_(o.p_) { Py_XINCREF(as_obj(p_)); }
  Ref(Ref&& o) noexcept : p_(o.p_) { o.p_ = nullptr; }
  template <class U>
  Ref(Ref<U>&& o) noexcept : p_(reinterpret_cast<T*>(o.release())) {}

  Ref& operator=(const Ref& o) noexcept {
    Ref tmp(o);
    std::swap(p_, tmp.p_);
    return *this;
  }
  Ref& operator=(Ref&& o) noexcept {
    std::swap(p_, o.p_);
    return *this;
  }

  T* get() const noexcept { return p_; }
  PyObject* obj() const noexcept { return as_obj(p_); }
  T* operator->() const noexcept { return p_; }
  explicit operator bool() const noexcept { return p_ != nullptr; }

  // Gives up ownership: the caller now owns the reference.
  [[nodiscard]] T* release() noexcept {
    T* p = p_;
    p_ = nullptr;
    return p;
  }
  void reset(T* p = nullptr) noexcept {  // adopts p
    T* old = p_;
    p_ = p;
    Py_XDECREF(as_obj(old));
  }

 private:
  explicit Ref(T* p) noexcept : p_(p) {}
  static PyObject* as_obj(T* p) noexcept { return reinterpret_cast<PyObject*>(p); }
  T* p_;
};

// Shorthands for the common cases.
template <class T>
inline Ref<T> steal(T* p) { return Ref<T>::steal(p); }
template <class T>
inline Ref<T> borrow(T* p) { return Ref<T>::borrow(p); }

}  // namespace krait
