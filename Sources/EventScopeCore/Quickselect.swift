/// Hoare's quickselect: partial ordering in linear expected time, for when only some ranks of
/// a large collection are wanted (the oldest tenth to evict, the rows a list frame shows).
public enum Quickselect {
    /// Reorders `items[low...high]` so the element of rank `rank` (counted from the start of
    /// `items`) is at `rank`, none after it precedes it and none before it follows it.
    ///
    /// The pivot is the median of the first, middle and last elements, and the result depends
    /// on the input only, so tests are repeatable. `precedes` must be a strict weak order;
    /// equal elements are split between both sides, so ties do not degrade it. An input ordered
    /// against the pivot choice (entity names and arrival order come from the wire) could make
    /// it quadratic, so after twice as many rounds as halvings would take, the rest is sorted.
    @inlinable
    public static func select<Element>(
        rank: Int, in items: UnsafeMutableBufferPointer<Element>, low: Int, high: Int,
        by precedes: (Element, Element) -> Bool
    ) {
        guard low <= rank, rank <= high else { return }
        var low = low
        var high = high
        var roundsLeft = 2 * (Int.bitWidth - (high - low + 1).leadingZeroBitCount)
        while low < high {
            guard roundsLeft > 0 else {
                var rest = UnsafeMutableBufferPointer(rebasing: items[low...high])
                rest.sort(by: precedes)
                return
            }
            roundsLeft -= 1
            let middle = low + (high - low) / 2
            let pivot = median(items[low], items[middle], items[high], by: precedes)
            var left = low
            var right = high
            while left <= right {
                while precedes(items[left], pivot) { left += 1 }
                while precedes(pivot, items[right]) { right -= 1 }
                if left <= right {
                    items.swapAt(left, right)
                    left += 1
                    right -= 1
                }
            }
            if rank <= right {
                high = right
            } else if rank >= left {
                low = left
            } else {
                return
            }
        }
    }

    @inlinable
    static func median<Element>(_ a: Element, _ b: Element, _ c: Element, by precedes: (Element, Element) -> Bool) -> Element {
        if precedes(a, b) {
            if precedes(b, c) { return b }
            return precedes(a, c) ? c : a
        }
        if precedes(a, c) { return a }
        return precedes(b, c) ? c : b
    }
}
