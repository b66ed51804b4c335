// The shared test helpers (Spawn, assertGolden) for every file of this target.
@_exported import TestSupport
