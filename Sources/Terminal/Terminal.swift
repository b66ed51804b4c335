// Terminal backend.
