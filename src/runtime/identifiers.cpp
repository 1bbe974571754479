// Creation of the interned identifier strings declared in identifiers.def.
#include "runtime/identifiers.h"

#include "objects/object_util.h"

namespace krait::id {
#define KRAIT_ID(cname, text) PyObject* cname = nullptr;
#include "runtime/identifiers.def"
#undef KRAIT_ID
}  // namespace krait::id

namespace krait {

int init_identifiers() {
#define KRAIT_ID(cname, text)                       \
  id::cname = PyUnicode_InternFromString(text);     \
  if (id::cname == nullptr) return -1;              \
  make_immortal(id::cname);
#include "runtime/identifiers.def"
#undef KRAIT_ID
  return 0;
}

}  // namespace krait
