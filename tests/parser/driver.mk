# driver.mk — builds the differential-test driver straight from the parser sources.
# The front end has no runtime dependency, so this works even while libkrait.so does not
# link.  Usage: make -f tests/parser/driver.mk OUT=build/parser_standalone [OPT=-O2]
ROOT   := $(abspath $(dir $(lastword $(MAKEFILE_LIST)))/../..)
OUT    ?= $(ROOT)/build/parser_standalone
OPT    ?= -O2 -g
CXX    ?= g++
SRCS   := $(wildcard $(ROOT)/src/parser/*.cpp) $(wildcard $(ROOT)/src/support/unicode_db*.cpp)
OBJS   := $(patsubst $(ROOT)/src/%.cpp,$(OUT)/obj/%.o,$(SRCS))
DEPS   := $(OBJS:.o=.d)
CXXFLAGS := -std=c++20 $(OPT) -I$(ROOT)/src -Wall -Wextra -Wno-unused-parameter -MMD -MP

all: $(OUT)/parser_dump_ast
objs: $(OBJS)

$(OUT)/obj/%.o: $(ROOT)/src/%.cpp
	@mkdir -p $(dir $@)
	$(CXX) $(CXXFLAGS) -c $< -o $@

$(OUT)/obj/driver.o: $(ROOT)/tests/parser/dump_ast_driver.cpp
	@mkdir -p $(dir $@)
	$(CXX) $(CXXFLAGS) -c $< -o $@

$(OUT)/parser_dump_ast: $(OBJS) $(OUT)/obj/driver.o
	$(CXX) $(OPT) $^ -o $@

-include $(DEPS)
