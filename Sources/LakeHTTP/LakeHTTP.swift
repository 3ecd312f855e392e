// LakeHTTP — see DESIGN.md's module map. (Placeholder file; removed when the module gets its first type.)
