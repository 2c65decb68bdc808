#include "verify/ProtocolAlignment.h"

#include <map>

namespace detasklet {

namespace {

enum class Role { Schedule, Disable, Enable, Kill, DirectCall, Helper, Flush };

Role roleOf(ProtocolOpKind K) {
  switch (K) {
  case ProtocolOpKind::ScheduleNormal:
  case ProtocolOpKind::ScheduleHi:
    return Role::Schedule;
  case ProtocolOpKind::DisableSync:
  case ProtocolOpKind::DisableAtomic:
  case ProtocolOpKind::DisableNosync:
    return Role::Disable;
  case ProtocolOpKind::Enable:
    return Role::Enable;
  case ProtocolOpKind::Kill:
    return Role::Kill;
  case ProtocolOpKind::DirectCall:
    return Role::DirectCall;
  case ProtocolOpKind::CallHelper:
    return Role::Helper;
  case ProtocolOpKind::Flush:
    return Role::Flush;
  }
  return Role::Schedule;
}

// Operations that can stand for one another in a conversion, right or
// wrong: exploring both drivers then tells which. Stopping the object (kill,
// disable, flush) is one class: a kill written as disable_work_sync() is the
// usbnet mistake, and the model shows it.
bool counterpart(Role Original, Role Converted) {
  auto Stops = [](Role R) { return R == Role::Kill || R == Role::Disable || R == Role::Flush; };
  return Original == Converted || (Stops(Original) && Stops(Converted));
}

} // namespace

std::string droppedOperations(
    const ObjectProtocol &Original, const ObjectProtocol &Converted,
    const std::function<LineMap::Lines(const std::string &, unsigned)> &LinesAfter) {
  auto HasCounterpart = [&](const ProtocolOp &Op) {
    LineMap::Lines L = LinesAfter(Op.At.File, Op.At.Line);
    for (const ProtocolFunction &F : Converted.Functions)
      for (const ProtocolOp &C : F.Ops) {
        if (!counterpart(roleOf(Op.Kind), roleOf(C.Kind)))
          continue;
        std::vector<SourcePos> Places = C.AlsoAt;
        Places.push_back(C.At);
        for (const SourcePos &P : Places)
          if (P.File == Op.At.File && P.Line >= L.First && P.Line < L.First + L.Count)
            return true;
      }
    return false;
  };
  std::string Out;
  for (const ProtocolFunction &F : Original.Functions)
    for (const ProtocolOp &Op : F.Ops)
      if (!HasCounterpart(Op))
        Out += (Out.empty() ? "" : ", ") + protocolOpCode(Op.Kind).str() + " in " +
               (F.Context == ProtocolContext::Callback ? std::string("the callback") : F.Name + "()") +
               " (" + Op.At.str() + ")";
  return Out;
}

void takeContexts(const ObjectProtocol &Original, ObjectProtocol &Converted) {
  std::map<std::string, const ProtocolFunction *> ByName;
  for (const ProtocolFunction &F : Original.Functions) {
    ByName.emplace(F.Name, &F);
    for (const std::string &A : F.Alike)
      ByName.emplace(A, &F);
  }
  for (ProtocolFunction &F : Converted.Functions) {
    auto It = ByName.find(F.Name);
    if (It == ByName.end() || F.Context == ProtocolContext::Callback ||
        It->second->Context == ProtocolContext::Callback)
      continue;
    F.Context = It->second->Context;
    F.Why = It->second->Why + " (as the original)";
  }
}

bool rendersDisabledState(const ObjectProtocol &Converted) {
  for (const ProtocolFunction &F : Converted.Functions) {
    if (F.Context != ProtocolContext::InitPath)
      continue;
    for (size_t I = 0; I < F.Ops.size(); ++I) {
      if (roleOf(F.Ops[I].Kind) != Role::Disable)
        continue;
      bool Undone = false;
      for (const ProtocolOp &Later : F.Ops)
        Undone |= Later.Kind == ProtocolOpKind::Enable && Later.Paired == int(I);
      if (!Undone)
        return true;
    }
  }
  return false;
}

} // namespace detasklet
