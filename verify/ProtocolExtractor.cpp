#include "verify/ProtocolExtractor.h"

#include "llvm/ADT/STLExtras.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

namespace detasklet {

namespace {

std::optional<ProtocolOpKind> opKind(UseKind K) {
  switch (K) {
  case UseKind::Schedule:
    return ProtocolOpKind::ScheduleNormal;
  case UseKind::ScheduleHi:
    return ProtocolOpKind::ScheduleHi;
  case UseKind::Disable:
    return ProtocolOpKind::DisableSync;
  case UseKind::DisableInAtomic:
    return ProtocolOpKind::DisableAtomic;
  case UseKind::DisableNosync:
    return ProtocolOpKind::DisableNosync;
  case UseKind::Enable:
    return ProtocolOpKind::Enable;
  case UseKind::Kill:
    return ProtocolOpKind::Kill;
  case UseKind::CallbackCall:
    return ProtocolOpKind::DirectCall;
  case UseKind::EscapeParam:
    return ProtocolOpKind::CallHelper;
  case UseKind::Flush:
    return ProtocolOpKind::Flush;
  default:
    return std::nullopt;
  }
}

// The workqueues the runtime model provides (runtime/include/linux/workqueue.h).
bool isModelledQueue(llvm::StringRef Queue) {
  return llvm::is_contained({"system_wq", "system_percpu_wq", "system_highpri_wq", "system_long_wq",
                             "system_unbound_wq", "system_freezable_wq", "system_bh_wq",
                             "system_bh_highpri_wq"},
                            Queue);
}

bool isDisable(ProtocolOpKind K) {
  return K == ProtocolOpKind::DisableSync || K == ProtocolOpKind::DisableAtomic ||
         K == ProtocolOpKind::DisableNosync;
}

std::string fileOf(const std::string &FunctionKey) {
  size_t Colon = FunctionKey.rfind(':');
  return Colon == std::string::npos ? std::string() : FunctionKey.substr(0, Colon);
}

// Functions in the same context doing the same operations are one function
// to the abstract driver: a tasklet shared by many drivers (virt-dma's) has a
// remove per driver, and one device runs one of them, not all in a row (each
// optional operation doubles the executions). Helpers keep their places:
// calls name them by index.
void mergeAlike(ObjectProtocol &P) {
  std::set<unsigned> Pinned;
  for (unsigned I = 0; I < P.Functions.size(); ++I)
    for (const ProtocolOp &Op : P.Functions[I].Ops)
      if (Op.Kind == ProtocolOpKind::CallHelper)
        Pinned.insert(Op.Helper);
  auto Signature = [](const ProtocolFunction &F) {
    std::string S = protocolContextCode(F.Context).str();
    for (const ProtocolOp &Op : F.Ops)
      S += " " + protocolOpCode(Op.Kind).str() + (Op.Optional ? "?" : "") + std::to_string(Op.Paired) +
           "@" + std::to_string(Op.Helper) + "=" + Op.Call + "(" + Op.Queue + ")";
    return S;
  };
  std::vector<ProtocolFunction> Kept;
  std::vector<unsigned> NewIndex(P.Functions.size(), 0);
  std::map<std::string, unsigned> BySignature;
  for (unsigned I = 0; I < P.Functions.size(); ++I) {
    ProtocolFunction &F = P.Functions[I];
    bool Mergeable = !Pinned.count(I) && F.Context != ProtocolContext::Callback &&
                     F.Context != ProtocolContext::InitPath;
    if (Mergeable) {
      auto [It, New] = BySignature.emplace(Signature(F), unsigned(Kept.size()));
      if (!New) {
        ProtocolFunction &Into = Kept[It->second];
        Into.Alike.push_back(F.Name);
        // The same operations in the same order: each keeps the places of
        // its twins (a series check looks for every one of them).
        for (size_t I = 0; I < F.Ops.size(); ++I) {
          Into.Ops[I].AlsoAt.push_back(F.Ops[I].At);
          llvm::append_range(Into.Ops[I].AlsoAt, F.Ops[I].AlsoAt);
        }
        continue;
      }
    }
    NewIndex[I] = unsigned(Kept.size());
    Kept.push_back(std::move(F));
  }
  for (ProtocolFunction &F : Kept)
    for (ProtocolOp &Op : F.Ops)
      if (Op.Kind == ProtocolOpKind::CallHelper)
        Op.Helper = NewIndex[Op.Helper];
  P.Functions = std::move(Kept);
}

} // namespace

ObjectProtocol ProtocolExtractor::extract(const ObjectReport &O,
                                          const std::string &OnlyCallback) const {
  ObjectProtocol P;
  P.WorkItem = Api == ProtocolApi::WorkItem;
  P.ObjectKey = O.Decl.Key;
  P.Name = O.Decl.Record.empty() ? O.Decl.Name : O.Decl.Record + "::" + O.Decl.Name;
  P.Declared = O.Decl.Declared;
  auto Cannot = [&](std::string Why) {
    P.CannotAbstract = std::move(Why);
    P.Functions.clear();
    return P;
  };
  if (!O.convertible())
    return Cannot(P.WorkItem ? "what the scan cannot follow [" + O.Reasons.front().Code + "] " +
                                   O.Reasons.front().Message
                             : "manual verdict [" + O.Reasons.front().Code + "]: nothing converts");
  if (O.Decl.Kind == ObjectKind::PerCpu)
    return Cannot("per-CPU object: one tasklet per CPU, the abstract driver has one");
  if (O.Decl.Kind == ObjectKind::Local)
    return Cannot("local object: its lifetime is the function's");
  if (O.Decl.ArraySize > 0)
    return Cannot("array of " + std::to_string(O.Decl.ArraySize) +
                  " tasklets: the inventory does not tell the elements' protocols apart");
  // Its own callback: the one its initialisation names (a group converted
  // together lists every member's callback).
  std::set<std::string> Own;
  for (const Use &U : O.Uses) {
    if (!(isInit(U.Kind) || isDeclare(U.Kind)) || U.Target != O.Decl.Key)
      continue;
    if (llvm::StringRef(U.LinkedTo).starts_with("callback:"))
      Own.insert(U.LinkedTo);
    for (const CallbackSlot &S : O.Slots) // an ops table: whatever is stored there
      if (S.Key == U.LinkedTo)
        Own.insert(S.Callbacks.begin(), S.Callbacks.end());
  }
  std::vector<const CallbackInfo *> Callbacks;
  for (const CallbackInfo &C : O.Callbacks)
    if (Own.count(C.Key) || (Own.empty() && O.Callbacks.size() == 1))
      Callbacks.push_back(&C);
  std::vector<const CallbackInfo *> Others; // callbacks of other instances
  if (!OnlyCallback.empty()) {
    auto It = std::find_if(Callbacks.begin(), Callbacks.end(),
                           [&](const CallbackInfo *C) { return C->Key == OnlyCallback; });
    if (It == Callbacks.end())
      return Cannot("no callback " + OnlyCallback + " of its own");
    Others = Callbacks;
    Others.erase(Others.begin() + (It - Callbacks.begin()));
    P.Callback = (*It)->Name;
    Callbacks = {*It};
  }
  if (Callbacks.size() > 1) {
    for (const CallbackInfo *C : Callbacks)
      P.SeveralCallbacks.push_back(C->Key);
    return Cannot(std::to_string(Callbacks.size()) +
                  (O.Slots.empty() ? " callbacks" : " callbacks from an ops table") +
                  ": each instance's one is checked on its own");
  }
  if (Callbacks.empty())
    return Cannot("no callback of its own was seen");

  // Uses whose tasklet is unknown may be this one's: its protocol would miss them.
  std::set<std::string> Files;
  for (const Use &U : O.Uses)
    Files.insert(U.Site.Where.File);
  // A container lookup or a compared address does nothing to any object, so
  // it cannot hide an operation (code a series converted has many of them,
  // for work items that are no tasklet's).
  auto Inert = [](UseKind K) {
    return K == UseKind::FromTasklet || K == UseKind::ContainerOf || K == UseKind::AddressCompared ||
           K == UseKind::AddressVariadic;
  };
  for (const Use &U : Inv.Unattached)
    if (Files.count(U.Site.Where.File) && !Inert(U.Kind))
      return Cannot("a use whose tasklet could not be identified is in " + U.Site.Where.str() +
                    " (" + useKindCode(U.Kind).str() + ")");

  // A callback's own function key, as uses name it.
  auto IsFunctionOf = [&](const CallbackInfo &C, const std::string &Key) {
    auto It = Inv.Functions.find(Key);
    if (It == Inv.Functions.end() || It->second.Name != C.Name)
      return false;
    return fileOf(Key).empty() || fileOf(Key) == C.Declared.File ||
           It->second.Begin.File == C.Declared.File;
  };
  const CallbackInfo &Cb = *Callbacks.front();
  auto IsCallback = [&](const std::string &Key) { return IsFunctionOf(Cb, Key); };
  // What only other instances do: an init with another callback. Another
  // callback's body stays: uses are per field, and it may reach this instance
  // (a queue's callback kicking its sibling queue); it runs in softirq context.
  auto OtherInstances = [&](const Use &U) {
    for (const CallbackInfo *Other : Others)
      if (isInit(U.Kind) && U.LinkedTo == Other->Key)
        return true;
    return false;
  };
  auto OtherCallback = [&](const std::string &FunctionKey) -> const CallbackInfo * {
    for (const CallbackInfo *Other : Others)
      if (IsFunctionOf(*Other, FunctionKey))
        return Other;
    return nullptr;
  };

  // Uses by function, in source order; functions in the order of their first use.
  std::map<std::string, std::vector<const Use *>> ByFunction;
  std::vector<std::string> Order;
  std::vector<const Use *> Sorted;
  for (const Use &U : O.Uses)
    if (!OtherInstances(U))
      Sorted.push_back(&U);
  std::stable_sort(Sorted.begin(), Sorted.end(),
                   [](const Use *A, const Use *B) { return A->Site.Where < B->Site.Where; });
  std::set<std::string> InitFunctions;
  for (const Use *U : Sorted) {
    if (isInternals(U->Kind))
      return Cannot("internals used at " + U->Site.Where.str() + " (" + useKindCode(U->Kind).str() + ")");
    if (U->Kind == UseKind::EscapeUntyped)
      return Cannot("address escapes untyped at " + U->Site.Where.str());
    if (isDeclare(U->Kind)) {
      P.Init = U->Kind == UseKind::DeclareDisabled || U->Kind == UseKind::DeclareDisabledOld
                   ? ProtocolInit::DeclareDisabled
                   : ProtocolInit::Declare;
      continue;
    }
    if (U->Function.empty())
      return Cannot(useKindCode(U->Kind).str() + " at file scope (" + U->Site.Where.str() + ")");
    if (isInit(U->Kind))
      InitFunctions.insert(U->Function);
    if (!ByFunction.count(U->Function))
      Order.push_back(U->Function);
    ByFunction[U->Function].push_back(U);
  }
  if (InitFunctions.size() > 1)
    return Cannot("initialised in " + std::to_string(InitFunctions.size()) +
                  " functions: re-initialisation at run time is not modelled");

  std::map<std::string, unsigned> IndexOf;
  for (const std::string &Key : Order) {
    IndexOf[Key] = unsigned(P.Functions.size());
    ProtocolFunction F;
    F.Key = Key;
    auto Info = Inv.Functions.find(Key);
    F.Name = Info != Inv.Functions.end() ? Info->second.Name : Key;
    P.Functions.push_back(std::move(F));
  }

  for (ProtocolFunction &F : P.Functions) {
    std::vector<int> OpenDisables; // this function's disables not undone yet, innermost last
    const Use *Kill = nullptr;
    for (const Use *U : ByFunction[F.Key]) {
      std::optional<ProtocolOpKind> K = opKind(U->Kind);
      if (!K)
        continue; // init (done once, first), from_tasklet, stores and reads carried by aliases
      ProtocolOp Op;
      Op.Kind = *K;
      Op.At = U->Site.Where;
      if (P.WorkItem && *K != ProtocolOpKind::CallHelper && *K != ProtocolOpKind::DirectCall) {
        Op.Call = U->Callee;
        Op.Queue = U->Queue;
        if (!Op.Queue.empty() && !isModelledQueue(Op.Queue))
          return Cannot(U->Callee + " on " + Op.Queue + " at " + U->Site.Where.str() +
                        ": only the system workqueues are modelled, not a driver's own");
      }
      if (*K == ProtocolOpKind::CallHelper) {
        // Only a helper whose body uses the tasklet matters; one whose body
        // was not seen made the object manual already.
        auto It = std::find_if(P.Functions.begin(), P.Functions.end(),
                               [&](const ProtocolFunction &H) { return H.Name == U->Callee; });
        // Passing it to the callback is the direct call recorded beside it.
        if (It == P.Functions.end() || IsCallback(It->Key))
          continue;
        Op.Helper = unsigned(It - P.Functions.begin());
      }
      if (isDisable(*K))
        OpenDisables.push_back(int(F.Ops.size()));
      if (*K == ProtocolOpKind::Enable) {
        // A driver balances its disables: an enable happens exactly when the
        // disable it undoes did.
        Op.Optional = false;
        if (!OpenDisables.empty()) {
          Op.Paired = OpenDisables.back();
          OpenDisables.pop_back();
        }
      }
      if (*K == ProtocolOpKind::Kill && !Kill)
        Kill = U;
      // The same operation twice in a row is merged: the choice of doing it
      // already covers both, and each extra choice doubles the executions.
      if (!F.Ops.empty() && F.Ops.back().Kind == Op.Kind && !isDisable(Op.Kind) &&
          Op.Kind != ProtocolOpKind::Enable && F.Ops.back().Helper == Op.Helper &&
          F.Ops.back().Call == Op.Call && F.Ops.back().Queue == Op.Queue) {
        F.Ops.back().AlsoAt.push_back(Op.At);
        continue;
      }
      F.Ops.push_back(Op);
    }

    auto Info = Inv.Functions.find(F.Key);
    const ContextEntry *Entry = nullptr;
    for (const ContextEntry &E : Inv.Context.Entries)
      if (E.Function == F.Key) {
        Entry = &E;
        break;
      }
    if (IsCallback(F.Key)) {
      F.Context = ProtocolContext::Callback;
      F.Why = P.WorkItem ? "the work item's function" : "the tasklet's callback";
    } else if (const CallbackInfo *Other = OtherCallback(F.Key)) {
      F.Context = ProtocolContext::Softirq;
      F.Why = "the callback of instances initialised with " + Other->Name;
    } else if (Entry) {
      F.Context = Entry->Context == "hardirq" ? ProtocolContext::HardIrq : ProtocolContext::Softirq;
      F.Why = Entry->Via + " at " + Entry->At.str();
    } else if (InitFunctions.count(F.Key) ||
               (Info != Inv.Functions.end() && (Info->second.Init || Info->second.ModuleInit))) {
      F.Context = ProtocolContext::InitPath;
      F.Why = !InitFunctions.count(F.Key) ? "__init"
              : P.WorkItem              ? "initialises the work item"
                                        : "initialises the tasklet";
    } else if (Kill) {
      F.Context = ProtocolContext::Teardown;
      F.Why = "contains " + Kill->Callee;
    } else {
      F.Context = ProtocolContext::Process;
      F.Why = "no caller known: any process context";
    }
  }

  // A process-context function that other functions pass the tasklet to runs
  // where they call it, not on its own.
  for (const ProtocolFunction &F : P.Functions)
    for (const ProtocolOp &Op : F.Ops)
      if (Op.Kind == ProtocolOpKind::CallHelper &&
          P.Functions[Op.Helper].Context == ProtocolContext::Process) {
        P.Functions[Op.Helper].Context = ProtocolContext::Helper;
        P.Functions[Op.Helper].Why = "called with the tasklet by " + F.Name;
      }
  // Helper calls that reach back into their caller would recurse forever.
  for (size_t I = 0; I < P.Functions.size(); ++I) {
    std::vector<size_t> Stack = {I};
    std::set<size_t> Seen;
    while (!Stack.empty()) {
      size_t X = Stack.back();
      Stack.pop_back();
      for (const ProtocolOp &Op : P.Functions[X].Ops)
        if (Op.Kind == ProtocolOpKind::CallHelper) {
          if (Op.Helper == I)
            return Cannot("helper " + P.Functions[I].Name + " reaches itself through helper calls");
          if (Seen.insert(Op.Helper).second)
            Stack.push_back(Op.Helper);
        }
    }
  }
  if (InitFunctions.empty() && P.Init == ProtocolInit::Setup)
    return Cannot("no initialisation seen");
  mergeAlike(P);
  return P;
}

} // namespace detasklet
