import CNcursesw
import EventScopeUI
