/* _Py_hashtable_* (internal/pycore_hashtable.h) as _hashlib uses it: compiled
 * against the internal header, so the struct layout and the inline
 * _Py_hashtable_get_entry are CPython's. */
#define Py_BUILD_CORE_MODULE 1
#include "capi_check.h"
#include "internal/pycore_hashtable.h"

static int destroyed = 0;
static void count_destroy(void* p) { destroyed++; }

static Py_uhash_t str_hash(const void* key) {
  const char* s = key;
  Py_uhash_t h = 5381;
  while (*s) h = h * 33 + (unsigned char)*s++;
  return h;
}
static int str_eq(const void* a, const void* b) { return strcmp(a, b) == 0; }

static int sum_values(_Py_hashtable_t* ht, const void* key, const void* value, void* data) {
  *(long*)data += (long)(intptr_t)value;
  return 0;
}

int main(void) {
  Py_Initialize();
  _Py_hashtable_t* ht = _Py_hashtable_new(_Py_hashtable_hash_ptr, _Py_hashtable_compare_direct);
  CHECK(ht != NULL && ht->nentries == 0);
  static int keys[1000];
  for (int i = 0; i < 1000; i++) CHECK(_Py_hashtable_set(ht, &keys[i], (void*)(intptr_t)(i + 1)) == 0);
  CHECK(ht->nentries == 1000);
  CHECK(_Py_hashtable_get(ht, &keys[500]) == (void*)501);
  CHECK(_Py_hashtable_get_entry(ht, &keys[7])->value == (void*)8);
  int other;
  CHECK(_Py_hashtable_get(ht, &other) == NULL);
  long total = 0;
  CHECK(_Py_hashtable_foreach(ht, sum_values, &total) == 0 && total == 500500);
  CHECK(_Py_hashtable_steal(ht, &keys[0]) == (void*)1 && ht->nentries == 999);
  CHECK(_Py_hashtable_get(ht, &keys[0]) == NULL);
  for (int i = 1; i < 990; i++) _Py_hashtable_steal(ht, &keys[i]);
  CHECK(ht->nentries == 10 && _Py_hashtable_get(ht, &keys[995]) == (void*)996);
  _Py_hashtable_clear(ht);
  CHECK(ht->nentries == 0);
  _Py_hashtable_destroy(ht);

  ht = _Py_hashtable_new_full(str_hash, str_eq, NULL, count_destroy, NULL);
  char k1[] = "alpha", k2[] = "beta", probe[] = "alpha";
  CHECK(_Py_hashtable_set(ht, k1, k1) == 0 && _Py_hashtable_set(ht, k2, k2) == 0);
  CHECK(_Py_hashtable_get(ht, probe) == k1);
  _Py_hashtable_destroy(ht);
  CHECK(destroyed == 2);
  CAPI_TEST_END();
}
