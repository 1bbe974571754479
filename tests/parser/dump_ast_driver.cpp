// dump_ast_driver.cpp — stand-in for `krait -X dump-ast FILE` until the lead wires it
// into src/main/main.cpp.  With several files, prints "==> FILE" before each dump.
#include <cstdio>
#include <string_view>

#include "parser/parser.h"

int main(int argc, char** argv) {
  // "-m FILE..." prints "==> FILE" before each dump.
  bool multi = argc > 1 && std::string_view(argv[1]) == "-m";
  if (!multi && argc == 2) return krait::parser::dump_ast_main(argv[1]);
  int rc = 0;
  for (int i = multi ? 2 : 1; i < argc; i++) {
    std::printf("==> %s\n", argv[i]);
    std::fflush(stdout);
    int r = krait::parser::dump_ast_main(argv[i]);
    std::fflush(stdout);
    if (r > rc) rc = r;
  }
  return rc;
}
