import EventScopeCore
print("evscope")
