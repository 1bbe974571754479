// Unit tests for the PyThread_* API (runtime/pythread.cpp).
#include <Python.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

namespace {

struct StartArgs {
  PyThread_type_lock done;
  std::atomic<unsigned long> ident{0};
  std::atomic<unsigned long> native{0};
  int value = 0;
};

void thread_body(void* raw) {
  auto* args = static_cast<StartArgs*>(raw);
  args->ident = PyThread_get_thread_ident();
  args->native = PyThread_get_thread_native_id();
  args->value = 42;
  PyThread_release_lock(args->done);  // released by a thread that did not acquire it
}

TEST(PyThread, IdentifiersAreStableAndDistinct) {
  EXPECT_EQ(PyThread_get_thread_ident(), PyThread_get_thread_ident());
  EXPECT_NE(PyThread_get_thread_native_id(), 0ul);
  StartArgs args;
  args.done = PyThread_allocate_lock();
  ASSERT_NE(args.done, nullptr);
  ASSERT_EQ(PyThread_acquire_lock(args.done, 1), 1);
  unsigned long id = PyThread_start_new_thread(thread_body, &args);
  ASSERT_NE(id, static_cast<unsigned long>(-1));
  // Blocks until the thread releases the lock.
  ASSERT_EQ(PyThread_acquire_lock_timed(args.done, 5'000'000, 0), PY_LOCK_ACQUIRED);
  EXPECT_EQ(args.value, 42);
  EXPECT_EQ(args.ident.load(), id);
  EXPECT_NE(args.ident.load(), PyThread_get_thread_ident());
  EXPECT_NE(args.native.load(), PyThread_get_thread_native_id());
  PyThread_release_lock(args.done);
  PyThread_free_lock(args.done);
}

TEST(PyThread, LockTryAndTimeout) {
  PyThread_type_lock lock = PyThread_allocate_lock();
  ASSERT_NE(lock, nullptr);
  EXPECT_EQ(PyThread_acquire_lock(lock, 0), 1);
  EXPECT_EQ(PyThread_acquire_lock(lock, 0), 0);  // not reentrant
  EXPECT_EQ(PyThread_acquire_lock_timed(lock, 0, 0), PY_LOCK_FAILURE);
  auto t0 = std::chrono::steady_clock::now();
  EXPECT_EQ(PyThread_acquire_lock_timed(lock, 20'000, 0), PY_LOCK_FAILURE);
  auto waited = std::chrono::steady_clock::now() - t0;
  EXPECT_GE(waited, std::chrono::milliseconds(19));
  // A huge timeout must not overflow into "already expired".
  std::thread releaser([lock] {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    PyThread_release_lock(lock);
  });
  EXPECT_EQ(PyThread_acquire_lock_timed(lock, PY_TIMEOUT_MAX, 0), PY_LOCK_ACQUIRED);
  releaser.join();
  PyThread_release_lock(lock);
  PyThread_free_lock(lock);
}

TEST(PyThread, AtForkReinitGivesAFreshLock) {
  PyThread_type_lock lock = PyThread_allocate_lock();
  PyThread_type_lock old = lock;
  ASSERT_EQ(PyThread_acquire_lock(lock, 0), 1);
  ASSERT_EQ(_PyThread_at_fork_reinit(&lock), 0);
  EXPECT_NE(lock, old);
  EXPECT_EQ(PyThread_acquire_lock(lock, 0), 1);
  PyThread_release_lock(lock);
  PyThread_free_lock(lock);
  PyThread_release_lock(old);
  PyThread_free_lock(old);
}

TEST(PyThread, StackSize) {
  EXPECT_EQ(PyThread_get_stacksize(), 0u);
  EXPECT_EQ(PyThread_set_stacksize(100), -1);
  EXPECT_EQ(PyThread_get_stacksize(), 0u);
  EXPECT_EQ(PyThread_set_stacksize(1 << 20), 0);
  EXPECT_EQ(PyThread_get_stacksize(), static_cast<size_t>(1 << 20));
  EXPECT_EQ(PyThread_set_stacksize(0), 0);
  EXPECT_EQ(PyThread_get_stacksize(), 0u);
}

void* g_seen_in_thread = reinterpret_cast<void*>(1);
void tss_body(void* raw) {
  g_seen_in_thread = PyThread_tss_get(static_cast<Py_tss_t*>(raw));
}

TEST(PyThread, ThreadSpecificStorage) {
  static Py_tss_t key = Py_tss_NEEDS_INIT;
  EXPECT_EQ(PyThread_tss_is_created(&key), 0);
  ASSERT_EQ(PyThread_tss_create(&key), 0);
  EXPECT_EQ(PyThread_tss_is_created(&key), 1);
  EXPECT_EQ(PyThread_tss_create(&key), 0);  // idempotent
  int x = 0;
  EXPECT_EQ(PyThread_tss_get(&key), nullptr);
  EXPECT_EQ(PyThread_tss_set(&key, &x), 0);
  EXPECT_EQ(PyThread_tss_get(&key), &x);
  // Another thread sees its own (empty) slot.
  std::thread t([] { tss_body(&key); });
  t.join();
  EXPECT_EQ(g_seen_in_thread, nullptr);
  PyThread_tss_delete(&key);
  EXPECT_EQ(PyThread_tss_is_created(&key), 0);

  Py_tss_t* dyn = PyThread_tss_alloc();
  ASSERT_NE(dyn, nullptr);
  EXPECT_EQ(PyThread_tss_is_created(dyn), 0);
  ASSERT_EQ(PyThread_tss_create(dyn), 0);
  EXPECT_EQ(PyThread_tss_set(dyn, &x), 0);
  EXPECT_EQ(PyThread_tss_get(dyn), &x);
  PyThread_tss_free(dyn);
}

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
TEST(PyThread, LegacyKeys) {
  int key = PyThread_create_key();
  ASSERT_GE(key, 0);
  int x = 0;
  EXPECT_EQ(PyThread_get_key_value(key), nullptr);
  EXPECT_EQ(PyThread_set_key_value(key, &x), 0);
  EXPECT_EQ(PyThread_get_key_value(key), &x);
  PyThread_delete_key_value(key);
  EXPECT_EQ(PyThread_get_key_value(key), nullptr);
  PyThread_delete_key(key);
}
#pragma GCC diagnostic pop

}  // namespace
