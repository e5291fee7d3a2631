import Dispatch
import Foundation
import Testing

@testable import EventScopeApp

@Suite("Inbox wake-up")
struct InboxWakeupTests {
    @Test("waiting returns at once when items are waiting, and when one is posted during the wait")
    func postWakesTheWait() {
        let inbox = Inbox()
        inbox.post(.log(sourceID: 0, "early"))
        let clock = ContinuousClock()
        let immediate = clock.measure { inbox.waitForItems(timeoutMs: 5_000) }
        #expect(immediate < .seconds(1))
        #expect(inbox.drain().count == 1)

        DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(50)) { inbox.post(.log(sourceID: 0, "late")) }
        let woken = clock.measure { inbox.waitForItems(timeoutMs: 10_000) }
        // Woken by the post, long before the 10 s timeout (generous bounds for a busy machine).
        #expect(woken < .seconds(5))
        #expect(inbox.drain().count == 1)
    }

    @Test("with nothing posted the wait ends at its timeout")
    func emptyWaitTimesOut() {
        let inbox = Inbox()
        let waited = ContinuousClock().measure { inbox.waitForItems(timeoutMs: 20) }
        #expect(waited >= .milliseconds(15))
        #expect(inbox.drain().isEmpty)
    }
}
