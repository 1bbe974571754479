// bench_krait.cpp — parse every file named on stdin (one path a line) to an AST with
// krait::parser::parse in this one process; prints the parse time (file reading is
// done up front and not timed), the file count and how many failed to parse.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "parser/parser.h"

int main(int argc, char** argv) {
  int repeat = argc > 1 ? std::atoi(argv[1]) : 1;
  std::vector<std::pair<std::string, std::string>> files;
  std::string path;
  size_t bytes = 0;
  while (std::getline(std::cin, path)) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    files.emplace_back(path, ss.str());
    bytes += files.back().second.size();
  }
  double best = 1e30;
  int errors = 0;
  for (int r = 0; r < repeat; r++) {
    errors = 0;
    auto t0 = std::chrono::steady_clock::now();
    for (auto& [name, src] : files) {
      krait::ast::Arena arena;
      auto res = krait::parser::parse(src, name, krait::parser::Mode::Exec, 0, arena);
      if (!res.ok()) errors++;
    }
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (s < best) best = s;
  }
  std::printf("krait:   %.3f s  (%zu files, %.1f MB, %d syntax errors, best of %d)\n", best,
              files.size(), bytes / 1e6, errors, repeat);
  return 0;
}
