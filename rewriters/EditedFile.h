// One file of a conversion: its bytes as read and as edited. Everything that
// leaves the tool (a diff, an in-place write, a patch series) is made from
// these, so the output layer never needs the AST.
#ifndef DETASKLET_REWRITERS_EDITEDFILE_H
#define DETASKLET_REWRITERS_EDITEDFILE_H

#include <string>

namespace detasklet {

struct EditedFile {
  std::string Path;     // relative to the tree root, as it appears in a patch (a/Path, b/Path)
  std::string Original; // bytes as read
  std::string Modified; // bytes after the edits
};

} // namespace detasklet

#endif
