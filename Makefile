# lantern: make (build), make check (install what is missing, build, run all
# tests), make bench (benchmarks against bpftrace), make clean.

LLVM_CONFIG ?= $(shell command -v llvm-config-19 2>/dev/null || command -v llvm-config 2>/dev/null)
CC ?= gcc
BUILD ?= build

WARN := -Wall -Wextra -Wno-unused-parameter
CFLAGS ?= -O2 -g
CPPFLAGS += -I. -I$(BUILD)/gen -D_GNU_SOURCE
LLVM_CFLAGS := $(if $(LLVM_CONFIG),$(shell $(LLVM_CONFIG) --cflags | tr ' ' '\n' | grep -E '^-(I|D)' | tr '\n' ' '))
# LLVM is linked statically, only the BPF target and the pass pipeline:
# libLLVM.so's start-up (relocations, every target's initializers) costs
# ~25 MB of RSS and ~10 ms. LLVM_SHARED=1 links libLLVM.so instead.
LLVM_COMPONENTS := bpf passes
ifeq ($(LLVM_SHARED),1)
LLVM_LIBS := $(if $(LLVM_CONFIG),$(shell $(LLVM_CONFIG) --ldflags) $(shell $(LLVM_CONFIG) --libs))
else
LLVM_LIBS := $(if $(LLVM_CONFIG),$(shell $(LLVM_CONFIG) --ldflags) \
	$(shell $(LLVM_CONFIG) --link-static --libs $(LLVM_COMPONENTS)) \
	$(filter-out %libz3.so,$(shell $(LLVM_CONFIG) --link-static --system-libs $(LLVM_COMPONENTS))) -lstdc++)
endif
LIBS := -lbpf -ldw -lelf -lz -lpthread
# The front end reads uprobes' ELF symbols (probes/elf_symbols.c) and DWARF (probes/dwarf_*.c).
FRONT_LIBS := -ldw -lelf

# New files are picked up: every .c of a folder is built.
FRONT_SRC := $(wildcard compiler/*.c probes/*.c)
# Family files: a builtin's type rule and its lowering (LLVM) together.
BUILTIN_SRC := $(wildcard builtins/*.c)
GEN_SRC := $(BUILD)/gen/parser.c $(BUILD)/gen/lexer.c
CODEGEN_SRC := $(wildcard codegen/*.c)
RUNTIME_SRC := $(wildcard runtime/*.c)

# Objects keep their folder: builtins/maps.c and runtime/maps.c differ.
obj = $(patsubst %.c,$(BUILD)/obj/%.o,$(patsubst $(BUILD)/gen/%,gen/%,$(1)))
FRONT_OBJ := $(call obj,$(FRONT_SRC) $(GEN_SRC))
BACK_OBJ := $(call obj,$(BUILTIN_SRC) $(CODEGEN_SRC) $(RUNTIME_SRC))

# No built-in rules: make's yacc rule would race ours for parser.c.
MAKEFLAGS += --no-builtin-rules
.SUFFIXES:

.PHONY: all check unit deps fuzz fuzzers bench clean asan
LANTERN_BIN ?= lantern
all: $(LANTERN_BIN)

$(LANTERN_BIN): $(FRONT_OBJ) $(BACK_OBJ) $(BUILD)/obj/main.o
	$(CC) $(LDFLAGS) -o $@ $^ $(LLVM_LIBS) $(LIBS)

$(BUILD)/gen/parser.c $(BUILD)/gen/parser.h &: grammar/parser.y
	@mkdir -p $(BUILD)/gen
	bison -Wall -Wno-yacc -d -o $(BUILD)/gen/parser.c $<

$(BUILD)/gen/lexer.c: grammar/lexer.l $(BUILD)/gen/parser.h
	@mkdir -p $(BUILD)/gen
	flex -o $@ $<

# Generated code is not ours to keep warning-free.
$(BUILD)/obj/gen/lexer.o $(BUILD)/obj/gen/parser.o: WARN += -Wno-sign-compare -Wno-unused-function
# The codegen/runtime contract builds without LLVM, as the runtime does.
LLVM_FREE_SRC := codegen/bpf_image.c codegen/map_layout.c
$(call obj,$(filter-out $(LLVM_FREE_SRC),$(CODEGEN_SRC)) $(BUILTIN_SRC)): CPPFLAGS += $(LLVM_CFLAGS)

$(BUILD)/obj/gen/%.o: $(BUILD)/gen/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(WARN) -std=gnu11 -MMD -MP -c -o $@ $<

$(BUILD)/obj/%.o: %.c | $(BUILD)/gen/parser.h
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(WARN) -std=gnu11 -MMD -MP -c -o $@ $<

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)

# ---- tests ----
# Unit tests run under ASan+UBSan; they need no kernel. Two binaries:
# unit_tests is the front end alone, compiled without its back-end code
# (LANTERN_FRONT_END_ONLY: builtins without lowerings, probe types without
# attach) and linked without libbpf and LLVM, so if it links the layering
# holds; unit_tests_backend tests back-end code that needs libbpf.
SAN := -fsanitize=address,undefined -fno-omit-frame-pointer
UNIT_FLAGS := $(CPPFLAGS) -DLANTERN_FRONT_END_ONLY -O1 -g $(SAN) $(WARN) -Wno-sign-compare -Wno-unused-function \
	-Wno-format-truncation -std=gnu11
UNIT_SRC := $(wildcard tests/unit/*.c)
UNIT_BACKEND_SRC := tests/unit/unit.c $(wildcard tests/unit/backend/*.c)
unit: $(BUILD)/unit_tests $(BUILD)/unit_tests_backend
	$(BUILD)/unit_tests
	$(BUILD)/unit_tests_backend

FRONT_END_ONLY_SRC := $(FRONT_SRC) $(BUILTIN_SRC) $(GEN_SRC)
$(BUILD)/unit_tests: $(UNIT_SRC) $(FRONT_END_ONLY_SRC)
	$(CC) $(UNIT_FLAGS) -o $@ $^ $(FRONT_LIBS)

$(BUILD)/unit_tests_backend: $(UNIT_BACKEND_SRC) $(FRONT_END_ONLY_SRC) codegen/map_layout.c runtime/btf_scan.c \
		runtime/btf_types.c runtime/kernel_features.c
	$(CC) $(UNIT_FLAGS) -o $@ $^ $(LIBS)

# libFuzzer: the front end alone (fast: parse and check) and the whole
# compiler through LLVM (what --dry-run does); tests/fuzz/run.sh runs both
# for FUZZ_SECONDS each over the seeds, in make check too.
FUZZ_SECONDS ?= 60
FUZZ_CC ?= $(shell command -v clang-19 2>/dev/null || command -v clang 2>/dev/null)
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=undefined
fuzz: fuzzers
	FUZZ_SECONDS=$(FUZZ_SECONDS) tests/fuzz/run.sh

fuzzers: $(BUILD)/fuzz_frontend
	@$(MAKE) --no-print-directory BUILD=build-fuzz CC=$(FUZZ_CC) LANTERN_BIN=build-fuzz/lantern \
		CFLAGS="-O1 -g -fsanitize=fuzzer-no-link $(FUZZ_SAN) -fno-omit-frame-pointer" WARN="-w" \
		build-fuzz/fuzz_codegen

$(BUILD)/fuzz_frontend: tests/fuzz/frontend.c $(FRONT_END_ONLY_SRC)
	$(FUZZ_CC) $(CPPFLAGS) -DLANTERN_FRONT_END_ONLY -O1 -g -fsanitize=fuzzer $(FUZZ_SAN) -std=gnu11 -o $@ $^ $(FRONT_LIBS)

# Built in build-fuzz, every object instrumented for coverage.
build-fuzz/fuzz_codegen: $(FRONT_OBJ) $(BACK_OBJ) $(BUILD)/obj/tests/fuzz/codegen.o
	$(CC) -fsanitize=fuzzer $(FUZZ_SAN) -o $@ $^ $(LLVM_LIBS) $(LIBS)

deps:
	@tests/install-deps.sh

# The whole binary under ASan+UBSan, for a second pass of the runtime tests.
ASAN := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -Wno-format-truncation
asan:
	@$(MAKE) --no-print-directory BUILD=build-asan LANTERN_BIN=build-asan/lantern \
		CFLAGS="$(ASAN)" LDFLAGS="-fsanitize=address,undefined" build-asan/lantern

check: deps
	@$(MAKE) --no-print-directory all $(BUILD)/unit_tests $(BUILD)/unit_tests_backend asan fuzzers
	@$(MAKE) --no-print-directory -C tests/workloads
	@tests/check.sh

bench: all
	$(MAKE) -C tests/workloads
	bench/run.sh --write
	bench/run.sh --lane --write

clean:
	rm -rf $(BUILD) build-asan build-fuzz lantern
	$(MAKE) -C tests/workloads clean
