// Starts the Krait runtime once for every unit test that needs objects.
#include <Python.h>
#include <gtest/gtest.h>

namespace {

class RuntimeEnvironment : public ::testing::Environment {
 public:
  void SetUp() override { Py_Initialize(); }
  void TearDown() override { Py_FinalizeEx(); }
};

// Registered at static-initialization time, before gtest_main runs the tests.
const auto* const g_env = ::testing::AddGlobalTestEnvironment(new RuntimeEnvironment);

}  // namespace
