#include "verify/ProtocolVerifier.h"

#include "rewriters/EditPlanner.h"
#include "tool/ScanCommand.h"
#include "verify/AbstractDriver.h"
#include "verify/ProtocolAlignment.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/xxhash.h"
#include "llvm/Support/raw_ostream.h"

namespace detasklet {

llvm::StringRef protocolVerdictCode(ProtocolVerdict V) {
  switch (V) {
  case ProtocolVerdict::Worse:
    return "worse";
  case ProtocolVerdict::Undocumented:
    return "undocumented-difference";
  case ProtocolVerdict::Incomplete:
    return "incomplete";
  case ProtocolVerdict::Error:
    return "error";
  case ProtocolVerdict::NotChecked:
    return "not-checked";
  case ProtocolVerdict::Documented:
    return "documented-difference";
  case ProtocolVerdict::Better:
    return "better";
  case ProtocolVerdict::Same:
    return "same";
  case ProtocolVerdict::CannotAbstract:
    return "cannot-abstract";
  case ProtocolVerdict::NotConverted:
    return "not-converted";
  }
  return "?";
}

ProtocolVerdict verdictOf(const runtime::ScenarioComparison &C) {
  using runtime::PropertyVerdict;
  if (C.anyWorse())
    return ProtocolVerdict::Worse;
  if (C.anyUndocumented())
    return ProtocolVerdict::Undocumented;
  if (!C.complete())
    return ProtocolVerdict::Incomplete;
  if (!C.Differences.empty())
    return ProtocolVerdict::Documented;
  for (const runtime::PropertyComparison &P : C.Properties)
    if (P.Verdict == PropertyVerdict::Better)
      return ProtocolVerdict::Better;
  return ProtocolVerdict::Same;
}

namespace {

llvm::Error writeFile(const std::string &Path, llvm::StringRef Text) {
  std::error_code EC;
  llvm::raw_fd_ostream Out(Path, EC);
  if (EC)
    return llvm::createStringError(EC, "%s: %s", Path.c_str(), EC.message().c_str());
  Out << Text;
  return llvm::Error::success();
}

std::string join(llvm::StringRef A, llvm::StringRef B) {
  llvm::SmallString<256> P(A);
  llvm::sys::path::append(P, B);
  return std::string(P);
}

} // namespace

ProtocolCheck ProtocolVerifier::memoized(const std::string &Key,
                                         llvm::function_ref<ProtocolCheck(const std::string &)> Run) {
  auto It = Memo.find(Key);
  if (It != Memo.end()) {
    ProtocolCheck C = It->second;
    C.Shared = true;
    return C;
  }
  std::string Dir =
      join(Options.WorkDir, llvm::formatv("{0:x-16}", llvm::xxh3_64bits(Key)).str());
  ProtocolCheck C = Run(Dir);
  C.Directory = Dir;
  Memo.emplace(Key, C);
  return C;
}

ProtocolCheck ProtocolVerifier::check(const ObjectProtocol &P) {
  return memoized(P.canonical(), [&](const std::string &Dir) { return run(P, Dir); });
}

ProtocolCheck ProtocolVerifier::run(const ObjectProtocol &P, const std::string &Dir) {
  ProtocolCheck C;
  auto Fail = [&](std::string Why) {
    C.Verdict = ProtocolVerdict::Error;
    C.Detail = std::move(Why);
    return C;
  };
  if (std::error_code EC = llvm::sys::fs::create_directories(Dir))
    return Fail(Dir + ": " + EC.message());
  // The abstract driver goes through scan and the planner like any driver:
  // scan reads it from disk.
  AbstractDriver D = generateAbstractDriver(P);
  std::string Driver = join(Dir, DriverFile);
  if (llvm::Error E = writeFile(Driver, D.Driver))
    return Fail(llvm::toString(std::move(E)));
  // The abstract driver goes through scan and the planner like any driver.
  SelectionRequest Sel;
  Sel.Inputs = {Driver};
  Sel.Root = Dir;
  Sel.FixedFlags = {"-nostdinc", "-isystem", std::string(DETASKLET_SOURCE_DIR) + "/runtime/include",
                    "-std=gnu11", "-D__KERNEL__"};
  RunOptions Run;
  Run.Jobs = 1;
  llvm::Expected<Inventory> Inv = buildInventory(Sel, Run, "");
  if (!Inv)
    return Fail("scanning the abstract driver: " + llvm::toString(Inv.takeError()));
  if (Inv->partial())
    return Fail("the abstract driver does not parse: " + Inv->Failures.front().Message);
  SourceFiles Sources(Inv->Root);
  ConversionPlan Plan = planConversion(*Inv, Rules, Sources);
  for (const GroupPlan &G : Plan.Groups)
    if (!G.converted())
      return Fail("the rules leave the abstract driver a tasklet [" + G.Problems.front().Code +
                  "]: " + G.Problems.front().Message);
  if (Plan.Groups.empty()) {
    std::string Why = "the abstract driver's tasklet is not convertible";
    if (!Inv->Objects.empty() && !Inv->Objects.front().Reasons.empty())
      Why += " [" + Inv->Objects.front().Reasons.front().Code + "]";
    return Fail(Why);
  }
  std::string ConvertedText = D.Driver;
  for (const EditedFile &F : Plan.Files)
    if (F.Path == DriverFile)
      ConvertedText = F.Modified;
  return explore(D.Driver, ConvertedText, D.Scenario, Dir);
}

ProtocolCheck ProtocolVerifier::checkPair(const ObjectProtocol &Original,
                                          const ObjectProtocol &Converted) {
  return memoized(Original.canonical() + "\n" + Converted.canonical(), [&](const std::string &Dir) {
    AbstractShape Shape = AbstractShape::of(Original).with(AbstractShape::of(Converted));
    // The converted driver inherits a declared-disabled state unless its own
    // init renders it (DECLARE_WORK plus disable_work()): counted once.
    Shape.StartsDisabled =
        Original.Init == ProtocolInit::DeclareDisabled && !rendersDisabledState(Converted);
    AbstractDriver Before = generateAbstractDriver(Original, Shape);
    AbstractDriver After = generateAbstractDriver(Converted, Shape);
    return explore(Before.Driver, After.Driver, Before.Scenario, Dir);
  });
}

ProtocolCheck ProtocolVerifier::explore(const std::string &OriginalText,
                                        const std::string &ConvertedText,
                                        const std::string &ScenarioText, const std::string &Dir) {
  ProtocolCheck C;
  auto Fail = [&](std::string Why) {
    C.Verdict = ProtocolVerdict::Error;
    C.Detail = std::move(Why);
    return C;
  };
  std::string ConvertedDirPath = join(Dir, ConvertedDir);
  if (std::error_code EC = llvm::sys::fs::create_directories(ConvertedDirPath))
    return Fail(ConvertedDirPath + ": " + EC.message());
  std::string Driver = join(Dir, DriverFile), Scenario = join(Dir, ScenarioFile);
  std::string Converted = join(ConvertedDirPath, DriverFile);
  for (auto [Path, Text] : {std::pair{&Driver, &OriginalText}, std::pair{&Scenario, &ScenarioText},
                            std::pair{&Converted, &ConvertedText}})
    if (llvm::Error E = writeFile(*Path, *Text))
      return Fail(llvm::toString(std::move(E)));

  runtime::VerifyRequest Request;
  Request.OriginalSources = {Driver};
  Request.ConvertedSources = {Converted};
  Request.ScenarioSource = Scenario;
  Request.Scenarios = {AbstractDriver::ScenarioName};
  Request.Options = Options.Explore;
  auto Report = std::make_shared<runtime::ConversionReport>(runtime::verifyConversion(Request));
  if (!Report->ok())
    return Fail(Report->Error + "\n" + Report->BuildLog);
  if (Report->Scenarios.empty())
    return Fail("no scenario was explored");
  C.Verdict = verdictOf(Report->Scenarios.front());
  C.Report = std::move(Report);
  return C;
}

} // namespace detasklet
