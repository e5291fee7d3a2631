import CRdKafka
import EventScopeCore
