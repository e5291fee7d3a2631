// EventScopeApp: the loop that joins sources, the store, UI state and a backend.
