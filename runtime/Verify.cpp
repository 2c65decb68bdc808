#include "runtime/Verify.h"

#include "runtime/core/ModuleImage.h"

#include <set>

namespace detasklet::runtime {

bool ConversionReport::acceptable() const {
  if (!ok() || Scenarios.empty())
    return false;
  for (const ScenarioComparison &S : Scenarios)
    if (!S.acceptable())
      return false;
  return true;
}

LoadedModule buildAndLoad(const ModuleSources &Sources, const Toolchain &T) {
  LoadedModule L;
  BuildResult B = buildModule(Sources, T);
  if (!B.Ok) {
    L.Error = "the module did not build";
    L.BuildLog = B.Log;
    return L;
  }
  L.Image = ModuleImage::load(B.SharedObject, L.Error);
  return L;
}

ConversionReport verifyConversion(const VerifyRequest &Q) {
  ConversionReport R;
  BenignCatalogue Catalogue;
  std::string CatalogueError;
  if (!Catalogue.load(Q.CataloguePath.empty() ? BenignCatalogue::shippedPath() : Q.CataloguePath,
                      CatalogueError)) {
    R.Error = CatalogueError;
    return R;
  }
  Toolchain T = Toolchain::fromSourceTree(Q.CacheDir);
  T.Compiler = Q.Compiler;
  auto Build = [&](const std::vector<std::string> &Driver, const char *Which) {
    ModuleSources S;
    S.Sources = Driver;
    S.Sources.push_back(Q.ScenarioSource);
    S.IncludeDirs = Q.IncludeDirs;
    LoadedModule L = buildAndLoad(S, T);
    if (!L.Image && R.Error.empty()) {
      R.Error = std::string("the ") + Which + " driver: " + L.Error;
      R.BuildLog = L.BuildLog;
    }
    return std::move(L.Image);
  };
  std::unique_ptr<ModuleImage> Original = Build(Q.OriginalSources, "original");
  std::unique_ptr<ModuleImage> Converted = Build(Q.ConvertedSources, "converted");
  if (!Original || !Converted)
    return R;

  std::vector<std::string> Names = Q.Scenarios.empty() ? Original->scenarioNames() : Q.Scenarios;
  if (Names.empty()) {
    R.Error = Q.ScenarioSource + " defines no MODEL_SCENARIO";
    return R;
  }
  for (const std::string &Name : Names)
    R.Scenarios.push_back(compareConversion(*Original, *Converted, Name, Q.Options, Catalogue));
  return R;
}

namespace {
void appendViolation(std::string &S, const char *Side, const ExploreResult &E, Property P, bool WithTraces) {
  const Violation *V = E.find(P);
  if (!V)
    return;
  S += std::string("      ") + Side + ": " + V->Message + "\n";
  // The options of `detasklet verify` that replay it on the same side.
  S += "      replay: --scenario-name " + E.Scenario + " --replay " + V->Token +
       (std::string(Side) == "original" ? " --replay-original" : "") + "\n";
  if (WithTraces)
    for (const std::string &Line : {formatTrace(V->Trace)}) {
      size_t Start = 0;
      while (Start < Line.size()) {
        size_t End = Line.find('\n', Start);
        S += "        " + Line.substr(Start, End - Start) + "\n";
        Start = End == std::string::npos ? Line.size() : End + 1;
      }
    }
}

std::string summary(const ExploreResult &E) {
  if (!E.Error.empty())
    return "error: " + E.Error;
  return E.completenessText() + ", " + std::to_string(E.Stats.Executions) + " executions";
}
} // namespace

std::string formatExploreResult(const ExploreResult &E, bool WithTraces) {
  std::string S = "scenario " + E.Scenario + ": " + summary(E) + "\n";
  for (const Violation &V : E.Violations) {
    S += std::string("  ") + propertyInfo(V.Id).Name + ": violated\n";
    appendViolation(S, "found", E, V.Id, WithTraces);
  }
  for (const std::string &O : E.Observations)
    S += "  observed: " + O + "\n";
  return S;
}

std::string formatReport(const ConversionReport &R, bool WithTraces) {
  if (!R.ok())
    return "verify: " + R.Error + "\n" + R.BuildLog;
  std::string S;
  for (const ScenarioComparison &C : R.Scenarios) {
    S += "scenario " + C.Scenario + ": original " + summary(C.Original) + "; converted " +
         summary(C.Converted) + "\n";
    for (const PropertyComparison &P : C.Properties) {
      std::string Name = propertyInfo(P.Id).Name;
      Name.resize(std::max<size_t>(Name.size(), 20), ' ');
      S += "  " + Name + " ";
      switch (P.Verdict) {
      case PropertyVerdict::Same:
        S += P.InOriginal ? "same (violated by both)\n" : "same (holds in both)\n";
        break;
      case PropertyVerdict::Worse:
        S += "WORSE: the conversion violates it, the original does not\n";
        break;
      case PropertyVerdict::Better:
        S += "better: the original violates it, the conversion does not\n";
        break;
      }
      if (P.InOriginal)
        appendViolation(S, "original", C.Original, P.Id, WithTraces && P.Verdict != PropertyVerdict::Same);
      if (P.InConverted)
        appendViolation(S, "converted", C.Converted, P.Id, WithTraces);
    }
    for (const ObservationDifference &D : C.Differences) {
      S += std::string("  ") + (D.Documented ? "documented difference: " : "UNDOCUMENTED difference: ") +
           D.Id + " (" + (D.InConverted ? "conversion" : "original") + " only)\n";
      if (D.Documented)
        S += "      " + D.Documented->Meaning + "\n";
    }
    S += std::string("  verdict: ") +
         (C.acceptable() ? "the conversion keeps the properties the original has"
                         : C.anyWorse() ? "the conversion is worse"
                         : !C.complete() ? "incomplete exploration"
                                         : "an undocumented difference needs a look") +
         "\n";
  }
  return S;
}

} // namespace detasklet::runtime
