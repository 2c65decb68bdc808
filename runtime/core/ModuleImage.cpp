#include "runtime/core/ModuleImage.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>

#include <dlfcn.h>
#include <elf.h>
#include <link.h>

namespace detasklet::runtime {

namespace {
const char ScenarioPrefix[] = "model_scenario__";

struct SegmentSearch {
  uintptr_t Base;
  std::vector<std::pair<char *, size_t>> Writable;
  bool Found = false;
};

int collectSegments(dl_phdr_info *Info, size_t, void *Data) {
  auto *S = static_cast<SegmentSearch *>(Data);
  if (Info->dlpi_addr != S->Base)
    return 0;
  S->Found = true;
  for (int I = 0; I < Info->dlpi_phnum; ++I) {
    const ElfW(Phdr) &P = Info->dlpi_phdr[I];
    if (P.p_type == PT_LOAD && (P.p_flags & PF_W))
      S->Writable.emplace_back(reinterpret_cast<char *>(Info->dlpi_addr + P.p_vaddr), size_t(P.p_memsz));
  }
  return 1;
}
} // namespace

std::unique_ptr<ModuleImage> ModuleImage::load(const std::string &Path, std::string &Error) {
  std::unique_ptr<ModuleImage> M(new ModuleImage());
  M->Path = Path;
  dlerror();
  // RTLD_NOW: every model function the driver needs is resolved here, so a
  // missing one is a load error, not a crash in the middle of an execution.
  M->Handle = dlopen(Path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!M->Handle) {
    const char *E = dlerror();
    Error = E ? E : "dlopen failed";
    return nullptr;
  }
  link_map *LM = nullptr;
  if (dlinfo(M->Handle, RTLD_DI_LINKMAP, &LM) != 0 || !LM) {
    Error = "dlinfo failed for " + Path;
    return nullptr;
  }
  M->LoadBase = LM->l_addr;
  SegmentSearch S{M->LoadBase, {}};
  dl_iterate_phdr(collectSegments, &S);
  if (!S.Found) {
    Error = "cannot find the program headers of " + Path;
    return nullptr;
  }
  // Modules are linked with -z norelro, so every writable page stays writable
  // and the snapshot, taken after relocation, can be written back as it is.
  for (auto &[Address, Size] : S.Writable) {
    Segment Seg;
    Seg.Address = Address;
    Seg.Snapshot.assign(Address, Address + Size);
    M->Writable.push_back(std::move(Seg));
  }
  if (!M->readSymbols(Error))
    return nullptr;
  if (auto *PerCpu = reinterpret_cast<void (*)(char **, char **)>(M->symbol("mdl_module_percpu")))
    PerCpu(&M->PerCpuBegin, &M->PerCpuEnd);
  return M;
}

ModuleImage::~ModuleImage() {
  if (Handle)
    dlclose(Handle);
}

void ModuleImage::restore() {
  for (Segment &S : Writable)
    std::memcpy(S.Address, S.Snapshot.data(), S.Snapshot.size());
}

// The dynamic symbol table lacks static functions and variables, which are
// most of a driver; the ELF symbol table of the file has them.
bool ModuleImage::readSymbols(std::string &Error) {
  std::ifstream In(Path, std::ios::binary);
  std::string Image((std::istreambuf_iterator<char>(In)), std::istreambuf_iterator<char>());
  if (Image.size() < sizeof(Elf64_Ehdr)) {
    Error = "cannot read " + Path;
    return false;
  }
  Elf64_Ehdr Eh;
  std::memcpy(&Eh, Image.data(), sizeof(Eh));
  if (std::memcmp(Eh.e_ident, ELFMAG, SELFMAG) != 0 || Eh.e_ident[EI_CLASS] != ELFCLASS64 ||
      Eh.e_shoff + uint64_t(Eh.e_shnum) * sizeof(Elf64_Shdr) > Image.size()) {
    Error = Path + " is not a 64-bit ELF file";
    return false;
  }
  std::vector<Elf64_Shdr> Sections(Eh.e_shnum);
  std::memcpy(Sections.data(), Image.data() + Eh.e_shoff, Eh.e_shnum * sizeof(Elf64_Shdr));
  for (const Elf64_Shdr &Sh : Sections) {
    if (Sh.sh_type != SHT_SYMTAB || Sh.sh_link >= Sections.size())
      continue;
    const Elf64_Shdr &Str = Sections[Sh.sh_link];
    if (Sh.sh_offset + Sh.sh_size > Image.size() || Str.sh_offset + Str.sh_size > Image.size())
      break;
    size_t Count = Sh.sh_size / sizeof(Elf64_Sym);
    for (size_t I = 0; I < Count; ++I) {
      Elf64_Sym Sym;
      std::memcpy(&Sym, Image.data() + Sh.sh_offset + I * sizeof(Elf64_Sym), sizeof(Sym));
      unsigned Type = ELF64_ST_TYPE(Sym.st_info);
      if ((Type != STT_FUNC && Type != STT_OBJECT) || Sym.st_shndx == SHN_UNDEF || Sym.st_name >= Str.sh_size)
        continue;
      const char *Name = Image.data() + Str.sh_offset + Sym.st_name;
      bool Global = ELF64_ST_BIND(Sym.st_info) != STB_LOCAL;
      Symbols.push_back({LoadBase + Sym.st_value, Sym.st_size, Name, Type == STT_FUNC, Global});
    }
  }
  std::sort(Symbols.begin(), Symbols.end(),
            [](const Symbol &A, const Symbol &B) { return A.Address < B.Address; });
  return true;
}

void *ModuleImage::symbol(const std::string &Name) const {
  // Only global names are looked up: two files of a module may each have a
  // static function of the same name.
  for (const Symbol &S : Symbols)
    if (S.Global && S.Name == Name)
      return reinterpret_cast<void *>(S.Address);
  return nullptr;
}

std::vector<std::string> ModuleImage::scenarioNames() const {
  std::vector<std::string> Names;
  for (const Symbol &S : Symbols)
    if (S.Function && S.Name.compare(0, sizeof(ScenarioPrefix) - 1, ScenarioPrefix) == 0)
      Names.push_back(S.Name.substr(sizeof(ScenarioPrefix) - 1));
  std::sort(Names.begin(), Names.end());
  Names.erase(std::unique(Names.begin(), Names.end()), Names.end());
  return Names;
}

void *ModuleImage::scenarioEntry(const std::string &Name) const { return symbol(ScenarioPrefix + Name); }

const ModuleImage::Symbol *ModuleImage::symbolAt(uintptr_t A, bool Function) const {
  auto It = std::upper_bound(Symbols.begin(), Symbols.end(), A,
                             [](uintptr_t V, const Symbol &S) { return V < S.Address; });
  while (It != Symbols.begin()) {
    --It;
    if (It->Function != Function)
      continue;
    if (A < It->Address + std::max<uint64_t>(It->Size, 1))
      return &*It;
    if (It->Address + 0x10000 < A)
      break;
  }
  return nullptr;
}

std::string ModuleImage::describeAddress(uintptr_t A) const {
  const Symbol *S = symbolAt(A, false);
  if (!S)
    S = symbolAt(A, true);
  if (!S)
    return "";
  if (A == S->Address)
    return S->Name;
  char Buf[32];
  std::snprintf(Buf, sizeof(Buf), "+0x%lx", (unsigned long)(A - S->Address));
  return S->Name + Buf;
}

std::string ModuleImage::functionAt(uintptr_t Pc) const {
  const Symbol *S = symbolAt(Pc, true);
  return S ? S->Name : "";
}

} // namespace detasklet::runtime
