#include "verify/Protocol.h"

namespace detasklet {

llvm::StringRef protocolOpCode(ProtocolOpKind K) {
  switch (K) {
  case ProtocolOpKind::ScheduleNormal:
    return "schedule";
  case ProtocolOpKind::ScheduleHi:
    return "schedule.hi";
  case ProtocolOpKind::DisableSync:
    return "disable";
  case ProtocolOpKind::DisableAtomic:
    return "disable.in-atomic";
  case ProtocolOpKind::DisableNosync:
    return "disable.nosync";
  case ProtocolOpKind::Enable:
    return "enable";
  case ProtocolOpKind::Kill:
    return "kill";
  case ProtocolOpKind::DirectCall:
    return "callback.direct-call";
  case ProtocolOpKind::CallHelper:
    return "call";
  case ProtocolOpKind::Flush:
    return "flush";
  }
  return "?";
}

llvm::StringRef protocolContextCode(ProtocolContext C) {
  switch (C) {
  case ProtocolContext::InitPath:
    return "init";
  case ProtocolContext::HardIrq:
    return "hardirq";
  case ProtocolContext::Softirq:
    return "softirq";
  case ProtocolContext::Callback:
    return "callback";
  case ProtocolContext::Process:
    return "process";
  case ProtocolContext::Teardown:
    return "teardown";
  case ProtocolContext::Helper:
    return "helper";
  }
  return "?";
}

std::string ObjectProtocol::canonical() const {
  std::string S = Init == ProtocolInit::Setup     ? "setup"
                  : Init == ProtocolInit::Declare ? "declare"
                                                  : "declare-disabled";
  if (WorkItem)
    S = "work " + S;
  for (const ProtocolFunction &F : Functions) {
    S += ";" + protocolContextCode(F.Context).str() + ":";
    for (const ProtocolOp &O : F.Ops) {
      S += " " + protocolOpCode(O.Kind).str();
      if (!O.Optional)
        S += "!";
      if (O.Kind == ProtocolOpKind::Enable)
        S += "@" + std::to_string(O.Paired);
      if (O.Kind == ProtocolOpKind::CallHelper)
        S += "@" + std::to_string(O.Helper);
      if (!O.Call.empty())
        S += "=" + O.Call + "(" + O.Queue + ")";
    }
  }
  return S;
}

} // namespace detasklet
