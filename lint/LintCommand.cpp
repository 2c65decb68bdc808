#include "lint/LintCommand.h"

#include "inventory/PathUtil.h"
#include "lint/AddedLines.h"
#include "lint/Baseline.h"
#include "lint/GitDiff.h"
#include "lint/LexicalEngine.h"
#include "lint/SemanticEngine.h"
#include "tool/ScanCommand.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/WithColor.h"

#include <optional>

namespace detasklet::lint {

namespace {

constexpr int ExitClean = 0, ExitFindings = 1, ExitError = 2;

// The lines a change adds, by absolute path.
struct Change {
  std::map<std::string, std::map<unsigned, AddedLine>> Lines;
  std::vector<MailPatch> Patches;

  const AddedLine *added(const std::string &Absolute, unsigned Line) const {
    auto File = Lines.find(Absolute);
    if (File == Lines.end())
      return nullptr;
    auto It = File->second.find(Line);
    return It == File->second.end() ? nullptr : &It->second;
  }
};

llvm::Expected<Change> changeFrom(llvm::StringRef DiffText, llvm::StringRef InputName,
                                  llvm::StringRef DiffRoot, unsigned Strip) {
  auto Parsed = parseUnifiedDiff(DiffText, InputName, Strip);
  if (!Parsed)
    return Parsed.takeError();
  AddedLineMap Added = composeAddedLines(*Parsed);
  if (auto E = checkAgainstTree(Added, DiffRoot, InputName))
    return E;
  Change C;
  C.Patches = std::move(Parsed->Patches);
  for (auto &[Path, Lines] : Added)
    C.Lines[normalizePath(Path, DiffRoot)] = std::move(Lines);
  return C;
}

llvm::Expected<std::optional<Change>> loadChange(const LintOptions &O, llvm::StringRef Root) {
  if (!O.DiffBase.empty()) {
    auto Git = gitDiffAgainst(O.DiffBase, Root);
    if (!Git)
      return Git.takeError();
    auto C = changeFrom(Git->Diff, "git diff " + O.DiffBase, Git->TopLevel, /*Strip=*/1);
    if (!C)
      return C.takeError();
    return std::optional<Change>(std::move(*C));
  }
  if (!O.Patch.empty()) {
    auto Buffer = O.Patch == "-" ? llvm::MemoryBuffer::getSTDIN()
                                 : llvm::MemoryBuffer::getFile(O.Patch, /*IsText=*/true);
    if (!Buffer)
      return llvm::createStringError(Buffer.getError(), O.Patch + ": cannot read: " +
                                                            Buffer.getError().message());
    auto C = changeFrom((*Buffer)->getBuffer(), O.Patch == "-" ? "<stdin>" : O.Patch, Root,
                        O.Strip);
    if (!C)
      return C.takeError();
    return std::optional<Change>(std::move(*C));
  }
  return std::optional<Change>();
}

bool isBelow(llvm::StringRef Path, llvm::StringRef Dir) {
  Dir = Dir.rtrim('/');
  return Path == Dir || (Path.starts_with(Dir) && Path.size() > Dir.size() && Path[Dir.size()] == '/');
}

// Diff mode reads only the changed C files (under the inputs, if any).
std::vector<SourceFile> changedSources(const Change &C, const std::vector<std::string> &Inputs,
                                       llvm::StringRef Root) {
  llvm::SmallString<256> Cwd;
  llvm::sys::fs::current_path(Cwd);
  std::vector<std::string> Dirs;
  for (const std::string &I : Inputs)
    Dirs.push_back(normalizePath(I, Cwd));
  std::vector<SourceFile> Files;
  for (const auto &[Path, Lines] : C.Lines) {
    if (!isCSource(Path))
      continue;
    if (!Dirs.empty() &&
        llvm::none_of(Dirs, [&](const std::string &D) { return isBelow(Path, D); }))
      continue;
    Files.push_back({Path, relativeTo(Path, Root)});
  }
  return Files;
}

struct EngineOutput {
  std::vector<Finding> Findings;
  std::vector<FileError> Errors;
  unsigned FilesChecked = 0;
};

llvm::Expected<EngineOutput> runLexical(const RuleSet &Rules, const LintOptions &O,
                                        llvm::StringRef Root, const std::optional<Change> &C) {
  std::vector<SourceFile> Files;
  if (C) {
    Files = changedSources(*C, O.Inputs, Root);
  } else {
    auto Collected =
        collectSourceFiles(O.Inputs.empty() ? std::vector<std::string>{Root.str()} : O.Inputs,
                           Root);
    if (!Collected)
      return Collected.takeError();
    Files = std::move(*Collected);
  }
  LexicalEngine Engine(Rules);
  LexicalResult R = Engine.scanFiles(Files, O.Jobs);
  return EngineOutput{std::move(R.Findings), std::move(R.Errors), R.FilesRead};
}

llvm::Expected<EngineOutput> runSemantic(const RuleSet &Rules, const LintOptions &O,
                                         llvm::StringRef Root) {
  if (auto E = Rules.checkCoversUseKinds())
    return std::move(E);
  SelectionRequest Selection;
  Selection.BuildDir = O.BuildDir;
  Selection.Inputs = O.Inputs;
  Selection.FixedFlags = O.FixedFlags;
  RunOptions Run;
  Run.Jobs = O.Jobs;
  Run.ShowProgress = O.ShowProgress;
  Run.CacheDir = O.CacheDir;
  auto Inv = buildInventory(Selection, Run, O.ApiRules);
  if (!Inv)
    return Inv.takeError();
  EngineOutput Out;
  Out.Findings = SemanticEngine(Rules).findingsOf(*Inv, Root);
  for (const TuFailure &F : Inv->Failures)
    Out.Errors.push_back({relativeTo(normalizePath(F.File, Inv->Root), Root),
                          "not analysed: " + F.Message});
  Out.FilesChecked = Inv->Scanned.size() + Inv->Failures.size();
  return Out;
}

llvm::Error usage(const llvm::Twine &What) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), What);
}

llvm::Error checkOptions(const LintOptions &O) {
  if (!O.DiffBase.empty() && !O.Patch.empty())
    return usage("--diff-base and --patch both say what is new; give one");
  if (!O.WriteBaselineFile.empty() &&
      (!O.DiffBase.empty() || !O.Patch.empty() || !O.BaselineFile.empty()))
    return usage("--write-baseline records every current finding; it does not combine with "
                 "--diff-base, --patch or --baseline");
  if (!O.Semantic && (!O.BuildDir.empty() || !O.FixedFlags.empty()))
    return usage("-p and compile flags after -- are for --semantic");
  return llvm::Error::success();
}

std::string patchName(const Change &C, int Index) {
  if (Index < 0 || static_cast<size_t>(Index) >= C.Patches.size())
    return "";
  const MailPatch &P = C.Patches[Index];
  return P.Subject.empty() ? "patch " + std::to_string(Index + 1) : P.Subject;
}

int fail(llvm::raw_ostream &Errors, const llvm::Twine &Message) {
  llvm::WithColor::error(Errors, "detasklet lint") << Message << "\n";
  return ExitError;
}

} // namespace

int runLint(const LintOptions &O, llvm::raw_ostream &Errors) {
  if (auto E = checkOptions(O))
    return fail(Errors, llvm::toString(std::move(E)));
  auto Rules = RuleSet::load(O.RulesFile.empty() ? RuleSet::defaultPath() : O.RulesFile);
  if (!Rules)
    return fail(Errors, llvm::toString(Rules.takeError()));

  llvm::SmallString<256> Cwd;
  llvm::sys::fs::current_path(Cwd);
  const std::string Root = normalizePath(O.Root.empty() ? "." : O.Root, Cwd);
  if (!llvm::sys::fs::is_directory(Root))
    return fail(Errors, "--root " + Root + ": not a directory");

  std::optional<Baseline> Accepted;
  const Engine Used = O.Semantic ? Engine::Semantic : Engine::Lexical;
  if (!O.BaselineFile.empty()) {
    auto B = Baseline::load(O.BaselineFile);
    if (!B)
      return fail(Errors, llvm::toString(B.takeError()));
    if (B->engine() != Used)
      return fail(Errors, O.BaselineFile + ": written by the " + engineName(B->engine()) +
                              " engine; this run uses the " + engineName(Used) +
                              " engine, whose keys differ");
    Accepted = std::move(*B);
  }

  auto Changed = loadChange(O, Root);
  if (!Changed)
    return fail(Errors, llvm::toString(Changed.takeError()));

  auto Output = O.Semantic ? runSemantic(*Rules, O, Root) : runLexical(*Rules, O, Root, *Changed);
  if (!Output)
    return fail(Errors, llvm::toString(Output.takeError()));
  // Numbered over all findings of each file, before any filter: the numbers
  // are part of the baseline key and must not depend on what is new.
  std::vector<Finding> All = std::move(Output->Findings);
  finalizeFindings(All);

  for (const FileError &E : Output->Errors)
    llvm::WithColor::error(Errors, "detasklet lint") << E.File << ": " << E.Message << "\n";

  if (!O.WriteBaselineFile.empty()) {
    std::error_code EC;
    llvm::raw_fd_ostream Out(O.WriteBaselineFile, EC, llvm::sys::fs::OF_Text);
    if (EC)
      return fail(Errors, O.WriteBaselineFile + ": cannot write: " + EC.message());
    Baseline::write(All, Used, Out);
    Errors << "detasklet lint: " << All.size() << " finding(s) recorded in "
           << O.WriteBaselineFile << "\n";
    return Output->Errors.empty() ? ExitClean : ExitError;
  }

  Report Rep;
  Rep.Rules = &*Rules;
  Rep.Used = Used;
  Rep.Errors = std::move(Output->Errors);
  Rep.FilesChecked = Output->FilesChecked;
  for (Finding &F : All) {
    if (*Changed) {
      const AddedLine *Added = (*Changed)->added(normalizePath(F.File, Root), F.Line);
      if (!Added)
        continue;
      F.Origin = patchName(**Changed, Added->Patch);
    }
    if (Accepted && Accepted->accepts(F)) {
      ++Rep.Suppressed;
      continue;
    }
    Rep.Findings.push_back(F);
  }

  std::error_code EC;
  llvm::raw_fd_ostream Out(O.OutputFile.empty() ? "-" : O.OutputFile, EC, llvm::sys::fs::OF_Text);
  if (EC)
    return fail(Errors, O.OutputFile + ": cannot write: " + EC.message());
  switch (O.OutputFormat) {
  case Format::Gcc:
    writeGcc(Rep, Out);
    break;
  case Format::Json:
    writeJson(Rep, Out);
    break;
  case Format::Sarif:
    writeSarif(Rep, Out);
    break;
  }

  if (Accepted && !*Changed)
    if (size_t Stale = Accepted->countUnmatched(All))
      Errors << "detasklet lint: note: " << Stale
             << " baseline entr" << (Stale == 1 ? "y matches" : "ies match")
             << " no current use (removed or changed); --write-baseline drops them\n";
  if (!Rep.Findings.empty() || Rep.Suppressed)
    Errors << "detasklet lint: " << Rep.Findings.size() << " finding"
           << (Rep.Findings.size() == 1 ? "" : "s")
           << (Rep.Suppressed ? " (" + std::to_string(Rep.Suppressed) + " accepted by the baseline)"
                              : std::string())
           << "\n";
  if (!Rep.Errors.empty())
    return ExitError;
  return Rep.Findings.empty() ? ExitClean : ExitFindings;
}

} // namespace detasklet::lint
