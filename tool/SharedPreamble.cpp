#include "tool/SharedPreamble.h"

#include "matchers/BodySkipping.h"
#include "tool/FirstError.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendActions.h"
#include "clang/Frontend/MultiplexConsumer.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <cmath>
#include <map>
#include <set>

namespace detasklet {

namespace preamble {

namespace {

constexpr llvm::StringLiteral IncludeDirOptions[] = {"-I", "-iquote", "-isystem", "-idirafter"};
// Options whose value may come as the next argument.
constexpr llvm::StringLiteral SeparateValueOptions[] = {
    "-o",      "-D",      "-U",     "-I",       "-iquote", "-isystem", "-idirafter",
    "-include", "-imacros", "-x",     "-MF",      "-MT",     "-MQ",      "-Xclang",
    "-mllvm",  "-target", "--param", "-isysroot", "--sysroot"};

bool isPerObjectMacro(llvm::StringRef Definition) {
  llvm::StringRef Name = Definition.split('=').first;
  return Name.starts_with("KBUILD_") || Name.starts_with("__KBUILD_");
}

// The include-directory option A starts with, or "".
llvm::StringRef includeDirOption(llvm::StringRef A) {
  for (llvm::StringRef O : IncludeDirOptions)
    if (A.starts_with(O))
      return O;
  return "";
}

std::string absolute(llvm::StringRef Path, llvm::StringRef Directory) {
  llvm::SmallString<256> P(Path);
  llvm::sys::fs::make_absolute(Directory, P);
  llvm::sys::path::remove_dots(P, /*remove_dot_dot=*/true);
  return std::string(P);
}

// A directive's name and the rest of its line, or nothing for another line.
std::optional<std::pair<llvm::StringRef, llvm::StringRef>> directive(llvm::StringRef Line) {
  Line = Line.ltrim();
  if (!Line.consume_front("#"))
    return std::nullopt;
  Line = Line.ltrim();
  size_t End = Line.find_if_not([](char C) { return llvm::isAlnum(C) || C == '_'; });
  return std::make_pair(Line.take_front(End), Line.drop_front(std::min(End, Line.size())).trim());
}

// The text with comments replaced by spaces, lines kept.
std::string withoutComments(llvm::StringRef Text) {
  std::string Out;
  Out.reserve(Text.size());
  for (size_t I = 0; I < Text.size(); ++I) {
    if (Text.substr(I).starts_with("/*")) {
      size_t End = Text.find("*/", I + 2);
      End = End == llvm::StringRef::npos ? Text.size() : End + 2;
      for (; I < End; ++I)
        Out += Text[I] == '\n' ? '\n' : ' ';
      --I;
    } else if (Text.substr(I).starts_with("//")) {
      while (I < Text.size() && Text[I] != '\n')
        ++I;
      --I;
    } else if (Text[I] == '"' || Text[I] == '\'') {
      char Quote = Text[I];
      Out += Text[I++];
      while (I < Text.size() && Text[I] != Quote && Text[I] != '\n') {
        if (Text[I] == '\\' && I + 1 < Text.size())
          Out += Text[I++];
        Out += Text[I++];
      }
      if (I < Text.size())
        Out += Text[I];
    } else {
      Out += Text[I];
    }
  }
  return Out;
}

} // namespace

std::optional<llvm::StringRef> angleSearchDirectory(llvm::StringRef Unit) {
  llvm::StringRef Option = includeDirOption(Unit);
  if (Option.empty() || Option == "-iquote")
    return std::nullopt;
  return Unit.drop_front(Option.size());
}

SplitCommand splitCommand(llvm::ArrayRef<std::string> Args, llvm::StringRef InputFile,
                          llvm::StringRef Directory) {
  SplitCommand Out;
  const std::string Input = absolute(InputFile, Directory);
  for (size_t I = 0; I < Args.size(); ++I) {
    llvm::StringRef A = Args[I];
    if (I == 0) {
      Out.Shared.push_back(A.str());
      continue;
    }
    bool Separate = llvm::is_contained(SeparateValueOptions, A) && I + 1 < Args.size();
    llvm::StringRef Value = Separate ? llvm::StringRef(Args[I + 1]) : llvm::StringRef();
    if (Separate)
      ++I;
    if (!A.starts_with("-")) {
      if (absolute(A, Directory) != Input)
        Out.Shared.push_back(A.str());
      continue;
    }
    if (A == "-o" || A == "-c" || A == "-S" || A == "-E" || A == "-fsyntax-only" ||
        A.starts_with("-M") || A.starts_with("-W"))
      continue;
    if (A.starts_with("-D") || A.starts_with("-U")) {
      std::string Definition = Separate ? Value.str() : A.drop_front(2).str();
      if (!isPerObjectMacro(Definition))
        Out.Shared.push_back(A.take_front(2).str() + Definition);
      continue;
    }
    if (!includeDirOption(A).empty()) {
      Out.Includes.push_back(Separate ? A.str() + Value.str() : A.str());
      continue;
    }
    Out.Shared.push_back(A.str());
    if (Separate)
      Out.Shared.push_back(Value.str());
  }
  return Out;
}

std::vector<std::string> commonIncludes(llvm::ArrayRef<SplitCommand> Members) {
  std::vector<std::string> Out;
  if (Members.empty())
    return Out;
  std::vector<llvm::StringSet<>> Sets;
  for (const SplitCommand &M : Members.drop_front()) {
    Sets.emplace_back();
    for (const std::string &I : M.Includes)
      Sets.back().insert(I);
  }
  for (const std::string &I : Members.front().Includes)
    if (llvm::all_of(Sets, [&](const llvm::StringSet<> &S) { return S.contains(I); }) &&
        !llvm::is_contained(Out, I))
      Out.push_back(I);
  return Out;
}

std::vector<Include> topLevelIncludes(llvm::StringRef Text) {
  std::string Code = withoutComments(Text);
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  llvm::StringRef(Code).split(Lines, '\n');
  std::vector<Include> Out;
  int Depth = 0;
  for (llvm::StringRef Line : Lines) {
    auto D = directive(Line);
    if (!D)
      continue;
    auto [Name, Rest] = *D;
    if (Name == "if" || Name == "ifdef" || Name == "ifndef")
      ++Depth;
    else if (Name == "endif")
      Depth = std::max(0, Depth - 1);
    else if (Name == "include" && Depth == 0 && (Rest.starts_with("<") || Rest.starts_with("\""))) {
      bool System = Rest.starts_with("<");
      size_t Close = Rest.find(System ? '>' : '"', 1);
      if (Close != llvm::StringRef::npos)
        Out.push_back(Include{Rest.substr(1, Close - 1).trim().str(), System});
    }
  }
  return Out;
}

bool isIncludeGuarded(llvm::StringRef Text) {
  std::string Code = withoutComments(Text);
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  llvm::StringRef(Code).split(Lines, '\n');
  enum { BeforeGuard, AfterIfndef, Inside, Closed } State = BeforeGuard;
  llvm::StringRef Guard;
  int Depth = 0;
  for (llvm::StringRef Line : Lines) {
    if (Line.trim().empty())
      continue;
    auto D = directive(Line);
    switch (State) {
    case BeforeGuard:
      if (D && D->first == "pragma" && D->second == "once")
        return true;
      if (!D || D->first != "ifndef")
        return false;
      Guard = D->second;
      State = AfterIfndef;
      break;
    case AfterIfndef:
      if (!D || D->first != "define" || D->second.split(' ').first.trim() != Guard)
        return false;
      State = Inside;
      Depth = 1;
      break;
    case Inside:
      if (D && (D->first == "if" || D->first == "ifdef" || D->first == "ifndef"))
        ++Depth;
      else if (D && D->first == "endif" && --Depth == 0)
        State = Closed;
      break;
    case Closed:
      return false; // code after the guard's #endif
    }
  }
  return State == Closed;
}

std::vector<std::string> commonHeaders(llvm::ArrayRef<std::vector<std::string>> PerMember,
                                       double MinShare) {
  struct Tally {
    size_t Members = 0;
    double PlaceSum = 0;
  };
  std::map<std::string, Tally> Tallies;
  for (const std::vector<std::string> &Headers : PerMember) {
    llvm::StringSet<> Seen;
    for (size_t I = 0; I < Headers.size(); ++I) {
      if (!Seen.insert(Headers[I]).second)
        continue;
      Tally &T = Tallies[Headers[I]];
      ++T.Members;
      T.PlaceSum += double(I) / double(Headers.size());
    }
  }
  const size_t Needed =
      std::max<size_t>(2, size_t(std::ceil(MinShare * double(PerMember.size()) - 1e-9)));
  std::vector<std::pair<double, std::string>> Chosen;
  for (const auto &[Header, T] : Tallies)
    if (T.Members >= Needed)
      Chosen.emplace_back(T.PlaceSum / double(T.Members), Header);
  llvm::sort(Chosen);
  std::vector<std::string> Out;
  for (auto &[Place, Header] : Chosen)
    Out.push_back(std::move(Header));
  return Out;
}

} // namespace preamble

namespace {

using Clock = std::chrono::system_clock;

// Builds a precompiled header with the shortcut parse's body skipping, and
// records the files it was built from, all but the generated list itself.
bool holdsTasklet(clang::QualType T) {
  T = T.getCanonicalType();
  while (const clang::ArrayType *A = T->getAsArrayTypeUnsafe())
    T = A->getElementType().getCanonicalType();
  const clang::RecordDecl *RD = T->getAsRecordDecl();
  return RD && RD->getName() == "tasklet_struct";
}

bool recordHoldsTasklet(const clang::RecordDecl *RD) {
  for (const clang::Decl *D : RD->decls()) {
    if (const auto *F = llvm::dyn_cast<clang::FieldDecl>(D); F && holdsTasklet(F->getType()))
      return true;
    if (const auto *Inner = llvm::dyn_cast<clang::RecordDecl>(D); Inner && recordHoldsTasklet(Inner))
      return true;
  }
  return false;
}

// Files with a top-level declaration the matchers must see whatever the
// file's text says: a record with a tasklet field, a typedef of a tasklet,
// a variable with an initialiser (a DECLARE_TASKLET, an ops table).
std::set<clang::FileID> filesDeclaringTasklets(clang::ASTContext &Ctx) {
  const clang::SourceManager &SM = Ctx.getSourceManager();
  std::set<clang::FileID> Files;
  for (const clang::Decl *D : Ctx.getTranslationUnitDecl()->decls()) {
    bool Holds = false;
    if (const auto *RD = llvm::dyn_cast<clang::RecordDecl>(D))
      Holds = RD->isThisDeclarationADefinition() && recordHoldsTasklet(RD);
    else if (const auto *TD = llvm::dyn_cast<clang::TypedefNameDecl>(D))
      Holds = holdsTasklet(TD->getUnderlyingType());
    else if (const auto *VD = llvm::dyn_cast<clang::VarDecl>(D))
      Holds = VD->hasInit() || holdsTasklet(VD->getType());
    if (Holds)
      Files.insert(SM.getFileID(SM.getExpansionLoc(D->getLocation())));
  }
  return Files;
}

class BuildPreambleAction : public clang::GeneratePCHAction {
public:
  BuildPreambleAction(std::string Output, std::string ListFile, Preamble &Result,
                      bool &InputsRecorded)
      : Output(std::move(Output)), ListFile(std::move(ListFile)), Result(Result),
        InputsRecorded(InputsRecorded) {}

  bool BeginInvocation(clang::CompilerInstance &CI) override {
    CI.getFrontendOpts().OutputFile = Output;
    CI.getFrontendOpts().SkipFunctionBodies = true;
    return true;
  }

  std::unique_ptr<clang::ASTConsumer> CreateASTConsumer(clang::CompilerInstance &CI,
                                                        llvm::StringRef InFile) override {
    std::unique_ptr<clang::ASTConsumer> Writer = GeneratePCHAction::CreateASTConsumer(CI, InFile);
    if (!Writer)
      return nullptr;
    std::vector<std::unique_ptr<clang::ASTConsumer>> Both;
    Both.push_back(std::move(Writer));
    Both.push_back(std::make_unique<TaskletFreeBodySkipper>(CI.getSourceManager()));
    return std::make_unique<clang::MultiplexConsumer>(std::move(Both));
  }

  void EndSourceFileAction() override {
    std::string Cwd;
    if (auto Dir = getCompilerInstance().getVirtualFileSystem().getCurrentWorkingDirectory())
      Cwd = *Dir;
    std::optional<std::vector<InputFile>> All =
        recordInputs(getCompilerInstance().getSourceManager(), Cwd, Start);
    InputsRecorded = All.has_value();
    if (All)
      for (InputFile &F : *All)
        if (F.Path != ListFile)
          Result.Inputs.push_back(std::move(F));
    // The files whose declarations a TU's matchers must still visit, by the
    // name clang opened them with: the TU's file manager knows them so.
    clang::SourceManager &SM = getCompilerInstance().getSourceManager();
    TaskletMentions Mentions(SM);
    std::vector<std::string> Paths;
    // One pass over the entries: looking each file up would be one pass each.
    for (unsigned I = 0, N = SM.local_sloc_entry_size(); I != N; ++I) {
      const clang::SrcMgr::SLocEntry &Entry = SM.getLocalSLocEntry(I);
      if (!Entry.isFile() || !Entry.getFile().getContentCache().OrigEntry)
        continue;
      clang::FileID File =
          SM.getFileID(clang::SourceLocation::getFromRawEncoding(Entry.getOffset()));
      if (File != SM.getMainFileID() && Mentions.in(File))
        Paths.push_back(Entry.getFile().getContentCache().OrigEntry->getName().str());
    }
    // A file can hold a tasklet without naming it: a field of a typedef'd
    // or macro-made type, a table a tasklet's callback is taken from.
    for (clang::FileID File : filesDeclaringTasklets(getCompilerInstance().getASTContext()))
      if (clang::OptionalFileEntryRef Entry = SM.getFileEntryRefForID(File))
        Paths.push_back(Entry->getName().str());
    llvm::sort(Paths);
    Paths.erase(std::unique(Paths.begin(), Paths.end()), Paths.end());
    Result.TaskletFiles = std::make_unique<PreambleTaskletFiles>(std::move(Paths));
    GeneratePCHAction::EndSourceFileAction();
  }

private:
  std::string Output, ListFile;
  Preamble &Result;
  bool &InputsRecorded;
  Clock::time_point Start = Clock::now();
};

class BuildPreambleFactory : public clang::tooling::FrontendActionFactory {
public:
  BuildPreambleFactory(std::string Output, std::string ListFile, Preamble &Result,
                       bool &InputsRecorded)
      : Output(std::move(Output)), ListFile(std::move(ListFile)), Result(Result),
        InputsRecorded(InputsRecorded) {}
  std::unique_ptr<clang::FrontendAction> create() override {
    return std::make_unique<BuildPreambleAction>(Output, ListFile, Result, InputsRecorded);
  }

private:
  std::string Output, ListFile;
  Preamble &Result;
  bool &InputsRecorded;
};

std::optional<std::string> readFile(const std::string &Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buffer)
    return std::nullopt;
  return (*Buffer)->getBuffer().str();
}

// The system headers File includes, itself or through a header beside it
// that it includes with quotes (a driver's own header is where most of its
// subsystem's headers come from), each in the place it is included.
std::vector<std::string> systemIncludesThrough(const std::string &File) {
  std::string Text = readFile(File).value_or("");
  std::vector<std::string> Out;
  llvm::StringRef Dir = llvm::sys::path::parent_path(File);
  for (const preamble::Include &I : preamble::topLevelIncludes(Text)) {
    if (I.System) {
      Out.push_back(I.Name);
      continue;
    }
    llvm::SmallString<256> Local(Dir);
    llvm::sys::path::append(Local, I.Name);
    for (const preamble::Include &Inner :
         preamble::topLevelIncludes(readFile(std::string(Local)).value_or("")))
      if (Inner.System)
        Out.push_back(Inner.Name);
  }
  return Out;
}

} // namespace

struct SharedPreambles::Group {
  std::string Directory;
  std::vector<std::string> Files;
  std::vector<preamble::SplitCommand> Commands;
  std::vector<std::string> Headers;
  Preamble Result;
  bool Built = false;
  std::string Error; // why it was not built

  // The headers, in order, that resolve through the group's common include
  // directories to a guarded file.
  void chooseHeaders(const std::vector<std::string> &IncludeDirs) {
    std::vector<std::vector<std::string>> PerMember;
    for (const std::string &F : Files)
      PerMember.push_back(systemIncludesThrough(F));
    for (const std::string &H : preamble::commonHeaders(PerMember, MinShare))
      for (const std::string &Option : IncludeDirs) {
        std::optional<llvm::StringRef> Dir = preamble::angleSearchDirectory(Option);
        if (!Dir)
          continue;
        llvm::SmallString<256> Path(*Dir);
        llvm::sys::fs::make_absolute(Directory, Path);
        llvm::sys::path::append(Path, H);
        if (!llvm::sys::fs::exists(Path))
          continue;
        if (std::optional<std::string> Text = readFile(std::string(Path));
            Text && preamble::isIncludeGuarded(*Text))
          Headers.push_back(H);
        break;
      }
  }

  void build(const std::string &InDir, size_t Index) {
    std::vector<std::string> IncludeDirs = preamble::commonIncludes(Commands);
    chooseHeaders(IncludeDirs);
    if (Headers.empty()) {
      Error = "no header most of the group includes";
      return;
    }
    llvm::SmallString<256> List(InDir), Pch(InDir);
    llvm::sys::path::append(List, "group-" + std::to_string(Index) + ".h");
    llvm::sys::path::append(Pch, "group-" + std::to_string(Index) + ".pch");
    {
      std::error_code EC;
      llvm::raw_fd_ostream Out(List, EC);
      if (EC) {
        Error = "cannot write " + std::string(List) + ": " + EC.message();
        return;
      }
      for (const std::string &H : Headers)
        Out << "#include <" << H << ">\n";
    }
    // The first member's shared part, its common include directories, and the
    // list read as a header.
    std::vector<std::string> Args(Commands.front().Shared.begin() + 1,
                                  Commands.front().Shared.end());
    Args.insert(Args.end(), IncludeDirs.begin(), IncludeDirs.end());
    Args.push_back("-x");
    Args.push_back("c-header");
    clang::tooling::FixedCompilationDatabase Database(Directory, Args);
    clang::tooling::ClangTool Tool(Database, {std::string(List)},
                                   std::make_shared<clang::PCHContainerOperations>(),
                                   llvm::vfs::createPhysicalFileSystem());
    FirstErrorConsumer Errors(Directory);
    Tool.setDiagnosticConsumer(&Errors);
    Tool.setPrintErrorMessage(false);
    bool InputsRecorded = false;
    BuildPreambleFactory Factory(std::string(Pch), std::string(List), Result, InputsRecorded);
    int Status = Tool.run(&Factory);
    if (Status != 0 || Errors.getNumErrors() || !llvm::sys::fs::exists(Pch)) {
      Error = Errors.First.empty() ? "clang could not build it" : Errors.First;
      return;
    }
    if (!InputsRecorded) {
      Error = "a header it reads is not UTF-8 or is gone";
      return;
    }
    Result.Pch = std::string(Pch);
    Result.ListFile = std::string(List);
    Built = true;
  }
};

SharedPreambles::SharedPreambles(const clang::tooling::CompilationDatabase &Database,
                                 llvm::ArrayRef<std::string> Files,
                                 const clang::tooling::ArgumentsAdjuster &Adjuster,
                                 llvm::ThreadPoolInterface *Pool) {
  // A TU with several commands is parsed once per command: one preamble
  // cannot serve them all, so it gets none.
  std::map<std::string, std::unique_ptr<Group>> ByKey;
  for (const std::string &File : Files) {
    std::vector<clang::tooling::CompileCommand> Commands = Database.getCompileCommands(File);
    if (Commands.size() != 1)
      continue;
    const clang::tooling::CompileCommand &C = Commands.front();
    preamble::SplitCommand Split = preamble::splitCommand(
        Adjuster(C.CommandLine, C.Filename), C.Filename, C.Directory);
    std::string Key = C.Directory;
    for (const std::string &A : Split.Shared)
      Key += '\0' + A;
    std::unique_ptr<Group> &G = ByKey[Key];
    if (!G) {
      G = std::make_unique<Group>();
      G->Directory = C.Directory;
    }
    G->Files.push_back(File);
    G->Commands.push_back(std::move(Split));
  }
  for (auto &[Key, G] : ByKey)
    if (G->Files.size() >= MinGroup)
      Groups.push_back(std::move(G));
  if (Groups.empty())
    return;
  llvm::SmallString<128> Made;
  if (std::error_code EC = llvm::sys::fs::createUniqueDirectory("detasklet-preamble", Made)) {
    for (auto &G : Groups)
      G->Error = "cannot make a temporary directory: " + EC.message();
    return;
  }
  // As the recorded inputs name files: absolute, no "." or "//".
  llvm::sys::path::remove_dots(Made, /*remove_dot_dot=*/false);
  Dir = std::string(Made);
  auto Started = std::chrono::steady_clock::now();
  for (size_t I = 0; I < Groups.size(); ++I) {
    auto Build = [this, I] { Groups[I]->build(Dir, I); };
    if (Pool)
      Pool->async(Build);
    else
      Build();
  }
  if (Pool)
    Pool->wait();
  BuildSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - Started).count();
  for (const auto &G : Groups)
    if (G->Built)
      for (const std::string &F : G->Files)
        ByFile[F] = &G->Result;
}

SharedPreambles::~SharedPreambles() {
  if (!Dir.empty())
    llvm::sys::fs::remove_directories(Dir);
}

const Preamble *SharedPreambles::forFile(llvm::StringRef File) const {
  auto It = ByFile.find(File);
  return It == ByFile.end() ? nullptr : It->second;
}

std::string SharedPreambles::summary() const {
  size_t Built = llvm::count_if(Groups, [](const auto &G) { return G->Built; });
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  OS << "shared preamble: " << Built << " built in " << llvm::format("%.1f", BuildSeconds)
     << " s for " << ByFile.size() << " TUs; " << Used
     << " parsed on one, " << FellBack << " parsed again without it";
  for (const auto &G : Groups)
    if (!G->Built) {
      OS << "; " << Groups.size() - Built << " not built, first: " << G->Error;
      break;
    }
  return Out;
}

} // namespace detasklet
