#include "objects/unicode_object.h"
namespace krait {
PyNumberMethods unicode_as_number = {};
}
