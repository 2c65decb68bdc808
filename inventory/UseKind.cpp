#include "inventory/UseKind.h"

#include <array>
#include <utility>

namespace detasklet {

namespace {
using Entry = std::pair<UseKind, const char *>;
constexpr std::array<Entry, 30> Codes = {{
    {UseKind::InitSetup, "init.setup"},
    {UseKind::InitLegacy, "init.legacy"},
    {UseKind::Declare, "declare"},
    {UseKind::DeclareOld, "declare.old"},
    {UseKind::DeclareDisabled, "declare.disabled"},
    {UseKind::DeclareDisabledOld, "declare.disabled-old"},
    {UseKind::Schedule, "schedule"},
    {UseKind::ScheduleHi, "schedule.hi"},
    {UseKind::Disable, "disable"},
    {UseKind::DisableNosync, "disable.nosync"},
    {UseKind::DisableInAtomic, "disable.in-atomic"},
    {UseKind::Enable, "enable"},
    {UseKind::Kill, "kill"},
    {UseKind::FromTasklet, "from-tasklet"},
    {UseKind::ContainerOf, "container-of"},
    {UseKind::CallbackCall, "callback.direct-call"},
    {UseKind::EscapeParam, "escape.param"},
    {UseKind::EscapeStore, "escape.store"},
    {UseKind::EscapeReturn, "escape.return"},
    {UseKind::EscapeUntyped, "escape.untyped"},
    {UseKind::InternalsField, "internals.field"},
    {UseKind::InternalsStateBit, "internals.state-bit"},
    {UseKind::InternalsTrylock, "internals.trylock"},
    {UseKind::InternalsUnlock, "internals.unlock"},
    {UseKind::InternalsUnlockWait, "internals.unlock-wait"},
    {UseKind::InternalsUnlockSpinWait, "internals.unlock-spin-wait"},
    {UseKind::InternalsRawSchedule, "internals.raw-schedule"},
    {UseKind::AddressCompared, "address.compared"},
    {UseKind::AddressVariadic, "address.variadic"},
    {UseKind::Flush, "flush"},
}};
} // namespace

llvm::StringRef useKindCode(UseKind K) {
  for (const Entry &E : Codes)
    if (E.first == K)
      return E.second;
  return "unknown";
}

std::optional<UseKind> useKindFromCode(llvm::StringRef Code) {
  for (const Entry &E : Codes)
    if (Code == E.second)
      return E.first;
  return std::nullopt;
}

bool isInit(UseKind K) {
  return K == UseKind::InitSetup || K == UseKind::InitLegacy || isDeclare(K);
}

bool isDeclare(UseKind K) {
  return K == UseKind::Declare || K == UseKind::DeclareOld || K == UseKind::DeclareDisabled ||
         K == UseKind::DeclareDisabledOld;
}

bool isInternals(UseKind K) {
  switch (K) {
  case UseKind::InternalsField:
  case UseKind::InternalsStateBit:
  case UseKind::InternalsTrylock:
  case UseKind::InternalsUnlock:
  case UseKind::InternalsUnlockWait:
  case UseKind::InternalsUnlockSpinWait:
  case UseKind::InternalsRawSchedule:
    return true;
  default:
    return false;
  }
}

bool isEscape(UseKind K) {
  return K == UseKind::EscapeParam || K == UseKind::EscapeStore || K == UseKind::EscapeReturn ||
         K == UseKind::EscapeUntyped;
}

} // namespace detasklet
