#include "inventory/Verdict.h"

#include "inventory/LegacyDataField.h"
#include "inventory/Reasons.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringRef.h"

#include <cstring>
#include <set>

namespace detasklet {

namespace {

// Each check looks at one concern and adds at most a few findings. A finding is
// anchored at the first use that causes it, so a reader can jump there.
using Findings = std::vector<Finding>;

const Use *firstUse(const ObjectReport &R, llvm::function_ref<bool(const Use &)> Pred) {
  for (const Use &U : R.Uses)
    if (Pred(U))
      return &U;
  return nullptr;
}

const CallbackInfo *callbackOf(const ConversionGroup &G, llvm::StringRef Key) {
  for (const CallbackInfo &C : G.Callbacks)
    if (C.Key == Key)
      return &C;
  return nullptr;
}

void checkInternals(const ObjectReport &R, Findings &Out) {
  std::set<UseKind> Seen;
  for (const Use &U : R.Uses)
    if (isInternals(U.Kind) && Seen.insert(U.Kind).second)
      Out.push_back(makeFinding("internals-accessed", U.Site.Where,
                                useKindCode(U.Kind).str() + ": " + U.Text));
}

const CallbackSlot *slotOf(const ConversionGroup &G, llvm::StringRef Key) {
  for (const CallbackSlot &S : G.Slots)
    if (S.Key == Key)
      return &S;
  return nullptr;
}

// The functions an init registers: its callback, or those stored into the
// ops-table field it reads.
std::vector<const CallbackInfo *> callbacksOf(const ConversionGroup &G, const Use &Init) {
  std::vector<const CallbackInfo *> Out;
  if (const CallbackSlot *S = slotOf(G, Init.LinkedTo)) {
    for (const std::string &Key : S->Callbacks)
      if (const CallbackInfo *C = callbackOf(G, Key))
        Out.push_back(C);
  } else if (const CallbackInfo *C = callbackOf(G, Init.LinkedTo)) {
    Out.push_back(C);
  }
  return Out;
}

bool callbackReadsData(const ConversionGroup &G, const Use &Init) {
  // Unknown callbacks are reported by their own check; do not double count.
  return llvm::any_of(callbacksOf(G, Init),
                      [](const CallbackInfo *C) { return !C->Defined || C->ParamUsed; });
}

// Data that is not the container moves into a field beside the work item
// (LegacyDataField.h), unless the tasklet or its callback rules that out.
void checkLegacyData(const ObjectReport &R, const ConversionGroup &G, Findings &Out,
                     Findings &Notes) {
  for (const Use &U : R.Uses) {
    if (U.Data == LegacyData::None || U.Data == LegacyData::Container || !callbackReadsData(G, U))
      continue;
    std::string Why = dataFieldRefusal(R.Decl, U);
    if (Why.empty() && firstUse(R, [&](const Use &Call) {
          return Call.Kind == UseKind::CallbackCall && Call.Target == U.LinkedTo;
        }))
      Why = "the callback is also called directly, and such a call has no work item to pass";
    if (Why.empty() && G.Objects.size() > 1)
      Why = "it converts together with other tasklets, and the data field serves one";
    if (!Why.empty())
      Out.push_back(makeFinding("legacy-data-not-container", U.Site.Where,
                                "data: " + U.DataText + "; " + Why));
    else
      Notes.push_back(makeFinding("legacy-data-field", U.Site.Where, "data: " + U.DataText));
  }
}

void checkRuntimeIndex(const ObjectReport &R, Findings &Out) {
  if (const Use *U = firstUse(R, [](const Use &U) { return U.Index == "runtime"; }))
    Out.push_back(makeFinding("array-runtime-index", U->Site.Where, U->Text));
}

void checkEscapes(const ObjectReport &R, const ConversionGroup &G, Findings &Out) {
  for (const Use &U : R.Uses)
    if (U.Kind == UseKind::EscapeUntyped)
      Out.push_back(makeFinding("address-escapes-untyped", U.Site.Where, U.Text));
  // A callback's own parameter is judged with the callback (callback-not-seen).
  std::set<std::string> CallbackParams;
  for (const CallbackInfo &C : G.Callbacks)
    CallbackParams.insert("param:" + C.Key.substr(strlen("callback:")) + "#0");
  for (const std::string &Alias : G.AliasKeys) {
    // An ops-table field is judged with the callbacks (callback-not-a-function).
    if (llvm::StringRef(Alias).starts_with("callback:") ||
        llvm::StringRef(Alias).starts_with("slot:") || G.AliasDefs->count(Alias) ||
        CallbackParams.count(Alias))
      continue;
    // Name the use that leads there.
    const Use *Via = firstUse(R, [&](const Use &U) { return U.LinkedTo == Alias; });
    SourcePos At = Via ? Via->Site.Where : R.Decl.Declared;
    std::string Detail = Via && !Via->Callee.empty() ? Via->Callee + "()" : Alias;
    Out.push_back(makeFinding("escapes-to-unseen-function", At, Detail));
  }
}

// An init reading an ops-table field can be followed when everything stored
// into the field is a named function and the field is read nowhere else.
bool checkSlot(const CallbackSlot &S, const Use &Init, Findings &Out) {
  std::string Field = S.Record + "::" + S.Name;
  if (!S.Problems.empty()) {
    const SlotProblem &P = S.Problems.front();
    Out.push_back(makeFinding("callback-not-a-function", Init.Site.Where,
                              Init.Text + ": the callback comes from " + Field + ", which at " +
                                  P.At.str() + " (" + P.Text + ") " + P.Why));
    return false;
  }
  if (S.Callbacks.empty()) {
    Out.push_back(makeFinding("callback-not-a-function", Init.Site.Where,
                              Init.Text + ": the callback comes from " + Field +
                                  " and no scanned file stores a function into it; scan the "
                                  "files that fill that ops table"));
    return false;
  }
  return true;
}

void checkCallbacks(const ObjectReport &R, const ConversionGroup &G, Findings &Out) {
  for (const Use &U : R.Uses) {
    if (!isInit(U.Kind))
      continue;
    if (U.LinkedTo.empty()) {
      Out.push_back(makeFinding("callback-not-a-function", U.Site.Where, U.Text));
      continue;
    }
    const CallbackSlot *S = slotOf(G, U.LinkedTo);
    if (S && !checkSlot(*S, U, Out))
      continue;
    for (const CallbackInfo *C : callbacksOf(G, U)) {
      if (!C->Defined)
        Out.push_back(makeFinding("callback-not-seen", U.Site.Where, C->Name + "()"));
      // What convert retypes is struct tasklet_struct * or unsigned long; any
      // other parameter came through a function-pointer cast.
      else if (C->Legacy && C->Signature != "void (unsigned long)")
        Out.push_back(makeFinding("callback-takes-other-type", C->Declared,
                                  C->Name + "() takes " + C->Signature));
      // An ops-table field and what is stored into it are retyped alike.
      else if (S && C->Legacy != S->Legacy)
        Out.push_back(makeFinding("callback-takes-other-type", C->Declared,
                                  C->Name + "() takes " + C->Signature + ", stored into " +
                                      S->Record + "::" + S->Name + " through a cast"));
    }
  }
  for (const CallbackInfo &C : G.Callbacks)
    if (auto It = G.StoredElsewhere.find(C.Key); It != G.StoredElsewhere.end())
      Out.push_back(makeFinding("callback-stored-elsewhere", C.Declared,
                                C.Name + "() is also stored into " + It->second));
  // One from_work() per callback: every init must reach the tasklet from its
  // data by the same member (what convert's rewrite of the data needs).
  for (const CallbackInfo &C : G.Callbacks)
    if (auto It = G.ContainerPaths.find(C.Key);
        It != G.ContainerPaths.end() && C.Legacy && C.ParamUsed)
      Out.push_back(makeFinding("legacy-data-not-container", C.Declared,
                                C.Name + "() reads its data, and its inits reach the tasklet "
                                         "from it by different members: " +
                                    llvm::join(It->second, ", ")));
  std::set<std::string> Records;
  for (const ObjectDecl *O : G.Objects)
    Records.insert(O->Kind == ObjectKind::Field ? O->Record : O->Key);
  if (Records.size() < 2)
    return;
  for (const CallbackInfo &C : G.Callbacks)
    if (C.Legacy && C.ParamUsed)
      Out.push_back(makeFinding("callback-shared-across-types", C.Declared, C.Name + "()"));
}

void checkLifecycle(const ObjectReport &R, Findings &Out) {
  if (R.Decl.Kind == ObjectKind::Local)
    Out.push_back(makeFinding("on-stack", R.Decl.Declared));
  if (R.Uses.empty()) {
    Out.push_back(makeFinding("no-uses-seen", R.Decl.Declared));
    return;
  }
  if (!firstUse(R, [](const Use &U) { return isInit(U.Kind); }))
    Out.push_back(makeFinding("init-not-seen", R.Decl.Declared));
}

void addNotes(const ObjectReport &R, Findings &Out) {
  auto NoteFirst = [&](llvm::StringRef Code, auto Pred) {
    if (const Use *U = firstUse(R, Pred))
      Out.push_back(makeFinding(Code, U->Site.Where));
  };
  auto Is = [](UseKind K) { return [K](const Use &U) { return U.Kind == K; }; };
  NoteFirst("legacy-init", [](const Use &U) {
    return U.Kind == UseKind::InitLegacy || U.Kind == UseKind::DeclareOld ||
           U.Kind == UseKind::DeclareDisabledOld;
  });
  bool Hi = firstUse(R, Is(UseKind::ScheduleHi));
  bool Normal = firstUse(R, Is(UseKind::Schedule));
  if (Hi)
    NoteFirst(Normal ? "scheduled-hi-and-normal" : "scheduled-hi", Is(UseKind::ScheduleHi));
  NoteFirst("declared-disabled", [](const Use &U) {
    return U.Kind == UseKind::DeclareDisabled || U.Kind == UseKind::DeclareDisabledOld;
  });
  NoteFirst("enable-extra-run", Is(UseKind::Enable));
  NoteFirst("kill-drops-pending", Is(UseKind::Kill));
  NoteFirst("callback-from-ops-table", [](const Use &U) {
    return isInit(U.Kind) && llvm::StringRef(U.LinkedTo).starts_with("slot:");
  });
  NoteFirst("callback-cast", [](const Use &U) { return U.CallbackCast; });
  NoteFirst("direct-callback-call", Is(UseKind::CallbackCall));
  NoteFirst("through-driver-macro", [](const Use &U) { return !U.Site.Macros.empty(); });
  if (!R.ConvertedWith.empty())
    Out.push_back(makeFinding("converted-together", R.Decl.Declared,
                              llvm::join(R.ConvertedWith, ", ")));
  if (R.Decl.Kind == ObjectKind::PerCpu)
    Out.push_back(makeFinding("per-cpu", R.Decl.Declared));
}

} // namespace

void judgeObject(ObjectReport &Report, const ConversionGroup &Group) {
  Findings Blocking;
  checkLifecycle(Report, Blocking);
  checkInternals(Report, Blocking);
  Findings DataNotes;
  checkLegacyData(Report, Group, Blocking, DataNotes);
  checkRuntimeIndex(Report, Blocking);
  checkEscapes(Report, Group, Blocking);
  checkCallbacks(Report, Group, Blocking);
  Report.Reasons = std::move(Blocking);
  addNotes(Report, Report.Notes);
  Report.Notes.insert(Report.Notes.end(), DataNotes.begin(), DataNotes.end());
}

} // namespace detasklet
