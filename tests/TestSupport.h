// Runs the fact collection on in-memory C code against the shim kernel
// headers, the way the tool does on files.
#ifndef DETASKLET_TESTS_TESTSUPPORT_H
#define DETASKLET_TESTS_TESTSUPPORT_H

#include "inventory/Inventory.h"
#include "matchers/TaskletApi.h"

#include <map>
#include <string>

namespace detasklet::test {

// Extra files are mapped next to the main file (e.g. a driver header).
// Without Api, the shipped tasklet API.
TuFacts collect(const std::string &Code, const std::string &FileName = "drv.c",
                const std::map<std::string, std::string> &ExtraFiles = {},
                const TaskletApi *Api = nullptr);
Inventory inventoryOf(const std::string &Code, const std::string &FileName = "drv.c",
                      const std::map<std::string, std::string> &ExtraFiles = {},
                      const TaskletApi *Api = nullptr);

const ObjectReport *findObject(const Inventory &Inv, const std::string &Name);
unsigned countUses(const ObjectReport &O, UseKind Kind);
const Use *firstUse(const ObjectReport &O, UseKind Kind);
bool hasReason(const ObjectReport &O, const std::string &Code);
bool hasNote(const ObjectReport &O, const std::string &Code);

} // namespace detasklet::test

#endif
