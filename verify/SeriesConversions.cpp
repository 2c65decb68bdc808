#include "verify/SeriesConversions.h"

#include "inventory/PathUtil.h"
#include "tool/ScanCommand.h"
#include "verify/ProtocolExtractor.h"
#include "llvm/Support/Regex.h"

#include <algorithm>

#ifndef DETASKLET_SOURCE_DIR
#define DETASKLET_SOURCE_DIR "."
#endif

namespace detasklet {

std::string workApiRules() { return DETASKLET_SOURCE_DIR "/rules/work-api.yaml"; }

llvm::Expected<SeriesConversions>
SeriesConversions::scan(const Inventory &Original, const std::vector<const ObjectReport *> &Objects,
                        const AppliedSeries &Series, const SelectionRequest &Selection,
                        const RunOptions &Run) {
  // The same TUs as the original scan: both sides rest on the same evidence
  // (an ops-table slot's stores, say, may be in a driver that neither uses
  // the object nor defines its callback). Nothing to do without objects.
  SelectionRequest Patched = Selection;
  Patched.Inputs.clear();
  Patched.Root = Original.Root; // paths must compare with the original's
  if (!Objects.empty())
    for (const std::string &Tu : Original.Scanned)
      Patched.Inputs.push_back(normalizePath(Tu, Original.Root));
  if (Patched.Inputs.empty()) {
    Inventory None;
    None.Root = Original.Root;
    return SeriesConversions(Original, std::move(None), Series);
  }
  RunOptions PatchedRun = Run;
  PatchedRun.CacheDir.clear();
  PatchedRun.ShowProgress = false;
  PatchedRun.CacheStats = false;
  for (const auto &F : Series.files())
    if (!F.second.Deleted)
      PatchedRun.Overlay[normalizePath(F.first(), Original.Root)] = F.second.Text;
  llvm::Expected<Inventory> Inv = buildInventory(Patched, PatchedRun, workApiRules());
  if (!Inv)
    return Inv.takeError();
  return SeriesConversions(Original, std::move(*Inv), Series);
}

LineMap::Lines SeriesConversions::linesAfter(const std::string &File, unsigned Line) const {
  auto It = Series->files().find(File);
  if (It == Series->files().end())
    return {Line, 1};
  return It->second.Lines.newLines(Line);
}

namespace {

bool within(const SourcePos &P, const std::string &File, LineMap::Lines L) {
  return P.File == File && P.Line >= L.First && P.Line < L.First + L.Count;
}

// A record as it reads in either version: an anonymous one is named by its
// line ("struct (anonymous at line 246)"), which a series may move.
std::string movableRecord(llvm::StringRef Record) {
  static const llvm::Regex Line("anonymous at line [0-9]+");
  std::string Out = Record.str();
  while (Line.match(Out))
    Out = Line.sub("anonymous", Out);
  return Out;
}

bool sameShape(const ObjectDecl &A, const ObjectDecl &B) {
  return movableRecord(A.Record) == movableRecord(B.Record) && A.Kind == B.Kind;
}

} // namespace

SeriesConversion SeriesConversions::of(const ObjectReport &Object) const {
  SeriesConversion Out;
  Out.LinesAfter = [this](const std::string &File, unsigned Line) { return linesAfter(File, Line); };
  const SourcePos &Declared = Object.Decl.Declared;
  auto File = Series->files().find(Declared.File);
  if (File != Series->files().end() && File->second.Deleted) {
    Out.Why = "the series deletes " + Declared.File;
    return Out;
  }
  for (const TuFailure &F : Patched.Failures)
    if (F.File == Declared.File ||
        llvm::any_of(Object.Uses, [&](const Use &U) { return U.Site.Where.File == F.File; })) {
      Out.Why = "after the series, " + F.File + " does not parse: " + F.Message;
      return Out;
    }
  LineMap::Lines Lines = linesAfter(Declared.File, Declared.Line);
  std::vector<const ObjectReport *> Candidates;
  for (const ObjectReport &W : Patched.Objects)
    if (within(W.Decl.Declared, Declared.File, Lines) && sameShape(W.Decl, Object.Decl))
      Candidates.push_back(&W);
  std::string Where = Declared.File + ":" + std::to_string(Lines.First);
  if (Lines.Count > 1)
    Where += "-" + std::to_string(Lines.First + Lines.Count - 1);
  if (Candidates.empty()) {
    Out.Why = Lines.Count == 0
                  ? "the series removes its declaration and declares no work item in its place"
                  : "the series leaves no work_struct declared where it was (" + Where +
                        "): it is still a tasklet, or became something the check does not read "
                        "(a delayed_work, a pointer)";
    return Out;
  }
  // The tasklets whose declarations the same change replaced: one work item
  // each, paired by the function the series left where the tasklet's
  // callback was declared, else in order.
  std::vector<const ObjectReport *> Replaced;
  for (const ObjectReport &T : Original->Objects)
    if (sameShape(T.Decl, Object.Decl) && T.Decl.Declared.File == Declared.File) {
      LineMap::Lines L = linesAfter(Declared.File, T.Decl.Declared.Line);
      if (L.First == Lines.First && L.Count == Lines.Count)
        Replaced.push_back(&T);
    }
  auto RunsCallbackOf = [&](const ObjectReport &Work) {
    for (const CallbackInfo &C : Object.Callbacks) {
      LineMap::Lines At = linesAfter(C.Declared.File, C.Declared.Line);
      for (const CallbackInfo &D : Work.Callbacks)
        if (within(D.Declared, C.Declared.File, At))
          return true;
    }
    return false;
  };
  std::vector<const ObjectReport *> ByCallback;
  for (const ObjectReport *W : Candidates)
    if (RunsCallbackOf(*W))
      ByCallback.push_back(W);
  auto ByLine = [](const ObjectReport *A, const ObjectReport *B) {
    return A->Decl.Declared < B->Decl.Declared;
  };
  std::sort(Replaced.begin(), Replaced.end(), ByLine);
  std::sort(Candidates.begin(), Candidates.end(), ByLine);
  auto Self = std::find(Replaced.begin(), Replaced.end(), &Object);
  if (ByCallback.size() == 1) {
    Candidates = ByCallback;
  } else if (Replaced.size() == Candidates.size() && Self != Replaced.end()) {
    Candidates = {Candidates[Self - Replaced.begin()]};
  } else {
    Out.Why = std::to_string(Candidates.size()) + " work item" +
              (Candidates.size() == 1 ? " is" : "s are") + " declared where it was (" + Where +
              ") in place of " + std::to_string(Replaced.size()) +
              " tasklets, and none runs the function left where its callback was: which one "
              "replaces it is not known";
    return Out;
  }
  const ObjectReport &Work = *Candidates.front();
  ProtocolExtractor Extractor(Patched, ProtocolApi::WorkItem);
  Out.Converted = Extractor.extract(Work);
  // Several callbacks: each original one pairs with the function the series
  // left where it was declared (it may have renamed it).
  for (const CallbackInfo &C : Object.Callbacks) {
    LineMap::Lines At = linesAfter(C.Declared.File, C.Declared.Line);
    for (const CallbackInfo &D : Work.Callbacks)
      if (within(D.Declared, C.Declared.File, At) &&
          llvm::is_contained(Out.Converted->SeveralCallbacks, D.Key)) {
        Out.ByCallback.emplace(C.Key, Extractor.extract(Work, D.Key));
        break;
      }
  }
  return Out;
}

} // namespace detasklet
