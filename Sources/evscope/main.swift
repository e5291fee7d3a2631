// evscope: parse the command line, wire sources and a backend, run. See Evscope.swift.
import Foundation

MemoryTuning.limitMallocArenas()
exit(Evscope.run(Array(CommandLine.arguments.dropFirst())))
